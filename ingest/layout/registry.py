"""File extension -> layout builder, filled by registration so that a new format is a new module.

`build_layout` does the checks every format shares (the file exists, is a regular file, is not
empty or too large) and hands over to the builder registered for the extension; the builders do
their own format checks and raise `IngestError` with the reason.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..model import IngestError
from .model import Layout

Builder = Callable[[Path], Layout]
_BUILDERS: dict[str, Builder] = {}
MAX_BYTES = 50_000_000


def register(*extensions: str) -> Callable[[Builder], Builder]:
    """Decorator: `@register(".txt")` makes the function the builder for those extensions."""

    def add(builder: Builder) -> Builder:
        for ext in extensions:
            _BUILDERS[ext.lower()] = builder
        return builder

    return add


def supported() -> tuple[str, ...]:
    return tuple(sorted(_BUILDERS))


def build_layout(path: Path | str, max_bytes: int = MAX_BYTES) -> Layout:
    """The layout of one file, or an `IngestError` that says why there is none."""
    path = Path(path)
    if not path.exists():
        raise IngestError(path, "file not found")
    if not path.is_file():
        raise IngestError(path, "not a regular file")
    builder = _BUILDERS.get(path.suffix.lower())
    if builder is None:
        shown = path.suffix or "(none)"
        raise IngestError(path, f"unsupported file type {shown}; supported: {', '.join(supported())}")
    _check_size(path, max_bytes)
    layout = builder(path)
    layout.source = path.name
    return layout


def _check_size(path: Path, max_bytes: int) -> None:
    size = path.stat().st_size
    if size == 0:
        raise IngestError(path, "empty file")
    if size > max_bytes:
        raise IngestError(path, f"file too large ({size / 1e6:.1f} MB; limit {max_bytes / 1e6:.1f} MB)")
