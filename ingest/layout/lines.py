"""Lines without markup (plain text, PDF) into headings, paragraphs and lists.

The builders hand over body lines only (furniture and the TOC removed, tables already rebuilt)
with what separates each from the one before: a blank line or vertical space (`gap`). Here the
heading detector is asked about every line in its context: a heading must stand apart from
the text before it, must not be announced by a colon (that is a list), must not run on into a
lower-case line, and a numbered heading must fit the numbering so far: a single number continues
the chapters, or, set apart on its own line, starts or continues a numbered run one level below
the current chapter ("1." ... "5." inside chapter 4); otherwise it is a list entry. A label that ends in
a colon and opens with the cue of a plan's part (headings.lead_in) heads the list right under it, one level
below the section it stands in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .assemble import Element, HeadingMark
from .headings import (Candidate, is_caps, is_field, lead_in, names_priority, resolve_levels, short_title,
                       split_heading, title_like)
from .model import ListBlock, ListItem, Paragraph, Table
from .text import ends_sentence, join_wrapped

_BULLET = re.compile(r"^(?P<m>[-–—•●○◦▪■□►▶➢➤✓✔∙·‣⁃*+]|o)\s+(?P<t>\S.*)$")
# enumerators: "1.", "a)", "(iv)", and the codes plans give their actions ("A1.", "B12)", "C2.3.")
_ENUM = re.compile(r"^(?P<m>\(?(?:\d{1,2}|[a-z]|[ivx]{1,4}|[A-Z]\d{1,2}(?:\.\d{1,2})?)[.)])\s+(?P<t>\S.*)$")
_MAX_STACKED = 3  # more short titles in a row than this are a list of items, not headings


@dataclass
class Line:
    """A body line: cleaned text, page, indent, whether space separates it from the line before,
    and (PDF) the rank of its heading font, None for body text."""

    text: str
    page: int | None = None
    indent: int = 0
    gap: bool = False
    rank: int | None = None


Item = Line | Table


def marker(text: str) -> tuple[str, str] | None:
    """(marker, item text) of a list line: bullets, and enumerators such as '1.', '2)', 'a)', '(iv)'."""
    m = _BULLET.match(text) or _ENUM.match(text)
    return (m.group("m"), m.group("t")) if m else None


def segment(items: list[Item]) -> list[Element]:
    """Headings and blocks in reading order."""
    heads = _headings(items)
    return list(_blocks(items, heads))


# --- headings ---------------------------------------------------------------------------------

@dataclass
class _Numbers:
    top: int | None = None  # the last chapter number accepted
    nested: int | None = None  # the last number of a run restarted at 1 inside a chapter


def _headings(items: list[Item]) -> dict[int, HeadingMark]:
    found: list[tuple[int, Candidate]] = []
    nums = _Numbers()
    widths = _widths(items)
    for i, it in enumerate(items):
        if isinstance(it, Line):
            prev_head = bool(found) and found[-1][0] == i - 1
            cand = _candidate(items, i, nums, prev_head, widths[i])
            if cand:
                found.append((i, cand))
    found = _drop_stacks(found)
    levels = resolve_levels([c for _, c in found])
    return {i: HeadingMark(c.heading, lvl, items[i].page) for (i, c), lvl in zip(found, levels)}


def _widths(items: list[Item], radius: int = 15) -> list[int]:
    """Per item, the length of a full line of running text nearby (most lines of a paragraph fill the column)."""
    lengths = [len(it.text) if isinstance(it, Line) and len(it.text.split()) >= 4 else 0 for it in items]
    out: list[int] = []
    for i in range(len(items)):
        near = sorted(n for n in lengths[max(0, i - radius): i + radius + 1] if n)
        out.append(max(40, near[int(len(near) * 0.8)]) if len(near) >= 3 else 80)
    return out


def _candidate(items: list[Item], i: int, nums: _Numbers, prev_head: bool, width: int) -> Candidate | None:
    line = items[i]
    prev = items[i - 1] if i > 0 else None
    nxt = items[i + 1] if i + 1 < len(items) else None
    prev_text = prev.text if isinstance(prev, Line) else ""
    before = i == 0 or line.gap or not isinstance(prev, Line) or prev_head
    after = nxt is None or not isinstance(nxt, Line) or nxt.gap
    h = split_heading(line.text)
    if (prev_text.endswith(":") and not prev_head) or (h.kind == "plain" and marker(line.text)):
        return None
    if isinstance(nxt, Line) and not nxt.gap and nxt.text[:1].islower():
        return None  # the line runs on into a sentence
    settled = before or ends_sentence(prev_text)
    if settled and isinstance(nxt, Line) and marker(nxt.text) and (lead := lead_in(line.text)):
        return Candidate(split_heading(lead), "lead")  # a cue label over a list: a part of its section
    if line.rank is not None:
        return Candidate(h, "styled", line.rank) if title_like(h.title) else None
    if h.kind == "keyword":
        if not ((settled or after) and title_like(h.title)):
            return None
        nums.nested = None
        return Candidate(h, "keyword")
    if h.kind == "numbered":
        return _numbered(items, i, h, nums, settled, before and after, after)
    if not before or (len(line.text) > 0.7 * width and not after):
        return None  # inside a paragraph, or a full-width line running on: wrapped text, not a title
    if isinstance(nxt, Line) and is_field(nxt.text):
        return None  # the title of an action card ("Trekker: ..." follows): it stays in its section
    if is_caps(line.text) and (after or _body_follows(items, i)):
        return Candidate(h, "caps")
    if short_title(line.text) and _body_follows(items, i):
        if after or (len(line.text) <= 0.5 * width and isinstance(nxt, Line)
                     and (nxt.text[:1].isupper() or marker(nxt.text))):  # a sentence or a list right under it
            return Candidate(h, "priority" if names_priority(line.text) else "short")
    return None


def _numbered(items: list[Item], i: int, h, nums: _Numbers, settled: bool, apart: bool,
              after: bool) -> Candidate | None:
    if not settled or not title_like(h.title):
        return None
    if h.title.endswith(".") and len(h.title.split()) > 6:
        return None  # a numbered sentence: a list entry
    parts = [int(p) for p in h.numbering.split(".")]
    if len(parts) > 1:
        if nums.top is not None and parts[0] not in (nums.top, nums.top + 1):
            return None
        if nums.top is None or parts[0] == nums.top + 1:
            nums.top = parts[0]
        return Candidate(h, "numbered")
    n = parts[0]
    if not (h.dotted or apart) or len(h.title.split()) > 10 or _in_numbered_list(items, i, n):
        return None
    restarts = apart and nums.nested is None and n == 1
    if nums.top is not None and (restarts or (after and nums.nested is not None and n == nums.nested + 1)):
        nums.nested = n  # "1." set apart inside chapter 4: the numbered parts of that chapter
        return Candidate(replace(h, depth=2), "numbered")
    if (nums.top is None and n > 20) or (nums.top is not None and not nums.top < n <= nums.top + 3):
        return None
    nums.top, nums.nested = n, None
    return Candidate(h, "numbered")


def _in_numbered_list(items: list[Item], i: int, n: int, reach: int = 3) -> bool:
    """Item n-1 or n+1 close by in the same run of lines (no blank between): a numbered list."""
    for step, want in ((-1, n - 1), (1, n + 1)):
        j = i + step
        while 0 <= j < len(items) and abs(j - i) <= reach and isinstance(items[j], Line):
            if items[max(i, j)].gap if step > 0 else items[j + 1].gap:
                break  # a blank line between: another block
            h = split_heading(items[j].text)
            if h.kind == "numbered" and h.numbering == str(want):
                return True
            j += step
    return False


def _body_follows(items: list[Item], i: int, stacked: int = 0) -> bool:
    """What follows a title is body (a table, a list, a paragraph, a numbered heading), or one more
    title with body under it (a chapter title with its first subtitle)."""
    if i + 1 >= len(items):
        return False
    nxt = items[i + 1]
    if not isinstance(nxt, Line):
        return True
    if len(nxt.text) >= 40 or ends_sentence(nxt.text) or marker(nxt.text) or nxt.rank is not None:
        return True
    if is_field(nxt.text):  # "Trekker: team OOV" under an action's title
        return True
    if split_heading(nxt.text).kind != "plain":
        return True
    return stacked < 1 and short_title(nxt.text) and _body_follows(items, i + 1, stacked + 1)


def _drop_stacks(found: list[tuple[int, Candidate]]) -> list[tuple[int, Candidate]]:
    """Short titles stacked more than three high with nothing between them are list entries."""
    out: list[tuple[int, Candidate]] = []
    k = 0
    while k < len(found):
        end = k
        while (end + 1 < len(found) and found[end + 1][0] == found[end][0] + 1
               and found[end + 1][1].dress == "short" and found[k][1].dress == "short"):
            end += 1
        if not (found[k][1].dress == "short" and end - k + 1 > _MAX_STACKED):
            out.extend(found[k:end + 1])
        k = end + 1
    return out


# --- blocks -----------------------------------------------------------------------------------

class _Open:
    """The block being built: a paragraph's lines, or a list's items with the indents of its levels."""

    def __init__(self) -> None:
        self.para: list[str] = []
        self.items: list[ListItem] = []
        self.indents: list[int] = []
        self.page: int | None = None

    def flush(self) -> list[Paragraph | ListBlock]:
        out: list[Paragraph | ListBlock] = []
        if self.para:
            out.append(Paragraph(join_wrapped(self.para), self.page))
        if self.items:
            out.append(ListBlock(self.items, self.page))
        self.__init__()
        return out

    def add_item(self, mark: str, text: str, line: Line) -> None:
        while self.indents and self.indents[-1] > line.indent + 1:
            self.indents.pop()
        if not self.indents or line.indent > self.indents[-1] + 1:
            self.indents.append(line.indent)
        self.page = self.page if self.items else line.page
        self.items.append(ListItem(text, len(self.indents), mark))

    def continues_item(self, line: Line) -> bool:
        last = self.items[-1].text
        runs_on = line.text[:1].islower() and not ends_sentence(last)
        if line.gap:
            return runs_on
        return runs_on or line.indent > self.indents[-1] + 1 or not ends_sentence(last)


def _blocks(items: list[Item], heads: dict[int, HeadingMark]):
    cur = _Open()
    for i, it in enumerate(items):
        if isinstance(it, Table) or i in heads:
            yield from cur.flush()
            yield it if isinstance(it, Table) else heads[i]
            continue
        mk = marker(it.text)
        if mk:
            if cur.para:
                yield from cur.flush()
            cur.add_item(mk[0], mk[1], it)
        elif cur.items and cur.continues_item(it):
            cur.items[-1].text = join_wrapped([cur.items[-1].text, it.text])
        elif cur.para and (not it.gap or (it.text[:1].islower() and not ends_sentence(cur.para[-1]))):
            cur.para.append(it.text)
        else:
            yield from cur.flush()
            cur.para, cur.page = [it.text], it.page
    yield from cur.flush()
