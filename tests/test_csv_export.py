"""CSV exports over the real server: the same rows as the JSON answers, a BOM for Excel, a file name."""
import csv
import io

import httpx
import pytest

pytestmark = pytest.mark.slow


def _csv(resp: httpx.Response, sep: str = ",") -> list[dict]:
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("text/csv")
    assert resp.content.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, so Excel reads the ë of 'geëvalueerd'"
    assert "\r\n" in resp.text
    return list(csv.DictReader(io.StringIO(resp.content.decode("utf-8-sig")), delimiter=sep))


def _filename(resp: httpx.Response) -> str:
    disposition = resp.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=")
    return disposition.split("filename=", 1)[1].strip('"')


def test_actions_csv_has_the_boards_rows(server):
    board = httpx.get(server + "/api/actions", timeout=60).json()["actions"]
    resp = httpx.get(server + "/api/actions/export.csv", timeout=60)
    rows = _csv(resp)
    assert [r["actie_id"] for r in rows] == [a["id"] for a in board]
    assert [r["titel"] for r in rows] == [a["title"] for a in board]
    assert [r["status"] or None for r in rows] == [a["status"] for a in board]
    assert _filename(resp) == "acties.csv"
    owner = board[0]["plan_owner"]
    resp = httpx.get(server + "/api/actions/export.csv", params={"basisteam": owner, "sep": ";"}, timeout=60)
    rows = _csv(resp, ";")
    assert rows and {r["eigenaar"] for r in rows} <= {a["plan_owner"] for a in board}
    same = httpx.get(server + "/api/actions", params={"basisteam": owner}, timeout=60).json()["actions"]
    assert len(rows) == len(same)
    assert _filename(resp).startswith("acties-") and _filename(resp).endswith(".csv")


def test_compare_csv_has_one_line_per_action(server):
    owners = httpx.get(server + "/api/filters", timeout=60).json()["basisteam"]
    a, b = owners[0], owners[-1]
    table = httpx.get(server + "/api/compare", params={"a": a, "b": b}, timeout=60).json()
    resp = httpx.get(server + "/api/compare/export.csv", params={"a": a, "b": b}, timeout=60)
    rows = _csv(resp)
    for key in ("a", "b"):
        mine = [r for r in rows if r["eigenaar"] == table[key]]
        assert len([r for r in mine if r["actie_id"]]) == table["totals"][key]
        sides = [r[key] for r in table["shared"] + table["only_a"] + table["only_b"] if r[key]]
        assert {int(r["prioriteit_nummer"]) for r in mine if r["prioriteit_nummer"]} == {s["number"] for s in sides}
    assert _filename(resp).startswith("vergelijking-")


def test_search_csv_has_the_hits(server):
    params = {"q": "aanpak van mensenhandel", "k": 5}
    hits = httpx.get(server + "/api/search", params=params, timeout=60).json()["results"]
    rows = _csv(httpx.get(server + "/api/search/export.csv", params=params, timeout=60))
    assert [r["passage_id"] for r in rows] == [h["id"] for h in hits]
    assert [int(r["rang"]) for r in rows] == list(range(1, len(hits) + 1))
    assert all(r["tekst"] for r in rows), "multi-line passages survive quoting"


def test_csv_errors_are_the_json_errors(server):
    bad = httpx.get(server + "/api/actions/export.csv", params={"status": "kwijt"}, timeout=60)
    assert bad.status_code == 400 and "valid" in bad.json()["error"]["message"]
    unknown = httpx.get(server + "/api/compare/export.csv", params={"a": "Atlantis", "b": "x"}, timeout=60)
    assert unknown.status_code == 400
    assert httpx.get(server + "/api/actions/export.csv", params={"sep": "|"}, timeout=60).status_code == 422
