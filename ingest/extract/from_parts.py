"""Priorities from the parts a plan repeats for each of them: one section per theme, each with its own goal
or actions under it ("2. Veilige woonomgeving" > "Wat willen we bereiken?" / "Wat gaan we daarvoor doen?").

Many municipal plans, and the safety chapter of a programme budget, answer the same questions for every
theme without calling the themes priorities. A section counts when one of its own sub-headings is a goal
or an action region (ontology/cues.toml [extract] goal / action_regions) and a sibling's is too: one such
section alone may be an introduction that says what the whole plan wants. Of nested ones the outermost
count, numbered in document order.
"""
from __future__ import annotations

from collections import Counter

from ..cuewords import extract_cues, starts_with
from ..layout import Section
from .describe import priority_of
from .heads import clean_label
from .model import Found
from .regions import is_region


def _is_part(section: Section) -> bool:
    return bool(starts_with(section.title, extract_cues().goal)) or is_region(section)


def _has_parts(section: Section) -> bool:
    return not _is_part(section) and any(_is_part(child) for child in section.children)


def from_parts(sections: list[Section]) -> Found:
    parted = [s for s in sections if _has_parts(s)]
    siblings = Counter(s.path[:-1] for s in parted)
    run = [s for s in parted if siblings[s.path[:-1]] >= 2]
    outer = [s for s in run if not any(o is not s and s.path[:len(o.path)] == o.path for o in run)]
    return Found([priority_of(s, k, clean_label(s.title)) for k, s in enumerate(outer, 1)])
