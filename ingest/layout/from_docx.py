"""Word (.docx) into a layout with python-docx, reading the body's XML in document order.

Headings come from heading styles (English "Heading 1" and Dutch "Kop 1" alike) or an outline
level; list items from Word numbering (their printed numbers recomputed) or list styles; tables
are real tables, the first row a header where Word flags it as one (or it reads as one). The TOC
(TOC styles, a TOC field, or a TOC content control) and the page headers and footers are kept
apart. Normal paragraphs that lack structure but look like headings (bold-only, or "2.1 Title")
are put to the shared heading detector.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docx.oxml.ns import qn

from ..model import IngestError
from ..readers import _check_archive, _short
from .assemble import Element, HeadingMark, assemble
from .boilerplate import collect
from .docx_numbering import Numbering
from .headings import HeadingText, run_in_head, short_title, split_heading, title_like
from .model import Layout, ListBlock, ListItem, Paragraph, Table, TocEntry
from .registry import register
from .spans import span_count
from .tablehead import first_row_is_header
from .text import clean_line
from .tocsplit import entry

_HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*(\d)$", re.I)
_TOC_STYLE = re.compile(r"^(?:toc|inhopg|inhoudsopgave)\s*(\d)$", re.I)
_TOC_TITLE_STYLES = {"toc heading", "kop van inhoudsopgave", "kopvaninhoudsopgave"}
_LIST_STYLE = re.compile(r"list|lijst|opsomming", re.I)


@register(".docx")
def build_docx(path: Path) -> Layout:
    import docx

    _check_archive(path)
    try:
        layout = docx_layout(docx.Document(str(path)))
    except zipfile.BadZipFile:
        raise IngestError(path, "corrupt DOCX (not a valid zip archive)") from None
    except IngestError:
        raise
    except Exception as e:  # noqa: BLE001 - python-docx/lxml raise many kinds on malformed files
        raise IngestError(path, f"corrupt DOCX ({_short(e)})") from None
    if not layout.all_text().strip():
        raise IngestError(path, "no text found in DOCX")
    return layout


def docx_layout(document) -> Layout:
    """The layout of an opened python-docx Document."""
    reader = _Reader(document)
    reader.read(document.element.body)
    reader.flush()
    layout = Layout("docx", assemble(reader.stream), None, reader.toc, _furniture(document))
    layout.toc_title = reader.toc_title
    return layout


def paragraph_text(p) -> str:
    """A paragraph's text as printed: runs, tabs and breaks; deleted text and field codes left out."""
    parts: list[str] = []
    for el in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")):
        if el.tag == qn("w:t"):
            parts.append(el.text or "")
        elif el.tag == qn("w:noBreakHyphen"):
            parts.append("-")
        elif el.tag == qn("w:tab"):
            parts.append("\t")
        else:
            parts.append(" ")
    return "".join(parts)


class _Reader:
    """Walks the body once, keeping the list being built and the TOC field state."""

    def __init__(self, document) -> None:
        self.styles = Styles(document)
        self.numbering = Numbering(document)
        self.stream: list[Element] = []
        self.toc: list[TocEntry] = []
        self.toc_title: str | None = None
        self.items: list[ListItem] = []
        self.level = 0  # the level of the last styled heading
        self.fields = 0  # nesting depth of complex fields
        self.toc_field: int | None = None  # depth at which a TOC field is open

    def read(self, container, in_toc: bool = False) -> None:
        for child in container.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                self.paragraph(child, in_toc)
            elif tag == "tbl":
                self.flush()
                self.stream.append(_table(child))
            elif tag == "sdt":
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.read(content, in_toc or _is_toc_control(child))

    def flush(self) -> None:
        if self.items:
            self.stream.append(ListBlock(self.items))
            self.items = []

    def paragraph(self, p, in_toc: bool) -> None:
        raw = paragraph_text(p)
        text = " ".join(clean_line(raw).split())
        style = self.styles.name(p)
        in_toc = self._track_fields(p) or in_toc
        if _TOC_STYLE.match(style) or in_toc:
            if style.lower() in _TOC_TITLE_STYLES:
                self.toc_title = text or self.toc_title
            elif text:
                m = _TOC_STYLE.match(style)
                self.toc.append(entry(raw.strip(), int(m.group(1)) if m else 1))
            return
        if style.lower() in _TOC_TITLE_STYLES:
            self.toc_title = text
            return
        if not text:
            return
        level = _heading_level(self.styles, p, style)
        num = _num_pr(self.styles, p)
        if level:
            self.flush()
            self.level = level
            self.stream.append(HeadingMark(self._heading(text, num), level))
        elif num is not None or _LIST_STYLE.search(style):
            mark = self.numbering.label(*num) if num is not None else "•"
            self.items.append(ListItem(text, (num[1] + 1) if num else 1, mark))
        else:
            self.flush()
            self.stream.extend(self._plain(p, text))

    def _heading(self, text: str, num: tuple[str, int] | None) -> HeadingText:
        h = split_heading(text)
        if h.numbering is None and num is not None and not self.numbering.is_bullet(*num):
            label = self.numbering.label(*num).rstrip(".")
            if label:
                return HeadingText(f"{label} {text}", text, label, "numbered", label.count(".") + 1)
        return h

    def _plain(self, p, text: str) -> list[HeadingMark | Paragraph]:
        """A Normal paragraph; a bold-only short one or a '2.1 Title' line is a heading Word did not style, and a
        bold lead that names a priority heads the rest of its paragraph."""
        h = split_heading(text)
        if _all_bold(self.styles, p) and short_title(text):
            return [HeadingMark(h, h.depth or self.level + 1)]
        if h.kind == "numbered" and (h.depth or 0) >= 2 and title_like(h.title, max_words=10):
            return [HeadingMark(h, h.depth or 1)]
        lead = _bold_lead(self.styles, p)
        if lead and text.startswith(lead) and (title := run_in_head(lead)) and text[len(lead):].strip():
            return [HeadingMark(split_heading(title), self.level + 1), Paragraph(text[len(lead):].strip())]
        return [Paragraph(text)]

    def _track_fields(self, p) -> bool:
        """True while the paragraph lies inside a TOC field (fields nest: PAGEREF inside TOC)."""
        inside = self.toc_field is not None
        for el in p.iter(qn("w:fldChar"), qn("w:instrText"), qn("w:fldSimple")):
            if el.tag == qn("w:fldSimple"):
                if re.match(r"\s*TOC\b", el.get(qn("w:instr"), "")):
                    inside = True
            elif el.tag == qn("w:instrText"):
                if re.match(r"\s*TOC\b", el.text or "") and self.toc_field is None:
                    self.toc_field, inside = self.fields, True
            else:
                kind = el.get(qn("w:fldCharType"))
                if kind == "begin":
                    self.fields += 1
                elif kind == "end":
                    if self.toc_field == self.fields:
                        self.toc_field = None
                    self.fields = max(0, self.fields - 1)
        return inside


def _is_toc_control(sdt) -> bool:
    gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    return gallery is not None and "contents" in (gallery.get(qn("w:val")) or "").lower()


class Styles:
    """The style table by id (looked up in a dict: ids come from the file and are not trusted in XPath)."""

    def __init__(self, document) -> None:
        self.by_id: dict[str, object] = {}
        self.default = None
        for st in document.styles.element.iterchildren(qn("w:style")):
            self.by_id[st.get(qn("w:styleId"), "")] = st
            if st.get(qn("w:type")) == "paragraph" and st.get(qn("w:default")) in ("1", "true"):
                self.default = st

    def of(self, p):
        ppr = p.find(qn("w:pPr"))
        ref = ppr.find(qn("w:pStyle")) if ppr is not None else None
        return self.by_id.get(ref.get(qn("w:val"), "")) if ref is not None else self.default

    def name(self, p) -> str:
        st = self.of(p)
        name = st.find(qn("w:name")) if st is not None else None
        return (name.get(qn("w:val")) if name is not None else "") or ""

    def chain(self, p):
        """The paragraph's style and the styles it is based on, nearest first."""
        st, seen = self.of(p), set()
        while st is not None and id(st) not in seen:
            seen.add(id(st))
            yield st
            based = st.find(qn("w:basedOn"))
            st = self.by_id.get(based.get(qn("w:val"), "")) if based is not None else None


def _ppr_value(styles: Styles, p, path: str) -> str | None:
    """A paragraph property from the paragraph itself, else from its style chain."""
    for el in [p, *styles.chain(p)]:
        ppr = el.find(qn("w:pPr"))
        found = ppr.find(path) if ppr is not None else None
        if found is not None:
            return found.get(qn("w:val"))
    return None


def _heading_level(styles: Styles, p, style: str) -> int:
    m = _HEADING_STYLE.match(style.strip())
    if m:
        return min(int(m.group(1)), 9)
    if style.lower() in ("title", "titel"):
        return 1
    outline = _ppr_value(styles, p, qn("w:outlineLvl"))
    return int(outline) + 1 if outline is not None and outline.isdigit() and int(outline) < 9 else 0


def _num_pr(styles: Styles, p) -> tuple[str, int] | None:
    num_id = _ppr_value(styles, p, f"{qn('w:numPr')}/{qn('w:numId')}")
    if not num_id or num_id == "0":
        return None
    ilvl = _ppr_value(styles, p, f"{qn('w:numPr')}/{qn('w:ilvl')}")
    return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0


def _all_bold(styles: Styles, p) -> bool:
    """Every run with text is bold, directly or by the paragraph style."""
    style_bold = any(st.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None for st in styles.chain(p))
    runs = [r for r in p.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]
    return bool(runs) and all(_run_bold(r, style_bold) for r in runs)


def _bold_lead(styles: Styles, p) -> str | None:
    """The text of the bold runs a paragraph opens with, up to its first run that is not bold."""
    style_bold = any(st.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None for st in styles.chain(p))
    lead: list[str] = []
    for r in p.iter(qn("w:r")):
        text = "".join(t.text or "" for t in r.iter(qn("w:t")))
        if not text.strip():
            lead.append(text)
            continue
        if not _run_bold(r, style_bold):
            break
        lead.append(text)
    joined = " ".join("".join(lead).split())
    return joined or None


def _run_bold(r, default: bool) -> bool:
    b = r.find(f"{qn('w:rPr')}/{qn('w:b')}")
    if b is None:
        return default
    return b.get(qn("w:val"), "true").lower() not in ("0", "false", "off")


def _table(tbl) -> Table:
    rows: list[list[str]] = []
    header_flag = False
    bold_first = False
    above: list[str] = []
    for k, tr in enumerate(tbl.findall(qn("w:tr"))):
        cells = above = _grid_row(tr.findall(qn("w:tc")), above)
        if k == 0:
            header_flag = tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
            bold_first = all(_run_bold(r, False) for r in tr.iter(qn("w:r"))
                             if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip())
        if any(cells):
            rows.append(cells)
    header = None
    if rows and (header_flag or first_row_is_header(rows, styled=bold_first)):
        header = rows.pop(0)
    return Table(header, rows)


def _grid_row(tcs: list, above: list[str]) -> list[str]:
    """A row's cells on the table's grid: a cell merged across columns (gridSpan) keeps its place with empty
    cells after it, and one merged down from the row above (vMerge continue) holds that row's text, as an HTML
    rowspan does (ingest/layout/from_html.py). A row of one spanning cell stays one cell: a title row."""
    cells: list[str] = []
    for tc in tcs:
        props = tc.find(qn("w:tcPr"))
        span_el = props.find(qn("w:gridSpan")) if props is not None else None
        merge = props.find(qn("w:vMerge")) if props is not None else None
        span = span_count(span_el.get(qn("w:val")) if span_el is not None else None)
        column = len(cells)
        text = _cell_text(tc)
        if merge is not None and merge.get(qn("w:val"), "continue") == "continue" and column < len(above):
            text = above[column]
        cells.append(text)
        if len(tcs) > 1:
            cells.extend([""] * (span - 1))
    return cells


def _cell_text(tc) -> str:
    """All paragraphs of a cell, nested tables included, as one line of text."""
    return " ".join(t for t in (clean_line(paragraph_text(p).replace("\t", " ")) for p in tc.iter(qn("w:p"))) if t)


def _furniture(document) -> list:
    """Page headers and footers, each distinct text once: page furniture, not body."""
    found: list[tuple[str, str]] = []
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer,
                     section.even_page_header, section.even_page_footer):
            try:
                if part.is_linked_to_previous:
                    continue
                paras = part._element.iter(qn("w:p"))
            except Exception:  # noqa: BLE001 - a missing header part is no header
                continue
            for p in paras:
                text = clean_line(paragraph_text(p).replace("\t", " "))
                if text:
                    found.append((text, "running"))
    return collect(list(dict.fromkeys(found)))
