"""The grouped answer to a question: facts from the graph and passages, grouped per basisteam and
cited. Not generated prose: every line is an action, priority or passage with its source."""
from __future__ import annotations

from collections.abc import Callable

from ontology.labels import LabelIndex
from ontology.vocab import short_id
from search.contract import hit_json
from search.engine import Filters, SearchEngine
from search.grounding import ground
from search.pick import FEWEST, pick
from search.relevance import no_match_message
from search.understand import INTENT_NL, Reading, read

from .actions import all_actions
from .concepts import related_by_thesaurus
from .sparql import PREFIXES, action_source, iri_values, once, plan_owner
from .store import GraphStore
from .structured import (all_priorities, applied, board_actions, comparison, covers, just_above, linked_or_wider,
                         not_loaded_note, owners_in_scope, scoped_filters, tally, uses_board, wider_note)

MAX_OWNER_NOTES = 5  # an unscoped answer that shows no owner names at most this many owners with gaps


def answer(engine: SearchEngine, store: GraphStore, labels: LabelIndex, question: str,
           filters: Filters | None = None, k: int = 8, max_actions: int = 12,
           board: Callable[[], list[dict]] | None = None,
           compare_fn: Callable[[str, str], dict] | None = None,
           coverage_fn: Callable[[list[str]], list[dict]] | None = None) -> dict:
    """The question is read first (search/understand.py): whose plans, which years, status, deadline and
    kind of fact it asks for become the passages' filters and the facts' scope (kg/structured.py), and
    `read_as` says how it was read. `board` gives the actions board, `compare_fn` a cached comparison,
    `coverage_fn` what is loaded per owner: the notes say which of the owners in scope lack a kind of plan,
    so an empty or one-sided answer is never mistaken for inactivity."""
    values = engine.values()
    reading = read(question, labels, values["basisteam"], values["gemeente"])
    given = filters or Filters()
    filters, notes = scoped_filters(reading, given, values)
    lost = not_loaded_note(reading, values)
    elsewhere = lost is not None and not (reading.owners or reading.gemeenten or given.basisteam or given.gemeente)
    notes = [lost, *notes] if lost else notes
    g = ground(question, labels)
    hits = [] if elsewhere else engine.search(question, k, filters, grounding=g)
    focus = [c for c in g.concepts if c.type in ("theme", "partner", "instrument")]
    related = {x for c in focus for x in (c.iri, *(labels.narrower(c.iri) if c.type == "theme" else ()))}
    asked = [c.label for c in focus if c.type == "theme"]
    scope = _scope(filters)
    if len(reading.owners) >= 2 and not given.basisteam:  # a question naming two owners: their facts only
        scope.append({o.lower() for o in reading.owners})
    groups: dict[str, dict] = {}
    extra: dict = {}

    def group(name: str) -> dict:
        return groups.setdefault(name, {"basisteam": name, "actions": [], "priorities": []})

    def add_priorities() -> None:
        for pr in priorities_about(store, related) if related else []:
            if _owned(pr, scope) and pr not in group(pr["basisteam"])["priorities"]:
                group(pr["basisteam"])["priorities"].append(pr)

    def add_wider_priorities() -> None:  # nothing on the theme itself: the priority the plan treats it under
        if groups:
            return
        for owner, (prios, wider) in _wider_priorities(store, labels, focus, related, scope).items():
            group(owner).update(priorities=prios, wider=wider)
            notes.append(wider_note(owner, "prioriteit", asked, wider))

    if elsewhere:
        pass
    elif reading.intent == "compare" and len(reading.owners) >= 2 and given.basisteam in (None, *reading.owners):
        extra["comparison"], sides = comparison(store, labels, reading.owners[0], reading.owners[1], compare_fn)
        about = {p["id"] for p in priorities_about(store, related)} if related else set()
        acts = [a for a in actions_about(store, related) if _owned(a, scope)] if related else []
        for name, prios in sides.items():  # "... on youth": each side's priorities marked, and its actions on it
            group(name)["priorities"] = [{**p, "about": p["id"] in about} for p in prios] if related else prios
            group(name)["actions"] = [a for a in acts if name in (a["basisteam"], a["in_basisteam"])][:max_actions]
    elif reading.intent in ("partners", "instruments"):
        themes = {c.iri for c in focus if c.type == "theme"}
        family = ({x for t in themes for x in (t, *labels.narrower(t))} if themes
                  else {c.iri for c in labels.concepts("theme")})
        acts = [a for a in actions_about(store, family) if _owned(a, scope)] if themes else []
        for owner in owners_in_scope(reading, filters, values):
            mine = [a for a in acts if owner in (a["basisteam"], a["in_basisteam"])]
            items, wider = linked_or_wider(store, labels, owner, themes, family, reading.intent, mine)
            if items:
                group(owner)[reading.intent] = items
            if wider:
                group(owner)["wider"] = wider
                notes.append(wider_note(owner, INTENT_NL[reading.intent], asked, wider))
    elif reading.intent == "priorities" and not related:
        for owner in owners_in_scope(reading, filters, values):
            prios = [p for p in all_priorities(store, owner) if _owned(p, scope)]
            if prios:
                group(owner)["priorities"] = prios
    elif reading.intent == "priorities":
        add_priorities()
        add_wider_priorities()
    elif uses_board(reading):
        about, in_scope = None, (lambda a: _owned(a, scope))
        if related:
            met, note = actions_meeting(store, labels, focus, in_scope)
            about, notes = {a["id"] for a in met}, notes + ([note] if note else [])
        every = board() if board else all_actions(store)
        picked = board_actions(store, every, reading, in_scope, about)
        if reading.topic:  # "who is responsible for the street coaches?": its own words choose
            picked, note = on_topic(engine, reading.topic, picked, keep=_narrows(reading))
            notes += [note] if note else []
        if reading.count:
            notes += tally(every, reading, in_scope, about, picked)
        for a in picked:
            grp = group(a["basisteam"])
            grp["actions"].append(a)  # the board's answer is complete: every action it holds for the question
            if reading.intent == "responsible":
                grp.setdefault("responsible", [])
                grp["responsible"] += [o for o in carriers(a) if o not in grp["responsible"]]
        add_priorities()
    elif related:
        acts, note = actions_meeting(store, labels, focus,
                                     lambda a: _owned(a, scope) and covers(a["cycle"], a["timeline"], reading.years))
        notes += [note] if note else []
        if reading.topic:  # "jeugd en messen": the words beside the theme choose among its actions, or say they can't
            acts, note = on_topic(engine, reading.topic, acts)
            notes += [note] if note else []
        for a in acts:
            grp = group(a["basisteam"])
            if len(grp["actions"]) < max_actions:
                grp["actions"].append(a)
        add_priorities()
        add_wider_priorities()
    _narrow(groups, store, labels, filters)
    if not elsewhere and (gap := _nothing_found(reading, groups, hits, extra)):
        notes.append(gap)
        extra.update(_from_thesaurus(store, labels, reading, focus))
    seen = [*groups, *(h.passage.owner or h.passage.basisteam for h in hits if h.relevant)]
    shown = [o for o in dict.fromkeys(seen) if o]
    return _with_no_match({
        "question": question,
        "concepts": [{"id": short_id(c.iri), "label": c.label, "type": c.type} for c in g.concepts],
        "basisteams": sorted(groups.values(), key=lambda x: x["basisteam"] or ""),
        "passages": [hit_json(h, labels) for h in hits if h.relevant],
        "read_as": {**reading.to_json(), "filters": applied(filters),
                    "notes": notes + _coverage_notes(coverage_fn, reading, filters, values, shown)},
        **extra,
    }, filters)


def _wider_priorities(store: GraphStore, labels: LabelIndex, focus: list, related: set[str],
                      scope: list[set[str]]) -> dict[str, tuple[list[dict], list[str]]]:
    """Per owner, its priorities on the themes just above the asked ones, and those themes' labels: a plan that
    treats a narrower theme inside a broader priority (jonge aanwas under youth) shows that priority, where no
    action or priority of its own is about the asked theme."""
    above, names = just_above(labels, {c.iri for c in focus if c.type == "theme"}, related)
    out: dict[str, list[dict]] = {}
    for pr in priorities_about(store, above) if above else []:
        if _owned(pr, scope):
            out.setdefault(pr["basisteam"], []).append(pr)
    return {owner: (prios, names) for owner, prios in out.items()}


def _narrows(r: Reading) -> bool:
    """Whether the question chooses among the board's actions by more than its free words: an owner or place, a
    concept, a status, colour, deadline or period, a kind of document, or actions with(out) an owner."""
    return bool(r.owners or r.gemeenten or r.concepts or r.years or r.kind or r.measures())


def on_topic(engine: SearchEngine, topic: str, actions: list[dict], keep: bool = True) -> tuple[list[dict], str | None]:
    """The actions whose titles the question's free words name (search/pick.py), and a Dutch note saying so; when
    the words do not single out a few, all of them if the rest of the question chose them (`keep`), else none
    ("who painted the Mona Lisa?" asks nothing of the board), with a note that says which. Beside a concept the
    words still choose ("jeugd en messen"): the theme's actions are not an answer about knives, and saying that
    no title names them keeps the gap in sight."""
    if len(actions) < FEWEST:
        return actions, None
    chosen = pick(engine, topic, [a["title"] for a in actions])
    if chosen is None and not keep:
        return [], f"“{topic}” wijst geen acties aan."
    if chosen is None:
        return actions, (f"“{topic}” wijst geen afzonderlijke acties aan: het antwoord toont de {len(actions)} acties "
                         "die bij de rest van de vraag horen.")
    return [actions[i] for i in chosen], (f"“{topic}” past bij {len(chosen)} van de {len(actions)} acties die bij "
                                          "de vraag horen; alleen die staan in het antwoord.")


def _coverage_notes(coverage_fn: Callable[[list[str]], list[dict]] | None, reading, filters: Filters,
                    values: dict, shown: list[str]) -> list[str]:
    """One Dutch sentence per owner in scope that lacks an IVP, uitvoeringsplan or evaluation, or a plan of a
    cycle: "Maasdal: alleen IVP 2023-2026 ingelezen; geen uitvoeringsplan of evaluatie." In scope: the
    filter's owner, else the question's, else the owners the answer shows (its groups and passages). An
    unscoped answer that shows no owner names at most MAX_OWNER_NOTES owners; past that it counts them, since
    with hundreds of owners a sentence each would bury the answer."""
    if coverage_fn is None:
        return []
    owners = [filters.basisteam] if filters.basisteam else (list(reading.owners) or shown)
    if owners:
        return [c["note"] for c in coverage_fn(owners) if c["missing"] or c["gaps"]]
    every = values.get("basisteam", [])
    lacking = [c["note"] for c in coverage_fn(every) if c["missing"] or c["gaps"]] if every else []
    if len(lacking) <= MAX_OWNER_NOTES:
        return lacking
    return [f"{len(lacking)} van de {len(every)} planeigenaren missen een soort plan of een plan van een cyclus "
            "(zie de dekking per eigenaar)."]


def _narrow(groups: dict[str, dict], store: GraphStore, labels: LabelIndex, filters: Filters) -> None:
    """The theme and year filters reach the facts as they reach the passages: one filter model for the whole
    answer. An action stays when it is about the theme (or a narrower one) and its cycle or timeline covers
    the year; a priority when it is about the theme. Groups left with nothing are dropped."""
    keep_action: list[Callable[[dict], bool]] = []
    keep_priority: list[Callable[[dict], bool]] = []
    if filters.theme:
        family = {filters.theme, *labels.narrower(filters.theme)}
        about = {a["id"] for a in actions_about(store, family)}
        prios = {p["id"] for p in priorities_about(store, family)}
        keep_action.append(lambda a: a["id"] in about)
        keep_priority.append(lambda p: p["id"] in prios)
    if filters.year:
        keep_action.append(lambda a: covers(a["cycle"], a["timeline"], [filters.year]))
    if not keep_action:
        return
    for name in list(groups):
        grp = groups[name]
        grp["actions"] = [a for a in grp["actions"] if all(k(a) for k in keep_action)]
        grp["priorities"] = [p for p in grp["priorities"] if all(k(p) for k in keep_priority)]
        if not any(grp.get(key) for key in ("actions", "priorities", "partners", "instruments")):
            del groups[name]


def _nothing_found(reading: Reading, groups: dict[str, dict], hits: list, extra: dict) -> str | None:
    """A Dutch note when the question asks for a kind of fact and the graph gives none of it: an empty list
    must not read as "nothing is being done" or be hidden under passages about something else."""
    field = {"responsible": "actions"}.get(reading.intent, reading.intent)
    if (reading.intent not in INTENT_NL or reading.intent == "compare" or extra.get("comparison")
            or any(g.get(field) for g in groups.values())):
        return None
    whose = [*reading.owners, *reading.gemeenten]
    note = f"Geen {INTENT_NL[reading.intent]} gevonden die bij de vraag passen"
    note += f" in de documenten van {' en '.join(whose)}." if whose else "."
    if any(h.relevant for h in hits):
        note += " De passages hieronder zeggen wat de documenten erover schrijven."
    return note


def _from_thesaurus(store: GraphStore, labels: LabelIndex, reading: Reading, focus: list) -> dict:
    """Where no document links a partner or instrument to the question's theme: those the thesaurus relates to
    it, apart from the facts and said to be background, so an advisor sees what could apply without mistaking
    it for what the plans say."""
    themes = [c for c in focus if c.type == "theme"]
    if reading.intent not in ("partners", "instruments") or not themes:
        return {}
    items = related_by_thesaurus(store, labels, {c.iri for c in themes}, reading.intent[:-1])
    if not items:
        return {}
    about = " en ".join(c.label.lower() for c in themes)
    note = (f"Volgens de thesaurus van ivp-kg horen deze {INTENT_NL[reading.intent]} bij {about} "
            f"(achtergrond, niet uit de documenten):")
    return {"thesaurus": {"type": reading.intent, "themes": [{"id": short_id(c.iri), "label": c.label} for c in themes],
                          "items": items, "note": note}}


def _with_no_match(out: dict, filters: Filters | None) -> dict:
    """Nothing about the question, no passage and no fact: say so (search/relevance.py) instead of listing
    unrelated passages; under an owner or gemeente filter the message names it."""
    out["no_match"] = not out["passages"] and not out["basisteams"] and not out.get("comparison")
    if out["no_match"]:
        out["message"] = no_match_message(out["question"], filters and (filters.basisteam or filters.gemeente))
    return out


def _scope(filters: Filters | None) -> list[set[str]]:
    """The owner and gemeente filters as sets of holder names, each of which a fact must meet: its plan owner,
    that owner's basisteam, or (for a gemeente) the gemeente itself or its basisteam. The answer's facts
    obey the same filters as its passages; the gemeente is looked up once per question, not per fact."""
    if filters is None:
        return []
    scope = [{filters.basisteam.lower()}] if filters.basisteam else []
    if filters.gemeente:
        from ontology.places import places

        mine = {filters.gemeente.lower()}
        g = places().gemeente(filters.gemeente)
        if g is not None:
            mine |= {g.name.lower(), *([g.basisteam.name.lower()] if g.basisteam else [])}
        scope.append(mine)
    return scope


def carriers(action: dict) -> list[str]:
    """Who answers for an answer's action: its portefeuillehouders, then its trekker."""
    return [*action["owners"], *([action["trekker"]] if action.get("trekker") else [])]


def _owned(fact: dict, scope: list[set[str]]) -> bool:
    holders = {(fact["basisteam"] or "").lower(), (fact.get("in_basisteam") or "").lower()} - {""}
    return all(holders & names for names in scope)


def actions_meeting(store: GraphStore, labels: LabelIndex, focus: list,
                    keep: Callable[[dict], bool]) -> tuple[list[dict], str | None]:
    """The actions in scope (`keep`) on all the kinds of concept the question names: "Bibob tegen ondermijning"
    asks for the ondermijning actions that use Bibob, not every action on either. Concepts of one kind are
    alternatives ("drugs en mensenhandel", a theme with its narrower ones); kinds narrow each other. When no action
    in scope meets every kind, the actions on any of them, with a Dutch note that says none meets them all."""
    kinds: dict[str, set[str]] = {}
    for c in focus:
        kinds.setdefault(c.type, set()).update((c.iri, *(labels.narrower(c.iri) if c.type == "theme" else ())))
    every = [a for a in actions_about(store, set().union(*kinds.values())) if keep(a)] if kinds else []
    if len(kinds) < 2 or not every:
        return every, None
    ids = set.intersection(*(_ids_about(store, iris) for iris in kinds.values()))
    if ids & {a["id"] for a in every}:
        return [a for a in every if a["id"] in ids], None
    *first, last = [c.label for c in focus]
    names = f"{', '.join(first)} en {last}"
    return every, f"Geen actie noemt {names} samen; het antwoord toont de acties bij elk van hen."


_ABOUT = "{ ?a ivp:theme ?c } UNION { ?a ivp:partner ?c } UNION { ?a ivp:instrument ?c }"  # an action about ?c


def _ids_about(store: GraphStore, concepts: set[str]) -> set[str]:
    """The ids of the actions `actions_about` gives, without reading the actions."""
    q = PREFIXES + f"SELECT DISTINCT ?a WHERE {{ {iri_values('?c', sorted(concepts))} ?a a ivp:Action . {_ABOUT} }}"
    return {short_id(r["a"].value) for r in store.raw_query(q)}


def actions_about(store: GraphStore, concepts: set[str]) -> list[dict]:
    """Actions whose theme, partner or instrument is one of `concepts`, newest cycle first."""
    q = PREFIXES + f"""SELECT ?a ?title ?bt ?bt_bt ?cycle ?tl ?start ?end ?status ?basis ?doc ?page ?text ?pid ?sent
                         ?prlabel ?owner ?trekker ?colour ?cbasis WHERE {{
      {iri_values("?c", sorted(concepts))}
      ?a a ivp:Action ; rdfs:label ?title ; ivp:plan/dcterms:title ?doc . {plan_owner("?a", "bt")}
      {_ABOUT}
      OPTIONAL {{ ?a ivp:cycle ?cycle }} OPTIONAL {{ ?a ivp:timelineText ?tl }}
      OPTIONAL {{ ?a ivp:timelineStart ?start }} OPTIONAL {{ ?a ivp:timelineEnd ?end }}
      OPTIONAL {{ ?a ivp:status ?status }} OPTIONAL {{ ?a ivp:statusBasis ?basis }}
      OPTIONAL {{ ?a ivp:trekker ?trekker }}
      OPTIONAL {{ ?a ivp:reportColour ?colour .
                  OPTIONAL {{ ?ce rdf:subject ?a ; rdf:predicate ivp:reportColour ; ivp:sentence ?cbasis }} }}
      OPTIONAL {{ ?a prov:wasDerivedFrom ?p . ?p ivp:text ?text . OPTIONAL {{ ?p ivp:page ?page }}
                  OPTIONAL {{ ?p dcterms:identifier ?pid }} }} OPTIONAL {{ ?a ivp:sourceText ?sent }}
      OPTIONAL {{ ?a ivp:priority ?pr . {once("?pr a ivp:Priority ; rdfs:label ?prlabel", "?pr", "?prlabel")} }}
      OPTIONAL {{ ?a ivp:owner ?own . {once("?own a ivp:Role ; rdfs:label ?owner", "?own", "?owner")} }}
    }}"""
    out: dict[str, dict] = {}
    for r in store.raw_query(q):
        iri = r["a"].value
        val = lambda name: r[name].value if r[name] is not None else None  # noqa: E731
        item = out.get(iri)
        if item is None:
            item = out[iri] = {
                "id": short_id(iri), "title": val("title"), "basisteam": val("bt"), "in_basisteam": val("bt_bt"),
                "cycle": val("cycle"), "timeline": {"text": val("tl"), "start": val("start"), "end": val("end")},
                "status": val("status"), "status_basis": val("basis"), "report_colour": val("colour"),
                "colour_basis": val("cbasis"), "priority": val("prlabel"),
                "owners": [], "trekker": val("trekker"), "partners": [], "instruments": [],
                "source": action_source(r),
            }
        if val("owner") and val("owner") not in item["owners"]:
            item["owners"].append(val("owner"))
    _add_links(store, out)
    return sorted(out.values(), key=lambda a: (a["basisteam"] or "", -(int((a["cycle"] or "0")[:4] or 0)), a["id"]))


def _add_links(store: GraphStore, actions: dict[str, dict]) -> None:
    if not actions:
        return
    q = PREFIXES + f"""SELECT ?a ?rel ?label WHERE {{ {iri_values("?a", actions)}
      {{ ?a ivp:partner ?x BIND("partners" AS ?rel) }} UNION {{ ?a ivp:instrument ?x BIND("instruments" AS ?rel) }}
      ?x skos:prefLabel ?label FILTER(lang(?label) = "nl") }}"""
    for r in store.raw_query(q):
        bucket = actions[r["a"].value][r["rel"].value]
        if r["label"].value not in bucket:
            bucket.append(r["label"].value)


def priorities_about(store: GraphStore, concepts: set[str]) -> list[dict]:
    q = PREFIXES + f"""SELECT DISTINCT ?pr ?label ?bt ?bt_bt ?n WHERE {{ {iri_values("?c", sorted(concepts))}
      {once("?pr a ivp:Priority ; ivp:theme ?c", "?pr", "?c")}
      {once("?pr a ivp:Priority ; rdfs:label ?label", "?pr", "?label")}
      {once("?pr a ivp:Priority ; ivp:number ?n", "?pr", "?n")} {plan_owner("?pr", "bt")} }}"""
    seen: dict[str, dict] = {}
    for r in store.raw_query(q):
        iri = r["pr"].value
        if iri not in seen:
            seen[iri] = {"id": short_id(iri), "label": r["label"].value, "basisteam": r["bt"].value,
                         "in_basisteam": r["bt_bt"].value if r["bt_bt"] is not None else None,
                         "number": int(r["n"].value)}
    return sorted(seen.values(), key=lambda p: (p["basisteam"], p["number"]))
