"""SPARQL queries run in separate, killable, network-less processes, behind a bounded queue.

Oxigraph has no query timeout, and a runaway query would keep a core busy long after the HTTP
request gave up. So queries run in worker processes (started with `spawn`, never a fork of a process
holding a model), each answering one query at a time. The pool is driven from the event loop without
the shared threadpool, so SPARQL can never take threads or the loop from the rest of the app:

- a request's deadline counts from its arrival, queueing included;
- when every worker is busy and the queue is full, the answer is an immediate `SparqlBusy` (503);
- a query past its deadline, or whose client has gone, is stopped by killing its worker;
- results are limited in rows and in bytes, and refused (not truncated) past either limit.
"""
from __future__ import annotations

import asyncio
import csv
import io
import json
import math
import multiprocessing as mp
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path


class SparqlTimeout(Exception):
    pass


class SparqlBusy(Exception):
    """Every worker is busy and the queue is full; `retry_after` is a whole number of seconds."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class SparqlFailed(Exception):
    """The query is wrong (syntax, evaluation, too large a result): a client error."""


class SparqlRefused(Exception):
    """The query asks for what this endpoint does not do: an update, federation."""


class ClientGone(Exception):
    """The client disconnected; its query was stopped."""


@dataclass(frozen=True)
class Limits:
    timeout_s: float
    max_rows: int
    max_bytes: int


class _Worker:
    """One worker process and its end of the pipe."""

    def __init__(self, ctx) -> None:
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child,), daemon=True, name="ivp-sparql")
        self.proc.start()
        child.close()
        self.conn = parent

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class SparqlPool:
    """A few workers, a bounded queue, deadlines from arrival; used from the event loop only."""

    def __init__(self, workers: int = 1, queue: int = 8) -> None:
        self._ctx = mp.get_context("spawn")
        self._size = max(1, workers)
        self._queue = max(0, queue)
        self._idle: asyncio.Queue[_Worker | None] | None = None
        self._io = ThreadPoolExecutor(max_workers=self._size, thread_name_prefix="ivp-sparql-io")
        self._waiting = 0

    def _slots(self) -> asyncio.Queue:
        if self._idle is None:  # created inside the running loop; workers start lazily
            self._idle = asyncio.Queue()
            for _ in range(self._size):
                self._idle.put_nowait(None)
        return self._idle

    async def run(self, store_path: Path, query: str, media: str, limits: Limits,
                  gone: Callable[[], Awaitable[bool]] | None = None) -> tuple[bytes, str]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limits.timeout_s
        slots = self._slots()
        if slots.empty() and self._waiting >= self._queue:
            raise SparqlBusy("the SPARQL endpoint is busy: every worker is running a query and the queue is full",
                             max(1, math.ceil(limits.timeout_s)))
        self._waiting += 1
        try:
            worker = await asyncio.wait_for(slots.get(), max(0.0, deadline - loop.time()))
        except asyncio.TimeoutError:
            raise SparqlTimeout(f"the query waited past the time limit of {limits.timeout_s:g} s "
                                "for a free worker") from None
        finally:
            self._waiting -= 1
        try:
            if gone is not None and await gone():
                raise ClientGone("the client disconnected while its query waited")
            if worker is None or not worker.proc.is_alive():
                worker = await loop.run_in_executor(self._io, _Worker, self._ctx)
            answer = await self._ask(worker, (str(store_path), query, media, limits.max_rows, limits.max_bytes),
                                     deadline, limits.timeout_s, gone)
        except BaseException:
            if worker is not None:
                await loop.run_in_executor(self._io, worker.kill)
            slots.put_nowait(None)  # a fresh worker is started for the next query
            raise
        slots.put_nowait(worker)
        status, payload, ctype = answer
        if status == "refused":
            raise SparqlRefused(payload)
        if status != "ok":
            raise SparqlFailed(payload)
        return payload, ctype

    async def _ask(self, worker: _Worker, request: tuple, deadline: float, timeout_s: float,
                   gone: Callable[[], Awaitable[bool]] | None) -> tuple:
        loop = asyncio.get_running_loop()
        worker.conn.send(request)
        ready = loop.create_future()
        loop.add_reader(worker.conn.fileno(), lambda: ready.done() or ready.set_result(None))
        try:
            while not ready.done():
                left = deadline - loop.time()
                if left <= 0:
                    raise SparqlTimeout(f"query exceeded the time limit of {timeout_s:g} s")
                await asyncio.wait([ready], timeout=min(left, 0.25))
                if not ready.done() and gone is not None and await gone():
                    raise ClientGone("the client disconnected; its query was stopped")
        finally:
            loop.remove_reader(worker.conn.fileno())
        try:
            return await loop.run_in_executor(self._io, worker.conn.recv)
        except EOFError:
            raise SparqlFailed("the query worker died") from None

    async def close(self) -> None:
        if self._idle is None:
            return
        while not self._idle.empty():
            worker = self._idle.get_nowait()
            if worker is not None:
                worker.kill()


def _serve(conn) -> None:  # pragma: no cover  (runs in the worker process)
    import os

    from .sandbox import SandboxUnavailable, deny_network, network_denied

    os.nice(10)  # a runaway query gets the cores the API process leaves, never the other way round

    try:
        deny_network()
        sandboxed = network_denied()
    except SandboxUnavailable:
        sandboxed = False
    import pyoxigraph as ox

    from .sparql_guard import QueryInvalid, QueryRefused, read_form

    stores: dict[str, ox.Store] = {}
    while True:
        try:
            path, query, media, max_rows, max_bytes = conn.recv()
        except EOFError:
            return
        if not sandboxed:
            conn.send(("error", "SPARQL is disabled on this server: the query sandbox could not be installed", None))
            continue
        try:
            form = read_form(query)
            if path not in stores:
                stores.clear()
                stores[path] = ox.Store.read_only(path)
            result = stores[path].query(query, use_default_graph_as_union=True)
            body, ctype = _format(ox, result, form, media, _Budget(max_rows, max_bytes))
            conn.send(("ok", body, ctype))
        except QueryRefused as exc:
            conn.send(("refused", str(exc), None))
        except (QueryInvalid, ResultTooLarge) as exc:
            conn.send(("error", str(exc), None))
        except SyntaxError as exc:
            conn.send(("error", f"SPARQL syntax error: {exc}", None))
        except Exception as exc:  # evaluation errors of any kind are the query's
            conn.send(("error", f"query failed: {exc}", None))


class ResultTooLarge(Exception):
    pass


class _Budget:
    """Rows and bytes a result may take; refused past either, never silently cut."""

    def __init__(self, rows: int, size: int) -> None:
        self.rows, self.size = rows, size
        self.used_rows = self.used_bytes = 0

    def take(self, nbytes: int) -> None:
        self.used_rows += 1
        self.used_bytes += nbytes
        if self.used_rows > self.rows:
            raise ResultTooLarge(f"the result has more than {self.rows} rows; add a LIMIT")
        if self.used_bytes > self.size:
            raise ResultTooLarge(f"the result is larger than {self.size} bytes; add a LIMIT or select less")


def _format(ox, result, form: str, media: str, budget: _Budget) -> tuple[bytes, str]:
    if form == "ASK":
        if "csv" in media:
            return f"_askResult\n{'true' if bool(result) else 'false'}\n".encode(), "text/csv"
        return json.dumps({"head": {}, "boolean": bool(result)}).encode(), "application/sparql-results+json"
    if form in ("CONSTRUCT", "DESCRIBE"):
        fmt, ctype = (ox.RdfFormat.N_TRIPLES, "application/n-triples") if "n-triples" in media \
            else (ox.RdfFormat.TURTLE, "text/turtle")
        triples = []
        for t in result:
            budget.take(len(str(t)))
            triples.append(t)
        return ox.serialize(triples, format=fmt), ctype
    variables = [v.value for v in result.variables]
    if "csv" in media:
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(variables)
        for sol in result:
            before = buf.tell()
            w.writerow([sol[v].value if sol[v] is not None else "" for v in variables])
            budget.take(buf.tell() - before)
        return buf.getvalue().encode(), "text/csv"
    rows = []
    for sol in result:
        row = json.dumps({v: _term(ox, sol[v]) for v in variables if sol[v] is not None}, ensure_ascii=False)
        budget.take(len(row.encode()))
        rows.append(row)
    head = json.dumps({"vars": variables})
    return f'{{"head": {head}, "results": {{"bindings": [{", ".join(rows)}]}}}}'.encode(), \
        "application/sparql-results+json"


def _term(ox, t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Triple):
        return {"type": "triple", "value": {"subject": _term(ox, t.subject), "predicate": _term(ox, t.predicate),
                                            "object": _term(ox, t.object)}}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = t.datatype.value
    return out
