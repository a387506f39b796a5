"""The "when" column of plans and evaluations, read as dates.

Plans write deadlines in many loose forms ("Q4 2025- Q1 2026", "Eind 2023", "Doorlopend",
"Lokaal 2x per jaar", "2023-2024 (verkenning) 2025 (uitvoering)") and the PDF text layers
add OCR damage ("Ql" for Q1, "Q12026" for "Q1 2026", em dashes, "leder" for "Ieder").
`normalise_timeline` turns such text into a date range plus two flags, and never raises: a
text it cannot read keeps its wording with no dates, because a wrong date is worse than none. A period named
as a deadline is read as one: "vóór de zomer van 2026" is due 31 May 2026, not the summer, and "na de zomer
van 2026" is the rest of that year.

The module also offers the recognisers that table readers need to find a "when" cell in a
flattened table line (`starts_with_timeline`, `split_timeline`), and `sentence_timeline`, which finds the
when inside an action's own sentence ("In het tweede kwartaal van 2026 organiseren we ...") for plans that
have no when-column at all.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date


@dataclass
class Timeline:
    """A when-cell as written, with the period it covers.

    `open_ended`: the text names no end ("Doorlopend", or a first date followed by repeats).
    `recurring`: the action repeats ("2x per jaar", "Ieder kwartaal", "Periodiek", "Na een actie").
    """

    text: str
    start: date | None = None
    end: date | None = None
    open_ended: bool = False
    recurring: bool = False


MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_YEAR = r"20\d\d"
_Q = r"Q\s?[1-4lI|]"
_DASH = r"\s*[-–—/]\s*"

# Parts of the year a word names, as (first month, last month).
_SEASONS = {
    "begin": (1, 3), "start": (1, 3), "aanvang": (1, 3), "eind": (10, 12), "einde": (10, 12),
    "medio": (4, 9), "midden": (4, 9), "voorjaar": (3, 5), "zomer": (6, 8), "najaar": (9, 11),
    "eerste helft": (1, 6), "tweede helft": (7, 12), "1e helft": (1, 6), "2e helft": (7, 12),
}
_SEASON = r"(?:" + "|".join(sorted((re.escape(s) for s in _SEASONS), key=len, reverse=True)) + r")"

_OPEN = re.compile(r"\b(doorlopend|continu|structureel|voortdurend|permanent|blijvend|lopend)\b", re.I)
_RECURRING = re.compile(
    r"\b(periodiek|jaarlijks\w*|halfjaarlijks\w*|tweejaarlijks\w*|maandelijks|wekelijks|dagelijks|"
    r"\d+\s*x\s*per|\d+\s*keer\s+per|(?:[il]eder|elke|ieder|per)e?\s+(?:kwartaal|jaar|maand|week|half\s*jaar)|"
    r"na\s+(?:een|elke|iedere?)\s+\w+)\b", re.I)

# A when-cell's first words: what a table reader may take as the start of a when cell.
_START_TOKEN = (
    rf"(?:(?i:{_Q}\s*(?:en|[-–—/])?\s*(?:{_Q})?\s*[-–—]?\s*{_YEAR}"
    rf"|{_YEAR}(?:{_DASH}{_YEAR}|\s+(?:en|t/m|tot)\s+{_YEAR})?"
    rf"|\d{{1,2}}\s+{_MONTH}\s+{_YEAR}"
    rf"|{_MONTH}(?:{_DASH}{_MONTH})?\s+{_YEAR}"
    rf"|{_SEASON}\s+{_YEAR})"
    # a deadline before a period, capitalised as a cell starts: "Vóór de zomer van 2026", "Voor juli 2026"
    rf"|(?:V[óo]{{1,2}}r|Na)\s+(?:de\s+|het\s+)?(?i:{_SEASON}|{_MONTH})(?:\s+van)?\s+{_YEAR}"
    # bare words only with a capital: "structureel" inside a title is prose
    r"|Doorlopend|Continu|Periodiek|Jaarlijks|Halfjaarlijks|Structureel"
    r"|(?:Lokaal|Regionaal)\s+\d+\s*x\s*per(?:\s+jaar)?|\d+\s*x\s*per(?:\s+jaar)?"
    r"|(?:[IlL]edere?|Elke?)\s+(?:kwartaal|jaar|maand|week)"
    r"|Na\s+(?:een|elke|iedere?)\s+\w+(?:\s+of\s+\w+)?)"
)
_STARTS = re.compile(rf"^\s*[|=]?\s*{_START_TOKEN}(?![\w-])")
# A token at the end of a table line, or in its middle when a third column follows.
_TAIL = re.compile(
    rf"^(?P<text>.*?[^\s|=])\s*[|=]?\s+(?P<when>{_START_TOKEN})"
    r"(?:\s*$|\s+(?P<rest>[A-ZÀ-Ý‘“'\"].*))")


def starts_with_timeline(text: str) -> bool:
    """True when the text opens with a when-cell form ("Eind 2023", "2023-2024", "Na een actie ...")."""
    return bool(_STARTS.match(text))


def split_timeline(line: str) -> tuple[str, str, str] | None:
    """(text before, when token, text after) for a table line whose when cell is set inside it.

    "Continueren samenwerking met = 2023" -> ("Continueren samenwerking met", "2023", "");
    "Bij evaluatie bestaand BIBOB- Eind 2023 Momenteel wordt ..." -> (..., "Eind 2023",
    "Momenteel wordt ..."). The text after must open a sentence, so a year inside prose
    ("georganiseerd in 2023 en 2024 of zijn ...") is not taken for a when cell.
    """
    m = _TAIL.match(line.strip())
    if not m:
        return None
    return m.group("text").strip(), m.group("when").strip(), (m.group("rest") or "").strip()


# ---------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------

_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "1e": 1, "2e": 2, "3e": 3, "4e": 4}
_ORDINAL_QUARTER = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\s+kwartaal\b", re.I)


def _clean(text: str) -> str:
    """OCR repairs that do not change meaning: dashes, Q-digit confusions, glued quarter years; a quarter
    written out ("het tweede kwartaal van 2026") as its Q."""
    t = text.replace("—", "-").replace("–", "-").replace("\u00ad", "")
    t = re.sub(r"\bQ\s?[lI|](?=\W|\d|$|en)", "Q1", t)
    t = re.sub(r"\bQ\s?([1-4])\s*(?=20\d\d)", r"Q\1 ", t)  # Q12026 -> Q1 2026
    t = re.sub(r"\bQ([1-4])(?=en\b|en[Q ])", r"Q\1 ", t)  # QlenQ2 -> Q1 enQ2
    t = re.sub(r"(?<=en)Q", " Q", t)
    t = re.sub(r"\bl(eder|edere)\b", r"i\1", t)
    t = _ORDINAL_QUARTER.sub(lambda m: f"Q{_ORDINALS[m.group(1).lower()]}", t)  # "tweede kwartaal" -> Q2
    return re.sub(r"\s+", " ", t).strip()


def _quarter(year: int, q: int) -> tuple[date, date]:
    first = 3 * (q - 1) + 1
    return date(year, first, 1), _month_end(year, first + 2)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarters(t: str) -> list[tuple[date, date]]:
    """Each quarter with the year it belongs to: the next year named after it, else the one before."""
    tokens = [(m.start(), "Q", int(m.group(1))) for m in re.finditer(r"\bQ\s?([1-4])", t)]
    years = [(m.start(), int(m.group(0))) for m in re.finditer(_YEAR, t)]
    out = []
    for pos, _, q in tokens:
        after = [y for p, y in years if p > pos]
        before = [y for p, y in years if p < pos]
        year = after[0] if after else (before[-1] if before else None)
        if year is not None:
            out.append(_quarter(year, q))
    return out


_NUMERIC_DATE = re.compile(rf"\b(\d{{1,2}})[-/.](\d{{1,2}})[-/.]({_YEAR})\b|\b({_YEAR})-(\d{{1,2}})-(\d{{1,2}})\b")
_WEEK = re.compile(rf"\b(?:week|wk)\.?\s*(\d{{1,2}})\s+(?:van\s+)?({_YEAR})\b", re.I)


def _dates(t: str) -> list[tuple[date, date]]:
    """Every period the text names: days, months, seasons of a year, whole years."""
    spans: list[tuple[date, date]] = []
    used: list[tuple[int, int]] = []

    def free(m: re.Match) -> bool:
        return all(m.end() <= a or m.start() >= b for a, b in used)

    for m in _NUMERIC_DATE.finditer(t):  # "31-12-2026", "1/7/2026" (day first, as Dutch writes it), "2026-03-01"
        day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(3) else (m.group(6), m.group(5), m.group(4))
        try:
            d = date(int(year), int(month), int(day))
        except ValueError:
            continue
        spans.append((d, d))
        used.append(m.span())
    for m in _WEEK.finditer(t):  # "week 12 2026": that ISO week, Monday to Sunday
        try:
            first = date.fromisocalendar(int(m.group(2)), int(m.group(1)), 1)
        except ValueError:
            continue
        spans.append((first, date.fromisocalendar(int(m.group(2)), int(m.group(1)), 7)))
        used.append(m.span())
    for m in re.finditer(rf"\b(\d{{1,2}})\s+({_MONTH})\s+({_YEAR})\b", t, re.I):
        if not free(m):
            continue
        try:
            d = date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        except ValueError:
            continue
        spans.append((d, d))
        used.append(m.span())
    for m in re.finditer(rf"\b({_MONTH})(?:{_DASH}({_MONTH}))?\s+({_YEAR})\b", t, re.I):
        if not free(m):
            continue
        y = int(m.group(3))
        first = MONTHS[m.group(1).lower()]
        last = MONTHS[m.group(2).lower()] if m.group(2) else first
        spans.append((date(y, first, 1), _month_end(y, last)))
        used.append(m.span())
    for m in re.finditer(rf"\b({_SEASON})\s+(?:van\s+)?({_YEAR})\b", t, re.I):
        if not free(m):
            continue
        y = int(m.group(2))
        first, last = _SEASONS[m.group(1).lower()]
        spans.append((date(y, first, 1), _month_end(y, last)))
        used.append(m.span())
    for m in re.finditer(_YEAR, t):
        if free(m):
            y = int(m.group(0))
            spans.append((date(y, 1, 1), date(y, 12, 31)))
    return spans


def normalise_timeline(text: str, plan_start: int | None = None, plan_end: int | None = None) -> Timeline:
    """Read a when-cell; `plan_start`/`plan_end` (years) bound the open or recurring forms.

    Quarters win over the years they are attached to ("Q4 2025- Q1 2026" is 1 Oct 2025 to
    31 Mar 2026, not two whole years). "Doorlopend" with no year is open-ended and starts at the
    plan start when one is given. A recurring form without years ("Lokaal 2x per jaar") gets
    the plan's years when given, otherwise no dates. A first date followed by repeats ("1 maart
    2023 geweest. Vervolgens tweejaarlijkse informatieavond") starts then and has no end.
    """
    try:
        return _normalise(text or "", plan_start, plan_end)
    except Exception:  # noqa: BLE001 - a when-cell must never stop ingestion
        return Timeline(text=text or "")


# "vóór de zomer van 2026", "voor juli 2026", "vóór Q3 2026", "vóór 2027": a deadline before the period
# begins, not the period. A bare year only after the accented "vóór": "voor 2027" is as often "for 2027".
# "na de zomer van 2026": the rest of that year after the period.
_PERIOD = rf"(?:(?:{_SEASON})(?:\s+van)?\s+{_YEAR}|Q[1-4]\s*{_YEAR}|{_MONTH}\s+{_YEAR})"
_RELATIVE = re.compile(rf"\b(?:(?P<before>v[óo]{{1,2}}r)|(?P<after>na))\s+(?:de\s+|het\s+)?"
                       rf"(?P<period>{_PERIOD}|(?<=vóór\s){_YEAR})\b", re.I)
_ENDS = ("eind", "einde")  # "vóór eind 2025" is by the end of 2025, not before its last quarter


def _relative(t: str) -> tuple[str, list[tuple[date, date]], bool]:
    """The text without its "vóór ..."/"na ..." periods, the deadlines and periods they mean instead, and whether
    one of them is open at the end ("na december 2025")."""
    spans: list[tuple[date, date]] = []
    open_end = False

    def read(m: re.Match) -> str:
        nonlocal open_end
        period = m.group("period")
        found = _quarters(period) or _dates(period)
        if len(found) != 1:
            return m.group(0)
        first, last = found[0]
        if m.group("before"):
            due = last if period.lower().startswith(_ENDS) else date.fromordinal(first.toordinal() - 1)
            spans.append((due, due))
        elif last.month == 12 and last.day == 31:  # after a whole year or its last part: from then on, no end
            spans.append((date(last.year + 1, 1, 1), date(last.year + 1, 1, 1)))
            open_end = True
        else:
            spans.append((date.fromordinal(last.toordinal() + 1), date(last.year, 12, 31)))
        return " "
    return _RELATIVE.sub(read, t), spans, open_end


def _normalise(text: str, plan_start: int | None, plan_end: int | None) -> Timeline:
    t = _clean(text)
    recurring = bool(_RECURRING.search(t))
    open_word = bool(_OPEN.search(t))
    t, relative, open_end = _relative(t)
    spans = (_quarters(t) or _dates(t)) + relative
    if open_end and spans:
        return Timeline(text, min(a for a, _ in spans), None, open_ended=True, recurring=recurring)
    if spans:
        start = min(a for a, _ in spans)
        end = max(b for _, b in spans)
        if recurring and len(spans) == 1 and start == end:
            return Timeline(text, start, None, open_ended=True, recurring=True)
        return Timeline(text, start, end, open_ended=False, recurring=recurring)
    if open_word or recurring:
        start = date(plan_start, 1, 1) if plan_start else None
        end = date(plan_end, 12, 31) if plan_end and not open_word else None
        return Timeline(text, start, end, open_ended=open_word or end is None and start is not None,
                        recurring=recurring)
    return Timeline(text)


# ---------------------------------------------------------------------------------------------
# A when inside a sentence
# ---------------------------------------------------------------------------------------------

# Words that make a date in a sentence a when: "in", "vóór", "uiterlijk", "vanaf", "in de loop van", and the words
# that say when something is done or how long it runs ("gereed eind 2026", "heel 2026", "schooljaar 2026-2027")
_WHEN_LEAD = (r"(?:in\s+de\s+loop\s+van|aan\s+het\s+(?:begin|eind|einde)\s+van|tot\s+en\s+met|t/m|uiterlijk|"
              r"v[óo]{1,2}r|vanaf|per|in|tot|rond|omstreeks|na|sinds|gereed|klaar|gedurende|heel|geheel|schooljaar)")
_WHEN_DATE = (rf"(?:(?:het\s+)?(?:eerste|tweede|derde|vierde|[1-4]e)\s+kwartaal(?:\s+van)?\s+{_YEAR}"
              rf"|Q[1-4]\s*{_YEAR}"
              rf"|(?:de\s+|het\s+)?(?:{_SEASON})(?:\s+van)?\s+{_YEAR}"
              rf"|\d{{1,2}}\s+{_MONTH}\s+{_YEAR}"
              rf"|\d{{1,2}}[-/.]\d{{1,2}}[-/.]{_YEAR}"
              rf"|(?:week|wk)\.?\s*\d{{1,2}}\s+(?:van\s+)?{_YEAR}"
              rf"|{_MONTH}\s+{_YEAR}"
              rf"|{_YEAR}(?:{_DASH}{_YEAR})?)")
_IN_SENTENCE = re.compile(rf"\b{_WHEN_LEAD}\s+(?:(?:uiterlijk|eind|begin|medio)\s+)?{_WHEN_DATE}\b", re.I)


def sentence_timeline(text: str, not_before: int | None = None) -> str | None:
    """The when an action's own words give, as written ("in het tweede kwartaal van 2026"; several joined
    with "; "), or None. Only a date a preposition leads in counts ("vóór 1 juli 2026", "vanaf 2025"), not a
    year in a name ("het convenant 2019"); a period that ends before the plan's first year (`not_before`) is
    history the sentence recalls, not when the action runs."""
    found = []
    for m in _IN_SENTENCE.finditer(text or ""):
        end = normalise_timeline(m.group(0)).end
        if end is not None and (not_before is None or end.year >= not_before):
            found.append(m.group(0))
    return "; ".join(found) or None
