"""The graph page in headless Chromium, on a laptop and on a phone: the default view is labelled and readable,
the view/owner/selection live in the address (reload and back restore them), and clicking an edge shows the
passage behind it with a link into the reader. Screenshots land in out/screenshots/."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.browser_fixtures import browser, live_server, open_tab, require_browser, screenshot  # noqa: F401

require_browser()

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser
DEVICES = {"laptop": {"viewport": {"width": 1366, "height": 850}},
           "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
                     "device_scale_factor": 1}}

# The drawn nodes and edges, in page coordinates, that lie inside the visible part of the canvas.
_ON_SCREEN = """() => {
  const cy = window.__ivpGraph, box = cy.container().getBoundingClientRect();
  const seen = (p) => p.x > 12 && p.y > 12 && p.x < cy.width() - 12 && p.y < cy.height() - 12
    && box.top + p.y > 0 && box.top + p.y < window.innerHeight && box.left + p.x < window.innerWidth;
  const nodes = cy.nodes(':visible').map((n) => ({ id: n.id(), p: n.renderedPosition(), r: n.renderedWidth() / 2,
    degree: n.connectedEdges(':visible').length }));
  const clear = (p) => nodes.every((n) => Math.hypot(n.p.x - p.x, n.p.y - p.y) > n.r + 10);
  return {
    nodes: nodes.filter((n) => seen(n.p) && n.degree > 0).map((n) => ({ id: n.id, x: box.left + n.p.x, y: box.top + n.p.y })),
    edges: cy.edges(':visible').filter((e) => e.data('evidence').length > 0).map((e) => ({ id: e.id(), p: e.renderedMidpoint() }))
      .filter((e) => seen(e.p) && clear(e.p)).map((e) => ({ id: e.id, x: box.left + e.p.x, y: box.top + e.p.y })),
  };
}"""

_LABELS = """() => {
  const cy = window.__ivpGraph;
  return cy.nodes(':visible').map((n) => ({ label: n.style('label'), type: n.data('type'), size: n.width(),
    rendered: parseFloat(n.style('font-size')) * cy.zoom(), floor: parseFloat(n.style('min-zoomed-font-size')) }));
}"""


@pytest.fixture(params=list(DEVICES))
def device(request, browser):
    with open_tab(browser, **DEVICES[request.param]) as pg:
        yield request.param, pg


def _owners(base: str) -> list[str]:
    return httpx.get(base + "/api/graph", params={"view": "partners-themas", "limit": 1}, timeout=30).json()["owners"]


def _params(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).fragment.split("?", 1)[-1]).items()}


def _drawn(page) -> None:
    expect(page.locator(".graph-controls [role=status]")).to_contain_text("in beeld")
    page.wait_for_function("() => window.__ivpGraph && !window.__ivpGraph.destroyed()")


def _show_canvas(page) -> None:
    page.locator("#cy").scroll_into_view_if_needed()
    page.wait_for_timeout(200)


def test_default_view_is_labelled_readable_and_sized(device, live_server):
    name, page = device
    page.goto(f"{live_server}/#/graaf")
    _drawn(page)
    params = _params(page)
    assert params["weergave"] == "partners-themas" and params["eigenaar"] in _owners(live_server)
    labels = page.evaluate(_LABELS)
    assert len(labels) > 3 and {n["type"] for n in labels} <= {"partner", "theme"}
    assert all(n["label"].strip() for n in labels), "a node without a label"
    assert all(n["rendered"] >= 9 and n["floor"] <= n["rendered"] for n in labels), \
        min(labels, key=lambda n: n["rendered"])
    assert len({n["size"] for n in labels}) > 1, "every node the same size: not sized by actions"
    expect(page.get_by_label("Eigenaar")).to_have_value(params["eigenaar"])
    screenshot(page, f"graaf-weergave-{name}")


def test_address_keeps_view_owner_and_node_through_reload_and_back(device, live_server):
    name, page = device
    owners = _owners(live_server)
    page.goto(f"{live_server}/#/graaf?weergave=partners-themas&eigenaar={owners[0]}")
    _drawn(page)
    page.get_by_label("Weergave").select_option("instrumenten-themas")
    expect(page).to_have_url(re.compile(r"weergave=instrumenten-themas"))
    page.get_by_label("Eigenaar").select_option(owners[-1])
    expect(page).to_have_url(re.compile("eigenaar=" + re.escape(owners[-1].replace(" ", "+")) + "(&|$)"))
    _drawn(page)
    _show_canvas(page)
    node = page.evaluate(_ON_SCREEN)["nodes"][0]
    page.mouse.click(node["x"], node["y"])
    expect(page).to_have_url(re.compile("knoop="))
    assert _params(page)["knoop"] == node["id"]
    label = page.evaluate("(id) => window.__ivpGraph.getElementById(id).data('label')", node["id"])
    expect(page.locator(".graph-details h2")).to_have_text(label)

    page.reload()
    _drawn(page)
    expect(page.get_by_label("Weergave")).to_have_value("instrumenten-themas")
    expect(page.get_by_label("Eigenaar")).to_have_value(owners[-1])
    assert page.evaluate("() => window.__ivpGraph.$(':selected').map((e) => e.id())") == [node["id"]]
    expect(page.locator(".graph-details h2")).to_have_text(label)
    screenshot(page, f"graaf-na-herladen-{name}")

    page.go_back()  # the owner before
    expect(page.get_by_label("Eigenaar")).to_have_value(owners[0])
    expect(page.get_by_label("Weergave")).to_have_value("instrumenten-themas")


def test_edge_click_shows_the_passage_with_a_reader_link(device, live_server):
    name, page = device
    page.goto(f"{live_server}/#/graaf")
    _drawn(page)
    _show_canvas(page)
    edges = page.evaluate(_ON_SCREEN)["edges"]
    assert edges, "no edge with evidence can be clicked in the default view"
    page.mouse.click(edges[0]["x"], edges[0]["y"])
    expect(page).to_have_url(re.compile("verbinding="))
    chosen = _params(page)["verbinding"]
    quote = page.locator(".graph-details figure.evidence blockquote").first
    expect(quote).to_be_visible()
    assert len(quote.inner_text().strip()) > 10
    link = page.locator(".graph-details figure.evidence a.cite-link").first
    assert re.fullmatch(r"#/documenten/[^?/]+\?passage=[^&]+", link.get_attribute("href")), link.get_attribute("href")
    screenshot(page, f"graaf-bewijs-{name}")

    # The link opens the reader at the passage; back returns to the same edge with its evidence.
    link.click()
    expect(page).to_have_url(re.compile(r"#/documenten/[^?]+\?passage="))
    page.go_back()
    _drawn(page)
    assert page.evaluate("() => window.__ivpGraph.$(':selected').map((e) => e.id())") == [chosen]
    expect(page.locator(".graph-details figure.evidence blockquote").first).to_be_visible()


def test_whole_graph_is_labelled_and_reports_its_time(device, live_server):
    name, page = device
    page.goto(f"{live_server}/#/graaf")
    _drawn(page)
    page.get_by_role("button", name="Hele graaf laden").click()
    expect(page.locator(".graph-message")).to_contain_text("Hele graaf geladen")
    labels = page.evaluate(_LABELS)
    assert len(labels) > 100 and all(n["label"].strip() for n in labels)
    load_ms = int(page.locator("#cy").get_attribute("data-load-ms"))
    print(f"whole graph ({name}): {len(labels)} nodes drawn in {load_ms} ms (fetch + layout)")
    screenshot(page, f"graaf-geheel-{name}")
