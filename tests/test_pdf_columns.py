"""Action tables a PDF lays out by white space alone (ingest/layout/pdf_columns.py)."""
from __future__ import annotations

from ingest.layout.pdf_columns import TextRow, find_action_tables, line_cells


def _chars(text: str, x: float, size: float = 10.0) -> list[dict]:
    """Characters of `text` from `x`, each half a font size wide; a run of 3+ spaces leaves a wide gap."""
    out, pos = [], x
    for ch in text:
        out.append({"text": ch, "x0": pos, "x1": pos + size * 0.5})
        pos += size * 0.5 if ch != "|" else size * 4  # "|" stands for a wide gap between two cells
    return [c for c in out if c["text"] != "|"]


def _row(cells: list[tuple[float, str]], top: float) -> TextRow:
    return TextRow(cells, top, top + 10, 10.0)


def test_a_line_splits_into_cells_at_wide_gaps():
    assert line_cells(_chars("Controles bedrijfspanden|Handhaving", 90), 10.0) == [
        (90, "Controles bedrijfspanden"), (250.0, "Handhaving")]


def test_an_action_table_under_its_header():
    rows = [_row([(90, "Actie"), (320, "Trekker"), (440, "Planning")], 100),
            _row([(90, "Controles bedrijfspanden"), (320, "Handhaving"), (440, "Q2 2026")], 115),
            _row([(90, "in het buitengebied"), (440, "")], 130),  # a wrapped cell, in lower case
            _row([(90, "Voorlichting aan verhuurders"), (320, "Gemeente"), (440, "Q3 2026")], 145),
            _row([(78, "3. Speerpunt 2: Jeugd")], 175)]  # a heading, after a gap: the table has ended
    ((start, end, table),) = find_action_tables(rows)
    assert (start, end, table.header) == (0, 4, ["Actie", "Trekker", "Planning"])
    assert table.rows == [["Controles bedrijfspanden in het buitengebied", "Handhaving", "Q2 2026"],
                          ["Voorlichting aan verhuurders", "Gemeente", "Q3 2026"]]


def test_two_column_prose_is_no_table():
    rows = [_row([(70, "De gemeente werkt samen met"), (320, "politie en het OM aan een")], 100 + 12 * k)
            for k in range(6)]
    assert find_action_tables(rows) == []
