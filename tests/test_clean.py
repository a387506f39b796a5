"""Cleaning: small cases for each rule, and the real corpus files."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.clean import clean_lines, normalise_text
from ingest.model import Line, Page, RawDocument
from ingest.pages import raw_lines
from ingest.readers import read_file

CORPUS = Path(__file__).parent.parent / "corpus"


def _clean(text: str, page: int | None = None) -> list[Line]:
    return clean_lines([Line(t, page) for t in text.split("\n")])


def _joined(lines: list[Line]) -> str:
    """What chunking will read: lines joined with spaces, breaks as ' | '."""
    return " ".join(" | " if not line.text else line.text for line in lines)


def _paragraphs(lines: list[Line]) -> list[str]:
    out, cur = [], []
    for line in lines:
        if line.text:
            cur.append(line.text)
        elif cur:
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    return out


@pytest.fixture(scope="module")
def cleaned() -> dict[str, list[Line]]:
    return {f.name[:3]: clean_lines(raw_lines(read_file(f))) for f in sorted(CORPUS.glob("*.txt"))}


# --- characters --------------------------------------------------------------------------------


def test_characters_are_normalised_but_letters_are_not_corrected():
    assert normalise_text("ge\u0301e\u0308valueerd\u00a0plan\x00\x07  ") == "géëvalueerd plan"
    # OCR slips stay: evaluation snippets are cut from the raw text
    assert normalise_text("ledere gemeente en de codrdinator") == "ledere gemeente en de codrdinator"


@pytest.mark.parametrize("raw", ["\uf0b7 Drugs;", "• Drugs;", "✓ Drugs;", "\uf0a7 Drugs;", "= Drugs;",
                                 "- ✓ Drugs;", "* Drugs;", "  - Drugs;", "-Drugs;"])
def test_bullet_glyphs_become_dashes(raw):
    assert normalise_text(raw) == "- Drugs;"


def test_status_dot_remnants_are_dropped():
    assert normalise_text("invulling aan gegeven. ‘") == "invulling aan gegeven."
    assert normalise_text("voor hun eigen raad ’") == "voor hun eigen raad"
    assert normalise_text("Van belang is om niet alleen via scholen, maar '") == "Van belang is om niet alleen via scholen, maar"
    assert normalise_text("De thema's") == "De thema's"  # an apostrophe inside a word stays


# --- noise lines -------------------------------------------------------------------------------


def test_footers_page_numbers_and_footnotes_are_removed():
    text = "\n".join([
        "De gemeenten werken samen met politie en andere partners.1 De gemeenten nemen",
        "de leiding.",
        "",
        "",
        "1 In bijlage 3 is een overzicht opgenomen met een verklarende woordenlijst en",
        "afkortingen, p.33.",
        "",
        "Terug naar inhoud",
        "",
        "7",
        "",
        "Volgende alinea op de nieuwe pagina.",
        *["Nog een regel tekst op deze pagina."] * 10,
        "",
        "8",
    ])
    out = _clean(text)
    texts = [line.text for line in out]
    assert "Terug naar inhoud" not in texts and "7" not in texts and "8" not in texts
    assert not any("verklarende woordenlijst" in t for t in texts)
    assert "partners.1 De gemeenten nemen" in _joined(out)  # the marker in the text stays
    assert "Volgende alinea op de nieuwe pagina." in texts


def test_numbers_that_are_not_page_numbers_stay():
    # a chart's axis counts down, and a table column puts numbers on adjacent lines
    out = _clean("11\n\nTekst.\n\n700\n\n600\n\n500")
    assert [line.text for line in out if line.text] == ["Tekst.", "700", "600", "500"]
    column = _clean("\n".join(["Aantal zaken per gemeente:", "4", "12", "13", "6", "Totaal 35"]))
    assert [line.text for line in column if line.text][1:5] == ["4", "12", "13", "6"]


def test_known_pages_identify_their_page_numbers():
    lines = [Line("Tekst op de eerste pagina.", 1), Line("1", 1), Line("Tweede pagina.", 2), Line("2", 2)]
    assert [line.text for line in clean_lines(lines) if line.text] == ["Tekst op de eerste pagina.", "Tweede pagina."]


# --- layout ------------------------------------------------------------------------------------

_LONG = [
    "Veiligheid is een van de belangrijkste aandachtsgebieden van de overheid. De gemeenten",
    "spelen hierin een cruciale rol. Zij werken samen met de veiligheidspartners waaronder de",
    "politie, het Openbaar Ministerie en het Regionaal Informatie en Expertisecentrum (RIEC) en",
    "de inwoners, instellingen en ondernemers. Gezamenlijk worden maatregelen voorbereid.",
]


def test_blank_after_every_line_is_line_spacing_not_paragraphs():
    lines = ["1. Inleiding", ""]
    for _ in range(3):
        for t in _LONG:
            lines += [t, ""]
        lines += ["Korte slotzin van de alinea.", ""]
    lines += ["Leeswijzer", "", "Het plan bestaat uit twee delen.", ""]
    out = _clean("\n".join(lines))
    paragraphs = _paragraphs(out)
    assert paragraphs[0] == "1. Inleiding"
    assert paragraphs[1].startswith("Veiligheid is") and paragraphs[1].endswith("Korte slotzin van de alinea.")
    assert len(paragraphs) == 6  # heading, three paragraphs, heading, paragraph
    assert paragraphs[-2:] == ["Leeswijzer", "Het plan bestaat uit twee delen."]


def test_single_blanks_are_breaks_in_a_normal_layout():
    out = _clean("Eerste alinea loopt\nover twee regels.\n\nTweede alinea.\n\nDerde alinea.")
    assert _paragraphs(out) == ["Eerste alinea loopt over twee regels.", "Tweede alinea.", "Derde alinea."]


def test_a_sentence_is_not_broken_by_a_blank_or_a_page_foot():
    out = _clean("De samenwerking met de partners en\n\nde gemeenten is goed. Zij overleggen met de\n\n"
                 "Terug naar inhoud\n\n12\n\nVeiligheidsregio Gelderland-Zuid.\n\nNieuwe alinea.")
    assert _paragraphs(out) == [
        "De samenwerking met de partners en de gemeenten is goed. Zij overleggen met de Veiligheidsregio Gelderland-Zuid.",
        "Nieuwe alinea.",
    ]


@pytest.mark.parametrize("broken, whole", [
    ("resultaten be-\nhalen", "resultaten behalen"),
    ("Veiligheidsregio Gelderland-\nZuid en collega's", "Veiligheidsregio Gelderland-Zuid en collega's"),
    ("Burgemeester Helmer-\nEnglebert is portefeuillehouder", "Burgemeester Helmer-Englebert is portefeuillehouder"),
    ("de zorg-\nen veiligheidspartners", "de zorg- en veiligheidspartners"),
    ("opgenomen in het UVP 2025-\n2026.", "opgenomen in het UVP 2025-2026."),
    ("om op eenduidige wijze het 7-\nstappenmodel toe te passen", "om op eenduidige wijze het 7-stappenmodel toe te passen"),
    ("in Gelderland-\n\nZuid (Tweestromenland)", "in Gelderland-Zuid (Tweestromenland)"),
])
def test_hyphen_at_line_end(broken, whole):
    assert _joined(_clean(broken)) == whole


def test_pages_are_kept_per_line():
    raw = RawDocument(Path("x.pdf"), "pdf", [Page(1, "Eerste pagina tekst.\n"), Page(2, "Tweede pagina tekst.")])
    out = clean_lines(raw_lines(raw))
    assert [(line.text, line.page) for line in out if line.text] == [
        ("Eerste pagina tekst.", 1), ("Tweede pagina tekst.", 2)]


def test_lost_bullet_glyphs_are_recovered_from_their_indent():
    out = _clean("Het gaat om:\n\n ondermijning\n\n cybercrime en fraude\n\n mensenhandel\n\n\n Landelijke agenda\n\nTekst.")
    texts = [line.text for line in out if line.text]
    assert texts[:4] == ["Het gaat om:", "- ondermijning", "- cybercrime en fraude", "- mensenhandel"]
    assert "Landelijke agenda" in texts


# --- the real files ----------------------------------------------------------------------------


def test_001_loses_its_double_spacing(cleaned):
    raw = [line.text.strip() for line in raw_lines(read_file(CORPUS / "001_b043079d1ff82c70.txt"))]

    def run_on(texts: list[str]) -> float:
        """Share of text lines directly followed by another text line (wrapped lines of one paragraph)."""
        content = [k for k, t in enumerate(texts) if t]
        return sum(1 for k in content if k + 1 < len(texts) and texts[k + 1]) / len(content)

    assert run_on(raw) < 0.3  # line, blank, line, blank, ...
    assert run_on([line.text for line in cleaned["001"]]) > 0.6
    text = _joined(cleaned["001"])
    assert "Samen veilig vooruit. Vanuit deze missie bouwen we in Tweestromenland gestaag verder aan een veilige" in text
    assert "collega’s van andere gemeenten in Gelderland-Zuid is geïntensiveerd" in text
    assert "drie basisteams in Gelderland-Zuid (Tweestromenland, De Waarden en Nijmegen)" in text


def test_001_footnotes_and_page_numbers_are_gone(cleaned):
    texts = [line.text for line in cleaned["001"]]
    assert not any(re.fullmatch(r"\d{1,3}", t) for t in texts)
    assert not any(t.startswith(("3 Zie bijlage 1", "5 Tops, P.W.", "blijven. Den Haag")) for t in texts)
    assert "ontwikkelingen die de komende jaren voor het lokale veiligheidsbeleid" in _joined(cleaned["001"])


def test_footers_gone_and_names_intact_everywhere(cleaned):
    for name, lines in cleaned.items():
        assert not any(line.text.lower() == "terug naar inhoud" for line in lines), name
        assert not any("\x00" in line.text or line.text != line.text.rstrip() for line in lines), name
    assert "Burgemeester Helmer-Englebert is portefeuillehouder van het thema digitale veiligheid." in _joined(cleaned["002"])
    assert "RIEC Oost-Nederland en Weerbaar Gelderland-Zuid" in _joined(cleaned["002"])
    assert any(line.text.startswith("- Actualiseren Beleidsregels Bibob Tweestromenland.") for line in cleaned["002"])
    assert "- Ondernijning" in [line.text for line in cleaned["004"]]  # '- ✓ Ondernijning', OCR spelling kept
    assert "ledere gemeente" in _joined(cleaned["000"])


def test_status_dots_gone_in_the_evaluation(cleaned):
    assert "invulling aan gegeven." in [line.text for line in cleaned["000"]]
    assert not any(re.search(r"\s[‘’']$", line.text) for line in cleaned["000"])


def test_a_section_number_is_no_footnote_marker():
    """"3.1 Ondermijning" in a contents table does not make the body's "1 Inleiding" a footnote."""
    text = "\n".join(["Inhoud", "3 Prioriteiten", "3.1 Ondermijning", "3.2 Jeugd", "", "1 Inleiding", "",
                      "Tekst van de inleiding.", "", "2 Veiligheidsbeeld", "", "Meer tekst."])
    texts = [line.text for line in _clean(text)]
    assert "1 Inleiding" in texts and "2 Veiligheidsbeeld" in texts


def test_a_running_header_with_the_page_number_is_removed_on_every_page():
    pages = [Page(n, f"Veiligheidsplan Kleiwaarde 2026   {n}\n\nTekst van pagina {n}, een volle zin over veiligheid.\n"
                     f"Nog een regel op deze pagina.\n") for n in range(1, 6)]
    lines = clean_lines(raw_lines(RawDocument(Path("plan.pdf"), "pdf", pages)))
    texts = [line.text for line in lines]
    assert not any("Veiligheidsplan Kleiwaarde" in t for t in texts)
    assert sum("Tekst van pagina" in t for t in texts) == 5
