"""Flat tables of what the Workspace answers (search hits, actions, a comparison), for spreadsheet export.

One row per thing a person would count: a passage, an action, an action in a comparison row (a priority
without actions still gets one line, so no priority disappears). Column names are Dutch, like the UI.
Rendering (CSV dialect, encoding) is the HTTP edge's business; this module only decides the columns.
"""
from __future__ import annotations

Table = tuple[list[str], list[list[object]]]


def search_table(result: dict) -> Table:
    header = ["rang", "score", "document", "eigenaar", "basisteam", "pagina", "sectie", "tekst", "passage_id"]
    rows = [[i, round(h["score"], 6), h["document"]["title"], h["document"].get("owner"),
             h["document"].get("basisteam"), h["page"], " > ".join(h["section_path"]) or h["section"], h["text"],
             h["id"]]
            for i, h in enumerate(result["results"], 1)]
    return header, rows


def actions_table(actions: list[dict]) -> Table:
    header = ["actie_id", "titel", "eigenaar", "basisteam", "cyclus", "prioriteit_nummer", "prioriteit", "themas",
              "status", "status_afgeleid_uit", "trekker", "planning", "start", "eind", "resultaat", "bronnen"]
    rows = []
    for a in actions:
        pr = a["priority"]
        rows.append([a["id"], a["title"], a["plan_owner"], a["basisteam"], a["cycle"], pr["number"] if pr else None,
                     pr["labels"][0] if pr and pr["labels"] else None, "; ".join(a["themes"]), a["status"],
                     a["status_basis"], a["trekker"], a["timeline"]["text"], a["timeline"]["start"],
                     a["timeline"]["end"], a["result"],
                     "; ".join(sorted({_where(s) for s in a["sources"]}))])
    return header, rows


def _where(source: dict) -> str:
    return source["document"] + (f" p. {source['page']}" if source["page"] else "")


def compare_table(table: dict) -> Table:
    """One line per action per side of each row; a side's lines for a row count what the board counts."""
    header = ["rij_thema", "overeenkomst", "eigenaar", "prioriteit_nummer", "prioriteit", "actie_id", "actie",
              "status", "cyclus", "documentsoort"]
    match = {"full": "gedeeld", "partial": "gedeeltelijk", None: "eenzijdig"}
    rows: list[list[object]] = []
    for row in table["shared"] + table["only_a"] + table["only_b"]:
        for key in ("a", "b"):
            side = row[key]
            if side is None:
                continue
            lead = [row["theme"]["label"], match[row["match"]], table[key], side["number"],
                    side["wordings"][0] if side["wordings"] else None]
            if not side["actions"]:
                rows.append(lead + [None] * 5)
            for a in side["actions"]:
                rows.append(lead + [a["id"], a["label"], a["status"], a["cycle"], a["kind"]])
    for key in ("a", "b"):
        for a in table["without_priority"][key]:
            rows.append(["(zonder prioriteit)", None, table[key], None, None, a["id"], a["label"], a["status"],
                         a["cycle"], a["kind"]])
    return header, rows
