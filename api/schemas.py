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
      @router.post("", status_code=202, response_model=JobAccepted, responses=UPLOAD_RESPONSES,
                   openapi_extra=UPLOAD_OPENAPI, dependencies=[Depends(require_token)])
      @router.delete("/{doc_id}", response_model=DeleteResult, responses=errors(401, 403, 404, 422, 503),
                     dependencies=[Depends(require_token)])

  `UPLOAD_OPENAPI` declares the multipart body (field `file`) the route reads from the request itself;
  `UPLOAD_RESPONSES`: the 202 of a queued upload (its job, kg/jobs.py, reports the outcome) and the errors
  an upload meets before it is queued, the 503 of a full queue with Retry-After among them.
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
    passage: str | None = Field(None, description="Id of the cited passage; the reader opens the document there.")
    document_id: str | None = Field(None, description="Id of the document (`/api/documents/{id}`).")
    sentence: str | None = Field(None, description="An action's own words within the passage (`text`), which may "
                                                   "hold the actions around it too; none where ingest kept none.")


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
    relevant: bool = Field(True, description="Whether the passage is about the question at all (a calibrated "
                                             "judgement, search/relevance.py); a filtered search lists only these.")


class SearchResponse(BaseModel):
    query: str
    results: list[Passage]
    no_match: bool = Field(False, description="No result is about the question; `message` says so in Dutch.")
    message: str | None = Field(None, description="Dutch: nothing relevant found (for the filter's owner).")


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
    report_colour: str | None = Field(None, description="The colour the report's legend or mark gives the action.")
    colour_basis: str | None = Field(None, description="The report's words that colour came from.")
    priority: str | None = Field(None, description="Label of the priority the action serves.")
    owners: list[str] = Field(description="The portefeuillehouders the plan makes responsible.")
    trekker: str | None = Field(None, description="Who carries it out, as the plan names it (its 'wie' column).")
    partners: list[str]
    instruments: list[str]
    source: Source


class AnswerPriority(BaseModel):
    id: str
    label: str
    basisteam: str
    number: int
    about: bool | None = Field(None, description="In a comparison on a theme: whether this priority is about it.")


class BasisteamGroup(BaseModel):
    basisteam: str
    actions: list[AnswerAction]
    priorities: list[AnswerPriority]
    partners: list[LabelRef] = Field([], description="For a question which partners: those linked to the theme.")
    instruments: list[LabelRef] = Field([], description="For a question which instruments: those linked to the theme.")
    wider: list[str] = Field([], description="The broader themes the listed partners, instruments or priorities are "
                             "on, where this owner's documents hold none on the asked theme itself (the notes say so).")
    responsible: list[str] = Field([], description="For a question who is responsible: the actions' "
                                   "portefeuillehouders and trekkers.")


class ReadDeadline(BaseModel):
    from_: str | None = Field(None, alias="from", description="ISO date: deadline on or after (a deadline's year).")
    before: str = Field(description="ISO date: deadline before this day.")


class ReadAs(BaseModel):
    """How the question was read: what it scopes, and the filters the answer used (the caller's win)."""

    intent: Literal["compare", "responsible", "partners", "instruments", "priorities", "actions", "general"]
    owners: list[str] = Field(description="Ingested basisteams or plan owners the question names.")
    gemeenten: list[str] = Field(description="Ingested gemeenten the question names.")
    not_loaded: list[str] = Field(description="Places the question names of which nothing is ingested.")
    years: list[int]
    deadline: ReadDeadline | None = None
    status: str | None = Field(None, description="An actions-board status value.")
    colour: str | None = Field(None, description="A report colour (rood, oranje, groen) the question asks for.")
    overdue: bool = Field(False, description="The question asks for actions past their deadline and not closed.")
    unowned: bool = Field(False, description="The question asks for actions with no trekker or portefeuillehouder.")
    kind: str | None = Field(None, description="A document kind.")
    concepts: list[EntityRef]
    topic: str = Field(description="The question's words that no structure took.")
    count: bool = Field(False, description="The question asks how many actions: the notes count them per owner.")
    description: str = Field(description="One Dutch line: 'gelezen als: ...'.")
    filters: dict[str, str | int] = Field(description="The filters the passages and facts obeyed.")
    notes: list[str] = Field(description="Dutch notes: conflicts with the caller's filters, scopes nothing meets.")


class ThesaurusHint(BaseModel):
    """Partners or instruments the thesaurus relates to the question's theme, where no document links any."""

    type: Literal["partners", "instruments"]
    themes: list[LabelRef] = Field(description="The question's themes.")
    items: list[LabelRef] = Field(description="Related by the ontology (ivp:relatedTheme), not read from a plan.")
    note: str = Field(description="Dutch: says these are background, not what the documents say.")


class AnswerResponse(BaseModel):
    """A grouped answer: the concepts recognised in the question, facts per basisteam, and passages."""

    question: str
    concepts: list[EntityRef]
    basisteams: list[BasisteamGroup]
    passages: list[Passage]
    read_as: ReadAs
    comparison: CompareResponse | None = Field(None, description="For a question comparing two owners.")
    thesaurus: ThesaurusHint | None = Field(None, description="For a question which partners or instruments that "
                                            "no document links to its theme: those the thesaurus relates to it.")
    no_match: bool = Field(False, description="Neither passage nor fact is about the question; see `message`.")
    message: str | None = Field(None, description="Dutch: nothing relevant found (for the filter's owner).")


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


class LegalSource(BaseModel):
    """A law's BWB id and its page on wetten.overheid.nl (an article: its law's page, its own Juriconnect)."""

    identifier: str = Field(description="BWB id, e.g. 'BWBR0013798'.")
    url: str
    juriconnect: str | None = None


class OwnerUse(BaseModel):
    """How many of one plan owner's actions and priorities name a concept."""

    owner: str
    actions: int
    priorities: int


class Concept(EntityRef):
    """A theme, partner or instrument as a thesaurus entry (SKOS): labels, definition, legal source, hierarchy."""

    label_en: str | None = None
    acronym: str | None = None
    definition: str | None = None
    legal: LegalSource | None = None
    broader: list[EntityRef]
    narrower: list[EntityRef]
    related: list[EntityRef]
    usage: list[OwnerUse] = Field(description="Per plan owner, the actions and priorities naming the concept.")


class ConceptList(BaseModel):
    concepts: list[Concept]


class EntityDetail(EntityRef):
    neighbors: list[Neighbor]
    concept: Concept | None = Field(None, description="The thesaurus entry, for a theme, partner or instrument.")


class GraphNode(EntityRef):
    """A node of a graph view, sized by how many of the (owner's) actions name it."""

    actions: int = Field(0, description="Actions (of the owner, under an owner filter) that name this entity.")
    degree: int = Field(0, description="Edges of this view at the node.")


class GraphEdge(BaseModel):
    source: str
    target: str
    relation: str
    evidence: list[Source] = Field(default_factory=list, description=(
        "Passages the edge was read from (at most 3; text cut near 360 characters): the action or priority "
        "naming both ends, or the sentence stating the relation; empty for links from the ontology."))


class GraphViewRef(BaseModel):
    name: str
    title: str


class GraphResponse(BaseModel):
    view: str = Field(description="The view drawn, e.g. 'partners-themas' or 'alles'.")
    title: str
    columns: list[str] = Field(description="Entity types from left to right for a layered drawing; [] for none.")
    owner: str | None = Field(description="The plan owner the view is limited to, in its own spelling.")
    owners: list[str] = Field(description="Every plan owner with plans in the graph.")
    default_owner: str | None = Field(None, description="The owner with the most actions: the browser opens on it.")
    views: list[GraphViewRef]
    truncated: bool = Field(description="True when `limit` cut nodes (the most connected are kept).")
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class Stats(BaseModel):
    documents: int
    passages: int
    triples: int
    entities: dict[str, int] = Field(description="Count per entity type.")


# -- coverage -------------------------------------------------------------------------------------------


class CoverageDocument(BaseModel):
    id: str
    title: str
    kind: str = Field(description="ivp, uvp, evaluation, council_note or other.")
    period: str | None = Field(None, description="The plan period or cycle, e.g. '2023-2026' or '2025'.")


class CoverageKind(BaseModel):
    kind: str
    periods: list[str]


class CoverageCycle(BaseModel):
    cycle: str
    kinds: list[str] = Field(description="Which of uvp and evaluation are loaded for this cycle.")


class OwnerCoverage(BaseModel):
    """What is loaded for one plan owner, and what is missing, in one Dutch sentence (`note`)."""

    owner: str
    owner_type: str | None = Field(None, description="basisteam, gemeente or samenwerking; null for an owner "
                                                     "without documents.")
    documents: list[CoverageDocument]
    kinds: list[CoverageKind]
    cycles: list[CoverageCycle]
    missing: list[str] = Field(description="Kinds of the plan cycle (ivp, uvp, evaluation) with no document.")
    gaps: list[str] = Field(description="Cycles with an uitvoeringsplan but no evaluation, or the reverse (Dutch).")
    note: str


class CoverageResponse(BaseModel):
    coverage: list[OwnerCoverage]


# -- compare --------------------------------------------------------------------------------------------


class CompareAction(BaseModel):
    id: str
    label: str
    status: str | None = None
    cycle: str | None = Field(None, description="The plan cycle the action belongs to.")
    kind: str | None = Field(None, description="Kind of the document it was read from (uvp, evaluation...).")


class CompareSide(BaseModel):
    """One priority of one owner and what works on it there; `action_count` equals the actions board's count
    for this owner and priority (all cycles)."""

    priority: str = Field(description="Short id of the priority.")
    number: int
    wordings: list[str]
    themes: list[LabelRef]
    action_count: int
    actions: list[CompareAction]
    cycles: dict[str, int] = Field(description="Actions per cycle ('' for none).")
    partners: list[LabelRef]
    instruments: list[LabelRef]


class CompareElsewhere(BaseModel):
    """For a one-sided row: the other side works on this theme under a priority counted in another row."""

    side: Literal["a", "b"]
    priority: str
    number: int
    actions: int = Field(description="How many of that priority's actions work on this row's theme.")
    row: LabelRef = Field(description="The row those actions are counted in.")


class CompareRow(BaseModel):
    theme: LabelRef
    match: Literal["full", "partial"] | None = Field(description="null: only one side prioritises the theme.")
    a: CompareSide | None
    b: CompareSide | None
    a_theme: LabelRef | None = Field(None, description="For a partial match: a's related theme.")
    b_theme: LabelRef | None = Field(None, description="For a partial match: b's related theme.")
    elsewhere: CompareElsewhere | None = None


class CompareSplit(BaseModel):
    shared: list[LabelRef]
    only_a: list[LabelRef]
    only_b: list[LabelRef]


class CompareSummary(BaseModel):
    partners: CompareSplit
    instruments: CompareSplit


class ComparePair(BaseModel):
    a: list[CompareAction]
    b: list[CompareAction]


class CompareTotals(BaseModel):
    a: int
    b: int


class CompareCoverage(BaseModel):
    a: OwnerCoverage
    b: OwnerCoverage


class CompareResponse(BaseModel):
    """Each priority in exactly one row and each action in its priority's row (see kg/compare.py)."""

    a: str
    b: str
    shared: list[CompareRow]
    only_a: list[CompareRow]
    only_b: list[CompareRow]
    without_priority: ComparePair = Field(description="Actions of a plan that names no priority for them.")
    totals: CompareTotals = Field(description="All actions of each owner: the rows' counts plus those without.")
    summary: CompareSummary = Field(description="Partners and instruments both owners name, and each alone.")
    coverage: CompareCoverage


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


class ActionEntity(BaseModel):
    """A partner or instrument an action names, with the id of its entity page."""

    id: str
    label: str
    type: Literal["partner", "instrument"]


class ColourLegendEntry(BaseModel):
    colour: Literal["rood", "oranje", "groen"]
    count: int = Field(description="Actions of this plan that carry the colour.")
    words: str | None = Field(None, description="The report's legend line for the colour.")


class ColourLegend(BaseModel):
    """The colours of one evaluated plan, in the report's words."""

    plan_owner: str
    cycle: str | None = None
    colours: list[ColourLegendEntry]


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
    report_colour: Literal["rood", "oranje", "groen"] | None = Field(
        None, description="The colour the report's own legend gives the action (its mark, or its status under the "
                          "legend's rules).")
    colour_basis: str | None = Field(None, description="The report's words the colour came from (its legend line).")
    overdue: bool = Field(False, description="The deadline has passed and no evaluation closed the action "
                                             "(not afgerond, vervallen or overgeheveld).")
    owner_id: str | None = Field(None, description="Id of the portefeuillehouder's entity page.")
    partners: list[ActionEntity] = Field(default_factory=list, description="Partners the action names.")
    instruments: list[ActionEntity] = Field(default_factory=list, description="Instruments the action names.")
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
    legends: list[ColourLegend] = Field(default_factory=list, description="The report colour legend of each "
                                                                          "evaluated plan among the owners shown.")
    coverage: list[OwnerCoverage] = Field(default_factory=list, description="What is loaded for the owners "
                                                                             "involved (the filter's and the actions').")


class StatusCounts(BaseModel):
    afgerond: int
    loopt: int
    vertraagd: int
    niet_uitgevoerd: int
    vervallen: int
    overgeheveld: int
    onbekend: int


class ColourCounts(BaseModel):
    """Actions per report colour (ingest/legend.py); onbekend: no colour."""

    rood: int
    oranje: int
    groen: int
    onbekend: int


class SummaryRow(BaseModel):
    basisteam: str
    cycle: str | None = None
    priority: str | None = None
    priority_number: int | None = None
    total: int
    status: StatusCounts
    colour: ColourCounts | None = None


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


class ReaderPassage(BaseModel):
    id: str
    text: str
    section_path: list[str]
    page: int | None = None
    kind: str


class DocumentText(BaseModel):
    """A document's stored text in reading order, for the reader; `pages` says whether the source had pages."""

    id: str
    title: str
    source: str | None = None
    format: str | None = None
    original: bool = False  # the ingested file itself is kept and downloadable at /api/documents/{id}/file
    pages: bool
    passages: list[ReaderPassage]


class UploadResult(BaseModel):
    id: str
    added: bool
    updated: bool
    unchanged: bool
    report: DocumentReport | None = Field(None, description="What ingest made of the file (absent when unchanged).")


class DeleteResult(BaseModel):
    id: str
    removed: bool


# -- ingest jobs (api/routers/jobs.py; an upload answers with a JobAccepted) ----------------------------


class JobAccepted(BaseModel):
    """An upload was queued: follow `status_url` (also in the `Location` header) until the job is finished."""

    job_id: str
    status_url: str
    state: Literal["queued"]
    ahead: int = Field(description="Jobs waiting or running before this one.")


class JobProgress(BaseModel):
    stage: str = Field(description="queued, waiting (another writer holds the data), read (files), encode "
                                   "(passages), ...")
    done: int
    total: int


class JobError(BaseModel):
    reason: Literal["invalid", "near_copy", "conflict", "unavailable", "interrupted", "internal"] = Field(
        description="invalid: a file could not be read; near_copy / conflict: refused, see the message; "
                    "unavailable: the data directory or model could not be used; interrupted: the service "
                    "stopped during the job; internal: a bug (logged on the server).")
    message: str


class JobResult(BaseModel):
    documents: list[UploadResult] = Field(description="Per file that was ingested or found unchanged.")


class Job(BaseModel):
    id: str
    state: Literal["queued", "running", "done", "failed"]
    files: list[str] = Field(description="The uploaded file names.")
    replace: bool
    created: str
    started: str | None = None
    finished: str | None = None
    ahead: int | None = Field(None, description="While queued: jobs waiting or running before this one.")
    progress: JobProgress | None = None
    result: JobResult | None = Field(None, description="When done; when failed, what did succeed (if anything).")
    error: JobError | None = Field(None, description="When failed.")


class JobList(BaseModel):
    jobs: list[Job]


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
    202: {"model": JobAccepted, "description": "The file is queued for ingest; its job reports the outcome.",
          "headers": {"Location": {"description": "The job's status URL.", "schema": {"type": "string"}}}},
    **errors(400, 401, 403, 409, 413, 415, 422),
    503: {"model": ErrorResponse, "description": "The ingest queue is full; try again after Retry-After seconds.",
          "headers": {"Retry-After": {"description": "Seconds to wait before retrying.",
                                      "schema": {"type": "integer"}}}},
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
