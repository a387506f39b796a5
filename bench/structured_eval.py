"""How `ivp ask` reads questions that carry structure, on questions written apart from the reader's vocabulary.

    .venv/bin/python -m bench.structured_eval [FILE.jsonl ...] [--split tuning|frozen|all] [--show] [--json OUT.json]

`bench/eval/structured.jsonl` holds questions by authors who saw only the documents (no code, no vocabulary, no
test), each with the reading a careful person expects: what it asks for (intent), the owners, gemeente or place
it names, its years, status, report colour, deadline, overdue, unowned, kind of document and theme. Over the
same documents as bench/search_eval.py (the sample corpus and its fixtures), each question is answered
(kg/answer.py) and scored twice:
- read right: every field of the reading as expected (owners as a set; the theme among the concepts read);
- facts obey: the answer's facts keep to the expected reading, checked against the actions board, as
  tests/test_understand.py checks its own questions: only the named owner's (or gemeente's basisteam's) facts,
  only actions with the status, colour, deadline, period asked, on the theme asked; partners or instruments
  listed when asked; nothing at all for a place not ingested, unless the question also names one that is
  ("Amersfoort compared with X": X's facts only).
`--show` lists the tuning halves' misses only: a frozen half judges and is never read to choose a change.
Other files of the same shape (a later set written apart, `structured_more.jsonl`) are scored beside it, each
reported by its own name and split.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "bench"
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]  # bench/http.py would shadow `http`
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.search_eval import build_workspace  # noqa: E402
from kg.actions import is_overdue  # noqa: E402
from ontology.places import places  # noqa: E402

QUESTIONS = HERE / "eval" / "structured.jsonl"
FIELDS = ("intent", "owners", "gemeente", "not_loaded", "years", "status", "colour", "deadline", "overdue",
          "unowned", "kind", "theme")


def reading_errors(q: dict, r: dict) -> list[str]:
    """The fields of the reading `r` (the answer's read_as) that differ from the expected reading `q`."""
    got = {
        "intent": r["intent"], "owners": sorted(r["owners"]), "gemeente": (r["gemeenten"] or [None])[0],
        "years": sorted(r["years"]), "status": r["status"], "colour": r["colour"], "kind": r["kind"],
        "deadline": (r["deadline"]["from"], r["deadline"]["before"]) if r["deadline"] else None,
        "overdue": r["overdue"], "unowned": r["unowned"],
    }
    want = {
        "intent": q["intent"], "owners": sorted(q["owners"]), "gemeente": q["gemeente"], "years": sorted(q["years"]),
        "status": q["status"], "colour": q["colour"], "kind": q["kind"], "overdue": q["overdue"],
        "unowned": q["unowned"], "deadline": (q["deadline"]["from"], q["deadline"]["before"]) if q["deadline"] else None,
    }
    errors = [f for f in want if got[f] != want[f]]
    place = q["not_loaded"]
    if bool(place) != bool(r["not_loaded"]) or (place and not any(place.lower() in n.lower() for n in r["not_loaded"])):
        errors.append("not_loaded")
    if q["theme"] and q["theme"] not in [c["label"] for c in r["concepts"]]:
        errors.append("theme")
    return errors


def fact_errors(q: dict, ans: dict, board: dict, family: set[str]) -> list[str]:
    """Where the answer's facts leave the expected reading (see the module docstring)."""
    groups = ans["basisteams"]
    actions = [a for g in groups for a in g["actions"]]
    facts = actions + [p for g in groups for p in g["priorities"]]
    if q["not_loaded"] and not (q["owners"] or q["gemeente"]):
        return [] if not groups and not ans["passages"] else ["facts of a place not ingested"]
    errors = []
    owner = q["owners"][0] if len(q["owners"]) == 1 else None
    if q["gemeente"] and not owner:
        owner = places().gemeente(q["gemeente"]).basisteam.name
    allowed = set(q["owners"]) or ({owner} if owner else None)
    if allowed and not all(allowed & {f.get("basisteam"), f.get("in_basisteam")} for f in facts):
        errors.append("another owner's facts")
    for a in actions:
        rec = board[a["id"]]
        end = rec["timeline"]["end"]
        if q["status"] and rec["status"] != q["status"]:
            errors.append("an action of another status")
        if q["colour"] and rec["report_colour"] != q["colour"]:
            errors.append("an action of another colour")
        if q["deadline"] and not (end and (q["deadline"]["from"] or "") <= end < q["deadline"]["before"]):
            errors.append("an action due outside the deadline")
        if q["overdue"] and not is_overdue(rec, date.today()):
            errors.append("an action not overdue")
        if q["unowned"] and (rec["trekker"] or rec["owner"]):
            errors.append("an action with an owner")
        if family and rec["themes"] and not family & {t.lower() for t in rec["themes"]}:
            errors.append("an action on another theme")
    if q["intent"] in ("partners", "instruments") and not any(g.get(q["intent"]) for g in groups):
        errors.append(f"no {q['intent']} listed")
    return sorted(set(errors))


def theme_family(labels, theme: str | None) -> set[str]:
    """The theme's label and its narrower themes' labels, lower case."""
    if not theme:
        return set()
    found = labels.lookup(theme, "theme")
    if not found:
        return {theme.lower()}
    return {labels.concept(x).label.lower() for x in (found[0].iri, *labels.narrower(found[0].iri))}


def evaluate(ws, questions: list[dict]) -> list[dict]:
    board = {a["id"]: a for a in ws.actions()}
    rows = []
    for q in questions:
        ans = ws.answer(q["query"])
        read = reading_errors(q, ans["read_as"])
        facts = fact_errors(q, ans, board, theme_family(ws.labels, q["theme"]))
        rows.append({"id": q["id"], "set": q.get("set", QUESTIONS.stem), "split": q["split"], "lang": q["lang"],
                     "query": q["query"], "read": read, "facts": facts, "description": ans["read_as"]["description"]})
    return rows


def summary(rows: list[dict]) -> dict:
    n = len(rows)
    by_field = {f: sum(f in r["read"] for r in rows) for f in FIELDS}
    return {"n": n, "read_right": round(sum(not r["read"] for r in rows) / n, 3) if n else None,
            "facts_obey": round(sum(not r["facts"] for r in rows) / n, 3) if n else None,
            "both": round(sum(not r["read"] and not r["facts"] for r in rows) / n, 3) if n else None,
            "field_errors": {f: c for f, c in by_field.items() if c}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, default=[QUESTIONS], help="question files (JSON Lines)")
    ap.add_argument("--split", choices=["tuning", "frozen", "all"], default="tuning")
    ap.add_argument("--show", action="store_true", help="list the tuning half's misses")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    questions = [{**json.loads(x), "set": f.stem} for f in args.files
                 for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
    if args.split != "all":
        questions = [q for q in questions if q["split"] == args.split]
    data_dir = Path(os.environ.get("IVP_BENCH_DATA_DIR") or tempfile.mkdtemp(prefix="ivp-structured-"))
    rows = evaluate(build_workspace(data_dir), questions)
    report = {}
    for name in dict.fromkeys(r["set"] for r in rows):
        for split in ("tuning", "frozen"):
            for lang in (None, "en", "nl"):
                part = [r for r in rows if r["set"] == name and r["split"] == split and lang in (None, r["lang"])]
                if part:
                    label = split + (f", {lang}" if lang else "")
                    report[label if name == QUESTIONS.stem else f"{name} {label}"] = summary(part)
    width = max(map(len, report)) + 2
    print(f"{'set':<{width}}{'n':>4}{'read right':>12}{'facts obey':>12}{'both':>8}  field errors")
    for name, s in report.items():
        print(f"{name:<{width}}{s['n']:>4}{s['read_right']:>12}{s['facts_obey']:>12}{s['both']:>8}  "
              f"{s['field_errors']}")
    if args.show:
        for r in rows:
            if r["split"] == "tuning" and (r["read"] or r["facts"]):
                print(f"{r['id']} {r['query']}\n    {r['description']}\n    read: {r['read']} facts: {r['facts']}")
    if args.json:
        args.json.write_text(json.dumps({"report": report, "rows": rows}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
