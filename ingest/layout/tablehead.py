"""Whether a table's first row is its header, when the format does not say.

DOCX can flag a header row and HTML has <th>; text, PDF and many Word tables do not. A first
row reads as a header when every cell is a short label (no figures, no sentence) and the rows
below it hold data that labels do not: figures, dates or longer text.
"""
from __future__ import annotations

import re

_DIGIT = re.compile(r"\d")


def label_cell(cell: str) -> bool:
    cell = cell.strip()
    words = cell.split()
    return 0 < len(words) <= 6 and len(cell) <= 48 and not _DIGIT.search(cell) and not cell.endswith((".", ";", ","))


def _data_cell(cell: str) -> bool:
    return bool(_DIGIT.search(cell)) or len(cell.split()) > 6 or cell[:1].islower()


def first_row_is_header(rows: list[list[str]], styled: bool | None = None) -> bool:
    """True when rows[0] is a header row. `styled` says the format set it apart (bold, shaded)."""
    if len(rows) < 2:
        return False
    first = [c for c in rows[0] if c.strip()]
    if len(first) < max(1, len([c for c in rows[0]]) // 2) or not all(label_cell(c) for c in first):
        return False
    if styled:
        return True
    return any(_data_cell(c) for row in rows[1:] for c in row if c.strip())

