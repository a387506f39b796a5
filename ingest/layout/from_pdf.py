"""PDF into a layout with pdfplumber: ruled tables found on the page, text lines with their font.

Tables come from pdfplumber's table finder (cells as drawn), and their text is kept out of the
running lines; an action table laid out by white space alone is rebuilt from its lines' cells
(pdf_columns.py). Every other line carries its font size and weight: sizes clearly above the body
size rank as heading fonts (largest first), and a short bold line at body size ranks below them.
Lines repeating at the page edges are furniture, a table of contents near the start is kept
apart, and the rest goes to the shared line reader, so PDF and plain text meet the same heading
detector.
"""
from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..model import IngestError
from ..readers import _short
from .assemble import assemble
from .boilerplate import FLine, collect, furniture
from .lines import Item, Line, segment
from .model import Layout, Table
from .pdf_columns import TextRow, find_action_tables, line_cells
from .registry import register
from .tablehead import first_row_is_header
from .text import clean_line
from .toc import find_toc

MAX_PAGES = 3_000
_EDGE_ZONE = 0.12  # top and bottom share of the page where headers and footers stand
_BOLD = ("bold", "black", "heavy", "semibold", "demi")
_CID_LEAD = re.compile(r"^\s*\(cid:\d+\)\s*")  # a glyph pdfminer cannot map, first on a line: a bullet


@dataclass
class _PLine:
    text: str
    page: int
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool
    edge: bool = False
    cells: list[tuple[float, str]] | None = None  # the line split at wide gaps (pdf_columns.py)


@dataclass
class _PTable:
    table: Table
    page: int
    top: float


@register(".pdf")
def build_pdf(path: Path) -> Layout:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with pdfplumber.open(str(path), password="") as pdf:
            n = len(pdf.pages)
            if n == 0:
                raise IngestError(path, "corrupt PDF (no pages)")
            if n > MAX_PAGES:
                raise IngestError(path, f"PDF has {n} pages (limit {MAX_PAGES})")
            content = [_read_page(page, k + 1) for k, page in enumerate(pdf.pages)]
    except IngestError:
        raise
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds on malformed files
        if _caused_by(e, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise IngestError(path, "encrypted PDF (password protected); save an unprotected copy") from None
        raise IngestError(path, f"corrupt PDF ({_short(e)})") from None
    lines = [ln for page_lines, _ in content for ln in page_lines]
    tables = [t for _, page_tables in content for t in page_tables]
    if not lines and not tables:
        raise IngestError(path, "PDF has no text layer (scanned? run OCR first)")
    return pdf_layout(lines, tables, n)


def _caused_by(e: BaseException, kinds: tuple[type, ...]) -> bool:
    """pdfplumber wraps pdfminer's errors: look through the wrapper's args and context."""
    seen = [e, *[a for a in e.args if isinstance(a, BaseException)], e.__context__, e.__cause__]
    return any(isinstance(x, kinds) for x in seen)


def _read_page(page, number: int) -> tuple[list[_PLine], list[_PTable]]:
    found = page.find_tables()
    boxes = [t.bbox for t in found]
    tables = [_PTable(_table(page, t), number, t.bbox[1]) for t in found]
    lines: list[_PLine] = []
    for ln in page.extract_text_lines(strip=True, return_chars=True):
        mid_x, mid_y = (ln["x0"] + ln["x1"]) / 2, (ln["top"] + ln["bottom"]) / 2
        if any(b[0] <= mid_x <= b[2] and b[1] <= mid_y <= b[3] for b in boxes):
            continue
        chars = [c for c in ln["chars"] if c["text"].strip()]
        text = clean_line(_CID_LEAD.sub("• ", ln["text"]))
        if not text or not chars:
            continue
        size = statistics.median(c["size"] for c in chars)
        bold = all(any(m in c.get("fontname", "").lower() for m in _BOLD) for c in chars)
        lines.append(_PLine(text, number, ln["top"], ln["bottom"], ln["x0"], size, bold,
                            cells=line_cells(ln["chars"], size)))
    _mark_edges(lines, page.height)
    for start, end, table in reversed(find_action_tables(
            [TextRow(ln.cells or [], ln.top, ln.bottom, ln.size) for ln in lines])):
        tables.append(_PTable(table, number, lines[start].top))
        del lines[start:end]
    return lines, tables


def _mark_edges(lines: list[_PLine], height: float) -> None:
    """The first two and last two lines of a page, when they stand in the page's top or bottom zone."""
    for ln in lines[:2]:
        ln.edge = ln.top < _EDGE_ZONE * height
    for ln in lines[-2:]:
        ln.edge = ln.edge or ln.bottom > (1 - _EDGE_ZONE) * height


def _table(page, t) -> Table:
    rows = [[clean_line(" ".join((c or "").split())) for c in row] for row in t.extract()]
    rows = [r for r in rows if any(r)]
    bold = False
    if t.rows and t.rows[0].bbox:
        chars = [c for c in page.crop(t.rows[0].bbox).chars if c["text"].strip()]
        bold = bool(chars) and all(any(m in c.get("fontname", "").lower() for m in _BOLD) for c in chars)
    header = rows.pop(0) if rows and first_row_is_header(rows, styled=bold) else None
    return Table(header, rows)


def pdf_layout(lines: list[_PLine], tables: list[_PTable], pages: int) -> Layout:
    kinds = furniture([FLine(ln.text, ln.page, ln.edge) for ln in lines], pages)
    boiler = collect([(ln.text, k) for ln, k in zip(lines, kinds) if k])
    body = [ln for ln, k in zip(lines, kinds) if not k]
    ranks = _ranks(body)
    seq: list[_PLine | _PTable] = sorted(body + tables, key=lambda x: (x.page, x.top))
    toc = find_toc([x.text if isinstance(x, _PLine) else "" for x in seq])
    if toc:
        del seq[toc.start:toc.end]
    root = assemble(segment(_items(seq, ranks)))
    return Layout("pdf", root, pages, toc.entries if toc else [], boiler, toc_title=toc.title if toc else None)


def _ranks(lines: list[_PLine]) -> dict[int, int]:
    """Line id -> heading font rank: larger sizes first, then bold at body size; body lines absent."""
    if not lines:
        return {}
    weight = Counter()
    for ln in lines:
        weight[round(ln.size)] += len(ln.text)
    body = weight.most_common(1)[0][0]
    sizes = sorted({round(ln.size) for ln in lines if round(ln.size) >= body * 1.15}, reverse=True)
    rank_of = {s: k + 1 for k, s in enumerate(sizes)}
    out: dict[int, int] = {}
    for ln in lines:
        s = round(ln.size)
        if s in rank_of:
            out[id(ln)] = rank_of[s]
        elif ln.bold and abs(s - body) <= 1 and len(ln.text.split()) <= 12:
            out[id(ln)] = len(sizes) + 1
    return out


def _items(seq: list[_PLine | _PTable], ranks: dict[int, int]) -> list[Item]:
    """Lines for the line reader: a gap where vertical space, a font change or a table comes between;
    heading lines wrapped in the same font joined into one."""
    out: list[Item] = []
    prev: _PLine | None = None
    left = min((x.x0 for x in seq if isinstance(x, _PLine)), default=0.0)
    for x in seq:
        if isinstance(x, _PTable):
            x.table.page = x.page
            out.append(x.table)
            prev = None
            continue
        rank = ranks.get(id(x))
        gap = (prev is None or prev.page != x.page or x.top - prev.bottom > 0.6 * x.size
               or ranks.get(id(prev)) != rank)
        if rank is not None and not gap and out and isinstance(out[-1], Line) and out[-1].rank == rank:
            out[-1].text = f"{out[-1].text} {x.text}"
        else:
            out.append(Line(x.text, x.page, int((x.x0 - left) / max(x.size * 0.5, 1)), gap, rank))
        prev = x
    return out
