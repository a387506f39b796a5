"""Compare counts what the actions board counts: each priority sits in one row, each action in its own
priority's row, for the two sample owners and for two gemeenten from documents written here."""
from collections import Counter

import pytest

from search.contract import KINDS

from tests.two_owners import with_two_owners

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def two_owners(ingested, tmp_path_factory):
    return with_two_owners(ingested, tmp_path_factory.mktemp("owners"))


def _rows(table: dict) -> list[dict]:
    return table["shared"] + table["only_a"] + table["only_b"]


def _board(ws, owner: str) -> list[dict]:
    """The board's actions of one owner, as its owner headings group them."""
    try:
        return [a for a in ws.find_actions(basisteam=owner) if a["plan_owner"] == owner]
    except Exception:  # an owner without actions is refused by the board's filter: it has none
        return []


def assert_reconciles(ws, a: str, b: str) -> dict:
    table = ws.compare(a, b)
    summary = ws.action_summary()
    for key, owner in (("a", table["a"]), ("b", table["b"])):
        board = _board(ws, owner)
        sides = [r[key] for r in _rows(table) if r[key] is not None]
        # every priority once
        ids = [s["priority"] for s in sides]
        assert len(ids) == len(set(ids)), f"{owner}: a priority in two rows: {Counter(ids).most_common(2)}"
        assert {a["priority"]["id"] for a in board if a["priority"]} <= set(ids)
        # every action once, in its own priority's row
        shown = [x["id"] for s in sides for x in s["actions"]] + [x["id"] for x in table["without_priority"][key]]
        assert len(shown) == len(set(shown)), f"{owner}: an action counted twice"
        assert sorted(shown) == sorted(a["id"] for a in board)
        by_priority = Counter(a["priority"]["id"] for a in board if a["priority"])
        for s in sides:
            assert s["action_count"] == len(s["actions"]) == by_priority.get(s["priority"], 0)
            bars = sum(r["total"] for r in summary if r["basisteam"] == owner and r["priority_number"] == s["number"])
            assert s["action_count"] == bars, f"{owner} priority {s['number']}: the board's bars say {bars}"
            assert sum(s["cycles"].values()) == s["action_count"]
        assert table["totals"][key] == len(board)
        # status, cycle and plan kind per action, as the board has them
        records = {a["id"]: a for a in board}
        for s in sides:
            for x in s["actions"]:
                assert (x["status"], x["cycle"]) == (records[x["id"]]["status"], records[x["id"]]["cycle"])
                assert x["kind"] in KINDS
        assert table["coverage"][key]["owner"].lower() == owner.lower()
    return table


def test_sample_owners_reconcile_with_the_board(ingested):
    table = assert_reconciles(ingested, "Tweestromenland", "De Waarden")
    assert table["totals"]["a"] == len(ingested.find_actions(basisteam="Tweestromenland"))


def test_each_row_is_one_pair_and_one_sided_rows_point_to_where_the_work_is_counted(ingested):
    table = ingested.compare("De Waarden", "Tweestromenland")  # the other way round works too
    assert_reconciles(ingested, "De Waarden", "Tweestromenland")
    for r in table["shared"]:
        assert r["a"] and r["b"] and r["match"] in ("full", "partial")
        if r["match"] == "full":
            assert {t["id"] for t in r["a"]["themes"]} & {t["id"] for t in r["b"]["themes"]}
    rows = {r["theme"]["id"]: r for r in _rows(table)}
    for r in _rows(table):
        away = r.get("elsewhere")
        if away:
            assert r["match"] is None and r[away["side"]] is None
            target = rows[away["row"]["id"]]
            assert target[away["side"]]["priority"] == away["priority"], "the row named is where it is counted"
            assert 0 < away["actions"] <= target[away["side"]]["action_count"]


def test_summary_splits_partners_and_instruments(ingested):
    table = ingested.compare("Tweestromenland", "De Waarden")
    for kind in ("partners", "instruments"):
        part = table["summary"][kind]
        sets = [{x["id"] for x in part[k]} for k in ("shared", "only_a", "only_b")]
        assert not (sets[0] & sets[1]) and not (sets[0] & sets[2]) and not (sets[1] & sets[2])
        for key, own in (("a", sets[0] | sets[1]), ("b", sets[0] | sets[2])):
            in_rows = {x["id"] for r in _rows(table) if r[key] for x in r[key][kind]}
            assert in_rows <= own, f"{kind} of side {key} missing from the summary: {in_rows - own}"
    assert table["summary"]["partners"]["shared"], "both sample plans name the police and more"


def test_two_gemeenten_from_new_documents(two_owners):
    table = assert_reconciles(two_owners, "Zwolle", "Deventer")
    assert table["a"] == "Zwolle" and table["b"] == "Deventer"
    verkeer = [r for r in table["shared"] if r["theme"]["label"].lower() == "verkeersveiligheid"]
    assert verkeer and verkeer[0]["match"] == "full", "both plans name verkeersveiligheid as a speerpunt"
    assert verkeer[0]["a"]["action_count"] == 1 and verkeer[0]["b"]["action_count"] == 0
    assert table["totals"] == {"a": 3, "b": 3}
    statuses = {x["status"] for r in _rows(table) if r["b"] for x in r["b"]["actions"]}
    assert statuses - {None}, "the evaluation's results give statuses"
    assert "geen evaluatie" in table["coverage"]["a"]["note"]
    assert "geen uitvoeringsplan" in table["coverage"]["b"]["note"]
    # and against a sample owner, across kinds of owner
    assert_reconciles(two_owners, "Deventer", "Tweestromenland")


def test_unknown_owner_is_refused_with_the_valid_ones(ingested):
    from search.contract import FilterError

    with pytest.raises(FilterError, match="valid"):
        ingested.compare("Atlantis", "De Waarden")
