"""Planned actions of an execution plan (uitvoeringsplan), with the "when" column split off.

In each priority section the part after an action-region heading (cue words, e.g. "Wat doen we?") is a two-column
table flattened by the PDF text layer: group subheadings ("Informatiepositie"), action text,
and a when column ("Q3 2025", "2025-2026", "Doorlopend") that is either glued to the end of
the line on which its action starts, or set on a line of its own after the action, sometimes
broken over several lines ("Doorlopend in" / "2025 en 2026"). The reader below walks the lines
once, keeping the action being built, and decides per line: skip, group heading, when piece,
new action, or continuation. A section without a when column is split by layout instead
(a new paragraph after a finished sentence, bullets under a "Ten aanzien van ...:" lead-in).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cuewords import extract_cues, heading_line_regex
from .model import Action, Line
from .plans import PrioritySection, append_line, collapse, ends_sentence, is_noise, priority_sections, sentences

# the heading over a section's actions ("Wat gaan we doen in 2025?", "Maatregelen"): cue words, ontology/cues.toml
_ACTIONS_START = heading_line_regex(extract_cues().action_regions)
_COLUMN_HEADER = re.compile(r"^(?:\S+\s*){0,2}\|?\s*Wanneer\s*$", re.I)  # "Actie  Wanneer" (OCR: "Adie  Wanneer")
_BULLET = re.compile(r"^\s*(?:[-–•▪*=]|[\uf000-\uf0ff])\s*(?=\S)")

_Q = r"Q\s?[1-4lI]"
_YEAR = r"20\d\d"
_WORDS = r"(?:Doorlopend|Periodiek|Continu|Jaarlijks|Halfjaarlijks|Structureel|Eind|Begin|Start|Medio|Najaar|Voorjaar)"
_WHEN = (
    rf"(?:{_Q}(?:\s?(?:en|-|–|—|/|t/m)\s?{_Q})*\s*[-–—]?\s*{_YEAR}"  # Q3 2025, Q12025, Q3 -2025, QlenQ2-2026
    rf"(?:\s*[-–—]\s*(?:{_Q}\s*)?{_YEAR})?\s*[-–—]?"  # Q4 2025- Q1 2026, a trailing "-" that goes on below
    rf"|{_YEAR}(?:\s*(?:-|–|—|en|t/m|/)\s*{_YEAR})?"  # 2025, 2025-2026, 2025 en 2026
    rf"(?:\s*\([^)\s]*(?:\s[^)\s]*){{0,2}}\)?)?"  # 2025 (Q3-Q4), 2025 (afhankelijk
    rf"|{_WORDS}(?:\s+in)?(?:\s+(?:{_Q}\s*)?{_YEAR}(?:\s*(?:-|–|en)\s*{_YEAR})?)?)"  # Doorlopend, Periodiek in 2025
)
_WHEN_ALONE = re.compile(rf"^{_WHEN}$")
_WHEN_GLUED = re.compile(rf"^(?P<text>.*?\S)\s*(?:\s|\|)\s*(?P<when>{_WHEN})$")


@dataclass
class _Item:
    """One non-blank line of an action list, with its when piece split off."""

    text: str
    when: str | None
    alone: bool  # the whole line is a when piece
    bullet: bool
    blank_before: bool
    page: int | None


@dataclass
class _Segment:
    """The action's own text, or one bullet sub-item of it; `paragraphs` marks lines after a blank."""

    bullet: bool
    lines: list[str] = field(default_factory=list)
    paragraphs: set[int] = field(default_factory=set)


@dataclass
class _Draft:
    group: str | None
    page: int | None
    bullet: bool  # the action is itself a bullet of a list under its group heading
    segments: list[_Segment] = field(default_factory=list)
    timeline: str | None = None
    closed: bool = False  # a when piece on its own line ended it

    def last_text(self) -> str:
        return self.segments[-1].lines[-1] if self.segments and self.segments[-1].lines else ""

    def complete(self) -> bool:
        return ends_sentence(self.last_text())

    def in_sub_bullet(self) -> bool:
        return not self.bullet and len(self.segments) > 1 and self.segments[-1].bullet

    def add(self, item: _Item, new_segment: bool = False) -> None:
        if new_segment or not self.segments:
            self.segments.append(_Segment(item.bullet))
        seg = self.segments[-1]
        if item.blank_before:
            seg.paragraphs.add(len(seg.lines))
        seg.lines.append(_BULLET.sub("", item.text) if item.bullet else item.text)


def _open(timeline: str | None) -> bool:
    """A when piece that goes on below: "Doorlopend in", "Q4 2025-", "2025 (afhankelijk"."""
    if not timeline:
        return False
    t = timeline.rstrip()
    return bool(re.search(r"(\bin|[-–—])$", t)) or t.count("(") > t.count(")")


def _starts_upper(text: str) -> bool:
    t = text.lstrip("(‘'\"“")
    return bool(t) and t[0].isupper()


def _items(lines: list[Line], when_mode: bool) -> list[_Item]:
    """The non-blank lines without page numbers and column headers, when pieces split off."""
    out: list[_Item] = []
    blank = False
    # text layers that put a blank line after every line carry no paragraph information
    nonblank = sum(1 for ln in lines if ln.text.strip())
    followed_by_blank = sum(1 for a, b in zip(lines, lines[1:]) if a.text.strip() and not b.text.strip())
    interleaved = nonblank > 4 and followed_by_blank > 0.8 * nonblank
    for ln in lines:
        t = ln.text.strip()
        if not t:
            blank = True
            continue
        if is_noise(t) or _COLUMN_HEADER.match(t):
            continue
        when, alone = None, False
        if when_mode:
            if _WHEN_ALONE.match(t):
                when, alone, t = t, True, ""
            else:
                m = _WHEN_GLUED.match(t)
                if m:
                    t, when = m.group("text").rstrip(" |"), m.group("when")
        out.append(_Item(t, when, alone, bool(_BULLET.match(t)) and not alone, blank and not interleaved, ln.page))
        blank = False
    return out


def _has_when_column(lines: list[Line]) -> bool:
    """Two or more when pieces: a year at a line end elsewhere is then not mistaken for one."""
    texts = (ln.text.strip() for ln in lines)
    return sum(1 for t in texts if t and (_WHEN_ALONE.match(t) or _WHEN_GLUED.match(t))) >= 2


def _is_heading(items: list[_Item], i: int, cur: _Draft | None, when_mode: bool) -> bool:
    """A group subheading: a short capitalised line without end punctuation, after a finished
    action and before the first line of a new one."""
    it = items[i]
    t = it.text
    if it.bullet or it.when or it.alone or not t or not t[0].isupper():
        return False
    if len(t) > 70 or len(t.split()) > 10 or t[-1] in ".,;" or re.search(r"[.!?]\s", t):
        return False
    nxt = items[i + 1] if i + 1 < len(items) else None
    if nxt is None or nxt.alone:
        return False
    if nxt.bullet and not t.endswith(":"):
        return False
    if not nxt.bullet and not _starts_upper(nxt.text):
        return False
    prev = items[i - 1] if i > 0 else None
    if prev is None or cur is None:
        return True
    if prev.alone:
        return cur.complete()
    if ends_sentence(prev.text):
        return True
    if (cur.bullet or cur.in_sub_bullet()) and not nxt.bullet:
        return True
    return when_mode and nxt.when is not None


def _split_for_when(cur: _Draft) -> _Draft | None:
    """A when piece on its own line under an action that already has one belongs to the last
    paragraph above it: that paragraph is an action of its own."""
    for k in range(len(cur.segments) - 1, -1, -1):
        seg = cur.segments[k]
        if seg.bullet:
            continue
        # a blank line marks a paragraph; without one, a line that opens a sentence will do
        starts = sorted(seg.paragraphs, reverse=True) or [
            j for j in range(len(seg.lines) - 1, 0, -1) if ends_sentence(seg.lines[j - 1])]
        for j in starts:
            if (k, j) == (0, 0):
                continue
            if _starts_upper(seg.lines[j]):
                new = _Draft(cur.group, cur.page, False)
                new.segments = [_Segment(False, seg.lines[j:], {0})] + cur.segments[k + 1:]
                seg.lines[j:] = []
                cur.segments = [s for s in cur.segments[:k + 1] if s.lines]
                return new
    return None


class _Walker:
    """One pass over an action list, holding the action being built (`cur`) and its group."""

    def __init__(self, items: list[_Item], when_mode: bool):
        self.items, self.when_mode = items, when_mode
        self.drafts: list[_Draft] = []
        self.cur: _Draft | None = None
        self.group: str | None = None
        self.pending_when: str | None = None  # a when piece seen before any action
        lengths = sorted(len(it.text) for it in items if it.text)
        self.width = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 80

    def run(self) -> list[_Draft]:
        for i, it in enumerate(self.items):
            if it.alone:
                self._when_alone(it.when or "")
            elif self._timeline_tail(it):
                continue
            elif _is_heading(self.items, i, self.cur, self.when_mode):
                self.group, self.cur = it.text, None
            elif self.cur is None:
                self._start(it)
            elif it.bullet:
                self._bullet(it)
            else:
                self._line(i, it, self.cur)
        return self.drafts

    def _start(self, it: _Item) -> None:
        d = _Draft(self.group, it.page, it.bullet)
        d.add(it)
        d.timeline, self.pending_when = it.when or self.pending_when, None
        self.drafts.append(d)
        self.cur = d

    def _when_alone(self, when: str) -> None:
        """A when piece on its own line belongs to the action above it (or goes on its when)."""
        cur = self.cur
        if cur is None:
            self.pending_when = when
        elif cur.timeline is None:
            cur.timeline, cur.closed = when, True
        elif _open(cur.timeline):
            cur.timeline = f"{cur.timeline} {when}"
        elif (split := _split_for_when(cur)) is not None:
            split.timeline, split.closed = when, True
            self.drafts.append(split)
            self.cur = split
        else:
            cur.timeline = f"{cur.timeline} {when}"

    def _timeline_tail(self, it: _Item) -> bool:
        """Pieces of an open "2025 (afhankelijk" set among the text: a short lowercase line
        ("van agenda's", then consumed) or a closing word glued to a text line ("... burgemeesters)")."""
        cur = self.cur
        if not (cur and cur.timeline and cur.timeline.count("(") > cur.timeline.count(")")):
            return False
        m = re.search(r"\s(\S+\))$", it.text)
        if m and it.text.count(")") > it.text.count("("):
            cur.timeline = f"{cur.timeline} {m.group(1)}"
            it.text = it.text[:m.start()]
            return False
        if not it.when and len(it.text.split()) <= 3 and not ends_sentence(it.text) and not _starts_upper(it.text):
            cur.timeline = f"{cur.timeline} {it.text}"
            return True
        return False

    def _bullet(self, it: _Item) -> None:
        """Bullets under a lead-in heading are actions; bullets under an action are its sub-items."""
        if self.cur is not None and not self.cur.bullet:
            self.cur.add(it, new_segment=True)
        else:
            self._start(it)

    def _line(self, i: int, it: _Item, cur: _Draft) -> None:
        nxt = self.items[i + 1] if i + 1 < len(self.items) else None
        if cur.in_sub_bullet():  # after a sub-item list, a capitalised line not followed by more bullets
            if _starts_upper(it.text) and not (nxt and nxt.bullet) and not it.text.startswith("("):
                self._start(it)
            else:
                cur.add(it)
        elif it.when is not None:
            if cur.timeline and _open(cur.timeline):
                cur.timeline = f"{cur.timeline} {it.when}"
                cur.add(it)
            elif _starts_upper(it.text) and (cur.timeline is not None or cur.complete() or cur.closed):
                self._start(it)
            else:
                cur.timeline = f"{cur.timeline} {it.when}" if cur.timeline else it.when
                cur.add(it)
        elif cur.bullet:
            cur.add(it)
        elif self.when_mode:  # with a when column, an action starts where its when stands
            if cur.closed and cur.complete() and _starts_upper(it.text):
                self._start(it)
            else:
                cur.add(it)
        else:  # without one, at a new paragraph after a finished sentence
            short = len(self.items[i - 1].text) < 0.75 * self.width
            if _starts_upper(it.text) and cur.complete() and (it.blank_before or short):
                self._start(it)
            else:
                cur.add(it)


def _segment_text(seg: _Segment) -> str:
    out = ""
    for line in seg.lines:
        out = append_line(out, line)
    return out


def _source_text(d: _Draft) -> str:
    parts = []
    for k, seg in enumerate(d.segments):
        text = _segment_text(seg)
        parts.append(f"- {text}" if seg.bullet and (k > 0 or not d.bullet) else text)
    return "\n".join(p for p in parts if p)


def _title(d: _Draft) -> str:
    """The first sentence of the action's own text (not of its sub-items), without end punctuation."""
    first = _segment_text(d.segments[0]) if d.segments else ""
    sent = sentences(first)
    title = sent[0] if sent else first
    return collapse(without_lead_in(title))


def without_lead_in(title: str) -> str:
    """A title without the words that lead into its sub-items ("..., zoals:") and without end punctuation."""
    return re.sub(r"[\s,]*(zoals|o\.a\.|onder andere)?\s*:$", "", title.rstrip()).rstrip(" .;")


def _region(lines: list[Line], sec: PrioritySection) -> tuple[int, int] | None:
    for i in range(sec.start + 1, sec.end):
        if _ACTIONS_START.match(lines[i].text):
            return i + 1, sec.end
    return None


def extract_uvp_actions(lines: list[Line]) -> list[Action]:
    """The planned actions of every priority section, in document order, numbered from 1."""
    actions: list[Action] = []
    for sec in priority_sections(lines):
        span = _region(lines, sec)
        if span is None:
            continue
        region = lines[span[0]:span[1]]
        when_mode = _has_when_column(region)
        for d in _Walker(_items(region, when_mode), when_mode).run():
            title = _title(d)
            if not title:
                continue
            path = sec.path + ((d.group,) if d.group else ())
            actions.append(Action(ordinal=len(actions) + 1, title=title, priority_number=sec.number, group=d.group,
                                  timeline=collapse(d.timeline) if d.timeline else None, page=d.page,
                                  section_path=path, source_text=_source_text(d)))
    return actions
