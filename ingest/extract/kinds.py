"""The extractor of each document kind, registered by kind (registry.py).

* ivp: priorities only; a plan without any is noted.
* council_note: priorities, and the actions of a table that reports their status ("Actie | Status"): a
  raadsinformatiebrief often gives the progress of the plan it informs the council about so.
* uvp: priorities and planned actions; an uitvoeringsplan without actions is noted.
* evaluation: its priorities (the structure of the report) and the evaluated actions with their status;
  the report year for the overdue rule is the year of the report's date, where known.
"""
from __future__ import annotations

from ..layout import Layout
from ..model import DocumentMeta
from .actions import find_actions, numbered
from .locate import PriorityIndex
from .model import Extraction
from .priorities import find_priorities
from .registry import register
from .table_actions import table_actions


def _priorities(layout: Layout, meta: DocumentMeta) -> Extraction:
    found, route = find_priorities(layout, meta.kind)
    via = {"priorities": route} if route else {}
    return Extraction(priorities=found.items, fact_notes={"priorities": list(found.notes)}, via=via)


def _report_year(meta: DocumentMeta) -> int | None:
    """The year of a report's date: what the overdue rule counts from."""
    return int(meta.date[:4]) if meta.date and meta.date[:4].isdigit() else None


@register("ivp")
def plan(layout: Layout, meta: DocumentMeta) -> Extraction:
    return _priorities(layout, meta)


@register("council_note")
def council_note(layout: Layout, meta: DocumentMeta) -> Extraction:
    out = _priorities(layout, meta)
    found = table_actions(layout, PriorityIndex(out.priorities), _report_year(meta), expect_status=True)
    reported = [a for a in found.items if a.result]
    if reported:
        out.actions, out.via["actions"] = numbered(reported), "table"
        out.fact_notes["actions"] = [f"{len(reported)} action(s) read from a table that reports their status"]
    return out


def _with_actions(layout: Layout, meta: DocumentMeta, missing: str) -> Extraction:
    out = _priorities(layout, meta)
    year = _report_year(meta) if meta.kind == "evaluation" else None
    found, route = find_actions(layout, PriorityIndex(out.priorities), meta.kind, year)
    out.actions, out.fact_notes["actions"] = found.items, found.notes + ([] if route else [missing])
    if route:
        out.via["actions"] = route
    return out


@register("uvp")
def execution_plan(layout: Layout, meta: DocumentMeta) -> Extraction:
    return _with_actions(layout, meta, "uitvoeringsplan without actions: no action table, no list under an "
                                       "action heading or a priority")


@register("evaluation")
def evaluation(layout: Layout, meta: DocumentMeta) -> Extraction:
    return _with_actions(layout, meta, "evaluation without evaluated actions: no action table and no list "
                                       "under an action heading")
