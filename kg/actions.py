"""Actions as first-class records: filters, lineage across plan cycles, status counts per priority.

An evaluated action has two readings side by side: the finer status derived from its result words
(ingest/status.py) and the colour the report's own legend gives it (ingest/legend.py), each with the words
it came from. An action is overdue when its deadline has passed and no evaluation closed it: not afgerond,
not vervallen and not overgeheveld (carried into a later plan, where its follow-up has its own deadline).
"""
from __future__ import annotations

from datetime import date

from ontology.vocab import LINEAGE_GRAPH, short_id
from search.contract import FilterError

from .sparql import PREFIXES, action_source, once, plan_owner
from .store import GraphStore

STATUSES = ("afgerond", "loopt", "vertraagd", "niet_uitgevoerd", "vervallen", "overgeheveld")
COLOURS = ("rood", "oranje", "groen")
CLOSED = ("afgerond", "vervallen", "overgeheveld")  # nothing left to do under this plan


class ActionFilterError(FilterError):
    """An unknown filter value; the message lists the valid ones (a 400, like every filter error)."""


def all_actions(store: GraphStore) -> list[dict]:
    """Every action as a board record. The action's own facts come in one row each; facts of the nodes it
    points to (its priority's number and wordings, its themes, its owner role's name) are read apart and
    once each, as several documents state them (kg/sparql.once): joined in one query they multiplied rows."""
    q = PREFIXES + """SELECT ?a ?title ?bt ?bt_bt ?cycle ?tl ?start ?end ?status ?basis ?result ?pr ?group ?ord ?own
                      ?trekker ?colour ?cbasis WHERE {
      ?a a ivp:Action ; rdfs:label ?title . """ + plan_owner("?a", "bt") + """
      OPTIONAL { ?a ivp:cycle ?cycle } OPTIONAL { ?a ivp:timelineText ?tl } OPTIONAL { ?a ivp:timelineStart ?start }
      OPTIONAL { ?a ivp:timelineEnd ?end } OPTIONAL { ?a ivp:status ?status } OPTIONAL { ?a ivp:statusBasis ?basis }
      OPTIONAL { ?a ivp:resultText ?result } OPTIONAL { ?a ivp:group ?group } OPTIONAL { ?a ivp:ordinal ?ord }
      OPTIONAL { ?a ivp:owner ?own } OPTIONAL { ?a ivp:trekker ?trekker } OPTIONAL { ?a ivp:priority ?pr }
      OPTIONAL { ?a ivp:reportColour ?colour .
                 OPTIONAL { ?ce rdf:subject ?a ; rdf:predicate ivp:reportColour ; ivp:sentence ?cbasis } } }"""
    numbers, wordings = _pairs(store, "?x ivp:number ?y"), _pairs(store, "?_a ivp:priority ?x . ?x rdfs:label ?y")
    roles = _pairs(store, "?_a ivp:owner ?x . ?x rdfs:label ?y")
    out: dict[str, dict] = {}
    for r in store.raw_query(q):
        v = lambda k: r[k].value if r[k] is not None else None  # noqa: E731
        iri, pr, own = v("a"), v("pr"), v("own")
        if iri in out:
            continue
        out[iri] = {
            "id": short_id(iri), "title": v("title"), "plan_owner": v("bt"), "basisteam": v("bt_bt"),
            "cycle": v("cycle"),
            "priority": {"id": short_id(pr), "number": int(numbers[pr][0]), "labels": wordings.get(pr, [])}
            if pr in numbers else None,
            "theme": None, "themes": [], "group": v("group"), "owner": roles[own][0] if own in roles else None,
            "owner_id": short_id(own) if own else None, "trekker": v("trekker"),
            "report_colour": v("colour"), "colour_basis": v("cbasis"), "partners": [], "instruments": [],
            "timeline": {"text": v("tl"), "start": v("start"), "end": v("end")},
            "status": v("status"), "status_basis": v("basis"), "status_derived": bool(v("status")),
            "result": v("result"), "follow_ups": [], "predecessors": [], "sources": [],
            "_order": int(v("ord") or 0),
        }
    for a, theme in _pairs(store, """?x a ivp:Action ; ivp:theme ?t . ?t skos:prefLabel ?y
                                     FILTER(lang(?y) = "nl")""").items():
        if a in out:
            out[a]["themes"] = theme
            out[a]["theme"] = theme[0]
    lineage = f"""SELECT ?a ?b ?c WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?a ivp:followUp ?b .
      OPTIONAL {{ ?e rdf:subject ?a ; rdf:object ?b ; ivp:confidence ?c }} }} }}"""  # in its graph: 2.5 s -> 1 ms at 100x
    for r in store.raw_query(PREFIXES + lineage):
        a, b = r["a"].value, r["b"].value
        if a in out and b in out:
            conf = float(r["c"].value) if r["c"] is not None else None
            out[a]["follow_ups"].append({"id": short_id(b), "confidence": conf})
            out[b]["predecessors"].append({"id": short_id(a), "confidence": conf})
    q = PREFIXES + """SELECT ?a ?doc ?page ?text ?pid ?sent WHERE { ?a a ivp:Action ; prov:wasDerivedFrom ?p .
               ?p ivp:text ?text ; dcterms:isPartOf/dcterms:title ?doc . OPTIONAL { ?p ivp:page ?page }
               OPTIONAL { ?p dcterms:identifier ?pid } OPTIONAL { ?a ivp:sourceText ?sent } }"""
    for r in store.raw_query(q):
        if r["a"].value in out:
            out[r["a"].value]["sources"].append(action_source(r))
    _add_links(store, out)
    return sorted(out.values(), key=lambda a: (a["plan_owner"], a["cycle"] or "", a["_order"]))


def _pairs(store: GraphStore, pattern: str) -> dict[str, list[str]]:
    """?x -> its distinct ?y values in `pattern`, read once each whatever the number of documents that
    state them."""
    out: dict[str, list[str]] = {}
    for r in store.raw_query(PREFIXES + "SELECT ?x ?y WHERE " + once(pattern, "?x", "?y")):
        out.setdefault(r["x"].value, []).append(r["y"].value)
    return out


def _add_links(store: GraphStore, out: dict[str, dict]) -> None:
    """The partners and instruments an action names, with their ids for a link to their entity pages."""
    q = PREFIXES + """SELECT ?a ?rel ?x ?label WHERE { ?a a ivp:Action .
      { ?a ivp:partner ?x BIND("partners" AS ?rel) } UNION { ?a ivp:instrument ?x BIND("instruments" AS ?rel) }
      OPTIONAL { ?x skos:prefLabel ?label FILTER(lang(?label) = "nl") } }"""
    for r in store.raw_query(q):
        a = out.get(r["a"].value)
        if a is None:
            continue
        x = short_id(r["x"].value)
        if all(e["id"] != x for e in a[r["rel"].value]):
            label = r["label"].value if r["label"] is not None else x.rsplit("/", 1)[-1]
            a[r["rel"].value].append({"id": x, "label": label, "type": r["rel"].value[:-1]})
    for a in out.values():
        for rel in ("partners", "instruments"):
            a[rel].sort(key=lambda e: e["label"].lower())


def is_overdue(a: dict, today: date) -> bool:
    """The deadline has passed and no evaluation closed the action (see CLOSED)."""
    end = a["timeline"]["end"]
    return bool(end) and end < today.isoformat() and a["status"] not in CLOSED


def _day(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ActionFilterError(f"--{name} must be a date like 2025-12-31, not {value!r}") from None


def filter_actions(actions: list[dict], basisteam: str | None = None, theme: str | None = None,
                   status: str | None = None, cycle: str | None = None, due_before: str | None = None, *,
                   due_after: str | None = None, trekker: str | None = None, colour: str | None = None,
                   overdue: bool = False, today: date | None = None) -> list[dict]:
    """The board's filters; every record gets `overdue` (as of `today`). An unknown value raises
    ActionFilterError naming the valid ones."""
    today = today or date.today()
    valid = {
        "basisteam": sorted({x for a in actions for x in (a["plan_owner"], a["basisteam"]) if x}),
        "cycle": sorted({a["cycle"] for a in actions if a["cycle"]}),
        "theme": sorted({t for a in actions for t in a["themes"]}),
        "trekker": sorted({a["trekker"] for a in actions if a.get("trekker")}, key=str.lower),
    }
    if basisteam and basisteam.lower() not in {b.lower() for b in valid["basisteam"]}:
        raise ActionFilterError(f"unknown basisteam or owner {basisteam!r}; valid: {', '.join(valid['basisteam'])}")
    if cycle and cycle not in valid["cycle"]:
        raise ActionFilterError(f"unknown cycle {cycle!r}; valid: {', '.join(valid['cycle'])}")
    if status and status not in STATUSES:
        raise ActionFilterError(f"unknown status {status!r}; valid: {', '.join(STATUSES)}")
    if colour and colour not in COLOURS:
        raise ActionFilterError(f"unknown colour {colour!r}; valid: {', '.join(COLOURS)}")
    if theme and theme.lower() not in {t.lower() for t in valid["theme"]}:
        raise ActionFilterError(f"unknown theme {theme!r}; themes with actions: {', '.join(valid['theme'])}")
    if trekker and trekker.lower() not in {t.lower() for t in valid["trekker"]}:
        raise ActionFilterError(f"unknown trekker {trekker!r}; trekkers with actions: {', '.join(valid['trekker'])}")
    before, after = _day(due_before, "due-before"), _day(due_after, "due-after")
    out = []
    for a in actions:
        a["overdue"] = is_overdue(a, today)
        end = a["timeline"]["end"]
        if basisteam and basisteam.lower() not in {(x or "").lower() for x in (a["plan_owner"], a["basisteam"])}:
            continue
        if cycle and a["cycle"] != cycle:
            continue
        if status and a["status"] != status:
            continue
        if colour and a.get("report_colour") != colour:
            continue
        if theme and theme.lower() not in {t.lower() for t in a["themes"]}:
            continue
        if trekker and (a.get("trekker") or "").lower() != trekker.lower():
            continue
        if before and not (end and end < before):
            continue
        if after and not (end and end > after):
            continue
        if overdue and not a["overdue"]:
            continue
        out.append(a)
    return out


def legends(actions: list[dict]) -> list[dict]:
    """Per evaluated plan (owner, cycle): each report colour with the legend's own words and how many
    actions carry it. A colour read from marks without a legend line has no words."""
    groups: dict[tuple, dict[str, dict]] = {}
    for a in actions:
        if not a.get("report_colour"):
            continue
        g = groups.setdefault((a["plan_owner"], a["cycle"]), {})
        e = g.setdefault(a["report_colour"], {"colour": a["report_colour"], "words": set(), "count": 0})
        e["count"] += 1
        if a.get("colour_basis"):
            e["words"].add(a["colour_basis"])
    out = []
    for (owner, cycle), entries in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        rows = [{"colour": e["colour"], "count": e["count"],
                 "words": next(iter(e["words"])) if len(e["words"]) == 1 else None}
                for c in COLOURS if (e := entries.get(c))]
        out.append({"plan_owner": owner, "cycle": cycle, "colours": rows})
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
                                    "status": {s: 0 for s in STATUSES} | {"onbekend": 0},
                                    "colour": {c: 0 for c in COLOURS} | {"onbekend": 0}})
        g["total"] += 1
        g["status"][a["status"] or "onbekend"] += 1
        g["colour"][a.get("report_colour") or "onbekend"] += 1
    return [groups[k] for k in sorted(groups, key=lambda k: (k[0], k[1] or "", k[2] or 0))]
