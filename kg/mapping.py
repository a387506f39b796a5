"""One document's extracted facts as RDF triples, each derived fact traceable with PROV-O."""
from __future__ import annotations

import hashlib
from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from ingest.model import Action, ExtractedDocument, Holder, Priority
from ingest.timeline import normalise_timeline
from ontology.labels import LabelIndex
from ontology.vocab import IVP, doc_iri, entity_iri, slug

KIND_CLASS = {
    "ivp": IVP.IntegraalVeiligheidsplan,
    "uvp": IVP.Uitvoeringsplan,
    "evaluation": IVP.Evaluatierapport,
    "council_note": IVP.Raadsinformatienota,
}


def passage_iri(passage_id: str) -> URIRef:
    return entity_iri("passage", passage_id.replace(":", "-"))


def priority_iri(basisteam: str, number: int) -> URIRef:
    return entity_iri("priority", f"{basisteam}-{number}")


def role_iri(basisteam: str, holder: Holder) -> URIRef:
    return entity_iri("person", f"{basisteam}-{holder.name}")


def action_iri(doc_id: str, action: Action) -> URIRef:
    return entity_iri("action", f"{doc_id}-{action.ordinal}")


def basisteam_iri(name: str) -> URIRef:
    return entity_iri("basisteam", name)


def document_triples(doc: ExtractedDocument) -> Iterator[tuple]:
    """Everything one document says, for its own named graph."""
    d = doc_iri(doc.doc_id)
    m = doc.meta
    yield d, RDF.type, IVP.Document
    if m.kind in KIND_CLASS:
        yield d, RDF.type, KIND_CLASS[m.kind]
    yield d, DCTERMS.title, Literal(m.title)
    yield d, RDFS.label, Literal(m.title)
    yield d, IVP.kind, Literal(m.kind)
    yield d, IVP.sha256, Literal(doc.sha256)
    yield d, DCTERMS.source, Literal(doc.source_name)
    yield d, DCTERMS.format, Literal(doc.fmt)
    bt = basisteam_iri(m.basisteam) if m.basisteam else None
    if bt is not None:
        yield d, IVP.basisteam, bt
        if LabelIndex.default().concept(str(bt)) is None:
            # a basisteam outside the ontology (another district) still gets a typed, labelled node
            yield bt, RDF.type, IVP.Basisteam
            yield bt, SKOS.prefLabel, Literal(m.basisteam, lang="nl")
    if m.period_start:
        yield d, IVP.periodStart, Literal(m.period_start, datatype=XSD.integer)
    if m.period_end:
        yield d, IVP.periodEnd, Literal(m.period_end, datatype=XSD.integer)
    if m.date:
        yield d, DCTERMS.date, Literal(m.date, datatype=XSD.date)
    if m.gemeente:
        yield d, IVP.gemeente, entity_iri("gemeente", m.gemeente)

    for p in doc.passages:
        pi = passage_iri(p.id)
        yield pi, RDF.type, IVP.Passage
        yield pi, DCTERMS.isPartOf, d
        yield pi, DCTERMS.identifier, Literal(p.id)
        yield pi, IVP.text, Literal(p.text)
        yield pi, IVP.ordinal, Literal(p.ordinal, datatype=XSD.integer)
        yield pi, IVP.passageKind, Literal(p.kind)
        yield pi, IVP.sectionPath, Literal(" > ".join(p.section_path))
        if p.page is not None:
            yield pi, IVP.page, Literal(p.page, datatype=XSD.integer)
        for iri in p.mentions:
            yield pi, IVP.mentions, URIRef(iri)

    if bt is not None:
        for pr in doc.priorities:
            yield from _priority_triples(doc, pr, bt, m.basisteam)
        cycle = _cycle(doc)
        for a in doc.actions:
            yield from _action_triples(doc, a, bt, m.basisteam, cycle)

    for f in doc.facts:
        s, p, o = URIRef(f.subject), IVP[f.predicate], URIRef(f.object)
        yield s, p, o
        yield from _evidence(doc.doc_id, (s, p, o), f.passage_id, f.sentence, f.page)


def _priority_triples(doc: ExtractedDocument, pr: Priority, bt: URIRef, basisteam: str) -> Iterator[tuple]:
    node = priority_iri(basisteam, pr.number)
    yield node, RDF.type, IVP.Priority
    yield node, RDFS.label, Literal(pr.label, lang="nl")
    yield node, IVP.number, Literal(pr.number, datatype=XSD.integer)
    yield node, IVP.basisteam, bt
    yield bt, IVP.hasPriority, node
    if pr.goal:
        yield node, IVP.goal, Literal(pr.goal, lang="nl")
    for t in pr.themes:
        yield node, IVP.theme, URIRef(t)
    if pr.passage_id:
        yield node, PROV.wasDerivedFrom, passage_iri(pr.passage_id)
    for h in pr.holders:
        role = role_iri(basisteam, h)
        yield role, RDF.type, IVP.Role
        yield role, RDFS.label, Literal(f"{h.title.capitalize()} {h.name}".strip())
        yield role, IVP.holderName, Literal(h.name)
        yield role, IVP.roleName, Literal("portefeuillehouder")
        yield role, IVP.basisteam, bt
        yield node, IVP.portefeuillehouder, role
        if h.scope:
            yield role, IVP.scope, Literal(h.scope, lang="nl")
        if pr.passage_id:
            yield from _evidence(doc.doc_id, (node, IVP.portefeuillehouder, role), pr.passage_id,
                                 h.sentence or pr.sentence, h.page)


def _action_triples(doc: ExtractedDocument, a: Action, bt: URIRef, basisteam: str, cycle: str | None) -> Iterator[tuple]:
    node = action_iri(doc.doc_id, a)
    yield node, RDF.type, IVP.Action
    yield node, RDFS.label, Literal(a.title, lang="nl")
    yield node, IVP.basisteam, bt
    yield node, IVP.plan, doc_iri(doc.doc_id)
    yield node, IVP.ordinal, Literal(a.ordinal, datatype=XSD.integer)
    if cycle:
        yield node, IVP.cycle, Literal(cycle)
    if a.priority_number is not None:
        yield node, IVP.priority, priority_iri(basisteam, a.priority_number)
    if a.owner:
        yield node, IVP.owner, role_iri(basisteam, Holder(a.owner))
    if a.group:
        yield node, IVP.group, Literal(a.group, lang="nl")
    for t in a.themes:
        yield node, IVP.theme, URIRef(t)
    for p in a.partners:
        yield node, IVP.partner, URIRef(p)
    for i in a.instruments:
        yield node, IVP.instrument, URIRef(i)
    if a.timeline:
        yield node, IVP.timelineText, Literal(a.timeline)
        tl = normalise_timeline(a.timeline, plan_start=doc.meta.period_start)
        if tl.start:
            yield node, IVP.timelineStart, Literal(tl.start, datatype=XSD.date)
        if tl.end:
            yield node, IVP.timelineEnd, Literal(tl.end, datatype=XSD.date)
        if tl.open_ended:
            yield node, IVP.openEnded, Literal(True)
        if tl.recurring:
            yield node, IVP.recurring, Literal(True)
    if a.result:
        yield node, IVP.resultText, Literal(a.result, lang="nl")
    if a.status:
        yield node, IVP.status, Literal(a.status)
        yield node, IVP.statusDerived, Literal(True)
        if a.status_basis:
            yield node, IVP.statusBasis, Literal(a.status_basis, lang="nl")
    if a.passage_id:
        yield node, PROV.wasDerivedFrom, passage_iri(a.passage_id)


def _cycle(doc: ExtractedDocument) -> str | None:
    m = doc.meta
    if m.period_start and m.period_end:
        return f"{m.period_start}-{m.period_end}"
    return None


def _evidence(doc_id: str, triple: tuple, passage_id: str, sentence: str, page: int | None) -> Iterator[tuple]:
    """A reified statement: which sentence of which passage a derived fact came from."""
    key = hashlib.sha1("|".join(map(str, triple)).encode() + passage_id.encode()).hexdigest()[:16]
    ev = entity_iri("evidence", f"{slug(doc_id)}-{key}")
    s, p, o = triple
    yield ev, RDF.type, RDF.Statement
    yield ev, RDF.subject, s
    yield ev, RDF.predicate, p
    yield ev, RDF.object, o
    yield ev, PROV.wasDerivedFrom, passage_iri(passage_id)
    yield ev, IVP.sentence, Literal(sentence, lang="nl")
    if page is not None:
        yield ev, IVP.page, Literal(page, datatype=XSD.integer)


__all__ = ["document_triples", "passage_iri", "priority_iri", "action_iri", "role_iri", "basisteam_iri"]
