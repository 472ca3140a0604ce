"""Create one benchmark database: migrate, bulk-load, and make the logins the load generator uses.

Run in its own process by `bench.run` (Django binds DATABASE_URL at start-up):

    python -m bench.prepare base OUT.json --applications N --citizens N --agencies N --state STATE.json
    python -m bench.prepare grow OUT.json --applications N --state STATE.json

`base` migrates and loads the tree, people, services and a first batch of applications (the
live backlog); `grow` adds history to the same database, so the cost curve compares the
same offices, people and backlog at two sizes. Writes OUT.json: the load report and what the
measurements need (ids, tracking numbers, session cookies of citizens and of one verifier).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import time
from dataclasses import asdict


def _session(user_id: int) -> str:
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(pk=user_id)
    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    store["_auth_user_hash"] = user.get_session_auth_hash()
    store.create()
    assert store.session_key
    return store.session_key


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("stage", choices=["base", "grow"])
    parser.add_argument("out")
    parser.add_argument("--applications", type=int, required=True)
    parser.add_argument("--citizens", type=int, default=0)
    parser.add_argument("--agencies", type=int, default=0)
    parser.add_argument("--state", required=True)
    parser.add_argument("--sessions", type=int, default=64)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from bench.loader import load_base, load_more
    from padu.documents.pki import SIGNER_KEY, pki_dir, pki_init

    if not (pki_dir() / SIGNER_KEY).exists():
        pki_init()
    if args.stage == "base":
        t = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrate_s = time.perf_counter() - t
        report, world = load_base(
            agencies=args.agencies,
            citizens=args.citizens,
            applications=args.applications,
            state_file=args.state,
            quiet=args.quiet,
        )
        report.steps.insert(0, {"step": "migrate", "rows": 0, "seconds": round(migrate_s, 2), "rows_per_s": 0})
    else:
        report, world = load_more(applications=args.applications, state_file=args.state, quiet=args.quiet)
    citizens = [(_session(uid), nik, name) for uid, nik, name in world.citizens[: args.sessions]]
    officer = _session(world.verifier_user_id)
    out = {
        "load": {
            "steps": report.steps,
            "rows": report.total_rows,
            "seconds": round(report.total_seconds, 1),
            "rows_per_s": round(report.total_rows / max(report.total_seconds, 1e-9)),
        },
        "world": asdict(world),
        "sessions": {"citizens": citizens, "officer": officer},
        # The CSRF secret the load generator sends as cookie and header (Django accepts the
        # unmasked secret in the header).
        "csrf": secrets.token_hex(16),
    }
    with open(args.out, "w") as fh:
        json.dump(out, fh)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
