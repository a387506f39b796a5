"""Search results, actions and comparisons as CSV for spreadsheets.

Dialect, chosen for the people who open these files (Dutch municipal staff, mostly in Excel): UTF-8 with a
byte-order mark (without it Excel reads UTF-8 as Windows-1252 and breaks every ë), CRLF line ends and
minimal quoting as RFC 4180 says, comma-separated by default; `sep=;` gives the semicolons a Dutch Excel
splits on when a file is double-clicked. Same parameters as the JSON routes, so a page's CSV link is its
JSON query with another path. A file name in Content-Disposition says what the file holds.

Registered before the actions router, whose `/api/actions/{id:path}` would otherwise take `export.csv`.
"""
from __future__ import annotations

import csv
import io

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from kg.actions import COLOURS
from kg.tables import Table, actions_table, compare_table, search_table
from kg.workspace import Workspace
from ontology.vocab import slug
from search.contract import KINDS

from ..deps import workspace
from ..schemas import errors
from .search import _DATA_FILTER, question

router = APIRouter(prefix="/api", tags=["csv"])
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
CSV_RESPONSES = {200: {"description": "A CSV file (UTF-8 with BOM, CRLF, header row).",
                       "content": {"text/csv": {"schema": {"type": "string"}}}}, **errors(400, 422, 503)}


def _sep():
    return Query(",", description="Field separator: ',' (RFC 4180) or ';' (what Excel with Dutch settings splits on).",
                 json_schema_extra={"enum": [",", ";"]}, pattern="^[,;]$")


def csv_response(table: Table, name: str, sep: str) -> Response:
    """The table as CSV bytes with an attachment file name."""
    header, rows = table
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    filename = f"{slug(name)}.csv"
    return Response(("\ufeff" + buf.getvalue()).encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/search/export.csv", response_class=Response, responses=CSV_RESPONSES)
def search_csv(q: str = question("Words or a question, Dutch or English."),
               k: int = Query(10, ge=1, le=100, description="How many passages."),
               basisteam: str | None = Query(None, description="Only this basisteam's documents." + _DATA_FILTER),
               theme: str | None = Query(None, description="Only passages about this theme."),
               kind: str | None = Query(None, description="Only documents of this kind." + _DATA_FILTER,
                                        json_schema_extra={"enum": list(KINDS)}),
               year: int | None = Query(None, ge=1900, le=2100, description="Only documents covering this year."),
               document: str | None = Query(None, description="Only this document (its id)." + _DATA_FILTER),
               gemeente: str | None = Query(None, description="Only documents for this gemeente or its basisteam."),
               sep: str = _sep(), ws: Workspace = Depends(workspace)) -> Response:
    filters = ws.filters(basisteam=basisteam, theme=theme, kind=kind, year=year, document=document, gemeente=gemeente)
    return csv_response(search_table(ws.search_json(q, k, filters)), f"zoeken {q[:40]}", sep)


@router.get("/actions/export.csv", response_class=Response, responses=CSV_RESPONSES)
def actions_csv(basisteam: str | None = Query(None, description="Only this basisteam or owner."),
                theme: str | None = Query(None, description="Only actions on this theme (its label)."),
                status: str | None = Query(None, description="Only actions with this status."),
                cycle: str | None = Query(None, description="Only this plan cycle."),
                due_before: str | None = Query(None, pattern=_DATE, description="Only actions planned to end before "
                                                                                 "this date (YYYY-MM-DD)."),
                due_after: str | None = Query(None, pattern=_DATE, description="Only actions planned to end after "
                                                                               "this date (YYYY-MM-DD)."),
                trekker: str | None = Query(None, description="Only actions this trekker carries out."),
                colour: str | None = Query(None, description="Only actions the report's legend gives this colour.",
                                           json_schema_extra={"enum": list(COLOURS)}),
                overdue: bool = Query(False, description="Only actions past their deadline that no evaluation closed."),
                sep: str = _sep(), ws: Workspace = Depends(workspace)) -> Response:
    """The board's rows for the same filters as `GET /api/actions`."""
    found = ws.find_actions(basisteam, theme, status, cycle, due_before, due_after=due_after, trekker=trekker,
                            colour=colour, overdue=overdue)
    name = " ".join(["acties", *(v for v in (basisteam, theme, status, cycle) if v)])
    return csv_response(actions_table(found), name, sep)


@router.get("/compare/export.csv", response_class=Response, responses=CSV_RESPONSES)
def compare_csv(a: str = Query(..., min_length=1, description="A basisteam or other plan owner."),
                b: str = Query(..., min_length=1, description="Another basisteam or plan owner."),
                sep: str = _sep(), ws: Workspace = Depends(workspace)) -> Response:
    table = ws.compare(a, b)
    return csv_response(compare_table(table), f"vergelijking {table['a']} {table['b']}", sep)
