"""The files people ingested, kept as they were, so a reader can download the original and not only the
text read from it. Stored once per content (by SHA-256 and extension) outside the versioned states: a
state switch never copies them, and two names for the same bytes share one file."""
from __future__ import annotations

import mimetypes
import os
import shutil
import threading
from pathlib import Path

FOLDER = "originals"
_TYPES = {".md": "text/markdown; charset=utf-8", ".txt": "text/plain; charset=utf-8",
          ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8"}


def original_path(data_dir: Path, sha256: str, source_name: str) -> Path:
    return Path(data_dir) / FOLDER / f"{sha256}{Path(source_name).suffix.lower()}"


def keep(data_dir: Path, source: Path, sha256: str) -> Path:
    """Copy `source` into the store of originals unless its content is there already; atomic (copy, sync,
    rename), so a crash leaves either no file or the whole one."""
    target = original_path(data_dir, sha256, source.name)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with open(source, "rb") as src, open(tmp, "wb") as dst:
        shutil.copyfileobj(src, dst)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(tmp, target)
    return target


def forget(data_dir: Path, sha256: str, source_name: str, still_used: set[str]) -> None:
    """Delete an original no stored document refers to any more (`still_used`: their SHA-256s)."""
    if sha256 not in still_used:
        original_path(data_dir, sha256, source_name).unlink(missing_ok=True)


def content_type(source_name: str) -> str:
    suffix = Path(source_name).suffix.lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(source_name)[0] or "application/octet-stream"
