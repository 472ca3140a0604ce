"""Measurements that run inside Padu's own processes, not through HTTP.

    python -m bench.inprocess issue WORLD.json --seconds 20 --processes 2
    python -m bench.inprocess rollup WORLD.json --repeat 7

`issue`: signed PDF letters per second through `document_issue` (render → number → sign →
store, with its audit event), in as many processes as the machine has cores, as a pool of
production workers would, each process for another office (an office's signer signs one
letter after another: its number counter and audit chain are locked until each commits);
then verifications per second of those letters through
`document_verify_upload` (the public "check a PDF" page's work). Prints one JSON object.

`rollup`: applications counted by status for every agency under the province, through
`application_status_rollup`; the first (cold) run and the median of the rest.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import time
from typing import Any


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def _issue_worker(args: tuple[dict[str, Any], float, int]) -> dict[str, Any]:
    world, seconds, index = args
    _setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from bench.loader import ISSUE_KIND, sample_context
    from padu.core.actors import Actor
    from padu.core.models import Agency, Membership
    from padu.documents.selectors import document_verify_upload, letter_template_current
    from padu.documents.services import document_issue

    connection.close()  # a fresh connection per process
    agency_id, signer_id, membership_id = world["issuers"][index % len(world["issuers"])]
    agency = Agency.objects.get(pk=agency_id)
    membership = Membership.objects.select_related("user").get(pk=membership_id)
    actor = Actor(user=get_user_model().objects.get(pk=signer_id))
    template = letter_template_current(agency.pk, ISSUE_KIND)
    assert template is not None

    def issue() -> Any:
        return document_issue(
            actor=actor,
            agency=agency,
            kind=ISSUE_KIND,
            template=template,
            context=sample_context(),
            signer_membership=membership,
            title="Surat Keterangan Belum Menikah",
            subject=f"Surat Keterangan Belum Menikah — bench {index}",
        )

    issue()  # warm-up: fonts, templates, the signer
    issued: list[Any] = []
    start = time.perf_counter()
    latencies: list[float] = []
    while time.perf_counter() - start < seconds:
        t = time.perf_counter()
        issued.append(issue())
        latencies.append(time.perf_counter() - t)
    issue_s = time.perf_counter() - start
    pdfs = []
    for doc in issued[:50]:
        with doc.pdf.open("rb") as fh:
            pdfs.append(fh.read())
    verified = 0
    verdicts: set[str] = set()
    start = time.perf_counter()
    while time.perf_counter() - start < seconds / 2:
        result = document_verify_upload(pdfs[verified % len(pdfs)])
        verdicts.add(str(result.verdict))
        verified += 1
    verify_s = time.perf_counter() - start
    return {
        "issued": len(issued),
        "issue_seconds": issue_s,
        "latencies": latencies,
        "verified": verified,
        "verify_seconds": verify_s,
        "verdicts": sorted(verdicts),
    }


def issue(world: dict[str, Any], seconds: float, processes: int) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(processes) as pool:
        results = pool.map(_issue_worker, [(world, seconds, i) for i in range(processes)])
    issued = sum(r["issued"] for r in results)
    verified = sum(r["verified"] for r in results)
    latencies = sorted(x for r in results for x in r["latencies"])
    issue_s = max(r["issue_seconds"] for r in results)
    verify_s = max(r["verify_seconds"] for r in results)
    return {
        "processes": processes,
        "documents": issued,
        "seconds": round(issue_s, 2),
        "per_s": round(issued / issue_s, 2),
        "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 1)
        if latencies
        else None,
        "verify_per_s": round(verified / verify_s, 2),
        "verifications": verified,
        "verdicts": sorted({v for r in results for v in r["verdicts"]}),
    }


def rollup(world: dict[str, Any], repeat: int) -> dict[str, Any]:
    _setup()
    from padu.core.actors import OPERATOR
    from padu.services.selectors import application_status_rollup

    timings = []
    result: dict[int, dict[str, int]] = {}
    for _ in range(repeat):
        t = time.perf_counter()
        result = application_status_rollup(OPERATOR, world["province_agency_id"])
        timings.append(time.perf_counter() - t)
    total = sum(sum(v.values()) for v in result.values())
    return {
        "agencies": len(result),
        "applications": total,
        "cold_ms": round(1000 * timings[0], 1),
        "median_ms": round(1000 * statistics.median(timings[1:] or timings), 1),
        "max_ms": round(1000 * max(timings), 1),
        "runs": repeat,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["issue", "rollup"])
    parser.add_argument("world")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    with open(args.world) as fh:
        world = json.load(fh)["world"]
    if args.what == "issue":
        out = issue(world, args.seconds, args.processes)
    else:
        out = rollup(world, args.repeat)
    print("RESULT " + json.dumps(out))


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
