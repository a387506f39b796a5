"""The action table of an evaluation report, reassembled from a flattened text layer.

An evaluation of an uitvoeringsplan reports per ambition a three-column table (action | when |
result). The OCR text layer keeps the columns as blocks, not rows. Per page, in order:

* a titles run: action titles wrapped at the column width, under small subheadings ("Aanpak
  ondermijning", "De basis op orde"); on some pages the when cell is glued to the line on which
  its action starts ("Continueren samenwerking met = 2023"), on a few the result too ("Bij
  evaluatie bestaand BIBOB- Eind 2023 Momenteel wordt onderzocht ...");
* a navigation footer (a link back to the contents, `navigation` in ontology/cues.toml; sometimes only at
  the very end of the page);
* a when run: one short paragraph per remaining action ("Eind 2023", "Na een actie of controle");
* a results run: the result paragraphs, in the order of the titles.

Pages end at three or more blank lines, at a bare page number, or where a line starts with a
space (the text layer's page start). Within a page the number of when cells is the number of
rows, because every action has a deadline; titles and result paragraphs are then fitted to
that count:

* title lines are cut into cells where a break is likely (a finished line, a line the next
  word would have fitted on, a new paragraph); single-line cells are subheadings; if the cells
  and the when cells still disagree, the weakest breaks are undone or the strongest non-breaks
  made, and the change is noted;
* results are cut into sentences and partitioned over the rows by dynamic programming that
  rewards shared words between a title and its result, respects paragraph breaks (a sentence
  split inside a paragraph costs more, a paragraph opening "Daarnaast", "Aanbeveling:" ... is
  a continuation), and uses the status-dot remnants (a stray ‘ ’ ' at a line end, one per row
  where the page kept them).

Nothing here knows the sample document: the same reader serves another basisteam's evaluation
in this layout. Text is never respelled, only joined, so search snippets stay exact.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .cuewords import extract_cues, phrase_regex
from .model import Action, Holder, Line, Priority
from .plans import append_line, collapse, extract_holders, sentence_spans
from .status import derive_status
from .timeline import split_timeline, starts_with_timeline


@dataclass
class EvaluationParse:
    """What `parse_evaluation` read; `notes` lists where rows had to be fitted (merges, splits)."""

    priorities: list[Priority]
    actions: list[Action]
    header_texts: list[tuple[int, str]]
    span: tuple[int, int]
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Line shapes
# ---------------------------------------------------------------------------------------------

# "Ambitie 2: ...", "Speerpunt 2 - ...": a capitalised priority cue word (ontology/cues.toml), a number, a label
_AMBITION = re.compile(rf"^\s*(?P<kind>(?=[A-ZÀ-Ý])(?i:{phrase_regex(extract_cues().priority_heads)}))\s+(?P<n>\d{{1,2}})"
                       r"\s*[:.\-–]\s*(?P<label>\S.*?)\s*\.?\s*$")
_CHAPTER = re.compile(r"^\s*(?P<n>\d{1,2})\.\s+(?P<title>[A-ZÀ-Ý].{8,})$")
_FOOTER = re.compile(rf"^\s*(?i:{phrase_regex(extract_cues().navigation)})\s*$")  # navigation lines, cue data
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_LABEL = re.compile(r"^\s*(Portefeuillehouders?|Doelstelling(?:en)?|Concrete\s+doelen|Doelen|Ambitie)\s*:", re.I)
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+\S")
_BULLET = re.compile(r"^\s*(?:[-–•▪*]|[\uf000-\uf0ff])\s+")
_DOT_REMNANT = re.compile(r"\s+[‘’'`.]\s*$")  # what is left of a status dot at a line end
_SEPARATOR = re.compile(r"^[|=]\s*|\s*[|=]$")
_WIDE = 80  # a header line spans the page; table cells are far narrower

_FUNCTION_WORDS = {
    "de", "het", "een", "en", "of", "van", "voor", "met", "om", "op", "in", "aan", "bij", "naar", "over",
    "tot", "door", "uit", "te", "als", "die", "dat", "zoals", "zij", "wij", "we", "hun", "onder", "tussen",
    "binnen", "via", "per", "na", "zowel", "waarin", "waarbij", "welke", "ook", "nog", "is", "zijn", "wordt",
}
_CONTINUATION_CUES = {
    "daarnaast", "daarbij", "hierbij", "ook", "verder", "echter", "wel", "mogelijk", "eerder", "tevens",
    "bovendien", "aanbeveling", "advies", "helaas", "vervolgens", "daarom", "hiervoor", "daar",
}
_STOP = _FUNCTION_WORDS | {
    "wordt", "worden", "zijn", "heeft", "hebben", "kan", "kunnen", "deze", "dit", "daar", "hier", "niet",
    "geen", "meer", "alle", "iedere", "ieder", "elke", "gemeente", "gemeenten", "tweestromenland", "samen",
    "maken", "creeren", "creéren", "inzetten", "gaan", "gaat", "andere", "eigen", "zich", "hebben", "onze",
}


def _is_footer(text: str) -> bool:
    return bool(_FOOTER.match(text))


def _ends_sentence(text: str) -> bool:
    t = text.rstrip(" ’”\"')")
    if not t or t[-1] not in ".!?;":
        return t.endswith(")") if t else False
    last = t.split()[-1] if t.split() else ""
    return not re.search(r"\w\.\w", last)  # "m.b.v." and "t.a.v." do not end anything


def _dangling(text: str) -> bool:
    """The line cannot end its cell: a hyphen, comma, colon, abbreviation or function word ends it."""
    t = text.rstrip()
    if not t:
        return False
    if t[-1] in ",:-/&(" or t.endswith(" —") or t.endswith(" –"):
        return True
    last = t.split()[-1]
    return last in _FUNCTION_WORDS or bool(re.fullmatch(r"(?:\w\.){2,}\w?\.?", last))


def _first_word(text: str) -> str:
    parts = text.split()
    return parts[0] if parts else ""


# OCR reads a capital I as l: "ledere gemeente", "leder kwartaal"
_OCR_I = re.compile(r"^l(?:edere?|edereen|n|s|ndien|nmiddels|mmers|ntegrale?|nformatie)\b")


def _starts_upper(text: str) -> bool:
    t = text.lstrip("‘’'\"“(")
    return bool(t) and (t[0].isupper() or bool(_OCR_I.match(t)))


def _starts_lower(text: str) -> bool:
    """A continuation: lowercase (not an OCR'd capital I) or a digit."""
    t = text.lstrip("‘’'\"“(")
    return bool(t) and not _starts_upper(t) and (t[0].islower() or t[0].isdigit())


def _clean_cell(text: str) -> str:
    return _SEPARATOR.sub("", text.strip()).strip()


def _strip_dot(text: str) -> tuple[str, int]:
    """A result line without its status-dot remnant, and whether it had one."""
    stripped = _DOT_REMNANT.sub("", text.rstrip())
    return stripped, int(stripped != text.rstrip())


# ---------------------------------------------------------------------------------------------
# Words and similarity
# ---------------------------------------------------------------------------------------------

# a quoted phrase of three words or more names another action ("samengegaan met bovenstaande punt
# 'pilot gerichte social advertising'"): it must not pull the result towards that action's title
_QUOTED = re.compile(r"[‘“\"][^’”\"]*?\s[^’”\"]*?\s[^’”\"]*?[’”\"]")


def _words(text: str, drop_quoted: bool = False) -> list[str]:
    if drop_quoted:
        text = _QUOTED.sub(" ", text)
    out = []
    for w in re.findall(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ-]+", text.lower()):
        w = w.strip("-")
        if len(w) >= 4 and w not in _STOP:
            out.append(w)
    return out


def _related(a: str, b: str) -> bool:
    """Same word, a shared stem, or one a compound head of the other ("bijeenkomst" in "raadsbijeenkomst");
    a participle matches its verb ("getraind" / "trainen")."""
    if a == b:
        return True
    if a.startswith("ge") and len(a) > 6 and _stem_match(a[2:], b):
        return True
    if b.startswith("ge") and len(b) > 6 and _stem_match(a, b[2:]):
        return True
    return _stem_match(a, b)


def _stem_match(a: str, b: str) -> bool:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    if n >= 6 or (n >= 5 and n >= 0.8 * min(len(a), len(b))):
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 6 and (long_.endswith(short) or long_.startswith(short))


def _overlap(title_words: set[str], words: set[str]) -> int:
    return sum(1 for t in title_words if any(_related(t, w) for w in words))


# ---------------------------------------------------------------------------------------------
# Section and header
# ---------------------------------------------------------------------------------------------

@dataclass
class _Header:
    kind: str  # "Ambitie" | "Prioriteit", as the document says
    number: int
    label: str
    line: int  # index of the "Ambitie N:" line
    end: int  # first index after the header (table start)
    text: str
    goal: str | None
    holders: list[Holder]
    page: int | None


def _is_page_start(lines: list[Line], i: int) -> bool:
    if lines[i].text[:1] == " ":
        return True
    return i >= 3 and all(not lines[j].text.strip() for j in range(i - 3, i))


def _header_end(lines: list[Line], start: int, limit: int) -> int:
    """First line after an ambition header: label parts, wide lines, numbered goals belong to it."""
    prev = lines[start].text.strip()
    end = start + 1
    for i in range(start + 1, limit):
        t = lines[i].text.strip()
        if not t or _is_footer(t):
            continue
        keep = (
            _LABEL.match(t) or len(t) >= _WIDE or _NUMBERED.match(t) or _PAGE_NUMBER.match(t)
            or _PAGE_NUMBER.match(prev) or prev.endswith(":")
            or (len(prev) >= _WIDE and not prev.rstrip().endswith((".", ";", ":")))
        )
        if not keep:
            break
        prev, end = t, i + 1
    return end


def _header_text(lines: list[Line], start: int, end: int) -> tuple[str, str | None]:
    """The header as readable text (one labelled part per line) and the doelstelling alone."""
    parts: list[str] = []
    in_goals = False
    for i in range(start, end):
        t = lines[i].text.strip()
        if not t or _is_footer(t) or _PAGE_NUMBER.match(t):
            continue
        label = _LABEL.match(t)
        if i == start or label:
            parts.append(collapse(t))
            in_goals = bool(label and label.group(1).lower().startswith(("concrete", "doelen")))
        elif in_goals and (_NUMBERED.match(t) or _ends_sentence(parts[-1])):
            parts.append("- " + collapse(re.sub(r"^\d{1,2}[.)]\s*", "", t)))
        else:
            parts[-1] = append_line(parts[-1], t)
    goal = next((re.sub(r"^\s*Doelstelling(?:en)?\s*:\s*", "", p, flags=re.I) for p in parts
                 if re.match(r"Doelstelling", p, re.I)), None)
    return "\n".join(parts), goal


def _label(raw: str) -> str:
    label = collapse(raw).rstrip(" .")
    return label[:1].upper() + label[1:]


def _headers(lines: list[Line], starts: list[int], limit: int) -> list[_Header]:
    out = []
    for k, i in enumerate(starts):
        nxt = starts[k + 1] if k + 1 < len(starts) else limit
        m = _AMBITION.match(lines[i].text)
        end = _header_end(lines, i, nxt)
        text, goal = _header_text(lines, i, end)
        holder_lines = [lines[j] for j in range(i, end) if "ortefeuillehouder" in lines[j].text]
        holders = extract_holders(holder_lines)
        for h in holders:
            h.page = h.page or lines[i].page
        out.append(_Header(m.group("kind"), int(m.group("n")), _label(m.group("label")), i, end, text, goal,
                           holders, lines[i].page))
    return out


def _header_run(lines: list[Line], starts: list[int]) -> list[int]:
    """The run of "Ambitie 1..n" lines that heads the tables: an introduction may list the
    ambitions too, but only the real headers are followed by "Portefeuillehouder:"/"Doelstelling:"."""
    runs: list[list[int]] = []
    last = 0
    for i in starts:
        n = int(_AMBITION.match(lines[i].text).group("n"))
        if not runs or n <= last:
            runs.append([])
        runs[-1].append(i)
        last = n

    def labelled(i: int) -> bool:
        near = [ln.text for ln in lines[i + 1:i + 12] if ln.text.strip()][:4]
        return any(_LABEL.match(t) and not t.strip().lower().startswith("ambitie") for t in near)

    return max(runs, key=lambda run: (sum(labelled(i) for i in run), len(run), run[0]))


def _section(lines: list[Line]) -> tuple[int, int, str | None, list[int]] | None:
    """(start, end, chapter title, ambition header indices) of the results section."""
    starts = [i for i, ln in enumerate(lines) if _AMBITION.match(ln.text)]
    if not starts:
        return None
    kept = _header_run(lines, starts)
    start, chapter, title = kept[0], None, None
    for i in range(kept[0] - 1, -1, -1):
        m = _CHAPTER.match(lines[i].text)
        if m:
            start, chapter, title = i, int(m.group("n")), collapse(lines[i].text)
            break
        if i < kept[0] - 40:
            break
    end = len(lines)
    last_header_end = _header_end(lines, kept[-1], len(lines))
    for i in range(last_header_end, len(lines)):
        m = _CHAPTER.match(lines[i].text)
        if m and (chapter is None or int(m.group("n")) > chapter) and _is_page_start(lines, i):
            end = i
            break
    return start, end, title, kept


# ---------------------------------------------------------------------------------------------
# Page blocks and their runs
# ---------------------------------------------------------------------------------------------

@dataclass
class _L:
    idx: int
    text: str
    page: int | None
    blank_before: bool
    footer: bool = False


def _blocks(lines: list[Line], a: int, b: int) -> list[list[_L]]:
    """The table lines of one ambition cut into pages."""
    blocks: list[list[_L]] = [[]]
    blanks = 0
    for i in range(a, b):
        raw = lines[i].text
        t = raw.strip()
        if not t:
            blanks += 1
            continue
        if blanks >= 3 or (raw[:1] == " " and blocks[-1]):
            blocks.append([])
        if _PAGE_NUMBER.match(t):
            blocks.append([])
            blanks = 0
            continue
        blocks[-1].append(_L(i, t, lines[i].page, blanks > 0, _is_footer(t)))
        blanks = 0
    return [blk for blk in blocks if any(not x.footer for x in blk)]


def _paragraphs(block: list[_L]) -> list[list[_L]]:
    paras: list[list[_L]] = []
    for ln in block:
        if ln.footer:
            paras.append([ln])
            continue
        if not paras or ln.blank_before or paras[-1][-1].footer:
            paras.append([])
        paras[-1].append(ln)
    return paras


def _is_when_para(para: list[_L]) -> bool:
    """A when cell set apart: it opens with a deadline form and its lines are short."""
    return starts_with_timeline(para[0].text) and all(len(x.text) <= 32 for x in para) and len(para) <= 4


@dataclass
class _Runs:
    lead: list[list[_L]] = field(default_factory=list)  # a result continued from the previous page
    titles: list[_L] = field(default_factory=list)
    whens: list[list[_L]] = field(default_factory=list)
    results: list[list[_L]] = field(default_factory=list)


def _is_prose(para: list[_L], column: int) -> bool:
    """A result paragraph met before any footer: several finished-width lines wider than the
    title column (known from the lines that carried a when cell), ending a sentence."""
    return (column > 0 and len(para) >= 2 and _ends_sentence(para[-1].text)
            and all(len(x.text) > 1.2 * column for x in para[:-1]))


def _runs(block: list[_L]) -> _Runs:
    """Sort a page's paragraphs into the titles, when and results runs (see the module doc)."""
    runs = _Runs()
    state = "titles"
    footer_seen = False
    column = 0  # widest title part of a line that carried its when cell
    for para in _paragraphs(block):
        if para[0].footer:
            footer_seen = True
            continue
        first = para[0].text
        if state == "titles" and not runs.titles and not runs.whens and _starts_lower(first):
            runs.lead.append(para)
            continue
        if state in ("titles", "whens") and _is_when_para(para):
            runs.whens.append(para)
            state = "whens"
            continue
        if state == "titles" and not footer_seen and not _is_prose(para, column):
            runs.titles.extend(para)
            for x in para:
                split = split_timeline(x.text)
                if split and not split[2]:
                    column = max(column, len(split[0]))
            continue
        state = "results"
        runs.results.append(para)
    return runs


# ---------------------------------------------------------------------------------------------
# Title cells
# ---------------------------------------------------------------------------------------------

@dataclass
class _TLine:
    text: str
    when: str | None
    rest: str  # the result column's part of the line (three-column rows)
    blank_before: bool
    src: _L
    glued: bool = False  # a continuation line of a three-column row: never a cell break


_AUXILIARY = re.compile(r"\b(?:is|zijn|wordt|worden|werd|werden|heeft|hebben|had|hadden)\s*$")
_PARTICIPLE = re.compile(r"^(?:[a-z]{0,6}?)ge[a-zà-ÿ]{2,}[dt][,.;]?$")


def _split_mixed(words: list[str], width: int, title: str, result: str) -> int:
    """How many leading words of a three-column continuation line belong to the title column.

    A title that ended a sentence is finished; a period followed by a lowercase word marks the
    column boundary exactly; otherwise the title takes the longest prefix that fits its column
    width without swallowing a sentence end, if its last line cannot end it (a dangling word).
    """
    if _ends_sentence(title):
        return 0
    for k in range(1, len(words)):
        if words[k - 1].endswith(".") and _starts_lower(words[k]) and len(" ".join(words[:k])) <= width + 2:
            return k
    line = " ".join(words)
    if not _dangling(title):
        return len(words) if (_ends_sentence(result) and _starts_lower(line)) else 0
    best = 1
    for k in range(1, len(words) + 1):
        prefix = " ".join(words[:k])
        if len(prefix) > width:
            break
        if k < len(words) and words[k - 1][-1:] in ".!?" and _starts_upper(words[k]):
            break
        best = k
    if _AUXILIARY.search(result):
        # "... tot dat onderzoek is" + "afgerond,": the participle completes the result's clause
        for k in range(1, best):
            if _PARTICIPLE.match(words[k]):
                return k
    return best


def _title_lines(lines: list[_L]) -> list[_TLine]:
    out: list[_TLine] = []
    splits = [None if _BULLET.match(ln.text) else split_timeline(ln.text.strip()) for ln in lines]
    column = max((len(_clean_cell(sp[0])) for sp in splits if sp), default=0)
    width = 0  # title column width while in a three-column row, 0 when none
    title = result = ""
    for ln, split in zip(lines, splits):
        text = ln.text.strip()
        if split:
            t, when, rest = split
            rest = _strip_dot(rest)[0]
            width = max(column, len(t)) if rest else 0
            title, result = t, rest
            out.append(_TLine(_clean_cell(t), when, rest, ln.blank_before, ln))
            continue
        if width:
            if _ends_sentence(title) and _ends_sentence(result) and _starts_upper(text):
                width = 0
            else:
                words = text.split()
                k = _split_mixed(words, width, title, result)
                t, r = " ".join(words[:k]), _strip_dot(" ".join(words[k:]))[0]
                title, result = append_line(title, t), append_line(result, r)
                out.append(_TLine(t, None, r, ln.blank_before, ln, glued=True))
                continue
        out.append(_TLine(_clean_cell(text), None, "", ln.blank_before, ln))
    return out


def _width(tlines: list[_TLine]) -> int:
    """The title column's width in characters: the longest line that is not a spanning heading."""
    lengths = sorted(len(t.text) for t in tlines if t.text)
    if not lengths:
        return 40
    # a spanning subheading is far wider than the rest; ignore lines 25% over the next widest
    w = lengths[-1]
    for longer, shorter in zip(reversed(lengths), list(reversed(lengths))[1:]):
        if longer > 1.25 * shorter:
            w = shorter
            continue
        w = longer
        break
    return w


def _break_score(a: _TLine, b: _TLine, after: _TLine | None, width: int, a_starts_cell: bool) -> float:
    """How likely a new cell starts at line b (>= 2: a break)."""
    if b.when is not None:
        return 100.0
    if b.glued:
        return -100.0
    s = 0.0
    if _ends_sentence(a.text):
        s += 2
    if _dangling(a.text):
        s -= 3
    if not _starts_upper(b.text) or _BULLET.match(b.text) or a.text.endswith("-"):
        s -= 3
    else:
        s += 0.5
    fit = width - (len(a.text) + 1 + len(_first_word(b.text)))
    s += 1 + min(fit, 10) / 5 if fit >= 0 else -0.5
    if b.blank_before:
        s += 0.5
    if len(a.text) > width + 3 or len(b.text) > width + 3:
        s += 2
    if a_starts_cell and a.when is None and not _dangling(a.text):
        s += 0.5
    standalone = b.blank_before and (after is None or after.blank_before or after.when is not None)
    if standalone and _starts_upper(b.text) and not _ends_sentence(b.text) and len(b.text) <= 45:
        s += 1.5
    return s


@dataclass
class _Cell:
    lines: list[_TLine]

    @property
    def when(self) -> str | None:
        return self.lines[0].when

    @property
    def text(self) -> str:
        out = ""
        for t in self.lines:
            out = append_line(out, t.text)
        return out

    @property
    def rest(self) -> str:
        out = ""
        for t in self.lines:
            out = append_line(out, t.rest)
        return out

    def is_group(self) -> bool:
        t = self.lines[0].text
        return (len(self.lines) == 1 and self.when is None and not self.lines[0].rest and _starts_upper(t)
                and not _BULLET.match(t) and not t.rstrip().endswith((",", "-", ":")))


def _cells(tlines: list[_TLine], n_run_whens: int, notes: list[str]) -> list[_Cell]:
    """Cut title lines into cells, then fit the cells without a when to the when run's count."""
    if not tlines:
        return []
    width = _width(tlines)
    scores = [0.0] * len(tlines)
    breaks = [True] + [False] * (len(tlines) - 1)
    starts_cell = True
    for j in range(1, len(tlines)):
        after = tlines[j + 1] if j + 1 < len(tlines) else None
        scores[j] = _break_score(tlines[j - 1], tlines[j], after, width, starts_cell)
        breaks[j] = scores[j] >= 2
        starts_cell = breaks[j]

    def build() -> list[_Cell]:
        cells: list[_Cell] = []
        for j, t in enumerate(tlines):
            if breaks[j]:
                cells.append(_Cell([]))
            cells[-1].lines.append(t)
        return cells

    def runless(cells: list[_Cell]) -> int:
        return sum(1 for c in cells if c.when is None and not c.is_group())

    cells = build()
    while runless(cells) > n_run_whens:
        # undo the weakest break that made a cell without its own when (not a subheading's)
        cand = []
        for j in range(1, len(tlines)):
            if not breaks[j] or tlines[j].when is not None:
                continue
            left = _cell_at(cells, tlines, j - 1)
            right = _cell_at(cells, tlines, j)
            group_side = left.is_group() or right.is_group()
            sim = _overlap(set(_words(left.text)), set(_words(right.text)))
            cand.append((group_side, scores[j] - 0.75 * sim, j, left, right))
        if not cand:
            break
        cand.sort(key=lambda c: (c[0], c[1]))
        _, _, j, left, right = cand[0]
        breaks[j] = False
        notes.append(f"titles joined: {left.text[:50]!r} + {right.text[:50]!r}")
        cells = build()
    while runless(cells) < n_run_whens:
        cand = [(scores[j], j) for j in range(1, len(tlines))
                if not breaks[j] and not tlines[j].glued and _starts_upper(tlines[j].text)
                and not _dangling(tlines[j - 1].text)]
        if not cand:
            break
        _, j = max(cand)
        breaks[j] = True
        notes.append(f"title split before {tlines[j].text[:50]!r}")
        cells = build()
    return cells


def _cell_at(cells: list[_Cell], tlines: list[_TLine], j: int) -> _Cell:
    target = tlines[j]
    for c in cells:
        if any(t is target for t in c.lines):
            return c
    raise LookupError(j)


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------

@dataclass
class _Para:
    text: str
    dots: list[int]  # offsets in text where a status-dot remnant stood
    page: int | None
    soft: bool  # follows a paragraph that did not end its sentence: probably the same result


@dataclass
class _Unit:
    """A sentence of a result paragraph, with the cost of starting a new row at it."""

    text: str
    para: int
    first_in_para: bool
    dots: int
    cost: float


def _result_paragraphs(paras: list[list[_L]], open_group: bool) -> tuple[list[_Para], str | None]:
    """Result paragraphs, a lowercase one joined to the one before; and a lowercase orphan that
    completes a spanning subheading ("... t.a.v." / "mensen met verward gedrag."), returned apart."""
    merged: list[_Para] = []
    orphan = None
    for para in paras:
        text, dots = "", []
        for ln in para:
            t, dot = _strip_dot(ln.text)
            text = append_line(text, t)
            if dot:
                dots.append(len(text))
        if not text:
            continue
        if merged:
            prev = merged[-1]
            if _starts_lower(text):
                if _ends_sentence(prev.text) and open_group and orphan is None and len(para) == 1 and len(text) < 60:
                    orphan = text
                    continue
                joined = append_line(prev.text, text)
                shift = len(joined) - len(text)
                prev.text, prev.dots = joined, prev.dots + [d + shift for d in dots]
                continue
            merged.append(_Para(text, dots, para[0].page, soft=not _ends_sentence(prev.text)))
            continue
        merged.append(_Para(text, dots, para[0].page, soft=False))
    return merged, orphan


def _cue(text: str) -> bool:
    words = [w.strip(",:;").lower() for w in text.split()[:2]]
    return bool(words) and (words[0] in _CONTINUATION_CUES or (len(words) > 1 and words[1] in _CONTINUATION_CUES))


def _units(paras: list[_Para]) -> list[_Unit]:
    units: list[_Unit] = []
    for p, para in enumerate(paras):
        spans = sentence_spans(para.text)
        for k, (a, b) in enumerate(spans):
            s = para.text[a:b].strip()
            if not s:
                continue
            n = sum(1 for d in para.dots if a < d <= b or (k == len(spans) - 1 and d > b))
            cost = (2.0 if para.soft else 0.0) if k == 0 else 3.0
            if _cue(s):
                cost += 1.5
            units.append(_Unit(s, p, k == 0, n, cost))
    return units


_EMPTY = 3.0


def _partition(titles: list[str], units: list[_Unit], total_dots: int) -> list[list[_Unit]]:
    """Units cut into len(titles) contiguous groups (some possibly empty) by dynamic programming.

    A group scores by the share of its title's words it contains (scaled by the title length),
    by the share of its sentences that relate to the title, by holding one status-dot remnant
    where the page kept one per row, and loses the cost of the boundary it starts at.
    """
    n, m = len(titles), len(units)
    if n == 0:
        return []
    tw = [sorted(set(_words(t))) for t in titles]
    uw = [set(_words(u.text, drop_quoted=True)) for u in units]
    hits = [[frozenset(i for i, t in enumerate(tw[r]) if any(_related(t, w) for w in uw[k])) for k in range(m)]
            for r in range(n)]
    dots_match = total_dots == n
    neg = float("-inf")
    # score[r][a][b] for a < b, filled incrementally over b
    score = [[[neg] * (m + 1) for _ in range(m + 1)] for _ in range(n)]
    for r in range(n):
        norm = math.sqrt(max(1, len(tw[r])))
        for a in range(m):
            found: set[int] = set()
            covered = dots = 0
            for b in range(a + 1, m + 1):
                found |= hits[r][b - 1]
                covered += bool(hits[r][b - 1])
                dots += units[b - 1].dots
                v = 1.5 * len(found) / norm + 0.75 * covered / (b - a) - 2.5 * max(0, dots - 1)
                if dots_match and dots == 0:
                    v -= 1.5
                if a > 0:
                    v -= units[a].cost
                score[r][a][b] = v
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for r in range(1, n + 1):
        for b in range(0, m + 1):
            for a in range(0, b + 1):
                if best[r - 1][a] == neg:
                    continue
                v = best[r - 1][a] + (-_EMPTY if a == b else score[r - 1][a][b])
                if v > best[r][b]:
                    best[r][b], back[r][b] = v, a
    groups: list[list[_Unit]] = []
    b = m
    for r in range(n, 0, -1):
        a = back[r][b]
        groups.append(units[a:b])
        b = a
    return list(reversed(groups))


def _join_units(units: list[_Unit]) -> str:
    out = ""
    for u in units:
        out = append_line(out, u.text)
    return out


# ---------------------------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------------------------

@dataclass
class _Row:
    title: str
    when: str | None
    result: str
    group: str | None
    page: int | None


def _read_block(block: list[_L], group: str | None, rows: list[_Row], notes: list[str]) -> str | None:
    """Append the block's rows to `rows`; returns the subheading in force after the block."""
    runs = _runs(block)
    for para in runs.lead:
        if rows:
            for ln in para:
                rows[-1].result = append_line(rows[-1].result, _strip_dot(ln.text)[0])
        else:
            runs.results.insert(0, para)
    tlines = _title_lines(runs.titles)
    whens = [" ".join(collapse(x.text) for x in p) for p in runs.whens]
    cells = _cells(tlines, len(whens), notes)
    open_group = any(c.is_group() and _dangling(c.text) for c in cells)
    paras, orphan = _result_paragraphs(runs.results, open_group)
    completed: dict[int, str] = {}
    if orphan:
        for k, c in enumerate(cells):
            if c.is_group() and _dangling(c.text):
                completed[k] = append_line(c.text, orphan)
                break
    block_rows: list[tuple[_Row, bool]] = []  # (row, has its own result)
    run_whens = iter(whens)
    for k, c in enumerate(cells):
        if c.is_group():
            group = completed.get(k, c.text)
            continue
        when = c.when or next(run_whens, None)
        rest = c.rest
        block_rows.append((_Row(c.text, when, rest, group, c.lines[0].src.page), bool(rest)))
    leftover = list(run_whens)
    if leftover:
        notes.append(f"when cells without a title: {leftover}")
    open_rows = [r for r, own in block_rows if not own]
    units = _units(paras)
    if open_rows and units:
        total_dots = sum(u.dots for u in units)
        groups = _partition([r.title for r in open_rows], units, total_dots)
        for r, g in zip(open_rows, groups):
            r.result = _join_units(g)
            if not g:
                notes.append(f"no result text for {r.title[:60]!r}")
        n_paras = len(paras) - sum(1 for p in paras if p.soft)
        if n_paras != len(open_rows):
            notes.append(f"{n_paras} result paragraphs fitted to {len(open_rows)} rows "
                         f"(first row {open_rows[0].title[:40]!r})")
        for g in groups:
            if g and not g[0].first_in_para:
                notes.append(f"result paragraph split before {g[0].text[:50]!r}")
    elif units:
        notes.append(f"result text without a row: {_join_units(units)[:60]!r}")
    rows.extend(r for r, _ in block_rows)
    return group


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------

def _source_text(title: str, when: str | None, result: str) -> str:
    """The row as one readable passage: what a reader of the table would see side by side."""
    parts = [title]
    if when:
        parts.append(f"Wanneer: {when}")
    if result:
        parts.append(f"Resultaat: {result}")
    return "\n".join(parts)


def parse_evaluation(lines: list[Line], report_year: int | None = None) -> EvaluationParse:
    """Ambitions and evaluated actions of an evaluation report, from its raw lines.

    `report_year` (the year the report covers) lets status derivation call an action still
    under way after its deadline year vertraagd. When not given it is the last year in the
    section heading ("periode januari t/m december 2024"), else the text alone decides.
    """
    sec = _section(lines)
    if sec is None:
        return EvaluationParse([], [], [], (0, 0))
    start, end, chapter, starts = sec
    if report_year is None and chapter:
        years = [int(y) for y in re.findall(r"\b(20\d\d)\b", chapter)]
        report_year = max(years) if years else None
    headers = _headers(lines, starts, end)
    notes: list[str] = []
    priorities: list[Priority] = []
    actions: list[Action] = []
    header_texts: list[tuple[int, str]] = []
    for k, h in enumerate(headers):
        path = tuple(p for p in (chapter, f"{h.kind} {h.number}: {h.label}") if p)
        priorities.append(Priority(number=h.number, label=h.label, holders=h.holders, goal=h.goal, page=h.page,
                                   section_path=path, sentence=h.text))
        header_texts.append((h.number, h.text))
        table_end = headers[k + 1].line if k + 1 < len(headers) else end
        rows: list[_Row] = []
        group = None
        for block in _blocks(lines, h.end, table_end):
            group = _read_block(block, group, rows, notes)
        for r in rows:
            status, basis = derive_status(r.result)
            actions.append(Action(
                ordinal=len(actions) + 1, title=r.title, priority_number=h.number, group=r.group,
                timeline=r.when, result=r.result or None, status=status, status_basis=basis, page=r.page,
                section_path=path + ((r.group,) if r.group else ()),
                source_text=_source_text(r.title, r.when, r.result),
            ))
    return EvaluationParse(priorities, actions, header_texts, (start, end), notes)
