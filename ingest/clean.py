"""Cleaning: raw lines in, lines fit for structure and chunking out.

The text layers of published PDFs carry noise the reader must not cite: page footers ("Terug
naar inhoud"), bare page numbers, footnote lines, private-use bullet glyphs, status-dot remnants.
Some layouts put a blank line after every line, so a blank no longer means a paragraph break;
there the breaks are inferred from line lengths and punctuation. The output marks a paragraph
break with one empty-text Line and keeps each line's page.

Letters inside words are never changed (no OCR spelling fixes): evaluation snippets are taken
from the raw text, and a "fix" would lose the match. Only hyphenation at line ends is repaired,
by pulling the first word of the next line up, so that joining lines with a space reads right.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .layout.boilerplate import FLine, furniture
from .model import Line

# --- per-line normalisation -------------------------------------------------------------------

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
# Glyphs used as bullets: Word's symbol-font bullets land in the private-use area; OCR turns
# "•" into "*", "e" or "="; some documents use check marks.
_BULLET = re.compile(
    r"^(\s*)(?:[\ue000-\uf8ff•●○◦▪■□►▶➢➤✓✔✗☐∙·‣⁃]|[*=](?=\s)|e(?=\s+[A-Z0-9]))\s*"
)
_MD_BULLET = re.compile(r"^\s*[-+*]\s+(?:[\ue000-\uf8ff•●○◦▪■□►▶➢➤✓✔∙·‣⁃]\s*)?(?=\S)")
_DASH_BULLET = re.compile(r"^\s*[-–](?=[A-Z])")  # "-Actualiseren ..." written without a space
_STATUS_DOT = re.compile(r"(?<=\S)\s+[‘’'`]\s*$")  # what is left of a coloured status dot
_SUP = re.compile(r"<sup>\s*\d{1,3}\s*</sup>")

# --- noise lines ------------------------------------------------------------------------------

_FOOTERS = {"terug naar inhoud", "terug naar inhoudsopgave", "terug naar boven", "naar inhoudsopgave"}
_PAGE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
_PAGE_WORDS = re.compile(r"^\s*(?:pagina|page|blz\.?)\s+\d{1,3}(?:\s*(?:van|of|/)\s*\d{1,3})?\s*$", re.I)
_PAGE_OF = re.compile(r"^\s*\d{1,3}\s*/\s*\d{1,3}\s*$")
_MD_FOOTNOTE = re.compile(r"^\s*<sup>\s*\d{1,3}\s*</sup>")
_BARE_LIST_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.\s*$")

# --- paragraph breaks -------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?:;]['’”\")]?$")
_STRONG_END = re.compile(r"[.!?:]['’”\")]?$")
_NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+[A-Z]")
_KEYWORD_HEAD = re.compile(r"^(?:Bijlage|Ambitie|Prioriteit|Hoofdstuk)\s+\d", re.I)
_HYPHEN_END = re.compile(r"(\w)-$")
# Words a paragraph cannot end on: a line ending on one continues on the next.
_OPEN_ENDINGS = {
    "de", "het", "een", "van", "en", "of", "in", "op", "te", "met", "voor", "door", "aan", "bij", "naar",
    "om", "tot", "uit", "over", "als", "dat", "die", "dan", "is", "zijn", "wordt", "worden", "the",
    "and", "to", "for", "with", "a", "an",
}
_CONJUNCTIONS = {"en", "of", "tot", "t/m", "en/of", "noch", "als", "dan", "maar", "and", "or", "to"}


@dataclass
class _Entry:
    """A content line with what separated it from the previous one."""

    text: str
    page: int | None
    indent: bool  # the raw line started with whitespace (a stripped bullet glyph, often)
    gap: int = 0  # blank lines between the previous content line and this one
    crossed: bool = False  # a removed noise line (footer, page number, footnote) lay in between
    bullet: bool = False
    brk: bool = False  # a paragraph break comes before this line


def clean_lines(lines: list[Line]) -> list[Line]:
    """Cleaned lines; an empty-text Line marks a paragraph break. Pages are kept per line."""
    normalised = [Line(normalise_text(line.text), line.page) for line in lines]
    noise = _noise_flags(normalised)
    entries = _entries(normalised, noise)
    _merge_bare_numbers(entries)
    widths = _typical_widths(entries)
    soft = _soft_gaps(entries)
    _infer_bullets(entries)
    for i, e in enumerate(entries):
        e.brk = i > 0 and _is_break(entries[i - 1], e, soft[i], widths[i - 1])
    _repair_hyphens(entries)
    out: list[Line] = []
    for e in entries:
        if not e.text:
            continue
        if e.brk and out and out[-1].text:
            out.append(Line("", e.page))
        out.append(Line(e.text, e.page))
    return out


def normalise_text(text: str) -> str:
    """One line's characters: NFC, no controls, plain spaces, bullets as "- ", no trailing noise."""
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = _CONTROLS.sub("", text)
    text = _SUP.sub("", text) if not _MD_FOOTNOTE.match(text) else text
    text = text.rstrip()
    m = _MD_BULLET.match(text) or _BULLET.match(text)
    if m and text[m.end():].strip():
        text = "- " + text[m.end():]
    else:
        text = _DASH_BULLET.sub("- ", text)
    text = _PRIVATE_USE.sub("", text)
    text = _STATUS_DOT.sub("", text).rstrip()
    if text.strip() in ("‘", "’", "'", "`"):
        return ""
    return text


def _noise_flags(lines: list[Line]) -> list[bool]:
    """Lines that are furniture of the printed page, not content."""
    flags = [False] * len(lines)
    texts = [line.text.strip() for line in lines]
    for i, t in enumerate(texts):
        low = t.lower()
        if low in _FOOTERS or _PAGE_WORDS.match(t) or _PAGE_OF.match(t) or _MD_FOOTNOTE.match(t):
            flags[i] = True
    _flag_page_numbers(lines, texts, flags)
    _flag_running(lines, texts, flags)
    _flag_footnotes(texts, flags)
    return flags


def _flag_running(lines: list[Line], texts: list[str], flags: list[bool]) -> None:
    """Running headers and footers ("Kadernota Integrale Veiligheid Kleiwaarde   3" atop every page): lines
    that recur, figures masked, at the edge of most pages, found as the layout readers find them
    (ingest/layout/boilerplate.py). Left in, they cut paragraphs and end up cited inside passages."""
    for i in _running(lines, texts):
        flags[i] = True


def running_lines(lines: list[Line]) -> list[str]:
    """The running headers and footers of a paged text, each once: cleaning drops them from the content,
    but the place they name ("Gemeente Oss", "Veiligheidsplan Kleiwaarde") says whose document it is."""
    texts = [line.text.strip() for line in lines]
    return list(dict.fromkeys(texts[i] for i in _running(lines, texts)))


def _running(lines: list[Line], texts: list[str]) -> list[int]:
    pages = {line.page for line in lines if line.page is not None}
    if len(pages) < 2:
        return []
    edges = _page_edges(lines, texts)
    kinds = furniture([FLine(t, line.page, i in edges) for i, (line, t) in enumerate(zip(lines, texts))], len(pages))
    return [i for i, kind in enumerate(kinds) if kind == "running"]


def _page_edges(lines: list[Line], texts: list[str]) -> set[int]:
    """Indexes of the first and the last text line of each page (where the reader knows pages)."""
    by_page: dict[int, list[int]] = {}
    for i, (line, t) in enumerate(zip(lines, texts)):
        if t and line.page is not None:
            by_page.setdefault(line.page, []).append(i)
    return {i for idx in by_page.values() for i in (idx[0], idx[-1])}


def _flag_page_numbers(lines: list[Line], texts: list[str], flags: list[bool]) -> None:
    """Bare numbers that are page numbers, not table cells, chart axis values or list numbers.

    Where the reader knows the page, a number equal to it, or heading or closing its page in
    sequence, is the page number. Elsewhere a number must continue a plausible page sequence
    at least a short page after the previous one: table columns put numbers on adjacent lines.
    """
    first_last = _page_edges(lines, texts)
    last: int | None = None
    last_at = -100
    for i, t in enumerate(texts):
        m = _PAGE_NUMBER.match(t)
        if not m or flags[i]:
            continue
        n = int(m.group(1))
        if n == 0:
            continue
        in_sequence = last is None and n <= 200 or last is not None and last < n <= last + 30
        page = lines[i].page
        if page is not None:
            ok = n == page or (i in first_last and in_sequence)
        else:
            ok = in_sequence and i - last_at >= 10 and not _next_to_number(texts, i)
        if ok:
            flags[i] = True
            last, last_at = n, i


def _next_to_number(texts: list[str], i: int) -> bool:
    """The nearest text line above or below is a number too: a column of figures."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(texts) and not texts[j]:
            j += step
        if 0 <= j < len(texts) and re.fullmatch(r"[\d.,%€ ]+", texts[j]):
            return True
    return False


def _flag_footnotes(texts: list[str], flags: list[bool]) -> None:
    """Footnote lines "N text" at a page foot, numbered 1, 2, 3 ... with a marker "word.N" earlier.

    Requiring the numbers to run in order and the marker to precede the note keeps table rows and
    numbered lines from being mistaken for footnotes.
    """
    expected = 1
    i = 0
    while i < len(texts):
        t = texts[i]
        m = re.match(r"^(\d{1,2})\s+(\S.*)$", t)
        if m and int(m.group(1)) == expected and not flags[i] and _after_blank(texts, flags, i):
            if _marker_before(texts, i, expected):
                flags[i] = True
                expected += 1
                j, body = i, m.group(2)
                while not _STRONG_END.search(body) and j + 1 < len(texts) and texts[j + 1] and j - i < 3:
                    j += 1
                    flags[j] = True
                    body = texts[j]
                i = j + 1
                continue
        i += 1


def _after_blank(texts: list[str], flags: list[bool], i: int) -> bool:
    return i == 0 or not texts[i - 1] or flags[i - 1]


def _marker_before(texts: list[str], i: int, n: int) -> bool:
    """The note's number glued to a word or punctuation earlier on: "partners.1 De", "2030’5,"."""
    # glued to a letter, a quote or a bracket, or to a full stop or comma right after one: not the "1" of a
    # section number "3.1", which would take "1 Inleiding" for a footnote
    marker = re.compile(rf"(?:(?<=[a-zà-ÿ’'\")])|(?<=[a-zà-ÿ’'\")][.,])){n}(?=[\s,.;:)]|$)")
    return any(marker.search(t) for t in texts[max(0, i - 200): i])


def _entries(lines: list[Line], noise: list[bool]) -> list[_Entry]:
    entries: list[_Entry] = []
    gap, crossed = 0, False
    for line, is_noise in zip(lines, noise):
        if is_noise:
            crossed = True
            continue
        if not line.text.strip():
            gap += 1
            continue
        text = line.text
        entries.append(_Entry(text.strip(), line.page, text[:1].isspace(), gap, crossed,
                              bullet=text.lstrip().startswith("- ")))
        gap, crossed = 0, False
    return entries


def _merge_bare_numbers(entries: list[_Entry]) -> None:
    """A chapter number set on its own line ("1." then "Inleiding.") goes back onto its title line."""
    for i in range(len(entries) - 1):
        e, nxt = entries[i], entries[i + 1]
        if not _BARE_LIST_NUMBER.match(e.text) or nxt.gap > 2 or nxt.crossed:
            continue
        if i > 0 and _BARE_LIST_NUMBER.match(entries[i - 1].text):
            continue
        if i + 2 < len(entries) and _BARE_LIST_NUMBER.match(entries[i + 2].text):
            continue
        words = nxt.text.split()
        if 1 <= len(words) <= 8 and nxt.text[:1].isupper():
            nxt.text = f"{e.text.strip()} {nxt.text}"
            nxt.gap, nxt.crossed, nxt.indent = e.gap, e.crossed, e.indent
            e.text = ""
    entries[:] = [e for e in entries if e.text]


def _typical_widths(entries: list[_Entry], radius: int = 15) -> list[int]:
    """Per line, the length of a full line nearby: most lines of running text fill the column.

    Local, because a landscape table page and a portrait text page differ in width.
    """
    lengths = [len(e.text) if len(e.text.split()) >= 4 else 0 for e in entries]
    out: list[int] = []
    for i in range(len(entries)):
        near = sorted(n for n in lengths[max(0, i - radius): i + radius + 1] if n)
        out.append(max(30, near[int(len(near) * 0.8)]) if len(near) >= 5 else 80)
    return out


def _soft_gaps(entries: list[_Entry], radius: int = 10) -> list[bool]:
    """True where single blank lines are line spacing, not paragraph breaks (a blank after every line).

    Decided per neighbourhood, because one document can switch layout between its parts.
    """
    n = len(entries)
    soft = [False] * n
    for i in range(1, n):
        window = [entries[j].gap for j in range(max(1, i - radius), min(n, i + radius + 1)) if not entries[j].crossed]
        if len(window) < 4:
            continue
        ones = sum(1 for g in window if g == 1) / len(window)
        zeros = sum(1 for g in window if g == 0) / len(window)
        soft[i] = ones >= 0.6 and zeros <= 0.25
    return soft


def _infer_bullets(entries: list[_Entry]) -> None:
    """Bullets whose glyph was lost in extraction: the line keeps the glyph's indent.

    An indented line is a bullet when the line before introduces a list (ends with ':' or ';')
    or a list is running; a list ends at a paragraph break, a heading, or an unindented line
    that starts a new sentence.
    """
    in_list = False
    for i, e in enumerate(entries):
        if e.bullet:
            in_list = True
            continue
        if i == 0:
            continue
        prev = entries[i - 1]
        heading_like = bool(_NUMBERED.match(e.text) or _KEYWORD_HEAD.match(e.text))
        if not e.indent or heading_like:
            if heading_like or (e.text[:1].isupper() and (e.gap >= 1 or _STRONG_END.search(prev.text))):
                in_list = False
            continue
        if (e.gap >= 2 or e.crossed) and not prev.text.endswith(":"):
            in_list = False
        if in_list or prev.text.endswith((":", ";")):
            e.text = "- " + e.text
            e.bullet = in_list = True


def _is_break(prev: _Entry, e: _Entry, soft: bool, width: int) -> bool:
    """Does a paragraph break separate `prev` from `e`?"""
    if _HYPHEN_END.search(prev.text) and not prev.text.endswith(" -"):
        return False  # a word broken at the line end continues on the next line
    if prev.text.startswith("#") or e.text.startswith("#"):
        return True  # a Markdown heading is a block of its own
    if e.bullet:
        return e.gap > 0 or e.crossed
    last_word = prev.text.rsplit(" ", 1)[-1].lower()
    open_end = prev.text.endswith(",") or (last_word in _OPEN_ENDINGS and not prev.bullet)
    continues = not _SENTENCE_END.search(prev.text) and (e.text[:1].islower() or open_end)
    if continues and (e.gap <= 4 or e.crossed):
        return False
    if e.crossed:
        # across a page foot: a break only where the text before it ended a sentence or a short line
        return _SENTENCE_END.search(prev.text) is not None or len(prev.text) < 0.6 * width
    if e.gap == 0:
        return False
    if e.gap == 1 and not _SENTENCE_END.search(prev.text) and not prev.text.endswith(")") and len(prev.text) >= 0.7 * width:
        return False  # a full line that does not end a sentence runs on, blank or not
    if e.gap >= 2 or not soft:
        return True
    # A blank after every line: break after a short line, or a sentence end that is not a full line.
    n = len(prev.text)
    if n < 0.6 * width:
        return True
    if _STRONG_END.search(prev.text) and n < 0.85 * width:
        return True
    return bool(_NUMBERED.match(e.text) or _KEYWORD_HEAD.match(e.text))


def _repair_hyphens(entries: list[_Entry]) -> None:
    """'be-' + 'halen' -> 'behalen'; 'Gelderland-' + 'Zuid' -> 'Gelderland-Zuid'; 'zorg-' + 'en' stays."""
    for i in range(len(entries) - 1):
        e, nxt = entries[i], entries[i + 1]
        m = _HYPHEN_END.search(e.text)
        if not m or nxt.brk or not nxt.text or nxt.bullet:
            continue
        first, _, rest = nxt.text.partition(" ")
        if first.lower() in _CONJUNCTIONS or first.lower().rstrip(",.;:") in _CONJUNCTIONS:
            continue
        token = e.text.rsplit(" ", 1)[-1]  # the broken word with its hyphen
        c = first[0]
        if c.isupper() or c.isdigit() or c == "/":
            e.text = e.text + first
        elif c.islower():
            stem = token[:-1]
            if stem[-1:].isdigit():
                if re.fullmatch(r"(?:19|20)\d\d", stem):
                    continue  # "Q4 2025-" + "methodiek": a date range cut by a column, not a word
                e.text = e.text + first
            else:
                e.text = e.text[:-1] + first
        else:
            continue
        nxt.text = rest.lstrip()
        if not nxt.text and i + 2 < len(entries):
            entries[i + 2].brk = entries[i + 2].brk or nxt.brk
