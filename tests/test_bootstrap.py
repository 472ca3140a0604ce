"""bootstrap.py's first run on a new machine: which system packages are missing, and whether
it installs them (root on Debian) or prints the exact command. Nothing is installed here: the
machine's libraries and programs are stood in for."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bootstrap():
    spec = importlib.util.spec_from_file_location("padu_bootstrap", ROOT / "bootstrap.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["padu_bootstrap"] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules["padu_bootstrap"]


def machine(
    *, libraries=("pango-1.0", "pangoft2-1.0", "harfbuzz-subset"), programs=("pdfsig", "pdftotext"), chromium=True
):
    """Stand-ins for find_library, which and Path.exists on a machine that has these."""
    return {
        "find_library": lambda name: f"lib{name}.so.0" if name in libraries else None,
        "which": lambda name: f"/usr/bin/{name}" if name in programs else None,
        "exists": lambda path: chromium and str(path) == "/usr/bin/chromium",
    }


def test_a_complete_machine_needs_nothing(bootstrap):
    assert bootstrap.missing_packages(for_tests=False, **machine()) == []
    assert bootstrap.missing_packages(for_tests=True, **machine()) == []


def test_the_demo_needs_the_font_subsetter_to_run_without_warnings(bootstrap):
    found = bootstrap.missing_packages(for_tests=False, **machine(libraries=("pango-1.0", "pangoft2-1.0")))
    assert found == ["libharfbuzz-subset0", "fonts-dejavu-core"]


def test_a_bare_machine_needs_pango_too(bootstrap):
    found = bootstrap.missing_packages(for_tests=False, **machine(libraries=()))
    assert found == ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core"]


def test_the_tests_need_chromium_and_poppler_once(bootstrap):
    found = bootstrap.missing_packages(for_tests=True, **machine(programs=(), chromium=False))
    assert found == ["chromium", "poppler-utils"]
    # The demo does not ask for them.
    assert bootstrap.missing_packages(for_tests=False, **machine(programs=(), chromium=False)) == []


def test_root_on_debian_installs(bootstrap):
    plan = bootstrap.install_plan(["libharfbuzz-subset0", "chromium"], is_root=True, has_apt=True)
    assert plan.command == ["apt-get", "install", "-y", "libharfbuzz-subset0", "chromium"]
    assert plan.advice == ""


def test_anyone_else_on_debian_is_told_the_command(bootstrap):
    plan = bootstrap.install_plan(["libharfbuzz-subset0", "poppler-utils"], is_root=False, has_apt=True)
    assert plan.command is None
    assert plan.advice == "sudo apt-get install -y libharfbuzz-subset0 poppler-utils"


def test_without_apt_the_packages_are_named(bootstrap):
    plan = bootstrap.install_plan(["chromium"], is_root=True, has_apt=False)
    assert plan.command is None
    assert plan.advice == "install these with your system's package manager (Debian names): chromium"


def test_nothing_missing_is_no_plan(bootstrap):
    assert bootstrap.install_plan([], is_root=True, has_apt=True) == bootstrap.InstallPlan([])


def _stand_in(monkeypatch, bootstrap, *, libraries, root, apt=True):
    ran: list[list[str]] = []
    fake = machine(libraries=libraries)
    monkeypatch.setattr(bootstrap.ctypes.util, "find_library", fake["find_library"])
    monkeypatch.setattr(
        bootstrap,
        "missing_packages",
        lambda for_tests: [pkg for lib, pkg in bootstrap.PDF_LIBRARIES.items() if lib not in libraries],
    )
    monkeypatch.setattr(bootstrap, "_running_as_root", lambda: root)
    monkeypatch.setattr(
        bootstrap.shutil, "which", lambda name: "/usr/bin/apt-get" if apt and name == "apt-get" else None
    )
    monkeypatch.setattr(bootstrap, "run", lambda argv, what, env=None: ran.append([str(a) for a in argv]))
    return ran


def test_as_root_the_packages_are_installed(monkeypatch, bootstrap, capsys):
    ran = _stand_in(monkeypatch, bootstrap, libraries=("pango-1.0", "pangoft2-1.0"), root=True)
    bootstrap.ensure_system_packages(for_tests=False)
    assert ran == [["apt-get", "update"], ["apt-get", "install", "-y", "libharfbuzz-subset0"]]
    assert "libharfbuzz-subset0 (PDF letters without warnings)" in capsys.readouterr().out


def test_a_missing_subsetter_is_a_warning_with_the_command(monkeypatch, bootstrap, capsys):
    ran = _stand_in(monkeypatch, bootstrap, libraries=("pango-1.0", "pangoft2-1.0"), root=False)
    bootstrap.ensure_system_packages(for_tests=False)
    assert ran == []
    assert "To install them run: sudo apt-get install -y libharfbuzz-subset0" in capsys.readouterr().out


def test_missing_pango_stops_with_the_command(monkeypatch, bootstrap):
    ran = _stand_in(monkeypatch, bootstrap, libraries=(), root=False)
    with pytest.raises(bootstrap.BootstrapError) as err:
        bootstrap.ensure_system_packages(for_tests=False)
    assert ran == []
    assert "needs Pango" in str(err.value)
    assert "Run: sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" in str(err.value)
