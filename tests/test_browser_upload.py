"""The upload page in a real browser: the token explained, a wrong token refused, an upload followed through
the queue (kept waiting by another writer, then ingested) to its report and the document page.

Its own server and data directory (not the shared sample server: an upload changes the data).
"""
from __future__ import annotations

import pytest

from tests.browser_fixtures import browser, page, require_browser, screenshot  # noqa: F401  (fixtures)

require_browser()

from playwright.sync_api import expect  # noqa: E402

from kg import state as st  # noqa: E402
from tests.conftest import _seed_vectors, running_server  # noqa: E402

pytestmark = pytest.mark.browser
TOKEN = "pagina-token-7"
SLOW = 180_000  # the first ingest loads the embedding model

NOTE = ("# Handhavingsnotitie Westerkwartier 2026\n\n## Ondermijning op bedrijventerreinen\n\n"
        "De gemeente Westerkwartier controleert samen met het RIEC loodsen op het bedrijventerrein.\n")


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory):
    data = tmp_path_factory.mktemp("upload-page") / "data"
    _seed_vectors(data)
    with running_server(data, IVP_API_TOKEN=TOKEN) as base:
        yield base, data


@pytest.fixture(scope="module")
def live_server(upload_server) -> str:  # the `page` fixture opens this server
    return upload_server[0]


def choose(page, token: str) -> None:
    page.fill("#upload-token", token)
    page.set_input_files("#upload-file", {"name": "handhaving-westerkwartier.md", "mimeType": "text/markdown",
                                          "buffer": NOTE.encode()})
    page.get_by_role("button", name="Uploaden en inlezen").click()


def test_upload_page_explains_the_token_follows_the_job_and_shows_the_report(page, upload_server):
    base, data = upload_server
    page.goto(base + "/#/toevoegen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Document toevoegen")
    expect(page.locator("nav a[aria-current=page]")).to_have_text("Toevoegen")
    expect(page.get_by_role("heading", name="Over de toegangssleutel")).to_be_visible()
    expect(page.locator("main")).to_contain_text("IVP_API_TOKEN")

    choose(page, "niet-de-sleutel")
    expect(page.get_by_role("alert")).to_contain_text("De toegangssleutel ontbreekt of klopt niet")

    with st.writer_lock(data):  # another writer is busy: the page shows the job waiting
        choose(page, TOKEN)
        expect(page.locator("#upload-result .job-status")).to_contain_text("wacht tot een andere schrijfactie",
                                                                          timeout=30_000)
        screenshot(page, "upload-wachtend")
    expect(page.locator("#upload-result .job-status")).to_have_text("Klaar: het document is ingelezen.", timeout=SLOW)
    report = page.locator(".upload-report")
    expect(report).to_contain_text("Document toegevoegd.")
    expect(report).to_contain_text("handhaving-westerkwartier.md")
    expect(report.locator("dl.upload-counts")).to_contain_text("Passages")
    screenshot(page, "upload-rapport")

    report.get_by_role("heading", level=2).get_by_role("link").click()
    expect(page.locator("nav a[aria-current=page]")).to_have_text("Documenten")
    expect(page.locator("dl.facts")).to_contain_text("handhaving-westerkwartier.md")
