"""A report's symbol legend and the status a symbol in a status cell stands for (ingest/symbol_legend.py)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.model import Action
from ingest.pipeline import extract_file
from ingest.symbol_legend import apply_symbols, is_symbol, read_symbol_legend

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


@pytest.mark.parametrize("token, symbol", [("✔", True), ("◐", True), ("+/-", True), ("●", True), ("-", False),
                                           ("=", False), ("OK", False), ("2x", False), ("(", False),
                                           ("🟢", False)])  # a coloured circle is a colour: ingest/legend.py
def test_is_symbol(token, symbol):
    assert is_symbol(token) is symbol


def test_a_legend_in_one_line_after_a_sentence():
    legend = read_symbol_legend(["Stand van zaken per 1 mei. ✔ = afgerond, ● = loopt; ✘ = niet uitgevoerd."])
    assert {s: e.statuses for s, e in legend.items()} == {"✔": ("afgerond",), "●": ("loopt",),
                                                          "✘": ("niet_uitgevoerd",)}
    assert legend["✘"].text == "✘ = niet uitgevoerd"


def test_a_legend_in_lines():
    legend = read_symbol_legend(["Legenda", "+ op schema", "+/- vertraagd", "- nog niet gestart"])
    assert {s: e.statuses for s, e in legend.items()} == {"+": ("loopt",), "+/-": ("vertraagd",)}


def test_one_entry_is_no_legend():
    assert read_symbol_legend(["★ = nieuw in dit plan", "Het plan telt vier thema's."]) == {}


def test_symbols_give_statuses_only_where_the_words_gave_none():
    legend = read_symbol_legend(["✔ = afgerond, ◐ = loopt"])
    actions = [Action(1, "A", result="◐ – twee groepen"), Action(2, "B", result="✔", status="vertraagd"),
               Action(3, "C", result="★"), Action(4, "D", result="Vier avonden")]
    apply_symbols(actions, legend)
    assert [(a.status, a.status_basis) for a in actions] == [("loopt", "◐ = loopt"), ("vertraagd", None),
                                                             (None, None), (None, None)]


def test_a_check_mark_is_done_without_a_legend():
    actions = [Action(1, "A", result="✓"), Action(2, "B", result="✘")]
    apply_symbols(actions, {})
    assert [a.status for a in actions] == ["afgerond", None]


def test_a_report_with_a_symbol_legend(tmp_path):
    """A table's status column holds symbols, explained once above; the column after it explains each row."""
    path = tmp_path / "30_status_symbolen.md"
    shutil.copy(FIXTURES / path.name, path)
    doc = extract_file(path)
    assert [(a.status, a.status_basis) for a in doc.actions] == [
        ("afgerond", "✔ = afgerond"), ("loopt", "◐ = loopt"), ("niet_uitgevoerd", "✘ = niet uitgevoerd"),
        ("afgerond", "Opgeleverd")]  # the row's own words first
    assert doc.actions[0].result == "✔ – Vier avonden in het voorjaar"  # the explanation is kept with the result
