"""Actions from tables whose header names an action column and at least one of owner, timeline, status.

Column names are cue data (ontology/cues.toml [action_columns]), so "Maatregel | Eigenaar | Gereed" and
"Wat | Trekker | Planning" read alike. Each body row is one action. A row whose cells all repeat one
text (a merged cell) or that is shorter than the header is a group row: it names the priority when it
reads as one ("Speerpunt 2: Jeugd"), else a group. A row without action text adds its cells to the row
before (a cell broken over a page). A repeated header row is skipped. Where the table has a status or
result column, the status is derived from it (status_cues.py). An action's title is the first sentence
of its cell (sub-items run on after it are left to the source text); in a table that reports results the
whole action cell is the title, as the evaluation's line reader reads it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..cuewords import extract_cues
from ..layout import Layout, TableMatch
from ..layout.columns import match_columns
from ..model import Action
from ..plans import collapse, sentences
from ..status import answered_status
from ..uvp import without_lead_in
from .card_tables import table_fields
from .locate import PriorityIndex
from .model import Found
from .scope import is_annex, where
from .status_cues import status_of
from .table_rows import spanning_text

_INLINE_ITEMS = re.compile(r"[.:;]\s+[-–•▪]\s")
_ROLES_OTHER = ("owner", "timeline", "status")
_NAMES = {"owner": "owner (trekker)", "timeline": "timeline (planning)", "status": "status or result"}


@dataclass
class _Row:
    priority: int | None
    group: str | None


def _roles() -> dict[str, tuple[str, ...]]:
    c = extract_cues()
    return {**c.action_columns, "priority": c.priority_heads}


def title_of(text: str) -> str:
    """An action's title: the first sentence of its text, without end punctuation."""
    t = collapse(text)
    inline = _INLINE_ITEMS.search(t)  # a cell's sub-items run on after its own text
    if inline:
        t = t[:inline.start() + 1]
    first = (sentences(t) or [t])[0]
    return without_lead_in(first).rstrip(" .;:")


def _source(header: list[str], cells: list[str], action_col: int) -> str:
    parts = [cells[action_col]] + [f"{header[i]}: {c}" for i, c in enumerate(cells)
                                   if i != action_col and c and i < len(header) and header[i]]
    return "\n".join(parts)


def _read(m: TableMatch, index: PriorityIndex, report_year: int | None, status: bool,
          notes: list[str]) -> list[Action]:
    table = m.table
    header = [collapse(h) for h in (table.rows[0] if m.header_in_rows else table.header or [])]
    rows = table.rows[1:] if m.header_in_rows else table.rows
    state = _Row(index.number_for(table.section_path), None)
    more = _more_columns(header, m.columns, "status") if status else []
    later = _more_columns(header, m.columns, "timeline")
    carried = ""  # the priority cell of the row above: a cell merged down the rows is empty below its first
    out: list[Action] = []
    for raw in rows:
        cells = [collapse(c or "") for c in raw]
        if cells == header:
            continue
        if (g := spanning_text(cells, len(header))) is not None:
            named = index.named(g)
            state = _Row(named.number, None) if named else _Row(state.priority, g)
            continue
        rec = {role: cells[i] for role, i in m.columns.items() if i < len(cells)}
        for role, extra in (("status", more), ("timeline", later)):  # "Status | Toelichting", "Start | Eind"
            if extra:
                parts = [rec.get(role, ""), *(cells[i] for i in extra if i < len(cells))]
                rec[role] = " – ".join(t for t in parts if t)
        if not rec.get("action"):
            if out and any(rec.values()):
                _extend(out[-1], rec)
                notes.append(f"a row without action text in the table under {where(table.section_path)} "
                             f"was joined to the row before")
            continue
        if "priority" in m.columns and not rec.get("priority") and out:  # a merged cell: the row above's
            rec["priority"] = carried
        carried = rec.get("priority", "")
        named = index.named(rec["priority"]) if rec.get("priority") else None
        group = state.group if named or not rec.get("priority") else rec["priority"]
        # an evaluation's row reports on an action by its whole cell, as the line reader reads it
        # (ingest/evaluation.py); a plan's cell may run on, and its first sentence is the title
        title = collapse(rec["action"]) if status else title_of(rec["action"])
        a = Action(ordinal=0, title=title,
                   priority_number=named.number if named else state.priority,
                   group=group, timeline=rec.get("timeline") or None, page=table.page,
                   section_path=table.section_path, source_text=_source(header, cells, m.columns["action"]),
                   trekker=rec.get("owner") or None)
        if status and rec.get("status"):
            a.result = rec["status"]
            a.status, a.status_basis = status_of(rec["status"])
            if a.status is None and (column := m.columns["status"]) < len(header):  # "Gerealiseerd?" | "Ja"
                a.status, a.status_basis = answered_status(header[column], cells[column])
        out.append(a)
    return out


def _more_columns(header: list[str], columns: dict[str, int], role: str) -> list[int]:
    """Columns beyond a role's own that a word of that role heads too ("Status", then "Toelichting"; "Start",
    then "Eind"): their cells belong to the same field."""
    if role not in columns:
        return []
    words = {role: _roles()[role]}
    return [i for i, h in enumerate(header) if i not in columns.values() and match_columns([h], words)]


def _extend(action: Action, rec: dict[str, str]) -> None:
    if rec.get("owner"):
        action.trekker = f"{action.trekker} {rec['owner']}".strip() if action.trekker else rec["owner"]
    if rec.get("timeline"):
        action.timeline = f"{action.timeline} {rec['timeline']}".strip() if action.timeline else rec["timeline"]
    if rec.get("status"):
        action.result = f"{action.result} {rec['status']}".strip() if action.result else rec["status"]


def table_actions(layout: Layout, index: PriorityIndex, report_year: int | None = None,
                  expect_status: bool = False) -> Found:
    """Actions of every action table outside annexes, in document order, with notes on missing columns."""
    annexes = {s.path for s in layout.iter_sections() if is_annex(s)}
    notes: list[str] = []
    out: list[Action] = []
    for m in layout.tables_with_columns(_roles(), required=("action",)):
        if table_fields(m.table) is not None:  # one action drawn as a label | value table: card_actions.py
            continue
        at = where(m.table.section_path)
        if any(m.table.section_path[:len(p)] == p for p in annexes):
            notes.append(f"action table under {at} not read: it stands in an annex")
            continue
        if not set(m.columns) & set(_ROLES_OTHER):
            notes.append(f"table under {at} has an action column but no owner, timeline or status column: "
                         f"not read as an action table")
            continue
        wanted = _ROLES_OTHER if expect_status else _ROLES_OTHER[:2]
        missing = [_NAMES[r] for r in wanted if r not in m.columns]
        if missing:
            notes.append(f"action table under {at} without {' or '.join(missing)} column")
        out += _read(m, index, report_year, "status" in m.columns, notes)
    return Found(out, list(dict.fromkeys(notes)))
