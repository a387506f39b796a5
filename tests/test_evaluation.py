"""The evaluation report's flattened action table put back together (ingest.evaluation).

The pairings below were checked by hand against corpus/000 (section 2): title, when cell and
the first words of the result as they stand on the page.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.evaluation import EvaluationParse, parse_evaluation
from ingest.model import Line, Page, RawDocument
from ingest.pages import raw_lines
from ingest.status import status_counts

CORPUS = Path(__file__).parent.parent / "corpus"
EVALUATION = CORPUS / "000_f6ee76c67c861ee2.txt"


def _lines(path: Path) -> list[Line]:
    return raw_lines(RawDocument(path, "txt", [Page(None, path.read_text(encoding="utf-8"))]))


def _collapse(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def lines() -> list[Line]:
    return _lines(EVALUATION)


@pytest.fixture(scope="module")
def ev(lines: list[Line]) -> EvaluationParse:
    return parse_evaluation(lines)


def _action(ev: EvaluationParse, title_part: str):
    found = [a for a in ev.actions if title_part in a.title]
    assert len(found) == 1, (title_part, [a.title for a in found])
    return found[0]


def test_all_53_rows_are_found(ev: EvaluationParse) -> None:
    # the report's own shares (1.9 / 18.9 / 79.2 %) imply 53 actions
    assert len(ev.actions) == 53
    assert [a.ordinal for a in ev.actions] == list(range(1, 54))
    assert all(a.title.strip() for a in ev.actions)
    # one row ("Regionaal projectleider aangesteld ...") has no result text left on its page
    assert sum(1 for a in ev.actions if not a.result) <= 1
    assert all(a.timeline for a in ev.actions)


def test_rows_per_ambition(ev: EvaluationParse) -> None:
    per = [sum(1 for a in ev.actions if a.priority_number == n) for n in range(1, 6)]
    assert per == [20, 8, 12, 7, 6]


def test_the_five_ambitions_and_their_holders(ev: EvaluationParse) -> None:
    got = {p.number: (p.label, [(h.name, h.scope) for h in p.holders]) for p in ev.priorities}
    assert got == {
        1: ("Aanpak ondermijnende criminaliteit",
            [("Bergman", "ondermijning"), ("Minses", "Drugs"), ("Van Neerbos", "Mensenhandel/Veilig Buitengebied")]),
        2: ("Vergroten digitale Veiligheid", [("Helmer-Englebert", None)]),
        3: ("Zorg en Veiligheid dichterbij elkaar", [("Helmer-Englebert", None)]),
        4: ("Vergroten Verkeersveiligheid", [("Slinkman", None)]),
        5: ("Verbinding samenleving en maatschappelijk onbehagen", [("Sengers", None)]),
    }
    assert all(h.title == "burgemeester" for p in ev.priorities for h in p.holders)
    assert ev.priorities[0].goal.startswith("De gemeenten in Tweestromenland bieden geen ruimte")
    assert ev.priorities[1].goal.endswith("door met name in te zetten op bewustwording en preventie.")


def test_header_texts_are_readable(ev: EvaluationParse) -> None:
    headers = dict(ev.header_texts)
    assert sorted(headers) == [1, 2, 3, 4, 5]
    assert headers[2].startswith("Ambitie 2: Vergroten digitale Veiligheid\n"
                                 "Portefeuillehouder: Burgemeester Helmer-Englebert.\nDoelstelling: Het vergroten")
    # the numbered goals of ambition 3, OCR'd as stray digits, become a clean list; the table is not in it
    assert "Concrete doelen:\n- Verder versterken van de verbinding" in headers[3]
    assert "- Implementeren regionale afspraken en aanpak rondom mensenhandel." in headers[3]
    assert "De basis op orde" not in headers[3]
    assert "Samenwerking opzetten" not in headers[4]


def test_span_is_section_two(ev: EvaluationParse, lines: list[Line]) -> None:
    start, end = ev.span
    assert lines[start].text.startswith("2. Resultaten activiteiten Uitvoeringsplan 2023-2024")
    assert lines[end].text.strip().startswith("3. Cijfers politie")
    assert all(a.section_path[0] == _collapse(lines[start].text) for a in ev.actions)


PAIRINGS = [
    # (a piece of the title, the when cell, a piece of the result)
    ("Gezamenlijke raadsbijeenkomst", "1 maart 2023 geweest. Vervolgens tweejaarlijkse informatieavond Gemeenteraden",
     "Op 3 februari 2025 vindt er een regionale raadsbijeenkomst plaats."),
    ("Informeren interne collega", "Na een actie of controle", "Dit wordt door iedere gemeente afzonderlijk opgepakt"),
    ("Nieuwsbrief ‘Veilig Vooruit’", "leder kwartaal", "In 2024 is de nieuwsbrief niet meer verstuurd."),
    ("Herijken externe communicatie", "Eind 2023", "communicatie-inzet vanuit Weerbaar Gelderland-Zuid"),
    ("Pilot gerichte social advertising", "Start 2023", "De campagne Samen voor een veilige buurt"),
    ("Deelnemen aan campagne meldingsbereidheid", "Start 2023", "Is samengegaan met bovenstaande punt"),
    ("Structureel en lokaal ondermijningsoverleg", "Doorlopend", "lokaal ondermijningsoverleg ingeregeld"),
    ("Opstellen interne meldroute", "2024", "ontwikkeld (zie ook het vorige onderdeel)"),
    ("Continueren samenwerking met partners", "2023", "De operationele samenwerking is voortgezet"),
    ("Controles uitvoeren n.a.v. rode draden", "2023",
     "In 2024 heeft er één ‘groene nacht’ controle plaatsgevonden."),
    ("Informatiebijeenkomst voor bewoners", "2023/2024", "Een aantal gemeenten hebben een bijeenkomst georganiseerd"),
    ("Opstellen borgingsprogramma", "2023", "Alle gemeenten in Tweestromenland zijn inmiddels gecertificeerd"),
    ("Veilig buitengebied als thema aanpakken", "2024",
     "Veilig buitengebied staat als vast agendapunt op het OTSL-overleg."),
    ("Bewustwording (intern)", "2023", "De opleidingen vanuit het RIEC door Fairwork"),
    ("Casustafel mensenhandel operationeel", "2024", "De vraag of de functie van regionaal ketenregisseur"),
    ("ontwikkelt het werkproces voor een interne meldroute", "Juni 2023", "signaalroutekaart ontwikkeld"),
    ("Plan van aanpak maken binnen het OTSL", "2024",
     "Aanbeveling: bovengenoemd proces vanuit Oost-Nederland afwachten."),
    ("Inventarisatie of bestuursrechtelijke maatregelen", "2023", "Via een bijeenkomst van Hans Vooren"),
    ("Actualiseren drugsbeleid", "2023-2024",  # the result runs on over the page break
     "model-beleidsregels drugshandel op straat en model-brieven beschikbaar gesteld."),
    ("Bij evaluatie bestaand BIBOB-beleid", "Eind 2023",
     "Momenteel wordt onderzocht of er regionale samenwerking mogelijk is. Geadviseerd vanuit het RIEC"),
    ("Actieve deelname vanuit TSL", "Doorlopend", "deel aan de regionale werkgroep ‘Digitale Veiligheid’"),
    ("Inzetten Mobiel Media Lab", "2024", "Beneden-Leeuwen (7/6)"),
    ("Monitoren trends en ontwikkelingen cybercrime", "2023-2024",
     "zijn de trends en ontwikkelingen op het gebied van cybercrime gemonitord"),
    ("Actief onder de aandacht brengen", "2023", "‘Better Safe Than Sorry’"),
    ("Met seniorenbonden en partners", "2023", "Er is geen plan gemaakt samen met seniorenbonden en partners."),
    ("Plan maken met VO scholen", "2023-2024", "Er is echter geen plan opgesteld."),
    ("Inzetten programma Hackshield", "2023-2024 (verkenning) 2025 (uitvoering)",
     "Alle gemeenten in Tweestromenland (m.u.v. Berg en Dal) nemen deel aan Hackshield."),
    ("periodiek bestuurlijk overleg zorg en veiligheid", "2023",
     "nog niet in alle gemeenten overal structureel geborgd"),
    ("In de werkgroep zorg en veiligheid Tweestromenland", "2023", "We hanteren deze werkwijze."),
    ("Bureau HHM organiseert introductiebijeenkomst", "11 mei 2023", "Heeft plaatsgevonden"),
    ("Trainen professionals in de AVE-aanpak", "2023-2024", "In mei en juni 2024 zijn de aandachtfunctionarissen"),
    ("Implementeren AVE-model en monitoring", "2024-2025", "Zie uitleg hierboven."),
    ("Presentatie op niveau Tweestromenland", "2023", "Deze presentatie is in 2023 door het CCV gegeven."),
    ("Plan opstellen om op eenduidige wijze", "2023-2024", "Het convenant is in bijna alle gemeenten"),
    ("preventieve kant Halt", "2024", "Sommige gemeenten hebben al afspraken met Halt"),
    ("Grip op Onbegrip", "2023-2024", "Eerder is besloten om dit actiepunt niet meer uit te voeren."),
    ("Communiceren middels veiligheidskalender", "2023", "De aanbeveling om de communicatiestrategie"),
    ("wet Straffen en Beschermen", "Eind 2023", "nazorg ex-gedetineerden"),
    ("Samenwerking opzetten tussen OOV", "Lokaal 2x per jaar", "In maart 2024 heeft een eerste regionale"),
    ("Regionaal aansluiten bij het verkeershandhavingsoverleg", "Regionaal 2x per jaar",
     "is voortzetting hiervan ook opgenomen in UVP 2025-2026."),
    ("Thema verkeer agenderen", "2x per jaar", "fietsverlichting, helmplicht"),
    ("creéren inzicht in kwetsbare", "2024", "De politie geeft al uitvoering aan het project ‘op de radar’"),
    ("Integrale verkeershandhaving", "oktober 2023", "24-uur Blauw in oktober 2024"),
    ("Aanpak rijden onder invloed", "2023-2024", "Gebruik van software VIA blijkt beperkingen"),
    ("Handhavingslocaties bepalen", "2023", "Dit gaat nu vooral op lokaal niveau."),
    ("Trainingen volgen op het gebied van radicalisering", "2023-2024",
     "De meeste, zo niet alle, gemeenten hebben de ROR training gevolgd."),
    ("Een netwerkanalyse maken", "2024", "In 2024 is NTA in opdracht van de gemeente Druten"),
    ("Ontwikkelen interventiekaart", "2024", "digitaal barrieremodel"),
    ("Inrichten werkgroep met sleutelfiguren", "2024", "casustafel Radicalisering"),
    ("Inrichten organisatiestructuur voor langdurige crises", "2024", "In de gezagsdriehoek van 8 februari 2024"),
]


@pytest.mark.parametrize("title_part, timeline, result_part", PAIRINGS, ids=[p[0][:30] for p in PAIRINGS])
def test_row_pairing(ev: EvaluationParse, title_part: str, timeline: str, result_part: str) -> None:
    a = _action(ev, title_part)
    assert a.timeline == timeline
    assert result_part in _collapse(a.result or "")


def test_rows_do_not_swallow_their_neighbours(ev: EvaluationParse) -> None:
    controls = _action(ev, "Controles uitvoeren n.a.v. rode draden")
    assert "Een aantal gemeenten hebben een bijeenkomst" not in controls.result
    assert _action(ev, "Opstellen borgingsprogramma").result.endswith("het (borgings)proces monitoren.")
    casus = _action(ev, "Casustafel mensenhandel operationeel")
    assert casus.result.startswith("De casustafel mensenhandel Gelderland-Zuid is in mei 2023 gestart.")
    grip = _action(ev, "Grip op Onbegrip")
    assert grip.result.startswith("Geconstateerd is dat dit programma") and "communicatiestrategie" not in grip.result
    assert _action(ev, "Regionaal projectleider aangesteld").result is None


def test_interleaved_three_column_rows_are_split(ev: EvaluationParse) -> None:
    bibob = _action(ev, "Bij evaluatie bestaand BIBOB-beleid")
    assert bibob.title == ("Bij evaluatie bestaand BIBOB-beleid ook onderzoeken of uitbreiding naar "
                           "vastgoedtransacties en aanbestedingen wenselijk is, mede gelet op beschikbare "
                           "uitvoeringscapaciteit.")
    assert "te wachten tot dat onderzoek is afgerond, met het opstellen van nieuwe beleidsregels" in bibob.result
    deskundig = _action(ev, "Deskundigheidsbevordering")
    assert deskundig.title == ("Deskundigheidsbevordering aan eerstelijnsmedewerkers om signalen van polarisatie "
                               "en radicalisering te herkennen")
    assert deskundig.result == "Ook de eerstelijnsmedewerkers hebben in 2024 de basistraining gevolgd."


def test_gold_snippets_survive_as_contiguous_text(ev: EvaluationParse) -> None:
    results = [_collapse(a.result or "") for a in ev.actions]
    for snippet in ("Momenteel wordt onderzocht of er regionale samenwerking mogelijk",
                    "In 2024 heeft er één ‘groene nacht’ controle plaatsgevonden."):
        assert any(snippet in r for r in results), snippet


def test_cells_are_clean(ev: EvaluationParse) -> None:
    for a in ev.actions:
        assert not re.search(r"(^|\s)[|=](\s|$)", a.title), a.title
        assert not re.search(r"\s(20\d\d|Doorlopend)$", a.title), a.title  # no when cell left on a title
        assert "Terug naar inhoud" not in a.title + (a.result or "")
        # a status-dot remnant is dropped, real quotes stay
        assert not re.search(r"\s[‘’'](\s|$)", a.result or ""), a.result
        assert a.source_text.startswith(a.title + "\nWanneer: " + a.timeline)


def test_subheadings_become_groups(ev: EvaluationParse) -> None:
    assert _action(ev, "Controles uitvoeren n.a.v. rode draden").group == "Veilig buitengebied"
    assert _action(ev, "Structureel en lokaal ondermijningsoverleg").group == "Aanpak ondermijning"
    assert _action(ev, "Casustafel mensenhandel").group == "Mensenhandel"
    assert _action(ev, "Bij evaluatie bestaand BIBOB").group == "Toepassing beleid"
    assert _action(ev, "periodiek bestuurlijk overleg").group == "De basis op orde"
    # a spanning subheading broken over the columns is put back together
    assert _action(ev, "Grip op Onbegrip").group == ("Verbeteren veiligheidsbeleving door begrip te creéren in "
                                                     "gemeente t.a.v. mensen met verward gedrag.")
    assert _action(ev, "Inrichten organisatiestructuur").group == "Anticiperen op langdurige crises"
    a = _action(ev, "Integrale verkeershandhaving")
    assert a.group == "Inzetten op handhaving"
    assert a.section_path == (a.section_path[0], "Ambitie 4: Vergroten Verkeersveiligheid", "Inzetten op handhaving")
    # the heading is not left on the first title under it
    for part in ("Structureel en lokaal", "Inventarisatie of", "ledere gemeente heeft", "Integrale verkeer",
                 "Inrichten organisatiestructuur", "Controles uitvoeren", "Presentatie op niveau"):
        assert _action(ev, part).title.startswith(part)


@pytest.mark.parametrize("title_part, status", [
    ("Bij evaluatie bestaand BIBOB", "overgeheveld"),
    ("Controles uitvoeren n.a.v. rode draden", "vertraagd"),
    ("Integrale verkeershandhaving", "vertraagd"),
    ("Grip op Onbegrip", "vervallen"),
    ("Inrichten organisatiestructuur", "vervallen"),
    ("Met seniorenbonden", "niet_uitgevoerd"),
    ("Presentatie op niveau Tweestromenland", "afgerond"),
    ("Casustafel mensenhandel", "loopt"),
    ("Plan van aanpak maken binnen het OTSL", "loopt"),
    ("periodiek bestuurlijk overleg", "loopt"),  # still under way; its passed deadline is the overdue view
    ("Informatiebijeenkomst voor bewoners", "afgerond"),
])
def test_row_status(ev: EvaluationParse, title_part: str, status: str) -> None:
    a = _action(ev, title_part)
    assert a.status == status
    assert a.status_basis and a.status_basis in _collapse(a.result)  # never the when cell


def test_status_counts(ev: EvaluationParse) -> None:
    # read from the result words only: no status from the when-column ("Doorlopend", "Na een actie of
    # controle"); the report colours these give are tested in tests/test_status.py
    assert status_counts(ev.actions) == {"afgerond": 19, "loopt": 9, "vertraagd": 2, "niet_uitgevoerd": 2,
                                         "vervallen": 3, "overgeheveld": 10, "onbekend": 8}


SYNTHETIC = """\
2. Resultaten uitvoeringsplan 2021-2022, periode januari t/m december 2022

Prioriteit 1: Veilig uitgaan.

Portefeuillehouders: burgemeester Jansen (horeca), burgemeester De Vries (evenementen)

Doelstelling: Inwoners en bezoekers gaan veilig uit in de kernen van het basisteam. We zetten in op preventie en

handhaving in het uitgaansgebied en werken samen met ondernemers.

Preventie

Horecaondernemers trainen in
het herkennen van signalen

Keurmerk veilig uitgaan
invoeren in alle kernen

Terug naar inhoud

Eind 2021

Doorlopend

De training is in 2022 gegeven aan
dertig ondernemers in de regio.

Het keurmerk is in vier kernen ingevoerd.
In de overige kernen is dit nog niet gelukt.

Dit is opgenomen in het UVP 2023-2024.




Handhaving
Controles horeca uitvoeren 2022
op basis van signalen

Cameratoezicht evalueren = 2021
in het centrum

Terug naar inhoud

Er zijn in 2022 twaalf controles uitgevoerd
in samenwerking met de politie.

De evaluatie van het cameratoezicht is
afgerond en besproken in de driehoek.
 Prioriteit 2: Digitale weerbaarheid

Portefeuillehouder: Burgemeester Pietersen.

Doelstelling: Inwoners zijn weerbaar tegen online oplichting en weten waar zij melding kunnen doen van

cybercrime.

Voorlichting geven aan 2022 Er is geen plan gemaakt voor voorlichting aan
ouderen over phishing ouderen, door gebrek aan capaciteit.
 3. Cijfers politie 2022

Tabel met cijfers.
"""


def test_another_basisteams_evaluation_in_the_same_layout() -> None:
    lines = [Line(t, None) for t in SYNTHETIC.split("\n")]
    ev = parse_evaluation(lines)
    assert [(p.number, p.label, [h.name for h in p.holders]) for p in ev.priorities] == [
        (1, "Veilig uitgaan", ["Jansen", "De Vries"]), (2, "Digitale weerbaarheid", ["Pietersen"])]
    got = [(a.priority_number, a.group, a.title, a.timeline, a.status) for a in ev.actions]
    assert got == [
        (1, "Preventie", "Horecaondernemers trainen in het herkennen van signalen", "Eind 2021", "afgerond"),
        (1, "Preventie", "Keurmerk veilig uitgaan invoeren in alle kernen", "Doorlopend", "overgeheveld"),
        (1, "Handhaving", "Controles horeca uitvoeren op basis van signalen", "2022", "afgerond"),
        (1, "Handhaving", "Cameratoezicht evalueren in het centrum", "2021", "afgerond"),
        (2, None, "Voorlichting geven aan ouderen over phishing", "2022", "niet_uitgevoerd"),
    ]
    assert ev.actions[1].result.endswith("nog niet gelukt. Dit is opgenomen in het UVP 2023-2024.")
    assert ev.actions[4].result == "Er is geen plan gemaakt voor voorlichting aan ouderen, door gebrek aan capaciteit."
    assert lines[ev.span[1]].text.strip() == "3. Cijfers politie 2022"


def test_an_introduction_listing_the_ambitions_is_not_taken_for_the_tables() -> None:
    intro = ("1. Inleiding\n\nDe prioriteiten zijn:\nPrioriteit 1: Veilig uitgaan\nPrioriteit 2: Digitale weerbaarheid"
             "\n\nTerug naar inhoud\n\n\n\n\n")
    plain = parse_evaluation([Line(t, None) for t in SYNTHETIC.split("\n")])
    ev = parse_evaluation([Line(t, None) for t in (intro + SYNTHETIC).split("\n")])
    assert [a.title for a in ev.actions] == [a.title for a in plain.actions]
    assert len(ev.actions) == 5 and ev.priorities[0].holders


@pytest.mark.parametrize("name", ["001_b043079d1ff82c70.txt", "002_10c0f71726040140.txt",
                                  "003_6968395b55b7840d.txt", "004_69a24c394fc29e3e.txt"])
def test_other_documents_do_not_break_it(name: str) -> None:
    ev = parse_evaluation(_lines(CORPUS / name))
    assert isinstance(ev, EvaluationParse)


def test_empty_input() -> None:
    ev = parse_evaluation([])
    assert (ev.priorities, ev.actions, ev.header_texts, ev.span) == ([], [], [], (0, 0))


def test_a_page_without_footer_still_separates_titles_from_results() -> None:
    text = """2. Resultaten 2022, periode januari t/m december 2022

Ambitie 1: Jeugd

Portefeuillehouder: burgemeester Smit

Doelstelling: Jongeren groeien veilig op in de gemeenten van het basisteam en komen niet in aanraking met criminaliteit.

Jongerenwerk inzetten in de 2022
avonduren

Overlastgevende groepen in 2021
beeld brengen

In 2022 is het jongerenwerk in alle gemeenten in de avonduren ingezet
in samenwerking met de politie en het welzijnswerk in de kernen.

De groepen zijn in beeld gebracht met het 7-stappenmodel en worden
besproken in het overleg met de politie en het jongerenwerk.
"""
    ev = parse_evaluation([Line(t) for t in text.split("\n")])
    assert [(a.title, a.timeline, a.status) for a in ev.actions] == [
        ("Jongerenwerk inzetten in de avonduren", "2022", "afgerond"),
        ("Overlastgevende groepen in beeld brengen", "2021", "afgerond"),
    ]
    assert ev.actions[1].result.startswith("De groepen zijn in beeld gebracht")
