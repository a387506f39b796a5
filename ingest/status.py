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

Two rules use the when-column: an action still under way whose deadline year lies before the
report year is vertraagd (overdue), and an action without cues whose when-cell is continuous or
recurring ("Doorlopend", "Ieder kwartaal") is loopt with that cell as its basis.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from .timeline import normalise_timeline

STATUSES = ("afgerond", "loopt", "vertraagd", "niet_uitgevoerd", "vervallen", "overgeheveld")
_PRECEDENCE = ("vervallen", "overgeheveld", "niet_uitgevoerd", "vertraagd", "loopt", "afgerond")
COLOURS = {
    "afgerond": "groen",  # afgerond of behoeft geen bijsturing
    "vervallen": "groen",  # a decision was taken: nothing left to steer
    "loopt": "oranje",  # vorderingen gemaakt, maar niet afgerond
    "overgeheveld": "oranje",
    "vertraagd": "oranje",
    "niet_uitgevoerd": "rood",  # vergt nog veel aandacht/bijsturing
}

_UVP = r"(?:het\s+)?(?:nieuwe\s+)?(?:UVP|uitvoeringsplan)(?:\s*\d{4}(?:\s*-\s*\d{1,4})?)?"
_GAP = r"(?:[^.;:]{0,80}?\s)?"  # a few words inside one clause
_PARTICIPLES = (r"(?:afgerond|uitgevoerd|ingevoerd|ingeregeld|ingericht|vastgesteld|opgeleverd|gerealiseerd|"
                r"ondertekend|ontwikkeld|opgesteld|getraind|opgeleid|gevolgd|ge[iï]mplementeerd|georganiseerd|"
                r"gegeven|gehouden|ingezet|gecertificeerd|gemonitord|meegenomen|gedeeld|verzorgd|"
                r"plaatsgevonden|geweest|gebracht|vastgelegd|aangesteld|verstuurd|uitgezet|gepubliceerd|ingevuld|"
                r"besproken|ge[eé]valueerd|opgezet)")

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
        re.compile(r"\bbehoeft\s+nog\b|\bin\s+(?:ontwikkeling|voorbereiding)\b|\bstaat\s+(?:nu\s+)?gepland\b|"
                   r"\bworden\s+(?:\S+\s+){0,2}verwacht\b|\bgaat\s+verder\s+als\b", re.I),
    ],
    "afgerond": [
        re.compile(r"\b(?:is|zijn|en)\s+(?:inmiddels\s+)?afgerond\b", re.I),
        re.compile(r"\b(?:heeft|hebben)\s+" + _GAP + r"plaatsgevonden\b", re.I),
        re.compile(r"\b(?:is|zijn|heeft|hebben)\s+" + _GAP + _PARTICIPLES + r"\b", re.I),
        re.compile(r"\bgecertificeerd\b", re.I),
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


def _find(text: str) -> dict[str, str]:
    """The first accepted cue per status, as the words matched."""
    found: dict[str, str] = {}
    for status, patterns in _CUES.items():
        for pattern in patterns:
            for m in pattern.finditer(text):
                if _accept(status, text, m):
                    found.setdefault(status, m.group(0).strip())
                    break
            if status in found:
                break
    return found


def derive_status(result: str, timeline: str | None = None,
                  report_year: int | None = None) -> tuple[str | None, str | None]:
    """(status, basis) for an action's result text; (None, None) when the words do not say.

    `timeline` is the when-cell as written and `report_year` the year the report covers: with
    both, an action still under way after its deadline year is vertraagd.
    """
    text = _clean(result)
    found = _find(text) if text else {}
    for status in _PRECEDENCE:
        if status not in found:
            continue
        if status == "loopt" and timeline and report_year:
            tl = normalise_timeline(timeline)
            if tl.end is not None and not tl.recurring and tl.end.year < report_year:
                return "vertraagd", found[status]
        return status, found[status]
    if timeline:
        tl = normalise_timeline(timeline)
        if tl.open_ended or tl.recurring:
            return "loopt", _clean(timeline)
    return None, None


def colour_of(status: str | None) -> str | None:
    """The report legend's colour: groen (done or no steering needed), oranje (progress, not
    finished), rood (needs a lot of attention)."""
    return COLOURS.get(status) if status else None


def _status(item: Any) -> str | None:
    return item.get("status") if isinstance(item, dict) else getattr(item, "status", None)


def status_counts(actions: Iterable[Any]) -> dict[str, int]:
    """How many actions have each status ("onbekend" for none), every status present as a key."""
    counts = Counter(_status(a) or "onbekend" for a in actions)
    return {s: counts.get(s, 0) for s in (*STATUSES, "onbekend")}


def colour_counts(actions: Iterable[Any]) -> dict[str, int]:
    """How many actions fall under each legend colour ("onbekend" for no status)."""
    counts = Counter(colour_of(_status(a)) or "onbekend" for a in actions)
    return {c: counts.get(c, 0) for c in ("groen", "oranje", "rood", "onbekend")}
