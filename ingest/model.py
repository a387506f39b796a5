"""The data that ingestion hands to the graph and the search layers.

Everything here is plain data: readers produce a `RawDocument`, cleaning turns it into
`Line`s, structure and extraction turn those into an `ExtractedDocument`. No storage, no
search: the lower layers must stay importable without either.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class IngestError(Exception):
    """A file could not be ingested; the message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{Path(path).name}: {reason}")


@dataclass
class Page:
    """One page of source text; `number` is None when the format has no pages."""

    number: int | None
    text: str


@dataclass
class RawDocument:
    """What a reader returns: the text per page and the format it came from."""

    path: Path
    fmt: str  # "txt" | "md" | "pdf" | "docx"
    pages: list[Page]
    furniture: list[str] = field(default_factory=list)  # site furniture the reader set apart (a web page's footer)
    title: str | None = None  # the file's own title outside its text (a web page's <title>)


@dataclass
class Line:
    """A cleaned line of text with the page it stands on (None when unknown)."""

    text: str
    page: int | None = None


@dataclass
class Section:
    """A heading and everything under it until the next heading of the same or higher level."""

    title: str
    level: int
    path: tuple[str, ...]  # titles from the top down, this one last
    page: int | None = None


@dataclass
class Passage:
    """A retrievable unit of text with its provenance. `id` is stable across re-ingests."""

    id: str
    doc_id: str
    text: str
    section_path: tuple[str, ...]
    page: int | None = None
    kind: str = "paragraph"  # "paragraph" | "list" | "action" | "heading"
    ordinal: int = 0
    mentions: list[str] = field(default_factory=list)  # IRIs of linked ontology concepts

    @property
    def section(self) -> str:
        return self.section_path[-1] if self.section_path else ""


@dataclass
class Holder:
    """A portefeuillehouder as written: 'burgemeester Bergman', optionally for a sub-theme."""

    name: str  # "Bergman", "Helmer-Englebert"
    title: str = "burgemeester"
    scope: str | None = None  # e.g. "drugs", "Mensenhandel/Veilig Buitengebied"
    sentence: str = ""
    page: int | None = None


@dataclass
class Priority:
    """An ambition/priority of a basisteam as worded in one document."""

    number: int
    label: str  # the wording in this document, e.g. "Vergroten digitale veiligheid"
    holders: list[Holder] = field(default_factory=list)
    goal: str | None = None  # doelstelling / ambitie text
    page: int | None = None
    section_path: tuple[str, ...] = ()
    sentence: str = ""  # where the priority is stated
    themes: list[str] = field(default_factory=list)  # IRIs, filled by linking
    passage_id: str | None = None


@dataclass
class Action:
    """A planned or evaluated action, as written in a UVP or an evaluation."""

    ordinal: int  # order within the document, from 1
    title: str
    priority_number: int | None = None
    group: str | None = None  # subheading such as "Veilig buitengebied"
    timeline: str | None = None  # as written: "Q3 2025", "Doorlopend", "Eind 2023"
    result: str | None = None  # evaluation result text
    status: str | None = None  # derived: afgerond / loopt / vertraagd / niet_uitgevoerd / vervallen / overgeheveld
    status_basis: str | None = None  # the words the status was derived from
    report_colour: str | None = None  # rood / oranje / groen, as the report's legend gives it (ingest/legend.py)
    colour_basis: str | None = None  # the report's words the colour came from: its legend line or the cell's mark
    page: int | None = None
    section_path: tuple[str, ...] = ()
    source_text: str = ""  # the sentence(s) the action was read from
    themes: list[str] = field(default_factory=list)  # IRIs, filled by linking
    partners: list[str] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    passage_id: str | None = None  # the passage the action is cited from
    owner: str | None = None  # name of the portefeuillehouder responsible, filled by linking
    trekker: str | None = None  # who carries it out, as an action table's owner column names it ("Team Handhaving")


@dataclass
class Fact:
    """A relation between two ontology concepts read from one sentence (kept as PROV evidence)."""

    subject: str  # IRI
    predicate: str  # local name in the ivp: namespace, e.g. "worksOn", "appliesTo"
    object: str  # IRI
    passage_id: str
    sentence: str
    page: int | None = None


@dataclass
class DocumentMeta:
    """Metadata inferred from content; a sidecar file may override any field."""

    title: str
    basisteam: str | None = None  # the owner's basisteam, where known
    kind: str = "other"  # "ivp" | "uvp" | "evaluation" | "council_note" | "other"
    period_start: int | None = None
    period_end: int | None = None
    gemeente: str | None = None  # for a single municipality's document (a council note: the one addressed)
    date: str | None = None  # ISO date where the document states one
    # Who the document is written for (ingest/owners.py); `basisteam` is the owner's basisteam where known.
    owner: str | None = None  # "Oss", "Bernheze, Maashorst en Oss", "Maas en Leijgraaf"
    owner_kind: str | None = None  # "gemeente" | "gemeenten" | "basisteam"
    owner_gemeenten: list[str] = field(default_factory=list)  # CBS codes (GMnnnn) of the owner's gemeenten


@dataclass
class ExtractedDocument:
    """One document's facts and passages, ready for the graph and the indexes."""

    doc_id: str
    source_name: str
    sha256: str
    fmt: str
    meta: DocumentMeta
    sections: list[Section] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    priorities: list[Priority] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    # What the extractors expected and did not find, or chose between ("uitvoeringsplan without actions"),
    # for an ingest report; see ingest/extract/.
    notes: list[str] = field(default_factory=list)
