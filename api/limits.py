"""Request bodies are limited while they stream, chunked ones included, before any route reads them.

A `Content-Length` header is only a claim and chunked bodies carry none, so the limit is enforced on
the bytes actually received: the moment a body passes its route's limit, reading stops and the client
gets a 413. Nothing is buffered or spooled beyond the limit.
"""
from __future__ import annotations

import json
from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SMALL_BODY = 64_000  # routes that take no body, or only a small JSON/form one
SPARQL_BODY = 100_000
MULTIPART_OVERHEAD = 64_000  # boundaries and part headers around an uploaded file


class BodyTooLarge(HTTPException):
    """Raised from `receive` when a body passes its limit; an HTTPException, so every layer passes it on."""

    def __init__(self, limit: int):
        super().__init__(413, f"request body too large (limit {limit} bytes)")


def route_limit(upload_bytes: int) -> Callable[[str, str], int]:
    """The body limit per route: uploads get the configured file size, SPARQL its query size, the rest little."""
    def limit(method: str, path: str) -> int:
        if method == "POST" and path.rstrip("/") == "/api/documents":
            return upload_bytes + MULTIPART_OVERHEAD
        if path.rstrip("/") == "/sparql":
            return SPARQL_BODY
        return SMALL_BODY
    return limit


class BodyLimit:
    """Pure ASGI middleware: counts received body bytes and refuses a body as soon as it passes the limit."""

    def __init__(self, app: ASGIApp, limit: Callable[[str, str], int]):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit(scope["method"], scope["path"])
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(send, limit)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await _refuse(send, limit)


async def _refuse(send: Send, limit: int) -> None:
    body = json.dumps({"error": {"status": 413, "message": f"request body too large (limit {limit} bytes)"}}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
