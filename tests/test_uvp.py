"""Planned actions of the UVP 2025-2026 (002), with the when column split off, and of made-up plans."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from ingest.model import Line, Page, RawDocument
from ingest.pages import raw_lines
from ingest.uvp import extract_uvp_actions

CORPUS = Path(__file__).parent.parent / "corpus"


@pytest.fixture(scope="module")
def actions():
    path = next(CORPUS.glob("002_*.txt"))
    return extract_uvp_actions(raw_lines(RawDocument(path, "txt", [Page(None, path.read_text(encoding="utf-8"))])))


def find(actions, prefix: str):
    hits = [a for a in actions if a.title.startswith(prefix)]
    assert len(hits) == 1, (prefix, [a.title for a in hits])
    return hits[0]


def collapsed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_action_count_per_priority(actions):
    # counted by hand from the PDF text: every action line, bullet under a "Ten aanzien van ...:" lead-in,
    # and paragraph with its own when entry
    assert Counter(a.priority_number for a in actions) == {1: 19, 2: 7, 3: 9, 4: 4, 5: 9}
    assert [a.ordinal for a in actions] == list(range(1, len(actions) + 1))


@pytest.mark.parametrize("prefix, when", [
    ("Deelname aan de districtelijke werkgroep Cyber", "Doorlopend"),
    ("Inzet van het Mobiel Media Lab door de politie", "2025-2026"),
    ("Bijdragen aan de digitale weerbaarheid van jongeren", "2025-2026"),
    ("We onderzoeken de mogelijkheden voor online jongerenwerk", "2025 (Q3-Q4)"),
    ("We vergroten de bewustwording voor het thema Digitale Veiligheid", "Periodiek in 2025-2026"),
    ("En we organiseren een themasessie", "2026"),
    ("Het realiseren van een sterkere verbinding lokaal en regionaal", "2025"),
    ("Opstellen plan van aanpak en vervolg geven aan het uitrollen van de AVE-methodiek", "Q3 2025"),
    ("Vervolg implementatie AVE-methode", "Q4 2025- Q12026"),
    ("Regionale aftrap en implementatie van het 7-stappenmodel", "Q12025"),
    ("Verkennen en onderzoeken wat de rol van HALT in preventieve zin kan betekenen", "Q3 2025"),
    ("Versterking (kennis over) proces nazorg", "Q2 2025"),
    ("Integrale verkeershandhaving", "2025 en 2026"),
    ("Organiseren training ‘anti-institutioneel extremisme", "2025 (afhankelijk van agenda’s burgemeesters)"),
    ("Onderzoek naar inzet van middelen en expertise", "Q3 -2025"),
    ("Naar aanleiding van bovengenoemd onderzoek", "QlenQ2-2026"),
    ("Onderzoeken wat de gevolgen zijn op de samenleving", "Doorlopend in 2025 en 2026"),
    ("Het netwerk onderhouden en ondersteunen", None),
    ("(Verkenning van) aanstelling adviseur regionale samenwerking radicalisering", "Q4 —2025 Ql- 2026"),
])
def test_when_is_attached_to_its_action(actions, prefix, when):
    assert find(actions, prefix).timeline == when


def test_priority_1_has_no_when_column(actions):
    p1 = [a for a in actions if a.priority_number == 1]
    assert p1 and all(a.timeline is None for a in p1)


def test_when_tokens_are_cut_from_the_text(actions):
    a = find(actions, "Deelname aan de districtelijke werkgroep Cyber")
    assert a.title == "Deelname aan de districtelijke werkgroep Cyber"
    assert "Doorlopend" not in a.source_text
    mml = find(actions, "Inzet van het Mobiel Media Lab")
    assert "ondersteunen deze actie door hier gericht" in mml.source_text  # "deze 2025-2026 / actie" healed
    for a in actions:
        assert not re.search(r"(20\d\d|Doorlopend|Q\d)\s*$", a.title), a.title


def test_no_action_title_is_a_group_heading(actions):
    groups = {a.group for a in actions if a.group}
    assert {"Informatiepositie", "Toezicht, handhaving en beleid", "Samenwerking", "Bewustwording",
            "De basis op orde", "Aanpak Voorkoming Escalatie (AVE)", "Aanpak Jeugdproblematiek",
            "Mensen met onbegrepen gedrag", "Organisatie en samenwerking", "Inzetten op preventie",
            "Inzetten op handhaving", "Bewustwording en Training", "Onderzoek", "Handelingsperspectief",
            "Ten aanzien van (toepassing van) de Wet Bibob:",
            "Ten aanzien van de bestuursrechtelijke maatregelen:"} <= groups
    assert not {a.title.rstrip(":") for a in actions} & {g.rstrip(":") for g in groups}


def test_bullets_under_a_lead_in_heading_are_actions_and_instrument_lists_are_not(actions):
    bibob = [a.title for a in actions if a.group == "Ten aanzien van (toepassing van) de Wet Bibob:"]
    assert bibob[0] == "Actualiseren Beleidsregels Bibob Tweestromenland"
    assert len(bibob) == 5
    models = find(actions, "Implementeren van modellen die beschikbaar worden gesteld")
    assert "- Artikel 13b Opiumwet" in models.source_text
    assert "vuurwerkbommen)" in models.source_text
    assert not any(a.title.startswith(("Artikel 13b", "Drugshandel op straat")) for a in actions)


def test_source_text_is_readable_and_keeps_the_wording(actions):
    texts = [collapsed(a.source_text) for a in actions]
    for snippet in ("Actualiseren Beleidsregels Bibob Tweestromenland. Van belang is om te",
                    "We onderzoeken de mogelijkheden voor online jongerenwerk of straatcoachwerk.",
                    "RIEC Oost-Nederland en Weerbaar Gelderland-Zuid worden aangeboden",
                    "Volgen van de training informatiegestuurd werken van Weerbaar Gelderland Zuid"):
        assert any(snippet in t for t in texts), snippet
    aftrap = find(actions, "Regionale aftrap")
    assert "\n9\n" not in aftrap.source_text and " 9 " not in aftrap.source_text  # the page number is gone


def test_section_path_and_group(actions):
    a = find(actions, "Actualiseren Beleidsregels Bibob")
    assert a.section_path == ("3. Aanpak prioriteiten 2025-2026",
                              "3.2 Prioriteit 1: Aanpak ondermijnende criminaliteit",
                              "Ten aanzien van (toepassing van) de Wet Bibob:")
    cyber = find(actions, "Deelname aan de districtelijke")
    assert cyber.section_path[1] == "3.3 Prioriteit 2: Vergroten digitale veiligheid"


def test_other_documents_have_no_uvp_actions():
    for prefix in ("001", "003", "004"):
        path = next(CORPUS.glob(f"{prefix}_*.txt"))
        lines = raw_lines(RawDocument(path, "txt", [Page(None, path.read_text(encoding="utf-8"))]))
        assert extract_uvp_actions(lines) == []


def test_a_made_up_plan_of_another_basisteam():
    text = "\n".join([
        "4. Uitvoering 2027",
        "4.1 Prioriteit 1: Veilige wijken",
        "Doelstelling: Minder overlast in de wijk.",
        "Wat gaan we doen in 2027?",
        "Buurtpreventie",
        "Opzetten van buurtwhatsappgroepen in alle kernen. Q1 2027",
        "Evaluatie van de groepen met de wijkagenten en",
        "de buurtbewoners.",
        "Oprichten buurtpreventieteam in de grootste kern.",
        "Halfjaarlijks",
        "Toezicht",
        "Extra surveillance rond de jaarwisseling. 2027",
        "4.2 Prioriteit 2: Jeugd",
        "Doelstelling: Jongeren weerbaar maken.",
        "Wat gaan we doen in 2027?",
        "Voorlichting",
        "Gastlessen op alle basisscholen. Doorlopend",
        "Ouderavonden over middelengebruik. Q3 2027",
    ])
    got = [(a.priority_number, a.group, a.title, a.timeline)
           for a in extract_uvp_actions([Line(t, 7) for t in text.split("\n")])]
    assert got == [
        (1, "Buurtpreventie", "Opzetten van buurtwhatsappgroepen in alle kernen", "Q1 2027"),
        (1, "Buurtpreventie", "Oprichten buurtpreventieteam in de grootste kern", "Halfjaarlijks"),
        (1, "Toezicht", "Extra surveillance rond de jaarwisseling", "2027"),
        (2, "Voorlichting", "Gastlessen op alle basisscholen", "Doorlopend"),
        (2, "Voorlichting", "Ouderavonden over middelengebruik", "Q3 2027"),
    ]
