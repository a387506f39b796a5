"""The one document layout every reader yields, and the queries extractors ask of it.

Plain data: a section tree whose sections hold blocks (paragraphs, lists, tables), with the
table of contents and the page furniture (running headers, footers, page numbers) kept apart so
that neither is mistaken for body text. Extractors read this instead of re-detecting headings,
lists and tables from raw lines, so every format gets the same structure.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from .columns import match_columns


@dataclass
class Paragraph:
    """Running text: wrapped lines joined with single spaces."""

    text: str
    page: int | None = None
    section_path: tuple[str, ...] = ()
    kind = "paragraph"


@dataclass
class ListItem:
    """One entry of a list; `level` counts from 1 (a sub-bullet is 2); `marker` as written ("-", "1.", "a)")."""

    text: str
    level: int = 1
    marker: str = "-"


@dataclass
class ListBlock:
    """Consecutive list items, nested ones included, in document order."""

    items: list[ListItem]
    page: int | None = None
    section_path: tuple[str, ...] = ()
    kind = "list"

    @property
    def text(self) -> str:
        return "\n".join(item.text for item in self.items)


@dataclass
class Table:
    """A table: `header` holds the header cells where the format marks them (or the first row reads as one)."""

    header: list[str] | None
    rows: list[list[str]]
    page: int | None = None
    section_path: tuple[str, ...] = ()
    kind = "table"

    @property
    def text(self) -> str:
        lines = [self.header] if self.header else []
        return "\n".join(" | ".join(cells) for cells in lines + self.rows)


Block = Paragraph | ListBlock | Table


@dataclass
class Section:
    """A heading and what lies under it. `heading` is the line as written; `title` drops the numbering.

    `numbering` is the number as written ("3.2", "4", "Hoofdstuk 3", "Bijlage 2") or None.
    The root section of a layout has level 0 and an empty title; it holds the front matter.
    """

    title: str
    level: int
    numbering: str | None = None
    page: int | None = None
    heading: str = ""
    path: tuple[str, ...] = ()
    children: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    def iter_sections(self) -> Iterator[Section]:
        """This section's descendants, depth first in document order (itself excluded)."""
        for child in self.children:
            yield child
            yield from child.iter_sections()

    def iter_blocks(self) -> Iterator[Block]:
        """Blocks of this section and every descendant, in document order."""
        yield from self.blocks
        for child in self.children:
            yield from child.iter_blocks()


@dataclass
class TocEntry:
    """A line of the table of contents: kept apart so that its titles never become sections."""

    title: str
    page_ref: int | None = None
    level: int = 1
    numbering: str | None = None
    text: str = ""  # the entry as written, page number and leaders included


@dataclass
class Boilerplate:
    """Page furniture left out of the body: the text as written and how often it occurred."""

    text: str
    count: int
    kind: str  # "page_number" | "running" | "navigation" | "title" (a web page's <title>)


@dataclass
class TableMatch:
    """A table whose columns were recognised: `columns` maps a role ("owner") to a column index."""

    table: Table
    columns: dict[str, int]
    header_in_rows: bool = False  # the header was read from rows[0] (the format did not mark one)

    def records(self) -> list[dict[str, str]]:
        """Each body row as {role: cell text}, roles without a cell left out."""
        rows = self.table.rows[1:] if self.header_in_rows else self.table.rows
        return [{role: row[i] for role, i in self.columns.items() if i < len(row)} for row in rows]


@dataclass
class Layout:
    """One document's layout. `pages` is None for formats without pages (md, docx, html)."""

    format: str
    root: Section
    pages: int | None = None
    toc: list[TocEntry] = field(default_factory=list)
    boilerplate: list[Boilerplate] = field(default_factory=list)
    source: str = ""  # file name, for messages
    toc_title: str | None = None  # the TOC's own heading ("Inhoudsopgave"), not a section either

    @property
    def sections(self) -> list[Section]:
        """The top-level sections (the root's children)."""
        return self.root.children

    def iter_sections(self) -> Iterator[Section]:
        """Every section, depth first in document order."""
        return self.root.iter_sections()

    def find_sections(self, predicate: Callable[[str], bool]) -> list[Section]:
        """Sections whose title (numbering left off) satisfies `predicate`."""
        return [s for s in self.iter_sections() if predicate(s.title)]

    def text_blocks(self) -> Iterator[Block]:
        """All blocks in document order, front matter first; each carries its `section_path`."""
        return self.root.iter_blocks()

    def tables(self) -> list[Table]:
        return [b for b in self.text_blocks() if isinstance(b, Table)]

    def tables_with_columns(self, roles: Mapping[str, Iterable[str]], required: Iterable[str] = (),
                            min_roles: int = 1) -> list[TableMatch]:
        """Tables whose header cells name the given roles, with the column of each role.

        `roles` maps a role to its synonyms ({"owner": {"trekker", "wie"}}), matched case- and
        diacritics-insensitively, as the whole cell or as words inside it ("Wie is trekker?").
        A table without marked header is tried with its first row. Only tables matching every
        `required` role and at least `min_roles` roles are returned.
        """
        need = set(required)
        out: list[TableMatch] = []
        for table in self.tables():
            found = _match(table, roles)
            if found and need <= set(found.columns) and len(found.columns) >= min_roles:
                out.append(found)
        return out

    def all_text(self) -> str:
        """Headings and blocks as plain text, in document order, one block per paragraph."""
        parts: list[str] = []

        def walk(section: Section) -> None:
            if section.level:
                parts.append(section.heading or section.title)
            parts.extend(b.text for b in section.blocks)
            for child in section.children:
                walk(child)

        walk(self.root)
        return "\n\n".join(p for p in parts if p)


def _match(table: Table, roles: Mapping[str, Iterable[str]]) -> TableMatch | None:
    if table.header:
        cols = match_columns(table.header, roles)
        return TableMatch(table, cols) if cols else None
    if table.rows:
        cols = match_columns(table.rows[0], roles)
        return TableMatch(table, cols, header_in_rows=True) if cols else None
    return None
