"""The web interface in a real browser: what a user sees when searching, browsing entities and the
graph, comparing the two basisteams and reading the documents. Runs on the ingested sample corpus.

Headless Debian Chromium via Playwright; skipped when /usr/bin/chromium (or Playwright) is missing.
Screenshots land in out/screenshots/.
"""
from __future__ import annotations

import re
import time

import httpx
import pytest

from tests.browser_fixtures import browser, live_server, page, require_browser, screenshot  # noqa: F401  (fixtures)

require_browser()

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser
SLOW = 90_000  # the first search loads the embedding model


def _count(text: str) -> int:
    """The first number in a status line such as '12 knopen en 15 verbindingen in beeld'."""
    m = re.search(r"\d+", text)
    assert m, f"no number in {text!r}"
    return int(m.group())


def _graph_nodes(page) -> int:
    status = page.locator(".graph-controls [role=status]")
    expect(status).to_contain_text("in beeld")
    return _count(status.inner_text())


def _entity(base: str, q: str, type_: str) -> dict:
    """The entity a user finds under a name (e.g. RIEC), as the API names it."""
    found = httpx.get(f"{base}/api/entities", params={"q": q, "type": type_, "limit": 5}, timeout=30).json()["results"]
    assert found, f"no {type_} matching {q!r} in the ingested corpus"
    return found[0]


def test_a_colour_question_shows_each_actions_report_colour(page, live_server):
    """"Welke acties staan op rood?": the answer reads the colour as a filter and badges every action with it."""
    page.goto(f"{live_server}/#/zoeken")
    page.get_by_label("Zoekvraag").fill("Welke acties staan op rood?")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    answer = page.locator("section.answer")
    expect(answer).to_contain_text("kleur rood", timeout=SLOW)
    said = httpx.get(f"{live_server}/api/ask", params={"q": "Welke acties staan op rood?"}, timeout=60).json()
    actions = [a for g in said["basisteams"] for a in g["actions"]]
    assert actions and {a["report_colour"] for a in actions} == {"rood"}
    badges = answer.locator("li.action .report-colour")
    expect(badges.first).to_be_visible()
    assert badges.count() == len(actions) and set(badges.all_inner_texts()) == {"Rapportage: rood"}


def test_a_comparison_on_a_theme_marks_each_sides_priorities_about_it(page, live_server):
    """"Vergelijk Tweestromenland en De Waarden op jeugd": the priorities about youth carry a badge, a side
    with none says so, and each side lists its own actions on youth."""
    q = "Vergelijk Tweestromenland en De Waarden op jeugd"
    page.goto(f"{live_server}/#/zoeken")
    page.get_by_label("Zoekvraag").fill(q)
    page.get_by_role("button", name="Zoeken", exact=True).click()
    answer = page.locator("section.answer")
    expect(answer).to_contain_text("vraag naar vergelijking", timeout=SLOW)
    said = httpx.get(f"{live_server}/api/ask", params={"q": q}, timeout=60).json()
    about = [p["label"] for g in said["basisteams"] for p in g["priorities"] if p["about"]]
    assert about
    badges = answer.locator("li.about")
    expect(badges.first).to_be_visible()
    assert badges.count() == len(about) and all("over dit thema" in t for t in badges.all_inner_texts())
    none = [g["basisteam"] for g in said["basisteams"] if not any(p["about"] for p in g["priorities"])]
    for name in none:
        card = answer.locator("article.answer-group", has=page.locator("h3", has_text=name))
        expect(card).to_contain_text("Geen van deze prioriteiten gaat over dit thema.")
    acts = {g["basisteam"]: len(g["actions"]) for g in said["basisteams"]}
    assert any(acts.values())
    for name, n in acts.items():
        if n:
            card = answer.locator("article.answer-group", has=page.locator("h3", has_text=name))
            expect(card.locator("h4", has_text=f"Acties ({n})")).to_be_visible()


def test_search_shows_grouped_answer_and_cited_highlighted_passages(page, live_server):
    titles = {d["title"] for d in httpx.get(f"{live_server}/api/documents", timeout=30).json()["documents"]}
    page.goto(f"{live_server}/#/zoeken")
    page.get_by_label("Zoekvraag").fill("mensenhandel")
    page.get_by_role("button", name="Zoeken", exact=True).click()

    answer = page.locator("section.answer")
    expect(answer.get_by_role("heading", name="Antwoord per basisteam")).to_be_visible(timeout=SLOW)
    groups = answer.locator("article.answer-group")
    expect(groups.first).to_be_visible()
    assert {g.strip() for g in groups.locator("h3").all_inner_texts()} <= {"Tweestromenland", "De Waarden"}
    expect(answer).to_contain_text(re.compile(r"Prioriteit \d+|Acties \(\d+\)"))
    said = httpx.get(f"{live_server}/api/ask", params={"q": "mensenhandel"}, timeout=60).json()
    holders = [o for g in said["basisteams"] for a in g["actions"] for o in a["owners"]]
    if holders:  # the plans name portefeuillehouders, not trekkers: the answer says which is which
        expect(answer.locator("dl.facts dt", has_text="Portefeuillehouder").first).to_be_visible()
        expect(answer).to_contain_text(holders[0])
    # An action that shares its passage with others is quoted by its own words, the passage folded beneath.
    own = next(a for g in said["basisteams"] for a in g["actions"]
               if a["source"]["sentence"] and a["source"]["sentence"].strip() != a["source"]["text"].strip())
    item = answer.locator("li.action", has=page.get_by_role("link", name=own["title"], exact=True)).first
    item.locator("summary", has_text="Bronzin").click()
    expect(item.locator("blockquote.source-text")).to_be_visible()
    assert item.locator("blockquote.source-text").inner_text().split() == own["source"]["sentence"].split()
    expect(item.locator("details.source-passage > summary")).to_have_text("Hele passage")

    results = page.locator("section.results")
    status = results.get_by_role("status")
    expect(status).to_contain_text("gevonden")
    assert _count(status.inner_text()) > 0
    marks = results.locator("mark")
    expect(marks.first).to_be_visible()
    assert any("mensenhandel" in t.lower() for t in marks.all_inner_texts())
    cited = results.locator(".citation cite").all_inner_texts()
    assert cited and set(cited) <= titles, f"citations {cited} are not document titles"
    expect(results.locator("a.chip").first).to_be_visible()
    screenshot(page, "01-zoeken-mensenhandel")

    # Narrowing to one basisteam leaves only that basisteam's passages and answer.
    page.get_by_label("Basisteam", exact=True).select_option("De Waarden")
    expect(page).to_have_url(re.compile(r"basisteam=De(\+|%20)Waarden"))
    expect(results.get_by_role("status")).to_contain_text("gevonden", timeout=SLOW)
    badges = page.locator("section.results .badge.basisteam").all_inner_texts()
    assert badges and set(badges) == {"De Waarden"}
    assert set(page.locator("article.answer-group h3").all_inner_texts()) <= {"De Waarden"}


def test_server_text_and_queries_are_never_markup(page, live_server):
    page.goto(f"{live_server}/#/zoeken")
    page.get_by_label("Zoekvraag").fill('<img src=x onerror="window.__pwned=1">mensenhandel')
    page.get_by_role("button", name="Zoeken", exact=True).click()
    expect(page.locator("section.results").get_by_role("status")).to_contain_text("gevonden", timeout=SLOW)
    assert page.locator("main img").count() == 0
    assert page.evaluate("window.__pwned") is None
    expect(page.get_by_label("Zoekvraag")).to_have_value('<img src=x onerror="window.__pwned=1">mensenhandel')


def test_partner_page_lists_relations_with_evidence(page, live_server):
    riec = _entity(live_server, "RIEC", "partner")
    page.goto(f"{live_server}/#/entiteit/{riec['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text(riec["label"])
    expect(page.locator("main .badge").first).to_have_text("Partner")
    groups = page.locator("section.relation-group")
    expect(groups.first).to_be_visible()
    status = page.locator("main p[role=status]")
    expect(status).to_contain_text("relaties")
    assert _count(status.inner_text()) > 0
    quote = page.locator("figure.evidence blockquote").first
    expect(quote).to_be_visible()
    assert len(quote.inner_text().strip()) > 20
    expect(page.locator("figure.evidence figcaption cite").first).not_to_be_empty()
    screenshot(page, "02-entiteit-riec")

    # A neighbour is a link to its own page.
    first = groups.first.locator("li.neighbour > .neighbour-head > a").first
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text(riec["label"])

    page.get_by_role("button", name="Toon in graaf").click()
    expect(page).to_have_url(re.compile(r"#/graaf\?start="))
    expect(page.locator(".graph-controls [role=status]")).to_contain_text("in beeld")
    assert _graph_nodes(page) > 1


def test_graph_grows_when_a_node_is_expanded(page, live_server):
    riec = _entity(live_server, "RIEC", "partner")
    page.goto(f"{live_server}/#/graaf")
    expect(page.get_by_role("heading", name="Graaf")).to_be_visible()
    page.get_by_role("button", name="Leegmaken").click()
    expect(page.locator(".graph-controls [role=status]")).to_contain_text("0 knopen")

    # Pick a start from the search box: it appears alone in the middle; a double-click adds its neighbours.
    page.get_by_label("Startpunt zoeken").fill("RIEC")
    page.locator(".suggestions button").first.click()
    expect(page.locator(".graph-controls [role=status]")).to_contain_text("1 knoop")
    box = page.get_by_role("img", name=re.compile("Graaf van entiteiten")).bounding_box()
    page.mouse.dblclick(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator(".graph-controls [role=status]")).not_to_contain_text("1 knoop en")
    after_dblclick = _graph_nodes(page)
    assert after_dblclick > 1

    # The keyboard path: the list of nodes on view, with a button per node.
    page.get_by_text("Knopen in beeld (lijst)").click()
    buttons = page.get_by_role("button", name=re.compile("^Buren tonen van "))
    expect(buttons.first).to_be_visible()
    grown = False
    for i in range(min(buttons.count(), 8)):
        buttons.nth(0).click()
        page.wait_for_timeout(600)
        if _graph_nodes(page) > after_dblclick:
            grown = True
            break
    assert grown, "expanding a neighbour added no nodes"
    screenshot(page, "03-graaf-uitgeklapt")

    # Type filters hide nodes; the count says so.
    before = _graph_nodes(page)
    page.get_by_label("Thema").uncheck()
    expect(page.locator(".graph-controls [role=status]")).to_contain_text("verborgen door filters")
    assert _graph_nodes(page) < before
    page.get_by_label("Thema").check()
    expect(page.locator(".graph-controls [role=status]")).not_to_contain_text("verborgen")

    # A single click on the node in the middle opens its entity page.
    page.get_by_role("button", name="Leegmaken").click()
    page.get_by_label("Startpunt zoeken").fill("RIEC")
    page.locator(".suggestions button").first.click()
    expect(page.locator(".graph-controls [role=status]")).to_contain_text("1 knoop")
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page).to_have_url(re.compile(r"#/entiteit/partner/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(riec["label"])


def test_whole_graph_loads_and_stays_responsive(page, live_server):
    page.goto(f"{live_server}/#/graaf")
    started = time.monotonic()
    page.get_by_role("button", name="Hele graaf laden").click()
    expect(page.locator(".graph-message")).to_contain_text("Hele graaf geladen", timeout=30_000)
    loaded = time.monotonic() - started
    total = _graph_nodes(page)
    assert total > 50, f"only {total} nodes in the whole graph"
    assert loaded < 20, f"loading and laying out {total} nodes took {loaded:.1f} s"
    # The page still answers: a filter click updates the count at once.
    started = time.monotonic()
    page.get_by_label("Actie").uncheck()
    expect(page.locator(".graph-controls [role=status]")).to_contain_text("verborgen door filters", timeout=5_000)
    assert time.monotonic() - started < 5
    screenshot(page, "04-graaf-geheel")


def test_comparison_aligns_both_basisteams_per_theme(page, live_server):
    page.goto(f"{live_server}/#/vergelijk?a=Tweestromenland&b=De%20Waarden")  # no sample owner is the default
    table = page.get_by_role("table")
    expect(table).to_be_visible(timeout=SLOW)
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["Thema", "Tweestromenland", "De Waarden"]
    expect(table.locator("tbody tr").first).to_be_visible()
    markers = table.locator("tbody th .badge").all_inner_texts()
    assert "gedeeltelijk" in markers, markers
    assert set(markers) <= {"gedeeld", "gedeeltelijk", "alleen Tweestromenland", "alleen De Waarden"}
    partial = table.locator("tbody tr", has=page.locator(".badge", has_text="gedeeltelijk")).first
    cells = partial.locator("td")
    expect(cells.nth(0)).to_contain_text("Prioriteit")
    expect(cells.nth(1)).to_contain_text("Prioriteit")
    summary = page.locator("main p[role=status]")
    expect(summary).to_contain_text("gedeeltelijk")
    screenshot(page, "05-vergelijken")

    # Swapping the sides swaps the columns.
    page.get_by_label("Eigenaar A").select_option("De Waarden")
    page.get_by_label("Eigenaar B").select_option("Tweestromenland")
    page.get_by_role("button", name="Vergelijken").click()
    expect(table.locator("thead th").nth(1)).to_have_text("De Waarden", timeout=SLOW)  # seconds on a busy machine


def test_documents_list_and_detail(page, live_server):
    page.goto(f"{live_server}/#/documenten")
    expect(page.get_by_role("heading", level=1)).to_have_text("Documenten")
    expect(page.locator("main p[role=status]")).to_contain_text("5 documenten")
    rows = page.locator("table.documents tbody tr")
    expect(rows).to_have_count(5)
    screenshot(page, "06-documenten")

    plan = page.get_by_role("link", name=re.compile("Integraal Veiligheidsplan", re.I)).first
    title = plan.inner_text()
    plan.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    sections = page.get_by_role("heading", name=re.compile(r"Hoofdstukken en paragrafen \(\d+\)"))
    assert _count(sections.inner_text()) > 3
    prios = page.get_by_role("heading", name=re.compile(r"Prioriteiten \(\d+\)"))
    assert _count(prios.inner_text()) > 0
    screenshot(page, "07-document")
    page.get_by_role("link", name="← Alle documenten").click()
    expect(rows).to_have_count(5)


def _evaluated_cycle(base: str) -> tuple[str, int]:
    """A plan cycle whose actions carry statuses (the one an evaluation report looked back on), and its action count."""
    actions = httpx.get(f"{base}/api/actions", timeout=30).json()["actions"]
    cycles = {a["cycle"] for a in actions if a["status"] and a["cycle"]}
    assert cycles, "no evaluated actions in the ingested corpus"
    cycle = min(cycles)
    return cycle, sum(a["cycle"] == cycle for a in actions)


def test_actions_board_filters_and_action_page_follows_lineage(page, live_server):
    page.goto(f"{live_server}/#/acties")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acties")
    expect(page.locator("nav a[aria-current=page]")).to_have_text("Acties")
    status = page.locator("main p[role=status]")
    expect(status).to_contain_text("acties")
    total = _count(status.inner_text())
    assert total > 20
    groups = page.locator("section.action-group")
    expect(groups.first.locator("h3")).to_contain_text(re.compile(r"Prioriteit \d+: \w"))
    expect(groups.first.get_by_role("img", name=re.compile(r"Evaluatie .* afgerond"))).to_be_visible()
    expect(page.locator(".board-action .derived").first).to_contain_text("afgeleid uit")

    # Only delayed actions remain, and the count says how many of all.
    page.get_by_label("Status", exact=True).select_option("vertraagd")
    expect(page).to_have_url(re.compile(r"#/acties\?status=vertraagd"))
    expect(status).to_contain_text(f"van {total}")
    badges = page.locator(".board-action .badge.status").all_inner_texts()
    assert badges and set(badges) == {"Vertraagd"}, badges
    assert _count(status.inner_text()) == len(badges)
    screenshot(page, "08-acties")

    # An evaluated action with a follow-up in the next plan.
    page.get_by_label("Status", exact=True).select_option("")
    cycle, in_cycle = _evaluated_cycle(live_server)
    page.get_by_label("Cyclus", exact=True).select_option(cycle)
    expect(page).to_have_url(re.compile(r"#/acties\?cycle="))
    expect(status).to_contain_text(f"{in_cycle} acties van {total}")
    item = page.locator(".board-action", has=page.locator(".lineage-next")).first
    title = item.locator(".action-title").inner_text()
    item.locator(".action-title").click()
    expect(page).to_have_url(re.compile(r"#/actie/action/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    action_id = page.url.split("#/actie/", 1)[1]
    a = httpx.get(f"{live_server}/api/actions/{action_id}", timeout=30).json()
    follow = a["follow_ups"][0]
    assert follow["cycle"] > a["cycle"]
    expect(page.locator("dl.facts")).to_contain_text(a["cycle"])
    expect(page.locator("dl.facts a[href^='#/entiteit/theme/']").first).to_have_text(a["themes"][0])
    if a["status"]:
        expect(page.locator("dl.facts .action-status")).to_contain_text("afgeleid")

    block = page.locator("section.lineage-block", has=page.get_by_role("heading", name=re.compile("Vervolg")))
    later = block.locator("li.lineage-item", has=page.get_by_role("link", name=follow["title"], exact=True))
    link = later.get_by_role("link", name=follow["title"], exact=True)
    expect(link).to_be_visible()
    expect(later).to_contain_text(f"plan {follow['cycle']}")
    expect(later).to_contain_text(f"overeenkomst {round(follow['confidence'] * 100)}%")
    follow_full = httpx.get(f"{live_server}/api/actions/{follow['id']}", timeout=30).json()
    expect(later.locator(".citation cite")).to_have_text(follow_full["sources"][0]["document"])
    later.get_by_text("Bronzin").click()
    quote = later.locator("blockquote.source-text")
    expect(quote).to_be_visible()
    cited = follow_full["sources"][0]
    if cited["sentence"] and cited["sentence"].strip() != cited["text"].strip():  # its own words, the passage apart
        assert quote.inner_text().split() == cited["sentence"].split()
        expect(later.locator("details.source-passage summary")).to_have_text("Hele passage")
    assert len(quote.inner_text().strip()) > 20
    own = page.locator("section.action-sources figure.evidence")
    expect(own).to_have_count(len(a["sources"]))
    expect(own.first.locator("cite")).to_have_text(a["sources"][0]["document"])
    screenshot(page, "09-actie")

    # Through to the follow-up: it names this action as its predecessor.
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(follow["title"])
    earlier = page.locator("section.lineage-block", has=page.get_by_role("heading", name=re.compile("Voorganger")))
    expect(earlier.get_by_role("link", name=title, exact=True)).to_be_visible()


def test_theme_and_compare_pages_lead_to_actions(page, live_server):
    theme = _entity(live_server, "Ondermijning", "theme")
    page.goto(f"{live_server}/#/entiteit/{theme['id']}")
    to_board = page.get_by_role("link", name=re.compile(r"Acties over dit thema \(\d+\)"))
    n = _count(to_board.inner_text())
    to_board.click()
    expect(page).to_have_url(re.compile(r"#/acties\?theme="))
    expect(page.get_by_label("Thema", exact=True)).to_have_value(theme["label"])
    expect(page.locator("main p[role=status]")).to_contain_text(f"{n} acties van")
    assert page.locator(".board-action").count() == n

    page.goto(f"{live_server}/#/vergelijk")
    first = page.locator("table.compare td .side-block a[href^='#/actie/']").first
    expect(first).to_be_visible(timeout=SLOW)
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("heading", name="Door de plannen heen")).to_be_visible()
