"""Passages: structure-aware chunks that search can retrieve and cite.

A passage never crosses a section boundary (its section path must describe all of it), keeps
a list with the sentence that announces it and a table with its caption, and is cut only
between sentences, list items or table rows: evaluation snippets are whole sentences or
fragments of 5-20 words, and a cut inside one loses the hit. The first passage of a section
starts with the heading line; the others start with their own text, the headings travel in
`section_path`. Ids are `doc:NNNN:hash`, the hash over the normalised text, so an unchanged
passage keeps the hash part of its id across re-ingests.
"""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field

from .model import Line, Passage
from .structure import Block, iter_blocks

_WS = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?:;]['’”\")]?$")
_BOUNDARY = re.compile(r"([.!?]['’”\")]?)\s+(?=['‘“\"(]?[A-Z0-9À-Ý])")
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "bijv.", "evt.", "nr.", "art.", "ca.", "incl.", "excl.", "min.", "max.", "mr.", "dhr.", "mevr.", "jl.",
    "resp.", "etc.", "vs.", "blz.", "p.", "pag.", "zgn.", "enz.", "e.g.", "i.e.", "dr.", "prof.", "ir.", "ing.",
}


@dataclass
class _Unit:
    """Text that must stay together (a paragraph, a list with its lead-in, a table with its caption)."""

    segments: list[tuple[str, str]]  # (separator before, text): sentences, items or rows
    page: int | None
    kinds: set[str] = field(default_factory=set)
    list_words: int = 0

    @property
    def words(self) -> int:
        return sum(len(t.split()) for _, t in self.segments)

    @property
    def text(self) -> str:
        return "".join((sep if k else "") + t for k, (sep, t) in enumerate(self.segments))


def make_passages(doc_id: str, lines: list[Line], target_words: int = 60, max_words: int = 120) -> list[Passage]:
    """Passages of one document, in order, from its cleaned lines."""
    passages: list[Passage] = []
    for heading, path, blocks in _sections(iter_blocks(lines)):
        units = _units(blocks)
        if not units:
            if heading is not None:  # headings with nothing under them still reach the index
                passages.append(Passage("", doc_id, heading.text, path, heading.page, "heading"))
            continue
        pieces: list[_Unit] = []
        for unit in units:
            pieces.extend(_split(unit, target_words, max_words))
        packed = _pack(pieces, target_words, max_words)
        for k, unit in enumerate(packed):
            text = unit.text
            page = unit.page
            if k == 0 and heading is not None:
                text = heading.text + "\n" + text
                page = heading.page if heading.page is not None else page
            kind = "list" if unit.list_words * 2 >= unit.words else "paragraph"
            passages.append(Passage("", doc_id, text, path, page, kind))
    for n, p in enumerate(passages, 1):
        p.id, p.ordinal = passage_id(doc_id, n, p.text), n
    return passages


def passage_id(doc_id: str, n: int, text: str) -> str:
    """`doc:NNNN:hash`: the order, and the first 8 hex of sha1 over the whitespace-normalised text."""
    digest = hashlib.sha1(_WS.sub(" ", text).strip().lower().encode()).hexdigest()[:8]
    return f"{doc_id}:{n:04d}:{digest}"


def _sections(blocks):
    """(heading block or None, section path, content blocks) per section, in order. A heading with nothing
    under it is yielded on its own (empty content) unless the next heading's path carries it anyway: a
    title page or a list of headed items must still reach some passage."""
    heading: Block | None = None
    path: tuple[str, ...] = ()
    content: list[Block] = []
    for b in blocks:
        if b.kind == "heading":
            if content or (heading is not None and heading.text not in b.section_path):
                yield heading, path, content
            heading, path, content = b, b.section_path, []
        else:
            content.append(b)
    if content or heading is not None:
        yield heading, path, content


def _units(blocks: list[Block]) -> list[_Unit]:
    """Blocks to units: lead-in sentences glued to their lists, captions to their tables,
    and a paragraph that stops mid-sentence glued to its continuation."""
    units: list[_Unit] = []
    for b in blocks:
        unit = _to_unit(b)
        prev = units[-1] if units else None
        if prev is not None and _glue(prev, b):
            prev.segments.append(("\n", unit.segments[0][1]))
            prev.segments.extend(unit.segments[1:])
            prev.kinds |= unit.kinds
            prev.list_words += unit.list_words
        else:
            units.append(unit)
    return units


def _to_unit(b: Block) -> _Unit:
    if b.kind == "paragraph":
        segments = [(" ", s) for s in sentences(b.text)]
    else:
        segments = [("\n", item) for item in b.items]
    unit = _Unit(segments or [(" ", b.text)], b.page, {b.kind})
    unit.list_words = unit.words if b.kind == "list" else 0
    return unit


def _glue(prev: _Unit, b: Block) -> bool:
    last = prev.segments[-1][1]
    if b.kind in ("list", "table") and last.endswith(":"):
        return True  # the sentence that announces a list or a table
    if b.kind == "table" and "table" not in prev.kinds and prev.words <= 15 and not last.endswith("."):
        return True  # a caption
    if b.kind == "table" and prev.kinds == {"table"}:
        return True
    if last.endswith(":") and prev.words <= 8 and len(b.text.split()) <= 15:
        return True  # a label and its value, or a caption in two lines
    # a sentence that runs on into the next block (lower case, or a name wrapped after a list item)
    return b.kind == "paragraph" and not _SENTENCE_END.search(last) and (
        b.text[:1].islower() or ("list" in prev.kinds and last.split()[-1][:1].isupper()))


def sentences(text: str) -> list[str]:
    """Split running text at sentence ends, not after abbreviations such as 'o.a.' or 'bijv.'."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        token = text[start: m.start(1) + 1].rsplit(" ", 1)[-1].lower().lstrip("(‘“'\"")
        if token in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.){2,}|[a-z]\.|[a-z]{1,3}\.[a-z]{1,3}\.?", token):
            continue
        out.append(text[start: m.end(1)].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def _split(unit: _Unit, target: int, max_words: int) -> list[_Unit]:
    """A unit longer than max_words, cut between segments into near-equal pieces."""
    total = unit.words
    if total <= max_words:
        return [unit]
    segments: list[tuple[str, str]] = []
    for sep, text in _sentence_segments(unit.segments):
        words = text.split()
        if len(words) <= max_words:
            segments.append((sep, text))
            continue
        for k in range(0, len(words), max_words):  # a single overlong sentence: no better place to cut
            segments.append((sep if k == 0 else " ", " ".join(words[k: k + max_words])))
    pieces_needed = math.ceil(total / max_words)
    limit = min(max_words, max(target, math.ceil(total / pieces_needed)))
    out: list[_Unit] = []
    cur: list[tuple[str, str]] = []
    n = 0
    for sep, text in segments:
        w = len(text.split())
        if cur and n + w > limit:
            out.append(_piece(cur, unit))
            cur, n = [], 0
        cur.append((sep, text))
        n += w
    if cur:
        out.append(_piece(cur, unit))
    return out


def _sentence_segments(segments: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Cut points at sentence ends: wrapped lines of one list item are rejoined first, so a cut never
    falls between two lines of the same sentence."""
    items: list[tuple[str, str]] = []
    for sep, text in segments:
        if items and sep == "\n" and not text.lstrip().startswith("- "):
            items[-1] = (items[-1][0], items[-1][1] + " " + text.strip())
        else:
            items.append((sep, text))
    out: list[tuple[str, str]] = []
    for sep, text in items:
        for k, sentence in enumerate(sentences(text)):
            out.append((sep if k == 0 else " ", sentence))
    return out


def _piece(segments: list[tuple[str, str]], whole: _Unit) -> _Unit:
    piece = _Unit(segments, whole.page, set(whole.kinds))
    piece.list_words = round(whole.list_words * piece.words / max(1, whole.words))
    return piece


def _pack(pieces: list[_Unit], target: int, max_words: int) -> list[_Unit]:
    """Short pieces merged, in order, until a passage reaches the target size."""
    out: list[_Unit] = []
    for piece in pieces:
        cur = out[-1] if out else None
        if cur is not None and cur.words < target and cur.words + piece.words <= max_words:
            cur.segments.append(("\n", piece.segments[0][1]))
            cur.segments.extend(piece.segments[1:])
            cur.kinds |= piece.kinds
            cur.list_words += piece.list_words
        else:
            out.append(_Unit(list(piece.segments), piece.page, set(piece.kinds), piece.list_words))
    return out
