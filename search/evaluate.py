"""Retrieval quality on a query set with gold snippets: Recall@1/5/10, MRR@10, nDCG@10.

A comparison question may carry `sides` ({owner: [gold snippets]}); it then also counts whether every
side has a hit in the top 10, since an answer that shows only one owner cannot compare. Rows with a
`split` field (tuning/frozen) are reported per split as well.

A row may also carry `more_gold` (and `more_sides`): further passages that answer it as well as its gold,
judged after the set was written by readers of the documents who saw no ranking. `completed` adds them, so a
report can be given with the gold as first written and with the completed judgements.

A result hits when it contains a gold snippet after folding case, accents, punctuation and
white space away entirely, so line breaks and hyphenation in the source cannot hide a match.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from .engine import SearchEngine


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", text)


def load_queries(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path.name} line {n}: not JSON ({exc.msg})") from exc
            if not row.get("query") or not row.get("gold"):
                raise ValueError(f"{path.name} line {n}: needs 'query' and 'gold'")
            rows.append(row)
    return rows


def completed(q: dict) -> dict:
    """The question with its further judged answers (`more_gold`, `more_sides`) added to its gold and sides."""
    more, more_sides = q.get("more_gold") or [], q.get("more_sides") or {}
    if not more and not more_sides:
        return q
    out = {**q, "gold": [*q["gold"], *more]}
    if q.get("sides"):
        out["sides"] = {o: [*s, *more_sides.get(o, [])] for o, s in q["sides"].items()}
    return out


def first_hit(texts: list[str], gold: list[str]) -> int | None:
    """1-based rank of the first result containing any gold snippet."""
    golds = [normalise(g) for g in gold if normalise(g)]
    for rank, text in enumerate(texts, 1):
        t = normalise(text)
        if any(g in t for g in golds):
            return rank
    return None


def evaluate(engine: SearchEngine, queries: list[dict], k: int = 10) -> dict:
    per_query = []
    for q in queries:
        hits = engine.search(q["query"], k)
        texts = [h.passage.indexed_text() for h in hits]
        golds = [normalise(g) for g in q["gold"] if normalise(g)]
        rels = [1 if any(g in normalise(t) for g in golds) else 0 for t in texts]
        per_query.append({"id": q.get("id"), "query": q["query"], "lang": q.get("lang", "?"),
                          "category": q.get("category", "?"), "rank": first_hit(texts, q["gold"]), "rels": rels,
                          "split": q.get("split"), "both_sides": both_sides(texts[:10], q.get("sides"))})
    report = {"overall": _metrics(per_query, k), "by_lang": {}, "by_category": {}, "queries": []}
    for key, field in (("by_lang", "lang"), ("by_category", "category"), ("by_split", "split")):
        groups = _group(per_query, field)
        if groups or key != "by_split":
            report[key] = {g: _metrics(rows, k) for g, rows in sorted(groups.items())}
    sided = [r for r in per_query if r["both_sides"] is not None]
    if sided:
        report["both_sides"] = {"n": len(sided), "rate@10": round(sum(r["both_sides"] for r in sided) / len(sided), 3),
                                "by_split": {s: round(sum(r["both_sides"] for r in rows) / len(rows), 3)
                                             for s, rows in sorted(_group(sided, "split").items())}}
    report["queries"] = [{"id": r["id"], "query": r["query"], "rank": r["rank"]}
                         | ({"both_sides": r["both_sides"]} if r["both_sides"] is not None else {}) for r in per_query]
    return report


def both_sides(texts: list[str], sides: dict[str, list[str]] | None) -> bool | None:
    """Whether every side of a comparison has a gold snippet among `texts`; None without sides."""
    if not sides:
        return None
    normed = [normalise(t) for t in texts]
    return all(any(g in t for t in normed for g in (normalise(s) for s in snippets) if g)
               for snippets in sides.values())


def _group(rows: list[dict], field: str) -> dict[str, list[dict]]:
    groups = defaultdict(list)
    for row in rows:
        if row[field] is not None:
            groups[row[field]].append(row)
    return groups


def evaluate_file(engine: SearchEngine, path: Path, k: int = 10) -> dict:
    return evaluate(engine, load_queries(Path(path)), k)


def _metrics(rows: list[dict], k: int) -> dict:
    n = len(rows) or 1
    recall = {c: sum(1 for r in rows if r["rank"] and r["rank"] <= c) / n for c in (1, 5, 10)}
    mrr = sum(1 / r["rank"] for r in rows if r["rank"] and r["rank"] <= 10) / n
    ndcg = 0.0
    for r in rows:
        rels = r["rels"][:10]
        dcg = sum(rel / math.log2(i + 2) for i, rel in enumerate(rels))
        ideal = sorted(rels, reverse=True)
        idcg = sum(rel / math.log2(i + 2) for i, rel in enumerate(ideal))
        ndcg += dcg / idcg if idcg else 0.0
    return {"n": len(rows), "recall@1": round(recall[1], 3), "recall@5": round(recall[5], 3),
            "recall@10": round(recall[10], 3), "mrr@10": round(mrr, 3), "ndcg@10": round(ndcg / n, 3)}


def format_report(report: dict) -> str:
    cols = ("n", "recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10")
    lines = [f"{'':26}" + "".join(f"{c:>10}" for c in cols)]

    def row(name: str, m: dict) -> str:
        return f"{name:26}" + "".join(f"{m[c]:>10}" for c in cols)

    lines.append(row("overall", report["overall"]))
    for key in ("by_lang", "by_category", "by_split"):
        for name, m in report.get(key, {}).items():
            lines.append(row(f"  {key[3:]}={name}", m))
    if "both_sides" in report:
        sides = report["both_sides"]
        per_split = "".join(f", {s} {v}" for s, v in sides["by_split"].items())
        lines.append(f"comparison, both sides in top 10: {sides['rate@10']} of {sides['n']}{per_split}")
    misses = [q for q in report["queries"] if not q["rank"] or q["rank"] > 10]
    if misses:
        lines.append("misses: " + "; ".join(f"{q['id']} {q['query']}" for q in misses))
    return "\n".join(lines)
