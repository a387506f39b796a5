"""bench/layouts.py: every extract fixture read in a process of its own, with the counts the table prints."""
from __future__ import annotations

from bench.layouts import FIELDS, ROOT, fixtures, read_with


def test_the_fixtures_include_the_rendered_ones_and_are_read_by_the_given_checkout(tmp_path):
    files = fixtures(tmp_path)
    names = {f.name for f in files}
    assert {"19_actiekaarten.txt", "24_kaarttabellen.docx"} <= names and all(f.exists() for f in files)
    got = read_with(ROOT, [f for f in files if f.name in ("19_actiekaarten.txt", "24_kaarttabellen.docx")])
    assert got["19_actiekaarten.txt"]["owner"] == "Wolderbeek"
    assert {f: got["24_kaarttabellen.docx"][f] for f in FIELDS} == dict(
        priorities=2, actions=3, linked=3, trekker=3, timeline=3, status=0, colour=0)
