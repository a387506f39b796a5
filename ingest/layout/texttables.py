"""Tables in plain text: pipe tables, and column-aligned tables rebuilt from their column runs.

A column table is a run of lines split by two or more spaces (or tabs) into cells that start at
the same columns line after line; prose almost never does that three lines running. A line
with nothing in the first column continues the row above (a wrapped cell), as does a
first-column fragment that starts in lower case.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Table
from .tablehead import first_row_is_header
from .text import clean_line

_RULE = re.compile(r"^\s*[|+:]?(?:\s*[-=_:+|]){3,}\s*$")
_CELL = re.compile(r"\S+(?: \S+)*")
_TOLERANCE = 2
_RETRY_SPAN = 20  # a failed start on a longer run skips the run's block instead of retrying each line
_MAX_ROWS = 400  # lines one table may span: bounds the work on long runs of double-spaced prose


@dataclass
class TextTable:
    """A table found in lines start..end (end exclusive)."""

    start: int
    end: int
    table: Table


def find_tables(raw: list[str]) -> list[TextTable]:
    """Pipe tables and column tables, in order, not overlapping."""
    found: list[TextTable] = []
    lines = _Lines(raw)
    i = 0
    while i < len(raw):
        hit = _pipe_table(raw, i) or _tab_table(raw, i) or _column_table(lines, i)
        if hit:
            found.append(hit)
            i = hit.end
        elif len(lines.window(i)) > _RETRY_SPAN:
            i = lines.block_end(i)  # a long multi-cell run without a table: double-spaced prose
        else:
            i += 1
    return found


# --- pipe tables ------------------------------------------------------------------------------

def _pipe_cells(line: str) -> list[str] | None:
    s = line.strip()
    if s.count("|") < 2 and not (s.startswith("|") or s.endswith("|")):
        return None
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [clean_line(c) for c in s.split("|")]


def _pipe_table(raw: list[str], i: int) -> TextTable | None:
    first = _pipe_cells(raw[i])
    if first is None or len(first) < 2:
        return None
    rows, header, j = [first], None, i + 1
    while j < len(raw) and (_pipe_cells(raw[j]) is not None or _RULE.match(raw[j]) and "-" in raw[j]):
        if _RULE.match(raw[j]):
            if len(rows) == 1 and header is None:
                header = rows.pop()
        else:
            rows.append(_pipe_cells(raw[j]) or [])
        j += 1
    if len(rows) + (header is not None) < 2:
        return None
    if header is None and first_row_is_header(rows):
        header = rows.pop(0)
    return TextTable(i, j, Table(header, rows))


# --- tab-separated tables --------------------------------------------------------------------

def _tab_fields(line: str) -> list[str] | None:
    if "\t" not in line.strip():
        return None
    return [clean_line(f) for f in re.split(r"\t+", line.strip())]


def _tab_table(raw: list[str], i: int) -> TextTable | None:
    """Lines that split at tabs into the same number of fields: the tabs are the column separators,
    whatever the lines look like on screen."""
    first = _tab_fields(raw[i])
    if first is None or len(first) < 2:
        return None
    rows, j = [first], i + 1
    while j < len(raw) and (fields := _tab_fields(raw[j])) is not None and len(fields) == len(first):
        rows.append(fields)
        j += 1
    if len(rows) < 2:
        return None
    header = rows.pop(0) if first_row_is_header(rows) else None
    return TextTable(i, j, Table(header, rows))


# --- column tables ----------------------------------------------------------------------------

def cells(line: str) -> list[tuple[int, str]]:
    """(start column, text) of each cell: runs of text split at tabs and at two or more spaces."""
    out: list[tuple[int, str]] = []
    col = 0
    for k, seg in enumerate(line.split("\t")):
        if k:
            col = (col // 8 + 1) * 8  # the next tab stop
        for m in _CELL.finditer(seg):
            out.append((col + m.start(), m.group(0)))
        col += len(seg)
    return out


class _Lines:
    """The lines with their cells split once (the finder looks at each line from many starts)."""

    def __init__(self, raw: list[str]):
        self.raw = raw
        self.cells = [cells(line) if line.strip() and not _RULE.match(line) else [] for line in raw]
        self.rule = [bool(line.strip()) and bool(_RULE.match(line)) for line in raw]

    def window(self, i: int) -> list[int]:
        """Indices of a run of multi-cell lines from i, with the blank, rule and one-cell lines between
        them; at most _MAX_ROWS lines."""
        if len(self.cells[i]) < 2:
            return []
        picked, j, blanks, first = [i], i + 1, 0, self.cells[i][0][0]
        while j < len(self.raw) and len(picked) < _MAX_ROWS:
            if not self.raw[j].strip():
                blanks += 1
                if blanks > 1:
                    break
            elif self.rule[j] or len(self.cells[j]) >= 2 or self._continues(j, first):
                blanks = 0
                picked.append(j)
                first = min(first, self.cells[j][0][0]) if self.cells[j] else first
            else:
                break
            j += 1
        return picked

    def _continues(self, j: int, first: int) -> bool:
        """A one-cell line inside the table: indented past the first column, or a lower-case tail."""
        start, text = self.cells[j][0]
        return start > first + _TOLERANCE or text[:1].islower()

    def block_end(self, i: int) -> int:
        """The end of the blank-free block at i: where the finder goes on after a failed start."""
        j = i + 1
        while j < len(self.raw) and self.raw[j].strip():
            j += 1
        return j


def _columns(rows: list[list[tuple[int, str]]]) -> list[int]:
    """Start columns shared by enough rows: clusters of cell starts within the tolerance."""
    starts = sorted((s, r) for r, row in enumerate(rows) for s, _ in row)
    clusters: list[tuple[list[int], set[int]]] = []
    for s, r in starts:
        if clusters and s - clusters[-1][0][-1] <= _TOLERANCE:
            clusters[-1][0].append(s)
            clusters[-1][1].add(r)
        else:
            clusters.append(([s], {r}))
    need = max(2, int(0.4 * len(rows) + 0.5))
    return [min(c) for c, in_rows in clusters if len(in_rows) >= need]


def _column_of(start: int, columns: list[int]) -> int | None:
    best = None
    for k, c in enumerate(columns):
        if c <= start + _TOLERANCE:
            best = k
    return best


def _aligned(rows: list[list[tuple[int, str]]], columns: list[int]) -> bool:
    total = sum(len(r) for r in rows)
    hits = sum(1 for r in rows for s, _ in r if any(abs(s - c) <= _TOLERANCE for c in columns))
    return total > 0 and hits / total >= 0.85


def _column_table(lines: _Lines, i: int) -> TextTable | None:
    picked = lines.window(i)
    multi = [lines.cells[k] for k in picked if len(lines.cells[k]) >= 2]
    rule = any(lines.rule[k] for k in picked[1:3])
    if len(multi) < 3 and not (len(multi) >= 2 and rule):
        return None
    columns = _columns(multi)
    if len(columns) < 2 or not _aligned(multi, columns):
        return None
    rows, header = _rows(lines.raw, picked, columns)
    if header is None and first_row_is_header(rows):
        header = rows.pop(0)
    return TextTable(i, picked[-1] + 1, Table(header, rows))


def _place(line: str, columns: list[int]) -> dict[int, str]:
    placed: dict[int, str] = {}
    for start, text in cells(line):
        col = _column_of(start, columns)
        col = 0 if col is None else col
        placed[col] = f"{placed[col]} {text}" if col in placed else text
    return {c: clean_line(t) for c, t in placed.items()}


def _rows(raw: list[str], picked: list[int], columns: list[int]) -> tuple[list[list[str]], list[str] | None]:
    """Rows from the lines; a line continues the row above when its first cell is empty or starts in
    lower case, or when it leaves empty a column that at least half the lines fill (a wrapped row)."""
    lines = [_place(raw[k], columns) if not _RULE.match(raw[k]) else None for k in picked if raw[k].strip()]
    filled = [c for c in range(len(columns)) if sum(1 for p in lines if p and c in p) * 2 >= len(lines)]
    rows: list[list[str]] = []
    header: list[str] | None = None
    for placed in lines:
        if placed is None:
            if len(rows) == 1 and header is None:
                header = rows.pop()
            continue
        wrapped = 0 not in placed or placed[0][:1].islower() or any(c not in placed for c in filled)
        if rows and wrapped:
            for c, t in placed.items():
                rows[-1][c] = f"{rows[-1][c]} {t}".strip()
        else:
            rows.append([placed.get(c, "") for c in range(len(columns))])
    return rows, header
