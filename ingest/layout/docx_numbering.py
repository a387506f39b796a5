"""Word list numbering as it prints: '1.', '2.1', 'a)', or a bullet, counted per list in document order.

Word stores the numbers in the numbering part, not in the text, so a numbered heading ("2.1")
or list item ("b)") would lose its number without this. Overrides that restart a list midway are
not followed; each list (numId) counts on from its own start.
"""
from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

_ROMAN = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


@dataclass
class Level:
    fmt: str  # "decimal", "lowerLetter", "bullet", ...
    text: str  # "%1.%2."
    start: int = 1


def _roman(n: int) -> str:
    out = ""
    for v, s in _ROMAN:
        while n >= v:
            out, n = out + s, n - v
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "none":
        return ""
    return str(n)


def _val(el, tag: str, default: str = "") -> str:
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("w:val"), default) if child is not None else default


class Numbering:
    """Counters per list; `label(num_id, ilvl)` advances the list and returns the printed marker."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, Level]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            a = abstract.get(_val(num, "w:abstractNumId"))
            if a is None:
                continue
            self.levels[num.get(qn("w:numId"))] = {
                int(lvl.get(qn("w:ilvl"), "0")): Level(_val(lvl, "w:numFmt", "decimal"), _val(lvl, "w:lvlText"),
                                                       int(_val(lvl, "w:start", "1") or 1))
                for lvl in a.findall(qn("w:lvl"))
            }

    def is_bullet(self, num_id: str, ilvl: int) -> bool:
        lvl = self.levels.get(num_id, {}).get(ilvl)
        return lvl is None or lvl.fmt == "bullet"

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id, {})
        lvl = levels.get(ilvl)
        if lvl is None or lvl.fmt == "bullet":
            return "•"
        counts = self.counters.setdefault(num_id, [])
        while len(counts) <= ilvl:
            counts.append(0)
        counts[ilvl] += 1
        if counts[ilvl] == 1:
            counts[ilvl] = lvl.start
        del counts[ilvl + 1:]
        text = lvl.text or f"%{ilvl + 1}."
        for k in range(ilvl + 1):
            fmt = levels.get(k, Level("decimal", "")).fmt
            text = text.replace(f"%{k + 1}", _format(counts[k] if k < len(counts) and counts[k] else 1, fmt))
        return text.strip()
