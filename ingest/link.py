"""Entity linking: passages, priorities and actions to ontology concepts, and relations with evidence.

A partner "works on" a theme when a sentence names both, or names the partner inside a section
whose heading names the theme (the plans list partners under each priority, with the theme only
in the heading: the "Organisatorische borging" paragraphs). Instruments "apply to" themes the same way.

A plain "RIEC" or "veiligheidsregio" is the document's own: the ontology's partner for it stands for one
region (partner:riec is RIEC Oost-Nederland), so such a generic mention is resolved through the owner's
gemeenten (ontology/places.py): kept where that is the partner's region, moved to the owner's own RIEC or
veiligheidsregio where it is another, and left unlinked where the owner's region is unknown.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from ontology.labels import LabelIndex, Match
from ontology.normalize import key
from ontology.places import Region, places

from .model import DocumentMeta, ExtractedDocument, Fact, Passage
from .owners import owner_of

_SENTENCE = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z(‘'\"-])|\n(?=[-•] )")
_WS = re.compile(r"\s+")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def link_document(doc: ExtractedDocument, index: LabelIndex | None = None) -> None:
    """Fill mentions, themes, partners, instruments and facts in place."""
    index = _Regional(index or LabelIndex.default(), _region_resolver(doc.meta))
    section_themes: dict[tuple[str, ...], list[str]] = {}

    def themes_of_section(path: tuple[str, ...]) -> list[str]:
        if path not in section_themes:
            found: list[str] = []
            for title in reversed(path):  # the nearest heading that names a theme decides
                found = [m.iri for m in index.find(title) if m.type == "theme"]
                if found:
                    break
            section_themes[path] = found
        return section_themes[path]

    for p in doc.passages:
        p.mentions = _unique(m.iri for m in index.find(p.text))
        doc.facts.extend(_facts(p, index, themes_of_section(p.section_path)))

    for pr in doc.priorities:
        themes = [m.iri for m in index.find(pr.label) if m.type == "theme"]
        if not themes and pr.goal:
            themes = [m.iri for m in index.find(pr.goal) if m.type == "theme"][:1]
        pr.themes = _unique(themes)
        pr.passage_id = pr.passage_id or _passage_for(doc.passages, pr.sentence or pr.label, pr.section_path)

    by_number = {pr.number: pr for pr in doc.priorities}
    for a in doc.actions:
        text = "\n".join(x for x in (a.title, a.source_text, a.result or "") if x)
        found = index.find(text)
        themes = [m.iri for m in found if m.type == "theme"]
        if not themes and a.group:
            themes = [m.iri for m in index.find(a.group) if m.type == "theme"]
        pr = by_number.get(a.priority_number) if a.priority_number is not None else None
        if pr is not None:
            themes = themes + pr.themes[:1]
        a.themes = _unique(themes)
        a.partners = _unique(m.iri for m in found if m.type == "partner")
        a.instruments = _unique(m.iri for m in found if m.type == "instrument")
        a.passage_id = a.passage_id or _passage_for(doc.passages, a.title, a.section_path)
        if pr is not None and pr.holders:
            a.owner = _owner(pr, a.themes, index)


class _Regional:
    """A LabelIndex whose `find` resolves region-bound partners to the document's own region."""

    def __init__(self, index: LabelIndex, resolve: Callable[[Match], str | None]):
        self._index, self._resolve = index, resolve

    def find(self, text: str) -> list[Match]:
        out = []
        for m in self._index.find(text):
            iri = self._resolve(m)
            if iri is not None:
                out.append(m if iri == m.iri else dataclasses.replace(m, iri=iri))
        return out

    def narrower(self, iri: str, transitive: bool = True) -> list[str]:
        return self._index.narrower(iri, transitive)


def _region_resolver(meta: DocumentMeta) -> Callable[[Match], str | None]:
    """Where a mention of a region-bound partner points for this document: the partner itself when the
    text names its region ("RIEC Oost-Nederland", "VRGZ") or the region is the owner's; the owner's own
    region (id/riec/..., id/veiligheidsregio/...) when that is another; None when the owner's is unknown."""
    p = places()
    owner = owner_of(meta)
    gemeenten = [g for g in (p.gemeente(c) for c in (owner.gemeenten if owner else ())) if g is not None]
    own: dict[str, set[Region]] = {"riec": {g.riec for g in gemeenten},
                                   "veiligheidsregio": {g.veiligheidsregio for g in gemeenten}}

    def resolve(m: Match) -> str | None:
        region = p.partner_region(m.iri) if m.type == "partner" else None
        if region is None or _names_region(m.surface, region):
            return m.iri
        mine = own.get(region.kind, set())
        if len(mine) != 1:
            return None  # a generic mention; the document's own region is unknown or not one
        (r,) = mine
        return m.iri if r == region else r.iri

    return resolve


def _names_region(surface: str, region: Region) -> bool:
    """Does the text name the region itself ("RIEC Oost-Nederland", "VRGZ"), not just its kind ("RIEC")?"""
    k = f" {key(surface)} "
    forms = (region.name, *region.alt_labels, *([region.code] if region.code else []))
    return any(f" {key(form)} " in k for form in forms)


def _owner(pr, themes: list[str], index: LabelIndex) -> str:
    """The portefeuillehouder whose portfolio names one of the action's themes (the most specific
    portfolio wins: mensenhandel goes to its own holder, not to the one for ondermijning above it),
    else the one for the priority's own theme, else the first named."""
    named = {id(h): {m.iri for m in index.find(h.scope or "") if m.type == "theme"} for h in pr.holders}
    for widen in (False, True):
        for t in themes:
            for h in pr.holders:
                scope = named[id(h)]
                if t in scope or (widen and any(t in index.narrower(s) for s in scope)):
                    return h.name
    for h in pr.holders:
        if not h.scope:
            return h.name
    return pr.holders[0].name


def _facts(p: Passage, index: LabelIndex, context_themes: list[str]) -> list[Fact]:
    facts: list[Fact] = []
    for sent in sentences(p.text):
        found = index.find(sent)
        themes = _unique(m.iri for m in found if m.type == "theme") or context_themes[:1]
        for m in found:
            pred = {"partner": "worksOn", "instrument": "appliesTo"}.get(m.type)
            if pred is None:
                continue
            for t in themes:
                facts.append(Fact(m.iri, pred, t, p.id, _WS.sub(" ", sent), p.page))
    return facts


def _passage_for(passages: list[Passage], text: str, section_path: tuple[str, ...]) -> str | None:
    """The passage that cites `text`: the one containing its opening words, else the first of its section."""
    probe = _norm(text)[:60]
    if probe:
        for p in passages:
            if probe in _norm(p.text):
                return p.id
    for p in passages:
        if section_path and p.section_path[: len(section_path)] == section_path:
            return p.id
    return None


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip().lower()


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))
