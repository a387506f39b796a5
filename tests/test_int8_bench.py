"""bench/int8.py: its text sets come from the project's own files and it prints one row per set."""
from __future__ import annotations

import subprocess
import sys

from bench.int8 import ROOT, text_sets


def test_the_text_sets_are_not_the_calibration_texts():
    from search.e5_int8 import CALIBRATION

    sets = text_sets(50)
    assert set(sets) == {"sample plans", "fixtures", "questions", "random strings"}
    assert all(len(texts) == 50 for texts in sets.values())
    assert not set(CALIBRATION) & {t for texts in sets.values() for t in texts}


def test_it_prints_a_cosine_row_per_set():
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "int8.py"), "--limit", "4"], capture_output=True,
                         text=True, cwd=ROOT, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    rows = [line for line in out.stdout.splitlines() if line.startswith("| ") and not line.startswith("| texts")]
    assert len(rows) == 4
    assert all(0.999 < float(row.split("|")[3].split("/")[0]) <= 1.0001 for row in rows)
