"""What the HTTP API answers, as pydantic models: the OpenAPI schema is generated from these.

Every JSON route declares `response_model=` one of the models below and `responses=errors(...)` for
the statuses it can return, so `/openapi.json` describes what the server really sends and a client (or
`schemathesis run --checks all`, see tests/test_openapi.py) can hold it to that.

The models mirror what the Workspace and kg/*, search/* return; a shape that is the same thing in
several answers is one model here (`EntityRef`, `LabelRef`, `Source`, `Timeline`, `Passage`), so the
same field has the same type everywhere. `extra="allow"` is used nowhere: no answer is open-ended.

Ready-made pieces for the routers that take raw bodies (applied by the owners of those routers):

* `api/routers/sparql.py`::

      @router.get("/sparql", response_class=Response, responses=SPARQL_RESPONSES)
      @router.post("/sparql", response_class=Response, responses=SPARQL_RESPONSES,
                   openapi_extra=SPARQL_POST_OPENAPI)

  `SPARQL_POST_OPENAPI` declares the request body the route parses by hand (a raw query as
  application/sparql-query, or a form with `query`); `SPARQL_RESPONSES` the result media types and
  every error status, 422 included (without it FastAPI documents its own validation body).

* `api/routers/documents.py`::

      @router.get("", response_model=DocumentList, responses=errors(503))
      @router.get("/{doc_id}", response_model=DocumentDetail, responses=errors(404, 422, 503))
      @router.post("", status_code=201, response_model=UploadResult, responses=UPLOAD_RESPONSES,
                   openapi_extra=UPLOAD_OPENAPI, dependencies=[Depends(require_token)])
      @router.delete("/{doc_id}", response_model=DeleteResult, responses=errors(401, 403, 404, 422, 503),
                     dependencies=[Depends(require_token)])

  `UPLOAD_OPENAPI` declares the multipart body (field `file`) the route reads from the request itself;
  `UPLOAD_RESPONSES` adds the 200 an unchanged or replaced file gets to the errors an upload can meet.
  Then take the paths out of `NOT_YET_DOCUMENTED` in tests/test_openapi.py.
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from kg.actions import STATUSES
from kg.export import MEDIA_TYPES

# -- errors: the one shape api/errors.py sends for every failure ------------------------------------


class ErrorBody(BaseModel):
    status: int = Field(description="The HTTP status, repeated so a logged body explains itself.")
    message: str = Field(description="What went wrong, for a person; lists the valid values where there are few.")


class ErrorResponse(BaseModel):
    """`{"error": {"status": int, "message": str}}`: every 4xx and 5xx of this API."""

    error: ErrorBody


ERROR_DESCRIPTIONS: dict[int, str] = {
    400: "The request is well formed but cannot be answered: an unknown filter value (the message lists the "
         "valid ones), an unparsable query, or a body the route cannot read.",
    401: "A write without a valid bearer token.",
    403: "Refused: writes are disabled on this server, or the request asks for something read-only access forbids.",
    404: "No resource with this id.",
    409: "The request conflicts with what is stored.",
    413: "The request body or query is larger than this server accepts.",
    415: "The uploaded file is not of a supported type, or its content does not match its name.",
    422: "A parameter breaks its declared constraints (type, range, length, pattern); the message names it.",
    501: "Not available in this deployment.",
    503: "No data has been ingested yet, the store or index is unreadable, or the server is too busy; try again.",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` entries for the error statuses a route can return, all with the one error body.

    A route that takes parameters must list 422: without it FastAPI documents its own validation body,
    which is not what api/errors.py sends.
    """
    return {s: {"model": ErrorResponse, "description": ERROR_DESCRIPTIONS[s]} for s in sorted(statuses)}


# -- shared parts ---------------------------------------------------------------------------------------


class EntityRef(BaseModel):
    """A node of the graph: its short id (`partner/riec`), its label and its type."""

    id: str = Field(description="Short id, e.g. 'partner/riec'; `/api/entities/{id}` shows it.")
    label: str
    type: str = Field(description="Entity type, e.g. 'theme', 'partner', 'instrument', 'action', 'basisteam'.")


class LabelRef(BaseModel):
    """A node named where its type is implied by the field holding it."""

    id: str
    label: str


class Source(BaseModel):
    """Where a fact was read: the document title, the page (when the format has pages) and the text."""

    document: str = Field(description="Title of the document.")
    page: int | None = None
    text: str | None = None


class Timeline(BaseModel):
    """An action's planned period as the plan words it, and the dates read from that wording."""

    text: str | None = None
    start: str | None = Field(None, description="ISO date, when one could be read from the text.")
    end: str | None = Field(None, description="ISO date, when one could be read from the text.")


# -- search and answers ---------------------------------------------------------------------------------


class PassageDocument(BaseModel):
    id: str
    title: str
    basisteam: str | None = None
    owner: str | None = Field(None, description="The gemeente(n) or basisteam the document is written for.")


class Passage(BaseModel):
    """One search hit: a passage with its document, place and the concepts it mentions."""

    id: str
    text: str
    score: float = Field(description="Fused relevance; only comparable within one answer.")
    document: PassageDocument
    page: int | None = None
    section: str
    section_path: list[str]
    entities: list[EntityRef]


class SearchResponse(BaseModel):
    query: str
    results: list[Passage]


class AnswerAction(BaseModel):
    """An action that works on a concept of the question (a flatter view than `Action`)."""

    id: str
    title: str
    basisteam: str = Field(description="Whose plan the action is in: its owner (a basisteam, a gemeente, a group).")
    in_basisteam: str | None = Field(None, description="The basisteam that owner belongs to, where known.")
    cycle: str | None = None
    timeline: Timeline
    status: str | None = None
    status_basis: str | None = None
    priority: str | None = Field(None, description="Label of the priority the action serves.")
    owners: list[str]
    partners: list[str]
    instruments: list[str]
    source: Source


class AnswerPriority(BaseModel):
    id: str
    label: str
    basisteam: str
    number: int


class BasisteamGroup(BaseModel):
    basisteam: str
    actions: list[AnswerAction]
    priorities: list[AnswerPriority]


class AnswerResponse(BaseModel):
    """A grouped answer: the concepts recognised in the question, facts per basisteam, and passages."""

    question: str
    concepts: list[EntityRef]
    basisteams: list[BasisteamGroup]
    passages: list[Passage]


class FilterValues(BaseModel):
    """The values the search filters accept, for forms."""

    basisteam: list[str] = Field(description="Basisteams and every other plan owner.")
    gemeente: list[str]
    document: list[str]
    kind: list[str]
    year: list[int]
    theme: list[LabelRef]


# -- the graph ------------------------------------------------------------------------------------------


class EntityList(BaseModel):
    results: list[EntityRef]


class Neighbor(EntityRef):
    """An entity near the one asked for, how it is linked, and the sentences behind a direct link."""

    relation: str
    depth: int = Field(ge=1, le=2)
    via: EntityRef | None = Field(None, description="The entity in between, for depth 2.")
    evidence: list[Source] = Field(description="Sentences stating the link (depth 1 only; at most 5).")


class EntityDetail(EntityRef):
    neighbors: list[Neighbor]


class GraphEdge(BaseModel):
    source: str
    target: str
    relation: str


class GraphResponse(BaseModel):
    nodes: list[EntityRef]
    edges: list[GraphEdge]


class Stats(BaseModel):
    documents: int
    passages: int
    triples: int
    entities: dict[str, int] = Field(description="Count per entity type.")


# -- compare --------------------------------------------------------------------------------------------


class CompareSide(BaseModel):
    """What one basisteam does on a theme: its priority and what works on the theme there."""

    priority: str = Field(description="Short id of the priority.")
    number: int
    wordings: list[str]
    actions: list[LabelRef]
    partners: list[LabelRef]
    instruments: list[LabelRef]


class CompareRow(BaseModel):
    theme: LabelRef
    match: Literal["full", "partial"] | None = Field(description="null: only one side prioritises the theme.")
    a: CompareSide | None
    b: CompareSide | None
    a_theme: LabelRef | None = Field(None, description="For a partial match: a's related theme.")
    b_theme: LabelRef | None = Field(None, description="For a partial match: b's related theme.")


class CompareResponse(BaseModel):
    a: str
    b: str
    shared: list[CompareRow]
    only_a: list[CompareRow]
    only_b: list[CompareRow]


# -- actions --------------------------------------------------------------------------------------------


class ActionPriority(BaseModel):
    id: str
    number: int
    labels: list[str]


class ActionLink(BaseModel):
    """A lineage link to an action of another plan cycle, with the matcher's confidence."""

    id: str
    confidence: float | None = None


class LinkedAction(ActionLink):
    title: str
    cycle: str | None = None


class Action(BaseModel):
    id: str
    title: str
    plan_owner: str = Field(description="Whose plan the action is in: a basisteam, a gemeente or a group.")
    basisteam: str | None = Field(None, description="The basisteam of the plan, where it has one.")
    cycle: str | None = None
    priority: ActionPriority | None = None
    theme: str | None = None
    themes: list[str]
    group: str | None = None
    owner: str | None = Field(None, description="The portefeuillehouder whose portfolio names the action's theme.")
    trekker: str | None = Field(None, description="Who carries it out, as the plan names it (its 'wie' column).")
    timeline: Timeline
    status: str | None = Field(None, description=f"One of {', '.join(STATUSES)}, when evaluated.")
    status_basis: str | None = None
    status_derived: bool
    result: str | None = None
    follow_ups: list[ActionLink]
    predecessors: list[ActionLink]
    sources: list[Source]


class ActionDetail(Action):
    """One action with the titles and cycles of its lineage."""

    follow_ups: list[LinkedAction]
    predecessors: list[LinkedAction]


class ActionList(BaseModel):
    actions: list[Action]


class StatusCounts(BaseModel):
    afgerond: int
    loopt: int
    vertraagd: int
    niet_uitgevoerd: int
    vervallen: int
    overgeheveld: int
    onbekend: int


class SummaryRow(BaseModel):
    basisteam: str
    cycle: str | None = None
    priority: str | None = None
    priority_number: int | None = None
    total: int
    status: StatusCounts


class ActionSummary(BaseModel):
    summary: list[SummaryRow]


# -- meta -----------------------------------------------------------------------------------------------


class Health(BaseModel):
    status: Literal["ok", "empty"]
    documents: int
    search: bool = Field(description="Whether the search index is usable.")


EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The whole graph in the requested format.",
        "content": {media: {"schema": {"type": ["object", "array"]} if media.endswith("json") else {"type": "string"}}
                    for media in MEDIA_TYPES.values()},
    },
}


# -- documents (applied by api/routers/documents.py) ----------------------------------------------------


class IngestFindings(BaseModel):
    """What ingest made of a document: its period, counts per kind of fact and entity, and the warnings
    (expected facts not found, no owner or kind recognised, the extractors' own notes)."""

    period: str | None = None
    counts: dict[str, int]
    warnings: list[str]


class DocumentReport(IngestFindings):
    """The ingest report of one file, as an upload returns it."""

    id: str
    source: str
    format: str
    title: str
    kind: str
    owner: str | None = None
    basisteam: str | None = None


class DocumentSummary(BaseModel):
    """A stored document as the manifest records it; `passages`, `actions`, `priorities` are counts."""

    id: str
    sha256: str
    source: str = Field(description="The file name it was ingested from.")
    title: str
    kind: str
    basisteam: str | None = None
    format: str
    passages: int
    actions: int
    priorities: int
    owner: str | None = Field(None, description="The gemeente(n) or basisteam the document is written for.")
    report: IngestFindings | None = Field(None, description="What ingest found; absent for older states.")


class DocumentList(BaseModel):
    documents: list[DocumentSummary]


class Relation(BaseModel):
    subject: str
    relation: str
    object: str


class DocumentDetail(BaseModel):
    """One document: its manifest entry, its sections and the facts extracted from it.

    What the route sends today: `priorities` and `actions` are the lists themselves, merged over the
    manifest's counts of the same name, so these two fields are counts in `DocumentSummary` and lists
    here. Renaming one pair (and the web page that reads it) would end that; until then each model
    states its own type exactly.
    """

    id: str
    sha256: str
    source: str
    title: str
    kind: str
    basisteam: str | None = None
    format: str
    passages: int
    owner: str | None = None
    report: IngestFindings | None = None
    status: Literal["ingested"]
    sections: list[str]
    priorities: list[LabelRef]
    actions: list[LabelRef]
    relations: list[Relation]


class UploadResult(BaseModel):
    id: str
    added: bool
    updated: bool
    unchanged: bool
    report: DocumentReport | None = Field(None, description="What ingest made of the file (absent when unchanged).")


class DeleteResult(BaseModel):
    id: str
    removed: bool


UPLOAD_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary",
                                            "description": "A .txt, .md, .pdf or .docx file."}},
                },
            },
        },
    },
}

UPLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": UploadResult, "description": "The file was stored already (unchanged) or replaced it (updated)."},
    **errors(400, 401, 403, 409, 413, 415, 422, 503),
}


# -- SPARQL (applied by api/routers/sparql.py) ----------------------------------------------------------

SPARQL_QUERY_TEXT: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": 20_000,
                                     "description": "A SELECT, ASK, CONSTRUCT or DESCRIBE query."}

SPARQL_POST_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/sparql-query": {"schema": SPARQL_QUERY_TEXT},
            "application/x-www-form-urlencoded": {
                "schema": {"type": "object", "required": ["query"], "properties": {"query": SPARQL_QUERY_TEXT}},
            },
        },
    },
}

_SPARQL_RESULTS_JSON: dict[str, Any] = {
    "type": "object",
    "required": ["head"],
    "properties": {
        "head": {"type": "object"},
        "boolean": {"type": "boolean"},
        "results": {"type": "object", "properties": {"bindings": {"type": "array", "items": {"type": "object"}}}},
    },
}

SPARQL_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "SELECT and ASK: SPARQL JSON results, or CSV when asked for (Accept or `format`); "
                       "CONSTRUCT and DESCRIBE: Turtle, or N-Triples when asked for.",
        "content": {
            "application/sparql-results+json": {"schema": _SPARQL_RESULTS_JSON},
            "text/csv": {"schema": {"type": "string"}},
            "text/turtle": {"schema": {"type": "string"}},
            "application/n-triples": {"schema": {"type": "string"}},
        },
    },
    **errors(400, 403, 413, 422, 501),
    503: {"model": ErrorResponse, "description": ERROR_DESCRIPTIONS[503] + " Also: the query ran past the time limit.",
          "headers": {"Retry-After": {"description": "Seconds to wait before retrying.",
                                      "schema": {"type": "integer"}}}},
}
