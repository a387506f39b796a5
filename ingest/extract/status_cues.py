"""The status of an action from its status or result cell: the sentence reader first, then cue words.

`ingest/status.py` reads statuses from result sentences ("is afgerond", "wordt onderzocht") with
negation and precedence rules; a status column often holds one or two words instead ("Afgerond",
"In uitvoering", "Niet gestart"), which are the status cue words of ontology/cues.toml. A cue preceded
by a negation ("niet afgerond") does not count. The when-cell rules of `derive_status` (an action still
under way after its deadline year is vertraagd; an open-ended when-cell is loopt) apply to both.
"""
from __future__ import annotations

from ontology.cues import find_phrases
from ontology.normalize import tokenize

from ..cuewords import extract_cues
from ..status import derive_status
from ..timeline import normalise_timeline

_PRECEDENCE = ("vervallen", "overgeheveld", "niet_uitgevoerd", "vertraagd", "loopt", "afgerond")
_NEGATIONS = ("niet", "geen", "nooit")


def cue_status(text: str) -> tuple[str | None, str | None]:
    """(status, the words) from the status cue words in `text`, strongest status first."""
    by_phrase = {p: s for s, phrases in extract_cues().status.items() for p in phrases}
    phrases = tuple(sorted(by_phrase, key=lambda p: (-len(p.split()), p)))
    tokens = tokenize(text)
    found: dict[str, str] = {}
    for start, end, phrase in find_phrases(tokens, phrases, inflect=False):
        if start and tokens[start - 1].norm in _NEGATIONS and not phrase.startswith(_NEGATIONS):
            continue
        found.setdefault(by_phrase[phrase], text[tokens[start].start:tokens[end - 1].end])
    status = next((s for s in _PRECEDENCE if s in found), None)
    return (status, found[status]) if status else (None, None)


def _overdue(timeline: str | None, report_year: int | None) -> bool:
    if not (timeline and report_year):
        return False
    tl = normalise_timeline(timeline)
    return tl.end is not None and not tl.recurring and tl.end.year < report_year


def status_of(text: str, timeline: str | None = None,
              report_year: int | None = None) -> tuple[str | None, str | None]:
    """(status, basis) for a status or result cell; (None, None) when neither sentences nor cues say."""
    status, basis = derive_status(text, timeline, report_year)
    if status and basis != (timeline or "").strip():
        return status, basis
    cue, words = cue_status(text)
    if cue:
        return ("vertraagd" if cue == "loopt" and _overdue(timeline, report_year) else cue), words
    return status, basis
