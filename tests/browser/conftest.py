"""Browser tests: Playwright (sync API) driving Debian's Chromium against `live_server`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        # In CI a missing browser is a broken pipeline, never a silent skip.
        raise pytest.UsageError(f"{CHROMIUM} is missing; browser tests must run in CI.")
    skip = pytest.mark.skip(reason=f"Chromium not installed at {CHROMIUM}; browser tests skipped.")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield instance
        instance.close()


class PageErrors:
    """Console errors (a CSP violation shows up here) collected during a test."""

    def __init__(self) -> None:
        self.messages: list[str] = []


def _new_page(browser, *, javascript: bool):
    context = browser.new_context(
        java_script_enabled=javascript, locale="id-ID", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    errors = PageErrors()
    page.on("console", lambda msg: errors.messages.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.messages.append(str(exc)))
    page.errors = errors
    return context, page


@pytest.fixture
def page(browser, transactional_db, live_server):
    context, page = _new_page(browser, javascript=True)
    yield page
    context.close()


@pytest.fixture
def page_nojs(browser, transactional_db, live_server):
    context, page = _new_page(browser, javascript=False)
    yield page
    context.close()


@pytest.fixture
def axe_check():
    """Assert no serious or critical axe-core violation on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page) -> None:
        results = axe.run(page)
        bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
        assert not bad, f"{page.url}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in bad
        )

    return check


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return take


# The user guide's screenshots (docs/guide/images) stay small: a long page keeps its first screen.
GUIDE_MAX_BYTES = 150_000


@pytest.fixture
def guide_shot(screenshot):
    """Save a test artifact and, with PADU_GUIDE_SCREENSHOTS set, the guide's copy too."""
    target = os.environ.get("PADU_GUIDE_SCREENSHOTS")

    def take(page, name: str, guide: str | None = None) -> None:
        screenshot(page, name)
        if target and guide:
            path = Path(target) / guide
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(path), full_page=True)
            if path.stat().st_size > GUIDE_MAX_BYTES:
                # Keep the repository small: a long page is shown by one screen only, the one
                # that begins at the page's own heading (not the site's menu above it).
                heading = page.locator("main h1").first
                if heading.count():
                    heading.scroll_into_view_if_needed()
                    page.evaluate("() => document.querySelector('main h1').scrollIntoView({block: 'start'})")
                page.screenshot(path=str(path), full_page=False)

    return take
