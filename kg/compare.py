"""Two plan owners' priorities side by side, one row per pair of priorities, aligned through the theme scheme.

Counting rule (so the table agrees with the actions board): every priority appears in exactly one row, and
an action counts in the row of its own priority, so a side's action count in a row equals the board's count
for that owner and priority (all cycles). Actions without a priority are listed apart (`without_priority`).

Pairing rule (deterministic): candidate pairs (priority of a, priority of b) are ranked by
  1. full match: the two priorities share a theme;
  2. partial match: a theme of one is broader or narrower than a theme of the other in the SKOS scheme
     (drugs under ondermijning);
  3. partial match: one side's actions under its priority work on the other's theme or a sub-theme of it,
     the more such actions the stronger;
then by priority numbers; pairs are taken greedily, each priority once. A priority left unpaired gets a row of
its own; where the other side works on its theme under a priority counted in another row, `elsewhere` says
which, so no information is lost and nothing is counted twice.

A row is named after its priority's theme; a priority with several themes is named after the one most of its
actions carry (ties: the theme's Dutch label, alphabetically).
"""
from __future__ import annotations

from collections import Counter

from ontology.labels import LabelIndex
from ontology.vocab import full_iri, short_id

from .sparql import PREFIXES, iri_values, literal, once, plan_owner
from .store import GraphStore


def basisteams(store: GraphStore) -> list[str]:
    """Everyone two plans can be compared for: the basisteams, and every other owner of a plan (a gemeente,
    a group of gemeenten, a basisteam without a known district)."""
    q = PREFIXES + """SELECT DISTINCT ?l WHERE { { ?b a ivp:Basisteam } UNION { ?d ivp:planOwner ?b }
      ?b skos:prefLabel ?l FILTER(lang(?l) = "nl" || lang(?l) = "") }"""
    return sorted({r["l"].value for r in store.raw_query(q)})


def holders_named(store: GraphStore, name: str) -> list[str]:
    """The nodes named `name` in any case (an owner, a basisteam): a look-up among names, not plan facts."""
    q = PREFIXES + f"SELECT DISTINCT ?h WHERE {{ ?h skos:prefLabel ?l FILTER(lcase(str(?l)) = lcase({literal(name)})) }}"
    return [r["h"].value for r in store.raw_query(q)]


def priorities(store: GraphStore, owner: str) -> list[dict]:
    """One owner's priorities (whose plan owner, else basisteam, is `owner`: the board's notion of owner).
    A priority's facts are stated by each of its owner's plans, so each is read once (kg/sparql.once), and
    only the priorities held by a node of that name are read."""
    held = plan_owner("?pr", "o", holders_named(store, owner))
    q = PREFIXES + "SELECT ?pr ?n ?t ?label ?o WHERE { " + held + """
      """ + once("?pr a ivp:Priority ; ivp:number ?n", "?pr", "?n") + """
      OPTIONAL """ + once("?pr a ivp:Priority ; ivp:theme ?t", "?pr", "?t") + """
      OPTIONAL """ + once("?pr a ivp:Priority ; rdfs:label ?label", "?pr", "?label") + " }"
    out: dict[str, dict] = {}
    for r in store.raw_query(q):
        if r["o"].value.lower() != owner.lower():
            continue
        p = out.setdefault(r["pr"].value, {"iri": r["pr"].value, "priority": short_id(r["pr"].value),
                                           "number": int(r["n"].value), "wordings": [], "themes": []})
        if r["t"] is not None and r["t"].value not in p["themes"]:
            p["themes"].append(r["t"].value)
        if r["label"] is not None and r["label"].value not in p["wordings"]:
            p["wordings"].append(r["label"].value)
    return sorted(out.values(), key=lambda p: (p["number"], p["iri"]))


def _action_facts(store: GraphStore, iris: list[str]) -> dict[str, dict]:
    """Theme IRIs, partners, instruments and the kind of the plan each action was read from."""
    facts: dict[str, dict] = {a: {"themes": set(), "partner": set(), "instrument": set(), "kind": None} for a in iris}
    if not iris:
        return facts
    q = PREFIXES + f"""SELECT ?a ?p ?x WHERE {{ {iri_values("?a", iris)}
      {{ ?a ivp:theme ?x BIND("themes" AS ?p) }} UNION {{ ?a ivp:partner ?x BIND("partner" AS ?p) }}
      UNION {{ ?a ivp:instrument ?x BIND("instrument" AS ?p) }}
      UNION {{ ?a ivp:plan/ivp:kind ?x BIND("kind" AS ?p) }} }}"""
    for r in store.raw_query(q):
        f = facts[r["a"].value]
        if r["p"].value == "kind":
            f["kind"] = r["x"].value
        else:
            f[r["p"].value].add(r["x"].value)
    return facts


def _relations(store: GraphStore, owner: str) -> dict[str, set[tuple[str, str]]]:
    """(entity, theme) pairs read from the owner's documents: partners that work on a theme, instruments
    that apply to one."""
    held = plan_owner("?d", "o", holders_named(store, owner))
    q = PREFIXES + """SELECT DISTINCT ?kind ?x ?t WHERE { """ + held + """ ?d a ivp:Document .
      FILTER(lcase(str(?o)) = lcase(""" + literal(owner) + """))
      GRAPH ?g { ?d a ivp:Document . { ?x ivp:worksOn ?t BIND("partner" AS ?kind) }
                 UNION { ?x ivp:appliesTo ?t BIND("instrument" AS ?kind) } } }"""
    out: dict[str, set] = {"partner": set(), "instrument": set()}
    for r in store.raw_query(q):
        out[r["kind"].value].add((r["x"].value, r["t"].value))
    return out


class _Side:
    """One owner: its priorities, its actions by priority (the board's records) and what it relates to themes."""

    def __init__(self, store: GraphStore, labels: LabelIndex, owner: str, actions: list[dict]):
        self.owner, self.labels = owner, labels
        self.priorities = priorities(store, owner)
        mine = [a for a in actions if (a["plan_owner"] or "").lower() == owner.lower()]
        self.facts = _action_facts(store, [_iri(a["id"]) for a in mine])
        self.by_priority: dict[str, list[dict]] = {}
        self.without_priority: list[dict] = []
        for a in mine:
            pid = a["priority"]["id"] if a["priority"] else None
            (self.by_priority.setdefault(pid, []) if pid else self.without_priority).append(a)
        self.relations = _relations(store, owner)
        known = {p["priority"] for p in self.priorities}
        for pid, acts in self.by_priority.items():  # a plan's priority number no priority node describes
            if pid not in known:
                pr = acts[0]["priority"]
                self.priorities.append({"iri": _iri(pid), "priority": pid, "number": pr["number"],
                                        "wordings": list(pr["labels"]), "themes": []})
        self.priorities.sort(key=lambda p: (p["number"], p["iri"]))
        for p in self.priorities:
            p["theme"] = self._main_theme(p)

    def _main_theme(self, p: dict) -> str | None:
        counts = Counter(t for a in self.by_priority.get(p["priority"], []) for t in self.facts[_iri(a["id"])]["themes"]
                         if t in p["themes"])
        return min(p["themes"], key=lambda t: (-counts[t], self._label(t).lower()), default=None)

    def _label(self, t: str) -> str:
        c = self.labels.concept(t)
        return c.label if c else short_id(t)

    def family(self, p: dict) -> set[str]:
        return {x for t in p["themes"] for x in (t, *self.labels.narrower(t))}

    def actions_on(self, p: dict, themes: set[str]) -> int:
        """How many of this priority's actions work on one of `themes`."""
        return sum(1 for a in self.by_priority.get(p["priority"], []) if self.facts[_iri(a["id"])]["themes"] & themes)

    def view(self, p: dict) -> dict:
        actions = self.by_priority.get(p["priority"], [])
        fam = self.family(p)
        found: dict[str, set[str]] = {"partner": set(), "instrument": set()}
        for kind in found:
            found[kind] |= {x for x, t in self.relations[kind] if t in fam}
            for a in actions:
                found[kind] |= self.facts[_iri(a["id"])][kind]
        return {"priority": p["priority"], "number": p["number"], "wordings": p["wordings"],
                "themes": [self.ref(t) for t in p["themes"]], "action_count": len(actions),
                "actions": [self.action(a) for a in actions],
                "cycles": dict(sorted(Counter(a["cycle"] or "" for a in actions).items())),
                "partners": sorted((self.ref(x) for x in found["partner"]), key=lambda r: r["label"].lower()),
                "instruments": sorted((self.ref(x) for x in found["instrument"]), key=lambda r: r["label"].lower())}

    def action(self, a: dict) -> dict:
        return {"id": a["id"], "label": a["title"], "status": a["status"], "cycle": a["cycle"],
                "kind": self.facts[_iri(a["id"])]["kind"]}

    def ref(self, iri: str) -> dict:
        return {"id": short_id(iri), "label": self._label(iri)}

    def row_theme(self, p: dict) -> dict:
        """The theme naming a priority's row; a priority without a theme is named by its own wording."""
        if p["theme"]:
            return self.ref(p["theme"])
        return {"id": p["priority"], "label": p["wordings"][0] if p["wordings"] else f"Prioriteit {p['number']}"}

    def everything(self, kind: str) -> set[str]:
        """Every partner (or instrument) the owner's documents relate to a theme or its actions name."""
        return {x for x, _ in self.relations[kind]} | {x for f in self.facts.values() for x in f[kind]}


def _iri(short: str) -> str:
    return full_iri(short)


def _covering(side: _Side, p: dict, other: _Side) -> tuple[dict, int] | None:
    """The priority of `other` whose actions most often work on p's themes, with how many: a sub-theme
    (jeugdoverlast under jeugd) worked on says more than the broad theme, which plain words ("jongeren")
    attach to many actions, so sub-themes are tried first. Ties: the lower priority number."""
    narrow = side.family(p) - set(p["themes"])
    for themes in (narrow, side.family(p)):
        counts = [(other.actions_on(q, themes), -q["number"], q) for q in other.priorities] if themes else []
        best = max(counts, key=lambda x: x[:2], default=(0, 0, None))
        if best[0] > 0:
            return best[2], best[0]
    return None


def _pair_score(sa: _Side, pa: dict, sb: _Side, pb: dict, labels: LabelIndex) -> tuple[int, int] | None:
    """(rank, weight) of pairing two priorities, higher is better; None when they have nothing in common."""
    ta, tb = set(pa["themes"]), set(pb["themes"])
    if ta & tb:
        return 3, len(ta & tb)
    if any(x in labels.broader(y) or y in labels.broader(x) for x in ta for y in tb):
        return 2, 0
    weight = 0
    for side, p, other, q in ((sb, pb, sa, pa), (sa, pa, sb, pb)):
        cover = _covering(side, p, other)
        if cover and cover[0] is q:
            weight += cover[1]
    return (1, weight) if weight else None


def _summary(sa: _Side, sb: _Side) -> dict:
    out = {}
    for kind, key in (("partner", "partners"), ("instrument", "instruments")):
        xa, xb = sa.everything(kind), sb.everything(kind)
        refs = lambda s: sorted((sa.ref(x) for x in s), key=lambda r: r["label"].lower())  # noqa: E731
        out[key] = {"shared": refs(xa & xb), "only_a": refs(xa - xb), "only_b": refs(xb - xa)}
    return out


def compare(store: GraphStore, labels: LabelIndex, a: str, b: str, actions: list[dict] | None = None,
            coverage: list[dict] | None = None) -> dict:
    """The table of `a` and `b`; `actions` are the board's records (computed here when not given)."""
    if actions is None:
        from .actions import all_actions

        actions = all_actions(store)
    if coverage is None:
        from .coverage import coverage as owner_coverage

        coverage = owner_coverage(store, [a, b])
    sa, sb = _Side(store, labels, a, actions), _Side(store, labels, b, actions)
    candidates = []
    for pa in sa.priorities:
        for pb in sb.priorities:
            if (score := _pair_score(sa, pa, sb, pb, labels)) is not None:
                candidates.append((-score[0], -score[1], pa["number"], pb["number"], pa["iri"], pb["iri"], pa, pb))
    used: set[str] = set()
    shared = []
    for rank, _, _, _, ia, ib, pa, pb in sorted(candidates, key=lambda c: c[:6]):
        if ia in used or ib in used:
            continue
        used |= {ia, ib}
        common = [t for t in pa["themes"] if t in pb["themes"]]
        row = {"theme": sa.ref(pa["theme"] if pa["theme"] in common else common[0]) if common else sa.row_theme(pa),
               "match": "full" if rank == -3 else "partial", "a": sa.view(pa), "b": sb.view(pb)}
        if row["match"] == "partial":
            row["a_theme"], row["b_theme"] = sa.row_theme(pa), sb.row_theme(pb)
        shared.append(row)
    row_of = {r[s]["priority"]: r["theme"] for r in shared for s in ("a", "b")}

    def alone(side: _Side, other: _Side, p: dict, key: str) -> dict:
        """A priority without a partner; `elsewhere`: the other side's priority whose actions work on its
        themes (sub-themes first) most, with the row those actions are counted in."""
        row = {"theme": side.row_theme(p), "match": None, "a": None, "b": None, key: side.view(p)}
        if (cover := _covering(side, p, other)) is not None:
            q, n = cover
            row["elsewhere"] = {"side": "b" if key == "a" else "a", "priority": q["priority"], "number": q["number"],
                                "actions": n, "row": row_of.get(q["priority"]) or other.row_theme(q)}
        return row

    only_a = [alone(sa, sb, p, "a") for p in sa.priorities if p["iri"] not in used]
    only_b = [alone(sb, sa, p, "b") for p in sb.priorities if p["iri"] not in used]
    return {"a": a, "b": b, "shared": sorted(shared, key=lambda r: r["a"]["number"]), "only_a": only_a,
            "only_b": only_b, "without_priority": {"a": [sa.action(x) for x in sa.without_priority],
                                                   "b": [sb.action(x) for x in sb.without_priority]},
            "totals": {"a": sum(len(v) for v in sa.by_priority.values()) + len(sa.without_priority),
                       "b": sum(len(v) for v in sb.by_priority.values()) + len(sb.without_priority)},
            "summary": _summary(sa, sb), "coverage": {"a": coverage[0], "b": coverage[1]}}
