"""A TOC written as a titled part of a structured document ("# Inhoudsopgave" with entries under it)
taken out of the heading stream, so that its entries are TOC entries and not sections."""
from __future__ import annotations

from .assemble import Element, HeadingMark
from .headings import split_heading
from .model import ListBlock, Paragraph, Table, TocEntry
from .toc import is_toc_title, parse_entry


def split_toc(stream: list[Element]) -> tuple[list[TocEntry], list[Element], str | None]:
    """(TOC entries, the stream without the TOC heading and what lies under it, the TOC's title)."""
    start = next((k for k, el in enumerate(stream)
                  if isinstance(el, HeadingMark) and is_toc_title(el.heading.title)), None)
    if start is None:
        return [], stream, None
    top = stream[start].level
    end = start + 1
    while end < len(stream) and not (isinstance(stream[end], HeadingMark) and stream[end].level <= top):
        end += 1
    entries: list[TocEntry] = []
    rel = 0
    for el in stream[start + 1:end]:
        if isinstance(el, HeadingMark):
            rel = el.level - top
            entries.append(entry(el.heading.text, rel))
        elif isinstance(el, ListBlock):
            entries.extend(entry(it.text, rel + it.level) for it in el.items)
        elif isinstance(el, Table):
            entries.extend(entry(" ".join(c for c in row if c), rel + 1) for row in el.rows)
        elif isinstance(el, Paragraph):
            entries.append(entry(el.text, rel + 1))
    return entries, stream[:start] + stream[end:], stream[start].heading.text


def entry(text: str, level: int) -> TocEntry:
    """A TOC entry from its text: the page number parsed where the line gives one."""
    found = parse_entry(text, loose=True)
    if found is not None:
        found.level = found.level if found.numbering else max(1, level)
        return found
    head = split_heading(text)
    return TocEntry(head.title, None, head.depth or max(1, level), head.numbering, text)
