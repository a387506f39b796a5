"""Every page on a phone (390 x 844) without sideways scrolling, and the compare page printed without its
menu, in headless Chromium. Screenshots and the PDF land in out/screenshots/ for a person to look at."""
from __future__ import annotations

import httpx
import pytest

from tests.browser_fixtures import (SCREENSHOTS, browser, live_server, open_tab, require_browser,  # noqa: F401
                                    screenshot)

require_browser()

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def _pages(base: str) -> dict[str, str]:
    """One address per page of the app, with content from the ingested corpus."""
    docs = httpx.get(f"{base}/api/documents", timeout=30).json()["documents"]
    actions = httpx.get(f"{base}/api/actions", timeout=60).json()["actions"]
    theme = httpx.get(f"{base}/api/entities", params={"type": "theme", "limit": 1}, timeout=30).json()["results"][0]
    return {"zoeken": "#/zoeken", "zoeken-resultaten": "#/zoeken?q=aanpak%20van%20mensenhandel",
            "acties": "#/acties", "actie": f"#/actie/{actions[0]['id']}", "vergelijk": "#/vergelijk",
            "graaf": "#/graaf", "documenten": "#/documenten",
            "document": f"#/documenten/{max(docs, key=lambda d: d['actions'])['id']}",
            "entiteit": f"#/entiteit/{theme['id']}"}


@pytest.fixture
def phone(browser):
    with open_tab(browser, 90_000, viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True) as pg:
        yield pg


def _settle(pg) -> None:
    pg.wait_for_load_state("networkidle")
    expect(pg.locator("main .loading, main [aria-busy=true]")).to_have_count(0, timeout=90_000)
    expect(pg.locator("main h1").first).to_be_visible()


def test_no_page_scrolls_sideways_on_a_phone(phone, live_server):
    wide = {}
    pages = _pages(live_server)
    phone.goto(f"{live_server}/#/zoeken")
    for href in phone.locator("header nav a[href^='#/']").evaluate_all("(links) => links.map((a) => a.hash)"):
        pages.setdefault(href.strip("#/").split("?")[0], href)  # every page the menu offers, new ones included
    for name, hash_ in pages.items():
        phone.goto(f"{live_server}/{hash_}")
        _settle(phone)
        width = phone.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
        screenshot(phone, f"phone-{name}")
        if width[0] > width[1]:
            culprits = phone.evaluate("""() => [...document.querySelectorAll('body *')]
                .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 5).map((e) => e.tagName + '.' + e.className)""")
            wide[name] = (width, culprits)
    assert not wide, f"pages wider than the phone: {wide}"


def test_the_menu_stays_reachable_on_a_phone(phone, live_server):
    phone.goto(f"{live_server}/#/zoeken")
    _settle(phone)
    for link in phone.locator("header nav a").all():
        box = link.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], "a menu item off screen"


def test_compare_prints_without_menu_filters_or_buttons(browser, live_server):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="nl-NL")
    pg = context.new_page()
    try:
        pg.goto(f"{live_server}/#/vergelijk")
        expect(pg.locator("table.compare")).to_be_visible(timeout=90_000)
        pg.emulate_media(media="print")
        for selector in ("header nav", ".site-header", "form.compare-form", ".csv-link"):
            assert pg.locator(selector).first.evaluate("(e) => getComputedStyle(e).display") == "none", selector
        assert pg.locator("table.compare").evaluate("(e) => getComputedStyle(e).display") == "table"
        shown = pg.locator("table.compare").evaluate("(e) => e.scrollWidth <= e.clientWidth + 1")
        assert shown, "the printed table is not cut at the side"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        pdf = pg.pdf(path=str(SCREENSHOTS / "vergelijk-print.pdf"), format="A4", print_background=True)
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
        folded = pg.locator("table.compare li.folded")
        if folded.count():
            assert folded.first.is_visible(), "a printout lists every action, not the first few"
        screenshot(pg, "vergelijk-print")
    finally:
        context.close()


CONTRAST = """() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = ([r, g, b]) => [r, g, b].map(lin)
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const out = [];
  for (const e of document.querySelectorAll("main .badge, main .csv-link, header a, button.primary")) {
    const st = getComputedStyle(e);
    const bg = rgb(st.backgroundColor);
    if (bg.length === 4 && bg[3] === 0) continue;  // transparent: the page's own background, checked elsewhere
    const [a, b] = [lum(rgb(st.color)), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) out.push(`${e.className}: ${st.color} on ${st.backgroundColor} = ${ratio.toFixed(2)}`);
  }
  return [...new Set(out)];
}"""


def test_coloured_badges_keep_text_readable(browser, live_server):
    """White text on the status, match and type colours reaches 4.5:1 (WCAG AA, what axe-core checks)."""
    context = browser.new_context(viewport={"width": 1366, "height": 850}, locale="nl-NL")
    pg = context.new_page()
    try:
        low = {}
        for name, hash_ in _pages(live_server).items():
            pg.goto(f"{live_server}/{hash_}")
            _settle(pg)
            if found := pg.evaluate(CONTRAST):
                low[name] = found
        assert not low, f"text below 4.5:1 contrast: {low}"
    finally:
        context.close()
