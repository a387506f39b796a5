"""Weighing the layout extractors' result against the line readers' for one fact type.

The line readers (ingest/plans.py, uvp.py, evaluation.py) rebuild flattened PDF text that the layout
cannot (an evaluation's three-column table lost to a text layer), and they read more per item (a
priority's goal and holders, a label wrapped onto the next line). The layout extractors read any
layout that names its parts. So, per fact type:

1. whichever found nothing gives way to the other;
2. when the line reader's items contain every item the layout found, it read the same text and more:
   keep it; unless the layout's items also contain every one of the line reader's and the counts
   differ: then the line reader cut the same text otherwise than the document's structure does (a
   sub-bullet read as an action of its own), and the layout's grouping is kept; and a table's rows are
   kept when the line reader found fewer (it joined rows that the table holds apart: one row, one action);
   in a format that marks its own structure (Word styles, HTML or Markdown tags), a layout result from a
   table or from headings is the document's own reading and stands against an equal count of line items
   that merely contain it (a flattened table row read as a title, a priority label run on into its sentence);
3. else a layout result from a table or from headings stands (the strongest evidence there is);
4. else (lists, contents page, a sentence) the larger result wins, the layout's on a tie.

Every choice between two non-empty results that differ is noted.
"""
from __future__ import annotations

from dataclasses import dataclass

from ontology.normalize import key

from ..model import Action, Priority

_STRONG = ("table", "headings")


@dataclass
class Choice:
    items: list
    source: str  # "layout" | "lines" | "none"
    note: str | None = None


def _item_key(item: Priority | Action) -> str:
    return key(item.label if isinstance(item, Priority) else item.title)


def _item_text(item: Priority | Action) -> str:
    if isinstance(item, Priority):
        return key(" ".join(x for x in (item.label, item.sentence, item.goal or "") if x))
    return key(" ".join(x for x in (item.title, item.source_text, item.result or "") if x))


def covers(line_items: list, layout_items: list) -> bool:
    """Does every layout item's wording occur in some line-reader item?"""
    texts = [f" {_item_text(i)} " for i in line_items]
    return all(any(f" {_item_key(i)} " in t for t in texts) for i in layout_items)


MARKED_UP = ("docx", "html", "md")  # formats whose structure the file itself marks


def choose(fact: str, layout_items: list, line_items: list, via: str | None, fmt: str = "txt") -> Choice:
    """Which result of `fact` ("priorities", "actions") the document keeps, with a note when they differ;
    `fmt`: the file's format (ingest/readers.py)."""
    if not layout_items or not line_items:
        if line_items:
            return Choice(line_items, "lines", f"{fact}: the layout extractor found none; {len(line_items)} "
                                               f"read by the line reader")
        return Choice(layout_items, "layout" if layout_items else "none")
    n, m = len(layout_items), len(line_items)
    if covers(line_items, layout_items):
        if n == m and fmt in MARKED_UP and via in _STRONG and not covers(layout_items, line_items):
            return Choice(layout_items, "layout", f"{fact}: the line reader's {m} hold the layout extractor's ({via}) "
                                                  f"{n} and more text; kept the {fmt} file's own structure")
        if n == m:
            return Choice(line_items, "lines")
        if via == "table" and m < n:
            return Choice(layout_items, "layout", f"{fact}: the line reader joined the {n} rows of the layout "
                                                  f"extractor's table into {m}; kept the table's rows")
        if covers(layout_items, line_items):
            return Choice(layout_items, "layout", f"{fact}: the line reader cut the same text into {m}, the layout "
                                                  f"extractor ({via}) into {n}; kept the layout's grouping")
        return Choice(line_items, "lines",
                      f"{fact}: the line reader's {m} include the layout extractor's {n}; kept the line reader's")
    if via in _STRONG or n >= m:
        return Choice(layout_items, "layout", f"{fact}: the layout extractor ({via}) found {n}, the line reader "
                                              f"{m} others; kept the layout extractor's")
    return Choice(line_items, "lines", f"{fact}: the layout extractor ({via}) found {n}, the line reader {m} "
                                       f"others; kept the line reader's larger result")
