"""PADU_DATA_KEY: required in production, never silently SECRET_KEY, checked by `check --deploy`."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.checks import Tags, run_checks
from django.test import override_settings

GOOD_KEY = "a-data-key-of-its-own-0123456789-abcdefghijklmnopqrstuvwxyz"


def _import_settings(**env: str) -> subprocess.CompletedProcess[str]:
    """Import config.settings in a fresh interpreter with only these variables (and PATH) set;
    each variable given here wins over a developer's .env."""
    return subprocess.run(
        [sys.executable, "-c", "from config import settings; print('KEY=' + settings.PADU_DATA_KEY)"],
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_production_refuses_to_start_without_a_data_key():
    result = _import_settings(
        DEBUG="false", SECRET_KEY="s" * 10 + "-production-secret-key-0123456789", PADU_DATA_KEY=""
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "PADU_DATA_KEY must be set when DEBUG is off" in result.stderr
    assert "secrets.token_urlsafe(32)" in result.stderr  # how to make one
    assert "KEY=" not in result.stdout


def test_production_uses_the_data_key_it_is_given():
    result = _import_settings(DEBUG="false", SECRET_KEY="production-secret-key-0123456789", PADU_DATA_KEY=GOOD_KEY)
    assert result.returncode == 0, result.stderr
    assert f"KEY={GOOD_KEY}" in result.stdout


def test_development_without_a_data_key_falls_back_to_the_secret_key():
    result = _import_settings(DEBUG="true", SECRET_KEY="dev-secret-key", PADU_DATA_KEY="")
    assert result.returncode == 0, result.stderr
    assert "KEY=dev-secret-key" in result.stdout


def test_the_test_settings_have_a_data_key_of_their_own():
    assert settings.PADU_DATA_KEY and settings.PADU_DATA_KEY != settings.SECRET_KEY


def _data_key_messages() -> dict[str, str]:
    messages = run_checks(tags=[Tags.security], include_deployment_checks=True)
    return {m.id: m.msg for m in messages if m.id and m.id.startswith("padu.")}


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("", "padu.E001"),
        (settings.SECRET_KEY, "padu.E002"),
        ("short-data-key", "padu.W001"),
        ("a" * 40, "padu.W001"),  # long, but hardly random
    ],
)
def test_check_deploy_reports_a_missing_shared_or_weak_data_key(key, expected):
    with override_settings(PADU_DATA_KEY=key):
        found = _data_key_messages()
    assert list(found) == [expected]
    assert "PADU_DATA_KEY" in found[expected]


def test_check_deploy_accepts_a_long_key_of_its_own():
    with override_settings(PADU_DATA_KEY=GOOD_KEY):
        assert _data_key_messages() == {}


def test_the_data_key_check_runs_only_with_deploy():
    with override_settings(PADU_DATA_KEY=""):
        assert not any(m.id == "padu.E001" for m in run_checks(tags=[Tags.security]))
