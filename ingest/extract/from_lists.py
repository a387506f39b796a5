"""Priorities under a title that lists them ("Prioriteiten", "Speerpunten", "Onze ambities", "Thema's").

Such a section names its priorities either as list items ("- ondermijning", "1. jeugd") or as its
sub-sections. Numbered sub-sections (1, 2, 3 or 4.1, 4.2) are taken over unnumbered ones, which are
usually an introduction beside them. A list item "Ondermijning: we pakken ..." gives the label before
the colon and keeps the rest as the goal. The first such section that yields items wins; one that
yields none is noted ("priorities heading without items").
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..layout import ListBlock, ListItem, Section
from ..model import Priority
from .describe import priority_of
from .heads import clean_label, is_list_title
from .model import Found
from .scope import is_annex, where

_NUMBERING = re.compile(r"^(?:\d{1,2}\.)*\d{1,2}\.?$")
_LABEL_WORDS = 8  # "Label: explanation" items: a label longer than this is a sentence, not a label


def item_priority(item: ListItem, number: int, path: tuple[str, ...], page: int | None) -> Priority:
    """A list item as a priority: "Label: explanation" gives the label and keeps the rest as the goal."""
    label, _, rest = item.text.partition(":")
    if not rest.strip() or len(label.split()) > _LABEL_WORDS:
        label, rest = item.text, ""
    return Priority(number=number, label=clean_label(label), goal=rest.strip() or None, page=page,
                    section_path=path, sentence=item.text)


def list_priorities(block: ListBlock) -> list[Priority]:
    """The top-level items of a list as priorities; [] for fewer than two."""
    items = [i for i in block.items if i.level == 1]
    if len(items) < 2:
        return []
    return [item_priority(item, k, block.section_path, block.page) for k, item in enumerate(items, 1)]


def _from_list(section: Section) -> list[Priority]:
    for block in section.blocks:
        if isinstance(block, ListBlock) and (found := list_priorities(block)):
            return [replace(p, section_path=section.path) for p in found]
    return []


def _from_children(section: Section) -> list[Priority]:
    children = [c for c in section.children if not is_annex(c)]
    numbered = [c for c in children if c.numbering and _NUMBERING.match(c.numbering)]
    chosen = numbered if len(numbered) >= 2 else children
    if len(chosen) < 2:
        return []
    return [priority_of(c, k, clean_label(c.title)) for k, c in enumerate(chosen, 1)]


def from_lists(sections: list[Section]) -> Found:
    empty: list[Section] = []
    for section in sections:
        if not is_list_title(section.title):
            continue
        found = _from_list(section) or _from_children(section)
        if found:  # a title above the one that lists them ("Speerpunten" over a bold "Speerpunten") is no gap
            return Found(found, _notes([s for s in empty if section.path[:len(s.path)] != s.path]))
        empty.append(section)
    return Found([], _notes(empty))


def _notes(empty: list[Section]) -> list[str]:
    return [f"priorities heading {where(s.path)} without items (no list or sub-sections under it)" for s in empty]
