"""Actions from lists in the places where a plan lists them (regions.py): one action per top-level item.

Sub-items belong to the item above them and go into its text. An item may carry its owner or timeline
as a run-in label ("... (trekker: wijkteam; planning: Q2 2026)"; labels are the action-column cue
words), in sub-items of its own ("- Trekker: wijkteam") or end in a when-cell ("Buurtavond organiseren
Q3 2026", "... (doorlopend)"; ingest/timeline.py).
In an evaluation the item's own words give its status (status_cues.py), and a part it ends in that opens
with a colour or a status word ("... (groen)", "...: oranje, ...") is its result, as a status cell is. An
item whose words give no status under a heading that says the listed actions were done ("Wat hebben we
gedaan?"; cue data) is done.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..cuewords import column_labels_regex, extract_cues, starts_with
from ..layout import Block, ListBlock, ListItem
from ..legend import mark_of
from ..model import Action
from ..timeline import normalise_timeline, split_timeline
from .locate import PriorityIndex
from .status_cues import status_of
from .table_actions import title_of


@lru_cache(maxsize=1)
def _label_regex() -> re.Pattern[str]:
    return re.compile(rf"(?:^|(?<=[\s(;,–—-]))(?:{column_labels_regex(('owner', 'timeline'))})\s*:\s*", re.I)


_PAREN_TAIL = re.compile(r"^(?P<text>.*\S)\s*\((?P<when>[^()]{1,40})\)\s*[.;]?$")


def _is_when(text: str) -> bool:
    """Does a trailing parenthesis hold a when-cell ("(Q2 2026)", "(doorlopend)", "(iedere maand)")?"""
    tl = normalise_timeline(text)
    return tl.start is not None or tl.open_ended or tl.recurring


def item_fields(text: str) -> tuple[str, str | None, str | None]:
    """(text without run-in labels, owner, timeline) of one list item."""
    rx = _label_regex()
    marks = list(rx.finditer(text))
    if not marks:
        split = split_timeline(text)
        if split and not split[2] and split[0]:
            return split[0], None, split[1]
        m = _PAREN_TAIL.match(text)
        if m and _is_when(m.group("when")):
            return m.group("text"), None, m.group("when")
        return text, None, None
    found: dict[str, str] = {}
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        value = re.split(r"[);]", text[m.end():end])[0].strip(" ,;–—-").removesuffix(".")  # not the sentence's stop
        found.setdefault(m.lastgroup or "", value)
    head = text[:marks[0].start()].rstrip(" ,;:(–—-")
    return head, found.get("owner") or None, found.get("timeline") or None


_RESULT_AFTER = re.compile(r"\s*:\s+|\s+[–—-]\s+")  # "Titel: oranje, ...", "Titel — rood; ..."


def result_part(text: str) -> tuple[str, str | None]:
    """An evaluated item's own text and the status it ends in, when it ends in one: "... (groen)", "...:
    oranje, het beleid gaat in april naar de raad", "... — vier avonden zijn georganiseerd". That part opens
    with a colour word or says a status; otherwise the whole text is the item's."""
    m = _PAREN_TAIL.match(text)
    if m and _says_status(m.group("when")):
        return m.group("text"), m.group("when")
    for sep in _RESULT_AFTER.finditer(text):
        if sep.start() > 0 and _says_status(text[sep.end():]):
            return text[:sep.start()], text[sep.end():].strip()
    return text, None


def _says_status(part: str) -> bool:
    return mark_of(part) is not None or status_of(part)[0] is not None


_NEGATED = re.compile(r"\b(?:niet|geen|nooit)\b", re.I)  # "de training is niet gegeven": no cue says done


def done_heading(path: tuple[str, ...]) -> str | None:
    """The heading over an evaluation's list that says its actions were carried out ("Wat hebben we gedaan?"):
    the status of an action whose own words say none and deny nothing, and the words it rests on."""
    return next((h for h in reversed(path) if starts_with(h, extract_cues().done_regions)), None)


def evaluated_list(block: Block) -> bool:
    """A list most of whose items end in a status: an evaluation's actions, wherever they stand."""
    if not isinstance(block, ListBlock):
        return False
    tops = [i for i in block.items if i.level == 1]
    return len(tops) >= 2 and 2 * sum(result_part(i.text)[1] is not None for i in tops) >= len(tops)


def _items(block: ListBlock) -> list[tuple[ListItem, list[ListItem]]]:
    out: list[tuple[ListItem, list[ListItem]]] = []
    for item in block.items:
        if item.level == 1 or not out:
            out.append((item, []))
        else:
            out[-1][1].append(item)
    return out


def list_actions(blocks: list[Block], index: PriorityIndex, group_of, status: bool = False,
                 report_year: int | None = None) -> list[Action]:
    """Actions of the lists among `blocks`; `group_of(block)` names the sub-heading they stand under."""
    out: list[Action] = []
    for block in blocks:
        if not isinstance(block, ListBlock):
            continue
        for item, subs in _items(block):
            text, owner, when = item_fields(item.text)
            if not text.strip():
                continue
            for sub in subs:  # "- Trekker: wijkregie" under the item: its fields as sub-items
                _, sub_owner, sub_when = item_fields(sub.text)
                owner, when = owner or sub_owner, when or sub_when
            source = "\n".join([item.text] + [f"- {s.text}" for s in subs])
            text, result = result_part(text) if status else (text, None)
            a = Action(ordinal=0, title=title_of(text), priority_number=index.number_for(block.section_path),
                       group=group_of(block), timeline=when, page=block.page, section_path=block.section_path,
                       source_text=source, trekker=owner, result=result)
            if status:
                a.status, a.status_basis = status_of(source)
                if a.status is None and not _NEGATED.search(source) and (heading := done_heading(block.section_path)):
                    a.status, a.status_basis = "afgerond", heading
            out.append(a)
    return out
