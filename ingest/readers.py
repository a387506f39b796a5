"""Readers: one file in, its text per page out, or an `IngestError` that says what is wrong.

A user drops whatever they have into the ingest folder, so every reader treats its input as
hostile: library exceptions are caught and turned into one clear line, never a traceback.
Text files must be UTF-8 (a BOM is accepted): guessing another encoding silently would put
mis-decoded letters into the evidence we cite.
"""
from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from .model import IngestError, Page, RawDocument

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # keeps \t \n \f \r
_HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*(\d)$", re.I)


def read_file(path: Path, max_bytes: int = 50_000_000) -> RawDocument:
    """Read a .txt, .md, .pdf or .docx file into pages of text."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise IngestError(path, "file not found")
    if not path.is_file():
        raise IngestError(path, "not a regular file")
    if suffix not in SUPPORTED:
        shown = suffix or "(none)"
        raise IngestError(path, f"unsupported file type {shown}; supported: {', '.join(SUPPORTED)}")
    size = path.stat().st_size
    if size == 0:
        raise IngestError(path, "empty file")
    if size > max_bytes:
        raise IngestError(path, f"file too large ({_mb(size)} MB; limit {_mb(max_bytes)} MB)")
    return READERS[suffix](path)


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f}"


def _read_text(path: Path, fmt: str) -> RawDocument:
    data = path.read_bytes()
    if b"\x00" in data:
        raise IngestError(path, "contains NUL bytes: a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise IngestError(path, f"not UTF-8 text (invalid byte at offset {e.start}); save the file as UTF-8") from None
    if _looks_binary(text):
        raise IngestError(path, "looks like binary data, not text (too many control characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(path, "no text found (only whitespace)")
    return RawDocument(path, fmt, [Page(None, text)])


def _looks_binary(text: str) -> bool:
    """Random bytes can happen to be valid UTF-8; real text has almost no control characters."""
    controls = len(_CONTROL.findall(text))
    return controls > max(2, len(text) // 50)


PDF_MAX_CHARS = 20_000_000


def _read_pdf(path: Path) -> RawDocument:
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is a declared dependency
        raise IngestError(path, "PDF support needs the 'pypdf' package") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd files are not ours to print
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - any failure means we cannot open it
                ok = 0
            if not ok:
                raise IngestError(path, "encrypted PDF (password protected); save an unprotected copy")
        n_pages = len(reader.pages)
    except IngestError:
        raise
    except Exception as e:  # noqa: BLE001 - pypdf raises many kinds on malformed files
        raise IngestError(path, f"corrupt PDF ({_short(e)})") from None
    if n_pages == 0:
        raise IngestError(path, "corrupt PDF (no pages)")
    pages: list[Page] = []
    failures = chars = 0
    for i in range(n_pages):
        try:
            text = reader.pages[i].extract_text() or ""
        except Exception:  # noqa: BLE001 - one broken page should not lose the others
            failures += 1
            text = ""
        chars += len(text)
        if chars > PDF_MAX_CHARS:  # pypdf caps each stream (75 MB); this caps the whole text we keep
            raise IngestError(path, f"PDF text is larger than {PDF_MAX_CHARS} characters; split the document")
        pages.append(Page(i + 1, text.replace("\r\n", "\n").replace("\r", "\n")))
    if not any(p.text.strip() for p in pages):
        if failures == n_pages:
            raise IngestError(path, "corrupt PDF (no page could be read)")
        raise IngestError(path, "PDF has no text layer (scanned? run OCR first)")
    return RawDocument(path, "pdf", pages)


def _read_docx(path: Path) -> RawDocument:
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a declared dependency
        raise IngestError(path, "DOCX support needs the 'python-docx' package") from None
    _check_archive(path)
    try:
        document = docx.Document(str(path))
        lines = list(_docx_lines(document))
    except zipfile.BadZipFile:
        raise IngestError(path, "corrupt DOCX (not a valid zip archive)") from None
    except Exception as e:  # noqa: BLE001 - python-docx/lxml raise many kinds on malformed files
        raise IngestError(path, f"corrupt DOCX ({_short(e)})") from None
    text = "\n".join(lines)
    if not text.strip():
        raise IngestError(path, "no text found in DOCX")
    return RawDocument(path, "docx", [Page(None, text)])


DOCX_MAX_MEMBERS = 5_000
DOCX_MAX_UNPACKED = 200_000_000  # python-docx loads every part into memory, images included
DOCX_MAX_RATIO = 200  # real XML compresses 5-20x; a bomb's parts compress thousands of times


def _check_archive(path: Path) -> None:
    """Refuse a zip bomb from its central directory, before any member is inflated.

    The sizes declared there bound what `zipfile` will ever inflate (it stops at the declared size and
    fails the CRC past it), so checking them is enough to cap memory.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise IngestError(path, "corrupt DOCX (not a valid zip archive)") from None
    if len(members) > DOCX_MAX_MEMBERS:
        raise IngestError(path, f"DOCX has {len(members)} parts (limit {DOCX_MAX_MEMBERS})")
    unpacked = sum(m.file_size for m in members)
    if unpacked > DOCX_MAX_UNPACKED:
        raise IngestError(path, f"DOCX unpacks to {_mb(unpacked)} MB (limit {_mb(DOCX_MAX_UNPACKED)} MB)")
    for m in members:
        if m.file_size > 1_000_000 and m.file_size > DOCX_MAX_RATIO * max(m.compress_size, 1):
            raise IngestError(path, f"DOCX part {m.filename!r} expands {m.file_size // max(m.compress_size, 1)} times "
                                    "(a zip bomb?); refused")


def _docx_lines(document) -> list[str]:
    """Body paragraphs and tables in document order, marked up the way the cleaner expects."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            line = _paragraph_line(Paragraph(child, document))
            if line is not None:
                out.append(line)
        elif tag == "tbl":
            out.append("")
            out.extend(_table_lines(Table(child, document)))
            out.append("")
    return out


def _paragraph_line(p) -> str | None:
    text = p.text.replace("\t", " ").strip()
    style = (p.style.name if p.style is not None else "") or ""
    level = _heading_level(style)
    if level:
        return ("#" * level + " " + text) if text else None
    if not text:
        return ""
    if _is_list_paragraph(p, style):
        return "- " + text
    return text


def _heading_level(style: str) -> int:
    if style.lower() == "title" or style.lower() == "titel":
        return 1
    m = _HEADING_STYLE.match(style.strip())
    return min(int(m.group(1)), 6) if m else 0


def _is_list_paragraph(p, style: str) -> bool:
    s = style.lower()
    if "list" in s or "lijst" in s or "opsomming" in s:
        return True
    ppr = p._p.pPr
    return ppr is not None and ppr.numPr is not None


def _table_lines(table) -> list[str]:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def _short(e: Exception) -> str:
    msg = " ".join(str(e).split()) or type(e).__name__
    return msg[:120]


def _read_html(path: Path) -> RawDocument:
    """A plan published as a web page: its main content through the layout pass (navigation, header and
    footer left out), written as Markdown-like lines so the line-based steps see headings, lists and tables.
    The furniture is kept beside the text: a footer's "Gemeente Rietbroek" says whose page it is."""
    from .layout import build_layout

    layout = build_layout(path)
    lines: list[str] = []

    def walk(section) -> None:
        if section.level:
            lines.extend(["", "#" * min(section.level, 6) + " " + (section.heading or section.title), ""])
        for block in section.blocks:
            if block.kind == "list":
                lines.extend("  " * (item.level - 1) + "- " + item.text for item in block.items)
            else:
                lines.extend(block.text.split("\n"))
            lines.append("")
        for child in section.children:
            walk(child)

    walk(layout.root)
    if not any(line.strip() for line in lines):
        raise IngestError(path, "no text found in the HTML page")
    title = next((b.text for b in layout.boilerplate if b.kind == "title"), None)
    return RawDocument(path, "html", [Page(None, "\n".join(lines))],
                       [b.text for b in layout.boilerplate if b.kind != "page_number"], title)


# One reader per format; the suffix (lower case) picks it.
READERS: dict[str, Callable[[Path], RawDocument]] = {
    ".txt": lambda p: _read_text(p, "txt"), ".md": lambda p: _read_text(p, "md"), ".pdf": _read_pdf,
    ".docx": _read_docx, ".html": _read_html, ".htm": _read_html,
}
SUPPORTED = tuple(READERS)
