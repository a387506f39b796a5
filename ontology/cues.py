"""The cue vocabulary of ontology/cues.toml: words that say what a document is and who it is for.

Kept as data so that the metadata reader (ingest/metadata.py), the owner reader (ingest/owners.py) and
later extractors (priority headings, action-table columns, status words) read one list, and a new term
needs no code change. Cues are compared as folded word tokens (ontology/normalize.py).

    >>> c = cues()
    >>> c.kinds["uvp"].label, "jaarplan" in c.kinds["uvp"].names
    ('Uitvoeringsplan', True)
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .normalize import Token, key

CUES_FILE = Path(__file__).resolve().parent / "cues.toml"
KIND_NAMES = ("ivp", "uvp", "evaluation", "council_note")


@dataclass(frozen=True)
class KindCues:
    """How one kind of document names itself."""

    kind: str
    label: str  # the Dutch name used in a title when the document's own words are not at hand
    names: tuple[str, ...]  # folded keys: "integraal veiligheidsplan", "jaarplan"
    about: tuple[str, ...] = ()  # evaluation: words before a plan's name that make a report on it
    letterhead: tuple[str, ...] = ()  # council note: letterhead fields only a council note has
    headers: tuple[str, ...] = ()  # council note: letterhead fields other documents may share


@dataclass(frozen=True)
class Cues:
    kinds: dict[str, KindCues]
    precedence: tuple[str, ...]
    self_reference: tuple[str, ...]
    authorship: tuple[str, ...]
    documents: tuple[str, ...]  # nouns a document calls itself by besides its kind's names
    contents: tuple[str, ...]
    gemeente: tuple[str, ...]  # words before a gemeente's name
    signature: tuple[str, ...]  # words before a gemeente's name in a closing or signature
    not_gemeente: tuple[str, ...]  # words before a place name that make it a region or another body's
    basisteam: tuple[str, ...]  # words before a basisteam's name
    driehoek: tuple[str, ...]  # words before a gezagsdriehoek's name (a basisteam's or a gemeente's)
    common_word_gemeenten: tuple[str, ...]  # folded names that need a cue or the title line
    title_subjects: tuple[str, ...]  # words a title puts between the kind of document and the place
    priority_heads: tuple[str, ...]
    action_columns: dict[str, tuple[str, ...]]
    status: dict[str, tuple[str, ...]]


def _keys(words) -> tuple[str, ...]:
    """Folded, de-duplicated, longest first: the longest cue at a position is the one that counts."""
    return tuple(sorted(dict.fromkeys(k for k in map(key, words) if k), key=lambda k: (-len(k.split()), k)))


def load(path: Path = CUES_FILE) -> Cues:
    """Parse the cue file; a missing kind or precedence entry is an error, not a silent gap."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    k = data["kinds"]
    kinds = {
        name: KindCues(name, k[name]["label"], _keys(k[name]["names"]), _keys(k[name].get("about", ())),
                       _keys(k[name].get("letterhead", ())), _keys(k[name].get("headers", ())))
        for name in KIND_NAMES
    }
    precedence = tuple(k["precedence"])
    if sorted(precedence) != sorted(KIND_NAMES):
        raise ValueError(f"{path.name}: kinds.precedence must list {', '.join(KIND_NAMES)}")
    o = data["owners"]
    return Cues(
        kinds=kinds, precedence=precedence, self_reference=_keys(k["self_reference"]),
        authorship=_keys(k["authorship"]), documents=_keys(k["documents"]), contents=_keys(k["contents"]),
        gemeente=_keys(o["gemeente"]), signature=_keys(o["signature"]),
        not_gemeente=_keys(o["not_gemeente"]), basisteam=_keys(o["basisteam"]),
        driehoek=_keys(o["driehoek"]),
        common_word_gemeenten=_keys(o["common_word_gemeenten"]), title_subjects=_keys(o["title_subjects"]),
        priority_heads=_keys(data["priorities"]["heads"]),
        action_columns={c: _keys(v) for c, v in data["action_columns"].items()},
        status={s: _keys(v) for s, v in data["status"].items()},
    )


def _inflected(word: str, token: str) -> bool:
    """May `token` be `word` in a plural or as the tail of a compound? "plannen", "evaluaties",
    "tussenevaluatie"; short words only exactly (an "ivp" is not the end of a longer word)."""
    if token in (word + "s", word + "en", word + "n", word + word[-1:] + "en"):
        return True
    return len(word) >= 6 and token.endswith(word)


def phrase_at(tokens: list[Token], i: int, phrase: str, inflect: bool = True) -> int:
    """How many tokens a folded `phrase` covers at position `i`; 0 when it does not stand there."""
    words = phrase.split()
    if not words or i + len(words) > len(tokens):
        return 0
    for j, w in enumerate(words):
        t = tokens[i + j].norm
        if t != w and not (inflect and j == len(words) - 1 and _inflected(w, t)):
            return 0
    return len(words)


def find_phrases(tokens: list[Token], phrases: tuple[str, ...], inflect: bool = True) -> list[tuple[int, int, str]]:
    """Non-overlapping (first token, end token, phrase) of `phrases` in `tokens`, left to right; at one
    position the longest phrase wins (`phrases` come longest first from the loader)."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        for p in phrases:
            n = phrase_at(tokens, i, p, inflect)
            if n:
                out.append((i, i + n, p))
                i += n
                break
        else:
            i += 1
    return out


def ends_with(tokens: list[Token], end: int, phrases: tuple[str, ...]) -> str | None:
    """The phrase that stands right before token `end` ("de gemeente" before "Oss"), if any."""
    for p in phrases:
        n = len(p.split())
        if end - n >= 0 and phrase_at(tokens, end - n, p, inflect=False) == n:
            return p
    return None


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The packaged cue vocabulary, loaded once per process."""
    return load()
