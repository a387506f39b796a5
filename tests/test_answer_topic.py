"""A question's own words that no concept covers ("de straatcoaches") choose among the actions the board gives it
(kg/answer.on_topic, search/pick.py), and the answer says whether they did."""
import pytest
from rdflib import RDF, URIRef

from ontology.labels import load_ontology_graph
from ontology.vocab import ID, IVP, short_id

from tests.workspaces import workspace_with

PLAN = """# Uitvoeringsplan Veiligheid Lindewaard 2026

Dit uitvoeringsplan van de gemeente Lindewaard zet de speerpunten om in acties.

## Speerpunt 1: Jeugd

- Straatcoaches inzetten in het centrum op vrijdag (trekker: Jongerenwerk Lindewaard; planning: Q2 2026)
- Voorlichting over lachgas op middelbare scholen (trekker: GGD; planning: najaar 2026)

## Speerpunt 2: Woninginbraak

- Inbraakpreventie-avonden in drie kernen (trekker: Wijkagent; planning: Q1 2026)
- Buurtpreventie-app in de nieuwbouwwijk opzetten (trekker: Wijkregie; planning: 2026)

## Speerpunt 3: Ondermijning

- Controle van leegstaande agrarische schuren (trekker: Toezicht en Handhaving; planning: Q3 2026)
"""


# A second plan whose actions name nobody who carries them.
UNOWNED = """Actieprogramma Veiligheid Esdonk 2026

De gemeente Esdonk voert in 2026 de volgende acties uit.

Thema verkeer

1. Snelheidsdisplays bij twee basisscholen plaatsen, gereed in het voorjaar van 2026.
2. Schoolzones herinrichten in overleg met ouders, in de zomer van 2026.

Thema jeugd

1. Jongerenwerk op het plein bij de sporthal op vrijdagavond.
"""


@pytest.fixture(scope="module")
def lindewaard(ingested, tmp_path_factory):
    return workspace_with(ingested, tmp_path_factory.mktemp("topic"), {"uitvoeringsplan-lindewaard-2026.md": PLAN,
                                                                      "actieprogramma-esdonk-2026.txt": UNOWNED})


def _titles(answer: dict) -> list[str]:
    return [a["title"] for g in answer["basisteams"] for a in g["actions"]]


@pytest.mark.parametrize("question, title, trekker", [
    ("Wie is trekker van de straatcoaches in Lindewaard?", "Straatcoaches inzetten in het centrum op vrijdag",
     "Jongerenwerk Lindewaard"),
    ("Who is responsible for the street coaches in Lindewaard?", "Straatcoaches inzetten in het centrum op vrijdag",
     "Jongerenwerk Lindewaard"),
    ("Wie is verantwoordelijk voor de buurtpreventie-app in Lindewaard?",
     "Buurtpreventie-app in de nieuwbouwwijk opzetten", "Wijkregie"),
    ("Wie zet de buurtpreventie-app op in Lindewaard?", "Buurtpreventie-app in de nieuwbouwwijk opzetten", "Wijkregie"),
])
def test_free_words_choose_the_action_they_name(lindewaard, question, title, trekker):
    ans = lindewaard.answer(question)
    assert ans["read_as"]["owners"] == ["Lindewaard"] and ans["read_as"]["topic"]
    assert _titles(ans) == [title]
    assert [g["responsible"] for g in ans["basisteams"]] == [[trekker]]
    assert any("past bij 1 van de 5 acties" in n for n in ans["read_as"]["notes"])


def test_words_no_title_names_keep_every_action_and_say_so(lindewaard):
    ans = lindewaard.answer("Wie is verantwoordelijk voor cameratoezicht in Lindewaard?")
    assert len(_titles(ans)) == 5
    assert any("wijst geen afzonderlijke acties aan" in n for n in ans["read_as"]["notes"])


def test_a_concept_in_the_question_chooses_by_the_graph_not_by_words(lindewaard):
    ans = lindewaard.answer("Wie is trekker van de aanpak van woninginbraak in Lindewaard?")
    assert not any("past bij" in n or "wijst geen" in n for n in ans["read_as"]["notes"])


def test_words_are_found_literally_first_then_by_meaning(lindewaard):
    from search.pick import pick

    engine = lindewaard.engine()
    titles = ["Straatcoaches inzetten in het centrum op vrijdag", "Voorlichting over lachgas op middelbare scholen",
              "Inbraakpreventie-avonden in drie kernen", "Buurtpreventie-app in de nieuwbouwwijk opzetten",
              "Controle van leegstaande agrarische schuren"]
    assert pick(engine, "lachgas", titles) == [1]  # one word: literally
    assert pick(engine, "app", titles) == [3]
    assert pick(engine, "street coaches", titles) == [0]  # another language: by meaning
    assert pick(engine, "cameratoezicht", titles) is None  # no title names it
    assert pick(engine, "lachgas", titles[:2]) is None  # too few to choose among


def test_actions_nobody_carries(lindewaard):
    esdonk = [a for a in lindewaard.actions() if a["plan_owner"] == "Esdonk"]
    assert esdonk and not any(a["trekker"] or a["owner"] for a in esdonk)
    ans = lindewaard.answer("Welke acties hebben geen trekker?")
    assert ans["read_as"]["unowned"] and "zonder trekker" in ans["read_as"]["description"]
    shown = {a["id"] for g in ans["basisteams"] for a in g["actions"]}
    assert shown == {a["id"] for a in lindewaard.actions() if not (a["trekker"] or a["owner"])}
    assert {a["id"] for a in esdonk} <= shown
    assert not lindewaard.answer("Which actions in Lindewaard have no owner?")["basisteams"]


def test_words_beside_a_theme_choose_among_its_actions(lindewaard):
    """"jeugd" is a concept and chooses by the graph; "straatcoaches" then chooses among the theme's actions."""
    every = _titles(lindewaard.answer("Welke acties lopen er rond jeugd?"))
    ans = lindewaard.answer("Welke acties rond jeugd gaan over straatcoaches?")
    assert ans["read_as"]["topic"] == "straatcoaches" and "Jeugd" in [c["label"] for c in ans["read_as"]["concepts"]]
    chosen = _titles(ans)
    assert chosen and set(chosen) < set(every) and all("straatcoach" in t.lower() for t in chosen)
    assert "Straatcoaches inzetten in het centrum op vrijdag" in chosen
    assert any(f"past bij {len(chosen)} van de {len(every)} acties" in n for n in ans["read_as"]["notes"])


def test_words_beside_a_theme_that_no_action_names_are_said_not_hidden(lindewaard):
    every = _titles(lindewaard.answer("Welke acties lopen er rond jeugd?"))
    ans = lindewaard.answer("Welke acties rond jeugd gaan over messen?")
    assert sorted(_titles(ans)) == sorted(every)
    assert any(n.startswith("“messen” wijst geen afzonderlijke acties aan") for n in ans["read_as"]["notes"])


def test_asking_for_a_kind_of_fact_the_graph_lacks_says_so(lindewaard):
    """Esdonk's actions name no partner: the answer says none were found instead of showing nothing."""
    ans = lindewaard.answer("Welke partners werken in Esdonk aan verkeer?")
    assert ans["read_as"]["intent"] == "partners" and ans["read_as"]["owners"] == ["Esdonk"]
    assert not any(g.get("partners") for g in ans["basisteams"])
    assert "Geen partners gevonden die bij de vraag passen in de documenten van Esdonk." in " ".join(
        ans["read_as"]["notes"])
    found = lindewaard.answer("Welke partners werken in Lindewaard aan jeugd?")
    assert any(g.get("partners") for g in found["basisteams"])
    assert not any(n.startswith("Geen partners") for n in found["read_as"]["notes"])


def test_where_no_document_links_a_partner_the_thesaurus_offers_its_own_apart(lindewaard):
    """The theme's partners by the ontology (ivp:relatedTheme) come as background, apart from the owner's facts,
    and only where the documents link none."""
    ans = lindewaard.answer("Welke partners werken in Esdonk aan verkeer?")
    hint = ans["thesaurus"]
    theme = next(c for c in ans["read_as"]["concepts"] if c["type"] == "theme")
    assert hint["type"] == "partners" and hint["themes"] == [{"id": theme["id"], "label": theme["label"]}]
    assert "niet uit de documenten" in hint["note"] and theme["label"].lower() in hint["note"]
    graph = load_ontology_graph()
    related = {short_id(str(s)) for s in graph.subjects(IVP.relatedTheme, URIRef(str(ID) + theme["id"]))}
    partners = {short_id(str(s)) for s in graph.subjects(RDF.type, IVP.Partner)}
    assert related & partners and related & partners <= {x["id"] for x in hint["items"]} <= partners
    assert not any(g.get("partners") for g in ans["basisteams"])  # background is not a fact of Esdonk's
    assert lindewaard.answer("Welke partners werken in Lindewaard aan jeugd?").get("thesaurus") is None


def test_a_comparison_with_a_place_nothing_covers_shows_the_other_side_only(lindewaard):
    ans = lindewaard.answer("Vergelijk Amersfoort met Lindewaard op jeugd")
    r = ans["read_as"]
    assert r["intent"] == "compare" and r["owners"] == ["Lindewaard"] and r["not_loaded"] == ["gemeente Amersfoort"]
    assert {g["basisteam"] for g in ans["basisteams"]} == {"Lindewaard"}
    assert any("Amersfoort" in n and "niets ingelezen" in n for n in r["notes"])


def test_asking_who_without_naming_a_role_asks_who_carries_it(lindewaard):
    """"Wie geeft ..." names no trekker or owner, yet asks who: the action its words name, with its trekker."""
    ans = lindewaard.answer("Wie geeft de voorlichting over lachgas in Lindewaard?")
    assert ans["read_as"]["intent"] == "responsible"
    assert _titles(ans) == ["Voorlichting over lachgas op middelbare scholen"]
    assert [g["responsible"] for g in ans["basisteams"]] == [["GGD"]]


def test_free_words_that_name_no_action_and_nothing_else_show_no_actions(lindewaard):
    """A question that scopes nothing but its own words ("who painted the Mona Lisa?") is not answered with the
    whole board; with an owner named, the owner's actions stay, as the rest of the question chose them."""
    ans = lindewaard.answer("Who painted the Mona Lisa?")
    assert ans["read_as"]["intent"] == "responsible" and not _titles(ans)
    assert "“painted Mona Lisa” wijst geen acties aan." in ans["read_as"]["notes"]
    assert "Geen trekkers gevonden die bij de vraag passen." in ans["read_as"]["notes"]
    assert len(_titles(lindewaard.answer("Wie is verantwoordelijk voor cameratoezicht in Lindewaard?"))) == 5
