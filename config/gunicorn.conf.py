"""gunicorn settings for Padu (ADR 0005): threaded workers, one per core, four threads each.

    .venv/bin/gunicorn -c config/gunicorn.conf.py config.wsgi:application --bind 127.0.0.1:8000

Command-line flags override what is set here (e.g. `--workers 4`).
"""

from __future__ import annotations

import gc
import os
from typing import Any

wsgi_app = "config.wsgi:application"
worker_class = "gthread"
workers = int(os.environ.get("WEB_WORKERS") or os.cpu_count() or 1)
threads = int(os.environ.get("WEB_THREADS") or 4)
keepalive = 5
max_requests = 10000
max_requests_jitter = 1000
graceful_timeout = 30


def post_worker_init(worker: Any) -> None:
    """Once Django is loaded in the worker, move everything it holds (settings, URL patterns,
    templates, translations: a few hundred thousand objects) out of the garbage collector's
    sight. They live as long as the worker, and the collector no longer walks them on every
    full collection during requests."""
    gc.collect()
    gc.freeze()
