"""A document's priorities by the first route that finds them, most explicit first.

Routes, in order: headings that name a priority ("Speerpunt 2: Jeugd"); a section titled for the priorities with
list items or sub-sections; a table column headed for them; sibling sections that each have a goal or actions of
their own ("Wat willen we bereiken?", "Wat gaan we daarvoor doen?"); the table of contents; an enumerating sentence.
A later route is only asked when the earlier ones found nothing, because each is less certain than the one before.
Priorities a route found outside their own section are tied to the section their label titles, where there is one
(describe.with_own_sections). Annexes are never read, looks back at an earlier plan only in an evaluation (which is
one).
"""
from __future__ import annotations

from ..layout import Layout, Section
from .describe import with_own_sections
from .from_headings import from_headings
from .from_lists import from_lists
from .from_parts import from_parts
from .from_tables import from_tables
from .from_toc import from_toc
from .heads import parse_head
from .model import Found
from .prose import from_prose
from .scope import body_blocks, body_sections, left_out, where


def find_priorities(layout: Layout, kind: str) -> tuple[Found, str | None]:
    """(what was found with its notes, the route that found it)."""
    reviews = kind != "evaluation"
    sections = body_sections(layout, reviews)
    notes = [f"{n} priority heading(s) under {where(s.path)} not read: an annex or a look back at an earlier plan"
             for s in left_out(layout, reviews) if (n := _heads_under(s))]
    routes = (
        ("headings", lambda: from_headings(sections)),
        ("list", lambda: from_lists(sections)),
        ("table", lambda: from_tables(layout, sections)),
        ("parts", lambda: from_parts(sections)),
        ("toc", lambda: from_toc(layout)),
        ("prose", lambda: from_prose(list(body_blocks(layout, reviews)))),
    )
    tried: list[str] = []
    for route, run in routes:
        found = run()
        if found.items:
            return Found(with_own_sections(found.items, sections), notes + tried + found.notes), route
        tried += found.notes
    return Found([], notes + tried + ["no priorities found: no priority headings, no section listing them, "
                                      "no table column, no sections with goals or actions of their own, nothing "
                                      "in the table of contents, no enumerating sentence"]), None


def _heads_under(section: Section) -> int:
    return sum(1 for s in (section, *section.iter_sections()) if (h := parse_head(s.title)) and h.number)
