"""How much of a document's body text reaches the layout: the "no body text is lost" measure.

The source text is taken independently of the layout builders (the file's own text for txt/md,
pypdf for PDF, the raw XML runs for DOCX, lxml's text for HTML), cut into word tokens (case
folded, whitespace and punctuation ignored), and the furniture and TOC the layout set apart are
taken off. The share is the fraction of the remaining word characters that the layout's headings
and blocks contain (as a multiset, so a word found once in the layout covers one occurrence).
Furniture and TOC shares are reported too: a builder that hid body text as furniture would
show there instead of in the share.
"""
from __future__ import annotations

import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..model import IngestError
from ..readers import _check_archive, _read_text
from .model import Layout, ListBlock, Table
from .registry import build_layout

_WORD = re.compile(r"[^\W_]+")  # letters and digits: underscores and punctuation are not text


def tokens(text: str) -> Counter[str]:
    return Counter(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _chars(counts: Counter[str]) -> int:
    return sum(len(t) * n for t, n in counts.items())


@dataclass
class Coverage:
    """Word characters of the source: in all, set apart as furniture or TOC, and reached by the layout."""

    source_chars: int
    furniture_chars: int
    toc_chars: int
    reached_chars: int
    missing: list[str] = field(default_factory=list)  # the most frequent tokens that did not arrive

    @property
    def body_chars(self) -> int:
        return self.source_chars - self.furniture_chars - self.toc_chars

    @property
    def share(self) -> float:
        return self.reached_chars / self.body_chars if self.body_chars else 1.0

    @property
    def furniture_share(self) -> float:
        return self.furniture_chars / self.source_chars if self.source_chars else 0.0


def layout_tokens(layout: Layout) -> Counter[str]:
    """Every word the layout carries as body: section headings, paragraphs, list items, table cells."""
    out: Counter[str] = Counter()
    for sec in layout.iter_sections():
        out += tokens(sec.heading or sec.title)
    for block in layout.text_blocks():
        if isinstance(block, ListBlock):
            texts = [f"{it.marker} {it.text}" for it in block.items]
        elif isinstance(block, Table):
            texts = [c for row in ([block.header] if block.header else []) + block.rows for c in row]
        else:
            texts = [block.text]
        for t in texts:
            out += tokens(t)
    return out


def coverage(source: str, layout: Layout) -> Coverage:
    """The coverage of `layout` against the document's `source` text."""
    src = tokens(source)
    furniture: Counter[str] = Counter()
    for b in layout.boilerplate:
        for t, n in tokens(b.text).items():
            furniture[t] += n * b.count
    toc: Counter[str] = tokens(layout.toc_title or "")
    for e in layout.toc:
        toc += tokens(e.text or e.title)
    furniture = src & furniture
    body = src - furniture
    toc = body & toc
    body = body - toc
    reached = body & layout_tokens(layout)
    lost = body - reached
    return Coverage(_chars(src), _chars(furniture), _chars(toc), _chars(reached),
                    [t for t, _ in lost.most_common(20)])


def document_coverage(path: Path | str) -> Coverage:
    """Build the layout of a file and measure it against the file's own text."""
    path = Path(path)
    return coverage(source_text(path), build_layout(path))


# --- source text per format, independent of the builders ---------------------------------------

_SOURCES: dict[str, Callable[[Path], str]] = {}


def _source(*exts: str):
    def add(fn: Callable[[Path], str]) -> Callable[[Path], str]:
        for e in exts:
            _SOURCES[e] = fn
        return fn
    return add


def source_text(path: Path) -> str:
    fn = _SOURCES.get(path.suffix.lower())
    if fn is None:
        raise IngestError(path, f"no source text reader for {path.suffix or '(none)'}")
    return fn(path)


@_source(".txt")
def _txt(path: Path) -> str:
    from .from_txt import looks_like_markdown

    text = _read_text(path, "txt").pages[0].text
    return markdown_source(text) if looks_like_markdown(text) else text


@_source(".md", ".markdown")
def _md(path: Path) -> str:
    return markdown_source(_read_text(path, "md").pages[0].text)


def markdown_source(text: str) -> str:
    """Markdown as a reader sees it: link targets, reference definitions and tags are not text."""
    text = re.sub(r"^\s*\[[^\]]+\]:\s*\S+.*$", "", text, flags=re.M)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.sub(r"<[^>\n]*>", " ", text)


@_source(".pdf")
def _pdf(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path), strict=False)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


@_source(".docx")
def _docx(path: Path) -> str:
    """Every paragraph of the body, headers and footers: the w:t runs of the package's XML."""
    from lxml import etree

    _check_archive(path)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    out: list[str] = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                root = etree.fromstring(z.read(name), etree.XMLParser(resolve_entities=False, no_network=True))
                out.extend("".join((t.text or "") if t.tag == f"{w}t" else " "
                                   for t in p.iter(f"{w}t", f"{w}tab", f"{w}br", f"{w}cr")) for p in root.iter(f"{w}p"))
    return "\n".join(out)


@_source(".html", ".htm")
def _html(path: Path) -> str:
    """The text of the page body; scripts, styles and comments are not text."""
    from .from_html import parse_html

    doc = parse_html(path)
    for bad in doc.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    body = doc.find("body")
    return (body if body is not None else doc).text_content()
