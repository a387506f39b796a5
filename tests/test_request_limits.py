"""Against a real server: SPARQL cannot starve the app, federation reaches nobody, bodies are capped as they stream."""
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlparse

import httpx
import pytest

from tests.conftest import running_server

pytestmark = pytest.mark.slow
TOKEN = "limits-token"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def limited(ingested):
    """One SPARQL worker, a queue of 2, a 4 s deadline, a 20 kB result budget, 100 kB uploads."""
    with running_server(ingested.data_dir, IVP_API_TOKEN=TOKEN, IVP_SPARQL_TIMEOUT="4", IVP_SPARQL_WORKERS="1",
                        IVP_SPARQL_QUEUE="2", IVP_SPARQL_MAX_BYTES="20000", IVP_MAX_UPLOAD_BYTES="100000") as base:
        yield base


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"leak"}}]}}')

    do_POST = do_GET

    def log_message(self, *args):
        pass


def test_the_reported_ssrf_reaches_no_host(limited):
    _Recorder.hits = []
    srv = HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        port = srv.server_address[1]
        q = (f"PREFIX : <http://127.0.0.1:{port}/> SELECT * WHERE {{ OPTIONAL{{FILTER(1<2)SERVICE:sparql{{?x?p?o}}"
             "FILTER(3>2)} }")
        r = httpx.get(limited + "/sparql", params={"query": q}, timeout=30)
        assert r.status_code == 403 and "SERVICE" in r.json()["error"]["message"]
        form = httpx.post(limited + "/sparql", data={"query": q}, timeout=30)
        assert form.status_code == 403
        assert "leak" not in r.text + form.text and _Recorder.hits == []
    finally:
        srv.shutdown()


def test_harmless_names_that_look_like_keywords_are_answered(limited):
    q = "PREFIX ex: <http://example.org/> SELECT ?insert WHERE { ?insert ex:service ?o } LIMIT 1"
    r = httpx.get(limited + "/sparql", params={"query": q}, timeout=30)
    assert r.status_code == 200, r.text
    assert r.json()["head"]["vars"] == ["insert"]


def test_results_are_limited_in_bytes_not_only_rows(limited):
    r = httpx.get(limited + "/sparql", params={"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5000"}, timeout=30)
    assert r.status_code == 400 and "20000 bytes" in r.json()["error"]["message"]
    small = httpx.get(limited + "/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5"}, timeout=30)
    assert small.status_code == 200 and len(small.json()["results"]["bindings"]) == 5


def test_slow_queries_never_stop_the_rest_of_the_app(limited):
    """Far more slow queries than workers and queue: the surplus gets a fast 503, health and search stay fast."""
    assert httpx.get(limited + "/api/search", params={"q": "jeugd", "k": 3}, timeout=60).status_code == 200  # model loaded
    with ThreadPoolExecutor(12) as pool:
        slow = [pool.submit(httpx.get, limited + "/sparql", params={"query": SLOW}, timeout=30) for _ in range(10)]
        time.sleep(1.0)
        for path, params in (("/api/health", {}), ("/api/search", {"q": "drugs", "k": 3}), ("/", {})):
            t = time.perf_counter()
            r = httpx.get(limited + path, params=params, timeout=10)
            assert r.status_code == 200 and time.perf_counter() - t < 1.0, (path, time.perf_counter() - t)
        answers = [f.result() for f in slow]
    codes = sorted(a.status_code for a in answers)
    busy = [a for a in answers if "busy" in a.text]
    assert codes == [503] * 10, codes  # 1 ran and 2 waited past the 4 s deadline; 7 were turned away at once
    assert len(busy) == 7 and all(a.headers.get("retry-after", "").isdigit() for a in busy)
    ok = httpx.get(limited + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert ok.status_code == 200 and ok.json()["boolean"] is True


def test_a_query_whose_client_left_is_stopped(limited):
    """A client that gives up frees the worker: the next query does not wait out the 4 s deadline."""
    u = urlparse(limited)
    with socket.create_connection((u.hostname, u.port)) as s:
        path = "/sparql?" + str(httpx.QueryParams({"query": SLOW}))
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        time.sleep(0.8)
    t = time.perf_counter()
    r = httpx.get(limited + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert r.status_code == 200
    assert time.perf_counter() - t < 2.5


def _chunked(base: str, path: str, headers: dict[str, str], chunks: int, first: bytes = b"") -> tuple[int, int]:
    """Send a chunked body of up to `chunks` x 64 kB; returns (status, chunks sent before the answer came)."""
    u = urlparse(base)
    s = socket.create_connection((u.hostname, u.port), timeout=10)
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    s.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n{head}\r\n".encode())
    if first:
        s.sendall(b"%x\r\n" % len(first) + first + b"\r\n")
    piece = b"a" * 65536
    sent = 0
    s.setblocking(False)
    reply = b""
    try:
        for sent in range(1, chunks + 1):
            try:
                reply += s.recv(4096)
            except BlockingIOError:
                pass
            if reply:
                break
            try:
                s.sendall(b"%x\r\n" % len(piece) + piece + b"\r\n")
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                pass
            time.sleep(0.01)  # a slow client: the server has time to answer before the kernel buffers fill
        s.setblocking(True)
        s.settimeout(10)
        while b"\r\n" not in reply:
            more = s.recv(4096)
            if not more:
                break
            reply += more
    finally:
        s.close()
    return int(reply.split(b" ", 2)[1]), sent


def test_a_chunked_sparql_body_is_cut_off_at_the_limit(limited):
    status, sent = _chunked(limited, "/sparql", {"Content-Type": "application/sparql-query"}, 400)
    assert status == 413 and sent < 40


def test_a_chunked_upload_without_token_is_refused_before_its_body_is_read(limited):
    status, sent = _chunked(limited, "/api/documents", {"Content-Type": "multipart/form-data; boundary=x"}, 400)
    assert status == 401 and sent < 40


def test_a_chunked_upload_with_token_is_cut_off_at_the_upload_limit(limited):
    part = (b'--x\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
            b"Content-Type: text/plain\r\n\r\n")
    status, sent = _chunked(limited, "/api/documents", {"Content-Type": "multipart/form-data; boundary=x",
                                                        "Authorization": f"Bearer {TOKEN}"}, 400, part)
    assert status == 413 and sent < 40


def test_the_body_limit_holds_for_any_route_that_reads_a_body():
    """The middleware itself, on a tiny app that reads whatever it is sent, with a streamed (chunked) body."""
    import asyncio

    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from api.limits import BodyLimit

    async def echo(request: Request) -> PlainTextResponse:
        return PlainTextResponse(str(len(await request.body())))

    app = BodyLimit(Starlette(routes=[Route("/any", echo, methods=["POST"])]), lambda method, path: 1000)

    async def body(n: int):
        for _ in range(n):
            yield b"a" * 300

    async def send(n: int) -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            return await client.post("/any", content=body(n))

    assert asyncio.run(send(3)).text == "900"
    assert asyncio.run(send(4)).status_code == 413
