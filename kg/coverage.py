"""What is loaded per plan owner: which documents, kinds and plan periods, and what a reader should know is
missing before trusting a comparison or an empty board ("Maasdal: alleen IVP 2023-2026 ingelezen; geen
uitvoeringsplan of evaluatie").

Read from the graph, not the manifest, so the owner names are the ones the actions board and compare use
(`plan_owner`: the plan owner's label, else the basisteam's).
"""
from __future__ import annotations

from ontology.vocab import short_id

from .sparql import PREFIXES, once, plan_owner
from .store import GraphStore

# The plan cycle: an IVP sets the priorities, an uitvoeringsplan (UVP) the actions of a period, an
# evaluation what became of them. Other kinds are listed when loaded but never reported missing.
CORE_KINDS = ("ivp", "uvp", "evaluation")
KIND_WORDS = {"ivp": "IVP", "uvp": "uitvoeringsplan", "evaluation": "evaluatie", "council_note": "raadsinformatie",
              "other": "ander document"}
_KIND_ORDER = {k: i for i, k in enumerate(KIND_WORDS)}
OWNER_TYPES = {"Basisteam": "basisteam", "Gemeente": "gemeente", "Organization": "samenwerking"}


def _period(start: str | None, end: str | None) -> str | None:
    if start and end and start != end:
        return f"{start}-{end}"
    return start or end


def documents_by_owner(store: GraphStore) -> dict[str, dict]:
    """owner label -> its type and its documents (id, title, kind, period), in a stable order."""
    q = PREFIXES + """SELECT ?d ?title ?kind ?ps ?pe ?o ?otype WHERE {
      ?d a ivp:Document ; dcterms:title ?title . OPTIONAL { ?d ivp:kind ?kind }
      OPTIONAL { ?d ivp:periodStart ?ps } OPTIONAL { ?d ivp:periodEnd ?pe }
      OPTIONAL { ?d ivp:planOwner ?who . """ + once("""?who a ?otype FILTER(?otype IN (ivp:Basisteam, ivp:Gemeente,
                 org:Organization))""", "?who", "?otype") + """ } """ + plan_owner("?d", "o") + " }"
    owners: dict[str, dict] = {}
    for r in store.raw_query(q):
        v = lambda k: r[k].value if r[k] is not None else None  # noqa: E731
        entry = owners.setdefault(v("o"), {"owner": v("o"), "owner_type": None, "documents": []})
        otype = OWNER_TYPES.get((v("otype") or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1])
        ranks = list(OWNER_TYPES.values())  # a basisteam is an organisation too: the most specific type wins
        if otype and (entry["owner_type"] is None or ranks.index(otype) < ranks.index(entry["owner_type"])):
            entry["owner_type"] = otype
        doc = {"id": short_id(v("d")).split("/", 1)[-1], "title": v("title"), "kind": v("kind") or "other",
               "period": _period(v("ps"), v("pe"))}
        if doc not in entry["documents"]:
            entry["documents"].append(doc)
    for entry in owners.values():
        entry["owner_type"] = entry["owner_type"] or "basisteam"  # no plan owner of its own: the basisteam's
        entry["documents"].sort(key=lambda d: (_KIND_ORDER.get(d["kind"], 99), d["period"] or "", d["id"]))
    return owners


def _join(words: list[str], last: str = "en") -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {last} " + words[-1]


def describe(entry: dict) -> dict:
    """Kinds and cycles loaded for one owner, the core kinds missing, the cycle gaps, and one Dutch sentence."""
    docs = entry["documents"]
    kinds: dict[str, list[str]] = {}
    for d in docs:
        periods = kinds.setdefault(d["kind"], [])
        if d["period"] and d["period"] not in periods:
            periods.append(d["period"])
    missing = [k for k in CORE_KINDS if k not in kinds]
    cycles: dict[str, list[str]] = {}
    for d in docs:
        if d["kind"] in ("uvp", "evaluation") and d["period"]:
            cycles.setdefault(d["period"], [])
            if d["kind"] not in cycles[d["period"]]:
                cycles[d["period"]].append(d["kind"])
    gaps = []
    for cycle, present in sorted(cycles.items()):
        if "uvp" not in present and "uvp" in kinds:
            gaps.append(f"geen uitvoeringsplan van {cycle} (wel de evaluatie)")
        if "evaluation" not in present and "evaluation" in kinds:
            gaps.append(f"geen evaluatie van {cycle}")
    return {"owner": entry["owner"], "owner_type": entry["owner_type"], "documents": docs,
            "kinds": [{"kind": k, "periods": p}
                      for k, p in sorted(kinds.items(), key=lambda kv: _KIND_ORDER.get(kv[0], 99))],
            "cycles": [{"cycle": c, "kinds": k} for c, k in sorted(cycles.items())],
            "missing": missing, "gaps": gaps, "note": _note(entry["owner"], docs, missing, gaps)}


def _note(owner: str, docs: list[dict], missing: list[str], gaps: list[str]) -> str:
    if not docs:
        return f"{owner}: geen documenten ingelezen."
    loaded = [f"{KIND_WORDS.get(d['kind'], d['kind'])} {d['period']}" if d["period"]
              else KIND_WORDS.get(d["kind"], d["kind"]) for d in docs]
    loaded = list(dict.fromkeys(loaded))
    text = f"{owner}: " + ("alleen " if len(docs) == 1 else "") + _join(loaded) + " ingelezen"
    lacks = []
    if missing:
        lacks.append("geen " + _join([KIND_WORDS[k] for k in missing], "of"))
    lacks.extend(gaps)
    return text + ("; " + ", ".join(lacks) if lacks else "; IVP, uitvoeringsplan en evaluatie zijn er alle drie") + "."


def coverage(store: GraphStore, owners: list[str] | None = None) -> list[dict]:
    """Coverage of every plan owner, or of the named ones (case-insensitive; an owner with no documents
    gets an entry saying so, so a caller never has to guess why a side is empty)."""
    found = documents_by_owner(store)
    if owners is None:
        return [describe(found[k]) for k in sorted(found, key=str.lower)]
    by_lower = {k.lower(): k for k in found}
    out = []
    for name in owners:
        key = by_lower.get(name.lower())
        out.append(describe(found[key] if key else {"owner": name, "owner_type": None, "documents": []}))
    return out
