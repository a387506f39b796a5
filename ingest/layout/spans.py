"""How many rows or columns a merged table cell spans, as its format writes it (HTML rowspan and colspan, Word
gridSpan): the readers put a table on its grid with it (from_html.py, from_docx.py)."""
from __future__ import annotations

MAX_SPAN = 50  # a merged cell spanning more rows or columns counts as one: a hostile file must not grow the grid


def span_count(value: str | None) -> int:
    """The span an attribute gives; 1 when absent, not a number, or beyond MAX_SPAN."""
    value = (value or "1").strip()
    return int(value) if value.isdigit() and 1 <= int(value) <= MAX_SPAN else 1
