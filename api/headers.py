"""Security headers on every HTTP response: JSON, errors (500s included), static files, the web app and /docs.

A pure ASGI middleware rather than `@app.middleware("http")`: it only rewrites the `http.response.start` message,
so it never buffers or re-wraps bodies (file and streaming responses pass through untouched), and `install`
puts it outside Starlette's ServerErrorMiddleware so that even the JSON for an unhandled exception carries them.
"""
from __future__ import annotations

import base64
import hashlib

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Cytoscape (static/vendor) injects exactly this one <style> element into <head> the first time it draws a graph.
# Allowing its hash keeps style-src free of 'unsafe-inline'; if a cytoscape upgrade changes the text, the browser
# test's CSP-violation check fails and says so.
CYTOSCAPE_STYLE = ".__________cytoscape_container { position: relative; }"


def style_hash(css: str) -> str:
    """The CSP source expression that allows exactly one inline <style> text and nothing else."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"


# Scripts only from files we serve (no inline script, no eval); styles from files plus the one hash above;
# `data:` images for the favicon placeholder and the SVG icons inside Swagger UI's stylesheet.
CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    f"style-src 'self' {style_hash(CYTOSCAPE_STYLE)}",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))

# same-origin rather than no-referrer: with no-referrer browsers send `Origin: null` on same-origin POSTs,
# which would defeat any Origin check on writes; cross-origin requests get no referrer either way.
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
)


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to each HTTP response; a response that sets one itself keeps it."""

    def __init__(self, app: ASGIApp, headers: tuple[tuple[str, str], ...] = SECURITY_HEADERS) -> None:
        self.app = app
        self.headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers:
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install(app: Starlette) -> None:
    """Wrap the app's whole middleware stack in SecurityHeaders.

    `app.add_middleware` would sit inside ServerErrorMiddleware, whose 500 responses would then go out bare;
    wrapping what `build_middleware_stack` returns puts the headers outside everything, whatever else is added.
    """
    build = app.build_middleware_stack

    def build_with_headers() -> ASGIApp:
        return SecurityHeaders(build())

    app.build_middleware_stack = build_with_headers  # type: ignore[method-assign]
