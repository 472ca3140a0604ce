#!/usr/bin/env python3
"""Set up Padu and run it, with nothing but Python 3.11 on the machine.

    python3 bootstrap.py demo    # install, migrate, load demo data, serve http://127.0.0.1:8000
    python3 bootstrap.py test    # install, run the test suite (extra arguments go to pytest)

Standard library only: this file runs before any dependency is installed.
"""

from __future__ import annotations

import ctypes.util
import hashlib
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".padu-install-stamp"
CHROMIUM = Path("/usr/bin/chromium")
MIN_PYTHON = (3, 11)


class BootstrapError(Exception):
    """A step failed; the message says what to do about it."""


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def run(argv: Sequence[str | Path], *, what: str, env: dict[str, str] | None = None) -> None:
    """Run a command in the repository root; raise with a clear message if it fails."""
    printable = " ".join(str(a) for a in argv)
    say(f"{what}: {printable}")
    try:
        result = subprocess.run([str(a) for a in argv], cwd=ROOT, env=env, check=False)
    except FileNotFoundError as exc:
        raise BootstrapError(f"{what} failed: {exc.filename} not found.") from exc
    if result.returncode != 0:
        raise BootstrapError(f"{what} failed (exit code {result.returncode}): {printable}")


def install_stamp() -> str:
    """What the installed environment was built from: the pyproject and the interpreter."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def ensure_venv() -> None:
    if sys.version_info < MIN_PYTHON:
        raise BootstrapError(
            f"Padu needs Python {'.'.join(map(str, MIN_PYTHON))} or newer; this is {sys.version.split()[0]}."
        )
    if not PYTHON.exists():
        say(f"Creating the virtual environment in {VENV}")
        try:
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], cwd=ROOT, check=True)
        except subprocess.CalledProcessError as exc:
            shutil.rmtree(VENV, ignore_errors=True)
            raise BootstrapError(
                "Could not create the virtual environment. On Debian or Ubuntu install the venv "
                "module first: apt-get install python3-venv"
            ) from exc
    stamp = install_stamp()
    if STAMP.exists() and STAMP.read_text().strip() == stamp and (BIN / "padu").exists():
        say("Dependencies are up to date (pyproject.toml unchanged since the last install).")
        return
    run([PYTHON, "-m", "pip", "install", "--upgrade", "pip"], what="Upgrading pip")
    run([PYTHON, "-m", "pip", "install", "-e", ".[dev]"], what="Installing Padu with its development tools")
    if not (BIN / "padu").exists():
        raise BootstrapError(f"The install finished but {BIN / 'padu'} is missing.")
    STAMP.write_text(stamp + "\n")


def read_dotenv() -> dict[str, str]:
    """The `.env` values, parsed just enough to report which database is in use."""
    values: dict[str, str] = {}
    path = ROOT / ".env"
    if not path.exists():
        return values
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        values[key.strip()] = value.strip().strip("'\"")
    return values


def masked(url: str) -> str:
    """The URL with any password replaced by ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = (parts.username or "") + ":***"
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc[-1]}"))


def write_dotenv() -> None:
    path = ROOT / ".env"
    if path.exists():
        say(".env exists; keeping it.")
        return
    path.write_text(
        "# Written by `python3 bootstrap.py demo` for a local demo. See .env.example for every setting.\n"
        "DEBUG=true\n"
        f"SECRET_KEY={secrets.token_urlsafe(50)}\n"
        "# Encrypts personal data (NIK, No. KK). Losing it makes them unreadable: back it up.\n"
        f"PADU_DATA_KEY={secrets.token_urlsafe(32)}\n"
    )
    path.chmod(0o600)
    say("Wrote .env with DEBUG=true and freshly generated SECRET_KEY and PADU_DATA_KEY.")


# System packages (Debian names). WeasyPrint (letters as PDF) loads Pango at import time and
# cannot run without it; it subsets fonts with HarfBuzz's subsetter, and without that it warns
# on every letter (some fifty lines in the demo's output).
PDF_LIBRARIES = {
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "harfbuzz-subset": "libharfbuzz-subset0",
}
REQUIRED_LIBRARIES = ("pango-1.0", "pangoft2-1.0")  # without these, no letter at all
FONTS = "fonts-dejavu-core"
# The test suite also drives Debian's Chromium (browser tests) and checks signed letters with
# poppler's pdfsig and pdftotext.
TEST_PROGRAMS = {"pdfsig": "poppler-utils", "pdftotext": "poppler-utils"}
CHROMIUM_PACKAGE = "chromium"
WHAT_FOR = {
    "libpango-1.0-0": "PDF letters",
    "libpangoft2-1.0-0": "PDF letters",
    "libharfbuzz-subset0": "PDF letters without warnings",
    FONTS: "the letters' font",
    CHROMIUM_PACKAGE: "the browser tests",
    "poppler-utils": "the signed-letter checks",
}


def missing_packages(
    *,
    for_tests: bool,
    find_library: Callable[[str], str | None] = ctypes.util.find_library,
    which: Callable[[str], str | None] = shutil.which,
    exists: Callable[[Path], bool] = Path.exists,
) -> list[str]:
    """The Debian packages to install for `demo` (PDF letters) or `test` (also the browser and
    poppler), in a stable order, each once."""
    packages = [pkg for lib, pkg in PDF_LIBRARIES.items() if find_library(lib) is None]
    if packages:
        packages.append(FONTS)  # installed with Pango, as the letters' font
    if for_tests:
        if not exists(CHROMIUM):
            packages.append(CHROMIUM_PACKAGE)
        packages.extend(pkg for program, pkg in TEST_PROGRAMS.items() if which(program) is None)
    return list(dict.fromkeys(packages))


@dataclass(frozen=True)
class InstallPlan:
    """What to do about missing system packages: run `command` (as root on Debian), or print
    `advice` (the exact command, for someone else to run)."""

    packages: list[str]
    command: list[str] | None = None
    advice: str = ""


def install_plan(packages: list[str], *, is_root: bool, has_apt: bool) -> InstallPlan:
    if not packages:
        return InstallPlan([])
    command = ["apt-get", "install", "-y", *packages]
    if has_apt and is_root:
        return InstallPlan(packages, command=command)
    if has_apt:
        return InstallPlan(packages, advice="sudo " + " ".join(command))
    return InstallPlan(
        packages,
        advice="install these with your system's package manager (Debian names): " + " ".join(packages),
    )


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def ensure_system_packages(*, for_tests: bool) -> None:
    """Install the system packages Padu needs (Debian/Ubuntu, as root), or say the command.

    Without Pango no letter can be made: that stops here. The rest (the font subsetter, the
    browser, poppler) only quieten the demo or complete the test suite: a warning with the
    command to run."""
    packages = missing_packages(for_tests=for_tests)
    plan = install_plan(packages, is_root=_running_as_root(), has_apt=shutil.which("apt-get") is not None)
    if not plan.packages:
        return
    listed = ", ".join(f"{pkg} ({WHAT_FOR.get(pkg, 'Padu')})" for pkg in plan.packages)
    if plan.command is not None:
        say(f"Installing system packages: {listed}")
        run(["apt-get", "update"], what="Updating the package lists")
        run(plan.command, what="Installing system packages")
        return
    if any(ctypes.util.find_library(lib) is None for lib in REQUIRED_LIBRARIES):
        raise BootstrapError(
            f"Padu renders letters with WeasyPrint, which needs Pango. Missing: {listed}. Run: {plan.advice}"
        )
    say(f"Missing system packages: {listed}. To install them run: {plan.advice}")


def padu(*args: str) -> list[str | Path]:
    return [BIN / "padu", *args]


def cmd_demo(extra: list[str]) -> int:
    if extra:
        raise BootstrapError(f"`demo` takes no arguments (got {' '.join(extra)}).")
    ensure_system_packages(for_tests=False)
    ensure_venv()
    write_dotenv()
    run(padu("migrate", "--no-input"), what="Creating or updating the database")
    run(padu("demo"), what="Loading regions and demo data")
    say("Serving the demo at http://127.0.0.1:8000 (stop with Ctrl+C)")
    # Background tasks (messages, reading an uploaded population file) need a worker beside
    # the web server; it stops with it.
    worker = subprocess.Popen([str(a) for a in padu("worker")], cwd=ROOT)
    try:
        return subprocess.run([str(a) for a in padu("runserver", "127.0.0.1:8000")], cwd=ROOT, check=False).returncode
    except KeyboardInterrupt:
        return 0
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


def cmd_test(extra: list[str]) -> int:
    in_ci = os.environ.get("CI", "").lower() in {"true", "1", "yes"}
    ensure_system_packages(for_tests=True)
    if CHROMIUM.exists():
        say(f"Browser tests run in {CHROMIUM}.")
    elif in_ci:
        raise BootstrapError(f"CI=true but {CHROMIUM} is missing: browser tests cannot be skipped in CI.")
    else:
        say(f"{CHROMIUM} not found: browser tests will be SKIPPED (see the command above to install it).")
    ensure_venv()
    database_url = os.environ.get("DATABASE_URL") or read_dotenv().get("DATABASE_URL")
    if database_url:
        say(f"Database: {masked(database_url)} (from DATABASE_URL; tests use a test_ copy of it)")
    else:
        say("Database: SQLite (a throw-away test database); set DATABASE_URL to test on PostgreSQL")
    cache_url = os.environ.get("CACHE_URL") or read_dotenv().get("CACHE_URL")
    if cache_url:
        say(f"Cache: {masked(cache_url)}")
    argv = [str(BIN / "pytest"), *extra]
    say(f"Running the tests: {' '.join(argv)}")
    code = subprocess.run(argv, cwd=ROOT, check=False).returncode
    say(f"pytest finished with exit code {code}.")
    return code


COMMANDS = {"demo": cmd_demo, "test": cmd_test}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        return COMMANDS[argv[0]](argv[1:])
    except BootstrapError as exc:
        print(f"\nbootstrap: ERROR: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nbootstrap: interrupted.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
