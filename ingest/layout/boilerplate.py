"""Page furniture in a line sequence: page numbers, running headers and footers, navigation links.

Furniture is told apart by where it stands, not by what a sample says: a page number is a bare
number (or "Pagina 3 van 12") at a page's edge; a running header or footer is a line that
recurs at the edge of most pages (figures masked, so "... | 3" and "... | 4" are one line).
Without page breaks only what proves itself is taken: numbers that run on as page numbers,
lines that recur beside them, and the link texts e-readers and web exports put on every page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Boilerplate
from .text import ends_sentence

_BARE_NUMBER = re.compile(r"^(\d{1,4})$")
_PAGE_NUMBER = (
    re.compile(r"^[-–—]\s*\d{1,4}\s*[-–—]$"),
    re.compile(r"^(?:pagina|page|blz\.?|p\.)\s*\d{1,4}(?:\s*(?:van|of|/)\s*\d{1,4})?$", re.I),
    re.compile(r"^\d{1,4}\s*(?:/|van|of)\s*\d{1,4}$", re.I),
)
# Link texts that exporters and web pages repeat to jump back ("terug naar inhoudsopgave", "naar boven",
# "back to top"): navigation by what the words say, in any document, never content.
NAVIGATION = re.compile(
    r"^(?:(?:terug|ga|ga direct|klik)\s+)?naar\s+(?:de\s+|het\s+)?(?:inhoud|inhoudsopgave|boven|begin)$"
    r"|^back\s+to\s+(?:the\s+)?(?:top|contents|table of contents)$",
    re.I,
)


@dataclass
class FLine:
    """A line as furniture detection sees it: cleaned text, its page, and whether it sits at a page edge."""

    text: str
    page: int | None = None
    edge: bool = False


def key(text: str) -> str:
    """A line's identity across pages: case folded, figures masked, spaces collapsed."""
    return " ".join(re.sub(r"\d+", "#", text.casefold()).split())


def is_page_number(text: str) -> bool:
    return bool(_BARE_NUMBER.match(text)) or any(p.match(text) for p in _PAGE_NUMBER)


def furniture(lines: list[FLine], pages: int | None) -> list[str | None]:
    """Per line: "page_number", "running", "navigation" or None for body text."""
    kinds: list[str | None] = [None] * len(lines)
    for i, line in enumerate(lines):
        if NAVIGATION.match(key(line.text)):
            kinds[i] = "navigation"
        elif any(p.match(line.text) for p in _PAGE_NUMBER) and (line.edge or not pages):
            kinds[i] = "page_number"
    if pages and pages >= 2:
        _paged(lines, pages, kinds)
    else:
        _unpaged_numbers(lines, kinds)
        _beside_numbers(lines, kinds)
    return kinds


def _label(text: str) -> bool:
    """Headers and footers are short labels with letters, not sentences: body text that recurs
    ("Tekst van deel 1.", "... deel 2.") must not be taken for them."""
    words = text.split()
    return any(c.isalpha() for c in text) and len(words) <= 12 and not ends_sentence(text)


def _paged(lines: list[FLine], pages: int, kinds: list[str | None]) -> None:
    """Bare numbers at a page edge; lines recurring at the edges of at least half the pages."""
    seen: dict[str, set[int | None]] = {}
    for i, line in enumerate(lines):
        if not line.edge or kinds[i]:
            continue
        if _BARE_NUMBER.match(line.text):
            kinds[i] = "page_number"
        elif line.text:
            seen.setdefault(key(line.text), set()).add(line.page)
    need = max(2, (pages + 1) // 2)
    running = {k for k, on in seen.items() if len(on) >= need and _label(k)}
    for i, line in enumerate(lines):
        if line.edge and not kinds[i] and key(line.text) in running:
            kinds[i] = "running"


def _unpaged_numbers(lines: list[FLine], kinds: list[str | None]) -> None:
    """Bare numbers set apart by blank lines that run on as page numbers, far enough apart to be pages."""
    last, last_at = None, -100
    for i, line in enumerate(lines):
        m = _BARE_NUMBER.match(line.text)
        if not m or kinds[i] or not _set_apart(lines, i):
            continue
        n = int(m.group(1))
        fits = (last is None and 0 < n <= 500) or (last is not None and last < n <= last + 30)
        if fits and i - last_at >= 10 and not _beside_figure(lines, i):
            kinds[i] = "page_number"
            last, last_at = n, i


def _set_apart(lines: list[FLine], i: int) -> bool:
    before = i == 0 or not lines[i - 1].text
    after = i + 1 >= len(lines) or not lines[i + 1].text
    return before and after


def _neighbours(lines: list[FLine], i: int, reach: int) -> list[int]:
    """Indices of up to `reach` non-blank lines on each side of line i."""
    out: list[int] = []
    for step in (-1, 1):
        j, found = i + step, 0
        while 0 <= j < len(lines) and found < reach and abs(j - i) <= 40:
            if lines[j].text:
                out.append(j)
                found += 1
            j += step
    return out


def _beside_figure(lines: list[FLine], i: int) -> bool:
    """The nearest text line above or below is a figure too: a column of numbers, not a page number."""
    return any(re.fullmatch(r"[\d.,%€ ]+", lines[j].text) for j in _neighbours(lines, i, 1))


def _beside_numbers(lines: list[FLine], kinds: list[str | None]) -> None:
    """Lines recurring three times or more, most often right beside a page number: a header or footer."""
    at: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line.text and not kinds[i]:
            at.setdefault(key(line.text), []).append(i)
    for k, idx in at.items():
        if len(idx) < 3 or not _label(k):
            continue
        near = sum(1 for i in idx if any(kinds[j] == "page_number" for j in _neighbours(lines, i, 2)))
        if near * 2 >= len(idx):
            for i in idx:
                kinds[i] = "running"


def collect(found: list[tuple[str, str]]) -> list[Boilerplate]:
    """(text, kind) pairs counted per distinct text, in order of first appearance."""
    counts: dict[tuple[str, str], int] = {}
    for text, kind in found:
        counts[(text, kind)] = counts.get((text, kind), 0) + 1
    return [Boilerplate(text, n, kind) for (text, kind), n in counts.items()]
