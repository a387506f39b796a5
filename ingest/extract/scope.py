"""Which parts of a layout speak for the document itself: annexes and looks back at an earlier plan do not.

A plan often reviews its predecessor ("Bijlage 2. Terugblik veiligheidsplan 2018-2021", with that plan's
"Prioriteit 1: ..." headings) or lists partners in an annex; read as this plan's facts they would
double or replace the real ones. The words that mark such chapters are cue data (ontology/cues.toml,
[extract] annex / review). An evaluation is itself a look back, so there reviews are kept.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..cuewords import extract_cues, starts_with
from ..layout import Block, Layout, Section, TocEntry


def is_annex(section: Section | TocEntry) -> bool:
    c = extract_cues()
    return bool(starts_with(section.numbering or "", c.annex) or starts_with(section.title, c.annex))


def is_review(section: Section) -> bool:
    return bool(starts_with(section.title, extract_cues().review))


def _left_out(section: Section, reviews: bool) -> bool:
    return is_annex(section) or (reviews and is_review(section))


def body_sections(layout: Layout, reviews: bool = True) -> list[Section]:
    """Sections in document order, without annexes (and, when `reviews`, without looks back) and what
    lies under them."""
    out: list[Section] = []

    def walk(section: Section) -> None:
        for child in section.children:
            if not _left_out(child, reviews):
                out.append(child)
                walk(child)

    walk(layout.root)
    return out


def left_out(layout: Layout, reviews: bool = True) -> list[Section]:
    """The outermost sections that `body_sections` leaves out, for notes."""
    out: list[Section] = []

    def walk(section: Section) -> None:
        for child in section.children:
            (out.append if _left_out(child, reviews) else walk)(child)

    walk(layout.root)
    return out


def body_blocks(layout: Layout, reviews: bool = True) -> Iterator[Block]:
    """Front matter and the blocks of body sections, in document order."""
    yield from layout.root.blocks
    for section in body_sections(layout, reviews):
        yield from section.blocks


def body_toc(layout: Layout) -> list[TocEntry]:
    """The table of contents up to its first annex entry."""
    out: list[TocEntry] = []
    for entry in layout.toc:
        if is_annex(entry):
            break
        out.append(entry)
    return out


def where(path: tuple[str, ...]) -> str:
    """A section path as a reader finds it: "'3. Uitvoering > 3.2 Acties'", or "the front matter"."""
    return f"'{' > '.join(path)}'" if path else "the front matter"
