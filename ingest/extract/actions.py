"""A document's actions: its action tables first, else the lists where it sets out its actions.

Tables are the stronger evidence (a row per action, named columns), so lists are read only when no
action table was found, and left unread lists are noted. Lists and action cards (card_actions.py) count
inside action regions (regions.py); in an uitvoeringsplan also directly under a priority section that has
no region of its own, with a note since nothing but the kind says they are actions; in an evaluation only
the cards there, whose fields say they are actions, and lists most of whose items end in a status, and
sections that a colour paragraph marks (marked_sections.py).
"""
from __future__ import annotations

from ..cuewords import extract_cues, starts_with
from ..layout import Block, Layout, ListBlock, Paragraph, Section
from ..model import Action
from .card_actions import card_actions, is_card
from .list_actions import evaluated_list, list_actions
from .locate import PriorityIndex
from .marked_sections import marked_sections, section_action
from .model import Found
from .regions import is_region, is_region_title, regions
from .scope import body_sections, where
from .table_actions import table_actions


def _parents(layout: Layout) -> dict[int, Section]:
    out = {id(c): layout.root for c in layout.root.children}
    for s in layout.iter_sections():
        out.update({id(c): s for c in s.children})
    return out


def _list_blocks(layout: Layout, index: PriorityIndex, kind: str, notes: list[str]) -> list[Block]:
    sections = body_sections(layout, reviews=kind != "evaluation")
    chosen: dict[int, Block] = {}
    for region, blocks in regions(sections, _parents(layout)):
        inner = [p for p in index.paths if len(p) > len(region.path) and p[:len(region.path)] == region.path]
        if inner:  # a chapter over the priorities ("Activiteiten per ambitie"), not one list of actions
            notes.append(f"{where(region.path)} holds priority sections: only their own action lists are read")
            continue
        chosen.update({id(b): b for b in blocks if isinstance(b, ListBlock) or is_card(b)})
    if kind in ("uvp", "evaluation"):  # an evaluation's lists there may be findings: only cards and lists of statuses
        by_path = {s.path: s for s in sections}
        for path in index.paths:
            section = by_path.get(path)
            if section is None or any(is_region(s) for s in section.iter_sections()):
                continue
            found = [b for b in _not_goals(list(section.iter_blocks()))
                     if kind == "uvp" or is_card(b) or evaluated_list(b)]
            if found:
                notes.append(f"lists or action cards under priority {where(path)} read as actions: it has no "
                             "action heading")
            chosen.update({id(b): b for b in found})
    order = {id(b): k for k, b in enumerate(layout.text_blocks())}
    return sorted(chosen.values(), key=lambda b: order.get(id(b), 0))


def _not_goals(blocks: list[Block]) -> list[Block]:
    """The lists and action cards among `blocks`, except lists a goal label leads into ("Concrete doelen:"
    then a list)."""
    goal = extract_cues().goal
    out: list[Block] = []
    for k, b in enumerate(blocks):
        lead = blocks[k - 1] if k else None
        led_by_goal = isinstance(lead, Paragraph) and starts_with(lead.text, goal)
        if is_card(b) or (isinstance(b, ListBlock) and not led_by_goal):
            out.append(b)
    return out


def _group_of(index: PriorityIndex):
    """The sub-heading an action list stands under, when that is neither a priority nor a region."""

    def group(block: Block) -> str | None:
        path = block.section_path
        if not path or is_region_title(path[-1]) or index.heading_number(path[-1]) is not None:
            return None
        enclosing = index.enclosing(path)
        return None if enclosing is not None and enclosing.section_path == path else path[-1]

    return group


def find_actions(layout: Layout, index: PriorityIndex, kind: str,
                 report_year: int | None = None) -> tuple[Found, str | None]:
    """(actions numbered from 1 with notes, the route: "table" or "list")."""
    evaluated = kind == "evaluation"
    tables = table_actions(layout, index, report_year, expect_status=evaluated)
    notes = list(tables.notes)
    blocks = _list_blocks(layout, index, kind, notes)
    if tables.items:
        if blocks:
            notes.append(f"{len(blocks)} list(s) in action regions not read: the document's action tables were read")
        return Found(numbered(tables.items), notes), "table"
    group = _group_of(index)
    every = list(layout.text_blocks())
    order = {id(b): k for k, b in enumerate(every)}
    found = [(b, a) for b in blocks if isinstance(b, ListBlock)
             for a in list_actions([b], index, group, status=evaluated, report_year=report_year)]
    leads = {id(b): every[k - 1] for k, b in enumerate(every) if k}
    found += card_actions(blocks, leads, index, group, status=evaluated)
    if evaluated:
        marked = marked_sections(layout)
        found += [pair for s in marked if (pair := section_action(s, index)) is not None]
        if marked:
            notes.append(f"{len(marked)} section(s) marked with a colour of their own read as evaluated actions")
    actions = [a for _, a in sorted(found, key=lambda pair: order[id(pair[0])])]  # stable: a list keeps its order
    return Found(numbered(actions), notes), ("list" if actions else None)


def numbered(actions: list[Action]) -> list[Action]:
    """The actions numbered from 1 in their order (in place)."""
    for k, a in enumerate(actions, 1):
        a.ordinal = k
    return actions
