"""Questions that carry structure: how search/understand.py reads them, and that the answer's facts obey
what was read (owner, period, status, deadline, kind of fact), checked against the actions board, the
graph's priorities and the national list of gemeenten — never against hard-coded answers."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from kg.actions import is_overdue
from ontology.labels import LabelIndex
from ontology.places import places
from ontology.vocab import full_iri
from search.understand import load_words, read, words

ROOT = Path(__file__).resolve().parent.parent


# -- the reader alone (no engine, no graph) -----------------------------------------------------------------

@pytest.fixture(scope="module")
def labels() -> LabelIndex:
    return LabelIndex.default()


def test_owner_names_come_from_what_is_ingested(labels):
    owners = ["Maas en Leijgraaf", "Rivierenland Oost"]
    r = read("Wat doet Rivierenland Oost aan drugs?", labels, owners)
    assert r.owners == ["Rivierenland Oost"] and [c.label for c in r.concepts] == ["Drugs"]
    assert read("Wat doet Rivierenland Oost aan drugs?", labels, []).owners == []


def test_a_gemeente_is_in_scope_when_ingested_documents_cover_it(labels):
    r = read("Welke lopende acties zijn er in Zwolle?", labels, ["IJsselland"], ["Zwolle", "Kampen"])
    assert r.gemeenten == ["Zwolle"] and r.not_loaded == [] and r.status == "loopt"


def test_a_gemeente_nothing_covers_is_reported_not_loaded(labels):
    r = read("What is Maastricht doing on drugs?", labels, ["IJsselland"], ["Zwolle"])
    assert r.gemeenten == [] and r.owners == [] and r.not_loaded == ["gemeente Maastricht"]
    assert "niet ingelezen: gemeente Maastricht" in r.describe()


def test_a_gemeente_named_like_an_ordinary_word_needs_a_capital_or_a_cue(labels):
    assert read("Best practices rond jeugd", labels).not_loaded == []
    assert read("wat doet de gemeente Best aan jeugd?", labels).not_loaded == ["gemeente Best"]
    assert read("Wat doet Goes aan jeugd?", labels).not_loaded == ["gemeente Goes"]


@pytest.mark.parametrize("question, before, after", [
    ("Welke acties moeten voor eind 2026 klaar zijn?", "2027-01-01", None),
    ("Welke acties zijn uiterlijk 2025 gereed?", "2025-01-01", None),
    ("Which actions are due before 2026?", "2026-01-01", None),
    ("What has to be ready by the end of 2025?", "2026-01-01", None),
    ("Welke acties hebben een deadline in 2025?", "2026-01-01", "2025-01-01"),
    ("Which actions are due in 2024?", "2025-01-01", "2024-01-01"),
    # a part of the year: before it begins, or within it
    ("Welke acties moeten vóór de zomer van 2026 klaar zijn?", "2026-06-01", None),
    ("What is due before July 2026?", "2026-07-01", None),
    ("Welke acties zijn uiterlijk Q3 2025 gereed?", "2025-07-01", None),
    ("Which actions are due in the first quarter of 2026?", "2026-04-01", "2026-01-01"),
    ("Welke acties hebben een deadline in het najaar van 2025?", "2025-12-01", "2025-09-01"),
    ("Welke acties moeten in december 2025 af zijn?", "2026-01-01", "2025-12-01"),
    ("What has to be finished by the second half of 2026?", "2026-07-01", None),
    # after a word of planning, "voor" means for: the part of the year is the window; "vóór" is always before
    ("Welke activiteiten stonden gepland voor het derde kwartaal van 2024?", "2024-10-01", "2024-07-01"),
    ("Welke acties zijn ingepland voor de tweede helft van 2026?", "2027-01-01", "2026-07-01"),
    ("Which actions were scheduled for the third quarter of 2024?", "2024-10-01", "2024-07-01"),
    ("Welke acties waren gepland vóór de zomer van 2025?", "2025-06-01", None),
    ("acties voor de zomer van 2026", "2026-06-01", None),
])
def test_deadlines(labels, question, before, after):
    r = read(question, labels)
    assert (r.deadline_before, r.deadline_from, r.years, r.intent) == (before, after, [], "actions")


def test_a_year_without_a_deadline_word_is_a_period(labels):
    r = read("Wat zijn de prioriteiten voor 2025?", labels)
    assert r.years == [2025] and r.deadline_before is None and r.intent == "priorities"
    assert "deadline vanaf 2026-01-01, vóór 2026-04-01" in read("Which actions are due in Q1 2026?", labels).describe()
    assert "deadline in 2025" in read("Welke acties hebben een deadline in 2025?", labels).describe()
    # a part of a year is finer than a passage's year: only an action's end date can keep to it
    r = read("Wat is er in de zomer van 2025 gedaan?", labels)
    assert r.years == [] and (r.deadline_from, r.deadline_before) == ("2025-06-01", "2025-09-01")
    r = read("acties eerste helft 2025", labels)
    assert r.years == [] and (r.deadline_from, r.deadline_before) == ("2025-01-01", "2025-07-01")
    assert "deadline vóór 2025-07-01" in read("What is due before the end of Q2 2025?", labels).describe()
    assert "deadline vóór 2026-01-01" in read("klaar voor het einde van 2025", labels).describe()
    assert read("What was delayed in 2023 and 2024?", labels).years == [2023, 2024]


def test_a_year_range_is_every_year_in_it(labels):
    assert read("Hoeveel controles zijn er in 2019-2022 gedaan?", labels).years == [2019, 2020, 2021, 2022]


def test_naming_a_partner_is_not_asking_which_partners(labels):
    r = read("How many inspections were done with partners like Liander?", labels)
    assert r.intent != "partners" and [c.type for c in r.concepts] == ["partner"]
    r = read("Welke partners werken, naast Liander, aan de veiligheid van het net?", labels)
    assert r.intent == "partners" and [c.type for c in r.concepts] == ["partner"]


def test_a_theme_named_by_one_half_of_its_elliptic_compound(labels):
    for q in ("Wie is trekker voor de veilige woonomgeving?", "acties voor een veilige leefomgeving"):
        assert [c.label for c in read(q, labels).concepts] == ["Veilige woon- en leefomgeving"]


def test_how_many_asks_for_a_figure_only_of_the_actions(labels):
    r = read("Welk percentage van de acties stond op groen in 2024?", labels)
    assert (r.count, r.intent, r.colour, r.years, r.topic) == (True, "general", "groen", [2024], "")
    assert "vraag naar het aantal acties" in r.describe()
    r = read("Hoeveel controles zijn er in 2022 gedaan?", labels)  # a figure the passages hold, not a count
    assert not r.count and r.intent == "general"
    r = read("Wat is het verschil tussen Tweestromenland en De Waarden in het aantal prioriteiten?", labels,
             ["Tweestromenland", "De Waarden"])
    assert not r.count and r.intent == "compare" and "aantal" in r.topic


@pytest.mark.parametrize("question, status", [
    ("Welke acties zijn afgerond?", "afgerond"), ("Which actions were completed?", "afgerond"),
    ("Welke acties lopen nog?", "loopt"), ("Which actions are ongoing?", "loopt"),
    ("Wat is vertraagd?", "vertraagd"), ("What was postponed?", "vertraagd"),
    ("Welke acties zijn niet uitgevoerd?", "niet_uitgevoerd"),
    ("Which actions were not carried out?", "niet_uitgevoerd"),
    ("Wat is geschrapt?", "vervallen"), ("Which actions were cancelled?", "vervallen"),
    ("Wat is doorgeschoven?", "overgeheveld"), ("What was carried over?", "overgeheveld"),
])
def test_status_words_in_both_languages(labels, question, status):
    assert read(question, labels).status == status


def test_the_vocabulary_names_exactly_the_boards_statuses():
    from kg.actions import STATUSES

    assert set(words().status.values()) == set(STATUSES)


@pytest.mark.parametrize("question, colour", [
    ("Welke acties staan op rood?", "rood"), ("Which actions are marked amber?", "oranje"),
    ("Toon de groene acties", "groen"), ("What are the red actions in Noord?", "rood"),
    ("Wat is een groene nacht?", None),  # a kind of control, not an action's mark
])
def test_colour_words_in_both_languages(labels, question, colour):
    r = read(question, labels, ["Noord"])
    assert r.colour == colour and (colour is None or f"kleur {colour}" in r.describe())


def test_the_vocabulary_names_exactly_the_boards_colours():
    from kg.actions import COLOURS

    assert set(words().colour.values()) == set(COLOURS)


@pytest.mark.parametrize("question, intent", [
    ("Welke partners werken aan drugs?", "partners"), ("Which organisations work on youth?", "partners"),
    ("Welke instrumenten zijn er tegen ondermijning?", "instruments"),
    ("What tools are used for youth?", "instruments"),
    ("Wie is trekker van de aanpak van jeugd?", "responsible"),
    ("Who is responsible for traffic safety?", "responsible"),
    ("Wat zijn de speerpunten?", "priorities"), ("What are the priorities?", "priorities"),
    ("Welke acties zijn er rond jeugd?", "actions"), ("jeugd", "general"),
])
def test_intent(labels, question, intent):
    assert read(question, labels).intent == intent


def test_compare_needs_two_owners(labels):
    owners = ["Noord", "Zuid-Oost"]
    assert read("Vergelijk Noord en Zuid-Oost", labels, owners).intent == "compare"
    assert read("Vergelijk Noord op jeugd", labels, owners).intent != "compare"


def test_compare_with_a_place_nothing_covers_is_still_a_comparison(labels):
    r = read("How does Amersfoort compare with Noord on burglary?", labels, ["Noord"])
    assert r.intent == "compare" and r.owners == ["Noord"] and r.not_loaded == ["gemeente Amersfoort"]


@pytest.mark.parametrize("question, intent, kind", [
    ("Wat zijn de veiligheidsprioriteiten van Noord?", "priorities", None),  # the compound's head asks
    ("Welke handhavingsinstrumenten zet Noord in?", "instruments", None),
    ("Welke acties staan in de raadsinformatienota?", "actions", "council_note"),
    ("Wat zegt de tussenevaluatie over jeugd?", "general", "evaluation"),
    ("Welke acties gaan over vastgoedtransacties?", "actions", None),  # "transacties" is no compound of "acties"
    ("Hoe verlopen de interacties met jongeren in Noord?", "general", None),
])
def test_a_compound_counts_by_its_head(labels, question, intent, kind):
    r = read(question, labels, ["Noord"])
    assert (r.intent, r.kind) == (intent, kind)


@pytest.mark.parametrize("question, field, value", [
    ("Welke acties tegen radicalisering lopen in 2025 nog?", "status", "loopt"),  # "lopen nog", a year between
    ("Which actions have not yet been carried out?", "status", "niet_uitgevoerd"),
    ("Which actions in Noord are marked as red?", "colour", "rood"),
    ("Which actions have no designated owner?", "unowned", True),
])
def test_a_phrase_may_have_a_few_words_between_its_words(labels, question, field, value):
    assert getattr(read(question, labels, ["Noord"]), field) == value


def test_a_phrase_spread_too_far_is_not_read(labels):
    r = read("Which actions in Noord for the youth of the town have no plan at all or owner?", labels, ["Noord"])
    assert not r.unowned  # "no" and "owner" stand five words apart


def test_a_place_named_as_an_adjective(labels):
    assert read("Welke Brakeldonkse acties zijn afgerond?", labels, ["Brakeldonk"]).owners == ["Brakeldonk"]
    r = read("Wat staat er in de Tielse plannen over drugs?", labels, ["Noord"], ["Tiel"])
    assert r.gemeenten == ["Tiel"] and r.not_loaded == []
    assert read("welke tielse acties?", labels, ["Noord"], ["Tiel"]).gemeenten == []  # an adjective is capitalised


def test_kind_words(labels):
    assert read("Wat staat er in de evaluatie over jeugd?", labels).kind == "evaluation"
    assert read("What does the implementation plan say about drugs?", labels).kind == "uvp"


def test_a_question_names_a_plan_by_the_names_documents_call_themselves(labels):
    """The names ingest knows a kind of document by are words of the question vocabulary too, less those that
    in a question mean something else."""
    assert read("Wat zegt de veiligheidsvisie van Meerwijk over jeugd?", labels, ["Meerwijk"]).kind == "ivp"
    assert read("Welke acties staan in de uitvoeringsagenda?", labels).kind == "uvp"
    assert read("Staat het in het raadsvoorstel?", labels).kind == "council_note"
    assert read("How do we monitor drug dealing?", labels).kind is None
    assert read("Hoe wordt de raad op de hoogte gehouden van het veiligheidsbeleid?", labels).kind is None


def test_describe_and_json(labels):
    r = read("What was delayed in 2024 on youth in Noord?", labels, ["Noord"])
    text = r.describe()
    assert text.startswith("gelezen als: ") and "eigenaar Noord" in text and "thema jeugd" in text
    assert "status vertraagd" in text and "jaar 2024" in text
    j = r.to_json()
    assert (j["owners"], j["status"], j["years"], j["description"]) == (["Noord"], "vertraagd", [2024], text)


def test_an_incomplete_vocabulary_is_an_error(tmp_path):
    bad = tmp_path / "q.toml"
    bad.write_text('[intent]\norder = ["actions"]\nactions = ["acties"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="intent.order"):
        load_words(bad)


def test_the_reader_does_not_import_kg():
    code = "import sys, search.understand; sys.exit(any(m == 'kg' or m.startswith('kg.') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


# -- structured questions over the ingested sample corpus ------------------------------------------------

@dataclass
class Q:
    question: str
    intent: str
    owners: list[str] = field(default_factory=list)
    gemeente: str | None = None
    years: list[int] = field(default_factory=list)
    status: str | None = None
    colour: str | None = None
    deadline: tuple[str | None, str] | None = None  # (from, before)
    theme: str | None = None
    kind: str | None = None
    not_loaded: str | None = None
    overdue: bool = False
    unowned: bool = False


DW, TS = "De Waarden", "Tweestromenland"
QUESTIONS = [
    # owner and theme
    Q("what are we doing on drugs in De Waarden?", "actions", [DW], theme="Drugs"),
    Q("Wat doet De Waarden aan jeugd?", "actions", [DW], theme="Jeugd"),
    Q("What does Tweestromenland do about human trafficking?", "actions", [TS], theme="Mensenhandel"),
    Q("Welke acties heeft Tweestromenland op verkeersveiligheid?", "actions", [TS], theme="Verkeersveiligheid"),
    Q("Wat doet De Waarden aan digitale veiligheid?", "actions", [DW], theme="Digitale veiligheid"),
    Q("How is De Waarden tackling cybercrime?", "actions", [DW], theme="Digitale veiligheid"),
    Q("Wat doet Tiel aan drugs?", "actions", gemeente="Tiel", theme="Drugs"),
    Q("What is Wijchen doing on youth?", "actions", gemeente="Wijchen", theme="Jeugd"),
    Q("What does the implementation plan of Tweestromenland say about youth?", "general", [TS], theme="Jeugd",
      kind="uvp"),
    # status (the actions board)
    Q("What was delayed in 2024?", "actions", years=[2024], status="vertraagd"),
    Q("Welke acties zijn vertraagd?", "actions", status="vertraagd"),
    Q("Which actions were completed?", "actions", status="afgerond"),
    Q("Welke acties zijn afgerond in Tweestromenland?", "actions", [TS], status="afgerond"),
    Q("Which actions on digital safety are still ongoing?", "actions", status="loopt", theme="Digitale veiligheid"),
    Q("Welke lopende acties zijn er rond ondermijning?", "actions", status="loopt", theme="Ondermijning"),
    Q("Which actions were cancelled?", "actions", status="vervallen"),
    Q("Welke acties zijn niet uitgevoerd?", "actions", status="niet_uitgevoerd"),
    Q("Which actions were carried over to the new plan?", "actions", status="overgeheveld"),
    Q("Wat is er doorgeschoven in 2024?", "actions", years=[2024], status="overgeheveld"),
    Q("What was delayed in De Waarden?", "actions", [DW], status="vertraagd"),
    Q("Welke acties zijn afgerond volgens de evaluatie?", "actions", status="afgerond", kind="evaluation"),
    # report colours (the actions board)
    Q("Welke acties staan op rood?", "actions", colour="rood"),
    Q("Which actions are marked green in Tweestromenland?", "actions", [TS], colour="groen"),
    Q("Welke oranje acties zijn er rond ondermijning?", "actions", colour="oranje", theme="Ondermijning"),
    Q("Which actions are amber?", "actions", colour="oranje"),
    # deadlines (the actions board)
    Q("Welke acties hebben een deadline in 2025?", "actions", deadline=("2025-01-01", "2026-01-01")),
    Q("Which actions are due in 2026?", "actions", deadline=("2026-01-01", "2027-01-01")),
    Q("Welke acties moeten voor eind 2024 klaar zijn?", "actions", deadline=(None, "2025-01-01")),
    Q("Which actions are due before 2025?", "actions", deadline=(None, "2025-01-01")),
    Q("Welke acties moeten vóór de zomer van 2026 klaar zijn?", "actions", deadline=(None, "2026-06-01")),
    Q("Which actions are due in the first quarter of 2026?", "actions", deadline=("2026-01-01", "2026-04-01")),
    Q("Which actions are overdue?", "actions", overdue=True),
    Q("Welke acties over verkeer zijn te laat?", "actions", overdue=True, theme="Verkeersveiligheid"),
    # not done beside a deadline that has passed: overdue; beside none, "not finished" is not the status "finished"
    Q("Welke acties hadden vóór 2025 klaar moeten zijn en zijn nog niet af?", "actions", deadline=(None, "2025-01-01"),
      overdue=True),
    Q("Which De Waarden actions were due in 2024 but are still not finished?", "actions", [DW],
      deadline=("2024-01-01", "2025-01-01"), overdue=True),
    Q("Which actions in Tweestromenland are not finished?", "actions", [TS]),
    Q("Welke acties van Tweestromenland zijn hun deadline al gepasseerd?", "actions", [TS], overdue=True),
    Q("Which rood actions had passed their deadline without being finished?", "actions", colour="rood",
      overdue=True),
    Q("Are there actions that haven't started yet?", "actions", status="niet_uitgevoerd"),
    Q("Welke acties staan op groen in de rapportage van Tweestromenland?", "actions", [TS], colour="groen",
      kind="evaluation"),
    # asking how many of the actions: a figure, answered from the same actions (the notes count them)
    Q("Hoeveel procent van de acties van Tweestromenland staat op groen?", "general", [TS], colour="groen"),
    Q("How many actions were delayed?", "general", status="vertraagd"),
    Q("Toon alle acties met status rood", "actions", colour="rood"),
    Q("Welke acties hebben geen trekker?", "actions", unowned=True),
    Q("Which actions in Tweestromenland have no owner?", "actions", [TS], unowned=True),
    # both basisteams without their names, and two owners named: their facts only
    Q("Which priorities do both districts share?", "compare", [DW, TS]),
    Q("Wat doen beide basisteams aan jeugd?", "actions", [DW, TS], theme="Jeugd"),
    Q("Wat doen Tweestromenland en De Waarden aan drugs?", "actions", [TS, DW], theme="Drugs"),
    Q("Welke acties over verkeer hebben een deadline in 2025?", "actions", deadline=("2025-01-01", "2026-01-01"),
      theme="Verkeersveiligheid"),
    Q("What is due before the end of 2025 in Tweestromenland?", "actions", [TS], deadline=(None, "2026-01-01")),
    # partners and instruments
    Q("Which partners work on drugs?", "partners", theme="Drugs"),
    Q("Welke partners werken aan mensenhandel?", "partners", theme="Mensenhandel"),
    Q("Welke partijen zijn betrokken bij jeugd in De Waarden?", "partners", [DW], theme="Jeugd"),
    Q("Which organisations does Tweestromenland work with on traffic safety?", "partners", [TS],
      theme="Verkeersveiligheid"),
    Q("Welke instrumenten zet Tweestromenland in tegen ondermijning?", "instruments", [TS], theme="Ondermijning"),
    Q("Which instruments are used against drugs?", "instruments", theme="Drugs"),
    Q("What tools does De Waarden use for youth?", "instruments", [DW], theme="Jeugd"),
    # asking which, beside an example of the kind: still asks for it
    Q("Which instruments does Tweestromenland use against drugs, such as the Wet Bibob?", "instruments", [TS],
      theme="Drugs"),
    # who is responsible
    Q("Wie is trekker van de aanpak van mensenhandel?", "responsible", theme="Mensenhandel"),
    Q("Who is responsible for cybercrime in Tweestromenland?", "responsible", [TS], theme="Digitale veiligheid"),
    Q("Wie is verantwoordelijk voor verkeersveiligheid?", "responsible", theme="Verkeersveiligheid"),
    Q("Who leads the actions on undermining?", "responsible", theme="Ondermijning"),
    # priorities
    Q("Wat zijn de prioriteiten van De Waarden?", "priorities", [DW]),
    Q("What are the priorities of Tweestromenland?", "priorities", [TS]),
    Q("Wat zijn de prioriteiten voor 2025 in Tiel?", "priorities", gemeente="Tiel", years=[2025]),
    # compare
    Q("Priorities of De Waarden compared to Tweestromenland?", "compare", [DW, TS]),
    Q("Vergelijk Tweestromenland en De Waarden", "compare", [TS, DW]),
    Q("What is the difference between Tweestromenland and De Waarden on youth?", "compare", [TS, DW], theme="Jeugd"),
    # owners of which nothing is ingested
    Q("Wat doet de gemeente Zwolle aan drugs?", "actions", theme="Drugs", not_loaded="Zwolle"),
    Q("What is Amsterdam doing on youth?", "actions", theme="Jeugd", not_loaded="Amsterdam"),
    Q("Welke acties zijn vertraagd in Groningen?", "actions", status="vertraagd", not_loaded="Groningen"),
    Q("Which partners does Utrecht work with?", "partners", not_loaded="Utrecht"),
]


@pytest.fixture(scope="module")
def board(ingested) -> dict[str, dict]:
    return {a["id"]: a for a in ingested.actions()}


def _family_labels(labels: LabelIndex, theme: str) -> set[str]:
    c = labels.lookup(theme, "theme")[0]
    return {labels.concept(x).label.lower() for x in (c.iri, *labels.narrower(c.iri))}


def _holders(fact: dict) -> set[str]:
    return {x for x in (fact.get("basisteam"), fact.get("in_basisteam")) if x}


def _scope_owner(q: Q) -> str | None:
    if len(q.owners) == 1:
        return q.owners[0]
    if q.gemeente:
        return places().gemeente(q.gemeente).basisteam.name
    return None


@pytest.mark.parametrize("q", QUESTIONS, ids=[q.question for q in QUESTIONS])
def test_structured_question(ingested, board, q):
    ws, labels = ingested, ingested.labels
    ans = ws.answer(q.question)
    r = ans["read_as"]
    # the reading
    assert r["intent"] == q.intent
    assert r["owners"] == q.owners
    assert r["gemeenten"] == ([q.gemeente] if q.gemeente else [])
    assert r["years"] == q.years and r["status"] == q.status and r["kind"] == q.kind and r["colour"] == q.colour
    assert (r["deadline"] and (r["deadline"]["from"], r["deadline"]["before"])) == (q.deadline or None)
    assert r["overdue"] == q.overdue and r["unowned"] == q.unowned
    if q.theme:
        assert q.theme in [c["label"] for c in r["concepts"]]
    assert r["description"].startswith("gelezen als: ")
    groups = ans["basisteams"]
    actions = [a for g in groups for a in g["actions"]]
    prios = [p for g in groups for p in g["priorities"]]
    # nothing of an owner that is not loaded, and nobody else's facts instead
    if q.not_loaded:
        assert any(q.not_loaded in n for n in r["not_loaded"])
        assert any(q.not_loaded in note and "niets ingelezen" in note for note in r["notes"])
        assert groups == [] and ans["passages"] == []
        return
    owner = _scope_owner(q) if q.intent != "compare" else None
    if len(q.owners) >= 2:  # several owners: nobody else's facts
        assert {g["basisteam"] for g in groups} <= set(q.owners)
        assert all(set(q.owners) & _holders(f) for f in actions + prios)
    if owner:
        assert {g["basisteam"] for g in groups} <= {owner}
        assert all(owner in _holders(f) for f in actions + prios)
        assert all(owner in (p["document"]["basisteam"], p["document"]["owner"]) for p in ans["passages"])
    family = _family_labels(labels, q.theme) if q.theme else None
    if q.intent in ("partners", "instruments"):
        kind, other = q.intent, "instruments" if q.intent == "partners" else "partners"
        listed = [x for g in groups for x in g.get(kind, [])]
        assert listed, "no partner or instrument listed"
        assert all(labels.concept(full_iri(x["id"])).type == kind[:-1] for x in listed)
        assert not actions and not prios and not any(g.get(other) for g in groups)
    elif q.intent == "compare":
        assert ans["comparison"]["a"] == q.owners[0] and ans["comparison"]["b"] == q.owners[1]
        from kg.compare import priorities

        for o in q.owners:
            mine = {p["id"] for p in prios if p["basisteam"] == o}
            assert mine and mine == {p["priority"] for p in priorities(ws.store(), o)}
        if q.theme:  # "... on youth": the priorities about it marked, and each side's actions on it
            from kg.answer import priorities_about

            family_iris = {c.iri for c in labels.concepts("theme") if c.label.lower() in family}
            about = {p["id"] for p in priorities_about(ws.store(), family_iris)}
            assert all(p["about"] == (p["id"] in about) for p in prios) and any(p["about"] for p in prios)
            assert actions and all(family & {t.lower() for t in board[a["id"]]["themes"]} for a in actions)
            for g in groups:
                assert all(g["basisteam"] in (board[a["id"]]["plan_owner"], board[a["id"]]["basisteam"])
                           for a in g["actions"])
        else:
            assert not actions and all("about" not in p for p in prios)
    elif q.intent == "priorities":
        from kg.compare import priorities

        assert not actions and {p["id"] for p in prios} == {p["priority"] for p in priorities(ws.store(), owner)}
    elif q.status or q.colour or q.deadline or q.overdue or q.unowned or q.intent == "responsible":
        expected = [a for a in board.values() if _board_match(a, q, owner)]
        ids = {a["id"] for a in actions}
        for a in actions:
            rec = board[a["id"]]
            assert _board_match(rec, q, owner) and a["trekker"] == rec["trekker"]
            assert (a["report_colour"], a["colour_basis"]) == (rec["report_colour"], rec["colour_basis"])
            if family:
                assert family & {t.lower() for t in rec["themes"]} or not rec["themes"]
        if not family:
            assert ids == {a["id"] for a in expected}
        if q.intent == "responsible":
            assert actions
            for g in (g for g in groups if g["actions"]):
                carriers = {o for a in g["actions"] for o in [*a["owners"], a["trekker"]] if o}
                assert set(g["responsible"]) == carriers != set()
        if owner == DW:  # De Waarden has no action in the sample: the board gives none, nobody else's stand in
            assert actions == [] and not expected
        elif not family and not q.unowned:  # the sample's actions all have a trekker or portefeuillehouder
            assert expected, "the board holds actions for this question"
    else:
        assert actions or prios, "the answer lists nothing"
        if q.years:
            assert all(_covers(a["cycle"], q.years) for a in actions)


def _covers(cycle: str | None, years: list[int]) -> bool:
    span = [int(x) for x in (cycle or "").split("-")]
    return any(min(span) <= y <= max(span) for y in years)


def test_how_many_counts_the_actions_per_owner(ingested, board):
    ans = ingested.answer("Hoeveel procent van de acties van Tweestromenland staat op groen?")
    listed = [a for g in ans["basisteams"] for a in g["actions"]]
    reported = [a for a in board.values() if a["report_colour"] and a["plan_owner"] == TS]
    share = round(100 * len(listed) / len(reported))
    assert listed and f"{TS}: {len(listed)} van de {len(reported)} acties met een kleur ({share}%): kleur groen." \
        in ans["read_as"]["notes"]
    # an owner with no action in scope is counted as none, not left out
    assert "De Waarden: 0 acties." in ingested.answer("How many actions does De Waarden have on drugs?")["read_as"]["notes"]


def _board_match(a: dict, q: Q, owner: str | None) -> bool:
    """Does a board record meet the question's status, deadline, period and owner (the board's own fields)?"""
    end = a["timeline"]["end"]
    if q.status and a["status"] != q.status:
        return False
    if q.colour and a["report_colour"] != q.colour:
        return False
    if q.deadline and not (end and (q.deadline[0] or "") <= end < q.deadline[1]):
        return False
    if q.overdue and not is_overdue(a, date.today()):
        return False
    if q.unowned and (a["trekker"] or a["owner"]):
        return False
    if q.years and not _covers(a["cycle"], q.years):
        return False
    return owner is None or owner in (a["plan_owner"], a["basisteam"])


def test_half_the_structured_questions_are_english():
    from search.language import is_english

    english = sum(is_english(q.question) for q in QUESTIONS)
    assert len(QUESTIONS) >= 40 and english >= len(QUESTIONS) // 2 - 2


def test_the_callers_filter_wins_and_the_conflict_is_said(ingested):
    ans = ingested.answer("Wat doet De Waarden aan jeugd?", ingested.filters(basisteam="Tweestromenland"))
    r = ans["read_as"]
    assert r["owners"] == ["De Waarden"] and r["filters"]["basisteam"] == "Tweestromenland"
    assert any("Tweestromenland" in n and "De Waarden" in n for n in r["notes"])
    assert {g["basisteam"] for g in ans["basisteams"]} == {"Tweestromenland"}


def test_a_year_no_plan_covers_keeps_the_passages_and_says_so(ingested):
    covered = ingested.filter_values()["year"]
    year = min(covered) - 1
    ans = ingested.answer(f"Hoeveel cyberzaken waren er in {year}?")
    assert ans["read_as"]["years"] == [year] and "year" not in ans["read_as"]["filters"]
    assert any(str(year) in n for n in ans["read_as"]["notes"])


def test_the_answer_over_http_carries_read_as(server):
    import httpx

    body = httpx.get(server + "/api/ask", params={"q": "Welke acties zijn vertraagd in 2024?"}, timeout=60).json()
    assert body["read_as"]["status"] == "vertraagd" and body["read_as"]["years"] == [2024]
    assert body["read_as"]["description"].startswith("gelezen als: ")
    assert all(a["status"] == "vertraagd" for g in body["basisteams"] for a in g["actions"])


from tests.browser_fixtures import CHROMIUM, browser, live_server, page  # noqa: E402,F401  (fixtures)


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian Chromium is not installed")
def test_the_search_page_says_how_it_read_the_question(page, live_server):
    pytest.importorskip("playwright.sync_api")
    from playwright.sync_api import expect

    page.goto(f"{live_server}/#/zoeken?q=" + "Welke partners werken aan drugs in De Waarden?".replace(" ", "%20"))
    answer = page.locator("section.answer")
    line = answer.locator(".read-as-line")
    expect(line).to_contain_text("gelezen als:", timeout=90_000)
    expect(line).to_contain_text("De Waarden")
    expect(line).to_contain_text("thema drugs")
    assert set(answer.locator("article.answer-group h3").all_inner_texts()) == {"De Waarden"}
    expect(answer.locator("article.answer-group h4").first).to_contain_text("Partners")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian Chromium is not installed")
def test_the_search_page_shows_the_thesaurus_apart_where_no_document_links_any(page, live_server):
    """The sample's De Waarden plan links no instrument to woonoverlast: the page says so, and shows the
    instruments the thesaurus relates to it in a section of their own, each a link to its concept page."""
    pytest.importorskip("playwright.sync_api")
    from playwright.sync_api import expect

    question = "Welke instrumenten zet De Waarden in tegen woonoverlast?"
    page.goto(f"{live_server}/#/zoeken?q=" + question.replace(" ", "%20"))
    answer = page.locator("section.answer")
    expect(answer.locator(".read-as-note").first).to_contain_text("Geen instrumenten gevonden", timeout=90_000)
    hint = answer.locator("section.thesaurus")
    expect(hint.get_by_role("heading", name="Uit de thesaurus")).to_be_visible()
    expect(hint).to_contain_text("niet uit de documenten")
    links = hint.locator("a.chip")
    assert links.count() >= 1 and all("instrument" in (links.nth(i).get_attribute("href") or "")
                                      for i in range(links.count()))


# --- the caller's filters reach the facts, not only the passages ------------------------------------------

def test_theme_and_year_filters_narrow_the_answers_facts(ingested):
    from kg.answer import actions_about
    from kg.structured import covers

    question = "Welke acties zijn er?"
    plain = ingested.answer(question)
    assert sum(len(g["actions"]) for g in plain["basisteams"]) > 0

    themed = ingested.answer(question, ingested.filters(theme="drugs"))
    theme = ingested.filters(theme="drugs").theme
    about = {a["id"] for a in actions_about(ingested.store(), {theme, *ingested.labels.narrower(theme)})}
    listed = [a for g in themed["basisteams"] for a in g["actions"]]
    assert listed and all(a["id"] in about for a in listed)
    assert len(listed) < sum(len(g["actions"]) for g in plain["basisteams"])

    year = max(ingested.filter_values()["year"])
    dated = ingested.answer(question, ingested.filters(year=year))
    assert all(covers(a["cycle"], a["timeline"], [year]) for g in dated["basisteams"] for a in g["actions"])


def test_the_answer_says_which_owner_lacks_a_kind_of_plan(ingested):
    """An owner whose uitvoeringsplan is not loaded has no actions: the answer says so, from the coverage."""
    covered = {c["owner"]: c for c in ingested.coverage()}
    lacking = [o for o, c in covered.items() if c["missing"]]
    assert lacking, "the sample corpus has an owner with only some kinds of plan"
    for owner in lacking:
        notes = ingested.answer(f"Welke acties heeft {owner}?")["read_as"]["notes"]
        assert covered[owner]["note"] in notes
    complete = [o for o, c in covered.items() if not c["missing"] and not c["gaps"]]
    for owner in complete:
        notes = ingested.answer(f"Welke acties heeft {owner}?")["read_as"]["notes"]
        assert not any(n.startswith(owner + ":") for n in notes)


def test_an_unscoped_answer_notes_the_gaps_of_the_owners_it_shows_only(ingested):
    covered = {c["owner"]: c for c in ingested.coverage()}
    lacking = {o for o, c in covered.items() if c["missing"] or c["gaps"]}
    noted, left_out = set(), set()
    for question in ("Wat wordt er gedaan aan mensenhandel?", "Which actions concern youth?",
                     "Welke acties lopen er rond Bibob?"):
        ans = ingested.answer(question)
        shown = {g["basisteam"] for g in ans["basisteams"]} | {p["document"]["owner"] for p in ans["passages"]}
        gap_notes = {n for n in ans["read_as"]["notes"] if any(n == c["note"] for c in covered.values())}
        assert gap_notes == {covered[o]["note"] for o in lacking & shown}
        noted |= lacking & shown
        left_out |= lacking - shown
    assert noted and left_out  # both cases occur on the sample corpus


def test_an_answer_showing_no_owner_counts_many_owners_with_gaps_instead_of_naming_each():
    from types import SimpleNamespace

    from kg.answer import MAX_OWNER_NOTES, _coverage_notes
    from search.facets import Filters

    def coverage(n: int):
        entries = [{"owner": f"Gemeente {i}", "missing": ["uvp"] if i % 2 else [], "gaps": [],
                    "note": f"Gemeente {i}: geen uitvoeringsplan."} for i in range(n)]
        return [f"Gemeente {i}" for i in range(n)], lambda owners: [e for e in entries if e["owner"] in owners]

    unscoped = SimpleNamespace(owners=())
    owners, fn = coverage(3 * MAX_OWNER_NOTES)
    lacking = len(range(1, 3 * MAX_OWNER_NOTES, 2))
    few = _coverage_notes(fn, unscoped, Filters(), {"basisteam": owners[:MAX_OWNER_NOTES]}, [])
    assert few == [f"Gemeente {i}: geen uitvoeringsplan." for i in range(MAX_OWNER_NOTES) if i % 2]
    many = _coverage_notes(fn, unscoped, Filters(), {"basisteam": owners + ["Gemeente x"]}, [])
    assert len(many) == 1 and many[0].startswith(f"{lacking} van de {len(owners) + 1} planeigenaren")
    shown = _coverage_notes(fn, unscoped, Filters(), {"basisteam": owners}, ["Gemeente 3", "Gemeente 4"])
    assert shown == ["Gemeente 3: geen uitvoeringsplan."]
    one = SimpleNamespace(owners=("Gemeente 1",))
    named = _coverage_notes(fn, one, Filters(), {"basisteam": owners}, ["Gemeente 3"])
    assert named == ["Gemeente 1: geen uitvoeringsplan."]


@pytest.mark.parametrize("question", ["Welke acties moeten vóór de zomer van 2026 klaar zijn?",
                                      "Which partners work on drugs?", "What tools does De Waarden use for youth?",
                                      "Welke instrumenten zet Tweestromenland in tegen ondermijning?",
                                      "Welke acties lopen er rond Bibob?",
                                      "Welke acties zijn afgerond volgens de evaluatie?"])
def test_the_words_that_frame_a_question_are_not_its_topic(labels, question):
    r = read(question, labels, owners=["Tweestromenland", "De Waarden"])
    assert r.topic == "" and "onderwerp" not in r.describe()


def test_a_subject_no_concept_covers_stays_the_topic(labels):
    assert read("Wat zeggen de plannen over cameratoezicht?", labels).topic == "cameratoezicht"


@pytest.mark.parametrize("question", ["Wie organiseert de ouderavond over vapes?", "who runs the parents' evening",
                                      "Wie zet de buurtpreventie-app op?", "Who does what on drugs?"])
def test_who_does_something_asks_who_is_responsible(labels, question):
    assert read(question, labels).intent == "responsible"
    assert read("Wie werken samen tegen drugs?", labels).intent == "partners"  # who works with whom: partners
