"""Who a document is written for: one gemeente, a group of gemeenten or a basisteam, read from its text.

Plans of any of the 342 gemeenten arrive under meaningless file names, so the owner comes from the words:
the title line ("Integraal Veiligheidsplan Oss 2024-2027"), the sentence that says who wrote it ("Dit plan
is opgesteld door de gemeenten Oss, Bernheze en Maashorst"), a letterhead ("Gemeenteblad van Goes") or a
signature ("De burgemeester van Ede"). Gemeenten are looked up in the national reference data
(ontology/places.py); the cue words live in ontology/cues.toml. Evidence is weighed, not just found:

- a place in the title counts most, one in a sentence about the document itself next, one after a cue
  ("de gemeente", "basisteam") less, a bare name least; a basisteam named once in passing is not an owner;
- gemeente names that are ordinary words (Best, Goes, Ede) count only after a gemeente cue or in a title
  line that names the kind of document;
- a basisteam the reference data does not know is minted from the text, with a warning; so is a gemeente
  it does not know (a merger newer than the data) when a title line names it after the kind of document or
  a gemeente cue and the text calls it a gemeente ("Zuidermeer is een veilige gemeente"), or the title
  dates it ("Actieplan Veiligheid Rietbroek 2026") and it is no known region or concept; a name a header puts
  before the kind across a separator ("Zandhoeve | Uitvoeringsprogramma veiligheid 2025") counts when the text
  also places things in it ("in Zandhoeve"); without a titled place, an unknown name after "de gemeente" in
  the first page is the owner when nothing known is.

The basisteam follows from the gemeenten where the reference data knows it.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ontology.cues import Cues, cues, ends_with, find_phrases
from ontology.labels import LabelIndex
from ontology.normalize import Token, key, tokenize
from ontology.places import KINDS as REGION_KINDS, Gemeente, Places, places

log = logging.getLogger(__name__)

OWNER_KINDS = ("gemeente", "gemeenten", "basisteam")
_TITLE, _SUBJECT, _CUE, _PLAIN = 6, 3, 2, 1  # weights of one mention, by where it stands
_MIN_BASISTEAM, _MIN_GEMEENTE = 3, 2  # a basisteam needs more than one mention in passing
_REST_CAP = 3  # what mentions after the first page may add: never as much as a title
_NAME = r"(?:De\s+|Het\s+)?[A-Z][\w'’-]+(?:\s+(?:en|aan|op|de|den|der|van)\s+[A-Z][\w'’-]+|\s+[A-Z][\w'’-]+)*"
_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(‘'\"])")
_SUFFIX = re.compile(r"\s*\([^)]*\)$")
_BEFORE_KIND = re.compile(r"\s*(" + _NAME + r")\s*(?:\||:|–|—|\s-)\s*")  # "Lindehoven | ", "Lindehoven - "
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_PERIOD = re.compile(r"\s*[,:–-]?\s*(?:\d{4}\b|[’']\d{2}\b)")  # a year or period right after a name


@dataclass(frozen=True)
class Owner:
    """The gemeente, group of gemeenten or basisteam a document is written for."""

    kind: str  # "gemeente" | "gemeenten" | "basisteam"
    label: str  # "Oss", "Bernheze, Maashorst en Oss", "Maas en Leijgraaf"
    gemeenten: tuple[str, ...] = ()  # CBS codes, where known
    basisteam: str | None = None  # the basisteam it belongs to, where known
    minted: bool = False  # a basisteam read from the text only, not in the reference data


@dataclass
class _Evidence:
    """Scores per candidate owner, summed over the units (title lines, sentences) of a document."""

    teams: Counter = field(default_factory=Counter)  # basisteam name -> score
    groups: Counter = field(default_factory=Counter)  # tuple of CBS codes -> score
    titled: set = field(default_factory=set)  # candidates seen in a title line
    addressee: Counter = field(default_factory=Counter)  # CBS code -> gemeente-cue mentions


# ---------------------------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------------------------

def read_owner(head: list[str], title: list[str], tail: list[str] = (), rest: list[str] = ()) -> Owner | None:
    """The owner of a document from its title lines, its first page (`head`), the lines after it (`rest`:
    basisteams named there after a cue, a little) and its last lines (`tail`, for signatures). None when
    the text names no place strongly enough."""
    c = cues()
    learned = _learn_teams(list(head) + list(rest), c)
    ev = _evidence(head, title, tail, learned)
    later: Counter = Counter()
    for unit in _SENTENCE.split(" ".join(rest)):
        for name, cued in _basisteams(unit, tokenize(unit), c, learned):
            if cued:
                later[name] += 1
    for name, n in later.items():
        ev.teams[name] += min(_REST_CAP, n)
    return _decide(ev, *_learn_gemeenten(title, [*head, *tail], c))


def addressee(head: list[str]) -> str | None:
    """The gemeente a council note is addressed to: the one most often named after a gemeente cue."""
    ev = _evidence(head, [], [], ())
    if not ev.addressee:
        return None
    return display_name(places().gemeente(ev.addressee.most_common(1)[0][0]))


def owner_of(meta) -> Owner | None:
    """The owner a DocumentMeta stands for, also when only `basisteam` or `gemeente` is set (older
    sidecars, documents ingested before owners existed)."""
    p = places()
    if meta.owner:
        team = meta.basisteam
        known = p.region("basisteam", team) if team else None
        return Owner(meta.owner_kind or "basisteam", meta.owner, tuple(meta.owner_gemeenten or ()), team,
                     minted=bool(team) and known is None)
    if meta.basisteam:
        return _team_owner(meta.basisteam, ())
    if meta.gemeente:
        g = p.gemeente(meta.gemeente)
        return Owner("gemeente", display_name(g) if g else meta.gemeente, (g.code,) if g else (),
                     g.basisteam.name if g and g.basisteam else None)
    return None


def display_name(g: Gemeente) -> str:
    """The name to show: without CBS's province suffix where the short name is unambiguous
    ("Stein", but "Bergen (L.)")."""
    short = _SUFFIX.sub("", g.name)
    return short if len(places().find(short)) == 1 else g.name


# ---------------------------------------------------------------------------------------------
# Reading the evidence
# ---------------------------------------------------------------------------------------------

def _evidence(head: list[str], title: list[str], tail: list[str], learned: tuple[str, ...]) -> _Evidence:
    ev = _Evidence()
    c = cues()
    titled = set(title)
    for unit in title:
        _score_unit(ev, unit, c, learned, in_title=True, signature_only=False)
    body = " ".join(t for t in head if t not in titled)
    for unit in _SENTENCE.split(body):
        _score_unit(ev, unit, c, learned, in_title=False, signature_only=False)
    for unit in _SENTENCE.split(" ".join(tail)):
        _score_unit(ev, unit, c, learned, in_title=False, signature_only=True)
    return ev


def _learn_teams(lines: list[str], c: Cues) -> tuple[str, ...]:
    """Basisteams the reference data does not know, named somewhere after "basisteam"/"gezagsdriehoek":
    once the text has said what the name is, a bare mention of it counts as well."""
    known = _known_teams()
    found = []
    for unit in _SENTENCE.split(" ".join(lines)):
        for cue_words, is_team in ((c.basisteam, True), (c.driehoek, False)):
            for m in _cue_pattern(cue_words).finditer(unit):
                name = _trim_name(m.group(1))
                if key(name) not in known and (is_team or not places().find(name)):
                    found.append(name)
    return tuple(dict.fromkeys(found))


def _learn_gemeenten(title: list[str], lines: list[str], c: Cues) -> tuple[tuple[str, ...], bool]:
    """Gemeenten the reference data does not know: a name a title line puts right after the kind of document
    (past words such as "Veiligheid": "Actieplan Veiligheid Rietbroek 2026") or after a gemeente cue, that is
    no known place, region or concept. The text calling it a gemeente ("gemeente Zuidermeer", "Zuidermeer is
    een ... gemeente") settles it; without that, a name the title dates ("... Oeverstad 2024-2027") or the text
    repeats is the plan's place all the same (`_title_place`). A plan whose title names no place may still
    say "De gemeente Lindehoven wil ...": that name, last. Returns the names and whether the text called a
    title's name a gemeente (the others give way to any known owner with evidence, `_decide`)."""
    called, placed = [], []
    text = " ".join([*title, *lines])
    body = " ".join(line for line in lines if line not in set(title))
    for line in title:
        for words, dated, ahead in _title_names(line, c):
            for name in (" ".join(words[i:]) for i in range(len(words))):
                if _known_name(name):
                    continue
                written = _called_gemeente(name, title, text, c)
                if written:
                    called.append(written)
                elif _title_place(name, (dated or bool(_mentions(name, body)))
                                  and (not ahead or _lies_in(name, body)), text, c):
                    placed.append(_as_written(name, text))
    # a name the body repeats before one only the title has: "Jaarprogramma Veilig Samenleven Hoogerveld 2026"
    # and a body that speaks of Hoogerveld name the place Hoogerveld, not "Samenleven Hoogerveld"
    placed.sort(key=lambda name: not _mentions(name, body))
    if not (called or placed):
        placed = [name for m in _cue_pattern(("gemeente",)).finditer(body) for name in [_trim_name(m.group(1))]
                  if not _known_name(name) and _title_place(name, True, text, c)
                  and not LabelIndex.default().find(name)]
    called.sort(key=lambda name: -len(_mentions(name, text)))  # "Oostervaart" over "Oostervaart Zoeken" (a menu)
    return tuple(dict.fromkeys(called or placed[:1])), bool(called)


def _title_names(line: str, c: Cues) -> list[tuple[list[str], bool, bool]]:
    """The capitalised names a title line puts after the kind of document or a gemeente cue, or before the
    kind across a separator ("Lindehoven | Uitvoeringsprogramma veiligheid 2025"), as (words, dated: a year
    or period right after the name, or after the kind it stands before; before the kind); none that is, or
    is part of, a concept of the thesaurus ("Actieplan Veilig Uitgaan 2026")."""
    toks = tokenize(line)
    kinds = find_phrases(toks, _kind_names())
    found = [(m, bool(_PERIOD.match(line, m.end(1))), False) for _, j, _ in kinds
             for m in [_after_kind(c.title_subjects).match(line, toks[j - 1].end)] if m]
    found += [(m, bool(_PERIOD.match(line, m.end(1))), False) for m in _cue_pattern(c.gemeente).finditer(line)]
    before = _BEFORE_KIND.match(line)
    if before and any(toks[i].start == before.end() for i, _, _ in kinds):
        found.append((before, bool(_YEAR.search(line, before.end())), True))
    concepts = [(x.start, x.end) for x in LabelIndex.default().find(line)]
    return [(_trim_name(m.group(1)).split(), dated, ahead) for m, dated, ahead in found
            if not any(start < m.end(1) and m.start(1) < end for start, end in concepts)]


def _title_place(name: str, placed: bool, text: str, c: Cues) -> bool:
    """Is a title's name that the text does not call a gemeente the plan's place all the same (whom else would
    a title name there)? When the title dates it or the text repeats it (`placed`), it has at most four words,
    none a title's subject word or an acronym, and the text does not call it a region or another body's ("de
    regio Zuidkust")."""
    words = name.split()
    if not placed or len(words) > 4 or any(key(w) in c.title_subjects or (w.isupper() and len(w) <= 5)
                                           for w in words):
        return False
    return not any(key(_trim_name(m.group(1))) == key(name) for m in _cue_pattern(c.not_gemeente).finditer(text))


def _lies_in(name: str, text: str) -> bool:
    """Does the text speak of `name` as a place ("in Lindehoven", "inwoners van Lindehoven")? What a header puts
    before the kind of document ("Samen Sterk | Jaarplan 2025") is as often a programme's or a team's name."""
    return bool(re.search(r"(?i:\b(?:in|inwoners van|bewoners van))\s+" + re.escape(name) + r"\b", text))


def _mentions(name: str, text: str) -> list[str]:
    """Every spelling of `name` in `text`, in any case, as a whole word."""
    return re.findall(r"\b" + re.escape(name) + r"\b", text, re.IGNORECASE)


def _as_written(name: str, text: str) -> str:
    """`name` as the body spells it where an all-caps title shouts it ("ZANDVOORDE" -> "Zandvoorde")."""
    if not name.isupper():
        return name
    spelled = [m for m in _mentions(name, text) if not m.isupper()]
    return spelled[0] if spelled else " ".join(w.capitalize() for w in name.split())


def _known_name(name: str) -> bool:
    """A gemeente, basisteam or other region the reference data knows by this name."""
    return bool(places().find(name)) or key(name) in _known_teams() or any(
        places().region(kind, name) for kind in REGION_KINDS)


def _called_gemeente(name: str, title: list[str], text: str, c: Cues) -> str | None:
    """`name` as the text writes it where it calls it a gemeente (an all-caps title gives way to the body's
    spelling), or None. Each title line is read on its own too: in the joined text the name that ends one
    ("... | Gemeente Zilverkerk") runs on into the next line's first capitalised word."""
    for unit in (*title, text):
        for m in _cue_pattern(c.gemeente).finditer(unit):
            if key(_trim_name(m.group(1))) == key(name):
                return _as_written(_trim_name(m.group(1)), text)
    m = re.search(r"\b(" + re.escape(name) + r")\s+is\s+(?:[\w.-]+\s+){0,6}gemeente\b", text, re.IGNORECASE)
    return _as_written(m.group(1), text) if m else None


def _score_unit(ev: _Evidence, unit: str, c: Cues, learned: tuple[str, ...], in_title: bool,
                signature_only: bool) -> None:
    """Add the places one title line or sentence names, weighted by where and how they stand."""
    toks = tokenize(unit)
    if not toks:
        return
    names_kind = bool(find_phrases(toks, _kind_names()))
    subject = in_title or _is_subject(toks, c)
    for codes, cued, signed in _gemeente_groups(unit, toks, c):
        risky = any(key(_SUFFIX.sub("", places().gemeente(code).name)) in c.common_word_gemeenten for code in codes)
        if signature_only and not signed:
            continue
        if in_title and (cued or names_kind or not risky):
            w = _TITLE
        elif cued:
            w = _SUBJECT if subject else _CUE
        elif not risky and not signature_only:
            w = _SUBJECT if subject else _PLAIN
        else:
            continue
        ev.groups[codes] += w
        if in_title:
            ev.titled.add(codes)
        if cued and len(codes) == 1:
            ev.addressee[codes[0]] += 1
    if signature_only:
        return
    for name, cued in _basisteams(unit, toks, c, learned):
        w = _TITLE if in_title else (_SUBJECT if subject else (_CUE if cued else _PLAIN))
        ev.teams[name] += w
        if in_title:
            ev.titled.add(name)


def _is_subject(toks: list[Token], c: Cues) -> bool:
    """Does the sentence speak of the document itself ("Dit plan is opgesteld door ...")?"""
    if find_phrases(toks, c.authorship, inflect=False):
        return True
    nouns = _kind_names() + c.documents
    for i, j, _ in find_phrases(toks, c.self_reference, inflect=False):
        for k in (j, j + 1):  # "dit uitvoeringsplan", "dit nieuwe uitvoeringsplan"
            hits = find_phrases(toks[k:k + 4], nouns)
            if hits and hits[0][0] == 0:
                return True
    return False


def _gemeente_groups(unit: str, toks: list[Token], c: Cues) -> list[tuple[tuple[str, ...], bool, bool]]:
    """Gemeenten named together ("de gemeenten Oss, Bernheze en Maashorst") as (codes, after a gemeente
    cue, after a signature cue)."""
    groups: list[tuple[list[str], bool, bool, int]] = []  # codes, cued, signed, end token
    for i, j, g in _gemeente_matches(toks):
        if ends_with(toks, i, c.not_gemeente):
            continue  # "provincie Utrecht", "politie Den Haag"
        signed = ends_with(toks, i, c.signature) is not None
        cued = signed or ends_with(toks, i, c.gemeente) is not None or ends_with(toks, i, c.driehoek) is not None
        if groups and _joins(unit, toks, groups[-1][3], i):
            codes, was_cued, was_signed, _ = groups[-1]
            if g.code not in codes:
                codes.append(g.code)
            groups[-1] = (codes, was_cued or cued, was_signed or signed, j)
        else:
            groups.append(([g.code], cued, signed, j))
    return [(tuple(codes), cued, signed) for codes, cued, signed, _ in groups]


def _joins(unit: str, toks: list[Token], end: int, start: int) -> bool:
    """Do two names form one list: only commas, "&", "en" (and "de gemeente") between them?"""
    between = [t.norm for t in toks[end:start]]
    if len(between) > 3 or any(w not in ("en", "de", "gemeente", "gemeenten") for w in between):
        return False
    gap = unit[toks[end - 1].end:toks[start].start]
    return not re.search(r"[.;:()]", gap)


def _gemeente_matches(toks: list[Token]) -> list[tuple[int, int, Gemeente]]:
    """(first token, end token, gemeente) of unambiguous gemeente names, capitalised as a name is."""
    index = _name_index()
    out = []
    i = 0
    while i < len(toks):
        for words, caps, gemeenten in index.get(toks[i].norm, ()):
            n = len(words)
            if tuple(t.norm for t in toks[i:i + n]) != words:
                continue
            if any(cap and not toks[i + k].raw[:1].isupper() for k, cap in enumerate(caps)):
                continue
            if len(gemeenten) == 1:
                out.append((i, i + n, gemeenten[0]))
            i += n
            break
        else:
            i += 1
    return out


def _basisteams(unit: str, toks: list[Token], c: Cues, learned: tuple[str, ...]) -> list[tuple[str, bool]]:
    """Basisteams named in one unit as (name, after a cue): known and `learned` ones by their names, others
    only after "basisteam"/"gezagsdriehoek". A driehoek named after a gemeente is that gemeente's."""
    out: list[tuple[str, bool]] = []
    known = _known_teams()
    for cue_words, is_team in ((c.basisteam, True), (c.driehoek, False)):
        for m in _cue_pattern(cue_words).finditer(unit):
            name = _trim_name(m.group(1))
            team = known.get(key(name))
            if team or is_team or not places().find(name):
                out.append((team or name, True))
    cued = {n for n, _ in out}
    for i, j, team in _team_matches(toks, learned):
        if team not in cued:
            out.append((team, False))
    return out


def _trim_name(name: str) -> str:
    """A name read after a cue, without a sentence word that followed it ("Maas en Leijgraaf Het")."""
    words = name.split()
    while len(words) > 1 and key(words[-1]) in ("het", "de", "dit", "deze", "in", "op"):
        words.pop()
    return " ".join(words)


def _team_matches(toks: list[Token], learned: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Known (and learned) basisteams named without a cue; a name that is also a gemeente's is the gemeente."""
    out = []
    extra = [(tuple(t.norm for t in ts), tuple(t.raw[:1].isupper() for t in ts), name)
             for name in learned for ts in [tokenize(name)]]
    for words, caps, team in [*_team_index(), *extra]:
        n = len(words)
        for i in range(len(toks) - n + 1):
            if tuple(t.norm for t in toks[i:i + n]) == words and all(
                    not cap or toks[i + k].raw[:1].isupper() for k, cap in enumerate(caps)):
                out.append((i, i + n, team))
    return out


# ---------------------------------------------------------------------------------------------
# Deciding
# ---------------------------------------------------------------------------------------------

def _decide(ev: _Evidence, unknown: tuple[str, ...] = (), called: bool = True) -> Owner | None:
    """The best basisteam against the best group of gemeenten. A title beats everything; otherwise the
    basisteam wins when its own gemeenten are the ones listed, or on a tie, and the higher score wins. A
    gemeente the reference data does not know (`unknown`, named in a title) wins unless a known owner is
    titled too; one the text does not call a gemeente (`called` false: "Integraal Veiligheidsplan Achterland
    2020-2023" may name a group of gemeenten) only when no known owner has evidence enough."""
    team, t_score = ev.teams.most_common(1)[0] if ev.teams else (None, 0)
    group, g_score = max(ev.groups.items(), key=lambda kv: (kv[1], len(kv[0]))) if ev.groups else ((), 0)
    team_ok = team is not None and (t_score >= _MIN_BASISTEAM or team in ev.titled)
    group_ok = bool(group) and g_score >= _MIN_GEMEENTE
    if team_ok and group_ok and (team in ev.titled) == (group in ev.titled):
        own = {g.code for g in places().in_basisteam(team)}
        team_ok = set(group) <= own or t_score >= g_score
    elif team_ok and group_ok:
        team_ok = team in ev.titled
    known = (team_ok and team in ev.titled) or (group_ok and group in ev.titled) or (
        not called and (team_ok or group_ok))
    if unknown and not known:
        log.warning("gemeente %r is not in the reference data (ontology/places); minted from the text", unknown[0])
        return Owner("gemeente", unknown[0], (), None, minted=True)
    if team_ok:
        return _team_owner(team, group if group_ok else (), warn=True)
    if group_ok:
        return _group_owner(group)
    return None


def _team_owner(name: str, listed: tuple[str, ...], warn: bool = False) -> Owner:
    """A basisteam as owner, with its gemeenten from the reference data or, for a minted one, as listed
    (warned about once, when it is read from the text)."""
    p = places()
    region = p.region("basisteam", name)
    if region is not None:
        return Owner("basisteam", region.name, tuple(g.code for g in p.in_basisteam(region)), region.name)
    if warn:
        log.warning("basisteam %r is not in the reference data (ontology/nl_regions.tsv); minted from the text",
                    name)
    return Owner("basisteam", name, tuple(listed), name, minted=True)


def _group_owner(codes: tuple[str, ...]) -> Owner:
    """One gemeente or a group; their basisteam where the reference data gives all of them the same one."""
    p = places()
    gs = [p.gemeente(code) for code in codes]
    names = [display_name(g) for g in gs]
    teams = {g.basisteam.name if g.basisteam else None for g in gs}
    team = teams.pop() if len(teams) == 1 else None
    if len(gs) == 1:
        return Owner("gemeente", names[0], codes, team)
    label = ", ".join(names[:-1]) + " en " + names[-1]
    return Owner("gemeenten", label, codes, team)


# ---------------------------------------------------------------------------------------------
# Indexes over the reference data and the cue file (built once)
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _kind_names() -> tuple[str, ...]:
    """Every name of every kind of document, longest first."""
    c = cues()
    return tuple(sorted({n for k in c.kinds.values() for n in k.names}, key=lambda n: (-len(n.split()), n)))


@lru_cache(maxsize=1)
def _after_kind(subjects: tuple[str, ...]):
    """A regex for the name right after a kind of document, past a title's subject words ("Veiligheid")."""
    alts = "|".join(r"\s+".join(map(re.escape, w.split())) for w in subjects)
    return re.compile(r"\s+(?:(?i:" + alts + r")\s+)*(" + _NAME + ")")


@lru_cache(maxsize=8)
def _cue_pattern(cue_words: tuple[str, ...]):
    """A regex for "<cue> <Name>": the cue in any case, the name capitalised as names are."""
    alts = "|".join(r"\s+".join(map(re.escape, w.split())) for w in cue_words)
    return re.compile(r"(?i:\b(?:" + alts + r"))\s+(" + _NAME + ")")


@lru_cache(maxsize=1)
def _name_index() -> dict[str, list[tuple[tuple[str, ...], tuple[bool, ...], list[Gemeente]]]]:
    """First folded word -> (words, which words are capitalised, gemeenten) for every gemeente name form,
    longest first; a form shared by several gemeenten ("Bergen") lists them all."""
    forms: dict[tuple[str, ...], tuple[tuple[bool, ...], list[Gemeente]]] = {}
    p: Places = places()
    for g in p.gemeenten():
        for label in dict.fromkeys((g.name, _SUFFIX.sub("", g.name), g.cbs_name, *g.alt_labels)):
            toks = tokenize(label)
            words = tuple(t.norm for t in toks)
            caps = tuple(t.raw[:1].isupper() for t in toks)
            entry = forms.setdefault(words, (caps, []))
            if g not in entry[1]:
                entry[1].append(g)
    index: dict[str, list] = {}
    for words, (caps, gs) in forms.items():
        index.setdefault(words[0], []).append((words, caps, gs))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


@lru_cache(maxsize=1)
def _known_teams() -> dict[str, str]:
    """Folded name or alias -> name of every basisteam in the reference data."""
    out = {}
    for r in places().regions("basisteam"):
        for form in (r.name, r.label, *r.alt_labels):
            out[key(form)] = r.name
    return out


@lru_cache(maxsize=1)
def _team_index() -> list[tuple[tuple[str, ...], tuple[bool, ...], str]]:
    """Known basisteam names that can stand without a cue: those that are no gemeente's name."""
    out = []
    for r in places().regions("basisteam"):
        for form in dict.fromkeys((r.name, *r.alt_labels)):
            if places().find(form):
                continue  # "Nijmegen" alone is the gemeente
            toks = tokenize(form)
            out.append((tuple(t.norm for t in toks), tuple(t.raw[:1].isupper() for t in toks), r.name))
    return out


__all__ = ["Owner", "OWNER_KINDS", "read_owner", "addressee", "owner_of", "display_name"]
