"""Priorities from headings that name them: "Prioriteit 1: ...", "Speerpunt 2 – ...", "Thema veilige wijken".

Nested cue headings ("Doelstelling 1" inside "Prioriteit 1") are parts of a priority, not priorities,
so only the outermost count; when two cue words head sibling runs, the run that starts first is the
plan's list and the other is noted. A cue heading without a number counts only where a sibling shares
its cue. Numbers are the plan's own where it gives them, else the order of the headings. A head with a
dotted number ("Doelstelling 2.1") is a part where plainly numbered heads of its cue stand too.
"""
from __future__ import annotations

from collections import Counter

from ..layout import Paragraph, Section
from .describe import priority_of
from .heads import Head, parse_head
from .model import Found
from .scope import where

_LABEL_WORDS = 12  # a bare "Ambitie 1" takes its label from a first sentence this short


def _outermost(heads: list[tuple[Section, Head]]) -> list[tuple[Section, Head]]:
    paths = [s.path for s, _ in heads]
    return [(s, h) for s, h in heads if not any(p != s.path and s.path[:len(p)] == p for p in paths)]


def _with_siblings(heads: list[tuple[Section, Head]]) -> list[tuple[Section, Head]]:
    """Number-less cue headings only where a sibling (same parent, same cue) is one too."""
    shared = Counter((s.path[:-1], h.cue) for s, h in heads if h.number is None)
    return [(s, h) for s, h in heads if h.number is not None or shared[(s.path[:-1], h.cue)] >= 2]


def _label(section: Section, head: Head) -> str:
    if head.label:
        return head.label
    first = next((b.text for b in section.iter_blocks() if isinstance(b, Paragraph)), "")
    sentence = first.split(". ")[0].rstrip(".")
    return sentence if sentence and len(sentence.split()) <= _LABEL_WORDS else section.title


def from_headings(sections: list[Section]) -> Found:
    heads = _outermost(_with_siblings([(s, h) for s in sections if (h := parse_head(s.title))]))
    if not heads:
        return Found()
    cue = heads[0][1].cue
    notes = [f"headings with {c!r} ({n}) beside the {cue!r} headings are not read as priorities"
             for c, n in Counter(h.cue for _, h in heads if h.cue != cue).items()]
    run = [(s, h) for s, h in heads if h.cue == cue]
    if any(h.number is not None for _, h in run):
        parts = [s for s, h in run if h.sub]
        if parts:
            notes.append(f"{len(parts)} {cue} heading(s) numbered within a chapter ({where(parts[0].path)}) beside "
                         "plainly numbered ones are read as their parts, not as priorities")
        run = [(s, h) for s, h in run if not h.sub]
    numbered = all(h.number is not None for _, h in run)
    out, seen = [], set()
    for k, (section, head) in enumerate(run, 1):
        number = head.number if numbered else k
        if number in seen:
            notes.append(f"a second heading for {cue} {number} at {where(section.path)} is read as the same priority")
            continue
        seen.add(number)
        out.append(priority_of(section, number, _label(section, head)))
    return Found(out, notes)
