"""The one heading detector: what a heading looks like in words, and how deep it sits.

Plain text and PDF lines carry no markup, so a heading is recognised by its dress: a numbering
("2", "2.3.1", "Hoofdstuk 3", "Bijlage 2"), capitals, a larger or bold font (PDF), or a short
title line set apart from the text. Markdown, DOCX and HTML mark headings themselves and only
ask this module for the numbering of a title, or about a line that lacks structure (a bold-only
paragraph). Whether the neighbours allow a heading is the caller's question (see `lines.py`);
this module answers what a title is and resolves levels over the whole document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ontology.normalize import tokenize

from ..cuewords import column_labels_regex, extract_cues, phrase_starting, starts_with

_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})(\.?)\s+(\S.*)$")
_KEYWORD = re.compile(
    r"^(hoofdstuk|bijlage|deel|paragraaf|annex|appendix|chapter|part)\s+(\d{1,2}|[ivxlc]{1,5}|[a-z])\b\.?"
    r"\s*[:.\-–—]?\s*(.*)$",
    re.I,
)
_SUBLEVEL_KEYWORDS = {"paragraaf"}
_NUMERIC = re.compile(r"^[€$]?\d[\d.,:/%-]*$")
_RUNS_ON = re.compile(r"[.!?]\s+[a-zà-ÿ]|\b[a-zà-ÿ]{2,}[.!?]\s+[A-ZÀ-Þ]")  # a sentence runs on, or a new one starts
# Function words a title does not end on: a line ending on one runs on to the next line.
_OPEN_END = frozenset({
    "de", "het", "een", "van", "en", "of", "in", "op", "te", "met", "voor", "door", "aan", "bij", "naar", "om",
    "tot", "uit", "over", "als", "dat", "die", "dan", "is", "zijn", "wordt", "worden", "the", "and", "to",
    "for", "with", "a", "an",
})


@dataclass
class HeadingText:
    """A heading line split into its numbering and its title."""

    text: str  # as written
    title: str
    numbering: str | None = None
    kind: str = "plain"  # "numbered" | "keyword" | "plain"
    depth: int | None = None  # depth the numbering implies ("2.3" -> 2)
    dotted: bool = False  # single number followed by a dot ("3. Titel")


def split_heading(text: str) -> HeadingText:
    """'3.2 Prioriteit 1: Jeugd' -> numbering '3.2', title 'Prioriteit 1: Jeugd', depth 2."""
    text = " ".join(text.split())
    m = _KEYWORD.match(text)
    if m and (not m.group(3) or m.group(3)[:1].isupper() or m.group(3)[:1].isdigit()):
        numbering = f"{m.group(1)} {m.group(2)}"
        depth = 2 if m.group(1).lower() in _SUBLEVEL_KEYWORDS else 1
        return HeadingText(text, m.group(3).strip() or numbering, numbering, "keyword", depth)
    m = _NUMBERED.match(text)
    if m and all(int(p) <= 50 for p in m.group(1).split(".")):
        parts = m.group(1).split(".")
        return HeadingText(text, m.group(3).strip(), m.group(1), "numbered", len(parts), bool(m.group(2)))
    return HeadingText(text, text)


@lru_cache(maxsize=1)
def _field() -> re.Pattern[str]:
    """ "Trekker: team OOV", "Planning: Q1 2026", "Status: afgerond": a labelled field of an action card, with
    the words an action table has for those columns (ontology/cues.toml [action_columns])."""
    return re.compile(rf"^(?:{column_labels_regex(('owner', 'timeline', 'status'))})\s*:\s*\S", re.I)


def is_field(text: str) -> bool:
    return _field().match(text.strip()) is not None


_CUE_NUMBER = re.compile(r"\s*(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4})(?![\w.]\d?\w)")


def names_priority(text: str) -> bool:
    """A title that opens with a priority word and its number ("Doelstelling 3.1: Minder overlast", "Speerpunt 2
    – Jeugd"): in plain text it heads the short titles under it ("Wat wilden we bereiken?"), which would
    otherwise sit beside it."""
    tokens = tokenize(text)
    cue = phrase_starting(tokens, extract_cues().priority_heads)
    if cue is None or len(tokens) <= len(cue.split()):
        return False
    return _CUE_NUMBER.match(text, tokens[len(cue.split()) - 1].end) is not None


def run_in_head(lead: str) -> str | None:
    """A paragraph's bold lead as a heading's title when it names a priority ("**Prioriteit 1 – Woonoverlast.**
    Bewoners melden ..."): the priority's text follows it in the same paragraph. Other bold leads ("Let op:")
    stay text."""
    title = " ".join(lead.split()).rstrip(" .:;–—-")
    return title if title and names_priority(title) and short_title(title) else None


def lead_in(text: str) -> str | None:
    """A label ending in a colon that opens with an action-region or goal cue (ontology/cues.toml [extract]), as
    the title it gives the list under it; a sentence that leads into a list is no such label (tests/test_layout.py
    has examples of both)."""
    words = " ".join(text.split())
    if not words.endswith(":"):
        return None
    title = words[:-1].rstrip()
    cues = extract_cues()
    return title if short_title(title) and starts_with(title, cues.action_regions + cues.goal) else None


def title_like(title: str, max_words: int = 14, max_chars: int = 120) -> bool:
    """Reads as a title, not a sentence, a list entry, a row of figures or a labelled field."""
    title = title.strip().lstrip("‘'\"“(")
    words = title.split()
    if not words or len(words) > max_words or len(title) > max_chars or is_field(title):
        return False
    if not (title[:1].isupper() or title[:1].isdigit()):
        return False
    if title.endswith((",", ";", ":", "-")) or _RUNS_ON.search(title) or words[-1].casefold() in _OPEN_END:
        return False
    numeric = sum(1 for w in words if _NUMERIC.match(w))
    return numeric / len(words) < 0.4 and any(sum(c.isalpha() for c in w) >= 2 for w in words)


def short_title(text: str) -> bool:
    """A title line short enough to stand on its own without numbering ('Speerpunten', 'Wat doen we?')."""
    text = text.strip()
    return title_like(text, max_words=10, max_chars=80) and not text.endswith(".") and not text[:1].isdigit()


def is_caps(text: str) -> bool:
    """An ALL-CAPS title: every letter upper case, at least one word of three letters."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters) and short_title(text)


@dataclass
class Candidate:
    """A line the caller accepted as a heading, with the dress that decides its level."""

    heading: HeadingText
    dress: str  # "numbered" | "keyword" | "styled" | "caps" | "priority" | "short" | "lead"
    rank: int | None = None  # PDF: 1 for the largest heading font, 2 for the next, ...


def resolve_levels(cands: list[Candidate]) -> list[int]:
    """A level per heading. Numbering decides where present; a font rank next; capitals are the top
    level unless numbered chapters are; a short title that names a priority sits one below the last heading
    of a stronger dress, and other short titles one below the heading they follow; a lead-in label (`lead_in`)
    one below the last heading that is not one, as the list it heads is part of that section."""
    numbered_top = any(c.heading.depth == 1 for c in cands if c.heading.numbering)
    chapters = _Chapters()
    numbered = [chapters.level(c.heading) if c.heading.depth is not None else None for c in cands]
    rank_level = _rank_levels(cands, numbered)
    levels: list[int] = []
    base_level = 0  # level of the last heading that is neither a short title nor a priority's
    open_level = 0  # level of the last heading that is not a short title
    section_level = 0  # level of the last heading that is not a lead-in label
    for k, (c, by_number) in enumerate(zip(cands, numbered)):
        if k and cands[k - 1].dress != "lead":
            section_level = levels[-1]
        if c.dress == "lead":
            levels.append(section_level + 1)
            continue
        if by_number is not None:
            level = by_number
        elif c.dress == "styled" and c.rank is not None:
            level = rank_level[c.rank]
        elif c.dress == "caps" and not numbered_top:
            level = 1
        elif c.dress == "priority":
            open_level = base_level + 1
            levels.append(open_level)
            continue
        else:
            levels.append(open_level + 1)
            continue
        base_level = open_level = level
        levels.append(level)
    return levels


@dataclass
class _Chapters:
    """Numbered chapters as read so far. "1." after "4." opens a run nested in chapter 4 (the priorities of
    "4. Ambities en prioriteiten"), not a new chapter; the run goes on while its numbers do, and a chapter
    number that follows the last one, a keyword heading ("Bijlage 1") or a deeper number of another
    chapter closes it. The plain-text reader (ingest/structure.py) reads numbers the same way."""

    last: int | None = None  # the last chapter's number
    nested: list[int] | None = None  # [last number of the nested run, its level]

    def level(self, h: HeadingText) -> int:
        depth = h.depth or 1
        if h.kind != "numbered":
            self.nested = None
            return depth
        parts = [int(p) for p in (h.numbering or "").split(".")]
        if len(parts) > 1:
            if self.nested is not None and parts[0] == self.nested[0]:
                return self.nested[1] + len(parts) - 1  # "1.1" inside nested "1."
            self.nested = None
            return depth
        n = parts[0]
        if self.nested is not None and n == self.nested[0] + 1:
            self.nested[0] = n
            return self.nested[1]
        if self.last is None or self.last < n <= self.last + 2:
            self.last, self.nested = n, None
            return 1
        if n == 1:
            self.nested = [1, 2]
            return 2
        return depth


def _rank_levels(cands: list[Candidate], numbered: list[int | None]) -> dict[int, int]:
    """Font rank -> level: a rank shared with numbered headings takes their level (`numbered`: nested runs
    included), others follow in order."""
    by_rank: dict[int, list[int]] = {}
    for c, level in zip(cands, numbered):
        if c.rank is not None:
            by_rank.setdefault(c.rank, [])
            if level is not None:
                by_rank[c.rank].append(level)
    out: dict[int, int] = {}
    level = 0
    for rank in sorted(by_rank):
        depths = by_rank[rank]
        level = min(depths) if depths else level + 1
        out[rank] = level
    return out
