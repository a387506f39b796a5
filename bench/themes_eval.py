"""Which theme a question names in everyday words, as the reader grounds it (search/grounding.py).

    .venv/bin/python -m bench.themes_eval [FILE.jsonl] [--split tuning|frozen|all] [--show]

`bench/eval/themes_everyday.jsonl` holds questions by an author who saw the theme names only (no code, no
thesaurus): 150 name one theme in everyday words ("neighbours who keep making noise at night"), 50 name none
(process questions, municipal services, nonsense). Per split and language it prints, of the themed questions, the
share grounded in their theme (or one of its narrower themes: "drug dealers" is about Drugs), grounded elsewhere
only, and not grounded; and of the questions without a theme, the share grounded in none. Grounding needs no
documents, so this runs in a second. `--show` lists the tuning half's misses only; the frozen half judges.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ontology.labels import LabelIndex  # noqa: E402
from search.grounding import ground  # noqa: E402

QUESTIONS = ROOT / "bench" / "eval" / "themes_everyday.jsonl"


def judge(q: dict, labels: LabelIndex) -> tuple[str, list[str]]:
    """'right', 'elsewhere' or 'none' for a themed question; 'quiet' or 'spurious' for one without a theme."""
    found = [c for c in ground(q["query"], labels).concepts if c.type == "theme"]
    slugs = [c.iri.rsplit("/", 1)[-1] for c in found]
    if q["theme"] is None:
        return ("spurious" if found else "quiet"), slugs
    gold = next(c for c in labels.concepts("theme") if c.iri.endswith("/" + q["theme"]))
    family = {gold.iri, *labels.narrower(gold.iri)}
    if any(c.iri in family for c in found):
        return "right", slugs
    return ("elsewhere" if found else "none"), slugs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, default=QUESTIONS)
    ap.add_argument("--split", choices=["tuning", "frozen", "all"], default="tuning")
    ap.add_argument("--show", action="store_true", help="list the tuning half's misses")
    args = ap.parse_args()
    labels = LabelIndex.default()
    rows = [json.loads(x) for x in args.file.read_text(encoding="utf-8").splitlines() if x.strip()]
    rows = [q for q in rows if args.split in ("all", q["split"])]
    judged = [(q, *judge(q, labels)) for q in rows]
    print(f"{'set':<16}{'themed':>7}{'right':>8}{'elsewhere':>11}{'none':>7}{'unthemed':>10}{'quiet':>8}")
    for split in ("tuning", "frozen"):
        for lang in (None, "en", "nl"):
            part = [(q, v) for q, v, _ in judged if q["split"] == split and lang in (None, q["lang"])]
            themed = [v for q, v in part if q["theme"]]
            other = [v for q, v in part if not q["theme"]]
            if not part:
                continue
            share = lambda vs, k: f"{sum(v == k for v in vs) / len(vs):.3f}" if vs else "-"  # noqa: E731
            print(f"{split + (', ' + lang if lang else ''):<16}{len(themed):>7}{share(themed, 'right'):>8}"
                  f"{share(themed, 'elsewhere'):>11}{share(themed, 'none'):>7}{len(other):>10}{share(other, 'quiet'):>8}")
    if args.show:
        for q, verdict, slugs in judged:
            if q["split"] == "tuning" and verdict not in ("right", "quiet"):
                print(f"{q['id']} {verdict:<9} want {q['theme']}, got {slugs}: {q['query']}")


if __name__ == "__main__":
    main()
