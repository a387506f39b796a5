"""Format parity on the sample corpus: the same plan as HTML, DOCX (heading styles) and PDF yields the same
priorities as its text. (Action parity is measured, not yet met: `python -m bench.parity`.)"""
from pathlib import Path

import pytest

from ingest.pipeline import extract_file
from tests.sample_render import to_docx, to_html, to_pdf

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SAMPLES = sorted(CORPUS.glob("*.txt"))


PDF_GAP = pytest.mark.xfail(strict=True, reason="in 001/002 as PDF the layout reader's priorities win over the text "
                                               "reader's and differ (a prose sentence; a shortened label)")


@pytest.mark.parametrize("render", [to_html, to_docx, to_pdf], ids=["html", "docx", "pdf"])
@pytest.mark.parametrize("txt", SAMPLES, ids=[s.name[:3] for s in SAMPLES])
def test_priorities_are_the_same_in_every_format(txt: Path, render, tmp_path: Path, request):
    if render is to_pdf and txt.name[:3] in ("001", "002"):
        request.applymarker(PDF_GAP)
    base = extract_file(txt)
    other = extract_file(render(txt, tmp_path / (txt.stem + "." + render.__name__[3:])))
    assert other.meta.kind == base.meta.kind and other.meta.basisteam == base.meta.basisteam
    assert [p.label for p in other.priorities] == [p.label for p in base.priorities]
