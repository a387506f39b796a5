"""Priorities under a title that lists them ("Prioriteiten", "Speerpunten", "Onze ambities", "Thema's").

Such a section names its priorities either as list items ("- ondermijning", "1. jeugd") or as its
sub-sections. Numbered sub-sections (1, 2, 3 or 4.1, 4.2) are taken over unnumbered ones, which are
usually an introduction beside them. A list item "Ondermijning: we pakken ..." gives the label before
the colon and keeps the rest as the goal. The first such section that yields items wins; one that
yields none is noted ("priorities heading without items").
"""
from __future__ import annotations

import re

from ..layout import ListBlock, ListItem, Section
from ..model import Priority
from .describe import priority_of
from .heads import clean_label, is_list_title
from .model import Found
from .scope import is_annex, where

_NUMBERING = re.compile(r"^(?:\d{1,2}\.)*\d{1,2}\.?$")
_LABEL_WORDS = 8  # "Label: explanation" items: a label longer than this is a sentence, not a label


def _item_priority(item: ListItem, number: int, section: Section, page: int | None) -> Priority:
    label, _, rest = item.text.partition(":")
    if not rest.strip() or len(label.split()) > _LABEL_WORDS:
        label, rest = item.text, ""
    return Priority(number=number, label=clean_label(label), goal=rest.strip() or None, page=page,
                    section_path=section.path, sentence=item.text)


def _from_list(section: Section) -> list[Priority]:
    for block in section.blocks:
        if isinstance(block, ListBlock):
            items = [i for i in block.items if i.level == 1]
            if len(items) >= 2:
                return [_item_priority(item, k, section, block.page) for k, item in enumerate(items, 1)]
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
