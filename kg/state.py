"""Atomic states of the data directory: build the next state beside the current one, then switch.

Layout::

    DATA_DIR/CURRENT            name of the active state (replaced with os.replace)
    DATA_DIR/states/<name>/     store/ (Oxigraph), and whatever the search layer keeps
    DATA_DIR/cache/             content-addressed caches (vectors), safe to share
    DATA_DIR/.lock              one writer at a time

A crash or kill before the switch leaves CURRENT pointing at the previous, complete state;
the half-built directory is swept by the next writer. Readers that still hold the previous
state keep working because the last few states are kept.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

KEEP_STATES = 3
MANIFEST = "manifest.json"


class StateError(Exception):
    """The data directory cannot be used; the message says what to do."""


def current_state(data_dir: Path) -> Path | None:
    """The active state directory, or None for an empty data directory."""
    pointer = Path(data_dir) / "CURRENT"
    if not pointer.exists():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    path = Path(data_dir) / "states" / name
    if not (path / MANIFEST).exists():
        raise StateError(f"the active state {name} is incomplete; run `ivp reindex` or re-ingest")
    return path


def read_manifest(state: Path | None) -> dict:
    if state is None:
        return {"documents": {}}
    return json.loads((state / MANIFEST).read_text(encoding="utf-8"))


@contextmanager
def writer_lock(data_dir: Path):
    """Serialise writers (two ingests at once would race for CURRENT)."""
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    with open(Path(data_dir) / ".lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise StateError("another ingest is writing to the data directory; try again when it is done") from exc
        yield


def new_state_dir(data_dir: Path) -> Path:
    states = Path(data_dir) / "states"
    states.mkdir(parents=True, exist_ok=True)
    name = time.strftime("%Y%m%dT%H%M%S") + f"-{time.time_ns() % 1_000_000_000:09d}"
    path = states / name
    path.mkdir()
    return path


def commit_state(data_dir: Path, state: Path, manifest: dict) -> None:
    """Make `state` the active one: manifest last, then an atomic pointer switch."""
    write_atomic(state / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    fsync_dir(state)
    write_atomic(Path(data_dir) / "CURRENT", state.name)
    fsync_dir(Path(data_dir))
    sweep(data_dir)


def abandon_state(state: Path) -> None:
    shutil.rmtree(state, ignore_errors=True)


def sweep(data_dir: Path) -> None:
    """Remove half-built states and all but the newest complete ones."""
    states = Path(data_dir) / "states"
    if not states.exists():
        return
    active = (Path(data_dir) / "CURRENT").read_text().strip() if (Path(data_dir) / "CURRENT").exists() else None
    complete = sorted(p for p in states.iterdir() if (p / MANIFEST).exists() and p.name != active)
    stale = [p for p in states.iterdir() if not (p / MANIFEST).exists() and p.name != active]
    for p in stale + complete[: max(0, len(complete) - (KEEP_STATES - 1))]:
        shutil.rmtree(p, ignore_errors=True)


def copy_files(src: Path, dst: Path, skip: set[str]) -> None:
    """Carry the unchanged parts of the previous state over (copies, never links: files are rewritten)."""
    for item in src.iterdir():
        if item.name in skip or item.name == MANIFEST:
            continue
        target = dst / item.name
        if item.is_dir():
            shutil.copytree(item, target)
        else:
            shutil.copy2(item, target)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary name unique to this process and thread, sync, then rename over `path`: a reader
    sees the old file or the new one, never half of one, even with several writers."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def fsync_dir(path: Path) -> None:
    """Make a rename in `path` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
