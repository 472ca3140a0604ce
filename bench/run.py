"""Padu's performance benchmark: one command, one table of ratios.

    .venv/bin/python -m bench.run --scale full     # 1,000,000 applications (about 15 minutes)
    .venv/bin/python -m bench.run --scale smoke    # tiny data, every piece once (CI)

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/, a role
that may create databases), Redis for the cache (BENCH_CACHE_URL, default
redis://127.0.0.1:6379/7; `locmemcache://` to go without), `wrk` and `pgbench` on the PATH
(or PostgreSQL's bin directory), and gunicorn in the virtual environment. The database
`padu_bench` (smoke: `padu_bench_smoke`) is dropped and created afresh.

Steps: bulk-load the first 10,000 applications (the live backlog) and copy that database
(`padu_bench_small`, the cost curve's small end); add 990,000 applications of history; measure
tracking, inbox and submit on the copy, then everything (ceiling, tracking, catalogue, inbox,
submit beside pgbench, issue and verify, rollup) on the grown database; print the table and
write bench/results/latest.json and latest.md (smoke: smoke.json and smoke.md).
`--keep` keeps both databases and the work directory; `--reuse` measures them again without
loading (on a quieter machine, say), reporting the load figures of the run that loaded them.
See docs/performance.md.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import dataclasses
import datetime as dt
import glob
import hashlib
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
VENV_BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Scale:
    name: str
    agencies: int
    citizens: int
    base: int  # applications before the first measurements (the cost curve's small end)
    total: int  # applications at the end
    seconds: int  # each wrk measurement
    warmup: int
    connections: int
    inbox_connections: int
    wrk_threads: int
    workers: int
    threads: int
    issue_seconds: int
    pgbench_scale: int
    results: str


SCALES = {
    "full": Scale("full", 500, 200_000, 10_000, 1_000_000, 15, 3, 16, 4, 2, 2, 4, 20, 16, "latest"),
    "smoke": Scale("smoke", 12, 300, 300, 1_500, 2, 1, 4, 2, 1, 2, 2, 3, 1, "smoke"),
}

# The population register's part (bench/registries.py): a regency of 1,000,000 residents in
# 300 villages; the busiest has 19,000 and receives a 20,000-row SIAK file.
REGISTRY_SCALES = {
    "full": {"residents": 1_000_000, "villages": 300, "big": 19_000, "import_rows": 20_000},
    "smoke": {"residents": 12_000, "villages": 6, "big": 1_900, "import_rows": 2_000},
}

# Targets from the issue (2 cores, server and load generator together).
TARGETS = {
    "tracking_page_over_ceiling": 0.6,
    "tracking_api_over_ceiling": 0.6,
    "catalogue_over_ceiling": 0.5,
    "inbox_p99_ms": 100.0,
    "submit_over_pgbench": 0.25,
    "cost_curve_max": 1.3,
    "issue_per_s": 20.0,
    "rollup_ms": 500.0,
}


class BenchError(Exception):
    """A precondition failed; the message says what to do."""


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


# ---- tools and services ----


def find_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True):
        return candidate
    hints = {
        "wrk": "install it: apt-get install -y wrk",
        "pgbench": "install PostgreSQL's client tools: apt-get install -y postgresql-client",
        "gunicorn": "install Padu with its dependencies: python3 bootstrap.py test (or pip install -e .)",
    }
    raise BenchError(f"`{name}` was not found; {hints.get(name, 'install it')}.")


def check_tools() -> dict[str, str]:
    tools = {"wrk": find_tool("wrk"), "pgbench": find_tool("pgbench")}
    gunicorn = VENV_BIN / "gunicorn"
    if not gunicorn.exists():
        raise BenchError(f"gunicorn is not installed in {VENV_BIN}; run python3 bootstrap.py test first.")
    tools["gunicorn"] = str(gunicorn)
    return tools


def server_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/")
    return url.rstrip("/") + "/"


def admin_sql(*statements: str) -> None:
    import psycopg

    try:
        with psycopg.connect(server_url() + "postgres", autocommit=True) as conn:
            for sql in statements:
                conn.execute(sql.encode())
    except psycopg.OperationalError as exc:
        raise BenchError(f"Cannot reach PostgreSQL at {server_url()} ({exc}); set BENCH_DATABASE_URL.") from exc


def check_cache(url: str) -> None:
    if not url.startswith("redis://"):
        return
    host, _, rest = url[len("redis://") :].partition(":")
    port = int(rest.split("/")[0] or 6379)
    try:
        with socket.create_connection((host, port), timeout=3) as sock:
            sock.sendall(b"PING\r\n")
            if not sock.recv(16).startswith(b"+PONG"):
                raise OSError("no PONG")
    except OSError as exc:
        raise BenchError(f"Redis does not answer at {url} ({exc}); start it or set BENCH_CACHE_URL.") from exc


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ---- the environment every Padu process of the run gets ----


def padu_env(database: str, work: Path, secret: str, cache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PADU_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "PYTHONPATH": str(ROOT),
            "DEBUG": "false",
            "SECRET_KEY": secret,
            # Its own data key, made from the run's secret (so a --reuse run reads the same data).
            "PADU_DATA_KEY": hashlib.sha256(f"padu-bench-data-key:{secret}".encode()).hexdigest(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # As behind nginx terminating TLS: the load generator sends X-Forwarded-Proto: https,
            # so HTTPS redirects, secure cookies and HSTS stay on as in production.
            "BEHIND_TLS_PROXY": "true",
            "DATABASE_URL": server_url() + database,
            "CACHE_URL": cache,
            "CONN_MAX_AGE": "60",
            "MEDIA_ROOT": str(work / "media"),
            "STATIC_ROOT": str(work / "static"),
            "PADU_PKI_DIR": str(work / "pki"),
            "LOG_LEVEL": "WARNING",
        }
    )
    env.pop("DATABASE_URL_TEST", None)
    return env


def run_py(args: list[str], env: dict[str, str], *, capture: bool = False) -> str:
    result = subprocess.run(  # noqa: S603 - this interpreter with our own module names
        [sys.executable, *args], cwd=ROOT, env=env, check=False, text=True, stdout=subprocess.PIPE if capture else None
    )
    if result.returncode != 0:
        raise BenchError(f"`python {' '.join(args)}` failed (exit code {result.returncode}).")
    return result.stdout or ""


def result_line(output: str) -> dict[str, Any]:
    for line in output.splitlines():
        if line.startswith("RESULT "):
            parsed: dict[str, Any] = json.loads(line[len("RESULT ") :])
            return parsed
    raise BenchError("a measurement printed no RESULT line")


# ---- the server ----


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds a process has used (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Server:
    def __init__(self, env: dict[str, str], scale: Scale, gunicorn: str, log: Path) -> None:
        self.env = env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.scale = scale
        self.gunicorn = gunicorn
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        args = [
            self.gunicorn,
            "--config=config/gunicorn.conf.py",  # production's own settings (ADR 0005)
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.scale.workers}",
            f"--threads={self.scale.threads}",
            "--max-requests=0",  # no restart in mid-run: memory growth is what is measured
            "--log-level=warning",
            "--error-logfile=-",
        ]
        self.proc = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn, fixed arguments
            args, cwd=ROOT, env=self.env, stdout=self.log.open("ab"), stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"gunicorn exited at start; see {self.log}")
            try:
                req = urllib.request.Request(  # noqa: S310 - loopback URL we built
                    self.url + "/bench/ceiling/", headers={"X-Forwarded-Proto": "https"}
                )
                with urllib.request.urlopen(req, timeout=2) as resp:  # noqa: S310
                    if resp.status == 200 and len(self.workers()) == self.scale.workers:
                        return self
            except OSError:
                pass
            time.sleep(0.3)
        raise BenchError(f"gunicorn did not answer within 60 s; see {self.log}")

    def workers(self) -> list[int]:
        assert self.proc is not None
        return _children(self.proc.pid)

    def rss(self) -> list[float]:
        return [_rss_mib(pid) for pid in self.workers()]

    def cpu(self) -> list[float]:
        return [_cpu_seconds(pid) for pid in self.workers()]

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


# ---- wrk ----


def wrk(
    tool: str,
    server: Server,
    script: str,
    args: list[str],
    *,
    seconds: int,
    connections: int,
    threads: int,
    warmup: int = 0,
) -> dict[str, Any]:
    def once(duration: int) -> dict[str, Any]:
        cmd = [
            tool,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout=10s",
            "-s",
            str(BENCH / "lua" / script),
            server.url,
            "--",
            *args,
        ]
        out = subprocess.run(cmd, check=False, capture_output=True, text=True)  # noqa: S603
        for line in out.stdout.splitlines():
            if line.startswith("WRKJSON "):
                data: dict[str, Any] = json.loads(line[len("WRKJSON ") :])
                return data
        raise BenchError(f"wrk printed no result:\n{out.stdout}\n{out.stderr}")

    if warmup:
        once(warmup)
    data = once(seconds)
    secs = data["duration_us"] / 1e6
    errors = (
        data["connect_errors"]
        + data["read_errors"]
        + data["write_errors"]
        + data["status_errors"]
        + data["timeouts"]
        + data["unexpected_status"]
    )
    result = {
        "rps": round(data["requests"] / secs, 1),
        "p50_ms": round(data["p50_us"] / 1000, 2),
        "p90_ms": round(data["p90_us"] / 1000, 2),
        "p99_ms": round(data["p99_us"] / 1000, 2),
        "max_ms": round(data["max_us"] / 1000, 2),
        "requests": data["requests"],
        "errors": errors,
        "seconds": round(secs, 1),
        "connections": connections,
        "kb_per_response": round(data["bytes"] / max(data["requests"], 1) / 1024, 1),
    }
    if "submitted" in data:
        result["submissions_per_s"] = round(data["submitted"] / secs, 1)
        result["submitted"] = data["submitted"]
        result["started"] = data["started"]
    return result


# ---- pgbench ----


def pgbench(tool: str, database: str, scale: Scale, seconds: int) -> dict[str, Any]:
    """The database's own commit ceiling: pgbench's built-in TPC-B-like transaction (three
    updates, one select and one insert, committed), as many clients as wrk's connections."""
    url = server_url() + database
    init = subprocess.run(  # noqa: S603
        [tool, "-i", "-q", f"-s{scale.pgbench_scale}", url], check=False, capture_output=True, text=True
    )
    if init.returncode != 0:
        raise BenchError(f"pgbench -i failed: {init.stderr}")
    try:
        out = subprocess.run(  # noqa: S603
            [tool, "-n", f"-c{scale.connections}", f"-j{scale.wrk_threads}", f"-T{seconds}", url],
            check=False,
            capture_output=True,
            text=True,
        )
        if out.returncode != 0:
            raise BenchError(f"pgbench failed: {out.stderr}")
        tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", out.stdout)
        latency = re.search(r"latency average = ([\d.]+) ms", out.stdout)
        failed = re.search(r"number of failed transactions: (\d+)", out.stdout)
        if not tps:
            raise BenchError(f"could not read pgbench's output:\n{out.stdout}")
        return {
            "script": "tpcb-like (built in)",
            "scale": scale.pgbench_scale,
            "clients": scale.connections,
            "tps": round(float(tps.group(1)), 1),
            "latency_avg_ms": float(latency.group(1)) if latency else None,
            "failed": int(failed.group(1)) if failed else 0,
            "seconds": seconds,
        }
    finally:
        subprocess.run([tool, "-i", "-I", "d", url], check=False, capture_output=True)  # noqa: S603 - drop its tables


# ---- the run ----


def write_lists(work: Path, prepared: dict[str, Any], stage: str) -> dict[str, Path]:
    world = prepared["world"]
    files = {
        "tracking_page": [f"/lacak/{n}/" for n in world["tracking_numbers"]],
        "tracking_api": [f"/api/v1/tracking/{n}" for n in world["tracking_numbers"]],
        "catalogue": ["/layanan/"],
        "ceiling": ["/bench/ceiling/"],
        "inbox_page": ["/konsol/kotak-masuk/?order=due", "/konsol/kotak-masuk/?order=due&overdue=on"],
        "inbox_api": [
            f"/api/v1/agencies/{world['busy_agency_id']}/inbox?order=due&limit=50",
            f"/api/v1/agencies/{world['busy_agency_id']}/inbox?order=due&limit=50&overdue=true",
        ],
        "citizens": ["\t".join(c) for c in prepared["sessions"]["citizens"]],
    }
    paths = {}
    for name, lines in files.items():
        path = work / f"{stage}-{name}.txt"
        path.write_text("\n".join(lines) + "\n")
        paths[name] = path
    return paths


# A measurement in which one worker did (nearly) all the work is taken again, this many times
# at most (see `balanced`).
BALANCE_ATTEMPTS = 4


def balanced(cpu_seconds: list[float]) -> bool:
    """Whether every worker did a fair share of a run's work (a quarter of the busiest's)."""
    if len(cpu_seconds) < 2 or max(cpu_seconds) <= 0:
        return True
    return min(cpu_seconds) >= 0.25 * max(cpu_seconds)


# The pages judged against the ceiling are measured in this many slices, each between two
# ceiling runs: one disturbed slice moves the median of their ratios little.
PAIRED_SLICES = 3


def measure_http(
    tools: dict[str, str],
    server: Server,
    scale: Scale,
    prepared: dict[str, Any],
    lists: dict[str, Path],
    names: list[str],
) -> dict[str, Any]:
    officer = f"sessionid={prepared['sessions']['officer']}"
    world = prepared["world"]
    plan: dict[str, tuple[str, list[str], int]] = {
        "ceiling": ("get.lua", [str(lists["ceiling"])], scale.connections),
        "tracking_page": ("get.lua", [str(lists["tracking_page"])], scale.connections),
        "tracking_api": ("get.lua", [str(lists["tracking_api"])], scale.connections),
        "catalogue": ("get.lua", [str(lists["catalogue"])], scale.connections),
        "inbox_page": ("get.lua", [str(lists["inbox_page"]), officer], scale.inbox_connections),
        "inbox_api": ("get.lua", [str(lists["inbox_api"]), officer], scale.inbox_connections),
        "submit": (
            "submit.lua",
            [
                str(lists["citizens"]),
                prepared["csrf"],
                world["busy_agency_slug"],
                "sk-belum-menikah",
                f"https://127.0.0.1:{server.port}",
            ],
            scale.connections,
        ),
    }
    out: dict[str, Any] = {}
    slices: dict[str, list[dict[str, Any]]] = {}
    ceilings: list[float] = []
    waiting_for_ceiling: list[dict[str, Any]] = []
    for name in names:
        script, args, connections = plan[name]
        again = name in slices
        # A page measured in several slices (between ceiling runs) shares its measurement
        # time among them; only its first slice warms up.
        seconds = max(1, scale.seconds // PAIRED_SLICES) if names.count(name) > 1 else scale.seconds
        say(f"  wrk {name} ({connections} connections, {seconds} s)")
        for attempt in range(BALANCE_ATTEMPTS):
            before = server.cpu()
            result = wrk(
                tools["wrk"],
                server,
                script,
                args,
                seconds=seconds,
                connections=connections,
                threads=scale.wrk_threads,
                warmup=0 if again or attempt else scale.warmup,
            )
            used = [round(b - a, 2) for a, b in zip(before, server.cpu(), strict=False)]
            result["worker_cpu_s"], result["unbalanced_runs"] = used, attempt
            if balanced(used):
                break
            # gthread workers accept keep-alive connections as they come: now and then one
            # worker takes all of wrk's burst and serves it on one core for the whole run.
            # Such a run measures one core, not the server: it is measured again.
            say(f"    one worker served nearly every connection (CPU s per worker {used}): measured again")
        r = result
        say(f"    {r['rps']:>8.1f} req/s  p50 {r['p50_ms']:.1f} ms  p99 {r['p99_ms']:.1f} ms  errors {r['errors']}")
        slices.setdefault(name, []).append(result)
        if name != "ceiling":
            # The machine's speed drifts (it is shared): each slice of a page is compared with
            # the ceiling measured just before it and just after it, not with one far away.
            result["ceiling_beside_rps"] = ceilings[-1:]
            waiting_for_ceiling.append(result)
            continue
        ceilings.append(result["rps"])
        for page in waiting_for_ceiling:
            page["ceiling_beside_rps"].append(result["rps"])
        waiting_for_ceiling = []
    for name, runs in slices.items():
        if name == "ceiling":
            # The framework's limit on this machine is its best run; all runs are recorded.
            best = max(runs, key=lambda x: x["rps"])
            out[name] = {**best, "errors": sum(x["errors"] for x in runs), "runs_rps": ceilings}
        elif len(runs) == 1:
            out[name] = runs[0]
        else:
            out[name] = _median_of_slices(runs)
    return out


def tracking_first_sight(server: Server, scale: Scale, lists: dict[str, Path]) -> dict[str, Any]:
    """Every tracking number on the list asked for once (page, then API) before the tracking
    slices, which then measure statuses seen before, as on a busy morning; this pass is what
    the first sight of a number costs."""
    seen = first_sight(server, [lists["tracking_page"], lists["tracking_api"]], scale.connections)
    rate = f"{seen['rps']:.1f} req/s  p50 {seen['p50_ms']:.1f} ms  errors {seen['errors']}"
    say(f"  first sight of {seen['requests']:,} tracking addresses: {rate}")
    return seen


def first_sight(server: Server, lists: list[Path], connections: int) -> dict[str, Any]:
    """Each path on `lists` asked for once, `connections` at a time: what a page costs the
    first time it is asked for. Any answer but a 200 is an error."""
    paths = [line for path in lists for line in path.read_text().split()]

    def get(path: str) -> tuple[float, bool]:
        req = urllib.request.Request(  # noqa: S310 - loopback URL we built
            server.url + path, headers={"X-Forwarded-Proto": "https", "Accept-Language": "id"}
        )
        t = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310
                resp.read()
                ok = resp.status == 200
        except OSError:
            ok = False
        return time.perf_counter() - t, ok

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=connections) as pool:
        answers = list(pool.map(get, paths))
    seconds = time.perf_counter() - start
    latencies = sorted(t for t, _ok in answers)
    return {
        "requests": len(paths),
        "seconds": round(seconds, 2),
        "rps": round(len(paths) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1) if latencies else 0.0,
        "p99_ms": round(latencies[min(len(latencies) - 1, len(latencies) * 99 // 100)] * 1000, 1) if latencies else 0.0,
        "errors": sum(1 for _t, ok in answers if not ok),
    }


def _median_of_slices(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One page measured in slices: the median slice's figures, every slice's ratio to the
    ceiling beside it, and the errors of all."""
    by_rps = sorted(runs, key=lambda x: x["rps"])
    middle = by_rps[len(by_rps) // 2]
    ratios = [
        ratio(x["rps"], sum(x["ceiling_beside_rps"]) / len(x["ceiling_beside_rps"]))
        for x in runs
        if x["ceiling_beside_rps"]
    ]
    return {
        **middle,
        "errors": sum(x["errors"] for x in runs),
        "slices": [{k: x[k] for k in ("rps", "p50_ms", "p99_ms", "errors", "ceiling_beside_rps")} for x in runs],
        "ratio_slices": ratios,
    }


def machine() -> dict[str, Any]:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError):
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()

    def version(cmd: list[str]) -> str:
        try:
            out = subprocess.run(cmd, check=False, capture_output=True, text=True)  # noqa: S603
        except OSError:
            return ""
        return (out.stdout or out.stderr).strip().splitlines()[0] if (out.stdout or out.stderr) else ""

    import django
    import psycopg

    pg = ""
    with contextlib.suppress(Exception), psycopg.connect(server_url() + "postgres") as conn:
        row = conn.execute("SHOW server_version").fetchone()
        pg = row[0] if row else ""
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": pg,
        "gunicorn": version([str(VENV_BIN / "gunicorn"), "--version"]),
        "wrk": version([find_tool("wrk"), "--version"]),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def ratio(a: float | None, b: float | None) -> float | None:
    if not a or not b:
        return None
    return round(a / b, 3)


def over_ceiling(page: dict[str, Any], ceiling: dict[str, Any]) -> float | None:
    """A page's requests per second over the ceiling's measured beside it (the mean of the
    runs just before and just after; for a page measured in slices, the median of the
    slices' ratios), or over the best ceiling when none was beside it."""
    found = [x for x in page.get("ratio_slices", []) if x is not None]
    if found:
        return sorted(found)[len(found) // 2]
    beside = page.get("ceiling_beside_rps") or [ceiling["rps"]]
    return ratio(page["rps"], sum(beside) / len(beside))


def build_results(scale: Scale, data: dict[str, Any]) -> dict[str, Any]:
    small, full = data["small"], data["full"]
    ceiling = full["ceiling"]
    ratios: dict[str, Any] = {
        "tracking_page_over_ceiling": over_ceiling(full["tracking_page"], ceiling),
        "tracking_api_over_ceiling": over_ceiling(full["tracking_api"], ceiling),
        "catalogue_over_ceiling": over_ceiling(full["catalogue"], ceiling),
        "inbox_page_over_ceiling": over_ceiling(full["inbox_page"], ceiling),
        "inbox_api_over_ceiling": over_ceiling(full["inbox_api"], ceiling),
        "submit_over_pgbench": ratio(full["submit"]["submissions_per_s"], data["pgbench"]["tps"]),
    }
    curve = {}
    for name in ("tracking_page", "tracking_api", "inbox_page", "inbox_api", "submit"):
        curve[name] = {
            "p50_ratio": ratio(full[name]["p50_ms"], small[name]["p50_ms"]),
            "p99_ratio": ratio(full[name]["p99_ms"], small[name]["p99_ms"]),
            "rps_ratio": ratio(full[name]["rps"], small[name]["rps"]),
            f"p50_ms_at_{data['small_apps']}": small[name]["p50_ms"],
            f"p50_ms_at_{data['full_apps']}": full[name]["p50_ms"],
        }
    ratios["cost_curve"] = curve
    memory = data["memory"]
    errors = sum(v["errors"] for v in [*small.values(), *full.values()])
    return {
        "scale": scale.name,
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": data["machine"],
        "server": {
            "software": "gunicorn, gthread workers",
            "workers": scale.workers,
            "threads": scale.threads,
            "cache": data["cache"],
            "settings": "DEBUG=false, real SECRET_KEY, ALLOWED_HOSTS, BEHIND_TLS_PROXY (X-Forwarded-Proto from wrk), "
            "PostgreSQL via DATABASE_URL, CONN_MAX_AGE=60",
        },
        "load_generator": {"tool": "wrk", "threads": scale.wrk_threads, "seconds": scale.seconds},
        "applications": {"small": data["small_apps"], "full": data["full_apps"]},
        "ceiling": ceiling,
        "tracking": {
            "page": full["tracking_page"],
            "api": full["tracking_api"],
            "first_sight": full["tracking_first_sight"],
        },
        "catalogue": full["catalogue"],
        "inbox": {"page": full["inbox_page"], "api": full["inbox_api"]},
        "submit": full["submit"],
        "pgbench": data["pgbench"],
        "issue": data["issue"],
        "rollup": data["rollup"],
        "load": data["load"],
        "memory": memory,
        "small": small,
        "ratios": ratios,
        "errors": errors,
        "targets": targets(ratios, full, data, errors),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
    }


def targets(ratios: dict[str, Any], full: dict[str, Any], data: dict[str, Any], errors: int) -> list[dict[str, Any]]:
    curve = ratios["cost_curve"]
    worst_curve = max(
        (v["p50_ratio"] or 0)
        for k, v in curve.items()
        if k in ("tracking_api", "inbox_api", "submit", "tracking_page", "inbox_page")
    )
    growth = data["memory"]["growth_mib_max"]
    rows = [
        ("tracking page ≥ 0.6 × ceiling", ratios["tracking_page_over_ceiling"], ">=", 0.6),
        ("tracking API ≥ 0.6 × ceiling", ratios["tracking_api_over_ceiling"], ">=", 0.6),
        ("catalogue ≥ 0.5 × ceiling", ratios["catalogue_over_ceiling"], ">=", 0.5),
        ("inbox page p99 < 100 ms", full["inbox_page"]["p99_ms"], "<", 100.0),
        ("inbox API p99 < 100 ms", full["inbox_api"]["p99_ms"], "<", 100.0),
        ("submit ≥ 0.25 × pgbench", ratios["submit_over_pgbench"], ">=", 0.25),
        ("p50 at full ≤ 1.3 × p50 at small (worst)", worst_curve, "<=", 1.3),
        ("signed PDFs ≥ 20/s", data["issue"]["per_s"], ">=", 20.0),
        ("rollup under a province < 500 ms", data["rollup"]["median_ms"], "<", 500.0),
        ("no error responses", errors, "==", 0),
        ("worker memory stable (growth < 25 MiB)", growth, "<", 25.0),
    ]
    out = []
    for name, value, op, limit in rows:
        met = (
            value is not None
            and {
                ">=": value >= limit,
                "<": value < limit,
                "<=": value <= limit,
                "==": value == limit,
            }[op]
        )
        out.append({"target": name, "value": value, "limit": limit, "met": bool(met)})
    return out


def table(results: dict[str, Any]) -> str:
    full = results
    lines = [
        f"Padu benchmark, scale {results['scale']}: {results['applications']['full']:,} applications "
        f"(cost curve from {results['applications']['small']:,}); {results['machine']['cores']} cores, "
        f"load average at start {results['machine']['load_average_at_start']}",
        "",
        "| measurement | req/s | p50 ms | p99 ms | errors | ratio |",
        "|---|---:|---:|---:|---:|---|",
    ]

    def row(name: str, r: dict[str, Any], note: str) -> None:
        lines.append(f"| {name} | {r['rps']:,.1f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} | {note} |")

    r = full["ratios"]
    runs = ", ".join(f"{x:,.0f}" for x in full["ceiling"].get("runs_rps", []))
    row("ceiling (bare view)", full["ceiling"], f"1.00 (best of runs: {runs})")

    def beside(page: dict[str, Any], key: str) -> str:
        if page.get("ratio_slices"):
            each = ", ".join(f"{x:.2f}" for x in page["ratio_slices"])
            return f"{r[key]:.2f} of the ceiling (median of {len(page['ratio_slices'])} slices: {each})"
        near = ", ".join(f"{x:,.0f}" for x in page.get("ceiling_beside_rps", []))
        return f"{r[key]:.2f} of the ceiling beside it ({near})"

    row("tracking page", full["tracking"]["page"], beside(full["tracking"]["page"], "tracking_page_over_ceiling"))
    row("tracking API", full["tracking"]["api"], beside(full["tracking"]["api"], "tracking_api_over_ceiling"))
    first = full["tracking"]["first_sight"]
    row("tracking, first sight", first, f"{first['requests']:,} addresses (page and API) asked for once each, before")
    row("catalogue page", full["catalogue"], beside(full["catalogue"], "catalogue_over_ceiling"))
    row("inbox page (50 rows)", full["inbox"]["page"], beside(full["inbox"]["page"], "inbox_page_over_ceiling"))
    row("inbox API (50 rows)", full["inbox"]["api"], beside(full["inbox"]["api"], "inbox_api_over_ceiling"))
    s = full["submit"]
    pg = full["pgbench"]
    row(
        "submit API (start + submit)",
        s,
        f"{s['submissions_per_s']:.1f} submissions/s = {s['submissions_per_s'] / pg['tps']:.3f} of pgbench",
    )
    lines.append(
        f"| pgbench ({pg['script']}, {pg['clients']} clients) | {pg['tps']:,.1f} tps | "
        f"{pg['latency_avg_ms']} avg | | {pg['failed']} | |"
    )
    i = full["issue"]
    lines.append(
        f"| issue signed PDF ({i['processes']} processes) | {i['per_s']:.1f}/s | {i['p50_ms']} | {i['p99_ms']} | | "
        f"verify {i['verify_per_s']:.1f}/s |"
    )
    r = full["rollup"]
    lines.append(
        f"| rollup by status, {r['agencies']} agencies under the province | | {r['median_ms']} (median) | "
        f"{r['max_ms']} (max) | | cold {r['cold_ms']} ms, {r['applications']:,} applications |"
    )
    lines += ["", "Cost curve (p50 and p99 at the full size over the small size):", ""]
    lines += ["| measurement | p50 small ms | p50 full ms | p50 ratio | p99 ratio |", "|---|---:|---:|---:|---:|"]
    small = results["small"]
    for name, v in results["ratios"]["cost_curve"].items():
        at_full = results[_section(name)][_part(name)] if _part(name) else results[name]
        lines.append(
            f"| {name} | {small[name]['p50_ms']:.1f} | {at_full['p50_ms']:.1f} | {v['p50_ratio']} | {v['p99_ratio']} |"
        )
    m = results["memory"]
    lines += [
        "",
        f"Memory per worker (RSS MiB): before {m['before_mib']}, after {m['after_mib']} "
        f"(largest growth {m['growth_mib_max']} MiB)",
        "",
        "Load: "
        + ", ".join(
            f"{s['step']} {s['rows']:,} rows in {s['seconds']} s ({s['rows_per_s']:,}/s)"
            for s in results["load"]["steps"]
            if s["rows"]
        ),
        "",
        "| target | value | met |",
        "|---|---:|---|",
    ]
    for t in results["targets"]:
        lines.append(f"| {t['target']} | {t['value']} | {'yes' if t['met'] else 'NO'} |")
    return "\n".join(lines)


def _section(name: str) -> str:
    return {"tracking_page": "tracking", "tracking_api": "tracking", "inbox_page": "inbox", "inbox_api": "inbox"}.get(
        name, name
    )


def _part(name: str) -> str:
    return {"tracking_page": "page", "tracking_api": "api", "inbox_page": "page", "inbox_api": "api"}.get(name, "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Padu's performance benchmark (see docs/performance.md).")
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--keep", action="store_true", help="keep the databases and the work directory")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure again on the databases a --keep run loaded (its load figures are reported)",
    )
    parser.add_argument(
        "--applications", type=int, help="applications at the end instead of the scale's (e.g. when time is short)"
    )
    parser.add_argument(
        "--only", choices=["registries"], help="run only this part (its figures replace that part of the results)"
    )
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]
    if args.applications:
        if args.applications <= scale.base:
            parser.error(f"--applications must be more than the {scale.base:,} of the cost curve's small end")
        scale = dataclasses.replace(scale, total=args.applications)
    try:
        if args.only == "registries":
            return run_registries_only(scale)
        return run(scale, keep=args.keep or args.reuse, reuse=args.reuse)
    except BenchError as exc:
        print(f"\nBENCHMARK FAILED: {exc}", file=sys.stderr)
        return 2


def run(scale: Scale, *, keep: bool, reuse: bool = False) -> int:
    started = time.monotonic()
    tools = check_tools()
    cache = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/7")
    check_cache(cache)
    database = "padu_bench" if scale.name == "full" else f"padu_bench_{scale.name}"
    small_db = f"{database}_small"
    work = Path(os.environ.get("BENCH_WORKDIR") or Path(tempfile.gettempdir()) / f"padu-bench-{scale.name}")
    base_json, grow_json, state, secret_file = (
        work / "base.json",
        work / "grow.json",
        work / "state.json",
        work / "secret",
    )
    if reuse:
        if not (grow_json.exists() and secret_file.exists()):
            raise BenchError(f"--reuse needs a run kept with --keep in {work}; none found.")
        secret = secret_file.read_text().strip()
    else:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        secret = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50)
        secret_file.write_text(secret)
        secret_file.chmod(0o600)
    env = padu_env(database, work, secret, cache)
    small_env = padu_env(small_db, work, secret, cache)
    info = machine()
    say(f"Padu benchmark, scale {scale.name}; work directory {work}; load average {info['load_average_at_start']}")
    if cache.startswith("redis://"):
        with contextlib.suppress(Exception):
            import redis

            redis.Redis.from_url(cache).flushdb()
    data: dict[str, Any] = {"machine": info, "cache": cache.split("://")[0] + " (" + cache + ")"}
    quiet = ["--quiet"] if not sys.stderr.isatty() else []

    if not reuse:
        admin_sql(
            f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)',
            f'DROP DATABASE IF EXISTS "{small_db}" WITH (FORCE)',
            f'CREATE DATABASE "{database}"',
        )
        say("collectstatic")
        run_py(["-m", "django", "collectstatic", "--noinput", "-v0"], env)
        say(f"load: {scale.agencies} agencies, {scale.citizens:,} citizens, {scale.base:,} applications")
        run_py(
            [
                "-m",
                "bench.prepare",
                "base",
                str(base_json),
                f"--applications={scale.base}",
                f"--citizens={scale.citizens}",
                f"--agencies={scale.agencies}",
                f"--state={state}",
                *quiet,
            ],
            env,
        )
        # The cost curve's small end: a copy of the database as it is now (PostgreSQL copies
        # the files), measured beside the grown one in the same run.
        admin_sql(f'CREATE DATABASE "{small_db}" TEMPLATE "{database}"')
        say(f"load: {scale.total - scale.base:,} more applications")
        run_py(
            [
                "-m",
                "bench.prepare",
                "grow",
                str(grow_json),
                f"--applications={scale.total - scale.base}",
                f"--state={state}",
                *quiet,
            ],
            env,
        )
    else:
        say(f"reusing the databases {database} and {small_db} loaded earlier (load figures from that run)")
        # The code may have moved on since: its migrations (new indexes) and static files.
        run_py(["-m", "django", "migrate", "-v0"], env)
        run_py(["-m", "django", "migrate", "-v0"], small_env)
        run_py(["-m", "django", "collectstatic", "--noinput", "-v0"], env)
    base = json.loads(base_json.read_text())
    grown = json.loads(grow_json.read_text())
    data["full_apps"] = grown["world"]["applications"]
    steps = base["load"]["steps"] + [dict(s, step=f"{s['step']} (history)") for s in grown["load"]["steps"]]
    rows = sum(s["rows"] for s in steps)
    seconds = sum(s["seconds"] for s in steps)
    data["load"] = {
        "steps": steps,
        "rows": rows,
        "seconds": round(seconds, 1),
        "rows_per_s": round(rows / seconds),
        "measured": "in this run" if not reuse else f"in the run that loaded the databases ({grow_json})",
    }

    curve = ["tracking_page", "tracking_api", "inbox_page", "inbox_api", "submit"]
    admin_sql("CHECKPOINT")
    say(f"measure at {base['world']['applications']:,} applications")
    lists = write_lists(work, base, "small")
    with Server(small_env, scale, tools["gunicorn"], work / "gunicorn.log") as server:
        seen = tracking_first_sight(server, scale, lists)
        data["small"] = {**measure_http(tools, server, scale, base, lists, curve), "tracking_first_sight": seen}
    data["small_apps"] = base["world"]["applications"]

    # Dirty pages written by the load (or the small end's submissions) are flushed now, not
    # by a checkpoint in the middle of a measurement.
    admin_sql("CHECKPOINT")
    say(f"measure at {data['full_apps']:,} applications")
    lists = write_lists(work, grown, "full")
    with Server(env, scale, tools["gunicorn"], work / "gunicorn.log") as server:
        # Warm every worker on every page first (templates, translations, connections), so
        # that "before" is a worker in service, not a freshly forked one.
        officer_cookie = [f"sessionid={grown['sessions']['officer']}"]
        for name in ("ceiling", "catalogue", "inbox_page", "inbox_api"):
            wrk(
                tools["wrk"],
                server,
                "get.lua",
                [str(lists[name])] + (officer_cookie if name.startswith("inbox") else []),
                seconds=max(1, scale.warmup),
                connections=scale.connections,
                threads=scale.wrk_threads,
            )
        seen = tracking_first_sight(server, scale, lists)
        before = server.rss()
        data["full"] = measure_http(
            tools,
            server,
            scale,
            grown,
            lists,
            [
                "ceiling",
                *[
                    step
                    for page in ("tracking_page", "tracking_api", "catalogue")
                    for step in PAIRED_SLICES * (page, "ceiling")
                ],
                *("inbox_page", "inbox_api", "submit"),
            ],
        )
        data["full"]["tracking_first_sight"] = seen
        say(f"  pgbench (TPC-B-like, {scale.connections} clients, {scale.seconds} s)")
        data["pgbench"] = pgbench(tools["pgbench"], database, scale, scale.seconds)
        say(f"    {data['pgbench']['tps']:.1f} tps")
        # Memory after a second round of the read pages: growth here would be a leak.
        for name in ("tracking_page", "catalogue", "inbox_page"):
            wrk(
                tools["wrk"],
                server,
                "get.lua",
                [str(lists[name])] + (officer_cookie if name == "inbox_page" else []),
                seconds=max(1, scale.seconds // 3),
                connections=scale.connections,
                threads=scale.wrk_threads,
            )
        after = server.rss()
    data["memory"] = {
        "before_mib": before,
        "after_mib": after,
        "growth_mib_max": round(max((a - b for a, b in zip(after, before, strict=False)), default=0.0), 1),
    }

    say(f"issue and verify signed PDFs ({os.cpu_count()} processes, {scale.issue_seconds} s)")
    data["issue"] = result_line(
        run_py(
            ["-m", "bench.inprocess", "issue", str(grow_json), f"--seconds={scale.issue_seconds}"], env, capture=True
        )
    )
    say(f"    {data['issue']['per_s']:.1f} documents/s, {data['issue']['verify_per_s']:.1f} verifications/s")
    say("rollup under the province")
    data["rollup"] = result_line(run_py(["-m", "bench.inprocess", "rollup", str(grow_json)], env, capture=True))
    say(f"    median {data['rollup']['median_ms']} ms")

    results = build_results(scale, data)
    results["registries"] = measure_registries(scale, work, secret, cache)
    results["duration_s"] = round(time.monotonic() - started)
    text = table(results) + registries_text(results)
    print("\n" + text + "\n")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{scale.results}.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / f"{scale.results}.md").write_text(
        f"# Padu benchmark results ({scale.name})\n\n{text}\n\nMachine: {json.dumps(results['machine'])}\n"
    )
    say(f"wrote bench/results/{scale.results}.json and .md in {results['duration_s']} s")
    if not keep:
        admin_sql(
            f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)', f'DROP DATABASE IF EXISTS "{small_db}" WITH (FORCE)'
        )
        shutil.rmtree(work, ignore_errors=True)
    if results["errors"]:
        print(f"BENCHMARK FAILED: {results['errors']} error responses (see the table).", file=sys.stderr)
        return 1
    return 0


# ---- the population register (bench/registries.py), on a database of its own ----


def measure_registries(scale: Scale, work: Path, secret: str, cache: str) -> dict[str, Any]:
    sizes = REGISTRY_SCALES[scale.name]
    database = f"padu_bench_registries_{scale.name}"
    admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)', f'CREATE DATABASE "{database}"')
    say(
        f"population register: {sizes['residents']:,} residents in {sizes['villages']} villages, "
        f"import of {sizes['import_rows']:,} rows"
    )
    try:
        output = run_py(
            [
                "-m",
                "bench.registries",
                str(work / "registries.json"),
                f"--residents={sizes['residents']}",
                f"--villages={sizes['villages']}",
                f"--big={sizes['big']}",
                f"--import-rows={sizes['import_rows']}",
            ],
            padu_env(database, work, secret, cache),
            capture=True,
        )
    finally:
        admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return result_line(output)


def registries_text(results: dict[str, Any]) -> str:
    from bench.registries import table as registries_table

    part = results.get("registries")
    return "\n\n" + registries_table(part) if part else ""


def run_registries_only(scale: Scale) -> int:
    """`--only registries`: measure the register and put its figures into the scale's results,
    keeping the other parts' figures from their last run."""
    cache = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/7")
    check_cache(cache)
    work = Path(os.environ.get("BENCH_WORKDIR") or Path(tempfile.gettempdir()) / f"padu-bench-registries-{scale.name}")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    secret = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50)
    run_py(["-m", "django", "collectstatic", "--noinput", "-v0"], padu_env("postgres", work, secret, cache))
    part = measure_registries(scale, work, secret, cache)
    json_file = RESULTS / f"{scale.results}.json"
    results: dict[str, Any] = json.loads(json_file.read_text()) if json_file.exists() else {"scale": scale.name}
    results["registries"] = part
    text = (table(results) if "targets" in results else "") + registries_text(results)
    print("\n" + text.strip() + "\n")
    RESULTS.mkdir(exist_ok=True)
    json_file.write_text(json.dumps(results, indent=2) + "\n")
    machine_line = f"\n\nMachine: {json.dumps(results['machine'])}\n" if "machine" in results else "\n"
    (RESULTS / f"{scale.results}.md").write_text(
        f"# Padu benchmark results ({scale.name})\n\n{text.strip()}{machine_line}"
    )
    say(f"wrote the register's figures into bench/results/{scale.results}.json and .md")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
