"""The API docs and the web app under the strict Content-Security-Policy, in a real browser with no way out.

Every request to a host other than loopback is aborted and recorded, as on a machine without internet: /docs
must still render Swagger UI from this server alone, and no page may trip the policy (a console CSP error or
a `securitypolicyviolation` event). A last test shows the watch works: an inline script and a style attribute
are refused and reported.

Headless Debian Chromium via Playwright; skipped when /usr/bin/chromium (or Playwright) is missing.
"""
from __future__ import annotations

import re
from typing import Callable
from urllib.parse import urlsplit

import httpx
import pytest

from tests.browser_fixtures import browser, live_server, page, require_browser, screenshot  # noqa: F401  (fixtures)

require_browser()

from playwright.sync_api import Page, Route, expect  # noqa: E402

pytestmark = pytest.mark.browser
SLOW = 90_000  # the first search loads the embedding model
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}: ${e.sample}`));
"""


def offline(pg: Page) -> list[str]:
    """Abort every request that would leave loopback; returns the (live) list of URLs that tried."""
    left: list[str] = []

    def handle(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOOPBACK:
            route.continue_()
        else:
            left.append(url)
            route.abort("internetdisconnected")

    pg.route("**/*", handle)
    return left


def watch_csp(pg: Page) -> Callable[[], list[str]]:
    """Record CSP violations from the console and from DOM events; returns a function listing them so far."""
    console: list[str] = []
    pg.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    pg.add_init_script(RECORD_VIOLATIONS)
    return lambda: console + pg.evaluate("window.__cspViolations || []")


def test_docs_render_offline_with_no_request_leaving_loopback(page, live_server):
    left = offline(page)
    violations = watch_csp(page)
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlsplit(r.url).hostname or r.url.split(":", 1)[0]))
    page.goto(f"{live_server}/docs")

    expect(page.locator(".information-container .title")).to_contain_text("ivp-kg", timeout=30_000)
    paths = page.locator(".opblock-summary-path")
    expect(paths.first).to_be_visible()
    assert paths.count() > 10
    assert {"/api/search", "/api/entities", "/api/documents"} <= set(paths.all_inner_texts())
    search_op = page.locator(".opblock", has=page.locator(".opblock-summary-path", has_text=re.compile(r"^/api/search$")))
    search_op.locator(".opblock-summary").click()
    expect(search_op.locator("tr[data-param-name='q']")).to_be_visible()
    screenshot(page, "10-api-docs")

    assert left == [], f"requests left loopback: {left}"
    assert hosts <= LOOPBACK | {"data"}, hosts
    assert violations() == []


def test_web_app_pages_raise_no_csp_violations(page, live_server):
    """Pages that style elements from JS (status bars, outline indents, graph legend) and draw with cytoscape."""
    left = offline(page)
    violations = watch_csp(page)
    riec = httpx.get(f"{live_server}/api/entities", params={"q": "RIEC", "type": "partner"}, timeout=30).json()
    doc = httpx.get(f"{live_server}/api/documents", timeout=30).json()["documents"][0]

    page.goto(f"{live_server}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zoeken")
    assert violations() == []

    page.goto(f"{live_server}/#/zoeken?q=mensenhandel")
    expect(page.locator("section.results").get_by_role("status")).to_contain_text("gevonden", timeout=SLOW)

    page.goto(f"{live_server}/#/acties")
    bar = page.locator(".status-bar span").first
    expect(bar).to_be_visible()
    assert float(bar.evaluate("el => getComputedStyle(el).flexGrow")) > 0, "the status bar's widths were refused"

    page.goto(f"{live_server}/#/documenten/{doc['id']}")
    outline = page.locator("ul.sections li")
    expect(outline.first).to_be_visible()
    indents = outline.evaluate_all("els => els.map((el) => parseFloat(getComputedStyle(el).paddingLeft))")
    assert max(indents) > 0, "the outline's indents were refused"

    page.goto(f"{live_server}/#/graaf?start={riec['results'][0]['id']}")
    expect(page.locator(".graph-controls [role=status]")).to_contain_text("in beeld")
    swatch = page.locator(".graph-controls .swatch").first
    assert swatch.evaluate("el => getComputedStyle(el).backgroundColor") not in ("", "rgba(0, 0, 0, 0)")
    assert page.locator(".__________cytoscape_container").count() == 1

    assert left == [], f"requests left loopback: {left}"
    assert violations() == []


def test_the_policy_refuses_inline_script_and_style_attributes(page, live_server):
    """The watch above is only worth something if a violation does show up in it."""
    violations = watch_csp(page)
    page.goto(f"{live_server}/#/zoeken")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zoeken")
    page.evaluate("""() => {
      const s = document.createElement("script");
      s.textContent = "window.__inlineRan = true";
      document.body.append(s);
      const d = document.createElement("p");
      d.id = "styled";
      d.setAttribute("style", "color: rgb(255, 0, 0)");
      document.body.append(d);
    }""")
    page.wait_for_function("window.__cspViolations.length >= 2")
    assert page.evaluate("window.__inlineRan") is None
    assert page.evaluate("getComputedStyle(document.getElementById('styled')).color") != "rgb(255, 0, 0)"
    found = " ".join(violations())
    assert "script-src" in found and "style-src" in found, found
