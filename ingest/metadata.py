"""Document metadata read from the content: basisteam, kind, plan period, title, gemeente, date.

Users drop files with names like "000_f6ee76c67c861ee2.txt", so the name says nothing; the
first pages say it all: a council note opens with "Informatienota"/"Collegedatum", a plan
refers to itself ("Dit uitvoeringsplan", "Dit Integraal Veiligheidsplan"), an evaluation is a
"rapportage" of "Resultaten ... Uitvoeringsplan". Where inference is wrong, a sidecar
`<file>.meta.json` next to the document overrides any field.
"""
from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from pathlib import Path

from .model import DocumentMeta, IngestError, Line

KNOWN_BASISTEAMS = ("Tweestromenland", "De Waarden", "Nijmegen")
KINDS = ("ivp", "uvp", "evaluation", "council_note", "other")
_HEAD_LINES = 60
_MONTHS = {m: i for i, m in enumerate(
    ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
     "november", "december"), 1)}

_RANGE = re.compile(r"\b(20\d\d)\s*(?:[-–/]|\btot(?: en met)?\b|\ben\b)\s*(20\d\d)\b")
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:en|aan|op|de|den|der)\s+[A-Z][\w'’-]+|\s+[A-Z][\w'’-]+)*"
_TEAM_PHRASE = re.compile(r"\b(?:basisteam|gezagsdriehoek)\s+(?:politie\s+)?(" + r"(?:De\s+)?" + _NAME + ")")
_GEMEENTE = re.compile(r"\bgemeente\s+(" + _NAME + ")")
_COUNCIL = re.compile(r"\b(informatienota|raadsinformatiebrief|collegedatum|raadsvoorstel|collegevoorstel)\b", re.I)
_DATE_LABEL = re.compile(r"\b(?:collegedatum|vergaderdatum|raadsdatum|datum|vastgesteld op)\s*:?\s*", re.I)
_DATE_WORDS = re.compile(r"(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(20\d\d)", re.I)
_DATE_DIGITS = re.compile(r"\b(\d{1,2})-(\d{1,2})-(20\d\d)\b")
_RESULT_YEAR = re.compile(r"(?:kalenderjaar|t/m december|tot en met december|resultaten|over het jaar)\s+(20\d\d)\b", re.I)
_PLAN_WORD = re.compile(r"((?:integraal\s+)?veiligheidsplan|\bivp\b|uitvoeringsplan|\buvp\b)\W*(?:\w+\W+){0,9}$", re.I)


def infer_meta(lines: list[Line], source_name: str) -> DocumentMeta:
    """Metadata from the first pages of the cleaned text."""
    texts = [_plain(line.text) for line in lines if line.text.strip()]
    head = texts[:_HEAD_LINES]
    kind = _kind(head)
    basisteam = _basisteam(head)
    period = _period(head, kind) or _period(texts[: _HEAD_LINES * 4], kind)  # a long introduction
    gemeente = _gemeente(head) if kind == "council_note" else None
    date = _date(head[:25])
    title = _title(head, kind, basisteam, period, gemeente, source_name)
    start, end = period if period else (None, None)
    return DocumentMeta(title, basisteam, kind, start, end, gemeente, date)


def _plain(text: str) -> str:
    text = re.sub(r"^#{1,6}\s+", "", text.strip())
    return " ".join(text.replace("**", "").replace("__", "").split())


def _kind(head: list[str]) -> str:
    if any(_COUNCIL.search(t) for t in head[:12]):
        return "council_note"
    titles = " ".join(head[:3]).lower()
    low = "\n".join(head).lower()
    scores = Counter()
    if re.search(r"\bevaluatie\b|\brapportage\b|voortgangsrapportage", titles):
        scores["evaluation"] += 4
    scores["evaluation"] += 2 * len(re.findall(r"\b(?:deze|dit) (?:rapportage|evaluatie(?:rapport)?)\b", low))
    scores["evaluation"] += 3 * len(re.findall(r"resultaten\b[^\n]{0,40}\buitvoeringsplan", low))
    if re.search(r"uitvoeringsplan|\buvp\b", titles):
        scores["uvp"] += 3
    scores["uvp"] += 3 * len(re.findall(r"\b(?:dit|deze|het voorliggende|voorliggend) (?:uitvoeringsplan|uvp)\b", low))
    scores["uvp"] += min(2, len(re.findall(r"uitvoeringsplan", low)))
    if re.search(r"integraal veiligheidsplan|\bivp\b", titles):
        scores["ivp"] += 3
    scores["ivp"] += 3 * len(re.findall(
        r"\b(?:dit|deze|het voorliggende|voorliggend) (?:integraal veiligheidsplan|ivp|veiligheidsplan)\b", low))
    if not scores or max(scores.values()) < 3:
        return "other"
    return max(("evaluation", "uvp", "ivp"), key=lambda k: scores[k])


def _basisteam(head: list[str]) -> str | None:
    counts: Counter[str] = Counter()
    text = "\n".join(head)
    for name in KNOWN_BASISTEAMS:
        counts[name] += len(re.findall(rf"\b{re.escape(name)}\b", text))
        counts[name] += 3 * sum(1 for t in head[:3] if name in t)
    for m in _TEAM_PHRASE.finditer(text):
        name = m.group(1).strip()
        if name not in KNOWN_BASISTEAMS and not name.lower().startswith(("de gemeente", "het ")):
            counts[name] += 2
    if not counts or counts.most_common(1)[0][1] == 0:
        return None
    return counts.most_common(1)[0][0]


def _ranges(text: str) -> list[tuple[int, int, int]]:
    """(start, end, offset) of year ranges: '2023-2026', '2023 – 2026', 'in 2025 en 2026'."""
    out = []
    for m in _RANGE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if a < b <= a + 8:
            out.append((a, b, m.start()))
    return out


def _period(head: list[str], kind: str) -> tuple[int, int] | None:
    if kind == "council_note":
        subject = _subject(head) or " ".join(head[:10])
        found = _ranges(subject)
        if found:  # the span of all plans the note reports on: evaluation 2023-2024 + plan 2025-2026
            return min(a for a, _, _ in found), max(b for _, b, _ in found)
    weights: Counter[tuple[int, int]] = Counter()
    for line in head:
        for a, b, off in _ranges(line):
            before = line[:off]
            plan = _PLAN_WORD.search(before)
            named = plan.group(1).lower() if plan else ""
            w = 1
            if kind == "ivp" and named.endswith(("veiligheidsplan", "ivp")):
                w = 4
            elif kind in ("uvp", "evaluation") and named in ("uitvoeringsplan", "uvp"):
                w = 4
            elif kind == "uvp" and named.endswith(("veiligheidsplan", "ivp")):
                w = 0  # the strategic plan the UVP belongs to, not its own period
            if kind == "evaluation" and w == 4 and re.search(r"resultaten|evaluatie", line, re.I):
                w = 8
            weights[(a, b)] += w
    if not weights or max(weights.values()) == 0:
        return None
    best = max(weights.values())
    return min((r for r, w in weights.items() if w == best), key=lambda r: (-r[0], r[1]) if kind == "uvp" else r)


def _subject(head: list[str]) -> str:
    """The 'Onderwerp:' of a council note, over its wrapped lines."""
    for k, t in enumerate(head[:15]):
        m = re.match(r"^(?:onderwerp|betreft)\s*:\s*(.*)$", t, re.I)
        if m:
            parts = [m.group(1)]
            for nxt in head[k + 1: k + 4]:
                if re.match(r"^[A-Z][\w ]{0,30}:", nxt) or len(nxt.split()) <= 1 and not nxt[:1].isdigit():
                    break
                parts.append(nxt)
            return " ".join(" ".join(parts).split())
    return ""


def _gemeente(head: list[str]) -> str | None:
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


def _title(head, kind, basisteam, period, gemeente, source_name) -> str:
    span = f"{period[0]}-{period[1]}" if period else None
    if kind == "ivp":
        return _join("Integraal Veiligheidsplan", basisteam, span)
    if kind == "uvp":
        return _join("Uitvoeringsplan", basisteam, span)
    if kind == "evaluation":
        year = next((m.group(1) for t in head for m in [_RESULT_YEAR.search(t)] if m), None)
        base = _join("Evaluatie Uitvoeringsplan", basisteam, span)
        return f"{base} (resultaten {year})" if year else base
    if kind == "council_note":
        word = next((m.group(1).capitalize() for t in head[:12] for m in [_COUNCIL.search(t)] if m), "Informatienota")
        if word.lower() in ("collegedatum",):
            word = "Informatienota"
        prefix = _join(f"{word} gemeenteraad", gemeente)
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
    for key, value in data.items():
        if key in _INT_FIELDS:
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise IngestError(where, f"metadata field {key} must be a year (integer), not {value!r}")
        elif key == "title":
            if not isinstance(value, str) or not value.strip():
                raise IngestError(where, "metadata field title must be a non-empty string")
        elif value is not None and not isinstance(value, str):
            raise IngestError(where, f"metadata field {key} must be a string, not {value!r}")
    if "kind" in data and data["kind"] not in KINDS:
        raise IngestError(where, f"metadata field kind must be one of {', '.join(KINDS)}, not {data['kind']!r}")
    if "date" in data and data["date"] is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["date"]):
        raise IngestError(where, f"metadata field date must be YYYY-MM-DD, not {data['date']!r}")


def apply_sidecar(meta: DocumentMeta, overrides: dict) -> DocumentMeta:
    """A copy of `meta` with the sidecar's fields replacing the inferred ones."""
    _validate("sidecar", overrides)
    return dataclasses.replace(meta, **overrides)
