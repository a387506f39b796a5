"""A plan of a gemeente nobody here wrote for, ingested with `ivp ingest` and no sidecar, shows up everywhere:
in the documents with its owner, in compare, in the search and answer filters and on the actions board."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.settings import Settings
from kg.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

KADERNOTA = """# Kadernota Integrale Veiligheid Goes 2024-2027

De gemeente Goes legt in deze kadernota vast waar zij de komende vier jaar op inzet.

## Speerpunt 1: Ondermijning

Goes pakt ondermijnende criminaliteit aan met de Wet Bibob en werkt daarin samen met het RIEC.

## Speerpunt 2: Jeugd en veiligheid

Jongeren die afglijden krijgen vroeg hulp; Halt en het jongerenwerk werken samen met de wijkagent.

## Speerpunt 3: Digitale veiligheid

Inwoners en ondernemers worden weerbaarder tegen online oplichting en phishing.
"""

PROGRAMMA = """<html><body><main>
<h1>Uitvoeringsprogramma Veiligheid Goes 2025</h1>
<p>Dit uitvoeringsprogramma van de gemeente Goes werkt de kadernota uit in maatregelen.</p>
<h2>Maatregelen</h2>
<table>
<thead><tr><th>Maatregel</th><th>Eigenaar</th><th>Gereed</th><th>Stand van zaken</th></tr></thead>
<tbody>
<tr><td>Bibob-toets bij alle nieuwe horecavergunningen</td><td>Team Vergunningen</td><td>Q2 2025</td><td>In uitvoering</td></tr>
<tr><td>Voorlichting over phishing aan ondernemers</td><td>Team Veiligheid</td><td>Eind 2025</td><td>Gepland</td></tr>
<tr><td>Aanpak jeugdgroepen met Halt en jongerenwerk</td><td>Team Jeugd</td><td>Doorlopend</td><td>Gestart</td></tr>
</tbody></table>
</main></body></html>
"""


@pytest.fixture(scope="module")
def with_goes(ingested, tmp_path_factory) -> Workspace:
    tmp = tmp_path_factory.mktemp("goes")
    data = tmp / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    docs = tmp / "docs"
    docs.mkdir()
    (docs / "kadernota-veiligheid-goes.md").write_text(KADERNOTA, encoding="utf-8")
    (docs / "uitvoeringsprogramma-goes-2025.html").write_text(PROGRAMMA, encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", "from api.cli import app; app()", "ingest", str(docs),
                          "--data-dir", str(data)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "Verslag van het inlezen" in run.stdout and "Goes" in run.stdout
    return Workspace(Settings(data_dir=data))


def test_the_documents_name_their_owner_and_kind(with_goes):
    goes = {d["source"]: d for d in with_goes.documents() if "goes" in d["source"]}
    assert goes["kadernota-veiligheid-goes.md"]["owner"] == "Goes"
    assert goes["kadernota-veiligheid-goes.md"]["kind"] == "ivp"
    assert goes["kadernota-veiligheid-goes.md"]["priorities"] == 3
    assert goes["uitvoeringsprogramma-goes-2025.html"]["kind"] == "uvp"
    assert goes["uitvoeringsprogramma-goes-2025.html"]["actions"] == 3
    assert "Goes" in goes["kadernota-veiligheid-goes.md"]["title"]


def test_compare_takes_the_new_gemeente(with_goes):
    table = with_goes.compare("goes", "De Waarden")
    assert table["a"] == "Goes"
    assert len(table["shared"]) + len(table["only_a"]) >= 3  # its three speerpunten, aligned by theme


def test_search_and_answer_filters_take_the_new_gemeente(with_goes):
    hits = with_goes.search_json("aanpak ondermijning", 10, with_goes.filters(basisteam="Goes"))["results"]
    assert hits and all(h["document"]["owner"] == "Goes" for h in hits)
    by_gemeente = with_goes.search_json("phishing", 5, with_goes.filters(gemeente="goes"))["results"]
    assert by_gemeente and all(h["document"]["owner"] == "Goes" for h in by_gemeente)
    answer = with_goes.answer("wat doet Goes aan ondermijning?", with_goes.filters(basisteam="Goes"))
    assert [g["basisteam"] for g in answer["basisteams"]] == ["Goes"]
    answer = with_goes.answer("ondermijning", with_goes.filters(gemeente="Goes"))
    assert [g["basisteam"] for g in answer["basisteams"]] == ["Goes"]
    answer = with_goes.answer("ondermijning", with_goes.filters(gemeente="Wijchen"))  # a gemeente of Tweestromenland
    assert [g["basisteam"] for g in answer["basisteams"]] == ["Tweestromenland"]


def test_the_actions_board_takes_the_new_gemeente(with_goes):
    actions = with_goes.find_actions(basisteam="Goes")
    assert len(actions) == 3 and {a["plan_owner"] for a in actions} == {"Goes"}
    assert any(a["timeline"]["text"] == "Q2 2025" for a in actions)
    assert len(with_goes.find_actions(basisteam="Tweestromenland")) == 101  # the sample board is unchanged


def test_the_new_gemeente_has_an_entity_page_with_its_plans_facts(with_goes):
    found = with_goes.find("Goes", "gemeente")
    assert found and found[0]["label"] == "Goes"
    page = with_goes.entity(found[0]["id"])
    assert {n["type"] for n in page["neighbors"]} & {"priority", "action"}, page["neighbors"][:5]
