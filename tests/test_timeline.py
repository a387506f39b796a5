"""When-cells of plans and evaluations read as date ranges (ingest.timeline)."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.timeline import Timeline, normalise_timeline, sentence_timeline, split_timeline, starts_with_timeline

CORPUS = Path(__file__).parent.parent / "corpus"
D = date


@pytest.mark.parametrize("text, start, end", [
    # quarters, with the OCR damage of the sample plans
    ("Q3 2025", D(2025, 7, 1), D(2025, 9, 30)),
    ("Q1 2026", D(2026, 1, 1), D(2026, 3, 31)),
    ("Q12025", D(2025, 1, 1), D(2025, 3, 31)),
    ("Q2 - 2025", D(2025, 4, 1), D(2025, 6, 30)),
    ("Q3 -2025", D(2025, 7, 1), D(2025, 9, 30)),
    # quarters written out
    ("tweede kwartaal 2026", D(2026, 4, 1), D(2026, 6, 30)),
    ("in het vierde kwartaal van 2025", D(2025, 10, 1), D(2025, 12, 31)),
    ("1e kwartaal 2025", D(2025, 1, 1), D(2025, 3, 31)),
    ("Q4 2025- Q1 2026", D(2025, 10, 1), D(2026, 3, 31)),
    ("Q4 2025-\nQ12026", D(2025, 10, 1), D(2026, 3, 31)),
    ("Q4 —2025 Ql- 2026", D(2025, 10, 1), D(2026, 3, 31)),
    ("2025 (Q3-Q4)", D(2025, 7, 1), D(2025, 12, 31)),
    ("QlenQ2-2026", D(2026, 1, 1), D(2026, 6, 30)),
    # years
    ("2024", D(2024, 1, 1), D(2024, 12, 31)),
    ("2025-2026", D(2025, 1, 1), D(2026, 12, 31)),
    ("2025 en 2026", D(2025, 1, 1), D(2026, 12, 31)),
    ("2023/2024", D(2023, 1, 1), D(2024, 12, 31)),
    ("2024-2025", D(2024, 1, 1), D(2025, 12, 31)),
    ("2023-2024 (verkenning) 2025 (uitvoering)", D(2023, 1, 1), D(2025, 12, 31)),
    ("2023-2024\n(verkenning)\n2025 (uitvoering)", D(2023, 1, 1), D(2025, 12, 31)),
    ("2025 (afhankelijk van agenda's burgemeesters)", D(2025, 1, 1), D(2025, 12, 31)),
    # parts of a year
    ("Eind 2023", D(2023, 10, 1), D(2023, 12, 31)),
    ("Start 2023", D(2023, 1, 1), D(2023, 3, 31)),
    ("Begin 2025", D(2025, 1, 1), D(2025, 3, 31)),
    ("Medio 2025", D(2025, 4, 1), D(2025, 9, 30)),
    ("Najaar 2024", D(2024, 9, 1), D(2024, 11, 30)),
    # months and days
    ("Juni 2023", D(2023, 6, 1), D(2023, 6, 30)),
    ("oktober 2023", D(2023, 10, 1), D(2023, 10, 31)),
    ("februari 2024", D(2024, 2, 1), D(2024, 2, 29)),
    ("Mei/juni 2024", D(2024, 5, 1), D(2024, 6, 30)),
    ("1 maart 2023", D(2023, 3, 1), D(2023, 3, 1)),
    ("11 mei 2023", D(2023, 5, 11), D(2023, 5, 11)),
    # continuous or recurring forms bounded by years
    ("Doorlopend in 2025 en 2026", D(2025, 1, 1), D(2026, 12, 31)),
    ("Doorlopend in\n2025 en 2026", D(2025, 1, 1), D(2026, 12, 31)),
    ("Periodiek in 2025-2026", D(2025, 1, 1), D(2026, 12, 31)),
])
def test_dated_forms(text: str, start: date, end: date) -> None:
    tl = normalise_timeline(text)
    assert (tl.start, tl.end) == (start, end)
    assert tl.text == text
    assert not tl.open_ended


@pytest.mark.parametrize("text, recurring", [
    ("Periodiek in 2025-2026", True),
    ("2x per jaar", True),
    ("Lokaal 2x per jaar", True),
    ("Regionaal 2x per\njaar", True),
    ("leder kwartaal", True),  # OCR of "Ieder kwartaal"
    ("Iedere kwartaal", True),
    ("Na een actie of controle", True),
    ("Jaarlijks", True),
    ("Q3 2025", False),
    ("Eind 2023", False),
    ("Doorlopend", False),
])
def test_recurring_flag(text: str, recurring: bool) -> None:
    assert normalise_timeline(text).recurring is recurring


def test_doorlopend_is_open_ended_without_dates() -> None:
    tl = normalise_timeline("Doorlopend")
    assert tl.open_ended and tl.start is None and tl.end is None


def test_doorlopend_starts_at_the_plan_start_when_given() -> None:
    tl = normalise_timeline("Doorlopend", plan_start=2023)
    assert tl.open_ended and tl.start == D(2023, 1, 1) and tl.end is None


def test_recurring_without_years_has_no_dates_unless_the_plan_years_are_given() -> None:
    bare = normalise_timeline("Lokaal 2x per jaar")
    assert (bare.start, bare.end, bare.recurring) == (None, None, True)
    bounded = normalise_timeline("Lokaal 2x per jaar", plan_start=2023, plan_end=2024)
    assert (bounded.start, bounded.end) == (D(2023, 1, 1), D(2024, 12, 31))
    assert not bounded.open_ended


def test_a_first_date_followed_by_repeats_starts_then_and_has_no_end() -> None:
    tl = normalise_timeline("1 maart 2023 geweest. Vervolgens tweejaarlijkse informatieavond Gemeenteraden")
    assert tl.start == D(2023, 3, 1) and tl.end is None
    assert tl.recurring and tl.open_ended


@pytest.mark.parametrize("text", ["", "blabla", "nader te bepalen", "n.v.t.", "Q9", "Nog onbekend", "12345"])
def test_unknown_text_keeps_its_wording_and_no_dates(text: str) -> None:
    assert normalise_timeline(text) == Timeline(text=text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Q1234lI 20256-—/enxperjaarDoorlpd()\n")), max_size=30))
def test_never_raises_and_start_is_not_after_end(text: str) -> None:
    tl = normalise_timeline(text)
    assert isinstance(tl, Timeline)
    if tl.start and tl.end:
        assert tl.start <= tl.end


def test_every_when_cell_of_the_execution_plan_gets_dates() -> None:
    """Each quarter/year form in 002's action lists resolves to a range inside 2025-2026."""
    text = (CORPUS / "002_10c0f71726040140.txt").read_text(encoding="utf-8")
    forms = set(re.findall(r"Q\s?[1-4l]\s*[-—–]?\s*20\d\d|Q[1-4l]\s?2\d{3}|20\d\d ?\(Q[1-4]-Q[1-4]\)", text))
    assert len(forms) >= 6
    for form in forms:
        tl = normalise_timeline(form)
        assert tl.start and tl.end, form
        assert D(2025, 1, 1) <= tl.start <= tl.end <= D(2026, 12, 31), form


@pytest.mark.parametrize("line, expected", [
    ("Continueren samenwerking met = 2023", ("Continueren samenwerking met", "2023", "")),
    ("Bewustwording (intern) creéren: | 2023", ("Bewustwording (intern) creéren:", "2023", "")),
    ("Opstellen interne meldroute 2024", ("Opstellen interne meldroute", "2024", "")),
    ("Informatiebijeenkomst voor 2023/2024", ("Informatiebijeenkomst voor", "2023/2024", "")),
    ("Bureau HHM organiseert introductiebijeenkomst 11 mei 2023",
     ("Bureau HHM organiseert introductiebijeenkomst", "11 mei 2023", "")),
    ("Evalueren regionaal werkproces wet Straffen en Eind 2023",
     ("Evalueren regionaal werkproces wet Straffen en", "Eind 2023", "")),
    ("Gemeenten blijven bekendheid geven aan de Doorlopend",
     ("Gemeenten blijven bekendheid geven aan de", "Doorlopend", "")),
    (" Thema verkeer agenderen op veiligheidskalender 2x per jaar",
     ("Thema verkeer agenderen op veiligheidskalender", "2x per jaar", "")),
    ("Bij evaluatie bestaand BIBOB- Eind 2023 Momenteel wordt onderzocht of er",
     ("Bij evaluatie bestaand BIBOB-", "Eind 2023", "Momenteel wordt onderzocht of er")),
    ("Trainingen volgen op het gebied van radicalisering 2023-2024 De meeste, zo niet alle",
     ("Trainingen volgen op het gebied van radicalisering", "2023-2024", "De meeste, zo niet alle")),
])
def test_split_timeline_finds_a_glued_when_cell(line: str, expected: tuple[str, str, str]) -> None:
    assert split_timeline(line) == expected


@pytest.mark.parametrize("line", [
    "gebruik 7-stappenmodel; inhoudende structureel",  # a lowercase word is prose, not a when cell
    "Een aantal gemeenten georganiseerd in 2023 en 2024 of zijn",  # prose continues after the year
    "Integrale verkeershandhaving: gezamenlijk 3 gerichte",
    "Casustafel mensenhandel",
])
def test_split_timeline_leaves_prose_alone(line: str) -> None:
    assert split_timeline(line) is None


@pytest.mark.parametrize("line, expected", [
    ("Eind 2023", True), ("1 maart 2023 geweest.", True), ("Na een actie of controle", True),
    ("leder kwartaal", True), ("Lokaal 2x per", True), ("2023-2024", True), ("Doorlopend", True),
    ("oktober 2023", True), ("Op 3 februari 2025 vindt er een regionale", False),
    ("Het RIEC en Weerbaar Gelderland Zuid", False), ("doorlopend overleg", False),
])
def test_starts_with_timeline(line: str, expected: bool) -> None:
    assert starts_with_timeline(line) is expected


@pytest.mark.parametrize("sentence, when", [
    ("In het derde kwartaal van 2025 organiseren we een avond voor ondernemers", "In het derde kwartaal van 2025"),
    ("Uiterlijk eind 2026 ligt er een plan van aanpak", "Uiterlijk eind 2026"),
    ("Het college stelt vóór 1 oktober 2025 de nota vast", "vóór 1 oktober 2025"),
    ("We beginnen vanaf januari 2026 en breiden in 2027 uit", "vanaf januari 2026; in 2027"),
    ("Het convenant 2019 wordt herzien", None),  # a year in a name, no preposition leads it in
    ("In 2022 bleek uit de scan dat panden kwetsbaar zijn", None),  # before the plan: history, not a when
    ("Jongerenwerk en politie lopen samen op", None),
    ("Het convenant wordt uiterlijk 31-12-2025 getekend", "uiterlijk 31-12-2025"),
    ("In week 40 van 2025 houden we de actieweek", "In week 40 van 2025"),
    ("De toets wordt uitgebreid naar vergunningen voor vastgoed, gereed eind 2026", "gereed eind 2026"),
    ("Jongerenwerkers zijn aanwezig bij het winkelcentrum, heel 2026", "heel 2026"),
    ("Preventielessen op het voortgezet onderwijs, schooljaar 2025-2026", "schooljaar 2025-2026"),
    ("Het plan is klaar voor de raad", None),
])
def test_sentence_timeline(sentence: str, when: str | None) -> None:
    assert sentence_timeline(sentence, 2025) == when


def test_sentence_timeline_reads_as_its_period() -> None:
    when = sentence_timeline("In het tweede kwartaal van 2026 sluiten we het convenant", 2026)
    t = normalise_timeline(when)
    assert (t.start, t.end) == (D(2026, 4, 1), D(2026, 6, 30))


@pytest.mark.parametrize("text, start, end", [
    ("31-12-2026", D(2026, 12, 31), D(2026, 12, 31)), ("1/7/2026", D(2026, 7, 1), D(2026, 7, 1)),
    ("2026-03-01", D(2026, 3, 1), D(2026, 3, 1)),
    ("01-03-2025 t/m 30-06-2025", D(2025, 3, 1), D(2025, 6, 30)),
    ("week 12 2026", D(2026, 3, 16), D(2026, 3, 22)),  # ISO week, Monday to Sunday
    ("31-02-2026", D(2026, 1, 1), D(2026, 12, 31)),  # no such day: the year it names
])
def test_dates_in_digits_and_weeks(text, start, end):
    t = normalise_timeline(text)
    assert (t.start, t.end) == (start, end)


@pytest.mark.parametrize("text, start, end", [
    # before a period: the deadline is the day before it begins, not the period itself
    ("vóór de zomer van 2026", D(2026, 5, 31), D(2026, 5, 31)),
    ("Voor de zomer 2026", D(2026, 5, 31), D(2026, 5, 31)),
    ("vóór juli 2026", D(2026, 6, 30), D(2026, 6, 30)),
    ("voor Q3 2026", D(2026, 6, 30), D(2026, 6, 30)),
    ("vóór begin 2026", D(2025, 12, 31), D(2025, 12, 31)),
    ("vóór 2027", D(2026, 12, 31), D(2026, 12, 31)),
    ("voor 2027", D(2027, 1, 1), D(2027, 12, 31)),  # without the accent as often "for 2027": the year itself
    ("vóór eind 2025", D(2025, 12, 31), D(2025, 12, 31)),  # by the end of the year, not before its last quarter
    ("vóór 1 oktober 2025", D(2025, 10, 1), D(2025, 10, 1)),  # a day: due that day, as before
    ("Q1 2026 starten, vóór de zomer 2026 afgerond", D(2026, 1, 1), D(2026, 5, 31)),
    # after a period: the rest of that year
    ("na de zomer van 2026", D(2026, 9, 1), D(2026, 12, 31)),
    ("na het voorjaar 2025", D(2025, 6, 1), D(2025, 12, 31)),
    ("zomer 2026", D(2026, 6, 1), D(2026, 8, 31)),  # the season itself without a lead word
])
def test_before_and_after_a_period(text: str, start: date, end: date) -> None:
    t = normalise_timeline(text)
    assert (t.start, t.end, t.open_ended) == (start, end, False)


def test_after_the_last_part_of_a_year_is_open_ended() -> None:
    t = normalise_timeline("na december 2025")
    assert (t.start, t.end, t.open_ended) == (D(2026, 1, 1), None, True)


def test_a_deadline_before_a_period_in_a_sentence_and_a_cell() -> None:
    when = sentence_timeline("We ronden de pilot vóór de zomer van 2026 af", 2025)
    assert when == "vóór de zomer van 2026" and normalise_timeline(when).end == D(2026, 5, 31)
    assert starts_with_timeline("Vóór de zomer van 2026") and starts_with_timeline("Voor juli 2026")
    assert not starts_with_timeline("voorlichting voor de zomer")
    assert split_timeline("Horecaconvenant ondertekenen Voor de zomer 2026") == (
        "Horecaconvenant ondertekenen", "Voor de zomer 2026", "")
