"""The layout pass on plain text: section tree, TOC and furniture kept apart, lists, text tables,
the query helpers, the coverage measure (fixtures and the sample corpus), and bad input."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.layout import Layout, ListBlock, Paragraph, Section, Table, build_layout, register
from ingest.layout.coverage import coverage, document_coverage
from ingest.layout.from_md import md_layout
from ingest.layout.from_txt import txt_layout
from ingest.layout.headings import Candidate, resolve_levels, split_heading, title_like
from ingest.model import IngestError

FIX = Path(__file__).parent / "fixtures" / "layout"
CORPUS = Path(__file__).parent.parent / "corpus"
ROLES = {
    "action": {"actie", "activiteit", "maatregel", "wat"},
    "owner": {"trekker", "eigenaar", "wie", "verantwoordelijk"},
    "due": {"wanneer", "gereed", "planning", "termijn"},
    "status": {"status", "stand van zaken", "geevalueerd"},
}


def tree(layout: Layout) -> list[tuple[int, str | None, str]]:
    return [(s.level, s.numbering, s.title) for s in layout.iter_sections()]


def section(layout: Layout, title: str) -> Section:
    found = layout.find_sections(lambda t: t == title)
    assert len(found) == 1, [s.title for s in layout.iter_sections()]
    return found[0]


# --- a paged plain-text plan: TOC, numbered chapters, furniture, a column table -----------------

@pytest.fixture(scope="module")
def programma() -> Layout:
    return build_layout(FIX / "uitvoeringsprogramma.txt")


def test_txt_section_tree(programma):
    assert tree(programma) == [
        (1, None, "UITVOERINGSPROGRAMMA VEILIGHEID 2025"),
        (1, "1", "Inleiding"),
        (1, "2", "Speerpunten"),
        (2, "2.1", "Woninginbraak en babbeltrucs"),
        (2, "2.2", "Jeugd en uitgaan"),
        (1, "3", "Actieprogramma"),
        (1, "Bijlage 1", "Begrippen"),
    ]
    sub = section(programma, "Jeugd en uitgaan")
    assert sub.path == ("2. Speerpunten", "2.2 Jeugd en uitgaan") and sub.page == 3
    assert [c.title for c in section(programma, "Speerpunten").children] == ["Woninginbraak en babbeltrucs",
                                                                          "Jeugd en uitgaan"]


def test_txt_toc_is_kept_apart(programma):
    assert programma.toc_title == "Inhoudsopgave"
    assert [(e.numbering, e.title, e.page_ref, e.level) for e in programma.toc] == [
        ("1", "Inleiding", 2, 1), ("2", "Speerpunten", 2, 1), ("2.1", "Woninginbraak en babbeltrucs", 3, 2),
        ("2.2", "Jeugd en uitgaan", 3, 2), ("3", "Actieprogramma", 4, 1), ("Bijlage 1", "Begrippen", 4, 1),
    ]
    titles = [s.title for s in programma.iter_sections()]
    assert "Inhoudsopgave" not in titles and titles.count("Inleiding") == 1
    assert "...." not in programma.all_text()


def test_txt_furniture_is_not_body(programma):
    kinds = {b.text: (b.kind, b.count) for b in programma.boilerplate}
    assert kinds["Lindehoven | Uitvoeringsprogramma Veiligheid 2025"] == ("running", 4)
    assert kinds["Pagina 3 van 4"] == ("page_number", 1)
    body = programma.all_text()
    assert "Pagina" not in body and "Lindehoven | Uitvoeringsprogramma" not in body
    assert programma.pages == 4


def test_txt_column_table_rebuilt(programma):
    (table,) = programma.tables()
    assert table.header == ["Maatregel", "Trekker", "Gereed"]
    assert table.rows == [
        ["Voorlichting aan de deur in drie wijken met hoge kans op inbraak", "Team Wijken", "Q2 2025"],
        ["Avondronde horeca en handhaving", "Team Openbare Orde", "Q3 2025"],
        ["Weerbaarheidstraining voor kleine ondernemers", "Economische Zaken", "Q4 2025"],
    ]
    assert table.page == 4 and table.section_path == ("3. Actieprogramma",)


def test_txt_paragraphs_and_list(programma):
    blocks = section(programma, "Speerpunten").blocks
    assert isinstance(blocks[0], Paragraph) and blocks[0].text.endswith("speerpunten gekozen:")
    assert isinstance(blocks[1], ListBlock)
    assert [(i.level, i.marker) for i in blocks[1].items] == [(1, "-")] * 3
    intro = section(programma, "Inleiding").blocks
    assert len(intro) == 2 and intro[0].text.startswith("Dit uitvoeringsprogramma werkt het integraal")
    assert "  " not in intro[0].text and intro[0].page == 2


# --- priorities as bullets, a numbered list that must stay a list, prose only ------------------

def test_speerpunten_bullets_and_numbered_list():
    layout = build_layout(FIX / "speerpunten.txt")
    assert tree(layout) == [(1, None, "Veiligheidsbeleid Oostervaart 2026"), (1, None, "Speerpunten"),
                            (2, None, "Doelen voor 2026"), (1, None, "Werkwijze")]  # a lead-in label heads a part
    [bullets] = [b for b in section(layout, "Speerpunten").blocks if isinstance(b, ListBlock)]
    [goals] = [b for b in section(layout, "Doelen voor 2026").blocks if isinstance(b, ListBlock)]
    assert [(i.level, i.marker, i.text) for i in bullets.items] == [
        (1, "•", "Jeugdoverlast in de kernen"), (2, "o", "vroegsignalering via scholen en sportclubs"),
        (2, "o", "vaste contactpersoon per kern"), (1, "•", "Ondermijning in het buitengebied"),
        (1, "•", "Brandveiligheid in oude woningen"),
    ]
    assert [i.marker for i in goals.items] == ["1.", "2.", "3."]
    assert bullets.section_path == ("Speerpunten",)


def test_prose_only_plan_has_no_sections():
    layout = build_layout(FIX / "prozaplan.txt")
    assert layout.sections == [] and layout.toc == [] and layout.boilerplate == []
    assert [type(b) for b in layout.text_blocks()] == [Paragraph] * 3
    assert all(b.section_path == () for b in layout.text_blocks())


def test_keyword_and_caps_headings_pipe_and_tab_tables():
    layout = build_layout(FIX / "voortgang.txt")
    assert tree(layout) == [(1, None, "VOORTGANGSRAPPORTAGE VEILIGHEID 2025"), (1, "Hoofdstuk 1", "Stand van zaken"),
                            (1, "Hoofdstuk 2", "Cijfers"), (2, None, "BIJLAGE")]
    pipe, tabs = layout.tables()
    assert pipe.header == ["Actie", "Wie is trekker?", "Status"]
    assert pipe.rows == [["Cameratoezicht evalueren", "Openbare Orde", "afgerond"],
                         ["Buurtpreventie uitbreiden", "Wijkzaken", "loopt"]]
    assert tabs.header == ["Kwartaal", "Woninginbraak", "Overlast"] and tabs.rows[1] == ["Q2 2025", "9", "51"]
    (match,) = layout.tables_with_columns(ROLES, required=["owner"])
    assert match.columns == {"action": 0, "owner": 1, "status": 2}
    assert match.records()[1] == {"action": "Buurtpreventie uitbreiden", "owner": "Wijkzaken", "status": "loopt"}


def test_markdown_in_a_txt_file_is_read_as_markdown():
    layout = txt_layout("# Plan\n\n## Doelen\n\nTekst.\n\n## Acties\n\n- een\n- twee\n")
    assert layout.format == "txt"
    assert tree(layout) == [(1, None, "Plan"), (2, None, "Doelen"), (2, None, "Acties")]


def test_form_feeds_number_the_pages():
    layout = txt_layout("1. Eerste\n\nTekst op de eerste pagina.\f2. Tweede\n\nTekst op de tweede pagina.\n")
    assert [(s.title, s.page) for s in layout.iter_sections()] == [("Eerste", 1), ("Tweede", 2)]
    assert [b.page for b in layout.text_blocks()] == [1, 2]


# --- the heading detector -----------------------------------------------------------------------

@pytest.mark.parametrize("text, numbering, title, depth", [
    ("3.2 Prioriteit 1: Jeugd", "3.2", "Prioriteit 1: Jeugd", 2),
    ("4. Ambities", "4", "Ambities", 1),
    ("2.3.1 Cameratoezicht", "2.3.1", "Cameratoezicht", 3),
    ("Hoofdstuk 3: Aanpak", "Hoofdstuk 3", "Aanpak", 1),
    ("Bijlage 2 Begrippenlijst", "Bijlage 2", "Begrippenlijst", 1),
    ("Bijlage II", "Bijlage II", "Bijlage II", 1),
    ("Bijlage 3 bevat de cijfers", None, "Bijlage 3 bevat de cijfers", None),
    ("Inleiding", None, "Inleiding", None),
])
def test_split_heading(text, numbering, title, depth):
    h = split_heading(text)
    assert (h.numbering, h.title, h.depth) == (numbering, title, depth)


@pytest.mark.parametrize("text", [
    "de zin loopt door", "Vergroten van de verkeersveiligheid in de wijken;", "Wat we doen is het volgende:",
    "Berg 4 2 5 3", "Dit is een zin. Dit is er nog een", "Samenwerking tussen de gemeente en",
])
def test_not_a_title(text):
    assert not title_like(text)


def test_numbered_list_after_colon_is_not_a_heading():
    layout = txt_layout("2. Doelen\n\nConcrete doelen:\n1. Minder inbraken;\n2. Meer aangiftes;\n\n"
                        "3. Aanpak\n\nTekst van de aanpak.\n")
    assert tree(layout) == [(1, "2", "Doelen"), (2, None, "Concrete doelen"), (1, "3", "Aanpak")]  # label, no items
    (lst,) = [b for b in layout.text_blocks() if isinstance(b, ListBlock)]
    assert [i.text for i in lst.items] == ["Minder inbraken;", "Meer aangiftes;"]


def test_a_lead_in_label_heads_a_part_of_its_section_and_a_lead_in_sentence_does_not():
    """"Acties:" over a list names the part the list is, as "Acties" on its own line would, one level below the
    section it stands in; "Wij doen het volgende:" is a sentence that runs into its list."""
    layout = txt_layout("Veilig uitgaan\n\nHet centrum trekt in het weekend veel bezoekers.\n\nActies:\n"
                        "- Horecaconvenant vernieuwen\n- Cameratoezicht uitbreiden\n\nDoelen:\n- Minder geweld\n\n"
                        "Verkeer\n\nWij doen het volgende:\n- Snelheid meten bij scholen\n")
    assert tree(layout) == [(1, None, "Veilig uitgaan"), (2, None, "Acties"), (2, None, "Doelen"), (1, None, "Verkeer")]
    [actions] = [b for b in section(layout, "Acties").blocks if isinstance(b, ListBlock)]
    assert [i.text for i in actions.items] == ["Horecaconvenant vernieuwen", "Cameratoezicht uitbreiden"]
    assert any(isinstance(b, ListBlock) for b in section(layout, "Verkeer").blocks)


# --- query helpers ------------------------------------------------------------------------------

def test_query_helpers_on_a_hand_built_layout():
    table = Table(["Wat gaan we doen?", "Wie is trekker?", "Gereed", "Geëvalueerd"],
                  [["Schouw", "Wijkteam", "Q1", "ja"]])
    other = Table(None, [["Maatregel", "Eigenaar"], ["Camera's", "Openbare Orde"]])
    root = Section("", 0, children=[Section("Acties", 1, blocks=[table, other])])
    layout = Layout("txt", root)
    found = layout.tables_with_columns(ROLES)
    assert [m.columns for m in found] == [{"action": 0, "owner": 1, "due": 2, "status": 3},
                                          {"action": 0, "owner": 1}]
    assert found[1].header_in_rows and found[1].records() == [{"action": "Camera's", "owner": "Openbare Orde"}]
    assert layout.tables_with_columns(ROLES, required=["due"]) == [found[0]]
    assert layout.tables_with_columns(ROLES, min_roles=3) == [found[0]]
    assert [s.title for s in layout.find_sections(lambda t: t.startswith("Act"))] == ["Acties"]
    assert "Schouw | Wijkteam | Q1 | ja" in layout.all_text()


# --- coverage -----------------------------------------------------------------------------------

TXT_FIXTURES = ["uitvoeringsprogramma.txt", "speerpunten.txt", "prozaplan.txt", "voortgang.txt",
                "veiligheidsagenda.md", "jaarplan.html"]


@pytest.mark.parametrize("name", TXT_FIXTURES)
def test_fixture_coverage(name):
    cov = document_coverage(FIX / name)
    assert cov.share >= 0.98, cov.missing


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_corpus_coverage(path):
    cov = document_coverage(path)
    assert cov.share >= 0.98, cov.missing
    assert cov.furniture_share < 0.03  # furniture must not hide body text from the measure
    assert cov.toc_chars / cov.source_chars < 0.05


def test_coverage_notices_lost_text():
    text = (FIX / "prozaplan.txt").read_text(encoding="utf-8")
    layout = txt_layout(text)
    assert coverage(text, layout).share == 1.0
    layout.root.blocks.pop()
    cov = coverage(text, layout)
    assert cov.share < 0.8 and "college" in cov.missing


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list("abcXYZ019 .:-•|\t\n\n\n\f") + ["Inhoud", "Pagina 2", "1. Kop", "  ", "Wie"]),
                max_size=200).map("".join))
def test_txt_loses_no_text(text):
    if not text.strip():
        return
    assert coverage(text, txt_layout(text)).share >= 0.98


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(list("ab1 #*-|>`\n\n") + ["**", "| --- |", "1. "]), max_size=150).map("".join))
def test_markdown_never_crashes_nor_invents_words(text):
    layout = md_layout(text)
    assert layout.format == "md"
    # Inline markup may join a word's parts ("a*a*" renders as "aa"), so words are compared as
    # letters in order: every letter of the layout must come from the source, in the source's order.
    assert _is_subsequence(_letters(layout.all_text()), _letters(text))


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def _is_subsequence(part: str, whole: str) -> bool:
    rest = iter(whole)
    return all(ch in rest for ch in part)


# --- bad input and the registry -----------------------------------------------------------------

@pytest.mark.parametrize("name, data, reason", [
    ("plan.odt", b"abc", "unsupported file type .odt"),
    ("leeg.txt", b"", "empty file"),
    ("nul.txt", b"ab\x00cd", "NUL bytes"),
    ("latin.txt", "café".encode("latin-1"), "not UTF-8"),
    ("wit.md", b"  \n\n ", "only whitespace"),
    ("kapot.docx", b"PK\x03\x04rommel", "corrupt DOCX"),
    ("kapot.pdf", b"%PDF-1.4 rommel", "corrupt PDF"),
    ("latin.html", "<p>café</p>".encode("latin-1"), "no charset declared"),
    ("leeg.html", b"<html><body><script>x()</script></body></html>", "no text found in HTML"),
])
def test_bad_input_raises_ingest_error(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError, match=reason):
        build_layout(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(IngestError, match="file not found"):
        build_layout(tmp_path / "weg.txt")
    with pytest.raises(IngestError, match="not a regular file"):
        build_layout(tmp_path)


def test_declared_charset_is_honoured(tmp_path):
    path = tmp_path / "oud.html"
    path.write_bytes('<html><head><meta charset="windows-1252"></head><body><p>Café veilig</p></body></html>'
                     .encode("cp1252"))
    assert build_layout(path).all_text() == "Café veilig"


def test_a_new_format_is_a_registration(tmp_path):
    from ingest.layout import registry

    @register(".plan")
    def build_plan(path: Path) -> Layout:
        return txt_layout(path.read_text(encoding="utf-8"))

    try:
        path = tmp_path / "x.plan"
        path.write_text("1. Kop\n\nTekst.\n", encoding="utf-8")
        assert tree(build_layout(path)) == [(1, "1", "Kop")]
    finally:
        registry._BUILDERS.pop(".plan")


def test_furniture_without_page_breaks():
    pages = [f"Tekst van deel {n} over het veiligheidsbeleid van de gemeente.\n\n"
             f"Gemeente Oostervaart | Veiligheidsplan\nPagina {n} van 3\n" for n in (1, 2, 3)]
    layout = txt_layout("\n".join(pages))
    assert {(b.text, b.kind, b.count) for b in layout.boilerplate} == {
        ("Gemeente Oostervaart | Veiligheidsplan", "running", 3), ("Pagina 1 van 3", "page_number", 1),
        ("Pagina 2 van 3", "page_number", 1), ("Pagina 3 van 3", "page_number", 1)}
    assert "Oostervaart" not in layout.all_text()


def test_list_markers_in_text():
    layout = txt_layout("Acties:\n\n1) schouwen\n2) melden\n   a) via de app\n   b) via de wijkagent\n* evalueren\n")
    (lst,) = [b for b in layout.text_blocks() if isinstance(b, ListBlock)]
    assert [(i.level, i.marker, i.text) for i in lst.items] == [
        (1, "1)", "schouwen"), (1, "2)", "melden"), (2, "a)", "via de app"), (2, "b)", "via de wijkagent"),
        (1, "*", "evalueren")]


def test_action_codes_are_list_markers():
    """Plans number their actions by code ("A1.", "B2)", "C1.3."): each is an entry, not a paragraph or heading."""
    layout = txt_layout("Opgave A. Ondermijning\n\nA1. Bibob-toets uitbreiden, gereed eind 2026.\n"
                        "A2. Voorlichting aan ondernemers.\nB2) Controles in het buitengebied.\n"
                        "C1.3. Evaluatie van de aanpak.\n")
    (lst,) = [b for b in layout.text_blocks() if isinstance(b, ListBlock)]
    assert [(i.marker, i.text) for i in lst.items] == [
        ("A1.", "Bibob-toets uitbreiden, gereed eind 2026."), ("A2.", "Voorlichting aan ondernemers."),
        ("B2)", "Controles in het buitengebied."), ("C1.3.", "Evaluatie van de aanpak.")]


def test_corpus_numbering_is_recovered():
    ivp = build_layout(CORPUS / "001_b043079d1ff82c70.txt")
    assert [s.numbering for s in ivp.sections] == ["1", "2", "3", "4", "Bijlage 1", "Bijlage 2", "Bijlage 3"]
    chapter4 = ivp.sections[3]
    assert [(c.level, c.numbering) for c in chapter4.children if c.numbering] == [(2, str(n)) for n in range(1, 6)]
    uvp = build_layout(CORPUS / "002_10c0f71726040140.txt")
    numbered = [s.numbering for s in uvp.iter_sections() if s.numbering]
    assert numbered == ["1", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.1.1", "3.1.2", "3.1.3", "3.2", "3.3", "3.4",
                        "3.5", "3.6"]


def test_a_numbered_run_restarting_inside_a_chapter_is_nested_in_it_whatever_the_fonts():
    """'1.' to '3.' after '4. Ambities' are the chapter's priorities, not chapters; '5.' after them is the next
    chapter; a font rank shared with the nested numbers takes their level, not that of chapters."""
    heads = [("2. Kader", 1), ("4. Ambities", 1), ("Prioriteiten in het kort", 2), ("1. Ondermijning", 2),
             ("1.1 Aanpak", 3), ("2. Jeugd", 2), ("3. Zorg", 2), ("Opgave", 3), ("5. Organisatie", 1),
             ("Bijlage 1 Terugblik", 1), ("1. Oude prioriteit", 2)]
    cands = [Candidate(split_heading(t), "styled", rank) for t, rank in heads]
    assert resolve_levels(cands) == [1, 1, 2, 2, 3, 2, 2, 3, 1, 1, 2]
