"""The ontology as data: loading the Turtle files, and a label index for entity linking and grounding.

`LabelIndex.find` links concepts in running text (passages, headings, questions); `lookup` resolves a
name a user typed. Both read the same surface forms: Dutch and English skos:prefLabel, skos:altLabel,
skos:hiddenLabel (misspellings seen in real documents) and ivp:acronym.

Matching rules, and why:
- Text and labels are compared as folded word tokens (ontology/normalize.py), so case, accents,
  hyphens, line breaks and "&"/"en" do not matter: "Weerbaar Gelderland-\\nZuid" is found.
- Short labels with a capital (OM, ZVH, MMA, APV, Halt, Tiel) only match a token written exactly so
  or in capitals: Dutch "om te" must not become the Openbaar Ministerie.
- Place names (gemeenten, basisteams) must be capitalised in the text: "de buren" is not Buren.
- A Dutch label of five or more letters may be the head of a compound or an inflected form:
  "drugsbeleid" -> drugs, "mensenhandelaars" -> mensenhandel, "regieteams" -> regieteam. A few known
  false friends are blocked ("politiek" is not "politie", "verkeerde" is not "verkeer").
- English labels match whole words, plural "s"/"es" allowed ("events"), never as compound heads.
- Overlaps are resolved longest first: "zorg- en veiligheidshuis" is the partner, not the theme
  "zorg en veiligheid"; "verkeersveiligheid" beats "verkeer".
"""
from __future__ import annotations

import bisect
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from .normalize import Token, fold_char, key, tokenize
from .vocab import ID, IVP, TYPE_OF_CLASS, slug

ONTOLOGY_DIR = Path(__file__).resolve().parent
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
CONCEPT_TYPES = ("theme", "partner", "instrument", "gemeente", "basisteam")
_PLACE_TYPES = frozenset({"gemeente", "basisteam"})

_SHORT = 4  # labels this short and written with a capital are acronyms or short names
_MIN_HEAD = 5  # a Dutch label this long may be the first part of a compound
# Words that start with a label but mean something else.
_FALSE_FRIENDS: dict[str, tuple[str, ...]] = {
    "politie": ("politiek",),
    "verkeer": ("verkeerd",),
    "integriteit": ("integriteitsbeoordeling",),
    "provincie": ("provinciaal",),
}
# Ordinary words that also spell a short name or acronym: never linked from lower case, even in
# relaxed (query) mode.
_COMMON_WORDS = frozenset({"om", "halt", "buren", "waarden", "ave", "dor", "dol", "bro", "via", "nta", "ror"})
_ARTICLE_WORDS = frozenset({"artikel", "art", "article", "section"})  # a label that names an article of a law
_KIND_RANK = {"pref": 0, "acronym": 1, "alt": 2, "hidden": 3}


@dataclass(frozen=True)
class Concept:
    iri: str
    type: str  # "theme" | "partner" | "instrument" | "gemeente" | "basisteam"
    label: str  # Dutch prefLabel
    label_en: str | None
    acronym: str | None
    labels: tuple[str, ...]  # every surface form: prefLabels, acronym, altLabels, hiddenLabels


@dataclass(frozen=True)
class Match:
    iri: str
    type: str
    label: str  # the concept's Dutch prefLabel
    start: int
    end: int
    surface: str  # text[start:end]


@dataclass(frozen=True)
class _Entry:
    """One surface form of one concept, prepared for matching."""

    tokens: tuple[str, ...]
    raw: tuple[str, ...]  # the label's own spelling per token, for case checks
    case: tuple[str | None, ...]  # per token: None, "acronym" or "proper"
    concept: Concept
    kind: str  # pref | acronym | alt | hidden
    compound: bool  # the last token may head a compound / inflected word
    english: bool
    length: int  # letters in the label, to prefer the more specific of two equal spans


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------

def ontology_files() -> list[Path]:
    """The Turtle files that make up the ontology graph (everything but the SHACL shapes), sorted."""
    return sorted(p for p in ONTOLOGY_DIR.glob("*.ttl") if p.name != SHAPES_FILE.name)


def load_ontology_graph() -> Graph:
    """A fresh graph of all ontology files, with skos:narrower and top concepts materialised.

    The files state only skos:broader; adding the inverse here lets SPARQL use either direction.
    """
    g = Graph()
    for path in ontology_files():
        g.parse(path, format="turtle")
    for narrower, broader in list(g.subject_objects(SKOS.broader)):
        g.add((broader, SKOS.narrower, narrower))
    for concept, scheme in list(g.subject_objects(SKOS.inScheme)):
        if (concept, SKOS.broader, None) not in g:
            g.add((concept, SKOS.topConceptOf, scheme))
            g.add((scheme, SKOS.hasTopConcept, concept))
    _bind(g)
    return g


def shapes_graph() -> Graph:
    """The SHACL shapes (ontology/shapes.ttl)."""
    g = Graph()
    g.parse(SHAPES_FILE, format="turtle")
    return g


def _bind(g: Graph) -> None:
    g.bind("ivp", IVP)
    g.bind("skos", SKOS)
    g.bind("owl", OWL)
    for kind in ("theme", "partner", "instrument", "gemeente", "basisteam", "district", "scheme"):
        g.bind(kind, ID[kind + "/"])


# ---------------------------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------------------------

class LabelIndex:
    """Concepts of the ontology by every name they go by."""

    def __init__(self, concepts: list[Concept], entries: list[_Entry], broader: dict[str, list[str]]):
        self._concepts = {c.iri: c for c in concepts}
        self._entries = entries
        self._broader = broader
        self._narrower: dict[str, list[str]] = {}
        for child, parents in broader.items():
            for parent in parents:
                self._narrower.setdefault(parent, []).append(child)
        self._by_first: dict[str, list[_Entry]] = {}
        self._heads: dict[str, list[_Entry]] = {}
        self._by_key: dict[str, list[_Entry]] = {}
        for e in entries:
            self._by_first.setdefault(e.tokens[0], []).append(e)
            if len(e.tokens) == 1 and e.compound:
                self._heads.setdefault(e.tokens[0], []).append(e)
            self._by_key.setdefault(" ".join(e.tokens), []).append(e)

    # -- construction ----------------------------------------------------------------------------
    @classmethod
    def default(cls) -> "LabelIndex":
        """The index over the packaged ontology files, built once per process."""
        return _default_index()

    @classmethod
    def from_graph(cls, g: Graph) -> "LabelIndex":
        concepts: list[Concept] = []
        entries: list[_Entry] = []
        class_type = {c: t for c, t in TYPE_OF_CLASS.items() if t in CONCEPT_TYPES}
        for cls_iri, type_ in class_type.items():
            for s in sorted(set(g.subjects(RDF.type, cls_iri)), key=str):
                if not isinstance(s, URIRef):
                    continue
                concept, forms = _concept_of(g, s, type_)
                concepts.append(concept)
                entries.extend(_entries_for(concept, forms))
        known = {c.iri for c in concepts}
        broader: dict[str, list[str]] = {}
        for child, parent in g.subject_objects(SKOS.broader):
            if str(child) in known:
                broader.setdefault(str(child), []).append(str(parent))
        for parents in broader.values():
            parents.sort()
        return cls(concepts, entries, broader)

    # -- entity linking --------------------------------------------------------------------------
    def find(self, text: str, *, relaxed: bool = False) -> list[Match]:
        """Concepts named in `text`, in reading order, without overlaps (longest match wins).

        `relaxed` lets short acronyms and place names match in lower case too (for typed questions
        such as "wat doet het riec in tiel"), except where they spell an ordinary word ("om").
        """
        if not text:
            return []
        toks = tokenize(text)
        candidates: list[tuple[int, int, _Entry, bool]] = []
        for i, tok in enumerate(toks):
            for e in self._by_first.get(tok.norm, ()):
                m = self._match_at(e, toks, i, text, relaxed)
                if m:
                    candidates.append(m)
            for e in self._english_plural(tok.norm):
                if _case_ok(e.case[0], e.raw[0], tok, relaxed):
                    candidates.append((tok.start, tok.end, e, True))
            for cut in range(_MIN_HEAD, len(tok.norm)):
                for e in self._heads.get(tok.norm[:cut], ()):
                    if not _false_friend(e.tokens[0], tok.norm) and _case_ok(e.case[0], e.raw[0], tok, relaxed):
                        candidates.append((tok.start, tok.end, e, False))
        return [
            Match(e.concept.iri, e.concept.type, e.concept.label, s, end, text[s:end])
            for s, end, e in _select(candidates)
        ]

    def _match_at(self, e: _Entry, toks: list[Token], i: int, text: str, relaxed: bool):
        n = len(e.tokens)
        if i + n > len(toks):
            return None
        exact = True
        for j in range(n):
            tok = toks[i + j]
            if j and not _joinable(text[toks[i + j - 1].end:tok.start]):
                return None
            want = e.tokens[j]
            if tok.norm != want:
                last = j == n - 1 and n > 1
                if last and e.compound and tok.norm.startswith(want) and not _false_friend(want, tok.norm):
                    exact = False
                elif last and e.english and tok.norm in (want + "s", want + "es"):
                    pass
                else:
                    return None
            if not _case_ok(e.case[j], e.raw[j], tok, relaxed):
                return None
        return toks[i].start, toks[i + n - 1].end, e, exact

    def _english_plural(self, norm: str) -> list[_Entry]:
        out: list[_Entry] = []
        for stem in {norm[:-1] if norm.endswith("s") else "", norm[:-2] if norm.endswith("es") else ""}:
            if stem:
                out.extend(e for e in self._by_first.get(stem, ()) if e.english and len(e.tokens) == 1)
        return out

    # -- name resolution -------------------------------------------------------------------------
    def lookup(self, name: str, type: str | None = None) -> list[Concept]:
        """Concepts a typed name refers to, best first.

        Exact label, acronym or alternative label after normalisation first; then an IRI or slug;
        then names found inside the text (compounds, plurals); then labels starting with, having a
        word starting with, or containing the name.
        """
        name = (name or "").strip()
        if not name:
            return []
        scores: dict[str, float] = {}

        def offer(iri: str, score: float) -> None:
            c = self._concepts.get(iri)
            if c is not None and (type is None or c.type == type) and score < scores.get(iri, 1e9):
                scores[iri] = score

        k = key(name)
        for e in self._by_key.get(k, ()):
            offer(e.concept.iri, _KIND_RANK[e.kind])
        iri = name if name.startswith("http") else str(ID) + name.strip("/")
        offer(iri, 5)
        if k:
            for c in self._concepts.values():
                if c.iri.rsplit("/", 1)[-1] == slug(name):
                    offer(c.iri, 6)
            for rank, m in enumerate(self.find(name, relaxed=True)):
                offer(m.iri, 10 + rank / 100)
            exact_hit = any(v < 10 for v in scores.values())
            if len(k) >= 2:
                for lk, es in self._by_key.items():
                    if lk.startswith(k):
                        tier = 20
                    elif len(k) >= 3 and any(w.startswith(k) for w in lk.split()):
                        tier = 30
                    elif len(k) >= 4 and not exact_hit and k in lk:
                        tier = 40
                    else:
                        continue
                    for e in es:
                        offer(e.concept.iri, tier + len(lk) / 1000)
        ranked = sorted(scores, key=lambda i: (scores[i], self._concepts[i].label.lower()))
        return [self._concepts[i] for i in ranked]

    # -- browsing --------------------------------------------------------------------------------
    def concept(self, iri: str) -> Concept | None:
        return self._concepts.get(str(iri))

    def concepts(self, type: str | None = None) -> list[Concept]:
        """All concepts (of one type), sorted by Dutch label."""
        out = [c for c in self._concepts.values() if type is None or c.type == type]
        return sorted(out, key=lambda c: (c.type, c.label.lower()))

    def broader(self, iri: str, transitive: bool = True) -> list[str]:
        """Themes above `iri`, nearest first (all ancestors unless transitive=False)."""
        return _walk(str(iri), self._broader, transitive)

    def narrower(self, iri: str, transitive: bool = True) -> list[str]:
        """Themes below `iri`, nearest first (all descendants unless transitive=False): a theme's family."""
        return _walk(str(iri), self._narrower, transitive)


@lru_cache(maxsize=1)
def _default_index() -> LabelIndex:
    return LabelIndex.from_graph(load_ontology_graph())


# ---------------------------------------------------------------------------------------------
# Building entries
# ---------------------------------------------------------------------------------------------

def _concept_of(g: Graph, s: URIRef, type_: str) -> tuple[Concept, list[tuple[str, str | None, str]]]:
    """The concept and its surface forms as (text, language, kind), preferred forms first."""
    prefs = [o for o in g.objects(s, SKOS.prefLabel) if isinstance(o, Literal)]
    nl = _pick(prefs, "nl") or (str(prefs[0]) if prefs else str(s).rsplit("/", 1)[-1])
    en = _pick(prefs, "en")
    acronyms = sorted(str(o) for o in g.objects(s, IVP.acronym))
    forms: list[tuple[str, str | None, str]] = [(nl, "nl", "pref")]
    forms += [(str(o), o.language, "pref") for o in sorted(prefs, key=str) if str(o) != nl]
    forms += [(a, None, "acronym") for a in acronyms]
    for prop, kind in ((SKOS.altLabel, "alt"), (SKOS.hiddenLabel, "hidden")):
        forms += [(str(o), getattr(o, "language", None), kind) for o in sorted(g.objects(s, prop), key=str)]
    forms += [cited for form in forms if (cited := _cited(*form))]
    surface = tuple(dict.fromkeys(f[0] for f in forms))
    concept = Concept(str(s), type_, nl, en, acronyms[0] if acronyms else None, surface)
    return concept, forms


def _cited(text: str, lang: str | None, kind: str) -> tuple[str, str | None, str] | None:
    """An article of a law as it is cited in a sentence: "Artikel 174a Gemeentewet" is written "artikel 174a van
    de Gemeentewet", "Article 13b Opium Act" "Article 13b of the Opium Act". None for any other label."""
    words = text.split()
    if len(words) < 3 or words[0].lower().rstrip(".") not in _ARTICLE_WORDS or not any(c.isdigit() for c in words[1]):
        return None
    link = "of the" if lang == "en" else "van de"
    return " ".join([*words[:2], link, *words[2:]]), lang, kind


def _pick(literals: list[Literal], lang: str) -> str | None:
    for lit in literals:
        if lit.language == lang:
            return str(lit)
    return None


def _entries_for(concept: Concept, forms: list[tuple[str, str | None, str]]) -> list[_Entry]:
    out: list[_Entry] = []
    seen: set[tuple[str, ...]] = set()
    place = concept.type in _PLACE_TYPES
    for text, lang, kind in forms:
        toks = tokenize(text)
        norms = tuple(t.norm for t in toks)
        if not norms or (norms, lang == "en") in seen:
            continue
        seen.add((norms, lang == "en"))
        raws = tuple(t.raw for t in toks)
        case = tuple(_case_rule(raw, len(norms), place) for raw in raws)
        english = lang == "en"
        last_raw = raws[-1]
        compound = (
            not english
            and not place
            and len(norms[-1]) >= _MIN_HEAD
            and case[-1] is None
            and (len(norms) == 1 or not last_raw[:1].isupper())
        )
        out.append(_Entry(norms, raws, case, concept, kind, compound, english, sum(map(len, norms))))
    return out


def _case_rule(raw: str, n_tokens: int, place: bool) -> str | None:
    if n_tokens == 1 and len(raw) <= _SHORT and any(ch.isupper() for ch in raw):
        return "acronym"
    if place and len(raw) >= 3 and raw[:1].isupper():
        return "proper"
    return None


# ---------------------------------------------------------------------------------------------
# Matching helpers
# ---------------------------------------------------------------------------------------------

def _case_ok(rule: str | None, label_raw: str, tok: Token, relaxed: bool) -> bool:
    if rule is None:
        return True
    if relaxed and tok.norm not in _COMMON_WORDS:
        return True
    if rule == "acronym":
        return tok.raw == label_raw or (tok.raw.isupper() and len(tok.raw) == len(label_raw))
    return tok.raw[:1].isupper()


def _false_friend(head: str, word: str) -> bool:
    return any(word.startswith(f) for f in _FALSE_FRIENDS.get(head, ()))


_JOINERS = frozenset("-/'\".&")


def _joinable(gap: str) -> bool:
    """May two tokens separated by `gap` belong to one name? Spaces, line breaks, a hyphen, slash,
    quote or abbreviation dot may sit between the words of a name; commas, brackets and bullets may not."""
    marks = "".join(fold_char(c) for c in gap if not c.isspace())
    return len(marks) <= 3 and all(c in _JOINERS for c in marks)


def _select(candidates: list[tuple[int, int, _Entry, bool]]) -> list[tuple[int, int, _Entry]]:
    """Non-overlapping matches: longest span first, then the longer (more specific) label, exact
    before compound, preferred label before alternatives; returned in text order."""
    ranked = sorted(
        candidates,
        key=lambda c: (-(c[1] - c[0]), -c[2].length, not c[3], _KIND_RANK[c[2].kind], c[0], c[2].concept.iri),
    )
    starts: list[int] = []
    chosen: dict[int, tuple[int, int, _Entry]] = {}
    for s, e, entry, _ in ranked:
        i = bisect.bisect_right(starts, s)
        if i and chosen[starts[i - 1]][1] > s:
            continue
        if i < len(starts) and starts[i] < e:
            continue
        starts.insert(i, s)
        chosen[s] = (s, e, entry)
    return [chosen[s] for s in starts]


def _walk(start: str, edges: dict[str, list[str]], transitive: bool) -> list[str]:
    out: list[str] = []
    seen = {start}
    queue = deque(edges.get(start, ()))
    while queue:
        node = queue.popleft()
        if node in seen:
            continue
        seen.add(node)
        out.append(node)
        if transitive:
            queue.extend(edges.get(node, ()))
    return out


__all__ = [
    "Concept", "Match", "LabelIndex", "ontology_files", "load_ontology_graph", "shapes_graph", "CONCEPT_TYPES",
]
