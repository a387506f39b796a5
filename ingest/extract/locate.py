"""Which priority a block of the layout falls under: the priority whose section encloses it.

Priorities read from headings or sub-sections carry their own section path; an action in a table or
list under that path belongs to it. Priorities read from one list share their section's path and so
enclose nothing. The deepest enclosing priority wins. A table column that names the priority
("Speerpunt": "2" or "Jeugd") is resolved by number or by label.
"""
from __future__ import annotations

import re
from collections import Counter

from ontology.normalize import key

from ..model import Priority
from .heads import parse_head


class PriorityIndex:
    def __init__(self, priorities: list[Priority]):
        counts = Counter(p.section_path for p in priorities)
        self._by_path = {p.section_path: p for p in priorities if p.section_path and counts[p.section_path] == 1}
        self._by_number = {p.number: p for p in priorities}

    def enclosing(self, path: tuple[str, ...]) -> Priority | None:
        for n in range(len(path), 0, -1):
            if (p := self._by_path.get(path[:n])) is not None:
                return p
        return None

    def number_for(self, path: tuple[str, ...]) -> int | None:
        """The enclosing priority's number; else the number a heading on the path names ("Speerpunt 2"
        again over the actions chapter), where that is one of the priorities."""
        p = self.enclosing(path)
        if p is not None:
            return p.number
        return next((n for heading in reversed(path) if (n := self.heading_number(heading)) is not None), None)

    def heading_number(self, heading: str) -> int | None:
        """The number of the priority a heading names as written ("3.2 Speerpunt 2: Jeugd"), if one of ours."""
        head = parse_head(re.sub(r"^\S*\d\S*\s+", "", heading))  # numbering off
        return head.number if head and head.number in self._by_number else None

    def named(self, cell: str) -> Priority | None:
        """The priority a cell names: "2", "Speerpunt 2: Jeugd", or a label that folds into it."""
        text = cell.strip()
        if re.fullmatch(r"\d{1,2}\.?", text):
            return self._by_number.get(int(text.rstrip(".")))
        head = parse_head(text)
        if head and head.number is not None:
            return self._by_number.get(head.number)
        k = f" {key(text)} "
        hits = [p for p in self._by_number.values() if key(p.label) and _folds_into(f" {key(p.label)} ", k)]
        return hits[0] if len(hits) == 1 else None

    @property
    def paths(self) -> list[tuple[str, ...]]:
        return list(self._by_path)


def _folds_into(a: str, b: str) -> bool:
    """One padded key inside the other: "Ondermijning" in "Aanpak ondermijning", or the other way round."""
    return a in b or b in a
