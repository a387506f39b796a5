"""Security headers on every kind of response, and API docs that load nothing from outside this server.

Against the real app under uvicorn on loopback (the session `server` fixture); the 500 case runs the real app
in-process, because no route of the real server fails on purpose.
"""
from __future__ import annotations

import asyncio
import re

import httpx
import pytest


EXPECTED = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
STRICT = ("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'")


def assert_secured(response: httpx.Response) -> None:
    """The response carries the strict policy and each of the other security headers."""
    csp = response.headers.get("content-security-policy", "")
    for directive in STRICT:
        assert directive in csp, f"{response.request.url}: {directive!r} missing from {csp!r}"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, csp
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, f"{response.request.url}: {name} is {response.headers.get(name)!r}"


@pytest.mark.parametrize("path, status, kind", [
    ("/api/health", 200, "application/json"),
    ("/api/no-such-thing", 404, "application/json"),
    ("/api/search?q=%20", 422, "application/json"),
    ("/static/style.css", 200, "text/css"),
    ("/static/vendor/cytoscape.min.js", 200, "text/javascript"),
    ("/", 200, "text/html"),
    ("/docs", 200, "text/html"),
    ("/docs/assets/swagger-ui-bundle.js", 200, "text/javascript"),
    ("/openapi.json", 200, "application/json"),
])
def test_every_kind_of_response_carries_the_security_headers(server, path, status, kind):
    r = httpx.get(server + path, timeout=30)
    assert r.status_code == status, r.text[:200]
    assert r.headers["content-type"].startswith(kind)
    assert_secured(r)


def test_an_unhandled_error_still_carries_them(ingested, monkeypatch):
    """A 500 is answered by Starlette's outermost ServerErrorMiddleware: the headers must sit outside it."""
    from api import deps
    from api.app import create_app

    monkeypatch.setenv("IVP_DATA_DIR", str(ingested.data_dir))
    deps.workspace.cache_clear()
    try:
        app = create_app()

        @app.get("/boom")
        def boom() -> None:
            raise RuntimeError("deliberate")

        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)

        async def fetch() -> httpx.Response:
            async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
                return await client.get("/boom")

        r = asyncio.run(fetch())
    finally:
        deps.workspace.cache_clear()
    assert r.status_code == 500
    assert r.json()["error"]["message"] == "internal error (RuntimeError)"
    assert_secured(r)


def test_docs_page_loads_only_local_files_and_no_inline_script(server):
    page = httpx.get(server + "/docs", timeout=30).text
    urls = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert urls and all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts), scripts
    for url in urls:
        assert httpx.get(server + url, timeout=30).status_code == 200, url
    schema = httpx.get(server + "/openapi.json", timeout=30).json()
    assert schema["info"]["title"] == "ivp-kg" and "/api/search" in schema["paths"]


@pytest.mark.parametrize("path", ["/redoc", "/docs/assets/index.html", "/docs/assets/swagger-initializer.js",
                                  "/docs/assets/..%2F..%2F__init__.py"])
def test_only_the_docs_assets_the_page_needs_are_served(server, path):
    """The package's own demo page and initializer point at the public petstore: not ours to serve."""
    assert httpx.get(server + path, timeout=30).status_code == 404

