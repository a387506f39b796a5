"""Answer what a question scopes (search/understand.py's `Reading`) from the graph: its owners, gemeente,
years and document kind become the passages' Filters and the facts' scope; status, deadline and "who is
responsible" questions read the actions board; "which partners / instruments" list only that kind of
concept linked to the theme; "compare A and B" is kg/compare.py's comparison.

The caller's explicit filters win over what the question says; a conflict is reported, not hidden.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, replace

from ontology.labels import LabelIndex
from ontology.places import places
from ontology.vocab import full_iri, short_id
from search.engine import Filters
from search.understand import Reading

from .actions import filter_actions
from .compare import _relations, compare, priorities
from .store import GraphStore

BOARD_INTENTS = ("responsible",)


def scoped_filters(reading: Reading, given: Filters | None, values: dict) -> tuple[Filters, list[str]]:
    """The question's scope merged into the caller's filters (the caller's win) and Dutch notes on
    conflicts and on scopes no ingested document meets."""
    given = given or Filters()
    f, notes = replace(given), []
    # a comparison with a place of which nothing is ingested ("Amersfoort and Meerwijk") has one side to show
    one_side = reading.intent != "compare" or bool(reading.not_loaded and not reading.gemeenten)
    owner = reading.owners[0] if len(reading.owners) == 1 and one_side else None
    gemeente = reading.gemeenten[0] if len(reading.gemeenten) == 1 and not reading.owners else None
    year = reading.years[0] if len(reading.years) == 1 else None
    for name, said, label in (("basisteam", owner, "eigenaar"), ("gemeente", gemeente, "gemeente"),
                              ("kind", reading.kind, "documentsoort"), ("year", year, "jaar")):
        if said is None:
            continue
        mine = getattr(given, name)
        if mine is None:
            setattr(f, name, said)
        elif str(mine).lower() != str(said).lower():
            notes.append(f"Het filter {label} {mine} gaat voor; de vraag noemt {label} {said}.")
    if reading.intent == "compare" and given.basisteam and given.basisteam not in reading.owners:
        notes.append(f"Het filter eigenaar {given.basisteam} gaat voor; de vraag vergelijkt "
                     f"{' en '.join(reading.owners)}.")
    if f.year is not None and f.year not in values.get("year", []):
        # a plan of a later period may well look back on that year: its passages are not filtered away
        notes.append(f"Geen ingelezen plan beslaat het jaar {f.year}; de passages zijn niet op jaar gefilterd.")
        f.year = given.year
    if f.kind is not None and f.kind not in values.get("kind", []):
        notes.append(f"Er zijn geen documenten van de soort {f.kind} ingelezen.")
    return f, notes


def applied(f: Filters) -> dict:
    """The filters the answer used, for `read_as`."""
    return {k: v for k, v in asdict(f).items() if v is not None}


def not_loaded_note(reading: Reading, values: dict) -> str | None:
    """Places the question names of which nothing is ingested, as a Dutch sentence naming what is."""
    if not reading.not_loaded:
        return None
    return (f"Van {' en '.join(reading.not_loaded)} is niets ingelezen; ingelezen zijn plannen van "
            f"{', '.join(values.get('basisteam', [])) or 'niemand'}.")


def covers(cycle: str | None, timeline: dict, years: list[int]) -> bool:
    """Does an action's cycle (else its timeline) cover one of `years`?"""
    if not years:
        return True
    span = [int(p) for p in (cycle or "").split("-") if p.isdigit()]
    if not span:
        span = [int(d[:4]) for d in (timeline.get("start"), timeline.get("end")) if d]
    return bool(span) and any(min(span) <= y <= max(span) for y in years)


def uses_board(reading: Reading) -> bool:
    """Questions the actions board answers: a status, a report colour, a deadline, who is responsible, or actions
    without a topic."""
    return bool(reading.measures() or reading.count or reading.intent in BOARD_INTENTS
                or (reading.intent == "actions" and not reading.concepts))


def board_actions(store: GraphStore | None, board: list[dict], reading: Reading, owned: Callable[[dict], bool],
                  about: set[str] | None, links: bool = True) -> list[dict]:
    """The board's actions the question asks for, in the answer's action shape. `about`: ids of the actions
    on the question's concepts (None: any); `links`: with their partners and instruments from the graph."""
    from .answer import _add_links

    out: dict[str, dict] = {}
    for a in filter_actions(board, status=reading.status, due_before=reading.deadline_before, colour=reading.colour,
                            overdue=reading.overdue):
        end = a["timeline"]["end"]
        if reading.deadline_from and not (end and end >= reading.deadline_from):
            continue
        if about is not None and a["id"] not in about:
            continue
        if reading.unowned and (a.get("trekker") or a.get("owner")):
            continue
        item = {"id": a["id"], "title": a["title"], "basisteam": a["plan_owner"], "in_basisteam": a["basisteam"],
                "cycle": a["cycle"], "timeline": a["timeline"], "status": a["status"],
                "status_basis": a["status_basis"], "report_colour": a["report_colour"],
                "colour_basis": a["colour_basis"],
                "priority": a["priority"]["labels"][0] if a["priority"] and a["priority"]["labels"] else None,
                "owners": [a["owner"]] if a["owner"] else [], "trekker": a["trekker"], "partners": [],
                "instruments": [],
                "source": a["sources"][0] if a["sources"] else {"document": "", "page": None, "text": None}}
        if owned(item) and covers(a["cycle"], a["timeline"], reading.years):
            out[str(full_iri(a["id"]))] = item
    if links:
        _add_links(store, out)
    return list(out.values())


def tally(board: list[dict], reading: Reading, owned: Callable[[dict], bool], about: set[str] | None,
          picked: list[dict]) -> list[str]:
    """Dutch notes that count, per owner, the actions a "how many" question names out of those in its scope:
    "<eigenaar>: 12 van de 45 acties met een kleur (27%): kleur groen." Of a status or colour the count is
    out of the actions a report gave one; an unreported action is neither green nor not."""
    measure = reading.measures()
    scope = [a for a in board_actions(None, board, reading.unmeasured(), owned, about, links=False)
             if (not reading.colour or a["report_colour"]) and (not reading.status or a["status"])]
    out = [f"{owner}: 0 acties." for owner in reading.owners if not any(a["basisteam"] == owner for a in scope)]
    for owner in dict.fromkeys(a["basisteam"] for a in scope):
        of = sum(a["basisteam"] == owner for a in scope)
        n = sum(a["basisteam"] == owner for a in picked)
        what = " met een kleur" if reading.colour else " met een status" if reading.status else ""
        out.append(f"{owner}: {n} van de {of} acties{what} ({round(100 * n / of)}%): {', '.join(measure)}."
                   if measure else f"{owner}: {of} acties.")
    return out


def owners_in_scope(reading: Reading, f: Filters, values: dict) -> list[str]:
    """Whose facts a partner, instrument or priority list covers: the filter's owner, the gemeente's
    basisteam, the question's owners, else every ingested owner."""
    if f.basisteam:
        return [f.basisteam]
    if f.gemeente:
        g = places().gemeente(f.gemeente)
        bt = g.basisteam.name if g is not None and g.basisteam else None
        return [x for x in values.get("basisteam", []) if x in (f.gemeente, bt)]
    return reading.owners or list(values.get("basisteam", []))


def _linked(pairs: set[tuple[str, str]], labels: LabelIndex, themes: set[str], kind: str,
            actions: list[dict]) -> list[dict]:
    """Partners or instruments (`kind`) linked to `themes`: by one of the owner's relations `pairs` (entity,
    theme: works on / applies to, read from its documents, kg/compare.py), or named by one of its `actions`."""
    type_ = kind[:-1]
    out: list[dict] = []
    for x, t in sorted(pairs):
        c = labels.concept(x)
        item = {"id": short_id(x), "label": c.label if c else short_id(x)}
        if t in themes and item not in out:
            out.append(item)
    for a in actions:
        for name in a[kind]:
            found = labels.lookup(name, type_)
            item = {"id": short_id(found[0].iri), "label": found[0].label} if found else None
            if item is not None and item not in out:
                out.append(item)
    return sorted(out, key=lambda x: x["label"].lower())


def just_above(labels: LabelIndex, themes: set[str], family: set[str]) -> tuple[set[str], list[str]]:
    """The themes directly above `themes` that are not in their `family`, and those themes' labels: where a plan
    writes about a theme at large rather than the narrower one asked about. Only the broader theme itself, never
    its other narrower themes (a sibling's facts are not the asked theme's)."""
    above = {b for t in themes for b in labels.broader(t, transitive=False)} - family
    return above, sorted({c.label for b in above if (c := labels.concept(b)) is not None})


def wider_note(owner: str, what: str, asked: list[str], wider: list[str]) -> str:
    """The Dutch note that an answer widened to the broader theme."""
    return (f"{owner}: geen {what} bij {' en '.join(a.lower() for a in asked)} zelf; wel bij het bredere thema "
            f"{' en '.join(w.lower() for w in wider)}.")


def linked_or_wider(store: GraphStore, labels: LabelIndex, owner: str, themes: set[str], family: set[str],
                    kind: str, actions: list[dict]) -> tuple[list[dict], list[str]]:
    """Partners or instruments (`kind`) of one owner linked to the asked themes' family, else to the themes just
    above them, and the labels of those; the owner's relations are read once for both.

    A plan often names its partners in a paragraph about a theme at large (youth) and never in one sentence
    with the narrower theme a question asks about (young people drifting into crime)."""
    pairs = _relations(store, owner)[kind[:-1]]
    items = _linked(pairs, labels, family, kind, actions)
    if items or not themes:
        return items, []
    above, names = just_above(labels, themes, family)
    items = _linked(pairs, labels, above, kind, []) if above else []
    return items, names if items else []


def all_priorities(store: GraphStore, owner: str) -> list[dict]:
    """Every priority of one owner, numbered (kg/compare.py's priorities)."""
    return [{"id": p["priority"], "label": p["wordings"][0] if p["wordings"] else f"Prioriteit {p['number']}",
             "basisteam": owner, "number": p["number"]} for p in priorities(store, owner)]


def comparison(store: GraphStore, labels: LabelIndex, a: str, b: str,
               compare_fn: Callable[[str, str], dict] | None = None) -> tuple[dict, dict[str, list[dict]]]:
    """kg/compare.py's comparison of `a` and `b`, and each side's priorities read from it."""
    result = compare_fn(a, b) if compare_fn else compare(store, labels, a, b)
    sides: dict[str, list[dict]] = {result["a"]: [], result["b"]: []}
    for item in (*result["shared"], *result["only_a"], *result["only_b"]):
        for s in ("a", "b"):
            e = item.get(s)
            if e is None:
                continue
            label = e["wordings"][0] if e["wordings"] else f"Prioriteit {e['number']}"
            p = {"id": e["priority"], "label": label, "basisteam": result[s], "number": e["number"]}
            if p not in sides[result[s]]:
                sides[result[s]].append(p)
    for ps in sides.values():
        ps.sort(key=lambda p: p["number"])
    return result, sides
