"""The knowledge graph built from the five sample documents: what a user of the graph relies on."""
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyshacl import validate

from kg.settings import Settings
from kg.workspace import Workspace
from ingest.pipeline import doc_id_for
from kg.queries import stats
from ontology.labels import shapes_graph

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow
P = """PREFIX ivp: <https://ivp-kg.nl/def#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX dcterms: <http://purl.org/dc/terms/> """


def rows(ws, q):
    return list(ws.store().raw_query(P + q))


def test_documents_have_basisteam_kind_and_period(ingested):
    docs = ingested.manifest()["documents"]
    got = {k[:3]: (v["basisteam"], v["kind"]) for k, v in docs.items()}
    assert got == {"000": ("Tweestromenland", "evaluation"), "001": ("Tweestromenland", "ivp"),
                   "002": ("Tweestromenland", "uvp"), "003": ("Tweestromenland", "council_note"),
                   "004": ("De Waarden", "ivp")}
    periods = {r["s"].value.rsplit("/", 1)[-1][:3]: (int(r["a"].value), int(r["b"].value))
               for r in rows(ingested, "SELECT ?s ?a ?b WHERE { ?s a ivp:Document ; ivp:periodStart ?a ; ivp:periodEnd ?b }")}
    assert periods["000"] == (2023, 2024) and periods["001"] == (2023, 2026)
    assert periods["002"] == (2025, 2026) and periods["004"] == (2023, 2026)


def test_priorities_of_both_basisteams(ingested):
    found = rows(ingested, """SELECT ?bt (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a ivp:Priority ;
                 ivp:basisteam/skos:prefLabel ?bt FILTER(lang(?bt) = "nl") } GROUP BY ?bt""")
    assert {r["bt"].value: int(r["n"].value) for r in found} == {"Tweestromenland": 5, "De Waarden": 4}
    themes = {r["l"].value for r in rows(ingested, """SELECT ?l WHERE { ?p a ivp:Priority ; ivp:basisteam ?b ; ivp:theme ?t .
              ?b skos:prefLabel "De Waarden"@nl . ?t skos:prefLabel ?l FILTER(lang(?l) = "nl") }""")}
    assert {"Zorg en veiligheid", "Jeugd", "Drugs", "Digitale veiligheid"} <= themes


def test_thirteen_gemeenten_in_their_basisteams(ingested):
    found = rows(ingested, """SELECT ?bt (COUNT(DISTINCT ?g) AS ?n) WHERE { ?g a ivp:Gemeente ; <http://www.w3.org/ns/org#memberOf> ?b .
                 ?b skos:prefLabel ?bt FILTER(lang(?bt) = "nl") } GROUP BY ?bt""")
    assert {r["bt"].value: int(r["n"].value) for r in found} == {"Tweestromenland": 6, "De Waarden": 7}


@pytest.mark.parametrize("partner", ["RIEC", "OTSL", "ZVH", "Weerbaar Gelderland-Zuid", "CCV", "Halt", "politie", "OM"])
def test_partners_are_linked_to_the_themes_they_work_on(ingested, partner):
    iri = ingested.labels.lookup(partner, "partner")[0].iri
    themes = rows(ingested, f"SELECT DISTINCT ?t WHERE {{ <{iri}> ivp:worksOn ?t }}")
    assert themes, f"{partner} works on no theme"


@pytest.mark.parametrize("instrument", ["Wet Bibob", "artikel 13b Opiumwet", "artikel 174a Gemeentewet",
                                        "Wet tijdelijk huisverbod", "Wvggz"])
def test_instruments_are_linked_to_their_themes(ingested, instrument):
    iri = ingested.labels.lookup(instrument, "instrument")[0].iri
    assert rows(ingested, f"SELECT DISTINCT ?t WHERE {{ <{iri}> ivp:appliesTo ?t }}"), instrument


def test_actions_of_both_plan_cycles_have_theme_and_timeline(ingested):
    found = rows(ingested, """SELECT ?cycle (COUNT(DISTINCT ?a) AS ?n) (COUNT(DISTINCT ?t) AS ?themed) WHERE {
                 ?a a ivp:Action ; ivp:cycle ?cycle . OPTIONAL { ?a ivp:theme ?th BIND(?a AS ?t) } } GROUP BY ?cycle""")
    by_cycle = {r["cycle"].value: (int(r["n"].value), int(r["themed"].value)) for r in found}
    assert by_cycle["2023-2024"][0] >= 50, "the 2024 evaluation reviews 53 actions"
    assert by_cycle["2025-2026"][0] >= 40
    for n, themed in by_cycle.values():
        assert themed == n, "every action has a theme"
    timed = rows(ingested, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ivp:Action ; ivp:timelineText ?x }")
    assert int(timed[0]["n"].value) >= 70


def test_every_fact_keeps_its_provenance(ingested):
    missing = rows(ingested, """SELECT ?a WHERE { ?a a ivp:Action FILTER NOT EXISTS {
                   ?a <http://www.w3.org/ns/prov#wasDerivedFrom> ?p . ?p ivp:text ?x } }""")
    assert not missing
    ev = rows(ingested, """SELECT ?s ?sentence ?doc WHERE { ?e a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> ;
              <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ; ivp:sentence ?sentence ;
              <http://www.w3.org/ns/prov#wasDerivedFrom>/dcterms:isPartOf ?doc } LIMIT 5""")
    assert len(ev) == 5 and all(r["sentence"].value for r in ev)


def test_graph_conforms_to_its_shapes(ingested):
    data = ingested.store().union_graph()
    conforms, _, text = validate(data, shacl_graph=shapes_graph(), inference="none", advanced=True)
    assert conforms, text[:3000]


def test_stats_contract(ingested):
    s = stats(ingested.store())
    assert s["documents"] == 5 and s["passages"] > 100 and s["triples"] > 5000
    for key in ("basisteam", "gemeente", "theme", "partner", "instrument", "action"):
        assert isinstance(s["entities"][key], int) and s["entities"][key] > 0


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from api.cli import app; app()", *args, "--data-dir", str(data_dir)],
                          cwd=ROOT, capture_output=True, text=True)


def test_reingest_unchanged_is_fast_and_changes_nothing(ingested):
    before = stats(ingested.store())
    t = time.perf_counter()
    report = Workspace(Settings(data_dir=ingested.data_dir)).ingest([ROOT / "corpus"])
    assert time.perf_counter() - t < 2.0
    assert not report.changed and len(report.unchanged) == 5
    assert stats(Workspace(Settings(data_dir=ingested.data_dir)).store()) == before


def test_a_changed_document_replaces_only_its_own_facts(tmp_path: Path, ingested, corpus_dir: Path):
    data = tmp_path / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    docs = tmp_path / "docs"
    shutil.copytree(corpus_dir, docs)
    ws = Workspace(Settings(data_dir=data))
    graph_of = lambda w, d: sorted(map(tuple, w.store().graph(  # noqa: E731
        __import__("ontology.vocab", fromlist=["graph_iri"]).graph_iri(d))))
    other_before = graph_of(ws, doc_id_for("001_b043079d1ff82c70.txt"))
    f = docs / "004_69a24c394fc29e3e.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("Prioriteit 3: Drugs", "Prioriteit 3: Drugs en alcohol"),
                 encoding="utf-8")
    report = ws.ingest([docs], replace=True)
    assert report.updated == [doc_id_for(f)] and len(report.unchanged) == 4
    ws2 = Workspace(Settings(data_dir=data))
    assert graph_of(ws2, doc_id_for("001_b043079d1ff82c70.txt")) == other_before
    labels = {r["l"].value for r in rows(ws2, 'SELECT ?l WHERE { ?p a ivp:Priority ; rdfs:label ?l }')}
    assert "Drugs en alcohol" in labels and "Drugs" not in labels


def test_a_document_read_under_another_ontology_is_read_again_though_the_state_is_newer(tmp_path: Path, ingested):
    """Each document records the ontology it was read under: an ingest of other files after an upgrade moves the
    state on, and a document it did not touch is still read again when it is ingested next."""
    from kg import state as st

    data = tmp_path / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    current = st.current_state(data)
    manifest = st.read_manifest(current)
    stale = doc_id_for("002_10c0f71726040140.txt")
    assert all(d["ontology"] == manifest["ontology"] for d in manifest["documents"].values())
    manifest["documents"][stale]["ontology"] = "0" * 16  # as read by an older release
    (current / st.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    report = Workspace(Settings(data_dir=data)).ingest([ROOT / "corpus"])
    assert report.updated == [stale] and len(report.unchanged) == 4
    assert st.read_manifest(st.current_state(data))["documents"][stale]["ontology"] == manifest["ontology"]


def test_cli_replaces_a_changed_file_only_with_replace(tmp_path: Path, ingested, corpus_dir: Path):
    data = tmp_path / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    f = tmp_path / "003_6968395b55b7840d.txt"
    f.write_text((corpus_dir / f.name).read_text(encoding="utf-8") + "\n\nExtra alinea over buurtpreventie.\n",
                 encoding="utf-8")
    refused = _cli(data, "ingest", str(f))
    assert refused.returncode == 1 and "--replace" in refused.stderr and "niet vervangen 1" in refused.stdout
    done = _cli(data, "ingest", str(f), "--replace")
    assert done.returncode == 0 and "bijgewerkt 1" in done.stdout, done.stdout


def test_cli_stats_entity_and_export(ingested):
    s = json.loads(_cli(ingested.data_dir, "stats", "--json").stdout)
    assert s["documents"] == 5
    e = json.loads(_cli(ingested.data_dir, "entity", "Zorg- en Veiligheidshuis", "--depth", "2", "--json").stdout)
    assert e["type"] == "partner" and e["id"] == "partner/zvh" or "veiligheidshuis" in e["label"].lower()
    assert {n["depth"] for n in e["neighbors"]} == {1, 2}
    assert all(n["via"] is None for n in e["neighbors"] if n["depth"] == 1)
    assert all(set(n["via"]) == {"id", "label", "type"} for n in e["neighbors"] if n["depth"] == 2)
    ttl = _cli(ingested.data_dir, "export", "--format", "turtle").stdout
    assert "Tweestromenland" in ttl
    bad = _cli(ingested.data_dir, "entity", "Qwertyuiop")
    assert bad.returncode != 0 and "no entity" in bad.stderr


def test_remove_deletes_exactly_one_document(tmp_path: Path, ingested):
    data = tmp_path / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    r = _cli(data, "remove", doc_id_for("003_6968395b55b7840d.txt"))
    assert r.returncode == 0, r.stderr
    ws = Workspace(Settings(data_dir=data))
    assert sorted(ws.store().document_ids()) == sorted(k for k in ingested.manifest()["documents"] if k[:3] != "003")
    assert all(p["document"]["id"][:3] != "003" for p in ws.search_json("Wijchen gemeenteraad", 10)["results"])
    bad = _cli(data, "remove", "nope")
    assert bad.returncode == 1 and "unknown document" in bad.stderr


def test_bad_files_get_one_line_errors_and_the_rest_is_ingested(tmp_path: Path, ingested):
    data = tmp_path / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    before = Workspace(Settings(data_dir=data)).store().triple_count()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "kapot.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n% truncated")
    (docs / "leeg.txt").write_bytes(b"")
    (docs / "ruis.txt").write_bytes(bytes(range(256)) * 20)
    (docs / "latin1.txt").write_bytes("Veiligheid in de gemeente Tiel: café".encode("latin-1"))
    (docs / "goed.md").write_text("# Uitvoeringsplan De Waarden 2025-2026\n\nWe zetten in op buurtpreventie in Buren.\n",
                                  encoding="utf-8")
    r = _cli(data, "ingest", str(docs), str(tmp_path / "plaatje.png"))
    assert r.returncode == 1
    errors = [line for line in r.stderr.splitlines() if line.startswith("fout:")]
    for name in ("kapot.pdf", "leeg.txt", "ruis.txt", "latin1.txt", "plaatje.png"):
        assert any(name in line for line in errors), (name, r.stderr)
    assert "Traceback" not in r.stderr
    ws = Workspace(Settings(data_dir=data))
    assert doc_id_for("goed.md") in ws.manifest()["documents"] and len(ws.manifest()["documents"]) == 6
    assert ws.store().triple_count() > before
