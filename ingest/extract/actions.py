"""A document's actions: its action tables first, else the lists where it sets out its actions.

Tables are the stronger evidence (a row per action, named columns), so lists are read only when no
action table was found, and left unread lists are noted. Lists count inside action regions
(regions.py); in an uitvoeringsplan also directly under a priority section that has no region of its
own, with a note since nothing but the kind says they are actions.
"""
from __future__ import annotations

from ..cuewords import extract_cues, starts_with
from ..layout import Block, Layout, ListBlock, Paragraph, Section
from ..model import Action
from .list_actions import list_actions
from .locate import PriorityIndex
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
        chosen.update({id(b): b for b in blocks if isinstance(b, ListBlock)})
    if kind == "uvp":
        by_path = {s.path: s for s in sections}
        for path in index.paths:
            section = by_path.get(path)
            if section is None or any(is_region(s) for s in section.iter_sections()):
                continue
            lists = _not_goals(list(section.iter_blocks()))
            if lists:
                notes.append(f"lists under priority {where(path)} read as actions: it has no action heading")
            chosen.update({id(b): b for b in lists})
    order = {id(b): k for k, b in enumerate(layout.text_blocks())}
    return sorted(chosen.values(), key=lambda b: order.get(id(b), 0))


def _not_goals(blocks: list[Block]) -> list[ListBlock]:
    """The lists among `blocks` except those a goal label leads into ("Concrete doelen:" then a list)."""
    goal = extract_cues().goal
    out: list[ListBlock] = []
    for k, b in enumerate(blocks):
        lead = blocks[k - 1] if k else None
        if isinstance(b, ListBlock) and not (isinstance(lead, Paragraph) and starts_with(lead.text, goal)):
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
        return Found(_numbered(tables.items), notes), "table"
    found = list_actions(blocks, index, _group_of(index), status=evaluated, report_year=report_year)
    return Found(_numbered(found), notes), ("list" if found else None)


def _numbered(actions: list[Action]) -> list[Action]:
    for k, a in enumerate(actions, 1):
        a.ordinal = k
    return actions
