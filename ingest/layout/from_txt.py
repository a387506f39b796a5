"""Plain text (.txt) into a layout: pages from form feeds, furniture and TOC set apart, tables
rebuilt from their columns, and the rest read line by line by the shared line reader.

A .txt that is Markdown in all but name (exports often are) is read as Markdown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..readers import _read_text
from .assemble import assemble
from .boilerplate import FLine, collect, furniture
from .from_md import md_layout
from .lines import Item, Line, segment
from .model import Layout
from .registry import register
from .text import clean_line, indent_of
from .texttables import find_tables
from .toc import find_toc

_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)
_EDGE = 3  # lines at the top and bottom of a page where headers and footers stand


@register(".txt")
def build_txt(path: Path) -> Layout:
    return txt_layout(_read_text(path, "txt").pages[0].text)


def looks_like_markdown(text: str) -> bool:
    return len(_MD_HEADING.findall(text)) >= 3


def txt_layout(text: str) -> Layout:
    """The layout of a plain text."""
    if looks_like_markdown(text):
        layout = md_layout(text)
        layout.format = "txt"
        return layout
    pages = text.split("\f")
    paged = len(pages) > 1
    raw = _raw_lines(pages, paged)
    kinds = furniture(raw, len(pages) if paged else None)
    boiler = collect([(r.text, k) for r, k in zip(raw, kinds) if k])
    body = _Body([r for r, k in zip(raw, kinds) if not k])
    toc = find_toc(body.texts)
    if toc:
        body.drop(toc.start, toc.end)
    root = assemble(segment(body.items()))
    return Layout("txt", root, len(pages) if paged else None, toc.entries if toc else [], boiler,
                  toc_title=toc.title if toc else None)


@dataclass
class _RawLine(FLine):
    raw: str = ""


def _raw_lines(pages: list[str], paged: bool) -> list[_RawLine]:
    out: list[_RawLine] = []
    for n, page in enumerate(pages, 1):
        lines = page.split("\n")
        filled = [i for i, t in enumerate(lines) if t.strip()]
        edges = set(filled[:_EDGE] + filled[-_EDGE:]) if paged else set()
        if out:
            out.append(_RawLine("", n, False, ""))  # a page break separates like a blank line
        for i, t in enumerate(lines):
            out.append(_RawLine(clean_line(t), n if paged else None, i in edges, t.rstrip()))
    return out


class _Body:
    """Body lines after furniture is removed; the TOC may be cut out; then items for the line reader."""

    def __init__(self, lines: list[_RawLine]):
        self.lines = lines

    @property
    def texts(self) -> list[str]:
        return [r.raw for r in self.lines]

    def drop(self, start: int, end: int) -> None:
        del self.lines[start:end]

    def items(self) -> list[Item]:
        tables = {t.start: t for t in find_tables(self.texts)}
        out: list[Item] = []
        gap, i = False, 0
        while i < len(self.lines):
            if i in tables:
                t = tables[i]
                t.table.page = self.lines[i].page
                out.append(t.table)
                gap, i = True, t.end
                continue
            r = self.lines[i]
            if r.text:
                out.append(Line(r.text, r.page, indent_of(r.raw), gap or not out))
                gap = False
            else:
                gap = True
            i += 1
        return out
