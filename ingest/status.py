"""The status of an evaluated action, read from the words of its result.

Evaluation reports mark status with coloured dots that a text layer loses; what survives is the
wording ("is afgerond", "is opgenomen in het UVP 2025-2026", "Eerder is besloten om dit
actiepunt niet meer uit te voeren", "kon ... geen volledige doorgang vinden"). `derive_status`
finds those cues and returns the status together with the exact words that decided it, so a
reader can check the call against the source.

Statuses: afgerond, loopt, vertraagd, niet_uitgevoerd, vervallen, overgeheveld (carried into
the next uitvoeringsplan).

Precedence when one result holds several cues, from strongest to weakest:

1. vervallen - a decision to stop the action ends it, whatever was done before;
2. overgeheveld - whatever part is finished, the action lives on in the new plan and the
   gezagsdriehoek follows it there; this is what they need to know first;
3. niet_uitgevoerd - the deliverable does not exist ("er is geen plan gemaakt");
4. vertraagd - done in part or later than planned ("kon geen volledige doorgang vinden",
   "capaciteitsprobleem"): it exists but fell short, unlike niet_uitgevoerd;
5. loopt - still under way ("wordt onderzocht", "wordt in 2025 verder opgepakt", an
   "Aanbeveling: ... afwachten");
6. afgerond - done ("is afgerond", "heeft plaatsgevonden", "is gegeven", "zijn georganiseerd").

Where no sentence says it, the status words of ontology/cues.toml [status] decide: a status cell often
holds one or two words ("Afgerond", "In uitvoering", "Niet gestart"). A cue preceded by a negation
("niet afgerond") does not count.

The status is read from result words only, never from the when-column: "Doorlopend" or "Na een actie
of controle" says when an action runs, not how far it got, and a passed deadline is a separate fact
(the overdue view of kg/actions.py). The colour a report gives an action is ingest/legend.py's.
"""
from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ontology.cues import CUES_FILE, cues, find_phrases
from ontology.normalize import tokenize

STATUSES = ("afgerond", "loopt", "vertraagd", "niet_uitgevoerd", "vervallen", "overgeheveld")
_PRECEDENCE = ("vervallen", "overgeheveld", "niet_uitgevoerd", "vertraagd", "loopt", "afgerond")
_NEGATIONS = ("niet", "geen", "nooit")


def _sentence_words(name: str) -> list[str]:
    """The words of [status_sentences] `name` in the cue file, longest first; a missing list is an error."""
    with CUES_FILE.open("rb") as fh:
        words = tomllib.load(fh).get("status_sentences", {}).get(name)
    if not words:
        raise ValueError(f"{CUES_FILE.name}: [status_sentences] {name} is missing (read by ingest/status.py)")
    return sorted(set(words), key=lambda w: (-len(w), w))


@lru_cache(maxsize=1)
def _done_participles() -> str:
    """The participles of [status_sentences] done, as one regex alternation (longest first)."""
    return "(?:" + "|".join(re.escape(w) for w in _sentence_words("done")) + ")"


def _past_forms(name: str) -> str:
    """The simple-past verbs of [status_sentences] `name`, as one regex that takes in the rest of the clause
    (so a negation there is seen: "organiseerde geen avonden"); "voerde ... uit" is a verb and its particle."""
    alts = [r"\b" + r"\b[^.;:!?]{0,80}?\b".join(re.escape(w.strip()) for w in form.split("...")) + r"\b"
            for form in _sentence_words(name)]
    return "(?:" + "|".join(alts) + r")[^.;:!?]*"


_UVP = r"(?:het\s+)?(?:nieuwe\s+)?(?:UVP|uitvoeringsplan)(?:\s*\d{4}(?:\s*-\s*\d{1,4})?)?"
_GAP = r"(?:[^.;:]{0,80}?\s)?"  # a few words inside one clause


_CUES: dict[str, list[re.Pattern[str]]] = {
    "vervallen": [
        re.compile(r"(?:(?:eerder\s+)?is\s+)?besloten\s+(?:om\s+)?" + _GAP + r"niet\s+(?:meer|verder)\s+"
                   r"(?:uit\s+te\s+voeren|op\s+te\s+nemen|te\s+\w+|\w+)(?:\s+in\s+" + _UVP + r")?", re.I),
        re.compile(r"niet\s+meer\s+(?:uit\s+te\s+voeren|uitvoeren|uitgevoerd)", re.I),
        re.compile(r"niet\s+verder\s+op\s+te\s+nemen", re.I),
        re.compile(r"\b(?:komt|is)\s+(?:te\s+)?vervallen|\bgeschrapt\b", re.I),
        re.compile(r"in\s+plaats\s+van\s+(?:een\s+)?(?:aparte?\s+)?\w+\s+te\s+(?:ontwikkelen|maken|organiseren)", re.I),
    ],
    "overgeheveld": [
        re.compile(r"(?:(?:is|zijn|wordt|worden)\s+)?(?:\w+\s+){0,2}?(?:ook\s+)?(?:zo\s+)?opgenomen\s+in\s+"
                   + _UVP, re.I),
        re.compile(r"komt\s+(?:ook\s+)?terug\s+in\s+" + _UVP, re.I),
        re.compile(r"(?:wordt|worden)\s+(?:verder\s+)?meegenomen\s+in\s+" + _UVP, re.I),
        re.compile(r"doorgeschoven\s+naar\s+" + _UVP, re.I),
    ],
    "niet_uitgevoerd": [
        re.compile(r"(?:is\s+(?:echter\s+)?)?geen\s+plan\s+(?:van\s+aanpak\s+)?(?:gemaakt|opgesteld)", re.I),
        re.compile(r"(?:is|zijn)\s+(?:\S+\s+){0,3}?niet\s+(?:meer\s+)?(?:uitgevoerd|verstuurd|gerealiseerd|gemaakt|"
                   r"opgesteld|georganiseerd|gehouden|gestart|opgepakt)", re.I),
        re.compile(r"niet\s+(?:aan\s+)?toegekomen", re.I),
        re.compile(r"\bniet\s+gemaakt\b", re.I),
    ],
    "vertraagd": [
        re.compile(r"\bvertraagd\b|\bvertraging\b|\buitgesteld\b|later\s+dan\s+gepland", re.I),
        re.compile(r"kon(?:den)?\s+(?:[^.;:]{0,160}?\s)?geen\s+(?:volledige\s+)?doorgang\s+vinden", re.I),
        re.compile(r"\bcapaciteitsprobl\w*|\bonvoldoende\s+(?:\w*capaciteit|personen)\b|"
                   r"\bontbreken\s+(?:van\s+)?(?:voldoende\s+)?\w*capaciteit\b", re.I),
        re.compile(r"niet\s+(?:volledig|geheel)\s+(?:uitgevoerd|gerealiseerd|afgerond)", re.I),
    ],
    "loopt": [
        re.compile(r"\b(?:er\s+)?loopt\b", re.I),
        re.compile(r"(?:wordt|worden)\s+(?:\S+\s+){0,3}?onderzocht", re.I),
        re.compile(r"\b(?:wordt|worden)\s+(?:(?!(?:wordt|worden)\b)\S+\s+){0,7}?verder\s+"
                   r"(?:opgepakt|uitgewerkt|behandeld|"
                   r"ontwikkeld|onderzocht)", re.I),
        re.compile(r"(?:zal|zullen)\s+in\s+\d{4}\s+worden\s+\w+", re.I),
        re.compile(r"Aanbeveling:\s*" + _GAP + r"afwachten", re.I),
        re.compile(r"nog\s+niet\s+(?:\S+\s+){0,5}?(?:bepaald|afgerond|gereed|geborgd|volledig)", re.I),
        re.compile(r"(?:is|zijn)\s+(?:er\s+)?(?:\S+\s+){0,3}?gestart(?:\s+met)?", re.I),
        re.compile(_past_forms("started_past"), re.I),
        re.compile(r"\bbehoeft\s+nog\b|\bin\s+(?:ontwikkeling|voorbereiding)\b|\bstaat\s+(?:nu\s+)?gepland\b|"
                   r"\bworden\s+(?:\S+\s+){0,2}verwacht\b|\bgaat\s+verder\s+als\b", re.I),
    ],
    "afgerond": [
        re.compile(r"\b(?:is|zijn|en)\s+(?:inmiddels\s+)?afgerond\b", re.I),
        re.compile(r"\b(?:heeft|hebben)\s+" + _GAP + r"plaatsgevonden\b", re.I),
        re.compile(r"\b(?:is|zijn|heeft|hebben)\s+" + _GAP + _done_participles() + r"\b", re.I),
        re.compile(r"\bgecertificeerd\b", re.I),
        re.compile(_past_forms("done_past"), re.I),
        re.compile(r"\bhanteren\s+deze\s+werkwijze\b|\bals\s+vast\s+agendapunt\b", re.I),
    ],
}
_NEGATION = re.compile(r"\b(?:niet|geen|nog\s+niet)\b", re.I)
# "te wachten tot dat onderzoek is afgerond": a condition, not a fact
_CONDITION = re.compile(r"\b(?:tot(?:dat)?|zodra|nadat|wanneer|indien|mits)\b[^.;]*$", re.I)
_STATUS_DOT = re.compile(r"\s+[‘’'`.]+(?=\s|$)")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", _STATUS_DOT.sub(" ", text or "")).strip()


def _accept(status: str, text: str, m: re.Match[str]) -> bool:
    """Reject a cue that is negated or conditional in its own clause."""
    if status == "afgerond":
        if _NEGATION.search(m.group(0)):
            return False
        # the clause up to the cue's last word: "te wachten tot dat onderzoek is | afgerond"
        last = m.start() + m.group(0).rstrip().rfind(" ") + 1
        clause = re.split(r"[.;:]\s", text[max(0, m.start() - 80):last])[-1]
        if _CONDITION.search(clause) or re.search(r"\bnog\s+niet\s*$", clause):
            return False
    if status == "loopt":
        clause = re.split(r"[.;:]\s", text[max(0, m.start() - 80):m.start()])[-1]
        if re.search(r"\b(?:wanneer|indien|zodra|mocht)\b", clause, re.I):
            return False
    if status == "overgeheveld":
        before = text[max(0, m.start() - 40):m.start()]
        if re.search(r"\bniet\s+(?:verder\s+)?$", before) or re.search(r"\bniet\b", m.group(0)):
            return False
    return True


def _find(text: str) -> tuple[dict[str, str], set[str]]:
    """The first accepted cue per status, as the words matched; and the statuses whose every cue was
    rejected (negated or conditional), which the cue words must not bring back."""
    found: dict[str, str] = {}
    rejected: set[str] = set()
    for status, patterns in _CUES.items():
        for pattern in patterns:
            for m in pattern.finditer(text):
                if _accept(status, text, m):
                    found.setdefault(status, m.group(0).strip())
                    break
                rejected.add(status)
            if status in found:
                break
    return found, rejected - set(found)


def cue_status(text: str, ruled_out: set[str] | frozenset[str] = frozenset()) -> tuple[str | None, str | None]:
    """(status, the words) from the status cue words of ontology/cues.toml [status], strongest first;
    statuses in `ruled_out` are not read."""
    by_phrase = {p: st for st, phrases in cues().status.items() for p in phrases}
    phrases = tuple(sorted(by_phrase, key=lambda p: (-len(p.split()), p)))
    tokens = tokenize(text)
    found: dict[str, str] = {}
    for start, end, phrase in find_phrases(tokens, phrases, inflect=False):
        if start and tokens[start - 1].norm in _NEGATIONS and not phrase.startswith(_NEGATIONS):
            continue
        found.setdefault(by_phrase[phrase], text[tokens[start].start:tokens[end - 1].end])
    status = next((st for st in _PRECEDENCE if st in found and st not in ruled_out), None)
    return (status, found[status]) if status else (None, None)


_PERCENT = re.compile(r"^(?:voortgang\s*:?\s*)?(\d{1,3})(?:[.,]\d+)?\s*%(?:\s+(?:gereed|klaar|afgerond|voltooid|"
                      r"gerealiseerd|uitgevoerd))?\.?$", re.I)


def percent_status(cell: str) -> str | None:
    """The status a progress cell that is only a share gives ("100%" done, "60%" under way, "0%" not started)."""
    m = _PERCENT.match(cell.strip())
    if not m or int(m.group(1)) > 100:
        return None
    share = int(m.group(1))
    return "afgerond" if share == 100 else "loopt" if share else "niet_uitgevoerd"


def derive_status(result: str) -> tuple[str | None, str | None]:
    """(status, basis) for an action's result or status cell; (None, None) when the words do not say.

    Result sentences first ("is afgerond", "wordt onderzocht"), then the status cue words, then a cell that is
    only a share of the work done ("60%").
    """
    text = _clean(result)
    if not text:
        return None, None
    if (by_share := percent_status(text)) is not None:
        return by_share, text
    found, rejected = _find(text)
    status = next((st for st in _PRECEDENCE if st in found), None)
    if status:
        return status, found[status]
    return cue_status(text, rejected)


_ANSWERS = {"ja": True, "yes": True, "nee": False, "no": False, "deels": None, "gedeeltelijk": None,
            "grotendeels": None, "ten dele": None}
_OPPOSITE = {"afgerond": "niet_uitgevoerd"}


def answered_status(question: str, cell: str) -> tuple[str | None, str | None]:
    """(status, basis) for a cell that answers its column's question ("Gerealiseerd?" | "Ja"): yes is the status
    the question names, no its opposite, "deels" done in part (vertraagd); (None, None) for any other cell or a
    question that names no status."""
    words = " ".join(re.sub(r"[^\w\s]", " ", cell).split()).casefold()
    answer = next((a for w, a in _ANSWERS.items() if words == w or words.startswith(w + " ")), "none")
    if answer == "none":
        return None, None
    named, _ = cue_status(question)
    if named is None:
        return None, None
    status = named if answer is True else _OPPOSITE.get(named) if answer is False else "vertraagd"
    return (status, f"{' '.join(question.split())} {' '.join(cell.split())}") if status else (None, None)


def _status(item: Any) -> str | None:
    return item.get("status") if isinstance(item, dict) else getattr(item, "status", None)


def status_counts(actions: Iterable[Any]) -> dict[str, int]:
    """How many actions have each status ("onbekend" for none), every status present as a key."""
    counts = Counter(_status(a) or "onbekend" for a in actions)
    return {s: counts.get(s, 0) for s in (*STATUSES, "onbekend")}
