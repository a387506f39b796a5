"""Actions written as cards: a title, then labelled fields ("Actie 1.1 Integrale controles / Trekker: team
OOV / Partners: politie, RIEC / Planning: Q3 2026"), in one paragraph or as a heading with its fields under it.

Many uitvoeringsplannen describe each action so, without a table or a list. The field labels are the words an
action table has for its columns (ontology/cues.toml [action_columns]); a card needs an owner or a timeline
field, which prose rarely writes as "Trekker:" or "Planning:". The title is what stands before the first field,
the value of an "Actie:" field, or else the heading above the fields (not an action region's or a priority's
own heading: that names no single action), or a short line of its own right above the fields (a Word
document's paragraphs). Fields a blank line splits off join the card above them in the same section.
A Word plan often draws each card as a two-column table, a label and its value per row ("Actie | ...",
"Trekker | ...", "Planning | ..."), with the title in the first row or as a merged title row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..cuewords import column_labels_regex
from ..layout import Block, Paragraph, Table
from ..model import Action
from .card_tables import table_fields
from .locate import PriorityIndex
from .regions import action_number
from .status_cues import status_of
from .table_actions import title_of

MAX_TITLE_WORDS = 30  # text before the first field that runs longer is prose, not a card's title
TITLE_LINE_WORDS = 20  # a paragraph of its own above the fields: at most this long, and no sentence


@lru_cache(maxsize=1)
def _field() -> re.Pattern[str]:
    """Any action-column label followed by a colon, at the start or after a space or punctuation."""
    alt = column_labels_regex(("action", "owner", "timeline", "status"))
    return re.compile(rf"(?:^|(?<=[\s(;,]))(?:{alt})\s*:\s*", re.I)


def is_card(block: Block) -> bool:
    """Does a block hold a card: a paragraph with fields (some of them: the rest may follow in the next
    paragraphs), or a table that is one card?"""
    if isinstance(block, Table):
        return table_fields(block) is not None
    return isinstance(block, Paragraph) and _field().search(block.text) is not None


@dataclass
class _Card:
    block: Paragraph | Table
    title: str
    texts: list[str] = field(default_factory=list)


def _title(text: str) -> str | None:
    """The title a paragraph gives its card, or None when it opens with a field other than the action."""
    first = _field().search(text)
    if first is None:
        return None
    if first.start() == 0:
        if first.lastgroup != "action":
            return None
        following = _field().search(text, first.end())
        return text[first.end():following.start() if following else len(text)].strip(" ;,")
    head = text[:first.start()].strip(" ;,(–—-")
    return head if len(head.split()) <= MAX_TITLE_WORDS else None


def card_actions(blocks: list[Block], leads: dict[int, Block], index: PriorityIndex, group_of,
                 status: bool = False) -> list[tuple[Block, Action]]:
    """(first block, action) per card among `blocks`, in their order. `leads`: the block before each block
    in the document, where a card's title may stand on its own (a Word paragraph, a line set apart)."""
    cards: list[_Card] = []
    for block in blocks:
        if isinstance(block, Table):
            if (card := _table_card(block)) is not None:
                cards.append(card)
            continue
        if not is_card(block):
            continue
        lead = leads.get(id(block))
        if title := _title(block.text):
            cards.append(_Card(block, title, [block.text]))
        elif lead is not None and _title_line(lead, block):
            cards.append(_Card(block, lead.text.strip(), [block.text]))
        elif cards and lead is not None and is_card(lead) and cards[-1].block.section_path == block.section_path:
            cards[-1].texts.append(block.text)
        elif (heading := group_of(block)) and (lead is None or lead.section_path != block.section_path):
            cards.append(_Card(block, heading, [block.text]))
    return [(c.block, a) for c in cards if (a := _action(c, index, group_of, status)) is not None]


def _title_line(lead: Block, block: Block) -> bool:
    """A short paragraph right above a card's fields, in the same section, that is no sentence: its title."""
    text = lead.text.strip() if isinstance(lead, Paragraph) else ""
    return (bool(text) and lead.section_path == block.section_path and not is_card(lead)
            and len(text.split()) <= TITLE_LINE_WORDS and not text.endswith((".", ":", "?")))


def _table_card(table: Table) -> _Card | None:
    """A card table as the text of a paragraph card, in its own labels ("Wie: jongerenwerk Wanneer: ..."); None
    for a table that is no card."""
    found = table_fields(table)
    if found is None:
        return None
    title, rows = found
    action = next((value for role, _, value in rows if role == "action"), None)
    return _Card(table, action or title or "", [" ".join(f"{label}: {value}" for _, label, value in rows)])


def _fields(text: str) -> dict[str, str]:
    """role -> the first value a field of that role gives, up to the next field of any role."""
    marks = list(_field().finditer(text))
    out: dict[str, str] = {}
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        value = text[m.end():end].strip(" ;,")
        if value:
            out.setdefault(m.lastgroup or "", value)
    return out


def _action(card: _Card, index: PriorityIndex, group_of, status: bool) -> Action | None:
    text = "\n".join(card.texts)
    fields = _fields(" ".join(card.texts))
    owner, when = fields.get("owner"), fields.get("timeline")
    if owner is None and when is None:
        return None
    title = title_of(action_number().sub("", card.title, count=1))
    if not title:
        return None
    group = group_of(card.block)
    a = Action(ordinal=0, title=title, priority_number=index.number_for(card.block.section_path),
               group=None if group == card.title else group, timeline=when, page=card.block.page,
               section_path=card.block.section_path, source_text=text, trekker=owner)
    if status:
        a.result = fields.get("status")
        a.status, a.status_basis = status_of(text)
    return a
