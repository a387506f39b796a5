"""HTML (.html, .htm) into a layout with lxml: many plans are published as web pages.

Structure comes from the markup: h1-h6, p, ul/ol/li, table (th and thead for the header).
Scripts and styles are not text. Site furniture (navigation, page header and footer, everything
outside <main> when the page has one, and the head's <title>) is kept apart as boilerplate; a navigation
block of links into the page itself is the page's table of contents.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import lxml.html

from ..model import IngestError
from ..readers import _looks_binary
from .assemble import Element, HeadingMark, assemble
from .boilerplate import collect
from .headings import run_in_head, short_title, split_heading
from .model import Layout, ListBlock, ListItem, Paragraph, Table, TocEntry
from .registry import register
from .spans import span_count
from .tablehead import first_row_is_header
from .tocsplit import entry, split_toc

_NOT_TEXT = ("script", "style", "noscript", "template", "svg", "canvas", "iframe", "object")
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
})
_SPACED = frozenset({"br", "td", "th", "tr", "caption", "img", "input", "select", "option", "button", "label"})
_FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "search"}
_TOC_HINT = re.compile(r"(?:^|[\s_-])(?:toc|inhoudsopgave|table-of-contents)(?:$|[\s_-])", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


@register(".html", ".htm")
def build_html(path: Path) -> Layout:
    try:
        layout = html_layout(parse_html(path))
    except RecursionError:
        raise IngestError(path, "HTML nested too deeply") from None
    if not layout.all_text().strip():
        raise IngestError(path, "no text found in HTML")
    return layout


def parse_html(path: Path) -> lxml.html.HtmlElement:
    """The parsed page. UTF-8 unless the page declares another charset; no network, no entities fetched."""
    text = _decode(path, path.read_bytes())
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        doc = lxml.html.document_fromstring(_XML_DECL.sub("", text), parser=parser)
    except Exception as e:  # noqa: BLE001 - lxml raises ParserError on a document without elements
        raise IngestError(path, f"not an HTML document ({type(e).__name__})") from None
    _space_blocks(doc)
    return doc


def _space_blocks(doc) -> None:
    """A block boundary or <br> is a word boundary: pad them, so that joined text keeps words apart."""
    for el in doc.iter():
        if isinstance(el.tag, str) and (el.tag in _BLOCK or el.tag in _SPACED):
            el.text = f" {el.text or ''}"
            el.tail = f" {el.tail or ''}"


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data:
        raise IngestError(path, "contains NUL bytes: a binary file, not HTML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        m = _CHARSET.search(data[:4096])
        if not m:
            raise IngestError(path, f"not UTF-8 (invalid byte at offset {e.start}) and no charset declared") from None
        try:
            text = data.decode(codecs.lookup(m.group(1).decode("ascii")).name)
        except (LookupError, UnicodeDecodeError):
            raise IngestError(path, f"cannot decode with the declared charset {m.group(1).decode('ascii')!r}") from None
    if _looks_binary(text):
        raise IngestError(path, "looks like binary data, not HTML (too many control characters)")
    return text


def _text(el) -> str:
    return " ".join(el.text_content().split())


def html_layout(doc) -> Layout:
    for bad in doc.xpath("|".join(f"//{t}" for t in _NOT_TEXT)):
        bad.drop_tree()
    body = doc.find("body")
    body = body if body is not None else doc
    mains = body.xpath(".//main|.//*[@role='main']")
    content = mains[0] if mains else body
    walker = _Walker()
    title = doc.findtext(".//head/title") or ""
    if title.strip():  # the browser tab's text: often the only line that names the gemeente ("... | Gemeente Oss")
        walker.furniture.append((" ".join(title.split()), "title"))
    if content is not body:
        walker.furniture.extend(_outside(body, content))
    walker.block(content)
    walker.flush()
    toc, stream, toc_title = split_toc(walker.stream)
    layout = Layout("html", assemble(stream), None, walker.toc + toc, collect(walker.furniture))
    layout.toc_title = toc_title
    return layout


def _outside(body, content) -> list[tuple[str, str]]:
    """Text of the page beside its main content and beside each of its ancestors: site furniture."""
    out: list[str] = []
    node = content
    while node is not body and node.getparent() is not None:
        parent = node.getparent()
        out.append(parent.text or "")
        for sib in parent:
            if sib is not node and isinstance(sib.tag, str):
                out.append(_text(sib))
            out.append(sib.tail or "")
        node = parent
    return [(" ".join(t.split()), "navigation") for t in out if t.strip()]


class _Walker:
    """Turns the content element into the heading/block stream, collecting furniture and TOC on the way."""

    def __init__(self) -> None:
        self.stream: list[Element] = []
        self.furniture: list[tuple[str, str]] = []
        self.toc: list[TocEntry] = []
        self.inline: list[str] = []
        self.level = 0

    def flush(self) -> None:
        text = " ".join(" ".join(self.inline).split())
        self.inline = []
        if text:
            self.stream.append(Paragraph(text))

    def block(self, el) -> None:
        """A container: inline runs become paragraphs, block children are handled by kind."""
        if el.text:
            self.inline.append(el.text)
        for child in el:
            if not isinstance(child.tag, str):
                pass  # a comment or processing instruction left by the parser: its tail still counts
            elif child.tag in _BLOCK or _has_block(child):
                self.flush()
                self.element(child)
            elif child.tag == "br":
                self.inline.append(" ")
            else:
                self.inline.append(child.text_content())
            if child.tail:
                self.inline.append(child.tail)

    def element(self, el) -> None:
        tag = el.tag
        if self._apart(el):
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = _text(el)
            if text:
                self.level = int(tag[1])
                self.stream.append(HeadingMark(split_heading(text), self.level))
        elif tag == "p":
            text = _text(el)
            lead = _bold_lead(el)
            if text and _bold_only(el) and short_title(text):
                self.stream.append(HeadingMark(split_heading(text), self.level + 1))
            elif lead and (title := run_in_head(lead)):
                self.stream.append(HeadingMark(split_heading(title), self.level + 1))
                self.stream.append(Paragraph(text[len(lead):].strip()))
            elif text:
                self.stream.append(Paragraph(text))
        elif tag in ("ul", "ol"):
            items = list(_items(el, 1))
            if items:
                self.stream.append(ListBlock(items))
        elif tag == "table":
            caption = el.find("caption")
            if caption is not None and _text(caption):
                self.stream.append(Paragraph(_text(caption)))
            table = _table(el)
            if table.rows or table.header:
                self.stream.append(table)
        elif tag == "pre":
            text = _text(el)
            if text:
                self.stream.append(Paragraph(text))
        elif tag != "hr":
            self.block(el)
            self.flush()

    def _apart(self, el) -> bool:
        """Navigation, page header/footer and TOC blocks go to furniture or TOC, not the body."""
        role = (el.get("role") or "").lower()
        hint = f"{el.get('id', '')} {el.get('class', '')}"
        links = el.xpath(".//a[@href]")
        linked = sum(len(_text(a)) for a in links) >= 0.8 * len(_text(el)) if links else False
        if el.tag in ("nav", "ul", "ol", "div") and linked and (
                _TOC_HINT.search(hint) or (el.tag == "nav" and all(a.get("href", "").startswith("#") for a in links))):
            self.toc.extend(entry(_text(a), len(a.xpath("ancestor::ul|ancestor::ol")) or 1) for a in links if _text(a))
            return True
        header_with_title = el.tag == "header" and el.xpath(".//h1|.//h2|.//h3")
        if el.tag in ("nav", "footer") or (el.tag == "header" and not header_with_title) or role in _FURNITURE_ROLES:
            text = _text(el)
            if text:
                self.furniture.append((text, "navigation"))
            return True
        return False


def _has_block(el) -> bool:
    return any(isinstance(d.tag, str) and d.tag in _BLOCK for d in el.iterdescendants())


def _bold_only(p) -> bool:
    bold = " ".join(" ".join(b.text_content() for b in p.xpath(".//strong|.//b")).split())
    return bool(bold) and bold == _text(p)


def _bold_lead(p) -> str | None:
    """The bold text a paragraph opens with, when text follows it ("<strong>Prioriteit 1.</strong> Bewoners ...")."""
    first = next((c for c in p if isinstance(c.tag, str)), None)
    if first is None or first.tag not in ("strong", "b") or (p.text or "").strip():
        return None
    lead = " ".join(first.text_content().split())
    text = _text(p)
    return lead if lead and text.startswith(lead) and len(text) > len(lead) else None


def _marker(ol, n: int) -> str:
    kind = ol.get("type", "1")
    if kind in ("a", "A"):
        s = chr(ord("a") + (n - 1) % 26)
        return f"{s.upper() if kind == 'A' else s}."
    return f"{n}."


def _items(lst, level: int):
    """The items of a ul/ol and of the lists nested in them, in document order."""
    ordered = lst.tag == "ol"
    start = int(lst.get("start", "1")) if (lst.get("start") or "").isdigit() else 1
    for n, li in enumerate(lst.xpath("./li"), start):
        nested = li.xpath("./ul|./ol")
        own = [li.text or ""]
        for child in li:
            if child not in nested and isinstance(child.tag, str):
                own.append(child.text_content())
            if child.tail:
                own.append(child.tail)
        text = " ".join(" ".join(own).split())
        if text:
            yield ListItem(text, level, _marker(lst, n) if ordered else "•")
        for sub in nested:
            yield from _items(sub, level + 1)


def _table(tbl) -> Table:
    """The table as a grid: a cell that spans rows stands in each of them ("Thema" given once for two actions)
    and one that spans columns keeps its place with empty cells after it, so every row's cells stay under their
    own header. A row that is one spanning cell stays one cell: a title over the rows below it."""
    trs = tbl.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    head_rows = tbl.xpath("./thead/tr")
    rows: list[list[str]] = []
    header: list[str] | None = None
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill) from a rowspan above
    for tr in trs:
        cells: list[str] = []
        tds = tr.xpath("./th|./td")
        for c in tds:
            while len(cells) in pending:
                cells.append(_carry(pending, len(cells)))
            text, down = _text(c), span_count(c.get("rowspan"))
            for k in range(span_count(c.get("colspan")) if len(tds) > 1 else 1):
                value = "" if k else text
                if down > 1:
                    pending[len(cells)] = (value, down - 1)
                cells.append(value)
        while len(cells) in pending:
            cells.append(_carry(pending, len(cells)))
        if tr in head_rows or (not rows and header is None and tr.xpath("./th") and not tr.xpath("./td")):
            header = cells
        elif any(cells):
            rows.append(cells)
    if header is None and first_row_is_header(rows):
        header = rows.pop(0)
    return Table(header, rows)


def _carry(pending: dict[int, tuple[str, int]], column: int) -> str:
    """The text a rowspan above puts in this row's `column`, one row fewer to go."""
    text, left = pending.pop(column)
    if left > 1:
        pending[column] = (text, left - 1)
    return text
