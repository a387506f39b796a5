"""bench/bigplan.py: the plan it builds and one real cold ingest of a small one."""
from __future__ import annotations

from pathlib import Path

from bench.bigplan import ROOT, ingest_once, make_plan, product_ms


def test_the_plan_has_the_size_asked_and_no_repeated_line(tmp_path):
    plan = make_plan(tmp_path, 40)
    text = plan.read_text(encoding="utf-8")
    assert 30 * 1024 < len(text.encode("utf-8")) <= 40 * 1024
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == len(set(lines))  # every line numbered per copy: the vector cache cannot help
    assert text.endswith("\n") and not text.endswith("\n\n\n")


def test_a_cold_ingest_reports_time_memory_and_encoded_texts(tmp_path):
    plan = make_plan(tmp_path / "plan", 6)
    run = ingest_once(Path(ROOT), plan.parent, sentences=True)
    assert run["wall_s"] > 0 and run["cpu_s"] > 0 and run["peak_rss_mb"] > 50
    assert "gecodeerd" in run["encoded"] and not run["encoded"].startswith("0 ")


def test_the_machine_speed_gauge_times_a_real_product():
    ms = product_ms()
    assert 0 < ms < 10_000  # a 2048x384x1152 product: ~1.8 GFLOP, milliseconds on any core
