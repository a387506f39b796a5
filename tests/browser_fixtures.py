"""Fixtures for the browser tests: the sample corpus ingested through the CLI, the real app under
uvicorn, and Debian's headless Chromium driven by Playwright (never a browser Playwright downloads).

Imported by tests/test_browser.py (tests/conftest.py belongs to the shared API fixtures).
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SCREENSHOTS = ROOT / "out" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_browser() -> None:
    """Called at the top of a browser test module: skip it where Chromium or Playwright is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser tests skipped",
                    allow_module_level=True)
    pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")


@pytest.fixture(scope="module")
def live_server(server) -> str:
    """Base URL of the real app under uvicorn serving the ingested sample corpus (shared with the API tests)."""
    return server


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless; the module is skipped where it is not installed."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@contextmanager
def open_tab(browser, timeout_ms: int = 30_000, **context_options):
    """A fresh Dutch tab in its own context (`context_options`: viewport, is_mobile, ...); fails the test if
    the page threw a JavaScript error."""
    context = browser.new_context(locale="nl-NL", **context_options)
    pg = context.new_page()
    pg.set_default_timeout(timeout_ms)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def page(browser, live_server):
    """A fresh laptop-sized tab on the app; fails the test if the page throws a JavaScript error."""
    with open_tab(browser, viewport={"width": 1366, "height": 850}) as pg:
        yield pg


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under out/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
