"""Sections and blocks: which lines are headings, and what lies under each.

Headings come in several dresses: Markdown `#` lines; numbered lines ("3.2 Prioriteit 1: ...");
"Bijlage N"; "Ambitie N:" / "Prioriteit N:"; short title lines set on their own ("Opgave",
"Wat doen we dit jaar?"); bold-only Markdown lines. Numbered list items look like
numbered headings, so a numbered line must also be short, start upper case, not continue a
sentence, and fit the numbering so far: "1." after "4." opens a nested run (the priorities
inside "4. Ambities en prioriteiten"), not a new chapter.

Input: cleaned lines, where an empty-text line is a paragraph break.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .layout.toc import find_toc
from .model import Line, Section

_MD = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_ONLY = re.compile(r"^(?:\*\*|__)([^*_].*?)(?:\*\*|__)\s*$")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})(\.?)\s+(\S.*)$")
_NUMBER_PREFIX = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?(?:\s|$)")
_ANNEX = re.compile(r"^(?:Bijlage|Annex|Appendix)\s+(\d{1,2}|[IVX]{1,4})\b\s*(?:[.:]\s*)?(.*)$", re.I)
_KEYWORD = re.compile(r"^(?:Ambitie|Prioriteit|Thema|Speerpunt|Doelstelling)\s+\d{1,2}\s*[:.]\s*\S", re.I)
_LIST_ITEM = re.compile(r"^(?:- |\d{1,2}[.)](?:\s|$)|[a-z][.)]\s)")
_NUMERIC = re.compile(r"^[€$]?[\d][\d.,:/-]*[%*]?$|^[€$%*-]$")
_SENTENCE_END = re.compile(r"[.!?:;]['’”\")]?$")
_OPEN_END = re.compile(r"(?:,|-|\b(?:de|het|een|van|en|of|in|op|te|met|voor|door|aan|bij|naar|om|tot|uit|over|als|dat|die))$")

_DATE = re.compile(r"\b\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
                   r"november|december|january|february|march|may|june|july|august|october)\s+\d{4}\b", re.I)

_STRUCTURAL = ("md", "num", "annex")


@dataclass
class Block:
    """A run of lines of one kind under one section: what chunking packs into passages."""

    text: str
    page: int | None
    section_path: tuple[str, ...]
    kind: str  # "heading" | "paragraph" | "list" | "table"
    items: list[str] = field(default_factory=list)  # list items, table rows, or the one paragraph


def strip_markup(text: str) -> str:
    """Markdown emphasis off: '**Maatregelen**' -> 'Maatregelen'."""
    return re.sub(r"(\*\*|__)(.+?)\1", r"\2", text).replace("**", "").strip()


def heading_title(text: str) -> str:
    """The title as a reader sees it: no '#', no bold markers."""
    m = _MD.match(text.strip())
    if m:
        text = m.group(2)
    m = _BOLD_ONLY.match(text.strip())
    if m:
        text = m.group(1)
    return " ".join(strip_markup(text).split())


@dataclass
class _State:
    stack: list[tuple[int, str, str]] = field(default_factory=list)  # (level, title, kind)
    top_last: int | None = None  # last chapter number ("4." -> 4)
    chapter: int | None = None  # number of the current chapter or annex
    chapter_level: int = 1
    nested: list[int] | None = None  # [last number, level] of a numbered run inside a chapter
    minor_child: bool = False  # short headings in this section sit one level deeper
    listed: frozenset[str] = frozenset()  # titles the table of contents lists (folded)
    parents: frozenset[int] = frozenset()  # chapter numbers N that have an "N.1 Title" line


def detect_sections(lines: list[Line]) -> list[tuple[int, Section]]:
    """Index of each heading line and its Section (title, level, path from the top, page). The entries of a
    table of contents are no headings: they stay text under its title ("Inhoudsopgave"), and their numbers
    do not set the numbering the body's headings are read against."""
    toc = find_toc([line.text for line in lines])
    contents = set(range(toc.start + (1 if toc.title else 0), toc.end)) if toc else set()
    content = [i for i, line in enumerate(lines) if line.text.strip() and i not in contents]
    texts = {i: lines[i].text.strip() for i in content}
    markdown = sum(1 for i in content if _MD.match(texts[i])) >= 3
    breaks = _break_before(lines, content)
    minor = {} if markdown else _minor_headings(content, texts, breaks)

    st = _State(listed=frozenset(_folded(e.title) for e in toc.entries) if toc else frozenset(),
                parents=_parents(texts[i] for i in content))
    out: list[tuple[int, Section]] = []
    rejected: dict[int, tuple[int, ...]] = {}  # content position -> number of a numbered non-heading line
    for pos, i in enumerate(content):
        text = texts[i]
        found = _classify(pos, content, texts, breaks, minor, markdown, st, rejected)
        if found is None:
            continue
        level, kind = found
        title = heading_title(text)
        if not title:
            continue
        while st.stack and st.stack[-1][0] >= level:
            st.stack.pop()
        st.stack.append((level, title, kind))
        if kind != "minor":
            st.minor_child = False
        path = tuple(t for _, t, _ in st.stack)
        out.append((i, Section(title, level, path, lines[i].page)))
    return out


def _break_before(lines: list[Line], content: list[int]) -> dict[int, bool]:
    """For each content line: is it the first of a paragraph (a break or the start before it)?"""
    out: dict[int, bool] = {}
    prev = -1
    for i in content:
        out[i] = prev < 0 or any(not lines[j].text.strip() for j in range(prev + 1, i))
        prev = i
    return out


def _classify(pos, content, texts, breaks, minor, markdown, st: _State, rejected) -> tuple[int, str] | None:
    i = content[pos]
    text = texts[i]
    m = _MD.match(text)
    if m:
        level = len(m.group(1))
        _note_chapter(st, heading_title(m.group(2)), level)
        return level, "md"
    if markdown:
        m = _BOLD_ONLY.match(text)
        if m and _short_title(m.group(1)):
            return _base_level(st, ("md",)) + 1, "minor"
        return None
    m = _ANNEX.match(text)
    if m and _annex_ok(m):
        st.chapter = _roman_or_int(m.group(1))
        st.chapter_level, st.nested = 1, None
        return 1, "annex"
    m = _NUMBERED.match(text)
    if m:
        numbered = _numbered_level(pos, content, texts, st, rejected, m)
        if numbered is not None:
            return numbered, "num"
        num = _NUMBER_PREFIX.match(text)
        if num:
            rejected[pos] = tuple(int(x) for x in num.group(1).split("."))
        return None
    num = _NUMBER_PREFIX.match(text)
    if num:  # a bare "2" or "3." left over from a list
        rejected[pos] = tuple(int(x) for x in num.group(1).split("."))
    if _KEYWORD.match(text) and len(text.split()) <= 14:
        return _base_level(st, _STRUCTURAL) + 1, "keyword"
    m = _BOLD_ONLY.match(text)
    if m and _short_title(m.group(1)):
        return _base_level(st, _STRUCTURAL + ("keyword",)) + 1, "minor"
    if i in minor:
        parent = minor[i]
        base = _base_level(st, _STRUCTURAL + ("keyword",)) + 1
        if parent:
            st.minor_child = True
            return base, "minor"
        return base + (1 if st.minor_child else 0), "minor"
    return None


def _note_chapter(st: _State, title: str, level: int) -> None:
    m = _ANNEX.match(title) or _NUMBER_PREFIX.match(title)
    if level == 1 and m:
        try:
            st.chapter = _roman_or_int(m.group(1).split(".")[0])
        except ValueError:
            pass


def _roman_or_int(s: str) -> int:
    if s.isdigit():
        return int(s)
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for a, b in zip(s.upper(), s.upper()[1:] + " "):
        v = values[a]
        total += -v if b in values and values[b] > v else v
    return total


def _annex_ok(m: re.Match) -> bool:
    rest = m.group(2).strip()
    if not rest:
        return True
    return rest[:1].isupper() and len(rest.split()) <= 12 and not rest.endswith((",", ";"))


def _base_level(st: _State, kinds: tuple[str, ...]) -> int:
    for level, _, kind in reversed(st.stack):
        if kind in kinds:
            return level
    return 0


def _numbered_level(pos, content, texts, st: _State, rejected, m: re.Match) -> int | None:
    """The level of a numbered heading, or None when the line is a numbered list item."""
    parts = [int(x) for x in m.group(1).split(".")]
    title = m.group(3).strip()
    if len(parts) == 1 and not m.group(2) and not _undotted_chapter(parts[0], title, st):
        return None  # "1 Inleiding" without a dot: too often a footnote or a table row
    if not _numbered_title_ok(title):
        return None
    prev = texts[content[pos - 1]] if pos > 0 else ""
    nxt = texts[content[pos + 1]] if pos + 1 < len(content) else ""
    if nxt[:1].islower():
        return None  # the item's sentence runs on
    nxt_num = _NUMBER_PREFIX.match(nxt)
    next_is_sibling = bool(nxt_num) and _successor(parts, [int(x) for x in nxt_num.group(1).split(".")])
    if prev.endswith(":") and (title.endswith((".", ";")) or len(title.split()) > 8 or next_is_sibling):
        return None  # the list a sentence announced
    for back in range(pos - 1, max(-1, pos - 4), -1):
        if back in rejected:
            if _successor(list(rejected[back]), parts):
                return None  # the next item of a numbered list
            break
    if len(parts) == 1:
        n = parts[0]
        if st.nested is not None and n == st.nested[0] + 1:
            st.nested[0] = n
            return st.nested[1]
        if st.top_last is None or st.top_last < n <= st.top_last + 2:
            st.top_last, st.chapter, st.chapter_level, st.nested = n, n, 1, None
            return 1
        if n == 1:
            st.nested = [1, st.chapter_level + 1]
            return st.nested[1]
        return None
    if st.chapter is not None and parts[0] != st.chapter:
        return None
    return st.chapter_level + len(parts) - 1 if st.chapter is not None else len(parts)


def _undotted_chapter(n: int, title: str, st: _State) -> bool:
    """Is "N Title" (no dot) a chapter? Yes where the contents list its title, where its first section
    follows ("1.1 Aanleiding": Word numbers chapters so), or where it is the next chapter of a text numbered
    that way."""
    if _folded(title) in st.listed or n in st.parents:
        return True
    return bool(st.parents) and st.top_last is not None and n == st.top_last + 1


def _parents(texts) -> frozenset[int]:
    """Chapter numbers N with a first section "N.1 Title" somewhere in the text."""
    out = set()
    for text in texts:
        m = _NUMBERED.match(text)
        if m and re.fullmatch(r"\d{1,2}\.1", m.group(1)) and _numbered_title_ok(m.group(3).strip()):
            out.add(int(m.group(1).split(".")[0]))
    return frozenset(out)


def _folded(title: str) -> str:
    return " ".join(title.casefold().split())


def _successor(prev: list[int], cur: list[int]) -> bool:
    return len(prev) == len(cur) and prev[:-1] == cur[:-1] and cur[-1] == prev[-1] + 1


def _numbered_title_ok(title: str) -> bool:
    title = title.lstrip("‘'\"“(")
    if not title[:1].isupper():
        return False
    words = title.split()
    if len(words) > 14 or title.endswith((",", ";", ":")):
        return False
    if re.search(r"[.!?]\s+[a-z]", title):
        return False  # a sentence runs on after a full stop
    return not _is_table_row(title)


def _short_title(text: str) -> bool:
    text = strip_markup(text)
    words = text.split()
    return 1 <= len(words) <= 10 and len(text) <= 80 and text[:1].isupper() and not text.endswith((".", ",", ";"))


def _minor_candidate(text: str) -> bool:
    """A line that could be a short heading on its own ("Opgave", "Organisatie en samenwerking")."""
    text = strip_markup(text)
    if not text or text.startswith("- ") or _NUMBERED.match(text) or _NUMBER_PREFIX.match(text):
        return False
    if _MD.match(text) or _ANNEX.match(text) or _KEYWORD.match(text) or line_kind(text) == "table":
        return False
    words = text.split()
    if not (1 <= len(words) <= 10) or len(text) > 80:
        return False
    if not text[:1].isupper() or text.endswith((".", ",", ";", ":")) or ":" in text:
        return False
    if re.search(r"[.!?]\s", text) or _OPEN_END.search(text):
        return False  # a sentence inside, or a line that runs on
    if len(words) == 1 and any(c.isdigit() for c in text):
        return False
    if _DATE.search(text):
        return False  # "Vastgesteld door de raad op 12 maart 2026": a title page's dateline, not a title
    letters = [c for c in text if c.isalpha()]
    if len(words) > 1 and letters and all(c.isupper() for c in letters):
        return False  # a table's row label in capitals
    numeric = sum(1 for w in words if _NUMERIC.match(w))
    return numeric / len(words) < 0.3


def _minor_headings(content: list[int], texts: dict[int, str], breaks: dict[int, bool]) -> dict[int, bool]:
    """Short title lines followed by a paragraph; value True for one with another right under it.

    A title must follow a finished paragraph (a break, a sentence end, or another title), not a
    line ending in ':' directly above it (that announces a list), and be followed by a line that starts a
    paragraph. The first of stacked titles is the parent of the others; four or more stacked titles with nothing between them are a list of items.
    """
    n = len(content)
    cand = [_minor_candidate(texts[i]) for i in content]
    widths = _local_widths([texts[i] for i in content])
    heads: set[int] = set()
    for pos in range(n):
        if not cand[pos] or pos + 1 >= n:
            continue
        nxt = texts[content[pos + 1]]
        if not breaks[content[pos + 1]] and len(texts[content[pos]]) > 0.7 * widths[pos]:
            continue  # nearly a full line with text right under it: a wrapped line, not a title
        if not (nxt[:1].isupper() or nxt[:1].isdigit() or nxt.startswith(("- ", "‘", "“", '"'))):
            continue
        prev = texts[content[pos - 1]] if pos > 0 else ""
        if prev.endswith(":") and not breaks[content[pos]]:
            continue  # the first line of what the sentence announced
        if prev.startswith("- ") and not _SENTENCE_END.search(prev) and nxt.startswith("- "):
            continue  # the tail of a list item, inside the list
        prev_done = (
            pos == 0 or breaks[content[pos]] or pos - 1 in heads or prev.startswith("- ")
            or bool(_SENTENCE_END.search(prev)) or prev.endswith((")", "?")) or bool(_MD.match(prev))
        )
        if prev_done:
            heads.add(pos)
    out: dict[int, bool] = {}
    pos = 0
    while pos < n:
        if pos not in heads:
            pos += 1
            continue
        end = pos
        while end + 1 in heads:
            end += 1
        if end - pos + 1 <= 3:
            for p in range(pos, end + 1):
                out[content[p]] = p == pos and end > pos
        pos = end + 1
    return out


def _local_widths(texts: list[str], radius: int = 15) -> list[int]:
    """The length of a full line around each line (lines of running text fill the column)."""
    lengths = [len(t) if len(t.split()) >= 4 else 0 for t in texts]
    out: list[int] = []
    for i in range(len(texts)):
        near = sorted(n for n in lengths[max(0, i - radius): i + radius + 1] if n)
        out.append(max(30, near[int(len(near) * 0.8)]) if near else 80)
    return out


def _is_table_row(text: str) -> bool:
    """A row of figures: 'BERG EN DAL 4 2 5', 'Totaal 40 20 24', '2020 2021 2022'."""
    words = text.split()
    if len(words) < 2:
        return False
    numeric = sum(1 for w in words if _NUMERIC.match(w))
    return numeric >= 2 and numeric / len(words) >= 0.4 and bool(_NUMERIC.match(words[-1]))


def line_kind(text: str) -> str:
    """'list' for an item, 'table' for a row (figures, or cells joined by ' | '), else 'paragraph'."""
    if _LIST_ITEM.match(text):
        return "list"
    if _is_table_row(text) or text.count(" | ") >= 1 or text.startswith("|"):
        return "table"
    return "paragraph"


def iter_blocks(lines: list[Line]) -> Iterator[Block]:
    """Headings, paragraphs (wrapped lines joined), lists (one item per entry) and tables, in order."""
    headings = dict(detect_sections(lines))
    path: tuple[str, ...] = ()
    cur: _Open | None = None
    broke = False
    for i, line in enumerate(lines):
        text = line.text.strip()
        if i in headings:
            if cur:
                yield cur.block(path)
                cur = None
            sec = headings[i]
            path = sec.path
            yield Block(sec.title, line.page, path, "heading", [sec.title])
            broke = True
            continue
        if not text:
            broke = True
            continue
        kind = line_kind(text)
        if cur is not None and cur.accepts(text, kind, broke):
            cur.add(text, kind)
        else:
            if cur:
                yield cur.block(path)
            cur = _Open(kind, line.page)
            cur.add(text, kind)
        broke = False
    if cur:
        yield cur.block(path)


class _Open:
    """The block being built."""

    def __init__(self, kind: str, page: int | None):
        self.kind = kind
        self.page = page
        self.items: list[list[str]] = []

    def accepts(self, text: str, kind: str, broke: bool) -> bool:
        last = self.items[-1][-1] if self.items else ""
        if self.kind == "list":
            if kind == "list":
                return True  # the next item, even across a blank line
            if broke:
                return False
            return text[:1].islower() or bool(_OPEN_END.search(last)) or not _SENTENCE_END.search(last) and kind == "paragraph" and text[:1] in "(‘“\""
        if self.kind == "table":
            return kind == "table"
        return not broke and kind == "paragraph"

    def add(self, text: str, kind: str) -> None:
        if self.kind == "paragraph":
            if not self.items:
                self.items.append([])
            self.items[0].append(text)
        elif kind == self.kind or not self.items:
            self.items.append([text])
        else:
            self.items[-1].append(text)  # a wrapped list item

    def block(self, path: tuple[str, ...]) -> Block:
        items = [strip_markup(" ".join(" ".join(parts).split())) for parts in self.items]
        items = [t for t in items if t]
        sep = " " if self.kind == "paragraph" else "\n"
        return Block(sep.join(items), self.page, path, self.kind, items)
