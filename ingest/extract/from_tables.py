"""Priorities in a table: a column headed with a priority word ("Prioriteit", "Speerpunten", "Thema"), its
distinct cells in order the priorities; a column headed as a goal ("Doel", "Wat willen we bereiken?") gives
each its goal.

An IVP may set its choices out as an overview table, and an uitvoeringsplan may have one action table with a
priority column and no priority headings; either way the column says what the priorities are. Without such a
column, rows that span the table and name a priority ("Speerpunt 1 Ondermijning" over that speerpunt's actions)
are the priorities. Cue words are data (ontology/cues.toml: [priorities] heads, [extract] goal). Tables in
annexes and looks back are not read.
"""
from __future__ import annotations

from ..cuewords import extract_cues
from ..layout import Layout, Section
from ..model import Priority
from .heads import Head, clean_label, parse_head
from .model import Found
from .table_rows import spanning_text

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
    return Found(out) if out else _spanning_rows(layout, body)


def _spanning_rows(layout: Layout, body: set[tuple[str, ...]]) -> Found:
    """Priorities from rows that span a table and open with a priority word: numbered ones by their numbers,
    number-less ones ("Thema jeugd") where two rows share the word, in order."""
    heads: list[tuple[Head, str, object]] = []
    for table in layout.tables():
        if table.section_path not in body:
            continue
        width = max((len(r) for r in table.rows), default=0)
        for row in table.rows:
            text = spanning_text([c or "" for c in row], max(width, len(table.header or [])))
            if text and (head := parse_head(text)) and head.label and not head.sub:
                heads.append((head, text, table))
    heads = [h for h in heads if h[0].cue == heads[0][0].cue] if heads else []
    numbered = [h for h in heads if h[0].number is not None]
    if not (numbered and len(numbered) == len(heads)) and len(heads) < 2:
        return Found()
    out: list[Priority] = []
    for k, (head, text, table) in enumerate(heads, 1):
        number = head.number if len(numbered) == len(heads) else k
        if any(p.number == number for p in out):
            continue
        out.append(Priority(number=number, label=head.label, page=table.page, section_path=table.section_path,
                            sentence=text))
    return Found(out, [f"priorities read from {len(out)} row(s) that span an action table"])
