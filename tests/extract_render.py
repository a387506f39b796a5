"""Word and PDF fixtures for the extractor tests, written for these tests (fictional municipalities).

Text, Markdown and HTML fixtures live in tests/fixtures/extract/; these formats need a library to
write, so they are produced at test time with the helpers of tests/layout_render.py.
"""
from __future__ import annotations

from pathlib import Path

from layout_render import _build_pdf, _docx_table, _dutch_heading_styles, _pdf_styles, _pdf_table


def voortgang_docx(path: Path) -> Path:
    """A voortgangsrapportage: 'Ambitie N:' headings (Kop 1), each with an activity table whose last column
    gives the state of each activity."""
    import docx

    document = docx.Document()
    _dutch_heading_styles(document)
    document.add_paragraph("Voortgangsrapportage Integrale Veiligheid Dijkhoven 2024", style="Kop 1")
    document.add_paragraph("Deze rapportage geeft per ambitie de stand van zaken van de activiteiten uit het "
                           "jaarplan 2024, zoals besproken in de driehoek van december.")
    document.add_paragraph("Ambitie 1: Veilige wijken", style="Kop 1")
    document.add_paragraph("We willen dat bewoners zich in alle wijken veilig voelen.")
    _docx_table(document, ["Activiteit", "Wie", "Wanneer", "Stand van zaken"], [
        ["Wijkschouw in de Vogelbuurt", "Wijkregie", "Q1 2024", "Afgerond"],
        ["Extra verlichting in het Dijkpark", "Openbare Ruimte", "Q3 2024", "Vertraagd door levertijden"],
        ["Buurtpreventieteam starten in Noord", "Welzijn", "2024", "In uitvoering"],
    ], flag_header=True)
    document.add_paragraph("Ambitie 2: Weerbare ondernemers", style="Kop 1")
    document.add_paragraph("Ondernemers herkennen signalen van ondermijning en melden die.")
    _docx_table(document, ["Activiteit", "Wie", "Wanneer", "Stand van zaken"], [
        ["Bijeenkomst over ondermijning voor ondernemers", "Economische Zaken", "Q2 2024",
         "De bijeenkomst heeft plaatsgevonden."],
        ["Controle op bedrijventerrein De Kade", "Toezicht", "Q4 2024", "Niet gestart"],
    ], flag_header=True)
    document.save(str(path))
    return path


def jaarplan_pdf(path: Path) -> Path:
    """A one-year jaarplan 2021 as a PDF: a bulleted list of priorities under 'Prioriteiten 2021' and a
    ruled table 'Wat | Trekker | Planning', with a running header and page numbers."""
    from reportlab.platypus import PageBreak, Paragraph

    st = _pdf_styles()
    story: list = [
        Paragraph("1. Inleiding", st[1]),
        Paragraph("Dit jaarplan vertaalt de kadernota veiligheid van Vennebroek naar het jaar 2021. Het is "
                  "opgesteld met politie, jongerenwerk en de woningcorporatie.", st["body"]),
        Paragraph("2. Prioriteiten voor dit jaar", st[1]),
        Paragraph("In 2021 werken we aan:", st["body"]),
        Paragraph("Overlast van jongeren in het centrum", st["bullet"], bulletText="•"),
        Paragraph("Fietsendiefstal bij het station", st["bullet"], bulletText="•"),
        Paragraph("Veilig ondernemen op de markt", st["bullet"], bulletText="•"),
        PageBreak(),
        Paragraph("3. Uitvoering", st[1]),
        Paragraph("De activiteiten van 2021 met hun trekker en planning.", st["body"]),
        _pdf_table(["Wat", "Trekker", "Planning"], [
            ["Straatcoaches op vrijdagavond", "Jongerenwerk", "Q2 2021"],
            ["Fietsenstalling met toezicht", "Mobiliteit", "Q3 2021"],
            ["Keurmerk Veilig Ondernemen markt", "Economische Zaken", "Q4 2021"],
            ["Overleg met marktkooplui", "Marktmeester", "maandelijks"],
        ]),
    ]
    _build_pdf(path, story, "Gemeente Vennebroek | Jaarplan Veiligheid 2021", lambda n: f"{n}")
    return path


def gemeenteplan_docx(path: Path) -> Path:
    """A gemeente's plan in Word: 'Focuspunten' (Kop 1) whose unnumbered Kop 2 sections are the priorities,
    with a goal under 'Ambitie' paragraphs, and an unrelated chapter after it."""
    import docx

    document = docx.Document()
    _dutch_heading_styles(document)
    document.add_paragraph("Integraal Veiligheidsplan gemeente Goes 2023-2026", style="Kop 1")
    document.add_paragraph("Dit plan beschrijft de koers van de gemeente Goes op het gebied van veiligheid.")
    document.add_paragraph("Focuspunten", style="Kop 1")
    document.add_paragraph("Voor deze periode kiezen we drie focuspunten.")
    for title, goal in (("Zorg en veiligheid", "Ambitie: iedere melding over verward gedrag binnen een dag opgepakt."),
                        ("Ondermijning", "Ambitie: geen criminele bedrijvigheid op de bedrijventerreinen."),
                        ("Verkeer rond scholen", "Ambitie: veilige schoolroutes in alle kernen.")):
        document.add_paragraph(title, style="Kop 2")
        document.add_paragraph(goal)
    document.add_paragraph("Organisatie", style="Kop 1")
    document.add_paragraph("De burgemeester is verantwoordelijk voor de openbare orde.")
    document.save(str(path))
    return path


def kaarten_docx(path: Path) -> Path:
    """A voortgangsrapportage in Word with an action card per activity: a title paragraph (plain or bold, no
    heading style), then 'Trekker:', 'Planning:' and 'Stand van zaken:' paragraphs, under 'Pijler N' headings."""
    import docx

    document = docx.Document()
    _dutch_heading_styles(document)
    document.add_paragraph("Voortgangsrapportage veiligheid Wolderbeek 2025", style="Kop 1")
    document.add_paragraph("Pijler 1: Veilige buurten", style="Kop 1")
    document.add_paragraph("Hieronder de stand van zaken per activiteit, zoals besproken in het najaar.")
    document.add_paragraph("Buurtpreventie-app uitbreiden naar Wolderbeek-Zuid")
    document.add_paragraph("Trekker: wijkregie")
    document.add_paragraph("Planning: Q2 2025")
    document.add_paragraph("Stand van zaken: afgerond, vier nieuwe groepen zijn actief.")
    document.add_paragraph().add_run("Cameratoezicht bij het station evalueren").bold = True
    document.add_paragraph("Trekker: team Openbare Orde")
    document.add_paragraph("Planning: Q4 2025")
    document.add_paragraph("Stand van zaken: vertraagd, de evaluatie volgt in 2026.")
    document.add_paragraph("Pijler 2: Weerbare ondernemers", style="Kop 1")
    document.add_paragraph("Weerbaarheidsscan voor horecaondernemers")
    document.add_paragraph("Trekker: economische zaken")
    document.add_paragraph("Stand van zaken: in uitvoering.")
    document.save(str(path))
    return path


def kaarttabellen_docx(path: Path) -> Path:
    """An uitvoeringsplan in Word whose actions are two-column card tables under 'Speerpunt N' headings: one
    with its title in a merged first row, one with an 'Actie' row, one with 'Wie' and 'Wanneer' rows."""
    import docx

    document = docx.Document()
    _dutch_heading_styles(document)
    document.add_paragraph("Uitvoeringsplan veiligheid Zandmere 2026", style="Kop 1")
    document.add_paragraph("Speerpunt 1: Ondermijning", style="Kop 1")
    document.add_paragraph("Per actie staat hieronder wie trekt en wanneer het klaar is.")
    merged = document.add_table(rows=4, cols=2)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "Actie 1.1 Integrale controles op bedrijventerreinen"
    for r, (label, value) in enumerate([("Trekker", "team Openbare Orde en Veiligheid"),
                                        ("Partners", "politie, RIEC"), ("Planning", "tweede helft 2026")], 1):
        merged.cell(r, 0).text, merged.cell(r, 1).text = label, value
    _docx_table(document, ["Actie", "Bibob-beleid actualiseren"],
                [["Trekker", "juridische zaken"], ["Planning", "Q1 2026"]], flag_header=False)
    document.add_paragraph("Speerpunt 2: Jeugd", style="Kop 1")
    _docx_table(document, ["Actie", "Voorlichting over vuurwerk op basisscholen"],
                [["Wie", "jongerenwerk"], ["Wanneer", "december 2026"]], flag_header=False)
    document.add_paragraph("Cijfers", style="Kop 1")
    _docx_table(document, ["Jaar", "Incidenten"], [["2024", "41"], ["2025", "37"]], flag_header=True)
    document.save(str(path))
    return path


def voorjaarsnota_pdf(path: Path) -> Path:
    """A voorjaarsnota as a PDF: goals numbered within programme 4 (bold), each activity a smaller bold title with
    its description, a paragraph holding only its colour and the progress after it; running header and page
    numbers."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    st = _pdf_styles()
    h3 = ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=6, spaceAfter=4)
    story: list = [
        Paragraph("Programma 4 Veiligheid en handhaving", st[1]),
        Paragraph("Deze voorjaarsnota van Wolfsdonk laat per activiteit met een kleur zien hoe de uitvoering in "
                  "de eerste maanden van 2027 verliep.", st["body"]),
        Paragraph("Doelstelling 4.1 Veilige kernen", st[2]),
        Paragraph("Cameratoezicht op het Marktplein", h3),
        Paragraph("Na de inbraakgolf van vorig jaar hangen we vier camera's op bij de winkels.", st["body"]),
        Paragraph("Oranje", st["body"]),
        Paragraph("De leverancier leverde twee camera's te laat; de plaatsing is uitgesteld tot juni.", st["body"]),
        Paragraph("Buurtpreventie in Wolfsdonk-Oost", h3),
        Paragraph("Bewoners lopen samen met een boa avondrondes door de wijk.", st["body"]),
        Paragraph("Groen", st["body"]),
        Paragraph("Er liepen in maart en april elke week twee rondes.", st["body"]),
        Paragraph("Doelstelling 4.2 Minder drugsoverlast", st[2]),
        Paragraph("Sluiting van drugspanden", h3),
        Paragraph("De burgemeester sluit panden waar drugs worden verkocht (artikel 13b Opiumwet).", st["body"]),
        Paragraph("Groen", st["body"]),
        Paragraph("Het college sloot in het eerste kwartaal drie panden; alle sluitingen zijn afgerond.", st["body"]),
    ]
    _build_pdf(path, story, "Voorjaarsnota 2027 - gemeente Wolfsdonk", lambda n: f"Pagina {n}")
    return path


def borderless_pdf(path: Path) -> Path:
    """An uitvoeringsprogramma as a PDF whose action tables are laid out by white space alone (no rules, a bold
    header row), one under each speerpunt heading; running header and page numbers."""
    from reportlab.platypus import Paragraph, Table, TableStyle

    st = _pdf_styles()

    def table(rows: list[list[str]]) -> Table:
        t = Table(rows, colWidths=[230, 120, 80])
        t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                               ("FONTNAME", (0, 1), (-1, -1), "Helvetica"), ("FONTSIZE", (0, 0), (-1, -1), 9)]))
        return t

    story: list = [
        Paragraph("1. Inleiding", st[1]),
        Paragraph("Dit uitvoeringsprogramma van Elsendam werkt het veiligheidsbeleid uit voor 2026, met de acties "
                  "per speerpunt, wie ze trekt en wanneer ze klaar zijn.", st["body"]),
        Paragraph("2. Speerpunt 1: Drugs", st[1]),
        table([["Actie", "Trekker", "Planning"], ["Controles bedrijfspanden", "Handhaving", "Q2 2026"],
               ["Voorlichting aan verhuurders", "Gemeente", "Q3 2026"]]),
        Paragraph("3. Speerpunt 2: Jeugd", st[1]),
        table([["Actie", "Trekker", "Planning"], ["Straatcoaches in het centrum", "Welzijn", "zomer 2026"]]),
    ]
    _build_pdf(path, story, "Uitvoeringsprogramma Veiligheid Elsendam 2026", lambda n: f"Pagina {n}")
    return path


RENDERED = {
    "06_voortgang.docx": voortgang_docx,
    "07_jaarplan_2021.pdf": jaarplan_pdf,
    "12_gemeenteplan.docx": gemeenteplan_docx,
    "20_voortgang_kaarten.docx": kaarten_docx,
    "24_kaarttabellen.docx": kaarttabellen_docx,
    "29_voorjaarsnota.pdf": voorjaarsnota_pdf,
    "39_tabellen_zonder_lijnen.pdf": borderless_pdf,
}
