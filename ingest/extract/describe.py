"""What a priority's own section says about it: its goal and the portefeuillehouders who carry it.

Plans put the goal under a sub-heading ("Ambitie", "Doelstelling", "Wat willen we bereiken?") or as a
run-in label ("Doelstelling: ..."); those words are cue data (ontology/cues.toml [extract] goal).
Portefeuillehouders are read by the same sentence reader the line extractor uses (ingest/plans.py), so
both routes name holders alike.
"""
from __future__ import annotations

import re

from ..cuewords import extract_cues, starts_with
from ..layout import ListBlock, Paragraph, Section
from ..model import Holder, Line, Priority
from ..plans import extract_holders

_RUN_IN = re.compile(r"^\s*(?P<label>[^:]{2,40}):\s*(?P<text>\S.*)$", re.S)


def goal_of(section: Section) -> str | None:
    """The text under a goal sub-heading, else after a run-in goal label in the section's own text."""
    cues = extract_cues().goal
    for child in section.children:
        if starts_with(child.title, cues) and (text := _text(child)):
            return text
    for block in section.blocks:
        m = _RUN_IN.match(block.text) if isinstance(block, Paragraph) else None
        if m and starts_with(m.group("label"), cues):
            return m.group("text").strip()
    return None


def _text(section: Section) -> str:
    return " ".join(b.text for b in section.blocks if isinstance(b, (Paragraph, ListBlock))).strip()


def holders_of(section: Section) -> list[Holder]:
    """Portefeuillehouders named anywhere under the section."""
    lines = [Line(b.text, b.page) for b in section.iter_blocks() if isinstance(b, (Paragraph, ListBlock))]
    return extract_holders(lines) if lines else []


def priority_of(section: Section, number: int, label: str) -> Priority:
    """A priority read from its own section, with the goal and holders found there."""
    goal = goal_of(section)
    heading = section.heading or section.title
    return Priority(number=number, label=label, holders=holders_of(section), goal=goal, page=section.page,
                    section_path=section.path, sentence=f"{heading}: {goal}" if goal else heading)
