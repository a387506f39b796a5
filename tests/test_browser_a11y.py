"""Accessibility of every page of the web app: axe-core (bundled offline by axe-playwright-python) finds no
serious or critical violation on a laptop (1366x900) or a phone (390x844). Real server on the ingested sample
corpus, Debian Chromium; skipped when Chromium, Playwright or axe-playwright-python is missing.
Screenshots land in out/screenshots/ (a11y-<page>-<width>.png).
"""
from __future__ import annotations

import httpx
import pytest

from tests.browser_fixtures import browser, live_server, require_browser, screenshot  # noqa: F401  (fixtures)

require_browser()
axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright",
                               reason="axe-playwright-python is not installed (pip install -e '.[dev]')")

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser
SLOW = 90_000  # the first search loads the embedding model
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "telefoon": {"width": 390, "height": 844}}
BLOCKING = {"serious", "critical"}


def _routes(base: str) -> dict[str, tuple[str, str | None]]:
    """Page name -> (hash route, a selector that shows the page has its data), from what the corpus holds."""
    get = lambda path: httpx.get(base + path, timeout=60).json()  # noqa: E731
    doc = get("/api/documents")["documents"][0]["id"]
    action = get("/api/actions")["actions"][0]["id"]
    passage = get(f"/api/documents/{doc}/text")["passages"][1]["id"]
    teams = [t["label"] for t in get("/api/entities?type=basisteam")["results"]][:2]
    theme = next(c["id"] for c in get("/api/concepts?type=theme")["concepts"] if c["usage"])
    return {
        "zoeken": ("#/zoeken?q=mensenhandel", "section.results li.result"),
        "acties": ("#/acties", ".board-action, .action"),
        "actie": (f"#/actie/{action}", "main h1"),
        "vergelijken": (f"#/vergelijk?a={teams[0]}&b={teams[-1]}", "main .compare-summary"),
        "documenten": ("#/documenten", "table.documents"),
        "lezer": (f"#/documenten/{doc}?passage={passage}", ".reader-passage.cited"),
        "entiteit": (f"#/entiteit/{theme}", ".concept-card"),
        "begrippen": ("#/begrippen", "li.concept"),
        "begrippen-boom": ("#/begrippen?weergave=boom", "ul.tree"),
        "graaf": ("#/graaf", ".graph-controls [role=status]"),
        "toevoegen": ("#/toevoegen", "form.upload-form"),
    }


@pytest.fixture(scope="module")
def routes(live_server) -> dict[str, tuple[str, str | None]]:
    return _routes(live_server)


PAGES = ["zoeken", "acties", "actie", "vergelijken", "documenten", "lezer", "entiteit", "begrippen", "begrippen-boom",
         "graaf", "toevoegen"]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_axe_violation(browser, live_server, routes, name, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        route, ready = routes[name]
        page.goto(f"{live_server}/{route}")
        expect(page.locator(ready).first).to_be_visible(timeout=SLOW)
        expect(page.locator("main .loading")).to_have_count(0, timeout=SLOW)
        result = axe_sync.Axe().run(page)
        screenshot(page, f"a11y-{name}-{VIEWPORTS[viewport]['width']}")
    finally:
        context.close()
    found = [v for v in result.response["violations"] if v["impact"] in BLOCKING]
    report = "\n".join(f"{v['impact']} {v['id']}: {v['help']} — {len(v['nodes'])}x, e.g. {v['nodes'][0]['target']}: "
                       f"{v['nodes'][0].get('failureSummary', '')[:200]}" for v in found)
    assert not found, f"axe on {route} ({viewport}):\n{report}"
    assert not errors, f"JavaScript errors: {errors}"
