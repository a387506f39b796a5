"""Rows of a table that are not records: a title spanning the table over the rows below it."""
from __future__ import annotations


def spanning_text(cells: list[str], width: int) -> str | None:
    """The text of a row that spans the table ("Speerpunt 1 Ondermijning" over its actions): one text in every
    filled cell, in a row narrower than the table or repeated across its merged cells; None for a record."""
    filled = [c for c in cells if c]
    if filled and len(set(filled)) == 1 and (len(filled) > 1 or len(cells) < width):
        return filled[0]
    return None
