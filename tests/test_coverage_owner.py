"""kg/coverage.py: per plan owner, which documents, kinds and cycles are loaded, and one Dutch sentence of
what is missing; the board and the HTTP API carry it."""
from collections import defaultdict

import httpx
import pytest

from kg.coverage import CORE_KINDS
from tests.two_owners import with_two_owners

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def two_owners(ingested, tmp_path_factory):
    return with_two_owners(ingested, tmp_path_factory.mktemp("coverage"))


def _manifest_by_owner(ws) -> dict[str, set[tuple[str, str]]]:
    out = defaultdict(set)
    for d in ws.documents():
        out[d["owner"]].add((d["id"], d["kind"]))
    return out


@pytest.mark.parametrize("ws_name", ["ingested", "two_owners"])
def test_coverage_lists_every_document_of_every_owner(ws_name, request):
    ws = request.getfixturevalue(ws_name)
    manifest = _manifest_by_owner(ws)
    coverage = {c["owner"]: c for c in ws.coverage()}
    assert set(coverage) == set(manifest)
    for owner, entry in coverage.items():
        assert {(d["id"], d["kind"]) for d in entry["documents"]} == manifest[owner]
        kinds = {k for _, k in manifest[owner]}
        assert entry["missing"] == [k for k in CORE_KINDS if k not in kinds]
        assert entry["note"].startswith(f"{owner}: ")
        assert entry["note"].endswith(".")
        words = {"ivp": "IVP", "uvp": "uitvoeringsplan", "evaluation": "evaluatie"}
        if entry["missing"]:
            lacking = entry["note"].split("; ", 1)[1]
            assert "geen " in lacking and all(words[k] in lacking for k in entry["missing"])
        if len(entry["documents"]) == 1:
            assert entry["note"].startswith(f"{owner}: alleen ")


def test_an_owner_with_only_an_ivp_is_told_so(ingested):
    only_ivp = [c for c in ingested.coverage() if [d["kind"] for d in c["documents"]] == ["ivp"]]
    assert only_ivp, "the sample corpus has an owner with only an IVP"
    for c in only_ivp:
        period = c["documents"][0]["period"]
        assert c["note"] == f"{c['owner']}: alleen IVP {period} ingelezen; geen uitvoeringsplan of evaluatie."


def test_cycles_with_a_plan_but_no_evaluation_and_the_reverse(two_owners):
    by_owner = {c["owner"]: c for c in two_owners.coverage()}
    for c in by_owner.values():
        for cycle in c["cycles"]:
            has = set(cycle["kinds"])
            other = {"uvp", "evaluation"} - has
            for k in other:
                if k not in c["missing"]:  # a kind loaded for another cycle, absent for this one
                    assert any(cycle["cycle"] in g for g in c["gaps"])
    zwolle, deventer = by_owner["Zwolle"], by_owner["Deventer"]
    assert zwolle["owner_type"] == deventer["owner_type"] == "gemeente"
    assert zwolle["missing"] == ["evaluation"] and "geen evaluatie" in zwolle["note"]
    assert deventer["missing"] == ["uvp"] and "geen uitvoeringsplan" in deventer["note"]


def test_named_owners_case_insensitive_and_unknown_ones_reported(ingested):
    every = {c["owner"].lower(): c for c in ingested.coverage()}
    name = next(iter(every))
    assert ingested.coverage(name.upper())[0] == every[name]
    unknown = ingested.coverage("Atlantis")[0]
    assert unknown["documents"] == [] and "geen documenten" in unknown["note"]


def test_the_board_carries_the_coverage_of_its_owners(ingested):
    board = ingested.action_board()
    owners = {a["plan_owner"] for a in board["actions"]}
    assert {c["owner"] for c in board["coverage"]} == owners
    # an owner whose plans hold no actions is explained, not refused
    quiet = [c["owner"] for c in ingested.coverage() if c["documents"] and c["owner"] not in owners]
    for owner in quiet:
        empty = ingested.action_board(owner)
        assert empty["actions"] == [] and empty["coverage"][0]["note"] == ingested.coverage(owner)[0]["note"]


def test_coverage_over_http(server):
    body = httpx.get(server + "/api/coverage", timeout=30).json()
    assert body["coverage"] and all(c["note"] for c in body["coverage"])
    one = httpx.get(server + "/api/coverage", params={"owner": body["coverage"][0]["owner"].lower()}, timeout=30).json()
    assert one["coverage"] == body["coverage"][:1]
    board = httpx.get(server + "/api/actions", timeout=30).json()
    assert {c["owner"] for c in board["coverage"]} == {a["plan_owner"] for a in board["actions"]}
    table = httpx.get(server + "/api/compare", params={"a": body["coverage"][0]["owner"],
                                                       "b": body["coverage"][-1]["owner"]}, timeout=30).json()
    assert table["coverage"]["a"]["note"] == body["coverage"][0]["note"]
