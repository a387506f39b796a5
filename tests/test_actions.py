"""Actions across plan cycles: the CLI/API contract, filters, derived status and lineage."""
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from kg.actions import ActionFilterError, filter_actions, summary

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _follow_up_titles(actions, needle):
    by_id = {a["id"]: a for a in actions}
    src = [a for a in actions if a["cycle"] == "2023-2024" and needle.lower() in a["title"].lower()]
    assert src, needle
    return [by_id[f["id"]]["title"] for f in src[0]["follow_ups"]]


def test_evaluated_and_planned_actions(ingested):
    actions = ingested.actions()
    evaluated = [a for a in actions if a["cycle"] == "2023-2024"]
    planned = [a for a in actions if a["cycle"] == "2025-2026"]
    assert len(evaluated) == 53
    assert sum(1 for a in evaluated if a["result"]) >= 52
    assert len(planned) >= 40
    assert all(a["status"] is None for a in planned), "plans have no status; evaluations do"
    with_status = [a for a in evaluated if a["status"]]
    assert len(with_status) >= 45 and all(a["status_basis"] and a["status_derived"] for a in with_status)
    q3 = [a for a in planned if a["timeline"]["text"] == "Q3 2025"]
    assert q3 and all(a["timeline"]["start"] == "2025-07-01" and a["timeline"]["end"] == "2025-09-30" for a in q3)


def test_lineage_links_evaluated_actions_to_their_follow_ups(ingested):
    actions = ingested.actions()
    linked = [a for a in actions if a["cycle"] == "2023-2024" and a["follow_ups"]]
    assert len(linked) >= 15
    assert any("HALT" in t for t in _follow_up_titles(actions, "preventieve kant Halt"))
    assert any("Mobiel Media Lab" in t for t in _follow_up_titles(actions, "Inzetten Mobiel Media Lab"))
    assert any("AVE" in t for t in _follow_up_titles(actions, "Trainen professionals in de AVE"))
    assert any("werkgroep Cyber" in t for t in _follow_up_titles(actions, "regionale werkgroep Cyber"))
    for a in linked:
        f = a["follow_ups"][0]
        assert 0 < f["confidence"] <= 1
        follow = next(b for b in actions if b["id"] == f["id"])
        assert follow["cycle"] == "2025-2026" and a["id"] in [p["id"] for p in follow["predecessors"]]


def test_filters_and_clear_errors(ingested):
    actions = ingested.actions()
    delayed = filter_actions(actions, status="vertraagd")
    assert delayed and all(a["status"] == "vertraagd" for a in delayed)
    due = filter_actions(actions, due_before="2025-07-01")
    assert due and all(a["timeline"]["end"] < "2025-07-01" for a in due)
    theme = filter_actions(actions, theme="Verkeersveiligheid")
    assert theme and all("Verkeersveiligheid" in a["themes"] for a in theme)
    with pytest.raises(ActionFilterError, match="afgerond"):
        filter_actions(actions, status="klaar")
    with pytest.raises(ActionFilterError, match="2023-2024"):
        filter_actions(actions, cycle="1999-2000")
    with pytest.raises(ActionFilterError, match="date"):
        filter_actions(actions, due_before="volgend jaar")


def test_status_summary_per_priority(ingested):
    rows = summary(filter_actions(ingested.actions(), cycle="2023-2024"))
    assert len(rows) == 5 and sum(r["total"] for r in rows) == 53
    assert all(sum(r["status"].values()) == r["total"] for r in rows)


def test_cli_actions_contract(ingested):
    out = subprocess.run([sys.executable, "-c", "from api.cli import app; app()", "actions", "--basisteam",
                          "Tweestromenland", "--cycle", "2023-2024", "--json", "--data-dir", str(ingested.data_dir)],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)["actions"]
    assert len(data) == 53
    keys = {"id", "title", "basisteam", "cycle", "theme", "timeline", "status", "status_basis", "follow_ups",
            "predecessors", "sources"}
    assert all(keys <= set(a) for a in data)
    assert all(a["sources"] and a["sources"][0]["document"] for a in data)
    bad = subprocess.run([sys.executable, "-c", "from api.cli import app; app()", "actions", "--status", "klaar",
                          "--data-dir", str(ingested.data_dir)], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "afgerond" in bad.stderr


def test_api_actions(server):
    r = httpx.get(server + "/api/actions", params={"cycle": "2023-2024", "status": "overgeheveld"}, timeout=30)
    assert r.status_code == 200
    acts = r.json()["actions"]
    assert acts and all(a["status"] == "overgeheveld" for a in acts)
    linked = next(a for a in httpx.get(server + "/api/actions", timeout=30).json()["actions"] if a["follow_ups"])
    detail = httpx.get(server + f"/api/actions/{linked['id']}", timeout=30).json()
    assert detail["follow_ups"][0]["title"] and detail["follow_ups"][0]["cycle"] == "2025-2026"
    assert httpx.get(server + "/api/actions/action/nope", timeout=30).status_code == 404
    assert httpx.get(server + "/api/actions", params={"status": "klaar"}, timeout=30).status_code == 400
    summ = httpx.get(server + "/api/actions/summary", timeout=30).json()["summary"]
    assert any(s["cycle"] == "2023-2024" for s in summ)


def test_owner_is_the_portefeuillehouder_of_the_actions_theme(ingested):
    owners = {a["title"]: a["owner"] for a in ingested.actions() if a["cycle"] == "2025-2026"}
    by_word = lambda w: [o for t, o in owners.items() if w in t.lower()]  # noqa: E731
    assert set(by_word("mensenhandel")) == {"Burgemeester Van Neerbos"}
    assert set(by_word("bibob")) == {"Burgemeester Bergman"}
    assert set(by_word("mobiel media lab")) == {"Burgemeester Helmer-Englebert"}
