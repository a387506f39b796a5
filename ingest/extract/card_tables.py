"""One action drawn as a two-column table: a label and its value per row ("Actie | ...", "Trekker | ...",
"Planning | ..."), the title in the first row or in a merged title row above the fields.

Word plans often give each action such a card. The labels are an action table's column words (ontology/cues.toml
[action_columns]); the card needs an owner or a timeline. The table reader (table_actions.py) leaves these
tables to the card reader (card_actions.py), which reads them like a paragraph card.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..cuewords import column_labels_regex
from ..layout import Table


@lru_cache(maxsize=1)
def _label_cell() -> re.Pattern[str]:
    """A table cell that is only a field label ("Trekker", "Stand van zaken:")."""
    alt = column_labels_regex(("action", "owner", "timeline", "status"))
    return re.compile(rf"^\s*(?:{alt})\s*:?\s*$", re.I)


def table_fields(table: Table) -> tuple[str | None, list[tuple[str, str, str]]] | None:
    """(title row, [(role, label, value)]) of a table that is one action card: every row a label cell and at
    most one value, an owner or timeline among them; a first row that is no label is the card's title. None
    otherwise."""
    rows = [[c.strip() for c in r] for r in ([table.header] if table.header else []) + table.rows]
    rows = [[c for c in r if c] for r in rows if any(r)]
    if len(rows) < 2 or any(len(r) > 2 for r in rows):
        return None
    title, fields = None, []
    for k, cells in enumerate(rows):
        m = _label_cell().match(cells[0])
        if m is None:
            if k or len(cells) > 1:
                return None
            title = cells[0]  # a merged title row: "Actie 1.1 Integrale controles op bedrijventerreinen"
        elif len(cells) == 2:
            fields.append((m.lastgroup or "", cells[0].rstrip(" :"), cells[1]))
    return (title, fields) if {"owner", "timeline"} & {role for role, _, _ in fields} else None
