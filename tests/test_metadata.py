"""Metadata from content, on the five corpus files, and the sidecar that overrides it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.clean import clean_lines
from ingest.metadata import apply_sidecar, infer_meta, load_sidecar
from ingest.model import DocumentMeta, IngestError, Line
from ingest.pages import raw_lines
from ingest.readers import read_file

CORPUS = Path(__file__).parent.parent / "corpus"


@pytest.fixture(scope="module")
def metas() -> dict[str, DocumentMeta]:
    return {f.name[:3]: infer_meta(clean_lines(raw_lines(read_file(f))), f.name) for f in sorted(CORPUS.glob("*.txt"))}


@pytest.mark.parametrize("name, kind, basisteam, start, end", [
    ("000", "evaluation", "Tweestromenland", 2023, 2024),  # the evaluated plan's period, not the results year
    ("001", "ivp", "Tweestromenland", 2023, 2026),
    ("002", "uvp", "Tweestromenland", 2025, 2026),  # not the IVP 2023-2026 it belongs to
    # a council note spans every plan it reports on: the evaluation of 2023-2024 and the plan 2025-2026
    ("003", "council_note", "Tweestromenland", 2023, 2026),
    ("004", "ivp", "De Waarden", 2023, 2026),
])
def test_corpus_metadata(metas, name, kind, basisteam, start, end):
    m = metas[name]
    assert (m.kind, m.basisteam, m.period_start, m.period_end) == (kind, basisteam, start, end)


def test_corpus_titles_dates_and_gemeente(metas):
    assert metas["000"].title == "Evaluatie Uitvoeringsplan Tweestromenland 2023-2024 (resultaten 2024)"
    assert metas["001"].title == "Integraal Veiligheidsplan Tweestromenland 2023-2026"
    assert metas["002"].title == "Uitvoeringsplan Tweestromenland 2025-2026"
    assert metas["004"].title == "Integraal Veiligheidsplan De Waarden 2023-2026"
    note = metas["003"]
    assert note.title.startswith("Informatienota gemeenteraad Wijchen: ")
    assert "evaluatie 2023-2024" in note.title and "plan 2025-2026" in note.title
    assert note.gemeente == "Wijchen" and note.date == "2025-05-20"
    assert all(metas[n].gemeente is None and metas[n].date is None for n in ("000", "001", "002", "004"))


def _meta(text: str, name: str = "doc.txt") -> DocumentMeta:
    return infer_meta([Line(t) for t in text.split("\n")], name)


def test_another_basisteam_and_a_raadsinformatiebrief():
    m = _meta("Raadsinformatiebrief\nOnderwerp: Uitvoeringsplan 2025-2026\nDatum: 3-2-2025\n"
              "De gezagsdriehoek Maas en Leijgraaf heeft het plan vastgesteld voor de gemeente Oss.\n"
              "Het basisteam Maas en Leijgraaf werkt samen met de partners.")
    assert (m.kind, m.basisteam, m.gemeente, m.date) == ("council_note", "Maas en Leijgraaf", "Oss", "2025-02-03")
    assert (m.period_start, m.period_end) == (2025, 2026)


def test_unknown_document_falls_back_to_its_first_line():
    m = _meta("Verslag van de bijeenkomst\nWe spraken over het weer.", "notulen.txt")
    assert (m.kind, m.title, m.basisteam, m.period_start) == ("other", "Verslag van de bijeenkomst", None, None)


# --- sidecar -----------------------------------------------------------------------------------


def test_sidecar_is_read_next_to_the_document_and_applied(tmp_path):
    doc = tmp_path / "plan.txt"
    doc.write_text("tekst", encoding="utf-8")
    assert load_sidecar(doc) == {}
    side = tmp_path / "plan.txt.meta.json"
    side.write_text(json.dumps({"basisteam": "De Waarden", "period_start": 2024, "title": "Mijn plan"}), encoding="utf-8")
    overrides = load_sidecar(doc)
    assert overrides == load_sidecar(side) == {"basisteam": "De Waarden", "period_start": 2024, "title": "Mijn plan"}
    meta = apply_sidecar(DocumentMeta("Afgeleid", "Tweestromenland", "ivp", 2023, 2026), overrides)
    assert meta == DocumentMeta("Mijn plan", "De Waarden", "ivp", 2024, 2026)


@pytest.mark.parametrize("content, words", [
    ('{"basisteem": "De Waarden"}', "unknown metadata field(s) basisteem"),
    ("{niet: json}", "not valid JSON"),
    ("[1, 2]", "JSON object"),
    ('{"kind": "plan"}', "kind must be one of"),
    ('{"period_start": "2023"}', "must be a year"),
    ('{"date": "20 mei 2025"}', "YYYY-MM-DD"),
])
def test_bad_sidecars_are_refused_with_a_reason(tmp_path, content, words):
    side = tmp_path / "plan.pdf.meta.json"
    side.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError) as info:
        load_sidecar(tmp_path / "plan.pdf")
    assert words in info.value.reason
    assert info.value.path == str(side)


def test_apply_sidecar_checks_its_input():
    with pytest.raises(IngestError):
        apply_sidecar(DocumentMeta("t"), {"colour": "blue"})
