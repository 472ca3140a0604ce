"""Settings for the benchmark server: Padu's production settings plus one bench-only URL.

Nothing here changes how Padu behaves; it only routes `/bench/ceiling/` (a bare view, the
framework's own limit on this machine) through `bench.urls`. Production never loads this
module, so the view does not exist there.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
