"""A killed ingest leaves the previous state loadable and consistent; a re-run completes."""
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.settings import Settings
from kg.workspace import Workspace
from ingest.pipeline import doc_id_for
from kg.queries import stats

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _ingest_cmd(data_dir: Path, *paths: Path) -> list[str]:
    return [sys.executable, "-c", "from api.cli import app; app()", "ingest", *map(str, paths), "--data-dir", str(data_dir)]


@pytest.mark.parametrize("delay", [0.5, 2.0, 4.0])
def test_kill_9_mid_ingest_keeps_the_previous_state(tmp_path: Path, corpus_dir: Path, ingested, delay: float):
    data = tmp_path / "data"
    # with the session's vectors cached, an ingest takes a few seconds: the kills land in extraction,
    # the graph write and the index build rather than all in encoding
    shutil.copytree(ingested.data_dir / "cache", data / "cache")
    small = tmp_path / "small"
    small.mkdir()
    shutil.copy(corpus_dir / "003_6968395b55b7840d.txt", small)
    subprocess.run(_ingest_cmd(data, small), cwd=ROOT, check=True, capture_output=True)
    before = Workspace(Settings(data_dir=data))
    docs_before = set(before.manifest()["documents"])
    triples_before = stats(before.store())["triples"]

    proc = subprocess.Popen(_ingest_cmd(data, corpus_dir), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    after = Workspace(Settings(data_dir=data))
    docs_after = set(after.manifest()["documents"])
    assert docs_after in (docs_before, docs_before | {doc_id_for(p) for p in corpus_dir.glob("*.txt")})
    store_docs = set(after.store().document_ids())
    assert store_docs == docs_after, "graph and manifest agree"
    assert after.engine().search("veiligheid", 3), "the search index of the active state loads"
    if docs_after == docs_before:
        assert stats(after.store())["triples"] == triples_before

    rerun = subprocess.run(_ingest_cmd(data, corpus_dir), cwd=ROOT, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    final = Workspace(Settings(data_dir=data))
    assert len(final.manifest()["documents"]) == 5
    assert len(list((data / "states").iterdir())) <= 3, "abandoned half-built states are swept"


def test_a_write_error_mid_commit_loses_nothing(tmp_path: Path, ingested, corpus_dir: Path, monkeypatch):
    """A full disk during ingest (injected ENOSPC while the indexes are written): clear error, old state intact."""
    import errno

    import search.index as index_module
    from kg.state import StateError

    data = tmp_path / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    before = (data / "CURRENT").read_text()
    states_before = set((data / "states").iterdir())
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "nieuw.txt").write_text("Uitvoeringsplan De Waarden 2025-2026\n\nCameratoezicht in Tiel.\n", encoding="utf-8")

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(index_module, "write_passages", disk_full)
    ws = Workspace(Settings(data_dir=data))
    with pytest.raises(StateError, match="No space left on device.*previous state is unchanged"):
        ws.ingest([docs])
    assert (data / "CURRENT").read_text() == before
    assert set((data / "states").iterdir()) == states_before, "the half-written state was removed"
    monkeypatch.undo()
    fresh = Workspace(Settings(data_dir=data))
    assert len(fresh.manifest()["documents"]) == 5 and fresh.search_json("cameratoezicht", 3)["results"]
    assert fresh.ingest([docs]).added == [doc_id_for("nieuw.txt")]
