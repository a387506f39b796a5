"""The concept index (kg/concepts.py, GET /api/concepts) and the thesaurus entry on entity pages, against the
real server on the ingested sample corpus; expectations are read from the ontology files and the actions API."""
from collections import Counter

import httpx
import pytest
from rdflib import DCTERMS, Graph, Literal

from ontology.labels import ontology_files
from ontology.vocab import short_id

pytestmark = pytest.mark.slow


def get(server, path, **params):
    return httpx.get(server + path, params=params, timeout=60)


@pytest.fixture(scope="module")
def index(server) -> dict:
    r = get(server, "/api/concepts")
    assert r.status_code == 200
    return {c["id"]: c for c in r.json()["concepts"]}


def test_index_holds_themes_partners_instruments_with_both_languages(index):
    assert Counter(c["type"] for c in index.values()).keys() == {"theme", "partner", "instrument"}
    labels = [c["label"].lower() for c in index.values()]
    assert labels == sorted(labels), "the A–Z list is sorted by Dutch label"
    assert sum(1 for c in index.values() if c["label_en"] and c["label_en"] != c["label"]) > 20
    assert any(c["acronym"] for c in index.values())
    assert sum(1 for c in index.values() if c["definition"]) > 20


def test_every_bwb_identifier_of_the_ontology_links_to_wetten_overheid(index):
    g = Graph()
    for path in ontology_files():
        g.parse(path, format="turtle")
    laws = {short_id(str(s)): str(o) for s, o in g.subject_objects(DCTERMS.identifier)
            if isinstance(o, Literal) and str(o).startswith("BWBR")}
    assert laws, "the ontology states BWB ids"
    for cid, bwb in laws.items():
        legal = index[cid]["legal"]
        assert legal["identifier"] == bwb and legal["url"] == f"https://wetten.overheid.nl/{bwb}", cid
    # an article has no BWB id of its own: it links to its law's page
    articles = [c for c in index.values() if c["legal"] and c["id"] not in laws]
    assert articles and all(any(b["id"] in laws for b in c["broader"]) for c in articles)


def test_broader_and_narrower_mirror_each_other(index):
    pairs = {(c["id"], b["id"]) for c in index.values() for b in c["broader"]}
    assert pairs
    assert pairs == {(n["id"], c["id"]) for c in index.values() for n in c["narrower"]}


def test_per_owner_use_counts_the_owners_actions(server, index):
    actions = get(server, "/api/actions").json()["actions"]
    expected: Counter = Counter()
    for a in actions:
        for theme in set(a["themes"]):
            expected[(theme, a["plan_owner"])] += 1
    got = Counter({(c["label"], u["owner"]): u["actions"] for c in index.values() if c["type"] == "theme"
                   for u in c["usage"] if u["actions"]})
    assert got and got == expected
    assert any(len(c["usage"]) > 1 for c in index.values()), "some concept is worked on by two owners"


def test_type_filter_and_unknown_type(server, index):
    partners = get(server, "/api/concepts", type="partner").json()["concepts"]
    assert partners and {c["type"] for c in partners} == {"partner"}
    assert len(partners) == sum(1 for c in index.values() if c["type"] == "partner")
    r = get(server, "/api/concepts", type="basisteam")
    assert r.status_code == 400 and "theme" in r.json()["error"]["message"]


def test_entity_detail_carries_the_thesaurus_entry_of_concepts_only(server, index):
    used = next(c for c in index.values() if c["usage"] and c["broader"])
    detail = get(server, "/api/entities/" + used["id"]).json()
    assert detail["concept"] == used
    team = get(server, "/api/entities", type="basisteam").json()["results"][0]
    assert get(server, "/api/entities/" + team["id"]).json()["concept"] is None
