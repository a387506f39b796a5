"""Priorities, goals and portefeuillehouders read from the sample plans (and small made-up ones)."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.model import Line, Page, RawDocument
from ingest.pages import raw_lines
from ingest.plans import extract_holders, extract_priorities, join_lines

CORPUS = Path(__file__).parent.parent / "corpus"


def corpus_lines(prefix: str) -> list[Line]:
    path = next(CORPUS.glob(f"{prefix}_*.txt"))
    fmt = "md" if prefix == "004" else "txt"
    return raw_lines(RawDocument(path, fmt, [Page(None, path.read_text(encoding="utf-8"))]))


def lines_of(text: str) -> list[Line]:
    return [Line(t, None) for t in text.split("\n")]


# --- 001: IVP Tweestromenland, bare numbered headings with Opgave / Ambitie / Aanpak -------------


def test_ivp_tweestromenland_has_its_five_priorities_not_the_old_plans():
    prios = extract_priorities(corpus_lines("001"), "ivp")
    assert [p.number for p in prios] == [1, 2, 3, 4, 5]
    assert [p.label for p in prios] == [
        "Aanpak ondermijnende criminaliteit",
        "Vergroten digitale veiligheid",
        "Zorg en veiligheid dichter bij elkaar",
        "Veilig verkeer",
        "Verbinding samenleving en maatschappelijke onrust",
    ]
    assert all("Vroeg signalering" not in p.label for p in prios)  # priority 1 of the 2019-2022 review annex
    assert all(p.section_path[0] == "4. Ambities en prioriteiten 2023-2026" for p in prios)


def test_ivp_tweestromenland_goal_is_the_ambitie_paragraph():
    prios = {p.number: p for p in extract_priorities(corpus_lines("001"), "ivp")}
    assert prios[1].goal.startswith("De gemeenten in Tweestromenland bieden geen ruimte voor (ondermijnende)")
    assert prios[1].goal.endswith("continueren en verstevigen de bestuurlijke en integrale aanpak.")
    assert "Opgave" not in prios[1].goal and "OTSL" not in prios[1].goal  # stops before "Aanpak"
    assert prios[2].goal.startswith("Het vergroten van weerbaarheid van de inwoners")
    assert "opschalingslijnen helder te zijn" in prios[3].goal  # a two-paragraph ambitie is kept whole
    assert prios[5].goal.startswith("De verwachting is dat de komende jaren vaker een langdurige crisis")
    for p in prios.values():
        assert p.sentence.startswith(f"{p.number}. {p.label}") and p.goal in p.sentence


# --- 004: IVP De Waarden, Markdown ----------------------------------------------------------------


def test_ivp_de_waarden_reads_markdown_headings_not_the_table_of_contents():
    prios = extract_priorities(corpus_lines("004"), "ivp")
    assert [(p.number, p.label) for p in prios] == [
        (1, "Zorg en Veiligheid"), (2, "Jeugd"), (3, "Drugs"), (4, "Digitale veiligheid")]
    assert all(p.goal for p in prios)
    assert prios[0].goal.startswith("Inwoners van De Waarden helpen")
    assert "barrières voor daders" in prios[3].goal  # "## **Ambitie**" with two paragraphs
    assert "Aandachtspunten" not in prios[3].goal
    assert prios[0].section_path == ("De vier prioriteiten", "Prioriteit 1: Zorg en Veiligheid")


# --- 002: UVP 2025-2026 -----------------------------------------------------------------------------


def test_uvp_priorities_goals_and_holders():
    prios = {p.number: p for p in extract_priorities(corpus_lines("002"), "uvp")}
    assert sorted(prios) == [1, 2, 3, 4, 5]
    assert prios[1].label == "Aanpak ondermijnende criminaliteit"
    assert prios[5].label.startswith("Verbinding samenleving en maatschappelijk onbehagen")
    assert prios[1].section_path == ("3. Aanpak prioriteiten 2025-2026",
                                     "3.2 Prioriteit 1: Aanpak ondermijnende criminaliteit")
    assert prios[2].goal.startswith("Het vergroten van weerbaarheid van de inwoners en ondernemers")
    assert "Naast de vervaging" not in prios[2].goal  # the paragraph after the doelstelling is context
    assert prios[4].goal.endswith("verkeersveilig gedrag te stimuleren.")  # runs on over blank lines mid-sentence

    def holders(n):
        return [(h.title, h.name, h.scope) for h in prios[n].holders]

    assert holders(1) == [("burgemeester", "Bergman", "ondermijning"),
                          ("burgemeester", "Van Neerbos", "Veilig buitengebied en Mensenhandel"),
                          ("burgemeester", "Minses", "drugs")]
    assert holders(2) == [("burgemeester", "Helmer-Englebert", "digitale veiligheid")]
    assert holders(3) == [("burgemeester", "Helmer-Englebert", "zorg en veiligheid")]
    assert holders(4) == [("burgemeester", "Slinkman", "verkeer")]
    assert holders(5) == [("burgemeester", "Sengers", "Verbinding samenleving en maatschappelijk onbehagen")]
    assert prios[4].holders[0].sentence == "Portefeuillehouder van het thema verkeer is burgemeester Slinkman."
    assert prios[2].holders[0].sentence.startswith("Burgemeester Helmer-Englebert is portefeuillehouder")
    assert prios[1].holders[1].sentence.startswith("Burgemeester Bergman is portefeuillehouder")


# --- 003: council note ------------------------------------------------------------------------------


def test_council_note_reads_the_inline_enumeration():
    prios = extract_priorities(corpus_lines("003"), "council_note")
    assert [(p.number, p.label) for p in prios] == [
        (1, "Aanpak van ondermijnende criminaliteit"),
        (2, "Vergroten van de digitale veiligheid"),
        (3, "Zorg en veiligheid dichter bij elkaar"),
        (4, "Veilig verkeer"),
        (5, "Verbinding samenleving en maatschappelijk onbehagen"),
    ]
    assert all(p.sentence.startswith("In het IVP staan vijf strategische thema’s centraal") for p in prios)


def test_enumeration_without_a_theme_cue_is_not_a_priority_list():
    text = "Onderwerp: nota over (1) evaluatie 2023-2024 en (2) plan 2025-2026.\nVerder niets."
    assert extract_priorities(lines_of(text), "council_note") == []


# --- generic behaviour on made-up text --------------------------------------------------------------


def test_numbered_chapters_without_an_ambition_are_not_priorities():
    text = "1. Inleiding\nDit plan gaat over veiligheid.\n2. Kader\nDe gemeenten werken samen.\n"
    assert extract_priorities(lines_of(text), "ivp") == []


def test_priorities_in_a_review_of_the_previous_plan_are_skipped():
    text = "\n".join([
        "3. Prioriteiten",
        "3.1 Prioriteit 1: Weerbare jeugd",
        "Doelstelling: Minder jongeren in de criminaliteit.",
        "4. Terugblik IVP 2018-2021",
        "Prioriteit 1: Woninginbraken",
        "Doelstelling: Minder inbraken.",
        "Prioriteit 2: Fietsdiefstal",
    ])
    prios = extract_priorities(lines_of(text), "ivp")
    assert [(p.number, p.label, p.goal) for p in prios] == [
        (1, "Weerbare jeugd", "Minder jongeren in de criminaliteit.")]


def test_holders_in_all_three_wordings_and_across_a_line_break():
    text = "\n".join([
        "Wethouder De Boer is portefeuillehouder van het thema jeugd. Burgemeester Ter-",
        "Horst is portefeuillehouder van het thema cybercrime.",
        "Portefeuillehouder van het thema horeca is burgemeester Jansen.",
        "Portefeuillehouders: burgemeester Van Dam (drugs), burgemeester Smit (Mensenhandel/Prostitutie)",
        "",
        "Doelstelling: iets anders.",
    ])
    got = [(h.title, h.name, h.scope) for h in extract_holders(lines_of(text))]
    assert got == [("wethouder", "De Boer", "jeugd"), ("burgemeester", "Ter-Horst", "cybercrime"),
                   ("burgemeester", "Jansen", "horeca"), ("burgemeester", "Van Dam", "drugs"),
                   ("burgemeester", "Smit", "Mensenhandel/Prostitutie")]


@pytest.mark.parametrize("parts, joined", [
    (["Burgemeester Helmer-", "Englebert is"], "Burgemeester Helmer-Englebert is"),
    (["de zorg-", "en welzijnsketen"], "de zorg- en welzijnsketen"),
    (["het veiligheids-", "beleid"], "het veiligheidsbeleid"),
    (["gewoon", "", "verder"], "gewoon verder"),
])
def test_join_lines_repairs_hyphenation_without_respelling(parts, joined):
    assert join_lines(parts) == joined
