"""Priorities in a table: a column headed with a priority word ("Prioriteit", "Speerpunten", "Thema"), its
distinct cells in order the priorities; a column headed as a goal ("Doel", "Wat willen we bereiken?") gives
each its goal.

An IVP may set its choices out as an overview table, and an uitvoeringsplan may have one action table with a
priority column and no priority headings; either way the column says what the priorities are. Cue words are
data (ontology/cues.toml: [priorities] heads, [extract] goal). Tables in annexes and looks back are not read.
"""
from __future__ import annotations

from ..cuewords import extract_cues
from ..layout import Layout, Section
from ..model import Priority
from .heads import clean_label
from .model import Found

LABEL_WORDS = 12  # a cell that runs longer is a description, not a priority's name


def _roles() -> dict[str, tuple[str, ...]]:
    c = extract_cues()
    return {"priority": c.priority_heads, "goal": c.goal}


def from_tables(layout: Layout, sections: list[Section]) -> Found:
    body = {(), *(s.path for s in sections)}
    out: list[Priority] = []
    seen: dict[str, Priority] = {}
    for m in layout.tables_with_columns(_roles(), required=("priority",)):
        if m.table.section_path not in body:
            continue
        for rec in m.records():
            label = clean_label(rec.get("priority", "").strip())
            if not label or len(label.split()) > LABEL_WORDS:
                continue
            goal = rec.get("goal", "").strip() or None
            if label.casefold() in seen:
                seen[label.casefold()].goal = seen[label.casefold()].goal or goal
                continue
            p = Priority(number=len(out) + 1, label=label, goal=goal, page=m.table.page,
                         section_path=m.table.section_path, sentence=f"{label}: {goal}" if goal else label)
            out.append(p)
            seen[label.casefold()] = p
    return Found(out)
