"""Two API processes on one graph server (bench/replicas.py's set-up, with one small plan instead of the corpus).

Beyond tests/test_remote_store.py (one workspace against the server): separate processes answer from the same
facts, and what one of them writes is in the other's graph reads at once.
"""
import os
import shutil
import sys
from pathlib import Path

import httpx
import pytest

from bench import replicas as bench

pytestmark = pytest.mark.slow  # two API processes and the real model, like tests/test_remote_store.py
PLAN = """# Veiligheidsplan Kampen 2024-2027

De gemeente Kampen legt hier vast waar zij op inzet.

## Speerpunt 1: Jeugd

Kampen pakt jeugdoverlast aan met Halt en het jongerenwerk.
"""


@pytest.mark.skipif(shutil.which("oxigraph") is None and not (Path(sys.executable).parent / "oxigraph").exists(),
                    reason="the oxigraph server (PyPI package 'oxigraph') is not installed")
def test_two_replicas_read_one_graph_and_see_each_others_writes(tmp_path):
    from kg.settings import Settings
    from kg.workspace import Workspace

    with bench.graph_server(tmp_path / "oxi") as (graph, _):
        urls = {"IVP_SPARQL_QUERY_URL": graph + "/query", "IVP_SPARQL_UPDATE_URL": graph + "/update"}
        plan = tmp_path / "in" / "veiligheidsplan-kampen.md"
        plan.parent.mkdir()
        plan.write_text(PLAN, encoding="utf-8")
        data = tmp_path / "data"
        ws = Workspace(Settings(data_dir=data, sparql_query_url=urls["IVP_SPARQL_QUERY_URL"],
                                sparql_update_url=urls["IVP_SPARQL_UPDATE_URL"]))
        assert ws.ingest([plan]).added
        env = dict(os.environ, IVP_DATA_DIR=str(data), IVP_API_TOKEN="replica-token", **urls)
        with bench.replicas(2, env) as ((a, b), _):
            read = lambda base, path: httpx.get(base + path, timeout=60).json()  # noqa: E731
            assert read(a, "/api/stats") == read(b, "/api/stats")
            check = bench.write_check(a, b, graph, "replica-token")
            assert check["ok"], check
            doc = f"/api/documents/{check['doc']}"
            assert read(a, doc) == read(b, doc) and read(a, doc)["actions"]
            assert read(a, "/api/actions") == read(b, "/api/actions")
