"""Evaluated actions written as sections marked with a colour of their own: a heading names the activity, a
paragraph holding only a colour word ("Groen", "Oranje", "Rood") marks how it stands, and the text after
the mark says how it went.

Progress reports of the planning and control cycle (a voorjaarsnota, a jaarverslag) that a municipality
publishes from a budgeting web application set out their activities so, under the goals of a programme,
with no table, list or labelled field. One colour word alone may be a caption, so at least two sections at
one depth must be marked (they may stand under different goals). The colour itself is read by ingest/legend.py from the result, which opens with
the mark; the status comes from the words after it.
"""
from __future__ import annotations

from collections import defaultdict

from ..layout import Block, Layout, Paragraph, Section
from ..legend import mark_of
from ..model import Action
from .locate import PriorityIndex
from .status_cues import status_of
from .table_actions import title_of

MARK_WORDS = 3  # "Groen", "Status groen", "Oranje – aandacht": a mark paragraph is no longer


def _mark(block: Block) -> bool:
    return isinstance(block, Paragraph) and len(block.text.split()) <= MARK_WORDS and mark_of(block.text) is not None


def marked_sections(layout: Layout) -> list[Section]:
    """Sections with a colour mark among their own paragraphs, where another at their depth has one too."""
    marked = [s for s in layout.iter_sections() if any(_mark(b) for b in s.blocks)]
    by_depth: dict[int, int] = defaultdict(int)
    for s in marked:
        by_depth[len(s.path)] += 1
    return [s for s in marked if by_depth[len(s.path)] >= 2]


def section_action(section: Section, index: PriorityIndex) -> tuple[Block, Action] | None:
    """(first block, the evaluated action) of a marked section: the heading its title, the paragraphs after the
    mark its result."""
    blocks = [b for b in section.blocks if isinstance(b, Paragraph)]
    at = next(k for k, b in enumerate(blocks) if _mark(b))
    title = title_of(section.title)
    if not title:
        return None
    after = " ".join(b.text for b in blocks[at + 1:])
    a = Action(ordinal=0, title=title, priority_number=index.number_for(section.path), page=blocks[0].page,
               section_path=section.path, source_text="\n".join(b.text for b in blocks),
               result=" – ".join(t for t in (blocks[at].text.strip(), after) if t))
    a.status, a.status_basis = status_of(after) if after else (None, None)
    return blocks[0], a
