"""Actions as first-class records: filters, lineage across plan cycles, status counts per priority."""
from __future__ import annotations

from datetime import date

from ontology.vocab import short_id
from search.contract import FilterError

from .sparql import PREFIXES, plan_owner
from .store import GraphStore

STATUSES = ("afgerond", "loopt", "vertraagd", "niet_uitgevoerd", "vervallen", "overgeheveld")


class ActionFilterError(FilterError):
    """An unknown filter value; the message lists the valid ones (a 400, like every filter error)."""


def all_actions(store: GraphStore) -> list[dict]:
    q = PREFIXES + """SELECT ?a ?title ?bt ?bt_bt ?cycle ?tl ?start ?end ?status ?basis ?result ?pr ?prlabel ?prn
                      ?theme ?group ?ord ?owner ?trekker WHERE {
      ?a a ivp:Action ; rdfs:label ?title . """ + plan_owner("?a", "bt") + """
      OPTIONAL { ?a ivp:cycle ?cycle } OPTIONAL { ?a ivp:timelineText ?tl } OPTIONAL { ?a ivp:timelineStart ?start }
      OPTIONAL { ?a ivp:timelineEnd ?end } OPTIONAL { ?a ivp:status ?status } OPTIONAL { ?a ivp:statusBasis ?basis }
      OPTIONAL { ?a ivp:resultText ?result } OPTIONAL { ?a ivp:group ?group } OPTIONAL { ?a ivp:ordinal ?ord }
      OPTIONAL { ?a ivp:owner/rdfs:label ?owner } OPTIONAL { ?a ivp:trekker ?trekker }
      OPTIONAL { ?a ivp:priority ?pr . ?pr ivp:number ?prn . OPTIONAL { ?pr rdfs:label ?prlabel } }
      OPTIONAL { ?a ivp:theme ?th . ?th skos:prefLabel ?theme FILTER(lang(?theme) = "nl") } }"""
    out: dict[str, dict] = {}
    for r in store.raw_query(q):
        v = lambda k: r[k].value if r[k] is not None else None  # noqa: E731
        iri = v("a")
        a = out.get(iri)
        if a is None:
            a = out[iri] = {
                "id": short_id(iri), "title": v("title"), "plan_owner": v("bt"), "basisteam": v("bt_bt"),
                "cycle": v("cycle"),
                "priority": {"id": short_id(v("pr")), "number": int(v("prn")), "labels": []} if v("pr") else None,
                "theme": None, "themes": [], "group": v("group"), "owner": v("owner"),
                "trekker": v("trekker"),
                "timeline": {"text": v("tl"), "start": v("start"), "end": v("end")},
                "status": v("status"), "status_basis": v("basis"), "status_derived": bool(v("status")),
                "result": v("result"), "follow_ups": [], "predecessors": [], "sources": [],
                "_order": int(v("ord") or 0),
            }
        if v("theme") and v("theme") not in a["themes"]:
            a["themes"].append(v("theme"))
            a["theme"] = a["theme"] or v("theme")
        if a["priority"] and v("prlabel") and v("prlabel") not in a["priority"]["labels"]:
            a["priority"]["labels"].append(v("prlabel"))
    for r in store.raw_query(PREFIXES + "SELECT ?a ?b ?c WHERE { ?a ivp:followUp ?b . OPTIONAL { ?e rdf:subject ?a ; "
                                 "rdf:object ?b ; ivp:confidence ?c } }"):
        a, b = r["a"].value, r["b"].value
        if a in out and b in out:
            conf = float(r["c"].value) if r["c"] is not None else None
            out[a]["follow_ups"].append({"id": short_id(b), "confidence": conf})
            out[b]["predecessors"].append({"id": short_id(a), "confidence": conf})
    q = PREFIXES + """SELECT ?a ?doc ?page ?text WHERE { ?a a ivp:Action ; prov:wasDerivedFrom ?p .
               ?p ivp:text ?text ; dcterms:isPartOf/dcterms:title ?doc . OPTIONAL { ?p ivp:page ?page } }"""
    for r in store.raw_query(q):
        if r["a"].value in out:
            out[r["a"].value]["sources"].append({"document": r["doc"].value, "text": r["text"].value,
                                                 "page": int(r["page"].value) if r["page"] is not None else None})
    return sorted(out.values(), key=lambda a: (a["plan_owner"], a["cycle"] or "", a["_order"]))


def filter_actions(actions: list[dict], basisteam: str | None = None, theme: str | None = None,
                   status: str | None = None, cycle: str | None = None, due_before: str | None = None) -> list[dict]:
    valid = {
        "basisteam": sorted({x for a in actions for x in (a["plan_owner"], a["basisteam"]) if x}),
        "cycle": sorted({a["cycle"] for a in actions if a["cycle"]}),
        "theme": sorted({t for a in actions for t in a["themes"]}),
    }
    if basisteam and basisteam.lower() not in {b.lower() for b in valid["basisteam"]}:
        raise ActionFilterError(f"unknown basisteam or owner {basisteam!r}; valid: {', '.join(valid['basisteam'])}")
    if cycle and cycle not in valid["cycle"]:
        raise ActionFilterError(f"unknown cycle {cycle!r}; valid: {', '.join(valid['cycle'])}")
    if status and status not in STATUSES:
        raise ActionFilterError(f"unknown status {status!r}; valid: {', '.join(STATUSES)}")
    if theme and theme.lower() not in {t.lower() for t in valid["theme"]}:
        raise ActionFilterError(f"unknown theme {theme!r}; themes with actions: {', '.join(valid['theme'])}")
    due = None
    if due_before:
        try:
            due = date.fromisoformat(due_before).isoformat()
        except ValueError:
            raise ActionFilterError(f"--due-before must be a date like 2025-12-31, not {due_before!r}") from None
    out = []
    for a in actions:
        if basisteam and basisteam.lower() not in {(x or "").lower() for x in (a["plan_owner"], a["basisteam"])}:
            continue
        if cycle and a["cycle"] != cycle:
            continue
        if status and a["status"] != status:
            continue
        if theme and theme.lower() not in {t.lower() for t in a["themes"]}:
            continue
        if due and not (a["timeline"]["end"] and a["timeline"]["end"] < due):
            continue
        out.append(a)
    return out


def public(a: dict) -> dict:
    return {k: v for k, v in a.items() if not k.startswith("_")}


def summary(actions: list[dict]) -> list[dict]:
    """Status counts per basisteam, cycle and priority."""
    groups: dict[tuple, dict] = {}
    for a in actions:
        pr = a["priority"]
        key = (a["plan_owner"], a["cycle"], pr["number"] if pr else None)
        g = groups.setdefault(key, {"basisteam": a["plan_owner"], "cycle": a["cycle"],
                                    "priority": pr["labels"][0] if pr and pr["labels"] else None,
                                    "priority_number": pr["number"] if pr else None, "total": 0,
                                    "status": {s: 0 for s in STATUSES} | {"onbekend": 0}})
        g["total"] += 1
        g["status"][a["status"] or "onbekend"] += 1
    return [groups[k] for k in sorted(groups, key=lambda k: (k[0], k[1] or "", k[2] or 0))]
