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


def test_evaluated_actions_carry_the_report_colour_beside_their_status(ingested):
    evaluated = [a for a in ingested.actions() if a["cycle"] == "2023-2024"]
    assert len(evaluated) == 53
    counts = {c: sum(1 for a in evaluated if a["report_colour"] == c) for c in ("rood", "oranje", "groen")}
    assert counts == {"rood": 2, "oranje": 11, "groen": 32}  # the report: 1 / 10 / 42 (tests/test_legend.py)
    for a in evaluated:
        # a colour only where the words gave a status, and then with the report's legend line as its basis
        assert bool(a["report_colour"]) == bool(a["status"])
        if a["report_colour"]:
            assert a["colour_basis"] and a["report_colour"] in a["colour_basis"]
    planned = [a for a in ingested.actions() if a["cycle"] == "2025-2026"]
    assert planned and all(a["report_colour"] is None for a in planned)
    rows = summary(filter_actions(ingested.actions(), cycle="2023-2024"))
    assert sum(r["colour"]["groen"] for r in rows) == 32
    assert all(sum(r["colour"].values()) == r["total"] for r in rows)


def test_no_status_is_read_from_the_when_column(ingested):
    for a in ingested.actions():
        if a["status_basis"] and a["timeline"]["text"]:
            assert a["status_basis"] != a["timeline"]["text"], a["title"]


@pytest.fixture(scope="module")
def with_report(ingested, tmp_path_factory):
    """The sample plus a voortgangsrapportage whose table names trekkers and marks colours (legend_fixtures)."""
    from tests.legend_fixtures import add_report

    return add_report(ingested, tmp_path_factory.mktemp("report"))


def test_trekker_deadline_and_overdue_filters(with_report):
    from datetime import date

    actions = with_report.actions()
    handhaving = filter_actions(actions, trekker="team handhaving")  # case does not matter
    assert sorted(a["title"] for a in handhaving) == ["Hennepconvenant met woningcorporaties",
                                                     "Integrale controle bedrijventerreinen"]
    assert {a["report_colour"] for a in handhaving} == {"groen", "oranje"}
    with pytest.raises(ActionFilterError, match="trekker"):
        filter_actions(actions, trekker="Niemand in het bijzonder")
    after = filter_actions(actions, due_after="2025-06-30")
    assert after and all(a["timeline"]["end"] > "2025-06-30" for a in after)
    window = filter_actions(actions, due_after="2024-12-31", due_before="2026-01-01")
    assert window and all("2024-12-31" < a["timeline"]["end"] < "2026-01-01" for a in window)
    with pytest.raises(ActionFilterError, match="date"):
        filter_actions(actions, due_after="morgen")
    today = date(2025, 1, 1)
    late = filter_actions(actions, overdue=True, today=today)
    assert late and all(a["timeline"]["end"] < "2025-01-01" and a["status"] not in ("afgerond", "vervallen",
                                                                                      "overgeheveld") for a in late)
    closed = [a for a in filter_actions(actions, today=today) if a["status"] == "afgerond"]
    assert closed and not any(a["overdue"] for a in closed)
    # a day later than every deadline, every action not closed is overdue
    assert len(filter_actions(actions, overdue=True, today=date(2100, 1, 1))) > len(late)
    with pytest.raises(ActionFilterError, match="groen"):
        filter_actions(actions, colour="paars")


def test_action_names_its_partners_and_instruments_with_ids(ingested):
    actions = ingested.actions()
    with_partners = [a for a in actions if a["partners"]]
    with_instruments = [a for a in actions if a["instruments"]]
    assert with_partners and with_instruments
    for a in with_partners + with_instruments:
        for e in a["partners"] + a["instruments"]:
            assert e["label"] and e["type"] in ("partner", "instrument")
            assert ingested.entity(e["id"]) is not None, e


def test_api_board_filters_and_legend(server):
    r = httpx.get(server + "/api/actions", params={"overdue": "true", "cycle": "2023-2024"}, timeout=30)
    assert r.status_code == 200
    body = r.json()
    assert body["actions"] and all(a["overdue"] for a in body["actions"])
    legend = next(g for g in body["legends"] if g["cycle"] == "2023-2024")
    assert [c["colour"] for c in legend["colours"]] == ["rood", "oranje", "groen"]
    assert "behoeft geen bijsturing" in next(c["words"] for c in legend["colours"] if c["colour"] == "groen")
    # a trekker no action has is a clear 400 (the board with trekkers: tests/test_browser_actions.py)
    bad = httpx.get(server + "/api/actions", params={"trekker": "Niemand"}, timeout=30)
    assert bad.status_code == 400 and "trekker" in bad.text
    assert httpx.get(server + "/api/actions", params={"due_after": "2025-02-30"}, timeout=30).status_code == 400
    r = httpx.get(server + "/api/actions", params={"colour": "rood"}, timeout=30)
    assert r.status_code == 200 and all(a["report_colour"] == "rood" for a in r.json()["actions"])


def test_a_one_year_plans_cycle_is_its_year(tmp_path):
    """A voorjaarsrapportage of 2026: its actions' cycle reads "2026", not "2026-2026", on the board and in its
    colour legend."""
    from kg.actions import legends
    from kg.settings import Settings
    from kg.workspace import Workspace

    ws = Workspace(Settings(data_dir=tmp_path / "data"))
    report = ws.ingest([ROOT / "tests" / "fixtures" / "extract" / "26_voorjaarsnota_stoplicht.html"])
    assert not report.errors, report.errors
    actions = ws.actions()
    assert len(actions) == 3 and {a["cycle"] for a in actions} == {"2026"}
    assert [g["cycle"] for g in legends(actions)] == ["2026"]
