"""One document's extracted facts as RDF triples, each derived fact traceable with PROV-O.

Priorities and actions are written whatever the document's owner (ingest/owners.py): a basisteam, one
gemeente or a group of gemeenten, or nobody the text names. Priority and role IRIs are keyed by the owner,
so a gemeente's own plan beside its basisteam's cannot collide: `priority/<basisteam>-<n>` (as before),
`priority/gemeente-<name>-<n>`, `priority/gemeenten-<names>-<n>`, `priority/doc-<doc id>-<n>` when no
owner is known. A basisteam's IVP, UVP and evaluation share its priority IRIs on purpose: that is how a
priority is followed through a plan cycle.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from ingest.model import Action, ExtractedDocument, Holder, Priority
from ingest.owners import Owner, owner_of
from ingest.timeline import normalise_timeline
from ontology.labels import LabelIndex
from ontology.normalize import key as fold_key
from ontology.places import places
from ontology.vocab import IVP, doc_iri, entity_iri, slug

KIND_CLASS = {
    "ivp": IVP.IntegraalVeiligheidsplan,
    "uvp": IVP.Uitvoeringsplan,
    "evaluation": IVP.Evaluatierapport,
    "council_note": IVP.Raadsinformatienota,
}
_REGION_CLASS = {"riec": IVP.RiecRegion, "veiligheidsregio": IVP.SafetyRegion}


def passage_iri(passage_id: str) -> URIRef:
    return entity_iri("passage", passage_id.replace(":", "-"))


def owner_key(owner: Owner | None, doc_id: str) -> str:
    """What priorities and roles are keyed by: a basisteam by its name alone (the IRIs the sample corpus
    has always had), a gemeente or group with its kind in front, nobody by the document."""
    if owner is None:
        return f"doc-{doc_id}"
    if owner.kind == "basisteam":
        return owner.label
    return f"{owner.kind}-{owner.label}"


def owner_iri(owner: Owner) -> URIRef:
    """A basisteam's or gemeente's own IRI (places.ttl, ontology/places.py); a group of gemeenten is a
    samenwerking named after them."""
    if owner.kind == "basisteam":
        return basisteam_iri(owner.label)
    if owner.kind == "gemeente":
        g = places().gemeente(owner.gemeenten[0]) if owner.gemeenten else None
        return URIRef(g.iri) if g else entity_iri("gemeente", owner.label)
    return entity_iri("samenwerking", owner.label)


def priority_iri(key: str, number: int) -> URIRef:
    return entity_iri("priority", f"{key}-{number}")


def role_iri(key: str, holder: Holder) -> URIRef:
    return entity_iri("person", f"{key}-{holder.name}")


def action_iri(doc_id: str, action: Action) -> URIRef:
    return entity_iri("action", f"{doc_id}-{action.ordinal}")


def basisteam_iri(name: str) -> URIRef:
    return entity_iri("basisteam", name)


def document_triples(doc: ExtractedDocument) -> Iterator[tuple]:
    """Everything one document says, for its own named graph."""
    d = doc_iri(doc.doc_id)
    m = doc.meta
    owner = owner_of(m)
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
        yield from _basisteam_node(bt, m.basisteam, owner)
    who = owner_iri(owner) if owner else None
    if who is not None:
        yield d, IVP.planOwner, who
        if who != bt and owner.kind == "basisteam":
            yield from _basisteam_node(who, owner.label, owner)
        elif who != bt:
            yield from _owner_node(who, owner)
    if m.period_start:
        yield d, IVP.periodStart, Literal(m.period_start, datatype=XSD.integer)
    if m.period_end:
        yield d, IVP.periodEnd, Literal(m.period_end, datatype=XSD.integer)
    if m.date:
        yield d, DCTERMS.date, Literal(m.date, datatype=XSD.date)
    if m.gemeente:
        g = places().gemeente(m.gemeente)
        yield d, IVP.gemeente, URIRef(g.iri) if g else entity_iri("gemeente", m.gemeente)

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

    key = owner_key(owner, doc.doc_id)
    for pr in doc.priorities:
        yield from _priority_triples(doc, pr, key, bt, who)
    cycle = _cycle(doc)
    for a in doc.actions:
        yield from _action_triples(doc, a, key, bt, who, cycle)
    yield from _region_nodes(doc)

    for f in doc.facts:
        s, p, o = URIRef(f.subject), IVP[f.predicate], URIRef(f.object)
        yield s, p, o
        yield from _evidence(doc.doc_id, (s, p, o), f.passage_id, f.sentence, f.page)


def _basisteam_node(bt: URIRef, name: str, owner: Owner | None) -> Iterator[tuple]:
    """A basisteam outside the ontology (another district) as a labelled organisation; typed ivp:Basisteam
    only where its police district is known from its gemeenten, as the shapes require."""
    if LabelIndex.default().concept(str(bt)) is not None:
        return
    yield bt, RDF.type, ORG.Organization
    yield bt, SKOS.prefLabel, Literal(name, lang="nl")
    p = places()
    districts = {g.district for g in (p.gemeente(c) for c in (owner.gemeenten if owner else ())) if g}
    if len(districts) == 1 and None not in districts:
        (district,) = districts
        yield bt, RDF.type, IVP.Basisteam
        yield bt, ORG.subOrganizationOf, URIRef(district.iri)
        if LabelIndex.default().concept(district.iri) is None:
            yield URIRef(district.iri), RDF.type, IVP.District
            yield URIRef(district.iri), SKOS.prefLabel, Literal(district.label, lang="nl")


def _owner_node(who: URIRef, owner: Owner) -> Iterator[tuple]:
    """A gemeente or group of gemeenten that owns a plan, named and identified: a gemeente outside the
    ontology is an ivp:Gemeente all the same (its basisteam stays unknown), so it has an entity page."""
    p = places()
    members = [g for g in (p.gemeente(c) for c in owner.gemeenten) if g]
    if owner.kind == "gemeente" and not owner.gemeenten:
        # minted from the text (ingest/owners.py): without a CBS code no ivp:Gemeente by the shapes, but named
        yield who, RDF.type, ORG.Organization
        yield who, SKOS.prefLabel, Literal(owner.label, lang="nl")
    if owner.kind == "gemeenten":
        yield who, RDF.type, ORG.Organization
        yield who, SKOS.prefLabel, Literal(owner.label, lang="nl")
        for g in members:
            yield who, ORG.hasMember, URIRef(g.iri)
    for g in members:
        s = URIRef(g.iri)
        if LabelIndex.default().concept(g.iri) is None:
            yield s, RDF.type, IVP.Gemeente
            yield s, SKOS.prefLabel, Literal(g.name, lang="nl")
            yield s, DCTERMS.identifier, Literal(g.code)
            yield s, OWL.sameAs, URIRef(g.tooi)


def _region_nodes(doc: ExtractedDocument) -> Iterator[tuple]:
    """RIEC's and veiligheidsregio's that generic mentions were resolved to (ingest/link.py): labelled
    here, as the national reference data is not part of the ontology graph."""
    used = {iri for p in doc.passages for iri in p.mentions} | {iri for a in doc.actions for iri in a.partners}
    used |= {f.subject for f in doc.facts}
    for kind, cls in _REGION_CLASS.items():
        for r in places().regions(kind):
            if r.iri in used:
                yield URIRef(r.iri), RDF.type, cls
                yield URIRef(r.iri), RDF.type, ORG.Organization
                yield URIRef(r.iri), SKOS.prefLabel, Literal(r.label, lang="nl")


def _priority_triples(doc: ExtractedDocument, pr: Priority, key: str, bt: URIRef | None,
                      who: URIRef | None) -> Iterator[tuple]:
    node = priority_iri(key, pr.number)
    yield node, RDF.type, IVP.Priority
    yield node, RDFS.label, Literal(pr.label, lang="nl")
    yield node, IVP.number, Literal(pr.number, datatype=XSD.integer)
    if bt is not None:
        yield node, IVP.basisteam, bt
    if who is not None:
        yield node, IVP.planOwner, who
        yield who, IVP.hasPriority, node
    if pr.goal:
        yield node, IVP.goal, Literal(pr.goal, lang="nl")
    for t in pr.themes:
        yield node, IVP.theme, URIRef(t)
    if pr.passage_id:
        yield node, PROV.wasDerivedFrom, passage_iri(pr.passage_id)
    for h in pr.holders:
        role = role_iri(key, h)
        yield role, RDF.type, IVP.Role
        yield role, RDFS.label, Literal(f"{h.title.capitalize()} {h.name}".strip())
        yield role, IVP.holderName, Literal(h.name)
        yield role, IVP.roleName, Literal("portefeuillehouder")
        if bt is not None:
            yield role, IVP.basisteam, bt
        if who is not None:
            yield role, IVP.planOwner, who
        yield node, IVP.portefeuillehouder, role
        if h.scope:
            yield role, IVP.scope, Literal(h.scope, lang="nl")
        if pr.passage_id:
            yield from _evidence(doc.doc_id, (node, IVP.portefeuillehouder, role), pr.passage_id,
                                 h.sentence or pr.sentence, h.page)


def _action_triples(doc: ExtractedDocument, a: Action, key: str, bt: URIRef | None, who: URIRef | None,
                    cycle: str | None) -> Iterator[tuple]:
    node = action_iri(doc.doc_id, a)
    yield node, RDF.type, IVP.Action
    yield node, RDFS.label, Literal(a.title, lang="nl")
    if bt is not None:
        yield node, IVP.basisteam, bt
    if who is not None:
        yield node, IVP.planOwner, who
    yield node, IVP.plan, doc_iri(doc.doc_id)
    yield node, IVP.ordinal, Literal(a.ordinal, datatype=XSD.integer)
    if cycle:
        yield node, IVP.cycle, Literal(cycle)
    if a.priority_number is not None:
        yield node, IVP.priority, priority_iri(key, a.priority_number)
    if a.owner:
        yield node, IVP.owner, role_iri(key, Holder(a.owner))
    if a.group:
        yield node, IVP.group, Literal(a.group, lang="nl")
    for t in a.themes:
        yield node, IVP.theme, URIRef(t)
    for p in a.partners:
        yield node, IVP.partner, URIRef(p)
    for i in a.instruments:
        yield node, IVP.instrument, URIRef(i)
    if a.trekker:
        yield node, IVP.trekker, Literal(a.trekker)
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
    if a.source_text.strip():  # the action's own sentences: its passage may hold its neighbours too
        yield node, IVP.sourceText, Literal(a.source_text.strip(), lang="nl")
    if a.result:
        yield node, IVP.resultText, Literal(a.result, lang="nl")
    if a.status:
        yield node, IVP.status, Literal(a.status)
        yield node, IVP.statusDerived, Literal(True)
        if a.status_basis:
            yield node, IVP.statusBasis, Literal(a.status_basis, lang="nl")
    if a.report_colour:
        colour = (node, IVP.reportColour, Literal(a.report_colour))
        yield colour
        where = _passage_with(doc, a.colour_basis) or a.passage_id
        if where and a.colour_basis:
            yield from _evidence(doc.doc_id, colour, where, a.colour_basis, a.page)
    if a.passage_id:
        yield node, PROV.wasDerivedFrom, passage_iri(a.passage_id)


def _passage_with(doc: ExtractedDocument, words: str | None) -> str | None:
    """The passage a report's words stand in (a colour legend's line, perhaps a table row), compared as
    folded words so that table bars and line breaks do not matter."""
    if not words:
        return None
    want = fold_key(words)
    if (doc.doc_id, doc.sha256) not in _PASSAGE_KEYS:
        _PASSAGE_KEYS.clear()  # one document at a time
        _PASSAGE_KEYS[(doc.doc_id, doc.sha256)] = [(p.id, fold_key(p.text)) for p in doc.passages]
    return next((pid for pid, text in _PASSAGE_KEYS[(doc.doc_id, doc.sha256)] if want and want in text), None)


_PASSAGE_KEYS: dict[tuple[str, str], list[tuple[str, str]]] = {}


def _cycle(doc: ExtractedDocument) -> str | None:
    """The plan cycle an action belongs to: "2025-2026", or "2026" for a one-year plan (not "2026-2026")."""
    m = doc.meta
    if m.period_start and m.period_end:
        return str(m.period_start) if m.period_start == m.period_end else f"{m.period_start}-{m.period_end}"
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


__all__ = ["document_triples", "passage_iri", "priority_iri", "action_iri", "role_iri", "basisteam_iri",
           "owner_iri", "owner_key"]
