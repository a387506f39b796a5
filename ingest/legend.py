"""A report's colour legend, and the colour it gives each evaluated action.

Evaluation reports mark each action with a coloured dot and say once, in a legend, what each colour
means ("Groen: afgerond of op schema"; or a dot, its meaning and its share: "Vergt nog veel aandacht.
In deze rapportage is 1,9 % van de acties rood."). A text layer loses the dots but keeps the legend's
words, so the rules are read from the document itself:

* a legend line names exactly one colour (ontology/cues.toml [colour], with synonyms: geel is oranje)
  and says what it means in status words ([status] and [colour_meaning]); two or more such lines close
  together, each with another colour, are the legend, as are the comma-separated parts of one line
  ("groen = afgerond, oranje = loopt"); a stated share ("79,2%") is kept;
* each status the meaning names goes to that colour ("Afgerond of behoeft geen bijsturing" -> afgerond,
  vervallen, overgeheveld are groen);
* an action whose status cell opens with a colour word ("Groen - afgerond") carries the colour the
  document gave it, and, when its words give no status, the one status the legend gives that colour
  ("rood = vertraagd"; a colour that stands for several gives none); any other action carries the colour
  its derived status has under the legend, with the legend's line as its basis; a status the legend does
  not name, or no status, gives no colour.

Without a legend nothing is coloured except what the document marked itself.
"""
from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ontology.cues import CUES_FILE, cues, find_phrases
from ontology.normalize import key, tokenize

from .model import Action

COLOURS = ("rood", "oranje", "groen")  # most attention first, as a legend reads
# Coloured circles and squares that digital reports use as the mark itself ("🟢 op schema"): Unicode names them
# by colour, so they are a fact of the characters, not of any document.
EMOJI = {"🔴": "rood", "🟥": "rood", "🟠": "oranje", "🟧": "oranje", "🟡": "oranje", "🟨": "oranje",
         "🟢": "groen", "🟩": "groen"}
_SHARE = re.compile(r"(\d{1,3}(?:[.,]\d{1,2})?)\s*%")
_LEAD = re.compile(r"^[^\w]+")
_SEPARATORS = re.compile(r"^[\s:=\-–—·]+|[\s:=\-–—·,]+$")
_NEGATIONS = ("niet", "geen", "nooit")
_WINDOW = 4  # lines between two entries of one legend


@dataclass(frozen=True)
class LegendEntry:
    colour: str  # rood / oranje / groen
    meaning: str  # what the legend says the colour means, in its own words
    statuses: tuple[str, ...]  # the derived statuses that meaning names
    share: float | None  # the share of actions the report gives this colour, in percent
    line: str  # the legend line as written, the basis of every colour read through it


@dataclass(frozen=True)
class Legend:
    entries: tuple[LegendEntry, ...]

    def for_status(self, status: str | None) -> LegendEntry | None:
        return next((e for e in self.entries if status in e.statuses), None) if status else None

    def for_colour(self, colour: str) -> LegendEntry | None:
        return next((e for e in self.entries if e.colour == colour), None)


@dataclass(frozen=True)
class _Words:
    colours: dict[str, str]  # folded colour word -> colour
    meanings: dict[str, frozenset[str]]  # folded phrase -> statuses
    colour_phrases: tuple[str, ...]
    meaning_phrases: tuple[str, ...]


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda p: (-len(p.split()), p)))


@lru_cache(maxsize=1)
def _words() -> _Words:
    """The [colour] and [colour_meaning] tables of the cue file, with the [status] words."""
    with CUES_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    if "colour" not in data or "colour_meaning" not in data:
        raise ValueError(f"{CUES_FILE.name}: [colour] and [colour_meaning] are needed (read by ingest/legend.py)")
    colours = {key(w): c for c, ws in data["colour"].items() for w in ws}
    if set(colours.values()) != set(COLOURS):
        raise ValueError(f"{CUES_FILE.name}: [colour] must name {', '.join(COLOURS)}")
    meanings: dict[str, set[str]] = {}
    for status, phrases in list(data["colour_meaning"].items()) + list(cues().status.items()):
        for p in phrases:
            meanings.setdefault(key(p), set()).add(status)
    frozen = {p: frozenset(s) for p, s in meanings.items() if p}
    return _Words(colours, frozen, _longest_first(colours), _longest_first(frozen))


def statuses_named(meaning: str) -> tuple[str, ...]:
    """The statuses a legend meaning names, in the order it names them; a negated phrase does not count."""
    w = _words()
    tokens = tokenize(meaning)
    out: list[str] = []
    for start, _end, phrase in find_phrases(tokens, w.meaning_phrases, inflect=False):
        if start and tokens[start - 1].norm in _NEGATIONS and not phrase.startswith(_NEGATIONS):
            continue
        out += sorted(w.meanings[phrase] - set(out))
    return tuple(out)


def _entry(line: str) -> LegendEntry | None:
    """A legend entry when the line names one colour and what it means in status words."""
    w = _words()
    cells = [c.strip() for c in line.split("|") if c.strip()]  # a table row: "| Groen | Op schema | 50% |"
    text = " · ".join(cells).strip()
    marks = [c for c in text if c in EMOJI]
    text = text if marks else _LEAD.sub("", text).strip()
    found = {w.colours[p] for _, _, p in find_phrases(tokenize(text), w.colour_phrases, inflect=False)}
    found |= {EMOJI[c] for c in marks}
    if len(found) != 1:
        return None
    (colour,) = found
    share = _SHARE.search(text)
    parts = [s for s in re.split(r"(?<=[.!?;])\s+|\s+·\s+", text) if s.strip(" .") and not _SHARE.search(s)]
    meaning = " ".join(parts)
    tokens = tokenize(meaning)
    for start, end, _ in find_phrases(tokens, w.colour_phrases, inflect=False):  # "Groen: op schema" -> "op schema"
        meaning = meaning[:tokens[start].start] + meaning[tokens[end - 1].end:]
        break
    meaning = _SEPARATORS.sub("", " ".join("".join(c for c in meaning if c not in EMOJI).split())).rstrip(" .")
    statuses = statuses_named(meaning)
    if not statuses:
        return None
    return LegendEntry(colour, meaning, statuses, float(share.group(1).replace(",", ".")) if share else None,
                       " ".join(text.split()))


def _parts(line: str) -> list[str]:
    """A line that names several colours ("Legenda: groen = afgerond, oranje = loopt, rood = vertraagd") split
    into one entry each; any other line as it is."""
    w = _words()
    named = {w.colours[p] for _, _, p in find_phrases(tokenize(line), w.colour_phrases, inflect=False)}
    if len(named | {EMOJI[c] for c in line if c in EMOJI}) < 2:
        return [line]
    parts = [part for part in re.split(r"[,;]\s+|\s+·\s+", line) if part.strip()]
    unlabelled = re.sub(r"^[^:]{1,30}:\s+(?=\S)", "", parts[0], count=1)  # "Legenda: groen = afgerond"
    if find_phrases(tokenize(unlabelled), w.colour_phrases, inflect=False) or any(c in EMOJI for c in unlabelled):
        parts[0] = unlabelled
    return parts


def read_legend(lines: Iterable[str]) -> Legend | None:
    """The first legend in the document: entries of different colours, each within a few lines of the last
    (or in one line, separated by commas)."""
    texts = [part for t in lines if t and t.strip() for part in _parts(t)]
    run: list[LegendEntry] = []
    last = -_WINDOW - 1
    for i, t in enumerate(texts):
        e = _entry(t)
        if e is None:
            continue
        if i - last > _WINDOW or any(x.colour == e.colour for x in run):
            if len(run) >= 2:
                break
            run = []
        run.append(e)
        last = i
    if len(run) < 2:
        return None
    owned: set[str] = set()
    entries = []
    for e in run:  # a status named twice goes to the first colour that names it
        mine = tuple(s for s in e.statuses if s not in owned)
        owned |= set(mine)
        entries.append(LegendEntry(e.colour, e.meaning, mine, e.share, e.line))
    return Legend(tuple(entries))


def mark_of(cell: str | None) -> str | None:
    """The colour a status cell opens with ("Groen - afgerond", "Oranje", "🟢"), if any."""
    first = (cell or "").strip()[:1]
    if first in EMOJI:
        return EMOJI[first]
    tokens = tokenize(cell or "")
    if not tokens:
        return None
    w = _words()
    hit = find_phrases(tokens[:3], w.colour_phrases, inflect=False)
    return w.colours[hit[0][2]] if hit and hit[0][0] == 0 else None


def apply_legend(actions: Iterable[Action], legend: Legend | None) -> None:
    """Give each action its report colour and the words it came from (in place)."""
    for a in actions:
        marked = mark_of(a.result)
        if marked:
            entry = legend.for_colour(marked) if legend else None
            a.report_colour = marked
            a.colour_basis = entry.line if entry else " ".join((a.result or "").split())[:120]
            if a.status is None and entry is not None and len(entry.statuses) == 1:  # "rood = vertraagd"
                a.status, a.status_basis = entry.statuses[0], entry.line
            continue
        entry = legend.for_status(a.status) if legend else None
        a.report_colour = entry.colour if entry else None
        a.colour_basis = entry.line if entry else None


def _colour(item) -> str | None:
    return item.get("report_colour") if isinstance(item, dict) else getattr(item, "report_colour", None)


def colour_counts(actions: Iterable) -> dict[str, int]:
    """How many actions carry each report colour ("onbekend" for none), every colour present as a key."""
    counts = Counter(_colour(a) or "onbekend" for a in actions)
    return {c: counts.get(c, 0) for c in (*COLOURS, "onbekend")}


def stated_counts(legend: Legend, total: int) -> dict[str, int]:
    """The number of actions each stated share stands for; raises when a share does not fit `total`
    actions at the precision it is written (a report of 53 actions cannot say 19.2 %)."""
    out: dict[str, int] = {}
    for e in legend.entries:
        if e.share is None:
            continue
        n = round(e.share * total / 100)
        decimals = len(str(e.share).split(".")[1]) if "." in str(e.share) else 0
        if round(100 * n / total, decimals) != e.share:
            raise ValueError(f"the legend's {e.colour} share {e.share}% is no whole number of {total} actions")
        out[e.colour] = n
    return out


def reconcile(legend: Legend, actions: list) -> list[dict]:
    """Per colour: the report's share and count, ours, and the derived statuses behind ours."""
    ours = colour_counts(actions)
    stated = stated_counts(legend, len(actions))
    rows = []
    for e in legend.entries:
        statuses = Counter((a.get("status") if isinstance(a, dict) else a.status) or "onbekend"
                           for a in actions if _colour(a) == e.colour)
        rows.append({"colour": e.colour, "meaning": e.meaning, "stated_share": e.share,
                     "stated_count": stated.get(e.colour), "count": ours[e.colour], "statuses": dict(statuses)})
    return rows
