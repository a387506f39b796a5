"""Document metadata read from the content: kind, plan period, owner (gemeente(n) or basisteam), title, date.

Users drop files with names like "scan_0042.txt", so the name says nothing; the first pages
say it all. The words that name a kind of document ("kadernota integrale veiligheid", "jaarplan",
"voortgangsrapportage", "raadsinformatiebrief") are data (ontology/cues.toml): a kind named in the title
lines counts most, a document referring to itself ("dit uitvoeringsplan", "deze rapportage") next, a
mere mention least; when one title line names two kinds, the report or note about a plan wins over the
plan ("Evaluatie Uitvoeringsplan" is an evaluation). Who the document is for comes from
ingest/owners.py. Where inference is wrong, a sidecar `<file>.meta.json` next to the document overrides
any field.
"""
from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ontology.cues import cues, find_phrases
from ontology.normalize import tokenize
from ontology.places import places

from .model import DocumentMeta, IngestError, Line
from .owners import OWNER_KINDS, addressee, read_owner

KINDS = ("ivp", "uvp", "evaluation", "council_note", "other")
_HEAD_LINES = 60
_TAIL_LINES = 30  # where signatures stand
_TITLE_LINES = 8  # a title page is short
_COUNCIL_LINES = 12
_MONTHS = {m: i for i, m in enumerate(
    ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
     "november", "december"), 1)}
_W_TITLE, _W_SELF, _W_ABOUT, _MENTION_CAP, _MIN_SCORE = 6, 3, 3, 2, 3

_RANGE = re.compile(r"\b(20\d\d)\s*(?:[-–/]|t/m\b|t\.m\.|\btot(?: en met)?\b|\ben\b)\s*(20\d\d)\b")
_YEAR = re.compile(r"\b(20\d\d)\b")
_GEMEENTE = re.compile(
    r"\bgemeente\s+([A-Z][\w'’-]+(?:\s+(?:en|aan|op|de|den|der)\s+[A-Z][\w'’-]+|\s+[A-Z][\w'’-]+)*)")
_DATE_LABEL = re.compile(r"\b(?:collegedatum|vergaderdatum|raadsdatum|datum|vastgesteld op)\s*:?\s*", re.I)
_DATE_WORDS = re.compile(r"(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(20\d\d)", re.I)
_DATE_DIGITS = re.compile(r"\b(\d{1,2})-(\d{1,2})-(20\d\d)\b")
_RESULT_YEAR = re.compile(r"(?:kalenderjaar|t/m december|tot en met december|resultaten|over het jaar)\s+(20\d\d)\b", re.I)
_NUMBERED = re.compile(r"^\d+(?:\.\d+)*\.?(?:\s+\w|$)")  # "1. Inleiding", "04 Inleiding", "1."


def infer_meta(lines: list[Line], source_name: str, furniture: Sequence[str] = (),
               own_title: str | None = None) -> DocumentMeta:
    """Metadata from the first pages of the cleaned text (and its last lines, for a signature). `furniture`:
    running headers and footers the cleaning left out, which name the owner as a title does. `own_title`: the
    file's title outside its text (a web page's <title>: "Voorjaarsrapportage 2026 | Gemeente Kreekhaven"),
    a title line like those of the title page, for the kind, the period and the owner."""
    texts = [_plain(line.text) for line in lines if line.text.strip()]
    head = texts[:_HEAD_LINES]
    subject = _subject(head)
    titles = ([own_title] if own_title else []) + _title_zone(head) + ([subject] if subject else [])
    kind, display = _kind(head, titles)
    found = _period(head, kind, titles) or _period(texts[: _HEAD_LINES * 4], kind, titles)  # a long introduction
    period, evaluated = (found[:2], found[2]) if found else (None, None)
    tail = texts[-_TAIL_LINES:] if len(texts) > _HEAD_LINES else []
    owner = read_owner(head, titles + [_plain(t) for t in furniture if t.strip()], tail, texts[_HEAD_LINES:])
    if kind == "council_note":
        gemeente = addressee(head) or _named_gemeente(head) or (owner.label if owner and owner.kind == "gemeente"
                                                                else None)
    else:
        gemeente = owner.label if owner and owner.kind == "gemeente" else None
    date = _date(head[:25])
    title = _title(head, kind, display, owner.label if owner else None, period, gemeente, evaluated, source_name)
    start, end = period if period else (None, None)
    return DocumentMeta(title, owner.basisteam if owner else None, kind, start, end, gemeente, date,
                        owner.label if owner else None, owner.kind if owner else None,
                        list(owner.gemeenten) if owner else [])


def _plain(text: str) -> str:
    text = re.sub(r"^#{1,6}\s+", "", text.strip())
    return " ".join(text.replace("**", "").replace("__", "").split())


def _title_zone(head: list[str]) -> list[str]:
    """The lines of the title page: the short lines before the first sentence, numbered heading or
    table of contents ("Integraal Veiligheidsplan Oss 2024-2027", "Gemeenteblad van Goes")."""
    out = []
    for t in head[:_TITLE_LINES]:
        toks = tokenize(t)
        hit = find_phrases(toks[:3], cues().contents, inflect=False)
        if (hit and hit[0][0] == 0) or _NUMBERED.match(t) or _sentence_like(t):
            break
        if any(ch.isalpha() for ch in t):
            out.append(t)
    return out


def _sentence_like(text: str) -> bool:
    words = len(text.split())
    return words >= 11 or (words >= 7 and text.rstrip().endswith("."))


@lru_cache(maxsize=1)
def _kind_phrases() -> tuple[tuple[str, ...], dict[str, str]]:
    """Every kind name, longest first, and the kind each one names."""
    by = {n: k.kind for k in cues().kinds.values() for n in k.names}
    return tuple(sorted(by, key=lambda n: (-len(n.split()), n))), by


def _kind_hits(toks) -> list[tuple[int, int, str]]:
    """(first token, end token, kind) of every kind name in a token list."""
    phrases, by = _kind_phrases()
    return [(i, j, by[p]) for i, j, p in find_phrases(toks, phrases)]


def _kind(head: list[str], titles: list[str]) -> tuple[str, str | None]:
    """The kind of document and, where its title names it, the title's own words for it."""
    c = cues()
    if _is_council_note(head[:_COUNCIL_LINES]):
        return "council_note", None
    rank = {k: n for n, k in enumerate(c.precedence)}
    scores: Counter[str] = Counter()
    display: dict[str, str] = {}
    for unit in titles:
        toks = tokenize(unit)
        hits = _kind_hits(toks)
        if hits:
            first = min(hits, key=lambda h: (rank[h[2]], h[0]))
            scores[first[2]] += _W_TITLE
            display.setdefault(first[2], _display(unit, toks, first, hits))
    toks = tokenize(" ".join(head))
    hits = _kind_hits(toks)
    mentions = Counter(h[2] for h in hits)
    for k, n in mentions.items():
        scores[k] += min(_MENTION_CAP, n)
    starts = {h[0]: h for h in hits}
    for _, j, _ in find_phrases(toks, c.self_reference, inflect=False):
        hit = starts.get(j) or starts.get(j + 1)  # "dit uitvoeringsplan", "dit nieuwe uitvoeringsplan"
        if hit:
            scores[hit[2]] += _W_SELF
    for _, j, _ in find_phrases(toks, c.kinds["evaluation"].about, inflect=False):
        if any(j <= h[0] <= j + 4 and h[2] in ("uvp", "ivp") for h in hits):
            scores["evaluation"] += _W_ABOUT
    scores.pop("council_note", None)  # a note is known by its letterhead, not by mentions
    if not scores or max(scores.values()) < _MIN_SCORE:
        return "other", None
    best = max(scores.values())
    kind = min((k for k, v in scores.items() if v == best), key=rank.__getitem__)
    return kind, display.get(kind)


def _is_council_note(first: list[str]) -> bool:
    """A council note opens with its name ("Raadsinformatiebrief"), a field only its letterhead has
    ("Collegedatum:") or two common letterhead fields ("Onderwerp:", "Portefeuillehouder:")."""
    note = cues().kinds["council_note"]
    for t in first:
        toks = tokenize(t)
        if any(i == 0 for i, _, _ in find_phrases(toks[:4], note.names + note.letterhead, inflect=False)):
            return True
    fields = {p for t in first for i, _, p in find_phrases(tokenize(t)[:4], note.headers, inflect=False) if i == 0}
    return len(fields) >= 2


def _display(unit: str, toks, first: tuple[int, int, str], hits) -> str:
    """The title's own words for its kind, from the winning name through the names right after it:
    "Evaluatie Uitvoeringsplan", "Uitvoeringsprogramma Integraal Veiligheidsbeleid"."""
    end = first[1]
    for i, j, _ in sorted(hits):
        if i >= end and i - end <= 3:
            end = j
    words = unit[toks[first[0]].start:toks[end - 1].end]
    return words.title() if words.isupper() else words[:1].upper() + words[1:]


def _ranges(text: str) -> list[tuple[int, int, int]]:
    """(start, end, offset) of year ranges: '2023-2026', '2023 t/m 2026', 'in 2025 en 2026'."""
    out = []
    for m in _RANGE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if a < b <= a + 8:
            out.append((a, b, m.start()))
    return out


def _years(text: str) -> list[tuple[int, int, int]]:
    """(year, year, offset) of single years outside any range: 'jaarplan 2021'."""
    spans = [m.span() for m in _RANGE.finditer(text)]
    return [(int(m.group(1)), int(m.group(1)), m.start()) for m in _YEAR.finditer(text)
            if not any(s <= m.start() < e for s, e in spans)]


def _named(line: str, offset: int, title: bool) -> str | None:
    """The kind of plan a year at `offset` belongs to: in a title line the kind the title names
    ("Uitvoeringsprogramma Integraal Veiligheidsbeleid 2025" is the programme's year), elsewhere the
    kind named nearest before it, at most ten words back."""
    toks = tokenize(line[:offset])
    hits = _kind_hits(toks)
    if title and hits:
        rank = {k: n for n, k in enumerate(cues().precedence)}
        return min(hits, key=lambda h: rank[h[2]])[2]
    hits = [h for h in hits if len(toks) - h[1] <= 9]
    return hits[-1][2] if hits else None


def _period(head: list[str], kind: str, titles: list[str]) -> tuple[int, int, str | None] | None:
    """The plan period as (start, end, kind of plan named next to it). A plan's own name next to a range
    weighs most; an uitvoeringsplan's period is not the IVP's it belongs to; a single year counts only
    next to the document's own name ('jaarplan 2021')."""
    if kind == "council_note":
        subject = _subject(head) or " ".join(head[:10])
        found = _ranges(subject) or [y for y in _years(subject) if _named(subject, y[2], False)]
        if found:  # the span of all plans the note reports on: evaluation 2023-2024 + plan 2025-2026; or the
            # year of the one plan it names ("Voortgang uitvoeringsprogramma veiligheid 2025")
            return min(a for a, _, _ in found), max(b for _, b, _ in found), None
    report = cues().kinds["evaluation"].names + cues().kinds["evaluation"].about
    weights: Counter[tuple[int, int]] = Counter()
    named_by: dict[tuple[int, int], str | None] = {}
    in_title = set(titles)
    for line in [*titles, *head]:
        ranges = _ranges(line)
        for a, b, off in ranges + _years(line):
            named = _named(line, off, line in in_title)
            w = _weight(kind, named, single=a == b)
            if kind == "evaluation" and w == 4 and find_phrases(tokenize(line), report):
                w = 8
            if line in in_title:
                w *= 2
            weights[(a, b)] += w
            if w and (a, b) not in named_by or (named and not named_by.get((a, b))):
                named_by[(a, b)] = named
    if not weights or max(weights.values()) == 0:
        return None
    best = max(weights.values())
    a, b = min((r for r, w in weights.items() if w == best), key=lambda r: (-r[0], r[1]) if kind == "uvp" else r)
    return a, b, named_by.get((a, b))


def _weight(kind: str, named: str | None, single: bool) -> int:
    """How much a year range (or single year) says about the document's own period."""
    own = named == kind or (kind == "evaluation" and named == "uvp")
    if single:
        return 4 if own else 0
    if own:
        return 4
    if kind == "uvp" and named == "ivp":
        return 0  # the strategic plan the UVP belongs to, not its own period
    return 1


_SALUTATION = re.compile(r"^(?:geachte|beste|aan de|dear)\b", re.I)


def _subject(head: list[str]) -> str:
    """The 'Onderwerp:' of a council note, over its wrapped lines, up to the next label or the letter's
    salutation ("Geachte leden van de raad," is no part of it)."""
    for k, t in enumerate(head[:15]):
        m = re.match(r"^(?:onderwerp|betreft)\s*:\s*(.*)$", t, re.I)
        if m:
            parts = [m.group(1)]
            for nxt in head[k + 1: k + 4]:
                if re.match(r"^[A-Z][\w ]{0,30}:", nxt) or len(nxt.split()) <= 1 and not nxt[:1].isdigit():
                    break
                if _SALUTATION.match(nxt):
                    break
                parts.append(nxt)
            return " ".join(" ".join(parts).split())
    return ""


def _named_gemeente(head: list[str]) -> str | None:
    """A council note's gemeente as written after "gemeente", when the reference data does not know it."""
    counts = Counter(m.group(1) for t in head for m in _GEMEENTE.finditer(t))
    return counts.most_common(1)[0][0] if counts else None


def _date(head: list[str]) -> str | None:
    for t in head:
        label = _DATE_LABEL.search(t)
        if not label:
            continue
        rest = t[label.end():]
        m = _DATE_WORDS.match(rest.strip())
        if m:
            return f"{int(m.group(3)):04d}-{_MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
        m = _DATE_DIGITS.match(rest.strip())
        if m:
            return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return None


def _title(head, kind, display, owner, period, gemeente, evaluated, source_name) -> str:
    """A title that names the kind, the owner and the period: "Integraal Veiligheidsplan Oss 2024-2027"."""
    span = (f"{period[0]}-{period[1]}" if period[0] != period[1] else str(period[0])) if period else None
    labels = {k: v.label for k, v in cues().kinds.items()}
    if kind in ("ivp", "uvp"):
        return _join(display or labels[kind], owner, span)
    if kind == "evaluation":
        year = next((m.group(1) for t in head for m in [_RESULT_YEAR.search(t)] if m), None)
        of = labels[evaluated] if evaluated in ("uvp", "ivp") else None  # "Evaluatie Uitvoeringsplan"
        base = _join(display or _join(labels["evaluation"], of), owner, span)
        return f"{base} (resultaten {year})" if year and year != span else base
    if kind == "council_note":
        note = cues().kinds["council_note"]
        word = next((t[toks[i].start:toks[j - 1].end] for t in head[:_COUNCIL_LINES] for toks in [tokenize(t)]
                     for i, j, _ in find_phrases(toks[:4], note.names, inflect=False) if i == 0), labels[kind])
        prefix = _join(f"{word[:1].upper()}{word[1:]} gemeenteraad", gemeente)
        subject = re.sub(r"^(?:informatienota|raadsinformatiebrief)\s+(?:voor|over)\s+(?:de\s+|het\s+)?", "",
                         _subject(head), flags=re.I)
        return f"{prefix}: {subject}" if subject else prefix
    for t in head[:5]:
        if 1 <= len(t.split()) <= 15:
            return t
    return Path(source_name).stem


def _join(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


# --- sidecar ----------------------------------------------------------------------------------

_FIELDS = {f.name: f for f in dataclasses.fields(DocumentMeta)}
_INT_FIELDS = {"period_start", "period_end"}


def load_sidecar(path: Path) -> dict:
    """The overrides in `<file>.meta.json` (given the document or the sidecar itself); {} if none."""
    path = Path(path)
    sidecar = path if path.name.endswith(".meta.json") else path.with_name(path.name + ".meta.json")
    if not sidecar.exists():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise IngestError(sidecar, "metadata sidecar is not UTF-8") from None
    except json.JSONDecodeError as e:
        raise IngestError(sidecar, f"metadata sidecar is not valid JSON (line {e.lineno}: {e.msg})") from None
    except OSError as e:
        raise IngestError(sidecar, f"metadata sidecar cannot be read ({e.strerror})") from None
    if not isinstance(data, dict):
        raise IngestError(sidecar, "metadata sidecar must be a JSON object of field: value")
    _validate(sidecar, data)
    return data


def _validate(where: Path | str, data: dict) -> None:
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise IngestError(where, f"unknown metadata field(s) {', '.join(unknown)}; allowed: {', '.join(_FIELDS)}")
    for name, value in data.items():
        if name in _INT_FIELDS:
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise IngestError(where, f"metadata field {name} must be a year (integer), not {value!r}")
        elif name == "title":
            if not isinstance(value, str) or not value.strip():
                raise IngestError(where, "metadata field title must be a non-empty string")
        elif name == "owner_gemeenten":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise IngestError(where, "metadata field owner_gemeenten must be a list of gemeente names or CBS codes")
            unknown_places = [v for v in value if places().gemeente(v) is None]
            if unknown_places:
                raise IngestError(where, f"metadata field owner_gemeenten names no (single) gemeente: "
                                         f"{', '.join(unknown_places)}")
        elif value is not None and not isinstance(value, str):
            raise IngestError(where, f"metadata field {name} must be a string, not {value!r}")
    if "kind" in data and data["kind"] not in KINDS:
        raise IngestError(where, f"metadata field kind must be one of {', '.join(KINDS)}, not {data['kind']!r}")
    if data.get("owner_kind") is not None and data["owner_kind"] not in OWNER_KINDS:
        raise IngestError(where, f"metadata field owner_kind must be one of {', '.join(OWNER_KINDS)}, "
                                 f"not {data['owner_kind']!r}")
    if "date" in data and data["date"] is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["date"]):
        raise IngestError(where, f"metadata field date must be YYYY-MM-DD, not {data['date']!r}")


def apply_sidecar(meta: DocumentMeta, overrides: dict) -> DocumentMeta:
    """A copy of `meta` with the sidecar's fields replacing the inferred ones.

    A sidecar that corrects only the basisteam of a document read as a basisteam's also moves its owner
    there (the owner is what priorities are keyed by); gemeenten may be given by name or CBS code."""
    _validate("sidecar", overrides)
    overrides = dict(overrides)
    if "owner_gemeenten" in overrides:
        overrides["owner_gemeenten"] = [places().gemeente(v).code for v in overrides["owner_gemeenten"]]
    owner_fields = {"owner", "owner_kind", "owner_gemeenten"}
    if "basisteam" in overrides and not owner_fields & set(overrides) and meta.owner_kind in (None, "basisteam"):
        if meta.owner is not None:
            overrides.update(owner=None, owner_kind=None, owner_gemeenten=[])  # owners.owner_of: the basisteam
    return dataclasses.replace(meta, **overrides)
