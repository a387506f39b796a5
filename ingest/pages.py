"""Raw lines with the page each stands on, for every format.

PDF and DOCX readers know their pages. Plain text extracted from a PDF keeps page breaks
only as form feeds; without them a page is known only where the text proves it: a bare
page-number footer N directly after footer N-1 bounds exactly one page. Elsewhere the page
stays None rather than a guess, because a wrong citation is worse than none.
"""
from __future__ import annotations

import re

from .model import Line, RawDocument

_FOOTER = re.compile(r"^\s*(\d{1,3})\s*$")


def raw_lines(raw: RawDocument) -> list[Line]:
    """All lines of the document, blank ones included, with known page numbers."""
    if len(raw.pages) > 1 or (raw.pages and raw.pages[0].number is not None):
        return [Line(text, p.number) for p in raw.pages for text in p.text.split("\n")]
    text = raw.pages[0].text if raw.pages else ""
    if "\f" in text:
        return [Line(t, n) for n, page in enumerate(text.split("\f"), 1) for t in page.split("\n")]
    return _anchor_by_footers(text.split("\n"))


def _anchor_by_footers(texts: list[str]) -> list[Line]:
    lines = [Line(t, None) for t in texts]
    prev_num, prev_idx = None, -1
    for i, t in enumerate(texts):
        m = _FOOTER.match(t)
        if not m:
            continue
        num = int(m.group(1))
        if prev_num is not None and num == prev_num + 1:
            for j in range(prev_idx + 1, i + 1):
                lines[j].page = num
        if prev_num is None or num > prev_num:
            prev_num, prev_idx = num, i
    return lines
