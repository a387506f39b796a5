"""The remote SPARQL store against a real Oxigraph server: same facts, same answers as the embedded store."""
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest

from ingest.pipeline import extract_file
from kg.compare import compare
from kg.mapping import document_triples
from kg.queries import stats
from kg.remote import RemoteStore
from ontology.labels import load_ontology_graph
from ontology.vocab import ONTOLOGY_GRAPH, graph_iri
from kg.answer import actions_about

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.skip("the oxigraph server (PyPI package 'oxigraph') is not installed")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path_factory.mktemp("oxi")), "--bind",
                             f"127.0.0.1:{port}", "--union-default-graph"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(10)


def test_same_ingest_same_answers(oxigraph_server, ingested, corpus_dir):
    remote = RemoteStore(oxigraph_server + "/query", oxigraph_server + "/update")
    remote.replace_graph(ONTOLOGY_GRAPH, iter(load_ontology_graph()))
    for f in sorted(corpus_dir.glob("*.txt")):
        doc = extract_file(f, ingested.labels)
        remote.replace_graph(graph_iri(doc.doc_id), document_triples(doc))
    local = ingested.store()
    lineage = [g for g in local.graph_ids() if g.endswith("/lineage")]
    for g in lineage:  # computed after ingest from all plans; copied as is
        remote.replace_graph(g, local.graph(g))

    assert sorted(remote.document_ids()) == sorted(local.document_ids())
    assert stats(remote) == stats(local)
    assert compare(remote, ingested.labels, "Tweestromenland", "De Waarden") == \
        compare(local, ingested.labels, "Tweestromenland", "De Waarden")
    bibob = {c.iri for c in ingested.labels.lookup("Bibob")}
    assert actions_about(remote, bibob) == actions_about(local, bibob)

    remote.remove_graph(graph_iri(local.document_ids()[0]))
    assert len(remote.document_ids()) == len(local.document_ids()) - 1


def test_workspace_on_a_shared_graph_server_answers_like_the_embedded_one(oxigraph_server, ingested, tmp_path):
    """IVP_SPARQL_QUERY_URL/UPDATE_URL: the facts live on the server, passages and indexes stay local."""
    from kg.settings import Settings
    from kg.workspace import Workspace

    RemoteStore(oxigraph_server + "/query", oxigraph_server + "/update").update("DROP ALL")
    data = tmp_path / "data"
    shutil.copytree(ingested.data_dir / "cache", data / "cache")  # vectors already encoded this session
    ws = Workspace(Settings(data_dir=data, sparql_query_url=oxigraph_server + "/query",
                            sparql_update_url=oxigraph_server + "/update"))
    report = ws.ingest([ingested.settings.sample_corpus])
    assert len(report.added) == 5 and not report.errors
    assert not (next((data / "states").iterdir()) / "store").exists(), "no local graph store"
    assert stats(ws.store()) == stats(ingested.store())
    assert ws.compare("Tweestromenland", "De Waarden") == ingested.compare("Tweestromenland", "De Waarden")
    strip = lambda acts: sorted((a["id"], a["status"], a["owner"], [f["id"] for f in a["follow_ups"]]) for a in acts)  # noqa: E731
    assert strip(ws.actions()) == strip(ingested.actions())
    q = "what are we doing on mensenhandel"
    assert ws.search_json(q, 5) == ingested.search_json(q, 5)
    assert ws.entity("partner/riec", 1)["neighbors"] == ingested.entity("partner/riec", 1)["neighbors"]
