"""Search and grouped answers."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from search.contract import KINDS
from kg.workspace import Workspace

from ..deps import workspace
from ..schemas import AnswerResponse, FilterValues, SearchResponse, errors

router = APIRouter(prefix="/api", tags=["search"])
# Some text besides white space, and no control characters (tab, newline and carriage return are text):
# the engine refuses the rest, and the schema says so, so generated clients and fuzzers know it up front.
_TEXT = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
QUERY_PATTERN = rf"^{_TEXT}*[^\s\x00-\x08\x0b\x0c\x0e-\x1f\x7f]{_TEXT}*$"
_DATA_FILTER = " Must be one of the values `/api/filters` lists for the ingested documents (400 otherwise)."


def question(description: str) -> Any:
    """The free-text `q` parameter of /api/search and /api/ask."""
    return Query(..., min_length=1, max_length=2000, pattern=QUERY_PATTERN, description=description)


@router.get("/search", response_model=SearchResponse, responses=errors(400, 422, 503))
def search(q: str = question("Words or a question, Dutch or English."),
           k: int = Query(10, ge=1, le=100, description="How many passages to return."),
           basisteam: str | None = Query(None, description="Only this basisteam's documents." + _DATA_FILTER),
           theme: str | None = Query(None, description="Only passages about this theme (a label, e.g. 'drugs'); "
                                                       "400 for an unknown theme."),
           kind: str | None = Query(None, description="Only documents of this kind." + _DATA_FILTER,
                                    json_schema_extra={"enum": list(KINDS)}),
           year: int | None = Query(None, ge=1900, le=2100,
                                    description="Only documents whose period covers this year." + _DATA_FILTER),
           document: str | None = Query(None, description="Only this document (its id)." + _DATA_FILTER),
           gemeente: str | None = Query(None, description="Only documents written for this gemeente or for the "
                                                          "basisteam it belongs to." + _DATA_FILTER),
           ws: Workspace = Depends(workspace)) -> dict:
    filters = ws.filters(basisteam=basisteam, theme=theme, kind=kind, year=year, document=document, gemeente=gemeente)
    return ws.search_json(q, k, filters)


@router.get("/ask", response_model=AnswerResponse, responses=errors(400, 422, 503))
def ask(q: str = question("A question, Dutch or English."),
        basisteam: str | None = Query(None, description="Only this basisteam or other plan owner." + _DATA_FILTER),
        theme: str | None = Query(None, description="Only passages and facts about this theme (a label); "
                                                    "400 for an unknown theme."),
        kind: str | None = Query(None, description="Only documents of this kind." + _DATA_FILTER,
                                 json_schema_extra={"enum": list(KINDS)}),
        year: int | None = Query(None, ge=1900, le=2100, description="Only documents whose period covers this "
                                                                      "year, and actions of that year." + _DATA_FILTER),
        document: str | None = Query(None, description="Only this document (its id)." + _DATA_FILTER),
        gemeente: str | None = Query(None, description="Only documents for this gemeente or its basisteam."
                                                       + _DATA_FILTER),
        ws: Workspace = Depends(workspace)) -> dict:
    """The grouped answer under the same filters as /api/search: they reach the passages and the facts."""
    filters = ws.filters(basisteam=basisteam, theme=theme, kind=kind, year=year, document=document, gemeente=gemeente)
    return ws.answer(q, filters)


@router.get("/filters", response_model=FilterValues, responses=errors(503))
def filters(ws: Workspace = Depends(workspace)) -> dict:
    """Valid filter values, for forms."""
    return ws.filter_values()
