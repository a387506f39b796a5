"""Action tables that a PDF draws without rules: a header line whose cells name an action column and another
column of an action table ("Actie   Trekker   Planning"), and the lines under it whose cells stand under
those headers.

pdfplumber finds tables by their drawn lines; a table laid out by white space alone reaches the text layer as
lines whose words sit far apart, and was read as running text (its header even as a heading). The cells of a
line are its runs of characters split at wide gaps. Only a header that names an action column and one more role
(ontology/cues.toml [action_columns]) starts a table, so two-column prose, whose lines also split at a wide gap,
is never taken for one. The table ends at a vertical gap, at a line whose cells do not stand under the headers,
or at a line that fills only the first column with a capital (a heading or a sentence).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..cuewords import extract_cues
from .columns import match_columns
from .model import Table
from .text import clean_line

CELL_GAP = 1.5  # font sizes: a wider gap between two characters of a line separates two cells
ROW_GAP = 1.5  # font sizes of vertical space between two lines that ends the table
_ALIGN = 0.6  # font sizes a cell may start before its column's header


@dataclass
class TextRow:
    """A line of a PDF page as cells: (left x, text) each, with where it stands."""

    cells: list[tuple[float, str]]
    top: float
    bottom: float
    size: float


def line_cells(chars: Sequence[dict], size: float) -> list[tuple[float, str]]:
    """A line's characters (left to right) grouped into cells at gaps wider than CELL_GAP font sizes."""
    cells: list[tuple[float, list[str]]] = []
    prev = None
    for c in chars:
        if prev is None or c["x0"] - prev["x1"] > CELL_GAP * size:
            cells.append((c["x0"], []))
        elif c["x0"] - prev["x1"] > 0.15 * size and c["text"] != " ":
            cells[-1][1].append(" ")
        cells[-1][1].append(c["text"])
        prev = c
    return [(x, t) for x, parts in cells if (t := clean_line(" ".join("".join(parts).split())))]


def find_action_tables(rows: Sequence[TextRow]) -> list[tuple[int, int, Table]]:
    """(first row, end row, table) of each borderless action table among one page's rows, in order."""
    roles = extract_cues().action_columns
    found: list[tuple[int, int, Table]] = []
    i = 0
    while i < len(rows):
        head = rows[i].cells
        named = match_columns([t for _, t in head], roles) if len(head) >= 2 else {}
        if "action" not in named or len(named) < 2:
            i += 1
            continue
        xs = [x for x, _ in head]
        body: list[list[str]] = []
        j = i + 1
        while j < len(rows) and rows[j].top - rows[j - 1].bottom <= ROW_GAP * rows[j].size:
            placed = _placed(rows[j].cells, xs, rows[j].size)
            if placed is None:
                break
            if body and (0 not in placed or placed[0][:1].islower()):  # a wrapped cell continues its row
                for col, text in placed.items():
                    body[-1][col] = f"{body[-1][col]} {text}".strip()
            elif len(placed) >= 2 or (0 not in placed):
                body.append([placed.get(col, "") for col in range(len(xs))])
            else:
                break  # the first column alone, with a capital: a heading or a sentence after the table
            j += 1
        if body:
            found.append((i, j, Table([t for _, t in head], body)))
            i = j
        else:
            i += 1
    return found


def _placed(cells: list[tuple[float, str]], xs: list[float], size: float) -> dict[int, str] | None:
    """Column -> text of a line's cells under the headers starting at `xs`; None when a cell stands left of the
    first column or two cells fall in one column (the line is no row of this table)."""
    out: dict[int, str] = {}
    for x, text in cells:
        col = max((k for k, start in enumerate(xs) if start <= x + _ALIGN * size), default=None)
        if col is None or col in out:
            return None
        out[col] = text
    return out
