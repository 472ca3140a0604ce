"""Adding a module is one folder plus one line in settings (docs/adding-a-module.md).

The notice board in tests/sample_module/ is such a folder; tests/sample_module/settings.py is the
test settings plus that one line. Under those settings, in a separate process, the board's own
checks run (its pages, its console menu entry, its data-export section, its demo seeder) and so
does the tenant-isolation harness, which must find and pass the board's cases. Nothing outside
the folder names the board: the last test holds that.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pytest(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.sample_module.settings"}
    env.pop("PYTEST_XDIST_WORKER", None)
    return subprocess.run(  # noqa: S603 - our own interpreter and our own test files
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--ds=tests.sample_module.settings", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_sample_modules_pages_menu_export_and_demo_work_once_installed():
    result = _pytest("tests/sample_module/checks_inside.py")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "5 passed" in result.stdout


def test_the_isolation_harness_finds_and_passes_the_sample_modules_cases():
    result = _pytest(
        "tests/isolation/test_lists.py",
        "tests/isolation/test_isolation.py",
        "tests/isolation/test_methods.py",
        "-k",
        "papan or every",
        "-vv",
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    # The board's routes are among the cases run (its lists from both sides, its refusals).
    for case in (
        "papan/<slug:slug>/ anonymous side a",
        "konsol/papan/ admin_{s} side b",
        "konsol/papan/ POST as admin_b",
    ):
        assert case in result.stdout, case
    assert "test_every_route_is_covered PASSED" in result.stdout


def test_nothing_outside_the_sample_folder_names_it():
    names = ("sample_module", "sample_console", "sample_board", "sample_notices")
    allowed = {ROOT / "tests" / "test_adding_a_module.py", ROOT / "docs" / "adding-a-module.md"}
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("padu", "config", "tests", "docs")
        for path in (ROOT / folder).rglob("*")
        if path.is_file()
        and path.suffix in {".py", ".html", ".md", ".toml", ".txt"}
        and "sample_module" not in path.parts
        and path not in allowed
        and any(name in path.read_text(errors="ignore") for name in names)
    ]
    assert offenders == []
