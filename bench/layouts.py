"""What ingest reads from plans in layouts unlike the samples: per test fixture of tests/fixtures/extract (and
the Word and PDF ones tests/extract_render.py writes), its owner, priorities, actions, and how many actions
carry a priority, an owner (trekker), a timeline, a status and a report colour; optionally beside another
checkout, each read by its own code in a process of its own.

    .venv/bin/python -m bench.layouts [--against OTHER_CHECKOUT]

The fixtures are the same files for both sides (this checkout's), so a fixture added since the other
checkout shows what that code made of it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "extract"
FIELDS = ("priorities", "actions", "linked", "trekker", "timeline", "status", "colour")
READ = """
import json, logging, sys
from pathlib import Path
logging.disable(logging.CRITICAL)
from ingest.pipeline import extract_file
out = {}
for name in sys.argv[1:]:
    d = extract_file(Path(name))
    a = d.actions
    out[Path(name).name] = dict(owner=d.meta.owner, priorities=len(d.priorities), actions=len(a),
        linked=sum(x.priority_number is not None for x in a), trekker=sum(bool(x.trekker) for x in a),
        timeline=sum(bool(x.timeline) for x in a), status=sum(bool(x.status) for x in a),
        colour=sum(bool(x.report_colour) for x in a))
print(json.dumps(out))
"""


def fixtures(target: Path) -> list[Path]:
    """The extract fixtures, the rendered ones written into `target`; sidecars left out."""
    sys.path.insert(0, str(ROOT / "tests"))
    from extract_render import RENDERED

    files = [f for f in sorted(FIXTURES.iterdir()) if not f.name.endswith(".meta.json")]
    return files + [render(target / name) for name, render in sorted(RENDERED.items())]


def read_with(checkout: Path, files: list[Path]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(checkout), HF_HUB_OFFLINE="1")
    done = subprocess.run([sys.executable, "-c", READ, *map(str, files)], env=env, cwd=checkout,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> None:
    against = Path(argv[argv.index("--against") + 1]).resolve() if "--against" in argv else None
    with tempfile.TemporaryDirectory(prefix="ivp-layouts-") as tmp:
        files = fixtures(Path(tmp))
        now = read_with(ROOT, files)
        before = read_with(against, files) if against else None
    print("| fixture | owner | " + " | ".join(FIELDS) + " |")
    print("|---" * (len(FIELDS) + 2) + "|")
    for name, row in now.items():
        cells = [str(row[f]) if before is None else f"{before[name][f]} -> {row[f]}" for f in FIELDS]
        owner = row["owner"] if before is None else f"{before[name]['owner']} -> {row['owner']}"
        print(f"| {name} | {owner} | " + " | ".join(cells) + " |")
    totals = [sum(r[f] for r in now.values()) for f in FIELDS]
    if before is None:
        print("| all | | " + " | ".join(map(str, totals)) + " |")
    else:
        print("| all | | " + " | ".join(f"{sum(r[f] for r in before.values())} -> {t}"
                                           for f, t in zip(FIELDS, totals)) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
