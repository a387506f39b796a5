"""What an extractor hands back: the facts it found, how it found them, and what it missed.

`notes` say in words what the extractor expected and did not find ("uitvoeringsplan without actions",
"action table without an owner column"), so that an ingest report can show a reader why a document
yields fewer facts than they expect; nothing is dropped silently. `via` names the route that produced
each fact type ("headings", "list", "toc", "prose", "table"), which the pipeline weighs against the
line readers (ingest/extract/choose.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Action, Priority


@dataclass
class Extraction:
    priorities: list[Priority] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about the document as a whole
    # "priorities" | "actions" -> notes on reading that fact; they matter only where this result is kept
    fact_notes: dict[str, list[str]] = field(default_factory=dict)
    via: dict[str, str] = field(default_factory=dict)  # "priorities" | "actions" -> route

    def all_notes(self) -> list[str]:
        return self.notes + [n for notes in self.fact_notes.values() for n in notes]


@dataclass
class Found:
    """What one route of an extractor found, with its notes (kept only where they matter)."""

    items: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
