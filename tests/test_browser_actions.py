"""The actions board and action page in a real browser: the report's colour legend beside the derived
status, the trekker, deadline and overdue filters, and an action's partners, instruments and trekker as
links. Runs on the sample corpus plus a voortgangsrapportage of another gemeente (tests/legend_fixtures.py)
whose table names trekkers and marks colours. Desktop 1366x900 and phone 390x844; screenshots land in
out/screenshots/.
"""
from __future__ import annotations

import re
from urllib.parse import quote

import httpx
import pytest

from tests.browser_fixtures import browser, open_tab, require_browser, screenshot  # noqa: F401  (fixtures)

require_browser()

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def board_server(ingested, tmp_path_factory):
    from tests.legend_fixtures import add_report
    from tests.conftest import running_server

    ws = add_report(ingested, tmp_path_factory.mktemp("board"))
    with running_server(ws.data_dir) as base:
        yield base


@pytest.fixture(params=list(SIZES))
def sized(request, browser, board_server):  # noqa: F811
    with open_tab(browser, viewport=SIZES[request.param]) as pg:
        yield pg, request.param


def _api(base: str, **params) -> dict:
    r = httpx.get(f"{base}/api/actions", params=params, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()


def test_colour_legend_and_overdue_filter(sized, board_server):
    page, size = sized
    page.goto(f"{board_server}/#/acties?cycle=2023-2024")
    legend = page.locator("section.colour-legend")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("Kleuren van de rapportage")
    sample = legend.locator(".colour-legend-plan", has_text="2023-2024")
    expect(sample.locator(".colour-legend-item")).to_have_count(3)
    expect(sample).to_contain_text("Afgerond of behoeft geen bijsturing")  # the report's own words
    expect(sample).to_contain_text("Vergt nog veel aandacht/bijsturing")
    data = _api(board_server, cycle="2023-2024")
    groen = sum(1 for a in data["actions"] if a["report_colour"] == "groen")
    expect(sample.locator(".colour-legend-item", has_text="Groen")).to_contain_text(f"({groen} acties)")
    # the colour stands beside the derived status, on the same line of the action
    item = page.locator(".board-action", has=page.locator(".report-colour")).first
    expect(item.locator(".badge.report-colour")).to_contain_text(re.compile(r"Rapportage: (rood|oranje|groen)"))
    expect(item.locator(".badge.status")).to_be_visible()
    screenshot(page, f"acties-kleuren-{size}")

    status = page.locator("main p[role=status]")
    page.get_by_label("deadline verstreken, niet afgerond").check()
    expect(page).to_have_url(re.compile(r"overdue=true"))
    late = _api(board_server, cycle="2023-2024", overdue="true")["actions"]
    assert late and all(a["overdue"] for a in late)
    expect(status).to_contain_text(f"{len(late)} {'actie' if len(late) == 1 else 'acties'} van")
    expect(page.locator(".board-action")).to_have_count(len(late))
    expect(page.locator(".board-action .badge.overdue")).to_have_count(len(late))
    page.locator(".board-action").first.scroll_into_view_if_needed()
    screenshot(page, f"acties-over-tijd-{size}")


def test_trekker_and_deadline_filters(sized, board_server):
    page, size = sized
    page.goto(f"{board_server}/#/acties")
    page.get_by_label("Trekker", exact=True).select_option("Team Handhaving")
    expect(page).to_have_url(re.compile(r"trekker=Team"))
    expect(page.locator(".board-action")).to_have_count(2)
    expect(page.locator(".board-action").first).to_contain_text("trekker Team Handhaving")
    page.get_by_label("Deadline na", exact=True).fill("2024-12-31")
    page.get_by_label("Deadline na", exact=True).dispatch_event("change")
    expect(page).to_have_url(re.compile(r"due_after=2024-12-31"))
    expect(page.locator(".board-action")).to_have_count(1)
    expect(page.locator(".board-action .action-title")).to_have_text("Hennepconvenant met woningcorporaties")
    expect(page.locator(".board-action .report-colour")).to_have_text("Rapportage: groen")


def test_action_page_links_partners_instruments_and_trekker(sized, board_server):
    page, size = sized
    every = _api(board_server)["actions"]
    a = next(x for x in every if x["partners"] and x["instruments"])
    page.goto(f"{board_server}/#/actie/{quote(a['id'])}")
    expect(page.get_by_role("heading", level=1)).to_have_text(a["title"])
    facts = page.locator("dl.facts")
    for e in a["partners"] + a["instruments"]:
        link = facts.locator(f"a[href='#/entiteit/{quote(e['id'])}']")
        expect(link).to_contain_text(e["label"])
    if a["owner_id"]:
        expect(facts.get_by_role("link", name=a["owner"], exact=True)).to_be_visible()
    marked = next(x for x in every if x["trekker"] == "Team Jeugd")
    page.goto(f"{board_server}/#/actie/{quote(marked['id'])}")
    expect(page.get_by_role("heading", level=1)).to_have_text(marked["title"])
    expect(facts).to_contain_text("Kleur in rapportage")
    expect(facts.locator(".report-colour")).to_have_text("Rapportage: groen")
    expect(facts).to_contain_text("Op schema of gereed")  # the legend line the colour came from
    screenshot(page, f"actie-kleur-trekker-{size}")
    facts.get_by_role("link", name="Team Jeugd", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/acties\?trekker=Team"))
    expect(page.locator(".board-action")).to_have_count(1)
