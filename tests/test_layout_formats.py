"""The layout pass on Markdown, HTML, DOCX and PDF, and format parity: one plan written in five
formats yields the same sections, lists and table rows."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.layout import Layout, ListBlock, Paragraph, Section, Table, build_layout
from ingest.layout.coverage import document_coverage
from tests.layout_render import PLAN, RUNNING_HEADER, docx_with_toc, pdf_with_furniture, render

FIX = Path(__file__).parent / "fixtures" / "layout"
ROLES = {
    "action": {"actie", "activiteit", "maatregel", "wat"},
    "owner": {"trekker", "eigenaar", "wie", "verantwoordelijk"},
    "due": {"wanneer", "gereed", "planning"},
    "status": {"stand van zaken", "status", "geevalueerd"},
}


def tree(layout: Layout) -> list[tuple[int, str | None, str]]:
    return [(s.level, s.numbering, s.title) for s in layout.iter_sections()]


def section(layout: Layout, title: str) -> Section:
    (found,) = layout.find_sections(lambda t: t == title)
    return found


def items(block: ListBlock) -> list[tuple[int, str, str]]:
    return [(i.level, i.marker, i.text) for i in block.items]


# --- HTML: a jaarplan published as a web page ----------------------------------------------------

@pytest.fixture(scope="module")
def jaarplan() -> Layout:
    return build_layout(FIX / "jaarplan.html")


def test_html_sections_and_action_table(jaarplan):
    assert tree(jaarplan) == [(1, None, "Jaarplan Veiligheid 2025"), (2, None, "Terugblik"), (2, None, "Prioriteiten"),
                              (2, None, "Maatregelen en planning"), (3, None, "Financiering")]
    (match,) = jaarplan.tables_with_columns(ROLES, required=["action", "owner"])
    assert match.table.header == ["Maatregel", "Eigenaar", "Gereed", "Stand van zaken"]
    assert match.columns == {"action": 0, "owner": 1, "due": 2, "status": 3}
    assert match.records()[0] == {"action": "Cameratoezicht Stationsplein", "owner": "Openbare Orde",
                                  "due": "juni 2025", "status": "Aanbesteding loopt"}
    assert match.table.section_path == ("Jaarplan Veiligheid 2025", "Maatregelen en planning")


def test_html_furniture_toc_and_lists(jaarplan):
    furniture = " ".join(b.text for b in jaarplan.boilerplate)
    assert [(b.text, b.kind) for b in jaarplan.boilerplate if b.kind == "title"] == [
        ("Jaarplan Veiligheid 2025 - Gemeente Oostervaart", "title")]  # the head's <title>, kept beside the body
    assert "Ga naar de inhoud" in furniture and "Privacyverklaring" in furniture and "Wonen en leven" in furniture
    body = jaarplan.all_text()
    assert "Privacyverklaring" not in body and "Zoeken op de website" not in body and "dataLayer" not in body
    assert [e.title for e in jaarplan.toc] == ["Terugblik", "Prioriteiten", "Maatregelen en planning"]
    (lst,) = [b for b in section(jaarplan, "Prioriteiten").blocks if isinstance(b, ListBlock)]
    assert [(i.level, i.text) for i in lst.items] == [
        (1, "Aanpak van drugsoverlast in de binnenstad"), (2, "extra toezicht op vrijdagavond"),
        (2, "samenwerking met de horeca"), (1, "Veilig wonen in de nieuwbouwwijken"),
    ]
    terugblik = section(jaarplan, "Terugblik").blocks[0]
    assert terugblik.text == "In 2024 zijn twee van de drie maatregelen afgerond. De derde loopt door in dit jaarplan."


# --- Markdown: pipe tables, nested lists, a linked TOC -------------------------------------------

def test_markdown_layout():
    layout = build_layout(FIX / "veiligheidsagenda.md")
    assert tree(layout) == [(1, None, "Veiligheidsagenda Brakelmonde 2026"), (2, None, "Aanleiding"),
                            (2, None, "Speerpunten"), (3, None, "Speerpunten"), (2, None, "Acties per speerpunt"),
                            (3, None, "Toelichting")]
    assert layout.toc_title == "Inhoud" and [e.title for e in layout.toc] == ["Aanleiding", "Speerpunten",
                                                                             "Acties per speerpunt"]
    (lst,) = [b for b in layout.text_blocks() if isinstance(b, ListBlock)]
    assert [(lvl, mark) for lvl, mark, _ in items(lst)] == [(1, "1."), (2, "-"), (2, "-"), (1, "2."), (2, "-"),
                                                            (3, "-"), (1, "3.")]
    assert lst.section_path[-1] == "Speerpunten"
    (match,) = layout.tables_with_columns(ROLES)
    assert match.columns == {"action": 0, "owner": 1, "due": 2, "status": 3}
    assert match.table.rows[1] == ["Controles recreatieparken uitbreiden", "Team Handhaving", "Q2 2026", "nee"]
    para = section(layout, "Aanleiding").blocks[0]
    assert "veiligheidsanalyse en de gesprekken" in para.text and "example.org" not in para.text


# --- DOCX: Dutch heading styles, a TOC field, Word lists, a flagged header row -------------------

@pytest.fixture(scope="module")
def word(tmp_path_factory) -> tuple[Path, Layout]:
    path = docx_with_toc(tmp_path_factory.mktemp("docx") / "plan.docx")
    return path, build_layout(path)


def test_docx_headings_and_toc(word):
    _, layout = word
    assert tree(layout) == [(1, None, "Inleiding"), (1, None, "Aanpak"), (2, None, "Woninginbraak"),
                            (3, None, "Wat doen we?"), (1, None, "Actielijst")]
    assert layout.toc_title == "Inhoudsopgave"
    assert [(e.title, e.page_ref, e.level) for e in layout.toc] == [
        ("Inleiding", 2, 1), ("Aanpak", 3, 1), ("Woninginbraak", 3, 2), ("Actielijst", 4, 1)]


def test_docx_lists_table_and_furniture(word):
    path, layout = word
    numbered, bullets = [b for b in layout.text_blocks() if isinstance(b, ListBlock)]
    assert items(numbered) == [(1, "1.", "analyseren van meldingen"), (1, "2.", "kiezen van maatregelen"),
                               (1, "3.", "evalueren met partners")]
    assert [i.marker for i in bullets.items] == ["•", "•"] and bullets.section_path[-1] == "Wat doen we?"
    (table,) = layout.tables()
    assert table.header == ["Actie", "Verantwoordelijk", "Planning"]
    assert table.rows == [["Preventieavond wijk Noord", "Wijkagent", "maart 2026"],
                          ["Keurmerkcampagne", "Team Communicatie", "mei 2026"]]
    assert {b.text for b in layout.boilerplate} == {"Gemeente Oostervaart | Integraal Veiligheidsplan",
                                                    "Vastgesteld door de raad"}
    assert document_coverage(path).share >= 0.98


# --- PDF: running header, page numbers, TOC with leaders, font-size headings, ruled table --------

@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> tuple[Path, Layout]:
    path = pdf_with_furniture(tmp_path_factory.mktemp("pdf") / "jaarplan.pdf")
    return path, build_layout(path)


def test_pdf_sections_pages_and_toc(pdf):
    _, layout = pdf
    assert layout.pages == 4
    assert [(s.level, s.numbering, s.title, s.page) for s in layout.iter_sections()] == [
        (1, "1", "Inleiding", 2), (1, "2", "Doelen", 3), (2, "2.1", "Minder overlast", 3),
        (3, None, "Meetbare doelen", 3), (1, "3", "Acties", 4)]
    assert layout.toc_title == "Inhoudsopgave"
    assert [(e.numbering, e.title, e.page_ref) for e in layout.toc] == [
        ("1", "Inleiding", 2), ("2", "Doelen", 2), ("2.1", "Minder overlast", 3), ("3", "Acties", 4)]


def test_pdf_furniture_and_table(pdf):
    path, layout = pdf
    kinds = {b.text: (b.kind, b.count) for b in layout.boilerplate}
    assert kinds["Gemeente Lindehoven | Jaarplan Veiligheid"] == ("running", 4)
    assert kinds["Pagina 3 van 4"] == ("page_number", 1)
    assert "Pagina" not in layout.all_text() and "Jaarplan Veiligheid" not in layout.all_text()
    (match,) = layout.tables_with_columns(ROLES, required=["owner"])
    assert match.table.header == ["Actie", "Wie", "Gereed"] and match.table.page == 4
    assert match.records()[1] == {"action": "Meldingen binnen 24 uur terugkoppelen", "owner": "Team Toezicht",
                                  "due": "juni 2026"}
    assert document_coverage(path).share >= 0.98


# --- one plan, five formats ----------------------------------------------------------------------

FORMATS = ["txt", "md", "html", "docx", "pdf"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("parity")
    return {fmt: render(fmt, d / f"plan.{fmt}") for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
def test_format_parity(rendered, fmt):
    layout = build_layout(rendered[fmt])
    assert tree(layout) == [(s.level, s.number, s.title) for s in PLAN]
    (table,) = layout.tables()
    header, rows = next(s.table for s in PLAN if s.table)
    assert table.header == header and table.rows == rows
    (lst,) = [b for b in layout.text_blocks() if isinstance(b, ListBlock)]
    assert [i.text for i in lst.items] == next(s.bullets for s in PLAN if s.bullets)
    paras = [b.text for b in layout.text_blocks() if isinstance(b, Paragraph)]
    assert paras == [p for s in PLAN for p in s.paras]
    assert RUNNING_HEADER not in layout.all_text()
    assert document_coverage(rendered[fmt]).share >= 0.98


def test_blocks_know_their_section(rendered):
    layout = build_layout(rendered["docx"])
    for block in layout.text_blocks():
        assert block.section_path in {s.path for s in layout.iter_sections()}
    assert isinstance(next(iter(section(layout, "Uitvoering").blocks[1:])), Table)


def test_docx_english_styles_outline_level_and_numbered_headings(tmp_path):
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph("Context", style="Heading 1")
    document.add_paragraph("Een korte beschrijving van de gemeente.")
    custom = document.styles.add_style("Hoofdkop", WD_STYLE_TYPE.PARAGRAPH)
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "0")
    custom.element.get_or_add_pPr().append(outline)
    document.add_paragraph("Opgave", style="Hoofdkop")
    document.add_paragraph("2.1 Cijfers per wijk")
    document.add_paragraph("De cijfers staan in de bijlage.")
    document.add_paragraph("Achtergrond", style="Heading 2")
    path = tmp_path / "engels.docx"
    document.save(str(path))
    layout = build_layout(path)
    assert tree(layout) == [(1, None, "Context"), (1, None, "Opgave"), (2, "2.1", "Cijfers per wijk"),
                            (2, None, "Achtergrond")]


def _run_in_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("Acties per prioriteit", style="Heading 1")
    for lead, rest in (("Prioriteit 1 – Woonoverlast.", " Bewoners melden vaker burenruzies."),
                       ("Let op:", " dit is geen prioriteit.")):
        p = document.add_paragraph()
        p.add_run(lead).bold = True
        p.add_run(rest)
    document.save(str(path))
    return path


@pytest.mark.parametrize("name, content", [
    ("plan.md", "# Acties per prioriteit\n\n**Prioriteit 1 – Woonoverlast.** Bewoners melden vaker burenruzies.\n\n"
                "**Let op:** dit is geen prioriteit.\n"),
    ("plan.html", "<html><body><main><h1>Acties per prioriteit</h1><p><strong>Prioriteit 1 – Woonoverlast.</strong> "
                  "Bewoners melden vaker burenruzies.</p><p><b>Let op:</b> dit is geen prioriteit.</p>"
                  "</main></body></html>"),
    ("plan.docx", None),
])
def test_a_bold_lead_that_names_a_priority_heads_its_paragraph(tmp_path, name, content):
    """"**Prioriteit 1 – Woonoverlast.** Bewoners ...": the bold lead is the heading of what follows it; a bold
    lead that names no priority ("Let op:") stays in its paragraph."""
    path = tmp_path / name
    if content is None:
        _run_in_docx(path)
    else:
        path.write_text(content, encoding="utf-8")
    layout = build_layout(path)
    assert [s.title for s in layout.iter_sections()][-1] == "Prioriteit 1 – Woonoverlast"
    texts = [b.text for b in layout.text_blocks()]
    assert texts == ["Bewoners melden vaker burenruzies.", "Let op: dit is geen prioriteit."]


def test_html_table_cells_that_span_rows_and_columns(tmp_path):
    """rowspan: the cell stands in each row it spans; colspan: it keeps its place, empty cells after it; a row
    that is one spanning cell stays a title row. Every cell stays under its own header."""
    path = tmp_path / "plan.html"
    path.write_text("<html><body><main><table><tr><th>Thema</th><th>Actie</th><th>Trekker</th><th>Wanneer</th></tr>"
                    "<tr><td colspan='4'>Speerpunt 1 Jeugd</td></tr>"
                    "<tr><td rowspan='2'>Jeugd</td><td>Straatcoaches</td><td rowspan='2'>Welzijn</td>"
                    "<td>Q2 2026</td></tr>"
                    "<tr><td>Voorlichting lachgas</td><td>Q3 2026</td></tr>"
                    "<tr><td>Drugs</td><td colspan='2'>Bibob bij vastgoed</td><td>Q1 2026</td></tr>"
                    "<tr><td rowspan='99999'>x</td><td>y</td><td>z</td><td>w</td></tr>"
                    "</table></main></body></html>", encoding="utf-8")
    (table,) = build_layout(path).tables()
    assert table.header == ["Thema", "Actie", "Trekker", "Wanneer"]
    assert table.rows == [["Speerpunt 1 Jeugd"], ["Jeugd", "Straatcoaches", "Welzijn", "Q2 2026"],
                          ["Jeugd", "Voorlichting lachgas", "Welzijn", "Q3 2026"],
                          ["Drugs", "Bibob bij vastgoed", "", "Q1 2026"], ["x", "y", "z", "w"]]  # a hostile span: 1


def test_docx_table_cells_merged_down_and_across(tmp_path):
    """Word's merged cells on the table's grid: merged down (vMerge), the text stands in each row; merged
    across (gridSpan), the cell keeps its place with empty cells after it; a row of one merged cell is a title."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=5, cols=3)
    for row, values in enumerate([["Thema", "Actie", "Trekker"], ["Speerpunt 1 Jeugd", "", ""],
                                  ["Jeugd", "Straatcoaches", "Welzijn"], ["", "Voorlichting lachgas", "GGD"],
                                  ["Drugs", "Bibob bij vastgoed", ""]]):
        for col, value in enumerate(values):
            if value:
                table.cell(row, col).text = value
    table.cell(1, 0).merge(table.cell(1, 2))
    table.cell(2, 0).merge(table.cell(3, 0))
    table.cell(4, 1).merge(table.cell(4, 2))
    path = tmp_path / "plan.docx"
    document.save(str(path))
    (found,) = build_layout(path).tables()
    assert found.header == ["Thema", "Actie", "Trekker"]
    assert found.rows == [["Speerpunt 1 Jeugd"], ["Jeugd", "Straatcoaches", "Welzijn"],
                          ["Jeugd", "Voorlichting lachgas", "GGD"], ["Drugs", "Bibob bij vastgoed", ""]]
