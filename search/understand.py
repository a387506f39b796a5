"""Read what a question scopes — whose plans, which years, which status or deadline, which kind of fact —
into a small typed `Reading`, so the answer can query the graph for exactly that and say how it read it.

A token/phrase matcher over data tables: the words live in ontology/questions.toml, owner names come from
what was ingested (passed in), gemeenten from the national list (ontology/places.py), concepts from the
label index (search/grounding.py). Nothing here names a document or a place of the sample corpus.

    >>> r = read("Wat is er vertraagd in 2024 in Noord?", LabelIndex.default(), owners=["Noord"])
    >>> r.owners, r.status, r.years
    (['Noord'], 'vertraagd', [2024])
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from ontology import QUESTIONS_FILE
from ontology.cues import cues, find_phrases
from ontology.labels import Concept, LabelIndex
from ontology.normalize import Token, key, tokenize
from ontology.places import places

from .grounding import ground
from .lexical import STOPWORDS
from .loose import GAP, loose

INTENTS = ("compare", "responsible", "partners", "instruments", "priorities", "actions", "general")
INTENT_NL = {"compare": "vergelijking", "responsible": "trekkers", "partners": "partners",
              "instruments": "instrumenten", "priorities": "prioriteiten", "actions": "acties"}
_KIND_NL = {"ivp": "integraal veiligheidsplan", "uvp": "uitvoeringsplan", "evaluation": "evaluatie",
            "council_note": "informatienota"}
_TYPE_NL = {"theme": "thema", "partner": "partner", "instrument": "instrument"}
_YEARS = range(1990, 2101)
_RANGE_DASHES = {"-", "\u2013", "\u2014", "/"}


@dataclass(frozen=True)
class Words:
    """The question vocabulary: folded phrases, longest first, each with what it stands for."""

    intent_order: tuple[str, ...]
    intents: dict[str, tuple[str, ...]]
    status: dict[str, str]  # phrase -> board status
    colour: dict[str, str]  # phrase -> report colour
    kind: dict[str, str]  # phrase -> document kind
    marks: tuple[str, ...]
    within: tuple[str, ...]
    before: tuple[str, ...]
    before_weak: tuple[str, ...]
    planned: tuple[str, ...]  # after these, a weak before-word means "for"
    end_of: tuple[str, ...]
    owner_cues: tuple[str, ...]
    periods: dict[str, tuple[int, int]]  # folded phrase -> (first month, last month)
    period_links: tuple[str, ...]
    period_articles: tuple[str, ...]
    frame: frozenset[str]  # words that frame a question, not its subject: never its topic
    overdue: tuple[str, ...]
    unfinished: tuple[str, ...]  # not finished: beside a deadline that has passed, overdue
    both_teams: tuple[str, ...]
    unowned: tuple[str, ...]
    asking: tuple[str, ...]  # "which": right before a kind of fact, asks for it even beside an example of it
    count: tuple[str, ...]  # asking how many
    who: tuple[str, ...]  # asking who, with no other kind of fact named, asks who is responsible
    as_written: frozenset[str]  # words whose other forms mean something else (search/loose.py)

    def tokens(self) -> frozenset[str]:
        """Every word of the vocabulary's phrases: the words a question may use to say what it asks."""
        phrases = [*(p for ps in self.intents.values() for p in ps), *self.status, *self.colour, *self.kind,
                   *self.periods, *self.frame, *self.overdue, *self.unfinished, *self.unowned, *self.count,
                   *self.who, *self.asking, *self.marks, *self.within, *self.before, *self.both_teams]
        return frozenset(w for p in phrases for w in p.split())


def _keys(words) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(k for k in map(key, words) if k), key=lambda k: (-len(k.split()), k)))


def load_words(path: Path = QUESTIONS_FILE) -> Words:
    """Parse the question vocabulary; an intent in `order` without words is an error, not a silent gap."""
    with path.open("rb") as fh:
        d = tomllib.load(fh)
    order = tuple(d["intent"]["order"])
    if set(order) != set(INTENTS) - {"general"}:
        raise ValueError(f"{path.name}: intent.order must list {', '.join(INTENTS[:-1])}")
    phrase_of = lambda table: {k: name for name, ws in table.items() for k in _keys(ws)}  # noqa: E731
    dl = d["deadline"]
    return Words(order, {i: _keys(d["intent"][i]) for i in order}, phrase_of(d["status"]), phrase_of(d["colour"]),
                 phrase_of(_kind_words(d["kind"])),
                 _keys(dl["marks"]), _keys(dl["within"]), _keys(dl["before"]), _keys(dl["before_weak"]),
                 _keys(dl["planned"]),
                 _keys(dl["end_of"]), _keys([w for ws in d["owner"].values() for w in ws]),
                 {key(p): (int(a), int(b)) for p, (a, b) in dl["periods"].items()}, _keys(dl["period_links"]),
                 _keys(dl["period_articles"]), frozenset(_keys(d["topic"]["frame"])), _keys(dl["overdue"]),
                 _keys(dl["unfinished"]), _keys(d["both"]["basisteams"]), _keys(d["unowned"]["words"]),
                 _keys(d["intent"]["asking"]), _keys(d["count"]["words"]), _keys(d["intent"]["who"]),
                 frozenset(_keys(d["forms"]["as_written"])))


def _kind_words(table: dict) -> dict[str, list[str]]:
    """A question's words per kind of document: its own, and the names documents call themselves by at ingest
    (a plan that names itself "veiligheidsvisie" is found when a question names it so), less `not_asked`."""
    skip = set(_keys(table.get("not_asked", [])))
    return {kind: [*table.get(kind, []), *(n for n in c.names if n not in skip)] for kind, c in cues().kinds.items()}


@lru_cache(maxsize=1)
def words() -> Words:
    return load_words()


@dataclass
class Reading:
    """What a question scopes. Owners are names as ingested; `not_loaded` are places it names of which
    nothing is ingested; `deadline` is a half-open ISO range [from, before) on an action's end date."""

    question: str
    intent: str = "general"
    owners: list[str] = field(default_factory=list)
    gemeenten: list[str] = field(default_factory=list)
    not_loaded: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    deadline_from: str | None = None
    deadline_before: str | None = None
    status: str | None = None
    colour: str | None = None  # the report colour the question asks for ("welke acties staan op rood?")
    overdue: bool = False  # past the deadline and not closed ("welke acties zijn te laat?")
    unowned: bool = False  # carried by nobody: no trekker, no portefeuillehouder ("acties zonder trekker")
    kind: str | None = None
    concepts: list[Concept] = field(default_factory=list)
    topic: str = ""
    count: bool = False  # asks how many of the actions: the answer counts them per owner

    def describe(self) -> str:
        """One Dutch line: "gelezen als: <soort eigenaar> <naam>, thema <thema>, status <status>, jaar <jaar>"."""
        parts = [f"vraag naar {INTENT_NL[self.intent]}"] if self.intent in INTENT_NL else []
        parts += ["vraag naar het aantal acties"] if self.count else []
        parts += [f"{_owner_kind(o)} {o}" for o in self.owners]
        parts += [f"gemeente {g}" for g in self.gemeenten]
        parts += [f"{_TYPE_NL[c.type]} {c.label.lower() if c.type == 'theme' else c.label}"
                  for c in self.concepts if c.type in _TYPE_NL]
        parts += self.measures()
        if self.years:
            parts.append(("jaar " if len(self.years) == 1 else "jaren ") + ", ".join(map(str, self.years)))
        if self.kind:
            parts.append(f"documentsoort {_KIND_NL.get(self.kind, self.kind)}")
        if self.not_loaded:
            parts.append("niet ingelezen: " + ", ".join(self.not_loaded))
        if self.topic:
            parts.append(f"onderwerp “{self.topic}”")
        return "gelezen als: " + (", ".join(parts) if parts else "vrije vraag")

    def measures(self) -> list[str]:
        """In Dutch, what the question asks of an action itself: its status, colour, deadline, lateness, trekker."""
        parts = [f"status {self.status.replace('_', ' ')}"] if self.status else []
        parts += [f"kleur {self.colour}"] if self.colour else []
        parts += ["over de deadline"] if self.overdue else []
        parts += ["zonder trekker"] if self.unowned else []
        if self.deadline_from and self.deadline_before:
            year = int(self.deadline_from[:4])
            whole_year = (self.deadline_from, self.deadline_before) == (f"{year}-01-01", f"{year + 1}-01-01")
            parts.append(f"deadline in {self.deadline_from[:4]}" if whole_year
                         else f"deadline vanaf {self.deadline_from}, vóór {self.deadline_before}")
        elif self.deadline_before:
            parts.append(f"deadline vóór {self.deadline_before}")
        return parts

    def unmeasured(self) -> Reading:
        """This reading without what `measures` reads (the scope a "how many" question counts in), kept beside it
        so that a new measure is dropped here too."""
        return replace(self, status=None, colour=None, overdue=False, unowned=False, deadline_from=None,
                       deadline_before=None)

    def to_json(self) -> dict:
        return {
            "intent": self.intent, "owners": self.owners, "gemeenten": self.gemeenten,
            "not_loaded": self.not_loaded, "years": self.years,
            "deadline": ({"from": self.deadline_from, "before": self.deadline_before}
                         if self.deadline_before else None),
            "status": self.status, "colour": self.colour, "overdue": self.overdue, "unowned": self.unowned,
            "kind": self.kind,
            "concepts": [{"id": c.iri.rsplit("/id/", 1)[-1], "label": c.label, "type": c.type} for c in self.concepts],
            "topic": self.topic, "count": self.count, "description": self.describe(),
        }


def _owner_kind(name: str) -> str:
    if places().region("basisteam", name) is not None:
        return "basisteam"
    return "gemeente" if places().gemeente(name) is not None else "eigenaar"


def read(question: str, labels: LabelIndex, owners: list[str] = (), gemeenten: list[str] = ()) -> Reading:
    """Read `question`. `owners` are the plan owners and basisteams ingested; `gemeenten` the gemeenten the
    ingested documents cover. A place named that is neither is reported in `not_loaded`."""
    w = words()
    toks = tokenize(question)
    used = [False] * len(toks)
    r = Reading(question)

    def take(found):
        out = []
        for s, e, phrase in found:
            if not any(used[s:e]):
                used[s:e] = [True] * (e - s)
                out.append((s, e, phrase))
        return out

    def matched(phrases, heads: bool = False, gapped: bool = True) -> list[str]:
        """The vocabulary `phrases` in the free tokens, their words then marked used: word for word first, then
        (`heads`) as the head of a compound (_heads), then in other forms of their words and (`gapped`) with a
        few words between theirs (search/loose.py)."""
        whole = find_phrases(toks, phrases, inflect=False) + (_heads(toks, phrases) if heads else [])
        out = [p for _, _, p in take(whole)]
        for at, phrase in loose(toks, used, phrases, GAP if gapped else 0, w.as_written):
            if not any(used[j] for j in at):
                for j in at:
                    used[j] = True
                out.append(phrase)
        return out

    by_key = {**{k + ADJECTIVE: o for o in owners if len((k := key(o)).split()) == 1}, **{key(o): o for o in owners}}
    owner_keys = _keys(by_key)
    for _, _, k in take(find_phrases(toks, owner_keys, inflect=False)):
        if by_key[k] not in r.owners:
            r.owners.append(by_key[k])
    if take(find_phrases(toks, w.both_teams, inflect=False)) and not r.owners:  # "both districts"
        teams = [o for o in owners if _owner_kind(o) == "basisteam"]
        r.owners = teams if len(teams) == 2 else []
    covered = {key(g): g for g in gemeenten}
    for s, e, g in _gemeenten(toks, used):
        used[s:e] = [True] * (e - s)
        if key(g.name) in covered:
            r.gemeenten.append(covered[key(g.name)])
        elif key(g.name) in by_key:
            r.owners.append(by_key[key(g.name)])
        elif g.name not in r.not_loaded:
            r.not_loaded.append(f"gemeente {g.name}")
    unfinished = bool(find_phrases(toks, w.unfinished, inflect=False))  # before "afgerond zijn" bounds a deadline
    _read_years(toks, used, r, w)
    # "due before 2024 but still aren't done": past the deadline and not closed; "not finished" is no status
    r.overdue = unfinished and bool(r.deadline_before) and r.deadline_before <= date.today().isoformat()
    matched(w.unfinished if r.overdue else [p for p in w.unfinished if p not in w.status])
    for p in matched(_keys(w.status)):
        r.status = r.status or w.status[p]
    for p in matched(_keys(w.colour)):
        r.colour = r.colour or w.colour[p]
    r.overdue = bool(matched(w.overdue)) or r.overdue
    r.unowned = bool(matched(w.unowned))  # before "trekker" asks who
    for p in matched(_keys(w.kind), heads=True, gapped=False):
        r.kind = r.kind or w.kind[p]
    g = ground(question, labels)
    spans: list[list[int]] = []
    for m in labels.find(question, relaxed=True):
        c = labels.concept(m.iri)
        if c is not None and c.type in _TYPE_NL and c in g.concepts and c not in r.concepts:
            r.concepts.append(c)
            spans.append([i for i, t in enumerate(toks) if t.start >= m.start and t.end <= m.end])
    named = {c.type for c in r.concepts}
    hits = {i: matched(w.intents[i], heads=True) for i in w.intent_order}
    places_named = len(r.owners) + len(r.gemeenten) + len(r.not_loaded)  # one side may be a place not ingested
    for i in w.intent_order:
        # "with partners like Liander" names a partner: it does not ask which partners there are, unless it asks
        # "which partners ..., such as Liander"
        example = i[:-1] in named and not _asked(toks, w.intents[i], w)
        if hits[i] and (i != "compare" or places_named >= 2) and not example:
            r.intent = i
            break
    if r.intent == "general" and matched(w.who, gapped=False):  # "who gives the lessons about online bullying?"
        r.intent = "responsible"
    structured = bool(r.measures())
    if (r.intent == "actions" or r.intent == "general" and structured) and matched(w.count):
        r.count, r.intent = True, "general"  # "hoeveel procent van de acties ...": a figure, not a list
    elif r.intent == "general" and structured:
        r.intent = "actions"
    take(find_phrases(toks, w.owner_cues, inflect=False))
    for span in spans:
        for i in span:
            used[i] = True
    r.topic = " ".join(t.raw for i, t in enumerate(toks) if not used[i] and t.norm not in STOPWORDS
                       and t.norm not in w.frame and not t.norm.isdigit())
    return r


HEAD = 8  # letters a one-word term needs before it also counts as the head of a compound (_heads)


def _heads(toks: list[Token], terms) -> list[tuple[int, int, str]]:
    """Tokens that end in one of the one-word `terms` of at least HEAD letters, as Dutch compounds do
    ("veiligheidsprioriteiten", "raadsinformatienota", "tussenevaluatie"); shorter terms would find words
    that only end like them ("transacties"). (position, end, term), as find_phrases gives them."""
    long = sorted((t for t in terms if " " not in t and len(t) >= HEAD), key=len, reverse=True)
    out = []
    for i, tok in enumerate(toks):
        term = next((t for t in long if tok.norm.endswith(t) and len(tok.norm) >= len(t) + 3), None)
        if term is not None:
            out.append((i, i + 1, term))
    return out


ADJECTIVE = "se"  # what Dutch adds to a one-word place name to make its adjective ("Tielse", "Brakeldonkse")


def _gemeenten(toks: list[Token], used: list[bool]):
    """Gemeenten named in free tokens, longest name first; a gemeente whose name is an ordinary word
    ("Best", "Goes") counts only when capitalised and not the question's first word, or after a cue."""
    common = set(cues().common_word_gemeenten)
    cue_keys = set(words().owner_cues)
    i = 0
    while i < len(toks):
        for n in (4, 3, 2, 1):
            span = toks[i:i + n]
            if len(span) < n or any(used[i:i + n]) or span[0].norm in STOPWORDS and n == 1:
                continue
            found = places().find(" ".join(t.norm for t in span))
            if not found and n == 1 and span[0].raw[:1].isupper() and span[0].norm.endswith(ADJECTIVE):
                found = places().find(span[0].norm[:-len(ADJECTIVE)])  # "de Tielse acties": Tiel
            if len(found) != 1:
                continue
            k = key(found[0].name)
            cued = i > 0 and toks[i - 1].norm in cue_keys
            if k in common and not cued and (i == 0 or not span[0].raw[:1].isupper()):
                continue
            if not span[0].raw[:1].isupper() and not cued and span[0].norm in STOPWORDS:
                continue
            yield i, i + n, found[0]
            i += n - 1
            break
        i += 1


def _read_years(toks: list[Token], used: list[bool], r: Reading, w: Words) -> None:
    """Years, and the deadline a year or a part of it bounds: "voor eind 2026", "due before 2026", "deadline in
    2025", "vóór de zomer van 2026", "due in the first quarter of 2026", "before the end of Q2 2025". A part of a
    year ("acties eerste helft 2026") is a deadline's window: passages are dated by year, only an action's end
    date is finer."""
    marked = bool(find_phrases(toks, w.marks, inflect=False))
    for i, t in enumerate(toks):
        if not (t.norm.isdigit() and int(t.norm) in _YEARS):
            continue
        year = int(t.norm)
        j, end_of = i, False
        period = _period_before(toks, i, w)
        if period:
            j = period[0]
        if (n := _ends_at(toks, j, w.end_of)):  # "the end of 2025", "het einde van het tweede kwartaal van 2025"
            j, end_of = j - n, True
        strong, weak, within = (_ends_at(toks, j, ps) for ps in (w.before, w.before_weak, w.within))
        if weak and _accented(toks[j - 1]):  # "vóór" is before, whatever stands around it
            strong, weak = weak, 0
        elif weak and _ends_at(toks, j - weak, w.planned):  # "gepland voor 2026": for, not before
            weak = 0
        first, after = _bounds(year, period[1:] if period else None)
        if strong or (weak and (marked or end_of or period)):
            r.deadline_before = after if end_of else first
            r.deadline_from = None
            used[j - (strong or weak):i + 1] = [True] * (i + 1 - j + (strong or weak))
        elif (period or within and marked) and not r.deadline_before:  # a part of a year only an end date has
            r.deadline_from, r.deadline_before = first, after
            used[j:i + 1] = [True] * (i + 1 - j)
        else:
            prev = toks[i - 1] if i else None
            ranged = (prev is not None and prev.norm.isdigit() and int(prev.norm) in r.years
                      and r.question[prev.end:t.start].strip() in _RANGE_DASHES)
            first = int(prev.norm) + 1 if ranged else year  # "2019-2022": every year from 2019 to 2022
            r.years += [y for y in range(first, year + 1) if y not in r.years]
            used[i] = True
    if r.deadline_before:
        for s, e, _ in find_phrases(toks, w.marks, inflect=False):
            used[s:e] = [True] * (e - s)


def _asked(toks: list[Token], phrases: tuple[str, ...], w: Words) -> bool:
    """Whether one of a kind of fact's `phrases` stands right after a word asking for it ("which instruments")."""
    return any(_ends_at(toks, s, w.asking) for s, _, _ in find_phrases(toks, phrases, inflect=False))


def _accented(tok: Token) -> bool:
    """Whether the question wrote the token with an accent the folded form dropped ("vóór" is not "voor")."""
    return tok.raw.lower() != tok.norm


def _period_before(toks: list[Token], year_at: int, w: Words) -> tuple[int, int, int] | None:
    """The part of the year the question names right before the year at `year_at` ("de zomer van", "the first
    quarter of", "juli"): the index of its first token (its article included) and its first and last month."""
    j = year_at - _ends_at(toks, year_at, w.period_links)
    for phrase, months in w.periods.items():
        if (n := _ends_at(toks, j, (phrase,))):
            start = j - n
            return start - _ends_at(toks, start, w.period_articles), *months
    return None


def _bounds(year: int, months: tuple[int, int] | None) -> tuple[str, str]:
    """The first day of a year or of the named part of it, and the first day after it (ISO dates)."""
    if months is None:
        return f"{year}-01-01", f"{year + 1}-01-01"
    first, last = months
    after = f"{year + 1}-01-01" if last == 12 else f"{year}-{last + 1:02d}-01"
    return f"{year}-{first:02d}-01", after


def _ends_at(toks: list[Token], end: int, phrases: tuple[str, ...]) -> int:
    """How many tokens one of `phrases` covers right before token `end`; 0 if none stands there."""
    for p in phrases:
        ws = p.split()
        n = len(ws)
        if end - n >= 0 and [t.norm for t in toks[end - n:end]] == ws:
            return n
    return 0
