"""What a priority's own section says about it: its goal and the portefeuillehouders who carry it.

Plans put the goal under a sub-heading ("Ambitie", "Doelstelling", "Wat willen we bereiken?") or as a
run-in label ("Doelstelling: ..."); those words are cue data (ontology/cues.toml [extract] goal).
Portefeuillehouders are read by the same sentence reader the line extractor uses (ingest/plans.py), so
both routes name holders alike.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from ontology.normalize import key

from ..cuewords import extract_cues, starts_with
from ..layout import ListBlock, Paragraph, Section
from ..layout.headings import split_heading
from ..model import Holder, Line, Priority
from ..plans import extract_holders

_RUN_IN = re.compile(r"^\s*(?P<label>[^:]{2,40}):\s*(?P<text>\S.*)$", re.S)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_GOAL_SENTENCE = re.compile(r"^\s*(?:ons|onze|het|de|hun|haar)\s+(?P<cue>\w+)\s+(?:is|zijn|luidt|luiden)\b", re.I)


def goal_of(section: Section) -> str | None:
    """The text under a goal sub-heading, else after a run-in goal label in the section's own text, else the
    sentence there that says what the goal is ("Ons doel is dat ...", "Onze ambitie is ...")."""
    cues = extract_cues().goal
    for child in section.children:
        if starts_with(child.title, cues) and (text := _text(child)):
            return text
    paragraphs = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    for text in paragraphs:
        m = _RUN_IN.match(text)
        if m and starts_with(m.group("label"), cues):
            return m.group("text").strip()
    for text in paragraphs:
        for sentence in _SENTENCE.split(text):
            m = _GOAL_SENTENCE.match(sentence)
            if m and starts_with(m.group("cue"), cues):
                return sentence.strip()
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


def with_own_sections(priorities: list[Priority], sections: list[Section]) -> list[Priority]:
    """Priorities a list, a table, the contents or a sentence named, tied to the one body section titled with
    their label ("In ons beleid leggen we nadruk op ondermijning, ..." and later "4.1 Ondermijning"): its path
    places the actions under it, and its goal and holders complete the priority. The sentence that named the
    priority stays its evidence; a label that titles no section, or several, keeps what it has."""
    titled: dict[str, list[Section]] = defaultdict(list)
    for s in sections:
        titled[key(split_heading(s.title).title)].append(s)
    out = []
    for p in priorities:
        own = titled.get(key(p.label), [])
        if len(own) != 1 or own[0].path == p.section_path:
            out.append(p)
            continue
        s = own[0]
        out.append(replace(p, section_path=s.path, page=p.page or s.page, goal=p.goal or goal_of(s),
                           holders=p.holders or holders_of(s)))
    return out
