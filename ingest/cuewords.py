"""The cue words extractors look for, read from ontology/cues.toml, and the two ways they are matched.

Plans name the same part many ways ("Prioriteit 2", "Speerpunt 2", "Pijler 2"; "Activiteiten",
"Maatregelen", "Acties"), so no reader names a heading itself: the words are data, and a new term is a
line in the cue file. Text is compared as folded word tokens (ontology/normalize.py), so case, accents
and line breaks do not matter. Both the layout extractors (ingest/extract/) and the line readers
(ingest/uvp.py, ingest/evaluation.py) read their heading words from here.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from ontology.cues import CUES_FILE, cues, phrase_at
from ontology.normalize import Token, key, tokenize


@dataclass(frozen=True)
class ExtractCues:
    """Folded phrases, longest first (the longest phrase at a position is the one that counts)."""

    priority_heads: tuple[str, ...]  # "prioriteit", "speerpunt", "strategisch doel"
    action_columns: dict[str, tuple[str, ...]]  # role -> header words: action, owner, timeline, status
    status: dict[str, tuple[str, ...]]  # status -> words in a result cell
    action_regions: tuple[str, ...]  # "wat gaan we doen", "maatregelen"
    done_regions: tuple[str, ...]  # "wat hebben we gedaan": what an evaluation lists there was carried out
    goal: tuple[str, ...]
    annex: tuple[str, ...]
    review: tuple[str, ...]
    enumeration_leads: tuple[str, ...]
    articles: tuple[str, ...]
    navigation: tuple[str, ...]  # "terug naar inhoud": a page's link back to the contents
    numbers: dict[str, int]


def _keys(words) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(k for k in map(key, words) if k), key=lambda k: (-len(k.split()), k)))


@lru_cache(maxsize=1)
def extract_cues() -> ExtractCues:
    """The shared vocabulary of ontology/cues.py plus the file's own [extract] section, loaded once."""
    with CUES_FILE.open("rb") as fh:
        data = tomllib.load(fh).get("extract")
    if data is None:
        raise ValueError(f"{CUES_FILE.name}: the [extract] section is missing (read by ingest/cuewords.py)")
    c = cues()
    return ExtractCues(
        priority_heads=c.priority_heads, action_columns=c.action_columns, status=c.status,
        action_regions=_keys(data["action_regions"]), done_regions=_keys(data["done_regions"]),
        goal=_keys(data["goal"]), annex=_keys(data["annex"]), review=_keys(data["review"]),
        enumeration_leads=_keys(data["enumeration_leads"]), articles=_keys(data["articles"]),
        navigation=_keys(data["navigation"]),
        numbers={key(k): int(v) for k, v in data["numbers"].items()},
    )


def phrase_starting(tokens: list[Token], phrases: tuple[str, ...], i: int = 0, inflect: bool = False) -> str | None:
    """The phrase that stands at token `i`, if any."""
    return next((p for p in phrases if phrase_at(tokens, i, p, inflect)), None)


def starts_with(text: str, phrases: tuple[str, ...], inflect: bool = False) -> str | None:
    """The phrase `text` opens with ("Maatregelen 2026" -> "maatregelen")."""
    return phrase_starting(tokenize(text), phrases, 0, inflect)


def contains(text: str, phrases: tuple[str, ...], inflect: bool = False) -> str | None:
    """The first phrase that occurs anywhere in `text`."""
    tokens = tokenize(text)
    return next((p for i in range(len(tokens)) if (p := phrase_starting(tokens, phrases, i, inflect))), None)


def plural_at(tokens: list[Token], phrases: tuple[str, ...]) -> int | None:
    """Index of the first token that is a phrase's last word in a plural or compound form: "prioriteiten",
    "speerpunten", "thema's" (read as "thema" + "s"), "aandachtsgebieden"."""
    for i in range(len(tokens)):
        for p in phrases:
            n = phrase_at(tokens, i, p, inflect=True)
            if not n:
                continue
            last = tokens[i + n - 1].norm
            apostrophe_s = i + n < len(tokens) and tokens[i + n].norm == "s"
            if last != p.split()[-1] or apostrophe_s:
                return i
    return None


def phrase_regex(phrases: tuple[str, ...]) -> str:
    """A regex alternation for folded phrases, words joined by any white space, longest first: for the line
    readers, which match raw lines. Case is the caller's choice (flags)."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)


def column_labels_regex(roles: tuple[str, ...]) -> str:
    """An alternation of the action-column words of `roles`, each role a named group ("owner": trekker,
    wie, ...), so a match's `lastgroup` says which field a label opens."""
    columns = extract_cues().action_columns
    return "|".join(f"(?P<{role}>{phrase_regex(columns[role])})" for role in roles)


def heading_line_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """A line that opens with one of `phrases` and reads as a heading, not a sentence: at most about a
    hundred characters and no full stop or semicolon ("Acties voor 2027?", "Maatregelen")."""
    return re.compile(rf"^\s*(?:{phrase_regex(phrases)})\b(?=[^.;\n]{{0,100}}$)", re.I)
