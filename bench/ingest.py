"""Corpus ingest time: cold (empty vector cache), re-ingest unchanged, and warm rebuild.

    python bench/ingest.py [CORPUS_DIR]
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# this folder holds a module named `http`: keep it off the import path so the standard library's wins
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent))

from kg.settings import PROJECT_ROOT, Settings  # noqa: E402
from kg.workspace import Workspace  # noqa: E402


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_ROOT / "corpus"
    tmp = Path(tempfile.mkdtemp(prefix="ivp-bench-"))
    try:
        ws = Workspace(Settings(data_dir=tmp))
        t = time.perf_counter()
        r = ws.ingest([corpus])
        cold = time.perf_counter() - t
        n = sum(d["passages"] for d in ws.manifest()["documents"].values())
        print(f"cold ingest        {cold:7.2f} s  ({len(r.added)} documents, {n} passages, {r.encoded} encoded, "
              f"{r.encoded / cold:.1f} passages/s overall)")
        t = time.perf_counter()
        r = Workspace(Settings(data_dir=tmp)).ingest([corpus])
        print(f"re-ingest unchanged {time.perf_counter() - t:6.2f} s  ({len(r.unchanged)} unchanged, changed={r.changed})")
        shutil.rmtree(tmp / "states")
        (tmp / "CURRENT").unlink()
        t = time.perf_counter()
        r = Workspace(Settings(data_dir=tmp)).ingest([corpus])
        print(f"rebuild, warm cache {time.perf_counter() - t:6.2f} s  ({r.encoded} encoded)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
