"""The table of contents, found and kept apart so that its titles never become sections.

A TOC is a run of lines near the start that end in page numbers, with dot leaders or a wide gap
before the number, their page numbers never going back. Under a title such as "Inhoud" or
"Inhoudsopgave" looser entries count as well ("Inleiding 3", "04 Inleiding").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .columns import words
from .headings import split_heading, title_like
from .model import TocEntry
from .text import clean_line, indent_of

TOC_TITLES = frozenset({
    ("inhoud",), ("inhoudsopgave",), ("inhoudstafel",), ("inhoudsoverzicht",), ("contents",),
    ("table", "of", "contents"),
})
_LEADER = re.compile(r"^(?P<title>.*?\S)\s*(?:[.·…_](?:\s?)){3,}\s*(?P<page>\d{1,4})$")
_WIDE = re.compile(r"^(?P<title>.*?\S)(?: {2,}|\t+)(?P<page>\d{1,4})$")
_TAIL = re.compile(r"^(?P<title>.*?[^\d\s])\s(?P<page>\d{1,4})$")
_MAX_ENTRIES = 400
_HEAD = re.compile(r"^(?P<page>\d{1,4})\s+(?P<title>[^\d\s].*)$")


def is_toc_title(text: str) -> bool:
    return tuple(words(text)) in TOC_TITLES


def parse_entry(raw: str, loose: bool = False) -> TocEntry | None:
    """A TOC line: title and page number. Loose entries are taken only under a TOC title."""
    text = raw.strip()
    m = _LEADER.match(text) or _WIDE.match(text)
    leader = m is not None
    if m is None and loose:
        m = _TAIL.match(text) or _HEAD.match(text)
    if m is None:
        return None
    title = clean_line(m.group("title")).rstrip(" .·…_")
    if not leader and not title_like(split_heading(title).title):
        return None
    head = split_heading(title)
    return TocEntry(head.title, int(m.group("page")), head.depth or 1, head.numbering, clean_line(text))


@dataclass
class FoundToc:
    start: int
    end: int  # exclusive
    entries: list[TocEntry]
    title: str | None = None


def find_toc(raw: list[str]) -> FoundToc | None:
    """The first TOC in the first third of the lines (at least the first 80 lines)."""
    limit = min(len(raw), max(80, len(raw) // 3))
    i = 0
    while i < limit:
        line = raw[i].strip()
        if line and is_toc_title(line):
            found = _run(raw, i + 1, loose=True)
            if found and len(found.entries) >= 2:
                return FoundToc(i, found.end, found.entries, clean_line(line))
        found = _run(raw, i, loose=False) if line else None
        if found and len(found.entries) >= 3 and _ascending(found.entries):
            return found
        i = max(i + 1, found.end) if found else i + 1  # a failed run is not retried from inside
    return None


def _run(raw: list[str], i: int, loose: bool) -> FoundToc | None:
    """Entries from line i on; blank lines and unnumbered group labels ("Bijlagen") may stand between."""
    entries: list[TocEntry] = []
    indents: list[int] = []
    j, end, pending = i, i, None
    last_page = 0
    while j < len(raw) and len(entries) < _MAX_ENTRIES:
        line = raw[j]
        if not line.strip():
            j += 1
            continue
        entry = parse_entry(line, loose)
        if entry is not None and entry.page_ref is not None and entry.page_ref < last_page:
            break  # page numbers never go back: this is the body's first heading ("1 Inleiding")
        if entry is None:
            if pending is not None or not (entries or loose) or not title_like(line.strip(), max_words=8):
                break
            pending = (j, line)
            j += 1
            continue
        if pending is not None:
            if entry.title[:1].islower():  # a long title wrapped onto the entry's line
                entry.title = f"{clean_line(pending[1])} {entry.title}"
            else:
                entries.append(TocEntry(clean_line(pending[1]), None, 1, None, clean_line(pending[1])))
                indents.append(indent_of(pending[1]))
            pending = None
        entries.append(entry)
        indents.append(indent_of(line))
        last_page = entry.page_ref if entry.page_ref is not None else last_page
        j += 1
        end = j
    if not entries:
        return None
    _indent_levels(entries, indents)
    return FoundToc(i, end, entries)


def _indent_levels(entries: list[TocEntry], indents: list[int]) -> None:
    """Unnumbered entries take their level from their indent."""
    steps = sorted(set(indents))
    for entry, indent in zip(entries, indents):
        if entry.numbering is None:
            entry.level = steps.index(indent) + 1


def _ascending(entries: list[TocEntry]) -> bool:
    pages = [e.page_ref for e in entries if e.page_ref is not None]
    return all(a <= b for a, b in zip(pages, pages[1:]))
