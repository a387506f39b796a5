"""Exports are written once per state and format and served from that file."""
from __future__ import annotations

import pytest

from kg.export import export
from search.contract import FilterError


def test_export_file_is_written_once_and_equals_a_fresh_export(ingested):
    first = ingested.export_file("nquads")
    assert first.parent.name == "exports" and first.parent.parent.name == ingested._reader[0]
    mtime = first.stat().st_mtime_ns
    assert ingested.export_file("nquads") == first and first.stat().st_mtime_ns == mtime
    assert sorted(first.read_bytes().splitlines()) == sorted(export(ingested.store(), "nquads").splitlines())
    assert not [p for p in first.parent.iterdir() if p.name.startswith(".")], "no temporary file left behind"


def test_unknown_export_format_is_refused(ingested):
    with pytest.raises(FilterError):
        ingested.export_file("pdf")
