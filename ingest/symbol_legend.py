"""A report's symbol legend ("✔ = afgerond, ◐ = loopt, ✘ = niet uitgevoerd"), and the status a symbol in an
action's status cell stands for.

Progress reports mark each action with a symbol as often as with a colour (ingest/legend.py). The legend says
what each symbol means, in status words; two or more entries with different symbols, in one line or in lines
close together, make the legend. A status cell that opens with a legend symbol gives the action the one status
its entry names, with the entry as the basis. Without a legend only a check mark is read, as done: in a status
column it says nothing else.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .legend import EMOJI, statuses_named
from .model import Action

CHECK_MARKS = frozenset("✓✔☑✅")
_PUNCTUATION = frozenset(".,;:=()[]-–—*|#'\"/")
_TOKEN = re.compile(r"(?:^|(?<=\s))\S{1,3}(?=\s)")
_AFTER = re.compile(r"\s*(?:=|:|–|—|-)?\s+(?P<meaning>[^,;·]+)")
_WINDOW = 4  # lines between two entries of one legend


@dataclass(frozen=True)
class SymbolEntry:
    symbol: str
    statuses: tuple[str, ...]
    text: str  # the entry as written: the basis of a status read through it


def is_symbol(token: str) -> bool:
    """One to three characters, a symbol among them, no letter or digit: "✔", "◐", "+", "+/-". A coloured circle
    ("🟢") is a colour, read by ingest/legend.py."""
    return (0 < len(token) <= 3 and not any(c.isalnum() for c in token) and not set(token) <= _PUNCTUATION
            and any(unicodedata.category(c).startswith("S") for c in token) and not set(token) & set(EMOJI))


def _entries(line: str) -> list[SymbolEntry]:
    out = []
    for part in re.split(r"[,;]\s+|\s+·\s+", line):
        for token in _TOKEN.finditer(part):
            after = _AFTER.match(part, token.end())
            if is_symbol(token.group(0)) and after and (found := statuses_named(after.group("meaning"))):
                text = part[token.start():after.end()]
                out.append(SymbolEntry(token.group(0), found, " ".join(text.split()).rstrip(" .")))
                break
    return out


def read_symbol_legend(lines: Iterable[str]) -> dict[str, SymbolEntry]:
    """Symbol -> its entry, for the first run of at least two entries with different symbols."""
    run: dict[str, SymbolEntry] = {}
    last = -_WINDOW - 1
    for i, line in enumerate(t for t in lines if t and t.strip()):
        for e in _entries(line):
            if i - last > _WINDOW or e.symbol in run:
                if len(run) >= 2:
                    return run
                run = {}
            run[e.symbol] = e
            last = i
    return run if len(run) >= 2 else {}


def apply_symbols(actions: Iterable[Action], legend: dict[str, SymbolEntry]) -> None:
    """Give an action without a status the one its status cell's symbol stands for (in place)."""
    for a in actions:
        first = (a.result or "").split(maxsplit=1)[:1]
        if a.status is not None or not first or not is_symbol(first[0]):
            continue
        entry = legend.get(first[0])
        if entry is not None and len(entry.statuses) == 1:
            a.status, a.status_basis = entry.statuses[0], entry.text
        elif entry is None and first[0] in CHECK_MARKS:
            a.status, a.status_basis = "afgerond", first[0]
