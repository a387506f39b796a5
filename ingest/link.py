"""Entity linking: passages, priorities and actions to ontology concepts, and relations with evidence.

A partner "works on" a theme when a sentence names both, or names the partner inside a section
whose heading names the theme (the plans list partners under each priority, with the theme only
in the heading: the "Organisatorische borging" paragraphs). Instruments "apply to" themes the same way.
"""
from __future__ import annotations

import re

from ontology.labels import LabelIndex

from .model import ExtractedDocument, Fact, Passage

_SENTENCE = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z(‘'\"-])|\n(?=[-•] )")
_WS = re.compile(r"\s+")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def link_document(doc: ExtractedDocument, index: LabelIndex | None = None) -> None:
    """Fill mentions, themes, partners, instruments and facts in place."""
    index = index or LabelIndex.default()
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
