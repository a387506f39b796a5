"""Priorities (ambities) of a plan and the portefeuillehouders that carry them.

Plans state their priorities in one of three shapes, and a reader must not confuse them with
the many other numbered lists in the same document:

* explicit headings: "3.2 Prioriteit 1: Aanpak ...", "## **Prioriteit 4: Digitale veiligheid**",
  "Ambitie 2: ...";
* bare numbered headings whose block holds an "Ambitie"/"Doelstelling" part ("1. Aanpak ...",
  then "Opgave", "Ambitie", "Aanpak");
* an inline enumeration in prose: "vijf strategische thema's ..., te weten: (1) ...; (2) ...".

Priorities of an earlier plan, reviewed in an annex ("Bijlage 1. Terugblik IVP 2019-2022"), are
not this plan's and are skipped. Works on raw lines (blank lines and OCR noise included) so it
does not depend on the generic cleaner.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cuewords import extract_cues, heading_line_regex, phrase_regex
from .model import Holder, Line, Priority

# ---------------------------------------------------------------------------------------------
# Small text helpers (shared with ingest.uvp)
# ---------------------------------------------------------------------------------------------

_WS = re.compile(r"\s+")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_FOOTER = re.compile(r"^\s*terug naar (de )?inhoud(sopgave)?\s*$", re.I)
_ABBREVIATIONS = {
    "bijv", "bv", "evt", "min", "max", "ca", "nr", "nrs", "incl", "excl", "resp", "zgn", "jl",
    "mr", "dhr", "mw", "art", "vgl", "enz", "etc", "blz", "p", "pag", "o", "m", "i", "e", "t",
}


def collapse(text: str) -> str:
    return _WS.sub(" ", text).strip()


def is_noise(text: str) -> bool:
    """Page numbers and navigation footers that a PDF text layer leaves between lines."""
    return bool(_PAGE_NUMBER.match(text) or _FOOTER.match(text))


def append_line(out: str, line: str) -> str:
    """`out` with one more wrapped line, repairing line-end hyphenation without respelling.

    "Helmer-" + "Englebert" and "Oost-" + "Nederland" keep their hyphen; "zorg-" + "en ..." is a
    Dutch elliptic compound and keeps its space; a lowercase break ("veiligheids-" + "beleid")
    is a soft hyphen and is closed.
    """
    t = collapse(line)
    if not t:
        return out
    if not out:
        return t
    if re.search(r"[A-Za-zÀ-ÿ]-$", out):
        if re.match(r"(en|of|tot|t/m)\b", t) or not t[0].isalpha():
            return out + " " + t
        if t[0].isupper() or out[-2].isupper():
            return out + t
        return out[:-1] + t
    return out + " " + t


def join_lines(texts: list[str]) -> str:
    """Wrapped lines as one string (see `append_line`)."""
    out = ""
    for t in texts:
        out = append_line(out, t)
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; abbreviations such as "bijv." or "d.m.v." do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[.!?](?:[’”\"')]*)\s+(?=[A-ZÀ-Ý‘“\"'(])", text):
        word = re.search(r"(\S+)$", text[start:m.start()])
        token = word.group(1) if word else ""
        if "." in token or token.lower().strip("(") in _ABBREVIATIONS:
            continue
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentences(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in sentence_spans(text) if text[a:b].strip()]


def ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?;][’”\"')]*\s*$", text.strip()))


def _joined_with_pages(lines: list[Line]) -> tuple[str, list[tuple[int, int | None]]]:
    """The lines joined as prose, with the offset at which each line's text starts."""
    text = ""
    offsets: list[tuple[int, int | None]] = []
    for line in lines:
        t = line.text.strip()
        if not t or is_noise(t):
            continue
        offsets.append((len(text), line.page))
        text = append_line(text, t)
    return text, offsets


def _page_at(offsets: list[tuple[int, int | None]], pos: int) -> int | None:
    page = None
    for off, p in offsets:
        if off > pos:
            break
        page = p
    return page


# ---------------------------------------------------------------------------------------------
# Portefeuillehouders
# ---------------------------------------------------------------------------------------------

_TITLE = r"(?P<title>[Bb]urgemeester|[Ww]ethouder|[Gg]edeputeerde)"
_NAME = (r"(?P<name>(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Vv]on|[Ll]e|[Ll]a|'t)\s+){0,3}"
         r"[A-ZÀ-Ý][a-zà-ÿ’']+(?:-[A-ZÀ-Ý][a-zà-ÿ’']+)*)")
_THEME = r"(?:het\s+thema|de\s+thema[’'`]?s|het\s+domein|de\s+portefeuille)?\s*"
_HOLDER_IS = re.compile(  # "Burgemeester Bergman is portefeuillehouder van het thema ondermijning"
    rf"{_TITLE}\s+{_NAME}\s+is\s+(?:de\s+)?portefeuillehouder\s+(?:van|voor)\s+{_THEME}(?P<scope>[^,;.]+)")
_HOLDER_SUB = re.compile(  # "..., specifiek voor de thema's X is dit burgemeester Y"
    rf"(?:specifiek\s+)?voor\s+{_THEME}(?P<scope>[^,;.]+?)\s+is\s+(?:dit|dat|het)\s+{_TITLE}\s+{_NAME}")
_THEME_IS = re.compile(  # "Portefeuillehouder van het thema verkeer is burgemeester Slinkman."
    rf"[Pp]ortefeuillehouder\s+(?:van|voor)\s+{_THEME}(?P<scope>[^,;.]+?)\s+is\s+{_TITLE}\s+{_NAME}")
# "Portefeuillehouders: burgemeester A (x), burgemeester B (y)"
_LIST = re.compile(r"[Pp]ortefeuillehouders?\s*:\s*(?P<list>.+)")
# a run-in label ("Organisatorische borging: ") is not part of the sentence; a new one ("Doelstelling: ") ends it
_LABEL_PREFIX = re.compile(r"^(?!Portefeuillehouder)[A-ZÀ-Ý][\w ]{2,40}:\s+(?=[A-ZÀ-Ý])")
_LABEL_START = re.compile(r"\s(?=[A-ZÀ-Ý][a-zà-ÿ]+(?:\s[a-zà-ÿ]+)?\s*:\s)")
_LIST_ITEM = re.compile(rf"{_TITLE}\s+{_NAME}(?:\s*\((?P<scope>[^)]+)\))?")


def _scope(text: str | None) -> str | None:
    if not text:
        return None
    s = collapse(text).strip(" ‘’'\"“”`")
    return s or None


def _holders_in(sentence: str, page: int | None) -> list[Holder]:
    found: list[tuple[int, Holder]] = []

    def add(pos: int, m: re.Match, scope: str | None) -> None:
        found.append((pos, Holder(name=m.group("name"), title=m.group("title").lower(), scope=_scope(scope),
                                  sentence=sentence, page=page)))

    for m in _HOLDER_IS.finditer(sentence):
        add(m.start(), m, m.group("scope"))
    for m in _HOLDER_SUB.finditer(sentence):
        add(m.start("title"), m, m.group("scope"))
    for m in _THEME_IS.finditer(sentence):
        add(m.start(), m, m.group("scope"))
    lst = _LIST.search(sentence)
    if lst:
        for m in _LIST_ITEM.finditer(lst.group("list")):
            add(lst.start("list") + m.start(), m, m.group("scope"))
    found.sort(key=lambda x: x[0])
    return [h for _, h in found]


def extract_holders(lines: list[Line]) -> list[Holder]:
    """Every portefeuillehouder named in the lines, in order, one per (name, scope)."""
    text, offsets = _joined_with_pages(lines)
    holders: list[Holder] = []
    out: list[Holder] = []
    seen: set[tuple[str, str | None]] = set()
    for a, b in sentence_spans(text):
        for sentence in _LABEL_START.split(text[a:b]):
            sentence = _LABEL_PREFIX.sub("", sentence.strip())
            if "ortefeuillehouder" in sentence:
                holders.extend(_holders_in(sentence, _page_at(offsets, a)))
    for h in holders:
        key = (h.name, (h.scope or "").lower() or None)
        if key not in seen:
            seen.add(key)
            out.append(h)
    return out


# ---------------------------------------------------------------------------------------------
# Priority sections
# ---------------------------------------------------------------------------------------------

_MD = r"(?:#{1,6}\s*)?"
_BOLD = r"(?:\*\*|__)?"
# "3.2 Prioriteit 1: ...", "Speerpunt 2 - ...": a capitalised priority cue word (ontology/cues.toml), a number, a label
_EXPLICIT = re.compile(
    rf"^{_MD}{_BOLD}\s*(?P<num>\d{{1,2}}(?:\.\d{{1,2}})*\.?\s+)?"
    rf"(?P<cue>(?=[A-ZÀ-Ý])(?i:{phrase_regex(extract_cues().priority_heads)}))\s+(?P<n>\d{{1,2}})"
    rf"\s*[:.\-–]\s*(?P<label>[^*_].{{1,118}}?)\s*{_BOLD}\s*$")
_BARE = re.compile(r"^(?P<n>\d{1,2})\.\s+(?P<label>[A-ZÀ-Ý][^.:;]{2,80})$")
_CHAPTER = re.compile(r"^(?P<n>\d{1,2})\.?\s+(?P<label>[A-ZÀ-Ý][^:;]{2,80})$")
_MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>\S.*)$")
_ANNEX = re.compile(rf"^{_MD}{_BOLD}\s*(Bijlage|Annex|Appendix)\s+\d+\b", re.I)
_REVIEW = re.compile(r"\b(Terugblik|Evaluatie)\b.*\b(19|20)\d\d\b")
_GOAL_ALONE = re.compile(
    rf"^{_MD}{_BOLD}\s*(Ambitie|Ambities|Doelstelling|Doelstellingen|Doel)\s*:?\s*{_BOLD}\s*:?\s*$", re.I)
_GOAL_INLINE = re.compile(rf"^{_BOLD}(Doelstelling|Ambitie|Doel)\s*{_BOLD}\s*:\s*{_BOLD}\s*(?P<text>\S.*)$")
_LABEL = re.compile(r"^[A-ZÀ-Ý][\w’' /&-]{1,40}:(\s|$)")  # "Concrete doelen:", "Organisatorische borging: ..."
_ACTIONS_START = heading_line_regex(extract_cues().action_regions)  # cue words, ontology/cues.toml
_FOOTNOTE = re.compile(r"^\d{1,2}\s+[A-Z][^.]*")
_TOC_LINE = re.compile(r"(?:[.·…_]\s?){4,}\s*\d{1,4}\s*$")  # "Prioriteit 1: Jeugd ........ 5": contents, not a heading


@dataclass
class PrioritySection:
    """Where one priority is written: its heading line and the lines up to the next one."""

    number: int
    label: str
    heading: str  # the heading as written, markup removed: "3.2 Prioriteit 1: Aanpak ..."
    start: int  # index of the heading line in the raw lines
    end: int  # exclusive
    parent: str | None = None  # the chapter heading above, e.g. "3. Aanpak prioriteiten 2025-2026"
    page: int | None = None

    @property
    def path(self) -> tuple[str, ...]:
        return (self.parent, self.heading) if self.parent else (self.heading,)


def _strip_markup(text: str) -> str:
    return collapse(re.sub(r"^#{1,6}\s*", "", text).replace("**", "").replace("__", ""))


def _is_bullet(text: str) -> bool:
    return bool(re.match(r"^\s*(?:[-–•▪*=]|[\uf000-\uf0ff])", text))


def _annex_start(lines: list[Line]) -> int:
    """Index of the first annex heading: annexes close a plan, and hold reviews of older plans."""
    for i, line in enumerate(lines):
        t = line.text.strip()
        if len(t) <= 90 and not _is_bullet(t) and _ANNEX.match(t):
            return i
    return len(lines)


def _excluded(lines: list[Line]) -> list[bool]:
    """True for lines in an annex, or under a heading that reviews an earlier period
    ("Terugblik IVP 2019-2022") until the next numbered chapter: not this plan's priorities."""
    out = [False] * len(lines)
    annex = _annex_start(lines)
    in_review = False
    for i, line in enumerate(lines):
        t = _strip_markup(line.text)
        if len(t) <= 80 and t and not _is_bullet(line.text) and not ends_sentence(t):
            if _REVIEW.search(t):
                in_review = True
            elif _BARE.match(t) or _MD_HEADING.match(line.text.strip()):
                in_review = False
        out[i] = i >= annex or in_review
    return out


def _explicit_headings(lines: list[Line], skip: list[bool]) -> list[tuple[int, int, str, str]]:
    """(index, number, label, heading) of "Prioriteit N: label" headings outside annexes; only those with the
    first heading's cue word, since another cue below it ("Doelstelling 1") names a part of a priority."""
    found = []
    first_cue = None
    for i, line in enumerate(lines):
        raw = line.text.strip()
        if skip[i] or not raw or _is_bullet(raw) or _TOC_LINE.search(raw):
            continue
        m = _EXPLICIT.match(raw)
        if not m or (first_cue or m.group("cue").lower()) != m.group("cue").lower():
            continue
        first_cue = m.group("cue").lower()
        label = _strip_markup(m.group("label")).rstrip(".")
        heading = _strip_markup(raw)
        nxt = _next_text(lines, i)
        if nxt is not None:  # "(voorheen: maatschappelijke onrust)" wrapped onto its own line
            t = lines[nxt].text.strip()
            if t.startswith("(") and t.endswith(")") and len(t) < 80:
                label, heading = f"{label} {t}", f"{heading} {t}"
        found.append((i, int(m.group("n")), label, heading))
    return found


def _next_text(lines: list[Line], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if lines[j].text.strip() and not is_noise(lines[j].text):
            return j
    return None


def _bare_headings(lines: list[Line], skip: list[bool]) -> list[tuple[int, int, str, str]]:
    """Bare numbered headings ("1. Aanpak ...") whose block states an ambition or goal."""
    cands = []
    for i, line in enumerate(lines):
        t = line.text.strip()
        m = _BARE.match(t)
        if m and not skip[i] and not ends_sentence(t) and not t.endswith(","):
            cands.append((i, int(m.group("n")), collapse(m.group("label")), collapse(t)))
    qualified = []
    for k, (i, n, label, heading) in enumerate(cands):
        end = cands[k + 1][0] if k + 1 < len(cands) else len(lines)
        if any(_GOAL_ALONE.match(lines[j].text.strip()) and not skip[j] for j in range(i + 1, end)):
            qualified.append((i, n, label, heading))
    # keep the longest run numbered 1, 2, 3, ... in document order
    best: list[tuple[int, int, str, str]] = []
    run: list[tuple[int, int, str, str]] = []
    for c in qualified:
        if c[1] == 1:
            run = [c]
        elif run and c[1] == run[-1][1] + 1:
            run.append(c)
        else:
            continue
        if len(run) > len(best):
            best = list(run)
    return best


def _parent_heading(lines: list[Line], first: int, heading: str) -> str | None:
    """The chapter heading above the first priority: "3." above "3.2 ...", "#" above "##"."""
    raw = lines[first].text.strip()
    md = _MD_HEADING.match(raw)
    num = re.match(r"^(\d{1,2})\.\d", heading)
    for j in range(first - 1, -1, -1):
        t = lines[j].text.strip()
        if not t or _is_bullet(t):
            continue
        if md:
            m = _MD_HEADING.match(t)
            if m and len(m.group("hashes")) < len(md.group("hashes")):
                return _strip_markup(t)
            continue
        m = _CHAPTER.match(t)
        if not m or ends_sentence(t) or t.endswith(","):
            continue
        if num is None or m.group("n") == num.group(1):
            if re.match(r"^\d{1,2}\.?\s", t) and not re.match(r"^\d{1,2}\.\d", t):
                return collapse(t)
    return None


def _section_end(lines: list[Line], start: int, heading: str, limit: int) -> int:
    """First line after `start` that opens a new chapter (a higher number, or a higher Markdown level)."""
    raw = lines[start].text.strip()
    md = _MD_HEADING.match(raw)
    num = re.match(r"^(\d{1,2})\.(\d{1,2})", heading)
    for j in range(start + 1, limit):
        t = lines[j].text.strip()
        if not t or _is_bullet(t):
            continue
        if md:
            m = _MD_HEADING.match(t)
            if m and len(m.group("hashes")) < len(md.group("hashes")):
                return j
            continue
        if num:
            m = re.match(r"^(\d{1,2})(?:\.(\d{1,2}))?\.?\s+[A-ZÀ-Ý]", t)
            if m and len(t) <= 90 and not ends_sentence(t):
                chapter, sub = int(m.group(1)), int(m.group(2) or 0)
                here, here_sub = int(num.group(1)), int(num.group(2))
                # another chapter, also a lower one (a reordered document), but not an item of a numbered list
                if (chapter != here or sub > here_sub) and not _list_item(lines, j, chapter, sub):
                    return j
    return limit


def _list_item(lines: list[Line], j: int, n: int, sub: int) -> bool:
    """Is numbered line `j` an item of a numbered list rather than a chapter heading? It is when it continues
    a list ("3." a few lines after "2.") or opens one ("1.") right after a lead-in that ends in a colon."""
    if sub:
        return False
    seen = 0
    for k in range(j - 1, -1, -1):
        t = lines[k].text.strip()
        if not t or is_noise(t):
            continue
        if re.match(r"^\d{1,2}\.\d", t):  # a numbered sub-heading ("3.1 ...") stands between: no list
            return False
        m = re.match(r"^(\d{1,2})[.)]\s", t)
        if m:
            return int(m.group(1)) == n - 1
        if n == 1 or seen >= 3:
            return n == 1 and t.endswith(":")
        seen += 1
    return False


def priority_sections(lines: list[Line]) -> list[PrioritySection]:
    """The sections of this plan's priorities, in document order, one per number."""
    skip = _excluded(lines)
    heads = _explicit_headings(lines, skip)
    seen: set[int] = set()
    heads = [h for h in heads if not (h[1] in seen or seen.add(h[1]))]
    if not heads:
        heads = _bare_headings(lines, skip)
    if not heads:
        return []
    annex = _annex_start(lines)
    parent = _parent_heading(lines, heads[0][0], heads[0][3])
    out = []
    for k, (i, n, label, heading) in enumerate(heads):
        limit = heads[k + 1][0] if k + 1 < len(heads) else annex if annex > i else len(lines)
        end = _section_end(lines, i, heading, limit)
        out.append(PrioritySection(n, label, heading, i, end, parent, lines[i].page))
    return out


# ---------------------------------------------------------------------------------------------
# Goals
# ---------------------------------------------------------------------------------------------


def _stops_goal(text: str) -> bool:
    t = text.strip()
    if _MD_HEADING.match(t) or _EXPLICIT.match(t) or _ACTIONS_START.match(t) or _GOAL_ALONE.match(t):
        return True
    if _LABEL.match(t) and not _GOAL_INLINE.match(t):
        return True
    plain = _strip_markup(t)
    # a short capitalised line without end punctuation is a sub-heading ("Aanpak", "Opgave")
    return (len(plain) <= 45 and len(plain.split()) <= 5 and plain[:1].isupper() and not _is_bullet(t)
            and not re.search(r"[.,;:)]$", plain))


def _goal(lines: list[Line], start: int, end: int) -> str | None:
    """The ambition or doelstelling of one section: a labelled block or an inline "Doelstelling:"."""
    for i in range(start + 1, end):
        t = lines[i].text.strip()
        if not t:
            continue
        if _ACTIONS_START.match(t):
            break
        if _GOAL_ALONE.match(t):
            return _collect(lines, i + 1, end, whole_block=True)
        m = _GOAL_INLINE.match(_strip_markup(t))
        if m:
            return _collect(lines, i, end, whole_block=False, first=m.group("text"))
    return None


def _collect(lines: list[Line], i: int, end: int, whole_block: bool, first: str | None = None) -> str | None:
    """Gather goal text: a whole labelled block, or one paragraph (running on past blank lines that
    fall mid-sentence, as they do in text layers that put a blank line after every line)."""
    parts: list[str] = [first] if first else []
    j = i + 1 if first else i
    blank = False
    while j < end:
        t = lines[j].text.strip()
        j += 1
        if not t:
            blank = True
            continue
        if is_noise(t) or (_FOOTNOTE.fullmatch(t) and parts and ends_sentence(parts[-1])):
            continue
        if _stops_goal(t):
            break
        if blank and not whole_block and parts and ends_sentence(parts[-1]):
            break
        blank = False
        parts.append(_strip_markup(t))
    text = join_lines(parts)
    return text or None


# ---------------------------------------------------------------------------------------------
# Inline enumerations
# ---------------------------------------------------------------------------------------------

_ENUM_MARK = re.compile(r"\((\d{1,2})\)\s*")
_ENUM_CUE = re.compile(r"thema|prioriteit|ambitie|speerpunt|pijler", re.I)
_ARTICLE = re.compile(r"^(de|het|een)\s+", re.I)


def _enumerated(lines: list[Line]) -> list[Priority]:
    """Priorities listed inline: "... thema's centraal, te weten: (1) de aanpak ...; (2) ..."."""
    text, offsets = _joined_with_pages(lines)
    best: list[Priority] = []
    for a, b in sentence_spans(text):
        sentence = text[a:b].strip()
        marks = list(_ENUM_MARK.finditer(sentence))
        if len(marks) < 2 or not _ENUM_CUE.search(sentence[:marks[0].start()]):
            continue
        if [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
            continue
        items = []
        for k, m in enumerate(marks):
            stop = marks[k + 1].start() if k + 1 < len(marks) else len(sentence)
            item = sentence[m.end():stop].strip()
            item = re.sub(r"[\s;,.]*(?:\b(?:en|of)\s*)?$", "", item)
            item = _ARTICLE.sub("", item)
            items.append(item[:1].upper() + item[1:])
        if len(items) > len(best) and all(items):
            page = _page_at(offsets, a + marks[0].start())
            best = [Priority(number=n, label=label, page=page, sentence=sentence) for n, label in enumerate(items, 1)]
    return best


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def extract_priorities(lines: list[Line], kind: str) -> list[Priority]:
    """This document's priorities with goal and portefeuillehouders, for kind ivp, uvp or council_note.

    A council note only summarises the plan, usually in one enumerating sentence, so that shape is
    tried first there; plans are read from their headings and fall back to an enumeration.
    """
    if kind == "council_note":
        found = _enumerated(lines)
        if found:
            return found
    out: list[Priority] = []
    for sec in priority_sections(lines):
        goal = _goal(lines, sec.start, sec.end)
        holders = extract_holders(lines[sec.start:sec.end])
        sentence = f"{sec.heading}: {goal}" if goal else sec.heading
        out.append(Priority(number=sec.number, label=sec.label, holders=holders, goal=goal, page=sec.page,
                            section_path=sec.path, sentence=sentence))
    if not out and kind != "council_note":
        out = _enumerated(lines)
    return out
