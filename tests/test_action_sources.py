"""An action is cited by its own words (`ivp:sourceText`, kg/sparql.action_source), not only by its passage: a
passage may hold the actions around it. Read from a plan whose action lists stand under a lead-in label ("Wat
gaan we doen:") rather than a heading, which the layout reads as a part of its section (ingest/layout/lines.py)."""
import pytest

from tests.workspaces import workspace_with

# Numbered themes, each with a colon label over a list of actions with run-in fields; written for these tests.
PLAN = """Uitvoeringsprogramma Veiligheid Zwaluwdijk 2026-2027

Dit programma werkt de kadernota van de gemeente Zwaluwdijk uit in concrete acties.

1. Drugs

Wat gaan we doen:
- Panden waar drugs worden verkocht sluiten we op grond van artikel 13b Opiumwet. Trekker: team handhaving. \
Gereed: eind 2026.
- Over drugsafval in het buitengebied voeren we een voorlichtingscampagne voor agrariërs. Trekker: communicatie. \
Gereed: tweede kwartaal 2027.
- Samen met het RIEC brengen we leegstaande bedrijfspanden in kaart. Trekker: beleidsadviseur veiligheid. Gereed: 2027.

2. Jeugd

Wat gaan we doen:
- Met Halt geven we voorlichting over vuurwerk op alle basisscholen. Trekker: jeugdbeleid. Gereed: december 2026.
- Het jongerenwerk krijgt extra uren in de avond voor de wijk Molenakker. Trekker: welzijn. Gereed: 2026.
"""


@pytest.fixture(scope="module")
def zwaluwdijk(ingested, tmp_path_factory):
    return workspace_with(ingested, tmp_path_factory.mktemp("sources"),
                          {"uitvoeringsprogramma-zwaluwdijk-2026-2027.txt": PLAN})


def _mine(ws) -> dict[str, dict]:
    return {a["title"]: a for a in ws.actions() if a["plan_owner"] == "Zwaluwdijk"}


def test_actions_under_a_lead_in_label_are_read_with_their_fields(zwaluwdijk):
    acts = _mine(zwaluwdijk)
    assert len(acts) == 5
    closing = acts["Panden waar drugs worden verkocht sluiten we op grond van artikel 13b Opiumwet"]
    assert closing["trekker"] == "team handhaving"  # the sentence's full stop is not part of the field
    assert closing["timeline"]["text"] == "eind 2026" and closing["timeline"]["end"] == "2026-12-31"
    assert closing["priority"]["labels"] == ["Drugs"]
    assert [x["id"] for x in closing["instruments"]] == ["instrument/artikel-13b-opiumwet"]


def test_each_action_is_cited_by_its_own_words_within_a_shared_passage(zwaluwdijk):
    acts = _mine(zwaluwdijk)
    campaign = acts["Over drugsafval in het buitengebied voeren we een voorlichtingscampagne voor agrariërs"]
    [src] = campaign["sources"]
    assert src["sentence"].startswith("Over drugsafval in het buitengebied")
    assert "Trekker: communicatie" in src["sentence"] and "Panden waar drugs" not in src["sentence"]
    assert "Panden waar drugs" in src["text"]  # the passage holds its neighbours too
    assert src["passage"] and src["document_id"] == src["passage"].split(":", 1)[0]


def test_the_answer_cites_the_actions_own_words(zwaluwdijk):
    ans = zwaluwdijk.answer("Wat doet Zwaluwdijk aan jeugd?")
    [group] = [g for g in ans["basisteams"] if g["basisteam"] == "Zwaluwdijk"]
    by_title = {a["title"]: a["source"] for a in group["actions"]}
    src = by_title["Met Halt geven we voorlichting over vuurwerk op alle basisscholen"]
    assert "Halt" in src["sentence"] and "jongerenwerk" not in src["sentence"] and "jongerenwerk" in src["text"]
