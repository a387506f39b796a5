"""Format parity on the sample corpus: the same plan as HTML, DOCX (heading styles, real tables) and PDF yields
the same priorities and actions as its text (`python -m bench.parity` prints the figures)."""
from pathlib import Path

import pytest

from ingest.pipeline import extract_file
from tests.sample_render import to_docx, to_html, to_pdf

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SAMPLES = sorted(CORPUS.glob("*.txt"))


@pytest.mark.parametrize("render", [to_html, to_docx, to_pdf], ids=["html", "docx", "pdf"])
@pytest.mark.parametrize("txt", SAMPLES, ids=[s.name[:3] for s in SAMPLES])
def test_priorities_are_the_same_in_every_format(txt: Path, render, tmp_path: Path):
    base = extract_file(txt)
    other = extract_file(render(txt, tmp_path / (txt.stem + "." + render.__name__[3:])))
    assert other.meta.kind == base.meta.kind and other.meta.basisteam == base.meta.basisteam
    assert [p.label for p in other.priorities] == [p.label for p in base.priorities]


@pytest.mark.parametrize("render", [to_html, to_docx, to_pdf], ids=["html", "docx", "pdf"])
@pytest.mark.parametrize("txt", SAMPLES, ids=[s.name[:3] for s in SAMPLES])
def test_actions_are_the_same_in_every_format(txt: Path, render, tmp_path: Path):
    """Every count within 2% of the text's, and no action whose title the text does not have."""
    base = extract_file(txt)
    other = extract_file(render(txt, tmp_path / (txt.stem + "." + render.__name__[3:])))
    assert abs(len(other.actions) - len(base.actions)) <= 0.02 * len(base.actions)
    titles = {a.title for a in base.actions}
    assert [a.title for a in other.actions if a.title not in titles] == []
    assert {a.priority_number for a in other.actions} == {a.priority_number for a in base.actions}
