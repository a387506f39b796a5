"""Evaluated actions written as sections marked with a colour of their own: a heading names the activity, a
paragraph holding only a colour word ("Groen", "Oranje", "Rood") marks how it stands, and the text after
the mark says how it went.

Progress reports of the planning and control cycle (a voorjaarsnota, a jaarverslag) that a municipality publishes
from a budgeting web application set out their activities so, under the goals of a programme, with no table, list or
labelled field. One colour word alone may be a caption, so at least two sections at one depth must be marked (they
may stand under different goals). The colour itself is read by ingest/legend.py from the result, which opens with
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


def _mark_text(text: str) -> bool:
    return len(text.split()) <= MARK_WORDS and mark_of(text) is not None


def _mark(block: Block) -> bool:
    return isinstance(block, Paragraph) and _mark_text(block.text)


def _mark_child(section: Section) -> Section | None:
    """A sub-section titled with the mark alone: a PDF or plain text sets the colour word apart like a title."""
    return next((c for c in section.children if _mark_text(c.title)), None)


def marked_sections(layout: Layout) -> list[Section]:
    """Sections with a colour mark among their own paragraphs (or as a sub-section's title), where another at
    their depth has one too."""
    marked = [s for s in layout.iter_sections()
              if not _mark_text(s.title) and (any(_mark(b) for b in s.blocks) or _mark_child(s) is not None)]
    by_depth: dict[int, int] = defaultdict(int)
    for s in marked:
        by_depth[len(s.path)] += 1
    return [s for s in marked if by_depth[len(s.path)] >= 2]


def section_action(section: Section, index: PriorityIndex) -> tuple[Block, Action] | None:
    """(first block, the evaluated action) of a marked section: the heading its title, the paragraphs after the
    mark its result."""
    blocks = [b for b in section.blocks if isinstance(b, Paragraph)]
    at = next((k for k, b in enumerate(blocks) if _mark(b)), None)
    if at is not None:
        mark, after_blocks, blocks = blocks[at].text.strip(), blocks[at + 1:], blocks[:at]
    else:
        child = _mark_child(section)
        mark, after_blocks = child.title.strip(), [b for b in child.blocks if isinstance(b, Paragraph)]
    title = title_of(section.title)
    first = (blocks or after_blocks or [None])[0]
    if not title or first is None:
        return None
    after = " ".join(b.text for b in after_blocks)
    source = "\n".join(t for t in (*(b.text for b in blocks), mark, after) if t)
    a = Action(ordinal=0, title=title, priority_number=index.number_for(section.path), page=first.page,
               section_path=section.path, source_text=source, result=" – ".join(t for t in (mark, after) if t))
    a.status, a.status_basis = status_of(after) if after else (None, None)
    return first, a
