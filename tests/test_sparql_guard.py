"""The SPARQL guard decides from the parsed query; the worker's sandbox denies the network regardless."""
import subprocess
import sys
import textwrap
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from api.sparql_guard import QueryInvalid, QueryRefused, read_form

FEDERATED = [
    # the outside test's reproduction: '<' and '>' in FILTERs around a prefixed-name endpoint
    "PREFIX : <http://127.0.0.1:9/> SELECT * WHERE { OPTIONAL{FILTER(1<2)SERVICE:sparql{?x?p?o}FILTER(3>2)} }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { { SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } } }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "SELECT * WHERE { BIND(<http://127.0.0.1:9/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "ASK { sErViCe <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { # SELECT\n SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "PREFIX s: <http://127.0.0.1:9/> SELECT * WHERE { ?a ?b \"SERVICE\" MINUS { SERVICE s: { ?s ?p ?o } } }",
]
HARMLESS = [
    ("SELECT ?insert WHERE { ?insert ?p ?o } LIMIT 1", "SELECT"),
    ("PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:service ?o }", "SELECT"),
    ("SELECT * WHERE { ?s ?p \"SERVICE <http://x/> { }\" }", "SELECT"),
    ("# INSERT DATA { <a:b> <a:c> <a:d> }\nASK { ?s ?p ?o }", "ASK"),
    ("DESCRIBE <https://ivp-kg.nl/id/basisteam/tweestromenland>", "DESCRIBE"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3", "CONSTRUCT"),
]
UPDATES = ["INSERT DATA { <a:b> <a:c> <a:d> }", "LOAD <http://127.0.0.1:9/data.ttl>", "CLEAR ALL",
           "DELETE WHERE { ?s ?p ?o }", "PREFIX : <a:> DROP GRAPH :g"]


@pytest.mark.parametrize("query", FEDERATED)
def test_federation_is_refused_wherever_it_hides(query):
    with pytest.raises(QueryRefused, match="SERVICE"):
        read_form(query)


@pytest.mark.parametrize("query,form", HARMLESS)
def test_keywords_in_names_strings_and_comments_do_not_refuse_a_read(query, form):
    assert read_form(query) == form


@pytest.mark.parametrize("query", UPDATES)
def test_updates_are_refused_as_updates(query):
    with pytest.raises(QueryRefused, match="read-only"):
        read_form(query)


def test_garbage_is_invalid_not_refused():
    with pytest.raises(QueryInvalid):
        read_form("SELECT WHERE {")


class _Counter(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        self.hits.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture()
def listener():
    """A loopback HTTP server that records every request it gets."""
    _Counter.hits = []
    srv = HTTPServer(("127.0.0.1", 0), _Counter)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/", _Counter.hits
    srv.shutdown()


def _run_service_query(url: str, sandboxed: bool) -> subprocess.CompletedProcess:
    code = textwrap.dedent(f"""
        import pyoxigraph as ox
        from api.sandbox import deny_network, network_denied
        if {sandboxed}:
            deny_network()
            assert network_denied()
        try:
            list(ox.Store().query("SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}"))
        except Exception as exc:
            print("failed:", exc)
    """)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_the_engine_makes_the_call_without_the_sandbox(listener):
    """The control: pyoxigraph does federate when nothing stops it, so the next test can fail."""
    url, hits = listener
    _run_service_query(url, sandboxed=False)
    assert hits, "pyoxigraph made no HTTP call: the sandbox test below would prove nothing"


def test_the_sandboxed_worker_cannot_reach_any_host(listener):
    url, hits = listener
    run = _run_service_query(url, sandboxed=True)
    assert run.returncode == 0, run.stderr
    assert "failed:" in run.stdout
    assert hits == []
