"""What ingest made of one document, for the person who gave it: kind, period, owner, counts, warnings.

Nothing is dropped silently: every expectation a document of its kind should meet and does not
becomes a warning, in Dutch like the documents and the web app ("uitvoeringsplan zonder herkende acties"), next to the extractors' own notes.
"""
from __future__ import annotations

from collections import Counter

from ontology.places import places

from .model import ExtractedDocument

# What a document of each kind is expected to yield, and the warning when it does not.
EXPECTED: dict[str, tuple[tuple[str, str], ...]] = {
    "ivp": (("priorities", "veiligheidsplan zonder herkende prioriteiten"),),
    "uvp": (("actions", "uitvoeringsplan zonder herkende acties"),),
    "evaluation": (("actions", "evaluatie zonder herkende geëvalueerde acties"),),
}
ENTITY_TYPES = ("theme", "partner", "instrument", "gemeente", "basisteam")


def document_report(doc: ExtractedDocument) -> dict:
    """The report of one extracted document (plain JSON-able data)."""
    m = doc.meta
    counts = {"passages": len(doc.passages), "priorities": len(doc.priorities), "actions": len(doc.actions),
              "relations": len(doc.facts), **_entity_counts(doc)}
    return {
        "id": doc.doc_id, "source": doc.source_name, "format": doc.fmt, "title": m.title, "kind": m.kind,
        "period": _period(m.period_start, m.period_end), "owner": getattr(m, "owner", None) or m.basisteam,
        "basisteam": m.basisteam, "counts": counts, "warnings": warnings(doc, counts),
    }


def warnings(doc: ExtractedDocument, counts: dict[str, int]) -> list[str]:
    m = doc.meta
    out = list(getattr(doc, "notes", []) or [])
    if m.kind == "other":
        out.append("soort document niet herkend (geen plan, programma, evaluatie of raadsinformatie)")
    if not (getattr(m, "owner", None) or m.basisteam or m.gemeente):
        out.append("geen eigenaar herkend (geen gemeente of basisteam waarvoor het document geschreven is)")
    minted = _minted_owner(m)
    if minted:
        out.append(f"{minted} staat niet in de referentiegegevens; als eigenaar overgenomen zoals geschreven")
    if m.period_start is None:
        out.append("geen planperiode herkend")
    for key, warning in EXPECTED.get(m.kind, ()):
        if not counts[key]:
            out.append(warning)
    return list(dict.fromkeys(out))


def _minted_owner(m) -> str | None:
    """'gemeente X' or 'basisteam X' when the reference data lacks the owner (read from the text and minted by
    ingest/owners.py, or given in a sidecar), so the person who gave the document can check the name."""
    kind, owner = getattr(m, "owner_kind", None), getattr(m, "owner", None)
    if owner and kind == "gemeente" and not getattr(m, "owner_gemeenten", None):
        return f"gemeente {owner}"
    if owner and kind == "basisteam" and places().region("basisteam", owner) is None:
        return f"basisteam {owner}"
    return None


def _entity_counts(doc: ExtractedDocument) -> dict[str, int]:
    """Distinct linked concepts per type, read from the type segment of their IRIs (…/id/<type>/<key>)."""
    seen = {iri for p in doc.passages for iri in p.mentions}
    kinds = Counter(iri.split("/id/", 1)[-1].split("/", 1)[0] for iri in seen)
    return {f"{t}s": kinds.get(t, 0) for t in ENTITY_TYPES}


def _period(start: int | None, end: int | None) -> str | None:
    if start is None:
        return None
    return str(start) if end in (None, start) else f"{start}-{end}"
