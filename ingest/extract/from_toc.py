"""Priorities from the table of contents, for documents whose body does not head them.

A text layer can lose the headings' look while the contents page keeps every title: entries that open
with a priority cue ("Prioriteit 2: Jeugd ... 10"), or the entries one level under an entry that lists
the priorities ("De vier prioriteiten"). Entries after the first annex are not read. The result carries
the page the contents page gives, and a note, since the body could not confirm it.
"""
from __future__ import annotations

from ..layout import Layout, TocEntry
from ..model import Priority
from .heads import clean_label, is_list_title, parse_head
from .model import Found
from .scope import body_toc


def _priority(number: int, label: str, entry: TocEntry) -> Priority:
    return Priority(number=number, label=label, page=entry.page_ref, sentence=entry.text or entry.title)


def _cue_entries(entries: list[TocEntry]) -> list[Priority]:
    heads = [(e, h) for e in entries if (h := parse_head(e.title)) and h.number is not None]
    out, seen = [], set()
    for entry, head in heads:
        if head.number not in seen and head.cue == heads[0][1].cue:
            seen.add(head.number)
            out.append(_priority(head.number, head.label or entry.title, entry))
    return out


def _under_list_entry(entries: list[TocEntry]) -> list[Priority]:
    for k, entry in enumerate(entries):
        if not is_list_title(entry.title):
            continue
        items = []
        for sub in entries[k + 1:]:
            if sub.level <= entry.level:
                break
            if sub.level == entry.level + 1:
                items.append(sub)
        if len(items) >= 2:
            return [_priority(n, clean_label(e.title), e) for n, e in enumerate(items, 1)]
    return []


def from_toc(layout: Layout) -> Found:
    entries = body_toc(layout)
    found = _cue_entries(entries) or _under_list_entry(entries)
    if not found:
        return Found()
    return Found(found, [f"{len(found)} priorities read from the table of contents only: the body does not "
                         f"head them"])
