"""The ingest report says what was found and what is missing; near-copies are recognised, not counted twice."""
import shutil
import subprocess
import sys
from pathlib import Path

from ingest.fingerprint import NEAR_COPY, signature, similarity
from ingest.pipeline import extract_file
from ingest.report import document_report
from kg.settings import Settings
from kg.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent


def test_a_plan_without_what_its_kind_promises_gets_warnings(tmp_path: Path):
    f = tmp_path / "jaarplan.txt"
    f.write_text("Uitvoeringsplan veiligheid 2025\n\nDit jaar werken we verder aan een veilige wijk. "
                 "De inzet volgt later.\n", encoding="utf-8")
    report = document_report(extract_file(f))
    assert report["kind"] == "uvp" and report["counts"]["actions"] == 0
    assert "uitvoeringsplan zonder herkende acties" in report["warnings"]
    assert report["source"] == "jaarplan.txt" and report["period"] == "2025"


def test_the_sample_plans_report_their_counts_and_no_missing_facts(corpus_dir: Path):
    by_name = {f.name[:3]: document_report(extract_file(f)) for f in sorted(corpus_dir.glob("*.txt"))}
    assert by_name["002"]["counts"]["actions"] == 48 and by_name["000"]["counts"]["actions"] == 53
    assert by_name["001"]["counts"]["priorities"] == 5 and by_name["004"]["counts"]["priorities"] == 4
    assert by_name["001"]["counts"]["themes"] > 5 and by_name["001"]["counts"]["partners"] > 5
    for r in by_name.values():
        assert not any("zonder herkende" in w or "niet herkend" in w for w in r["warnings"]), r


def test_fingerprints_see_through_layout_but_not_across_plans(corpus_dir: Path):
    text = (corpus_dir / "002_10c0f71726040140.txt").read_text(encoding="utf-8")
    reflowed = " ".join(text.split())  # the same words, other line breaks and spacing (as another format gives)
    other = (corpus_dir / "001_b043079d1ff82c70.txt").read_text(encoding="utf-8")
    assert similarity(signature(text), signature(reflowed)) > 0.95
    assert similarity(signature(text), signature(other)) < NEAR_COPY / 2
    assert signature("te kort") is None


def test_a_renamed_copy_is_reported_and_not_counted_twice(tmp_path: Path, ingested, corpus_dir: Path):
    data = tmp_path / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    ws = Workspace(Settings(data_dir=data))
    before = ws.stats()["entities"]["action"]
    original = corpus_dir / "002_10c0f71726040140.txt"
    copy = tmp_path / "uvp kopie.txt"
    copy.write_text(original.read_text(encoding="utf-8").replace("\n\n", "\n"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", "from api.cli import app; app()", "ingest", str(copy),
                          "--data-dir", str(data)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "bijna-kopie" in run.stdout and "uvp kopie.txt" in run.stdout
    ws = Workspace(Settings(data_dir=data))
    assert ws.stats()["entities"]["action"] == before
    assert len(ws.documents()) == 5
