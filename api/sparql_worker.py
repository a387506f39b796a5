"""SPARQL queries run in a separate, killable process.

Oxigraph has no query timeout, and a runaway query would keep a core busy long after the HTTP
request gave up. The worker is started with `spawn` (never a fork of a process holding a model),
answers one query at a time, and is killed and replaced when a query passes the time limit.
"""
from __future__ import annotations

import csv
import io
import json
import multiprocessing as mp
import threading
from pathlib import Path


class SparqlTimeout(Exception):
    pass


class SparqlFailed(Exception):
    """The query is wrong (syntax, evaluation): a client error."""


class SparqlRunner:
    def __init__(self) -> None:
        self._ctx = mp.get_context("spawn")
        self._proc = None
        self._conn = None
        self._lock = threading.Lock()

    def _start(self) -> None:
        parent, child = self._ctx.Pipe()
        self._proc = self._ctx.Process(target=_serve, args=(child,), daemon=True, name="ivp-sparql")
        self._proc.start()
        self._conn = parent

    def _stop(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(5)
        self._proc = self._conn = None

    def run(self, store_path: Path, query: str, form: str, limit: int, media: str, timeout: float) -> tuple[bytes, str]:
        with self._lock:
            if self._proc is None or not self._proc.is_alive():
                self._start()
            self._conn.send((str(store_path), query, form, limit, media))
            if not self._conn.poll(timeout):
                self._stop()
                raise SparqlTimeout(f"query exceeded the time limit of {timeout:g} s")
            try:
                status, payload, ctype = self._conn.recv()
            except EOFError:
                self._stop()
                raise SparqlFailed("the query worker died") from None
        if status != "ok":
            raise SparqlFailed(payload)
        return payload, ctype

    def close(self) -> None:
        with self._lock:
            self._stop()


def _serve(conn) -> None:  # pragma: no cover  (runs in the worker process)
    import pyoxigraph as ox

    stores: dict[str, ox.Store] = {}
    while True:
        try:
            path, query, form, limit, media = conn.recv()
        except EOFError:
            return
        try:
            if path not in stores:
                stores.clear()
                stores[path] = ox.Store.read_only(path)
            result = stores[path].query(query, use_default_graph_as_union=True)
            body, ctype = _format(ox, result, form, limit, media)
            conn.send(("ok", body, ctype))
        except SyntaxError as exc:
            conn.send(("error", f"SPARQL syntax error: {exc}", None))
        except Exception as exc:  # evaluation errors of any kind are the query's
            conn.send(("error", f"query failed: {exc}", None))


def _format(ox, result, form: str, limit: int, media: str) -> tuple[bytes, str]:
    if form == "ASK":
        if "csv" in media:
            return f"_askResult\n{'true' if bool(result) else 'false'}\n".encode(), "text/csv"
        return json.dumps({"head": {}, "boolean": bool(result)}).encode(), "application/sparql-results+json"
    if form in ("CONSTRUCT", "DESCRIBE"):
        triples = [t for _, t in zip(range(limit), result)]
        if "n-triples" in media:
            return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), "application/n-triples"
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE), "text/turtle"
    variables = [v.value for v in result.variables]
    rows = [{v: sol[v] for v in variables if sol[v] is not None} for _, sol in zip(range(limit), result)]
    if "csv" in media:
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(variables)
        for r in rows:
            w.writerow([r[v].value if v in r else "" for v in variables])
        return buf.getvalue().encode(), "text/csv"
    bindings = [{v: _term(ox, t) for v, t in r.items()} for r in rows]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}).encode(), \
        "application/sparql-results+json"


def _term(ox, t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = t.datatype.value
    return out
