"""Priorities named in a sentence: "De prioriteiten zijn: ondermijning, jeugd en verkeer", "We kiezen voor
drie speerpunten: A, B en C", "..., te weten: (1) ...; (2) ...", or in the list a sentence leads into ("We
kiezen de volgende prioriteiten:" and a list under it).

A sentence qualifies when a priority cue stands in it in the plural and a colon or an enumeration lead
("te weten", "namelijk", "zijn"; cue data) follows within a few words. The items are split on "(n)"
marks, else on semicolons, else on commas with a final "en"/"of". A count in the sentence ("drie
speerpunten") that disagrees with the items found is noted, not trusted over them.
"""
from __future__ import annotations

import re

from ontology.normalize import Token, tokenize

from ..cuewords import extract_cues, phrase_starting, plural_at
from ..layout import Block, ListBlock, Paragraph
from ..model import Priority
from ..plans import sentences
from .from_lists import list_priorities
from .heads import clean_label
from .model import Found
from .scope import where

_LEAD_GAP = 4  # words between the cue and the lead
_MARKS = re.compile(r"\(\s*\d{1,2}\s*\)")
_LAST = re.compile(r",?\s+(?:en|of)\s+(?=\S)")
_ITEM_WORDS = 12


def _start_of_list(sentence: str, tokens: list[Token], cue: int) -> int | None:
    """Offset in `sentence` where the enumeration begins, or None."""
    c = extract_cues()
    colon = sentence.find(":", tokens[cue].end)
    gap_end = tokens[min(cue + _LEAD_GAP, len(tokens) - 1)].end
    if 0 <= colon <= gap_end:
        return colon + 1
    for i in range(cue + 1, min(cue + 1 + _LEAD_GAP, len(tokens))):
        lead = phrase_starting(tokens, c.enumeration_leads, i)
        if lead:
            return tokens[i + len(lead.split()) - 1].end
    return None


def _items(text: str) -> list[str]:
    text = text.strip().rstrip(".")
    if len(_MARKS.findall(text)) >= 2:
        parts = _MARKS.split(text)[1:]
    elif ";" in text:
        parts = text.split(";")
    else:  # "A, B en C": without the final "en"/"of" the commas are a sentence's, not a list's
        parts = text.split(",")
        tail = _LAST.split(parts[-1], maxsplit=1)
        if len(tail) < 2:
            return []
        parts = parts[:-1] + tail
    return [_clean(p) for p in parts]


def _clean(item: str) -> str:
    words = item.strip(" ;,.").split()
    arts = extract_cues().articles
    while words and words[0].lower() in ("en", "of", *arts):
        words = words[1:]
    while words and words[-1].lower().strip(";,") in ("en", "of"):
        words = words[:-1]
    return clean_label(" ".join(words))


def _count(tokens: list[Token], cue: int) -> int | None:
    if cue == 0:
        return None
    word = tokens[cue - 1].norm
    return int(word) if word.isdigit() else extract_cues().numbers.get(word)


def enumeration(sentence: str) -> tuple[list[str], int | None] | None:
    """The items a sentence enumerates as priorities, and the count it states; None when it does not."""
    tokens = tokenize(sentence)
    cue = plural_at(tokens, extract_cues().priority_heads)
    if cue is None:
        return None
    start = _start_of_list(sentence, tokens, cue)
    if start is None:
        return None
    items = _items(sentence[start:])
    if len(items) < 2 or not all(items) or any(len(i.split()) > _ITEM_WORDS for i in items):
        return None
    return items, _count(tokens, cue)


def leads_into_list(sentence: str) -> bool:
    """Does the sentence end where its enumeration of priorities should begin ("We kiezen de volgende
    speerpunten:"), so that the list after it holds them?"""
    tokens = tokenize(sentence)
    cue = plural_at(tokens, extract_cues().priority_heads)
    start = _start_of_list(sentence, tokens, cue) if cue is not None else None
    return start is not None and not sentence[start:].strip()


def from_prose(blocks: list[Block]) -> Found:
    for k, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        said = sentences(block.text)
        after = blocks[k + 1] if k + 1 < len(blocks) else None
        if said and isinstance(after, ListBlock) and leads_into_list(said[-1]) and (listed := list_priorities(after)):
            return Found(listed, [f"priorities read from the list a sentence leads into in "
                                  f"{where(block.section_path)}"])
        for sentence in said:
            found = enumeration(sentence)
            if not found:
                continue
            items, count = found
            notes = [f"priorities read from a sentence in {where(block.section_path)}"]
            if count is not None and count != len(items):
                notes.append(f"the sentence names {count} priorities but lists {len(items)}")
            return Found([Priority(number=n, label=label, page=block.page, section_path=block.section_path,
                                   sentence=sentence) for n, label in enumerate(items, 1)], notes)
    return Found()
