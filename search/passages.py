"""The passages of the active state, with the document facts the filters and citations need."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

PASSAGES_FILE = "passages.jsonl"


@dataclass
class StoredPassage:
    id: str
    doc_id: str
    text: str
    section_path: list[str]
    page: int | None
    kind: str
    mentions: list[str] = field(default_factory=list)
    doc_title: str = ""
    basisteam: str | None = None
    doc_kind: str = "other"
    period_start: int | None = None
    period_end: int | None = None
    owner: str | None = None  # the gemeente(n) or basisteam the document is written for
    gemeenten: list[str] = field(default_factory=list)  # names of the gemeenten the document covers

    @property
    def section(self) -> str:
        return self.section_path[-1] if self.section_path else ""

    def indexed_text(self) -> str:
        """What both indexes see: the section headings carry the theme into every passage."""
        heads = [h for h in self.section_path if h and h not in self.text[:200]]
        return (" > ".join(heads) + "\n" if heads else "") + self.text


def from_document(doc) -> list[StoredPassage]:
    """StoredPassages of an ingest.model.ExtractedDocument."""
    m = doc.meta
    covered = covered_gemeenten(m.owner_gemeenten, m.basisteam)
    return [
        StoredPassage(p.id, doc.doc_id, p.text, list(p.section_path), p.page, p.kind, list(p.mentions),
                      m.title, m.basisteam, m.kind, m.period_start, m.period_end, m.owner or m.basisteam, covered)
        for p in doc.passages
    ]


def covered_gemeenten(codes: list[str], basisteam: str | None) -> list[str]:
    """The gemeenten a document speaks for: its owner's, else those of its basisteam where the national
    reference data knows them; so a filter on a gemeente finds its basisteam's shared plans too."""
    from ontology.places import places

    p = places()
    named = [g.name for g in (p.gemeente(c) for c in codes) if g]
    if not named and basisteam:
        named = [g.name for g in p.in_basisteam(basisteam)]
    return sorted(set(named))


def write_passages(path: Path, passages: list[StoredPassage]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for p in passages:
            fh.write(json.dumps(asdict(p), ensure_ascii=False) + "\n")


def read_passages(path: Path) -> list[StoredPassage]:
    with open(path, encoding="utf-8") as fh:
        return [StoredPassage(**json.loads(line)) for line in fh if line.strip()]
