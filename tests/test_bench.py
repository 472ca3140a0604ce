"""The benchmark's own pieces that must stay right as Padu changes (the full run is
`python -m bench.run`; CI runs its smoke mode on PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
from pathlib import Path
from typing import Any

import pytest

from bench import run as bench_run
from bench.loader import GENESIS, AuditWriter, _nik, _tracking, _weights
from bench.run import SCALES, over_ceiling, targets
from padu.core.actors import OPERATOR
from padu.core.audit import audit_record, audit_verify
from padu.core.identifiers import validate_nik
from padu.core.models import AuditChainHead, AuditEvent
from padu.core.tracking import normalise_tracking_number
from tests.factories import make_agency

pytestmark = pytest.mark.django_db


def _bulk(agency_id: int, n: int) -> None:
    writer = AuditWriter()
    start = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
    events: list[tuple[dt.datetime, int | None, str, str, str, str, dict[str, Any]]] = [
        (
            start + dt.timedelta(minutes=7 * (n - i)),  # out of order: the writer sorts by time
            None,
            "Siti Rahmawati",
            "application.submit",
            "services.application",
            str(100 + i),
            {"from": "draft", "to": "in_review", "step": 0, "note": ""},
        )
        for i in range(n)
    ]
    objects = []
    for row in writer.rows(agency_id, events):
        fields = dict(zip(AuditWriter.COLUMNS, row, strict=True))
        fields["changes"] = json.loads(fields["changes"])  # COPY hands PostgreSQL the JSON text
        del fields["id"]  # the database's own ids here (the loader moves the sequences past its own)
        objects.append(AuditEvent(**fields))
    AuditEvent.objects.bulk_create(objects)
    seq, last = writer.heads[agency_id]
    AuditChainHead.objects.update_or_create(chain=agency_id, defaults={"last_seq": seq, "last_hash": last})


def test_bulk_audit_rows_continue_the_chain_and_verify():
    agency = make_agency()  # agency_create already appended to the chain
    _bulk(agency.pk, 25)
    # A change made through Padu after the bulk rows links to them.
    audit_record(actor=OPERATOR, verb="bench.after", agency=agency, object_type="bench", object_id=1)
    total, problems = audit_verify()
    assert problems == []
    assert AuditEvent.objects.filter(chain=agency.pk).count() >= 27
    seqs = list(AuditEvent.objects.filter(chain=agency.pk).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))


def test_a_changed_bulk_row_is_caught():
    agency = make_agency()
    _bulk(agency.pk, 5)
    AuditEvent.objects.filter(chain=agency.pk, seq=3).update(actor_label="someone else")
    _total, problems = audit_verify()
    assert [(p.chain, p.seq, p.kind) for p in problems] == [(agency.pk, 3, "edited")]


def test_generated_identifiers_are_valid():
    import random

    rng = random.Random(1)
    seen: set[str] = set()
    numbers = [_tracking(rng, seen, "0123") for _ in range(200)]
    assert len(set(numbers)) == 200
    assert all(normalise_tracking_number(n) == n and n[0] in "0123" for n in numbers)
    nik = _nik("32.04.05", dt.date(1990, 6, 5), True, 17)
    assert validate_nik(nik, check_region=False).number == nik
    assert GENESIS == "0" * 64


def test_busy_offices_are_few_and_the_tail_long():
    weights = _weights(500)
    assert abs(sum(weights) - 1) < 1e-9
    assert weights[0] > 10 * weights[99] and weights[1] < weights[0]


def test_targets_are_judged_from_the_figures():
    ratios = {
        "tracking_page_over_ceiling": 0.7,
        "tracking_api_over_ceiling": 0.5,
        "catalogue_over_ceiling": 0.5,
        "submit_over_pgbench": 0.3,
        "cost_curve": {"tracking_api": {"p50_ratio": 1.1}, "submit": {"p50_ratio": 1.4}},
    }
    full = {"inbox_page": {"p99_ms": 80.0}, "inbox_api": {"p99_ms": 120.0}}
    data = {"memory": {"growth_mib_max": 3.0}, "issue": {"per_s": 21.0}, "rollup": {"median_ms": 200.0}}
    met = {t["target"]: t["met"] for t in targets(ratios, full, data, errors=0)}
    assert met["tracking page ≥ 0.6 × ceiling"] and not met["tracking API ≥ 0.6 × ceiling"]
    assert met["inbox page p99 < 100 ms"] and not met["inbox API p99 < 100 ms"]
    assert not met["p50 at full ≤ 1.3 × p50 at small (worst)"]
    assert met["no error responses"] and met["signed PDFs ≥ 20/s"]
    assert SCALES["full"].total == 1_000_000 and SCALES["full"].base == 10_000


PAGES = ("ceiling", "tracking_page", "tracking_api", "catalogue", "inbox_page", "inbox_api", "citizens")
LISTS = {k: Path(k) for k in PAGES}
PREPARED = {"sessions": {"officer": "x"}, "world": {"busy_agency_slug": "a"}, "csrf": "t"}


def _measure(monkeypatch: Any, speeds: list[float], names: list[str], server: Any = None) -> dict[str, Any]:
    """measure_http with wrk answering `speeds` in turn, on a server whose workers share the work."""
    answers = iter(speeds)
    monkeypatch.setattr(
        bench_run, "wrk", lambda *a, **k: {"rps": next(answers), "p50_ms": 1.0, "p99_ms": 2.0, "errors": 0}
    )
    stand_in: Any = server or _Balanced()  # has what measure_http uses of a Server: port, cpu()
    return bench_run.measure_http({"wrk": "wrk"}, stand_in, SCALES["smoke"], PREPARED, LISTS, names)


def _first_sight(server: Any, lists: list[Path], connections: int) -> dict[str, Any]:
    return {"lists": lists, "requests": 2, "rps": 10.0, "p50_ms": 1.0, "p99_ms": 2.0, "errors": 0}


class _Balanced:
    """A server whose two workers share every run's work evenly."""

    port = 1

    def __init__(self) -> None:
        self.used = 0.0

    def cpu(self) -> list[float]:
        self.used += 1.0
        return [self.used, self.used]


class _OneWorkerFirst(_Balanced):
    """The first run lands on one worker only (4 s against none); the next is shared."""

    def __init__(self) -> None:
        super().__init__()
        self.snapshots = iter([[5.0, 5.0], [9.0, 5.0], [9.0, 5.0], [12.0, 8.0]])

    def cpu(self) -> list[float]:
        return next(self.snapshots)


def test_a_run_served_by_one_worker_is_measured_again(monkeypatch):
    out = _measure(monkeypatch, [1100.0, 3300.0], ["ceiling"], server=_OneWorkerFirst())
    assert out["ceiling"]["rps"] == 3300.0 and out["ceiling"]["unbalanced_runs"] == 1
    assert bench_run.balanced([3.7, 3.6]) and not bench_run.balanced([4.1, 0.02])


def test_each_page_is_compared_with_the_ceiling_measured_beside_it(monkeypatch):
    # the machine slows down, then recovers
    speeds = [1000.0, 400.0, 3000.0, 900.0, 2000.0, 30.0]
    names = ["ceiling", "tracking_page", "ceiling", "tracking_api", "ceiling", "inbox_page"]
    out = _measure(monkeypatch, speeds, names)
    assert out["ceiling"]["rps"] == 3000.0 and out["ceiling"]["runs_rps"] == [1000.0, 3000.0, 2000.0]
    assert out["tracking_page"]["ceiling_beside_rps"] == [1000.0, 3000.0]
    assert over_ceiling(out["tracking_page"], out["ceiling"]) == 0.2  # 400 / mean(1000, 3000)
    assert over_ceiling(out["tracking_api"], out["ceiling"]) == 0.36  # 900 / mean(3000, 2000)
    assert out["inbox_page"]["ceiling_beside_rps"] == [2000.0]  # none after it: the one before


def test_the_tracking_warm_up_asks_for_every_page_and_api_address(monkeypatch):
    monkeypatch.setattr(bench_run, "first_sight", _first_sight)
    seen = bench_run.tracking_first_sight(_Balanced(), SCALES["smoke"], LISTS)  # type: ignore[arg-type]
    assert seen["lists"] == [LISTS["tracking_page"], LISTS["tracking_api"]]


def test_first_sight_asks_for_each_address_once_and_counts_what_is_not_a_200(tmp_path):
    asked: list[str] = []

    class Pages(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the handler's API
            asked.append(self.path)
            self.send_response(404 if "missing" in self.path else 200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    pages, api = tmp_path / "pages.txt", tmp_path / "api.txt"
    pages.write_text("/lacak/A/\n/lacak/B/\n")
    api.write_text("/api/v1/tracking/A\n/api/v1/tracking/missing\n")
    try:
        stand_in: Any = type("S", (), {"url": f"http://127.0.0.1:{server.server_port}"})()
        out = bench_run.first_sight(stand_in, [pages, api], connections=2)
    finally:
        server.shutdown()
    assert sorted(asked) == sorted(["/lacak/A/", "/lacak/B/", "/api/v1/tracking/A", "/api/v1/tracking/missing"])
    assert out["requests"] == 4 and out["errors"] == 1 and out["rps"] > 0


def test_a_page_in_slices_is_judged_by_the_median_of_its_ratios(monkeypatch):
    # ceiling, page, ceiling, page (disturbed), ceiling, page, ceiling
    speeds = [3000.0, 1800.0, 3000.0, 300.0, 3000.0, 1500.0, 3000.0]
    out = _measure(monkeypatch, speeds, ["ceiling", *bench_run.PAIRED_SLICES * ("catalogue", "ceiling")])
    assert out["catalogue"]["ratio_slices"] == [0.6, 0.1, 0.5]
    assert over_ceiling(out["catalogue"], out["ceiling"]) == 0.5  # the disturbed slice does not decide
    assert out["catalogue"]["rps"] == 1500.0 and len(out["catalogue"]["slices"]) == 3
    assert out["ceiling"]["runs_rps"] == [3000.0] * 4


def test_gunicorn_configuration_serves_padu_with_threads_and_freezes_start_up_objects():
    import gc
    import runpy

    conf = runpy.run_path(str(Path(__file__).resolve().parents[1] / "config" / "gunicorn.conf.py"))
    assert conf["wsgi_app"] == "config.wsgi:application"
    assert conf["worker_class"] == "gthread" and conf["threads"] == 4 and conf["workers"] >= 1
    try:
        conf["post_worker_init"](None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
