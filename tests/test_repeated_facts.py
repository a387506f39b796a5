"""Facts that several documents state (an owner's name, the priorities its yearly plans restate) must not
multiply query rows: Oxigraph's union default graph holds one copy per document graph, and queries that joined
several such facts grew with the number of copies to the power of the joins (kg/sparql.once)."""
from __future__ import annotations

import pytest

import kg.store
from kg.commit import passages_from_graph
from tests.test_compare import assert_reconciles
from tests.workspaces import workspace_with

PLAN = """Veiligheidsbeleid gemeente Apeldoorn 2021-2026

Het college van Apeldoorn stelt drie prioriteiten.

Prioriteit 1 - Drugs
Apeldoorn pakt drugshandel aan met de politie en het RIEC.

Prioriteit 2 - Jeugd
Halt en het jongerenwerk helpen jongeren die afglijden.

Prioriteit 3 - Woninginbraak
Buurtpreventie en de politie maken inbraken moeilijker.
"""


def _year_plan(year: int) -> str:
    rows = {1: ("Controle op drugspanden", "Voorlichting over drugs op scholen"),
            2: ("Groepsaanpak jeugdoverlast met Halt", "Jongerenwerk in de avonduren"),
            3: ("Inbraakpreventie in de wijk", "Buurtpreventie-app uitbreiden")}
    names = {1: "Drugs", 2: "Jeugd", 3: "Woninginbraak"}
    sections = "".join(
        f"<h2>Prioriteit {n}: {names[n]}</h2><table><tr><th>Actie</th><th>Resultaat</th></tr>"
        + "".join(f"<tr><td>{title} ({year})</td><td>Loopt door in {year + 1}.</td></tr>" for title in rows[n])
        + "</table>" for n in names)
    return (f"<html><body><h1>Evaluatie uitvoeringsplan veiligheid Apeldoorn {year}</h1>"
            f"<p>De gemeente Apeldoorn blikt terug op de acties van {year}.</p>{sections}</body></html>")


def _documents(years: int) -> dict[str, str]:
    return {"veiligheidsbeleid-apeldoorn.txt": PLAN,
            **{f"evaluatie-apeldoorn-{2021 + i}.html": _year_plan(2021 + i) for i in range(years)}}


@pytest.fixture(scope="module")
def small_and_large(ingested, tmp_path_factory):
    return (workspace_with(ingested, tmp_path_factory.mktemp("two-years"), _documents(2)),
            workspace_with(ingested, tmp_path_factory.mktemp("six-years"), _documents(6)))


def _rows(ws, monkeypatch, call) -> int:
    """How many rows the store yields to `call`."""
    count = [0]
    real = kg.store.EmbeddedStore.raw_query

    def counting(self, sparql, **kwargs):
        result = real(self, sparql, **kwargs)
        if isinstance(result, bool) or not hasattr(result, "__iter__"):
            return result
        rows = list(result)
        count[0] += len(rows)
        return rows

    with monkeypatch.context() as m:
        m.setattr(kg.store.EmbeddedStore, "raw_query", counting)
        call(ws)
    return count[0]


CALLS = {
    "actions": lambda ws: ws.actions(),
    "compare": lambda ws: ws.compare("Apeldoorn", "Tweestromenland"),
    "coverage": lambda ws: ws.coverage(),
    "concepts": lambda ws: ws.concepts(),
    "answer": lambda ws: ws.answer("Welke acties lopen er rond jeugd in Apeldoorn?"),
    "graph": lambda ws: ws.graph_view(owner="Apeldoorn"),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_rows_grow_with_documents_not_with_their_repeats(small_and_large, monkeypatch, name):
    """Three times the yearly plans (each restating the three priorities and the owner) may cost about three
    times the rows, not copies squared or worse as before."""
    small, large = small_and_large
    before, after = (_rows(ws, monkeypatch, CALLS[name]) for ws in (small, large))
    assert after <= 3.5 * before, (name, before, after)


def test_each_fact_counts_once(small_and_large):
    _, large = small_and_large
    mine = [a for a in large.actions() if a["plan_owner"] == "Apeldoorn"]
    assert len(mine) == 6 * 6
    for a in mine:
        assert a["priority"] is not None, a["title"]
        assert len(a["priority"]["labels"]) == len(set(a["priority"]["labels"])) >= 1
    table = assert_reconciles(large, "Apeldoorn", "Tweestromenland")
    assert table["totals"]["a"] == len(mine)


def test_recovered_passages_are_not_repeated(small_and_large):
    _, large = small_and_large
    ids = [p.id for p in passages_from_graph(large.store())]
    assert len(ids) == len(set(ids))
