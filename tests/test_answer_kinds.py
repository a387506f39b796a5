"""Concepts of different kinds in one question narrow each other (kg/answer.actions_meeting): "Bibob tegen
ondermijning" asks for the ondermijning actions that use Bibob; and an article of a law is found as a sentence
cites it ("artikel 13b van de Opiumwet", "Article 13b of the Opium Act")."""
import pytest

from tests.workspaces import workspace_with

# A jaarprogramma that numbers its actions by code under "Opgave" headings; written for these tests.
PLAN = """Jaarprogramma Openbare Orde en Veiligheid Wolderveen 2026

De gemeente Wolderveen werkt in 2026 aan drie opgaven. Per opgave staan de acties hieronder.

Opgave A. Ondermijning

A1. De gemeente breidt de toets op grond van de Wet Bibob uit naar vergunningen voor vastgoed, gereed eind 2026.
A2. Ondernemers op het bedrijventerrein krijgen voorlichting over signalen van ondermijning, in het voorjaar van 2026.
A3. Samen met het Openbaar Ministerie een integrale controle van bedrijfspanden houden, in het najaar van 2026.

Opgave B. Drugs

B1. De burgemeester sluit woningen waar drugs worden verhandeld op grond van artikel 13b van de Opiumwet, doorlopend.
B2. Preventielessen over drugs op het voortgezet onderwijs, schooljaar 2026.

Opgave C. Jeugd

C1. Jongerenwerkers zijn op vrijdagavond aanwezig bij het winkelcentrum, heel 2026.
"""


@pytest.fixture(scope="module")
def wolderveen(ingested, tmp_path_factory):
    return workspace_with(ingested, tmp_path_factory.mktemp("kinds"), {"jaarprogramma-wolderveen-2026.txt": PLAN})


def _actions(answer: dict) -> list[dict]:
    return [a for g in answer["basisteams"] for a in g["actions"]]


def test_coded_actions_are_read_with_when_they_are_done(wolderveen):
    mine = {a["title"].split(",")[0]: a for a in wolderveen.actions() if a["plan_owner"] == "Wolderveen"}
    assert len(mine) == 6
    bibob = mine["De gemeente breidt de toets op grond van de Wet Bibob uit naar vergunningen voor vastgoed"]
    assert (bibob["timeline"]["text"], bibob["timeline"]["end"]) == ("gereed eind 2026", "2026-12-31")
    assert mine["Jongerenwerkers zijn op vrijdagavond aanwezig bij het winkelcentrum"]["timeline"]["text"] == "heel 2026"


def test_an_instrument_and_a_theme_ask_for_the_actions_that_meet_both(wolderveen):
    theme_only = _actions(wolderveen.answer("Wat doet Wolderveen tegen ondermijning?"))
    ans = wolderveen.answer("Hoe zet Wolderveen de Wet Bibob in tegen ondermijning?")
    labels = {c["label"] for c in ans["concepts"]}
    assert {"Wet Bibob", "Ondermijning"} <= labels
    shown = _actions(ans)
    assert shown and all("Wet Bibob" in a["instruments"] for a in shown)
    assert len(shown) < len(theme_only)  # the voorlichting and the controle use no Bibob
    assert not any("samen" in n for n in ans["read_as"]["notes"])


def test_a_partner_and_a_theme_narrow_each_other(wolderveen):
    shown = _actions(wolderveen.answer("Wat doet Wolderveen met het Openbaar Ministerie tegen ondermijning?"))
    assert shown and all("Openbaar Ministerie" in a["partners"] for a in shown)


def test_kinds_no_action_meets_together_show_each_and_say_so(wolderveen):
    ans = wolderveen.answer("Zet Wolderveen de Wet Bibob in voor jeugd?")
    shown = _actions(ans)
    assert any("Wet Bibob" in a["instruments"] for a in shown)  # the actions on either, not nothing
    assert any(n.startswith("Geen actie noemt") and "samen" in n for n in ans["read_as"]["notes"])


@pytest.mark.parametrize("question", ["Sluit Wolderveen panden op grond van artikel 13b van de Opiumwet?",
                                      "Does Wolderveen close houses under Article 13b of the Opium Act?"])
def test_an_article_is_found_as_a_sentence_cites_it(wolderveen, question):
    ans = wolderveen.answer(question)
    assert "Artikel 13b Opiumwet" in {c["label"] for c in ans["concepts"]}
    shown = _actions(ans)
    assert shown and all("Artikel 13b Opiumwet" in a["instruments"] for a in shown)  # linked at ingest too
