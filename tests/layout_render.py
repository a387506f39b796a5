"""Test documents for the layout pass, written for these tests (fictional municipalities).

`PLAN` is one small safety plan that `render(fmt, path)` writes as txt, md, html, docx or pdf,
so that the formats can be compared. `docx_with_toc` and `pdf_with_furniture` write the richer
single-format fixtures that need a library to produce.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Sec:
    level: int
    number: str
    title: str
    paras: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    table: tuple[list[str], list[list[str]]] | None = None

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.level > 1 else f"{self.number}. {self.title}"


PLAN = [
    Sec(1, "1", "Inleiding", paras=[
        "Het veiligheidsplan van Brakelmonde beschrijft wat gemeente, politie, openbaar ministerie en "
        "partners de komende vier jaar samen doen om de wijken veilig en leefbaar te houden.",
        "Het plan bouwt voort op de wijkgesprekken van het afgelopen voorjaar en op de cijfers van de "
        "veiligheidsmonitor.",
    ]),
    Sec(1, "2", "Speerpunten", paras=["De driehoek kiest voor deze planperiode drie speerpunten:"], bullets=[
        "ondermijning in het buitengebied",
        "veilig uitgaan in het centrum",
        "digitale weerbaarheid van kleine ondernemers",
    ]),
    Sec(2, "2.1", "Ondermijning", paras=[
        "Leegstaande schuren en loodsen trekken criminele activiteiten aan. Samen met de eigenaren en "
        "de politie brengen we de risicolocaties in kaart.",
    ]),
    Sec(2, "2.2", "Veilig uitgaan", paras=[
        "Horeca, jongerenwerk en handhaving maken vaste afspraken over het sluitingsuur en over het "
        "aanspreken van groepen op straat.",
    ]),
    Sec(1, "3", "Uitvoering", paras=["De maatregelen staan hieronder met hun trekker en planning."], table=(
        ["Maatregel", "Trekker", "Planning"],
        [
            ["Risicolocaties in kaart brengen", "Team Handhaving", "Q1 2026"],
            ["Afsprakenkader horeca vaststellen", "Openbare Orde", "Q2 2026"],
            ["Training digitale weerbaarheid", "Economische Zaken", "Q4 2026"],
        ],
    )),
]
RUNNING_HEADER = "Brakelmonde | Veiligheidsplan 2026-2029"


def render(fmt: str, path: Path) -> Path:
    """Write PLAN in the given format to path (suffix decides nothing; fmt does)."""
    {"txt": _txt, "md": _md, "html": _html, "docx": _docx, "pdf": _pdf}[fmt](path)
    return path


def _txt(path: Path) -> None:
    out: list[str] = []
    for s in PLAN:
        out += [s.heading, ""]
        for p in s.paras:
            out += textwrap.wrap(p, 72) + [""]
        out += [f"- {b}" for b in s.bullets] + ([""] if s.bullets else [])
        if s.table:
            out += _column_table(*s.table) + [""]
    path.write_text("\n".join(out), encoding="utf-8")


def _column_table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[k]) for r in [header, *rows]) + 3 for k in range(len(header))]
    return ["".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header, *rows]]


def _md(path: Path) -> None:
    out: list[str] = []
    for s in PLAN:
        out += ["#" * s.level + " " + s.heading, ""]
        out += [p + "\n" for p in s.paras]
        out += [f"- {b}" for b in s.bullets] + ([""] if s.bullets else [])
        if s.table:
            header, rows = s.table
            out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            out += ["| " + " | ".join(r) + " |" for r in rows] + [""]
    path.write_text("\n".join(out), encoding="utf-8")


def _html(path: Path) -> None:
    out = ["<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><title>Veiligheidsplan</title></head>",
           "<body><header><p>Gemeente Brakelmonde</p></header><main>"]
    for s in PLAN:
        out.append(f"<h{s.level}>{s.heading}</h{s.level}>")
        out += [f"<p>{p}</p>" for p in s.paras]
        if s.bullets:
            out.append("<ul>" + "".join(f"<li>{b}</li>" for b in s.bullets) + "</ul>")
        if s.table:
            header, rows = s.table
            out.append("<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr></thead><tbody>")
            out += ["<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows]
            out.append("</tbody></table>")
    out.append("</main><footer><p>Gemeente Brakelmonde | Contact</p></footer></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")


def _dutch_heading_styles(document) -> None:
    """Heading styles named as a Dutch Word names them ('Kop 1'), not the English built-ins."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    for level, size in ((1, 16), (2, 13)):
        style = document.styles.add_style(f"Kop {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.bold, style.font.size = True, Pt(size)


def _docx_table(document, header: list[str], rows: list[list[str]], flag_header: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = document.add_table(rows=1 + len(rows), cols=len(header))
    for r, cells in enumerate([header, *rows]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    if flag_header:
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
        assert tr_pr.find(qn("w:tblHeader")) is not None


def _docx(path: Path) -> None:
    import docx

    document = docx.Document()
    _dutch_heading_styles(document)
    for s in PLAN:
        document.add_paragraph(s.heading, style=f"Kop {s.level}")
        for p in s.paras:
            document.add_paragraph(p)
        for b in s.bullets:
            document.add_paragraph(b, style="List Bullet")
        if s.table:
            _docx_table(document, *s.table, flag_header=False)
    document.save(str(path))


def _field_paragraph(document, instr: str | None, end: bool):
    """A paragraph holding a complex field's begin+instruction or its end (how Word writes a TOC)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = document.add_paragraph()
    run = p.add_run()._r
    if instr is not None:
        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        run.append(begin)
        code = OxmlElement("w:instrText")
        code.text = instr
        run.append(code)
        sep = OxmlElement("w:fldChar")
        sep.set(qn("w:fldCharType"), "separate")
        run.append(sep)
    if end:
        fin = OxmlElement("w:fldChar")
        fin.set(qn("w:fldCharType"), "end")
        run.append(fin)
    return p


def docx_with_toc(path: Path) -> Path:
    """A Word plan: TOC field with 'toc N' entries, Kop 1/Kop 2 headings, numbered and bulleted lists,
    a bold-only pseudo-heading, a flagged header row, a running header and footer."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    _dutch_heading_styles(document)
    for level in (1, 2):
        document.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH).base_style = document.styles["Normal"]
    section = document.sections[0]
    section.header.paragraphs[0].text = "Gemeente Oostervaart | Integraal Veiligheidsplan"
    section.footer.paragraphs[0].text = "Vastgesteld door de raad"
    document.add_paragraph("Inhoudsopgave", style="TOC Heading")
    _field_paragraph(document, ' TOC \\o "1-2" \\h ', end=False)
    for text, level in (("Inleiding\t2", 1), ("Aanpak\t3", 1), ("Woninginbraak\t3", 2), ("Actielijst\t4", 1)):
        document.add_paragraph(text, style=f"toc {level}")
    _field_paragraph(document, None, end=True)
    document.add_paragraph("Inleiding", style="Kop 1")
    document.add_paragraph("Oostervaart wil een gemeente zijn waar inwoners zich veilig voelen, thuis en op straat. "
                           "Dit plan legt vast waar we de komende jaren op inzetten.")
    document.add_paragraph("Aanpak", style="Kop 1")
    document.add_paragraph("We werken in drie stappen:")
    for text in ("analyseren van meldingen", "kiezen van maatregelen", "evalueren met partners"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("Woninginbraak", style="Kop 2")
    document.add_paragraph("Inbraken concentreren zich in twee wijken met veel vrijstaande huizen.")
    bold = document.add_paragraph()
    bold.add_run("Wat doen we?").bold = True
    for text in ("inbraakpreventie-avonden", "het politiekeurmerk promoten"):
        document.add_paragraph(text, style="List Bullet")
    document.add_paragraph("Actielijst", style="Kop 1")
    _docx_table(document, ["Actie", "Verantwoordelijk", "Planning"], [
        ["Preventieavond wijk Noord", "Wijkagent", "maart 2026"],
        ["Keurmerkcampagne", "Team Communicatie", "mei 2026"],
    ], flag_header=True)
    document.save(str(path))
    return path


# --- PDF ---------------------------------------------------------------------------------------

def _pdf_styles():
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=8)
    return {
        1: ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=16, leading=20, spaceBefore=10, spaceAfter=8),
        2: ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=13, leading=16, spaceBefore=8, spaceAfter=6),
        "body": body,
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=18, bulletIndent=6, spaceAfter=3),
    }


def _pdf_table(header: list[str], rows: list[list[str]]):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table([header, *rows])
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("FONTNAME", (0, 1), (-1, -1), "Helvetica"),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
    ]))
    return table


def _furniture(header: str, footer):
    """A page callback drawing a running header and a page-number footer."""
    from reportlab.lib.pagesizes import A4

    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, A4[1] - 36, header)
        canvas.drawRightString(A4[0] - 72, 30, footer(doc.page))
        canvas.restoreState()

    return draw


def _build_pdf(path: Path, story: list, header: str, footer) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    doc = SimpleDocTemplate(str(path), pagesize=A4, topMargin=72, bottomMargin=72)
    draw = _furniture(header, footer)
    doc.build(story, onFirstPage=draw, onLaterPages=draw)


def _pdf(path: Path) -> None:
    from reportlab.platypus import PageBreak, Paragraph

    st = _pdf_styles()
    story: list = []
    for s in PLAN:
        if s.table:
            story.append(PageBreak())
        story.append(Paragraph(s.heading, st[s.level]))
        story += [Paragraph(p, st["body"]) for p in s.paras]
        story += [Paragraph(b, st["bullet"], bulletText="•") for b in s.bullets]
        if s.table:
            story.append(_pdf_table(*s.table))
    _build_pdf(path, story, RUNNING_HEADER, lambda n: f"{n}")


def pdf_with_furniture(path: Path) -> Path:
    """A four-page PDF: a TOC with dot leaders, a running header, 'Pagina N van 4' footers, numbered
    headings in two font sizes, a bold-only minor heading and a ruled action table with a bold header."""
    from reportlab.platypus import PageBreak, Paragraph

    st = _pdf_styles()
    toc = [("1. Inleiding", 2), ("2. Doelen", 2), ("2.1 Minder overlast", 3), ("3. Acties", 4)]
    story: list = [Paragraph("Inhoudsopgave", st[1])]
    story += [Paragraph(f"{t} {'.' * (60 - len(t))} {n}", st["body"]) for t, n in toc]
    story += [PageBreak(), Paragraph("1. Inleiding", st[1])]
    story += [Paragraph("Lindehoven actualiseert elk jaar zijn aanpak van overlast en criminaliteit. Dit "
                        "document beschrijft de doelen en de acties voor het komende jaar, in samenhang met "
                        "de regionale agenda van de veiligheidsregio en de politie-eenheid.", st["body"])] * 2
    story += [PageBreak(), Paragraph("2. Doelen", st[1]),
              Paragraph("We willen dat bewoners minder overlast ervaren en sneller hulp krijgen.", st["body"]),
              Paragraph("2.1 Minder overlast", st[2]),
              Paragraph("Overlast van groepen jongeren vraagt om een snelle en gezamenlijke reactie van "
                        "jongerenwerk en handhaving.", st["body"]),
              Paragraph("<b>Meetbare doelen</b>", st["body"]),
              Paragraph("Het aantal meldingen daalt met tien procent ten opzichte van vorig jaar.", st["body"])]
    story += [PageBreak(), Paragraph("3. Acties", st[1]),
              Paragraph("De acties hieronder worden elk kwartaal besproken in de driehoek.", st["body"]),
              _pdf_table(["Actie", "Wie", "Gereed"], [
                  ["Jongerenwerk op vrijdagavond", "Stichting Jongerenwerk", "april 2026"],
                  ["Meldingen binnen 24 uur terugkoppelen", "Team Toezicht", "juni 2026"],
                  ["Buurtavonden in twee wijken", "Wijkregie", "oktober 2026"],
              ])]
    _build_pdf(path, story, "Gemeente Lindehoven | Jaarplan Veiligheid", lambda n: f"Pagina {n} van 4")
    return path
