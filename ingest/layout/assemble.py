"""From a flat stream of headings and blocks to the section tree every format shares.

Each builder only has to say, in reading order, "heading at level n" or "this block"; nesting,
section paths and the front matter (blocks before the first heading) are decided here once.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .headings import HeadingText
from .model import Block, Section


@dataclass
class HeadingMark:
    """A heading in the stream: its text split into numbering and title, and its level (1 = top)."""

    heading: HeadingText
    level: int
    page: int | None = None


Element = HeadingMark | Block


def assemble(stream: Iterable[Element]) -> Section:
    """The root section (level 0, the front matter) with the tree under it."""
    root = Section("", 0)
    stack = [root]
    for el in stream:
        if isinstance(el, HeadingMark):
            level = max(1, el.level)
            while stack[-1].level >= level:
                stack.pop()
            parent = stack[-1]
            h = el.heading
            sec = Section(h.title, level, h.numbering, el.page, h.text, parent.path + (h.text,))
            parent.children.append(sec)
            stack.append(sec)
        else:
            el.section_path = stack[-1].path
            stack[-1].blocks.append(el)
    return root
