"""Helpers for tests that add plans of their own to the session's ingested sample corpus."""
from __future__ import annotations

import shutil
from pathlib import Path


def workspace_with(ingested, tmp: Path, documents: dict[str, str]):
    """A copy of the session's data directory with `documents` (file name -> text) ingested as well, so a test
    adds plans of its own without encoding the corpus again."""
    from kg.settings import Settings
    from kg.workspace import Workspace

    data = tmp / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    docs = tmp / "docs"
    docs.mkdir()
    for name, text in documents.items():
        (docs / name).write_text(text, encoding="utf-8")
    ws = Workspace(Settings(data_dir=data))
    report = ws.ingest([docs])
    assert not report.errors, report.errors
    return ws
