"""A report's colour legend read from the document, and the colour it gives each action (ingest.legend).

The sample evaluation states its legend as a lost dot, the meaning and the share ("Vergt nog veel
aandacht/bijsturing. In deze rapportage is 1,9 % van de acties rood."); the fixture below, written for
this test, states it as a Markdown table with other colour words ("Geel") and marks each action's cell
with its colour. The same reader serves both.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.legend import apply_legend, colour_counts, mark_of, read_legend, reconcile, stated_counts
from ingest.model import Action
from ingest.pipeline import extract_file, read_lines
from ingest.status import status_counts
from tests.legend_fixtures import REPORT

CORPUS = Path(__file__).parent.parent / "corpus"


def _evaluation() -> Path:
    """The sample's evaluation, found by its content: the document whose legend gives shares."""
    for path in sorted(CORPUS.glob("*.txt")):
        legend = read_legend(line.text for line in read_lines(path))
        if legend and any(e.share for e in legend.entries):
            return path
    raise AssertionError("no document of the sample corpus states a colour legend")


@pytest.fixture(scope="module")
def sample():
    path = _evaluation()
    return read_legend(line.text for line in read_lines(path)), extract_file(path)


def test_only_the_evaluation_has_a_legend() -> None:
    with_legend = [p for p in sorted(CORPUS.glob("*.txt")) if read_legend(x.text for x in read_lines(p))]
    assert with_legend == [_evaluation()]


def test_the_sample_legend_in_its_own_words(sample) -> None:
    legend, doc = sample
    assert doc.meta.kind == "evaluation"
    assert [(e.colour, e.share) for e in legend.entries] == [("rood", 1.9), ("oranje", 18.9), ("groen", 79.2)]
    rood, oranje, groen = legend.entries
    assert rood.meaning == "Vergt nog veel aandacht/bijsturing" and rood.statuses == ("niet_uitgevoerd",)
    assert set(oranje.statuses) == {"loopt", "vertraagd"}  # "vorderingen gemaakt, maar niet afgerond"
    # "Afgerond of behoeft geen bijsturing": done, stopped by decision, or carried into the next plan
    assert set(groen.statuses) == {"afgerond", "vervallen", "overgeheveld"}
    assert groen.line.startswith("Afgerond of behoeft geen bijsturing") and "79,2%" in groen.line


def test_the_report_shares_are_1_10_42_of_its_53_actions(sample) -> None:
    legend, doc = sample
    assert len(doc.actions) == 53
    stated = stated_counts(legend, len(doc.actions))
    assert stated == {"rood": 1, "oranje": 10, "groen": 42}
    # each count gives back the report's percentage at its precision; one action more or less would not
    for e in legend.entries:
        assert round(100 * stated[e.colour] / 53, 1) == e.share
    with pytest.raises(ValueError, match="no whole number"):
        stated_counts(legend, 52)


def test_sample_colours_reconciled_with_the_report(sample) -> None:
    legend, doc = sample
    ours = colour_counts(doc.actions)
    statuses = status_counts(doc.actions)
    rows = {r["colour"]: r for r in reconcile(legend, doc.actions)}
    # every action with a derived status has a colour, and the colour is its status's under the legend
    assert ours["onbekend"] == statuses["onbekend"]
    for a in doc.actions:
        assert (a.report_colour is None) == (a.status is None)
        if a.status:
            assert a.status in legend.for_colour(a.report_colour).statuses
            assert a.colour_basis == legend.for_colour(a.report_colour).line
    assert ours == {"rood": 2, "oranje": 11, "groen": 32, "onbekend": 8}
    # the dots are lost, so the report's count per colour can be reconciled, not matched action by action:
    # we are one action stricter on rood and on oranje, and the report's other 10 green are our 8 uncoloured
    # actions (results with no status words) and those two
    assert {c: rows[c]["count"] - rows[c]["stated_count"] for c in rows} == {"rood": 1, "oranje": 1, "groen": -10}
    assert sum(r["stated_count"] for r in rows.values()) == sum(ours.values()) == 53




@pytest.fixture(scope="module")
def zeewolde(tmp_path_factory):
    path = tmp_path_factory.mktemp("legend") / "voortgang_zeewolde.md"
    path.write_text(REPORT, encoding="utf-8")
    return read_legend(x.text for x in read_lines(path)), extract_file(path)


def test_another_layout_and_other_colour_words(zeewolde) -> None:
    legend, doc = zeewolde
    assert [(e.colour, e.meaning, e.share) for e in legend.entries] == [
        ("groen", "Op schema of gereed", 50.0), ("oranje", "Achter op schema, bijsturing nodig", 33.3),
        ("rood", "Niet gestart", 16.7)]
    assert set(legend.for_colour("groen").statuses) == {"afgerond", "loopt"}  # "op schema" is under way
    by_title = {a.title: a for a in doc.actions}
    assert len(by_title) == 6
    # marked in the document: the mark is the colour
    assert by_title["Buurtbemiddeling uitbreiden naar Oosterhout"].report_colour == "rood"
    assert by_title["Camera's bij het stationsplein vervangen"].report_colour == "oranje"  # "Geel"
    # not marked: the derived status under the legend's rules
    running = by_title["Voorlichting over drugsronselen op scholen"]
    assert (running.status, running.report_colour) == ("loopt", "groen")
    late = by_title["Integrale controle bedrijventerreinen"]
    assert (late.status, late.report_colour) == ("vertraagd", "oranje")
    assert late.colour_basis == legend.for_colour("oranje").line
    assert {a.trekker for a in doc.actions} >= {"Team Handhaving", "Team Wijkzaken"}


def test_another_report_counts_match_its_shares(zeewolde) -> None:
    legend, doc = zeewolde
    stated = stated_counts(legend, len(doc.actions))
    assert stated == {"groen": 3, "oranje": 2, "rood": 1}
    ours = colour_counts(doc.actions)
    assert {c: ours[c] for c in stated} == stated and ours["onbekend"] == 0


def test_marks_open_a_cell_only() -> None:
    assert mark_of("Groen - afgerond") == "groen"
    assert mark_of("geel") == "oranje"
    # a colour word inside a result is not a mark ("één 'groene nacht' controle")
    assert mark_of("In 2024 heeft er één ‘groene nacht’ controle plaatsgevonden.") is None
    assert mark_of(None) is None


def test_no_legend_from_scattered_colour_words() -> None:
    lines = ["Controles uitvoeren n.a.v. rode draden uit analyses", "Er is één groene nacht gehouden.",
             "De rode loper lag uit."]
    assert read_legend(lines) is None
    # one line is no legend either
    assert read_legend(["Groen: afgerond", "", "Verder niets."]) is None


def test_without_a_legend_only_marks_colour() -> None:
    marked = Action(1, "a", result="Rood: niet gestart", status="niet_uitgevoerd")
    plain = Action(2, "b", result="Is afgerond.", status="afgerond")
    apply_legend([marked, plain], None)
    assert (marked.report_colour, plain.report_colour) == ("rood", None)
    assert plain.colour_basis is None


def test_a_legend_in_one_line() -> None:
    """ "Legenda: groen = afgerond, oranje = loopt, rood = vertraagd": each comma-separated part one entry."""
    legend = read_legend(["Evaluatie 2025", "Legenda: groen = afgerond, oranje = loopt, rood = vertraagd.", "Tekst"])
    assert legend is not None
    assert [(e.colour, e.statuses) for e in legend.entries] == [
        ("groen", ("afgerond",)), ("oranje", ("loopt",)), ("rood", ("vertraagd",))]
    # a sentence that names the colours without saying what they mean is no legend
    assert read_legend(["Wij kleurden de acties groen, oranje of rood."]) is None


def test_a_mark_gives_the_one_status_its_legend_entry_names() -> None:
    one = read_legend(["Groen: afgerond", "Oranje: loopt", "Rood: vertraagd"])
    several = read_legend(["Groen: afgerond of behoeft geen bijsturing", "Rood: vertraagd"])
    marked, worded = Action(1, "a", result="rood"), Action(2, "b", result="Groen, maar nog niet gestart",
                                                           status="niet_uitgevoerd")
    apply_legend([marked, worded], one)
    assert (marked.status, marked.status_basis) == ("vertraagd", "Rood: vertraagd")
    assert worded.status == "niet_uitgevoerd"  # the action's own words come first
    green = Action(3, "c", result="groen")
    apply_legend([green], several)
    assert (green.report_colour, green.status) == ("groen", None)  # afgerond, vervallen or overgeheveld


def test_a_traffic_light_list_under_each_priority(tmp_path: Path) -> None:
    """An evaluation that marks each listed action with a colour after it, under priority headings without an
    action heading: the lists are its actions, the colour part their result, the legend their status."""
    report = tmp_path / "evaluatie.md"
    report.write_text(
        "# Evaluatie uitvoeringsplan veiligheid 2025\n\n"
        "Legenda: groen = afgerond, oranje = loopt, rood = vertraagd.\n\n"
        "## Speerpunt 1: Ondermijning\n\n- Integrale controle bedrijventerrein De Hoef (groen)\n"
        "- Bibob-beleid herzien: oranje, het nieuwe beleid gaat in april naar de raad.\n"
        "- Voorlichting aan makelaars over witwassen — rood; geen capaciteit gehad.\n\n"
        "## Speerpunt 2: Jeugd\n\nDe jeugd had onze aandacht:\n\n- minder overlast in de zomer\n"
        "- meer jongeren bij het jongerenwerk\n", encoding="utf-8")
    doc = extract_file(report)
    assert [(a.title, a.result, a.report_colour, a.status, a.priority_number) for a in doc.actions] == [
        ("Integrale controle bedrijventerrein De Hoef", "groen", "groen", "afgerond", 1),
        ("Bibob-beleid herzien", "oranje, het nieuwe beleid gaat in april naar de raad.", "oranje", "loopt", 1),
        ("Voorlichting aan makelaars over witwassen", "rood; geen capaciteit gehad.", "rood", "vertraagd", 1)]


def test_coloured_circles_are_colours() -> None:
    """Digital reports mark with "🟢", "🟠", "🔴", in the legend and in the cells alike."""
    legend = read_legend(["Legenda: 🟢 op schema, 🟠 vertraagd, 🔴 niet gestart"])
    assert legend is not None
    assert [(e.colour, e.statuses, e.line) for e in legend.entries] == [
        ("groen", ("loopt",), "🟢 op schema"), ("oranje", ("vertraagd",), "🟠 vertraagd"),
        ("rood", ("niet_uitgevoerd",), "🔴 niet gestart")]
    assert [mark_of(c) for c in ("🟢", "🟡 later", "🟥", "later 🟢")] == ["groen", "oranje", "rood", None]


def test_a_report_marked_with_coloured_circles() -> None:
    doc = extract_file(Path(__file__).parent / "fixtures" / "extract" / "35_voortgang_emoji.md")
    assert [(a.report_colour, a.status) for a in doc.actions] == [
        ("groen", "loopt"), ("oranje", "vertraagd"), ("rood", "niet_uitgevoerd")]
    assert doc.actions[1].status_basis == "vertraagd"  # the row's own words first
    assert doc.actions[2].colour_basis == "🔴 niet gestart"
