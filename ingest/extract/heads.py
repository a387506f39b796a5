"""Reading a priority from a heading: "Prioriteit 2: Jeugd", "Speerpunt 3 – Ondermijning", "Ambitie 1".

The cue words are data (ontology/cues.toml [priorities] heads). A heading counts when it opens with a cue word in
its singular form followed by a number, or by a label ("Thema veilige wijken"): the number-less form is accepted by
the caller only when siblings share it, because one such heading is as likely a plain topic. A dotted number
("Doelstelling 2.1 Minder overlast", as a begroting or jaarverslag numbers the goals of its programme 2) is a
number-less head marked `sub`: the caller reads it only where no plainly numbered head of its cue stands beside it,
of which it would be a part. A plural cue in a short title ("Speerpunten", "Onze ambities", "De vier prioriteiten")
marks a section that lists the priorities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ontology.normalize import tokenize

from ..cuewords import extract_cues, phrase_starting, plural_at

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_NUMBERED = re.compile(r"\s*(?P<n>\d{1,2}|[IVX]{1,4})(?!\w|[.,]\d)\s*[:.)\-–—]?\s*(?P<label>.*)$")
_DOTTED = re.compile(r"\s*\d{1,2}(?:\.\d{1,2})+\.?(?!\w)\s*[:.)\-–—]?\s*(?P<label>.*)$")  # "2.1 Minder overlast"
_MAX_LIST_TITLE = 6  # words (numbers left out) in a title that lists priorities; longer is a sentence


@dataclass(frozen=True)
class Head:
    cue: str  # the folded cue phrase: "speerpunt"
    number: int | None
    label: str  # "" for a bare "Ambitie 1"
    sub: bool = False  # numbered "2.1": within a chapter or a priority, not a number of the plan's own


def clean_label(text: str) -> str:
    """Trailing punctuation off, first letter up: list items and headings read alike."""
    t = re.sub(r"\s+", " ", text).strip(" \t.;,:–—-")
    return t[:1].upper() + t[1:]


def parse_head(title: str) -> Head | None:
    """The priority a heading names, or None when it does not open with a priority cue."""
    tokens = tokenize(title)
    cue = phrase_starting(tokens, extract_cues().priority_heads)
    if cue is None:
        return None
    n_words = len(cue.split())
    if n_words < len(tokens) and tokens[n_words].norm == "s" and tokens[n_words].start - tokens[n_words - 1].end == 1:
        return None  # "Thema's": the plural, a title over the priorities, not one of them
    rest = title[tokens[n_words - 1].end:]
    m = _NUMBERED.match(rest)
    if m and (m.group("n").isdigit() or m.group("n") in _ROMAN):
        n = m.group("n")
        return Head(cue, int(n) if n.isdigit() else _ROMAN[n], clean_label(m.group("label")))
    dotted = _DOTTED.match(rest)
    if dotted:
        label = clean_label(dotted.group("label"))
        return Head(cue, None, label, sub=True) if label and not label[:1].isdigit() else None
    label = clean_label(rest)
    if not label or rest[:1].isalnum() or label[:1].isdigit():  # "Ambitie" alone
        return None
    return Head(cue, None, label)


def is_list_title(title: str) -> bool:
    """A short title with a plural priority cue: "Prioriteiten", "Speerpunten 2021", "Onze ambities"."""
    if title.rstrip().endswith(":"):
        return False
    tokens = tokenize(title)
    if len([t for t in tokens if not t.norm.isdigit()]) > _MAX_LIST_TITLE:
        return False
    return plural_at(tokens, extract_cues().priority_heads) is not None
