"""In a real browser: a question the plans do not answer shows the Dutch no-match line, not a list of
unrelated passages; those the signal doubts are folded away as weak matches (search/relevance.py).
Skipped when Chromium or Playwright is missing."""
from __future__ import annotations

import pytest

from tests.browser_fixtures import browser, live_server, page, require_browser, screenshot  # noqa: F401  (fixtures)

require_browser()

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser
SLOW = 90_000  # the first search loads the embedding model


def test_nonsense_shows_the_no_match_message(page, live_server):
    query = "Hoe ontkalk ik een espressomachine?"
    page.goto(f"{live_server}/#/zoeken")
    page.get_by_label("Zoekvraag").fill(query)
    page.get_by_role("button", name="Zoeken", exact=True).click()
    results = page.locator("section.results")
    expect(results.get_by_role("status")).to_have_text(f"Niets relevants gevonden voor '{query}'.", timeout=SLOW)
    expect(results.locator("li.result:visible")).to_have_count(0)
    weak = results.locator("details.weak-results")  # the doubted passages stay reachable, folded and labelled
    if weak.count():
        assert weak.get_attribute("open") is None
        expect(weak.locator("summary")).to_contain_text("Zwakke overeenkomsten")
    screenshot(page, "zoeken-niets-relevants")
