"""Reading in the web app, in a real browser on the ingested sample corpus: citations open the document reader at
the cited passage (marked, scrolled to, with its page), the table of contents jumps, the text downloads; the
concept index (A–Z, tree, legal links, per-owner use) shows no internal ids; highlighting marks whole words
only and no function words; errors are Dutch.

Headless Debian Chromium via Playwright; skipped when /usr/bin/chromium (or Playwright) is missing.
"""
from __future__ import annotations

import re

import httpx
import pytest

from tests.browser_fixtures import CORPUS, browser, live_server, page, require_browser, screenshot  # noqa: F401  (fixtures)

require_browser()

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser
SLOW = 90_000  # the first search loads the embedding model
INTERNAL = re.compile(r"ivp:|ivp-kg\.nl|\b[0-9a-f]{12,}\b|\b(theme|partner|instrument|action|doc)/[\w-]+")


def api(base: str, path: str, **params) -> dict:
    return httpx.get(base + path, params=params, timeout=60).json()


def in_viewport(locator) -> bool:
    return locator.evaluate("el => { const r = el.getBoundingClientRect();"
                            " return r.bottom > 0 && r.top < window.innerHeight; }")


def test_an_action_citation_opens_the_reader_at_the_cited_page(page, live_server):
    actions = api(live_server, "/api/actions")["actions"]
    action, src = next((a, s) for a in actions for s in a["sources"] if s["page"] is not None)
    page.goto(f"{live_server}/#/actie/{action['id']}")
    quoted = page.locator("figure.evidence", has=page.locator("blockquote", has_text=src["text"].splitlines()[0]))
    link = quoted.locator("a.cite-link").first
    expect(link).to_have_text(src["document"])
    link.click()

    expect(page).to_have_url(re.compile(r"#/documenten/[^?]+\?passage="))
    cited = page.locator(".reader-passage.cited")
    expect(cited).to_have_count(1)
    expect(cited).to_have_attribute("data-passage", src["passage"])
    expect(cited.locator("mark.cited-text")).to_have_text(src["text"])
    expect(cited.locator(".cited-label")).to_contain_text(f"pagina {src['page']}")
    expect(page.get_by_role("status").first).to_contain_text(f"pagina {src['page']}")
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('.reader-passage.cited')")
    assert in_viewport(cited), "the cited passage is scrolled into view"
    marker = page.locator(".reader-body .page-marker", has_text=f"Pagina {src['page']}")
    expect(marker).to_have_count(1)
    screenshot(page, "20-lezer-geciteerde-passage")


def test_a_search_result_citation_opens_its_passage(page, live_server):
    page.goto(f"{live_server}/#/zoeken?q=mensenhandel")
    first = page.locator("section.results li.result").first
    expect(first).to_be_visible(timeout=SLOW)
    title = first.locator(".citation cite").inner_text()
    # the grouped answer's actions cite their source passage too
    answer_links = page.locator("section.answer a.cite-link")
    expect(answer_links.first).to_be_visible()
    assert all("?passage=" in href for href in answer_links.evaluate_all("ls => ls.map((l) => l.getAttribute('href'))"))
    first.locator(".citation a.cite-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    cited = page.locator(".reader-passage.cited")
    expect(cited).to_have_count(1)
    passage = re.search(r"passage=([^&]+)", page.url).group(1)
    assert cited.get_attribute("data-passage") == httpx.URL("?p=" + passage).params["p"]
    expect(cited.locator("mark")).to_contain_text(re.compile("mensenhandel", re.I))


def test_table_of_contents_jumps_by_keyboard_and_the_text_downloads(page, live_server):
    doc = api(live_server, "/api/documents")["documents"][0]
    text = api(live_server, f"/api/documents/{doc['id']}/text")
    headings = list(dict.fromkeys(part for p in text["passages"] for part in p["section_path"]))
    page.goto(f"{live_server}/#/documenten/{doc['id']}")
    toc = page.get_by_role("navigation", name=re.compile("Hoofdstukken en paragrafen"))
    links = toc.get_by_role("link")
    expect(links.first).to_be_visible()
    assert links.count() >= len(set(headings)) > 3
    last = links.last
    name = last.inner_text()
    last.focus()
    page.keyboard.press("Enter")
    target = page.locator(".reader-body .reader-heading", has_text=name).last
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('.reader-heading')")
    assert page.evaluate("() => document.activeElement.textContent") == name
    assert in_viewport(target)
    expect(page).to_have_url(re.compile(r"\?kop=\d+$"))

    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("Origineel downloaden")).click()
    download = info.value
    assert download.suggested_filename == doc["source"]
    assert open(download.path(), "rb").read() == (CORPUS / doc["source"]).read_bytes()


def test_concept_index_a_to_z_tree_and_legal_links(page, live_server):
    concepts = api(live_server, "/api/concepts")["concepts"]
    law = next(c for c in concepts if c["legal"] and c["narrower"])
    page.goto(f"{live_server}/#/begrippen")
    expect(page.get_by_role("status").first).to_have_text(f"{len(concepts)} begrippen")
    letter = law["label"][0].upper()
    page.get_by_role("navigation", name="Letters").get_by_role("button", name=f"Naar de letter {letter}").click()
    section = page.locator("section.letter", has=page.get_by_role("heading", name=letter, exact=True))
    assert in_viewport(section.get_by_role("heading", name=letter, exact=True))
    entry = section.locator("li.concept", has=page.get_by_role("link", name=law["label"], exact=True))
    legal = entry.get_by_role("link", name=re.compile(law["legal"]["identifier"]))
    expect(legal).to_have_attribute("href", f"https://wetten.overheid.nl/{law['legal']['identifier']}")
    if law["label_en"] != law["label"]:
        expect(entry).to_contain_text(law["label_en"])
    assert not INTERNAL.search(page.locator("main").inner_text()), "no internal ids as visible text"
    screenshot(page, "21-begrippen-a-z")

    page.get_by_role("link", name="Boom").click()
    branch = page.locator("ul.tree li", has=page.get_by_role("link", name=law["label"], exact=True)).first
    for child in law["narrower"]:
        expect(branch.locator("ul.tree").get_by_role("link", name=child["label"], exact=True)).to_be_visible()
    screenshot(page, "22-begrippen-boom")


def test_entity_page_splits_use_per_owner_without_internal_ids(page, live_server):
    concepts = api(live_server, "/api/concepts")["concepts"]
    shared = next(c for c in concepts if len(c["usage"]) > 1)
    page.goto(f"{live_server}/#/entiteit/{shared['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text(shared["label"])
    table = page.locator("table.usage")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(len(shared["usage"]))
    for use, row in zip(shared["usage"], rows.all()):
        cells = [row.locator("th").inner_text()] + row.locator("td").all_inner_texts()
        assert cells == [use["owner"], str(use["actions"]), str(use["priorities"])]
    assert not INTERNAL.search(page.locator("main").inner_text()), "no internal ids as visible text"
    screenshot(page, "23-entiteit-per-eigenaar")

    # the sentence behind a relation opens the reader at the passage it was read from
    quote = page.locator("figure.evidence").first
    sentence = " ".join(quote.locator("blockquote").inner_text().split())
    quote.locator("a.cite-link").click()
    cited = page.locator(".reader-passage.cited")
    expect(cited).to_have_count(1)
    assert sentence in " ".join(cited.inner_text().split())


@pytest.mark.parametrize("type_", ["basisteam", "gemeente", "theme", "partner", "instrument", "action", "priority",
                                   "document", "person"])
def test_entity_pages_of_every_type_show_no_internal_ids(page, live_server, type_):
    entity = api(live_server, "/api/entities", type=type_, limit=1)["results"][0]
    page.goto(f"{live_server}/#/entiteit/{entity['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text(entity["label"])
    page.get_by_label("Toon ook indirecte relaties (twee stappen)").check()
    expect(page.get_by_role("status").first).to_contain_text("indirecte relaties")
    text = page.locator("main").inner_text()
    assert not INTERNAL.search(text), INTERNAL.search(text).group(0)


def test_highlighting_marks_whole_words_without_stop_words(page, live_server):
    page.goto(f"{live_server}/#/begrippen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Begrippen")
    marked = page.evaluate("""async () => {
      const dom = await import('/static/js/dom.js');
      const frag = dom.highlight('De regierol van de Gemeente: de rol van de régie en de ROL.',
                                 dom.queryTerms('de rol van de regie'));
      const div = document.createElement('div'); div.append(frag);
      return { marks: [...div.querySelectorAll('mark')].map((m) => m.textContent), text: div.textContent,
               terms: dom.queryTerms('What is the role of de gemeente in het plan?') };
    }""")
    assert marked["marks"] == ["rol", "régie", "ROL"]  # not inside "regierol", accents and case ignored
    assert marked["text"] == "De regierol van de Gemeente: de rol van de régie en de ROL."
    assert set(marked["terms"]) == {"role", "gemeente", "plan"}

    page.goto(f"{live_server}/#/zoeken?q=wat+is+de+rol+van+de+gemeente")
    results = page.locator("section.results")
    expect(results.get_by_role("status")).to_contain_text("gevonden", timeout=SLOW)
    marks = page.locator("main mark")
    expect(marks.first).to_be_visible()
    texts = {t.lower() for t in marks.all_inner_texts()}
    assert not texts & {"de", "van", "wat", "is", "het"}, texts
    whole = marks.evaluate_all("""els => els.every((m) => {
      const before = m.previousSibling ? m.previousSibling.textContent.slice(-1) : '';
      const after = m.nextSibling ? m.nextSibling.textContent.slice(0, 1) : '';
      return !/[\\p{L}\\p{N}]/u.test(before) && !/[\\p{L}\\p{N}]/u.test(after);
    })""")
    assert whole, "a mark starts or ends inside a word"


def test_unknown_entity_and_document_get_a_dutch_message(page, live_server):
    page.goto(f"{live_server}/#/entiteit/theme/bestaat-niet")
    expect(page.get_by_role("heading", level=1)).to_have_text("Onbekende entiteit")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("bestaat niet")
    assert "no entity" not in page.locator("main").inner_text()

    page.goto(f"{live_server}/#/documenten/bestaat-niet")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Dit document bestaat niet")
    expect(alert.locator("[lang=en]")).to_contain_text("no document with id")  # the detail, marked as English
    screenshot(page, "24-onbekend-document")
