"""No body text is lost: per document, the share of the layout's non-boilerplate words that reach a passage
(its text or its section path, which is indexed with it) is at least 0.98."""
from collections import Counter
from pathlib import Path

import pytest

from ingest.layout import build_layout
from ingest.layout.coverage import layout_tokens, tokens
from ingest.pipeline import extract_file

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted([*(ROOT / "corpus").glob("*.txt"), *(ROOT / "tests/fixtures/extract").glob("*.*"),
               *(ROOT / "tests/fixtures/layout").glob("*.*")])
DOCS = [d for d in DOCS if d.suffix in (".txt", ".md", ".html", ".docx", ".pdf")]


def passage_share(path: Path) -> float:
    """Word characters of the layout (boilerplate and TOC already set apart) that some passage holds."""
    want = layout_tokens(build_layout(path))
    got: Counter[str] = Counter()
    for p in extract_file(path).passages:
        got += tokens(p.text + " " + " ".join(p.section_path))
    total = sum(len(w) * c for w, c in want.items())
    return sum(len(w) * min(c, got[w]) for w, c in want.items()) / total


@pytest.mark.parametrize("path", DOCS, ids=[d.name for d in DOCS])
def test_body_text_reaches_the_passages(path: Path):
    assert passage_share(path) >= 0.98


def test_a_plan_of_headed_items_keeps_its_headings(tmp_path: Path):
    """A jaarplan that is mostly a list of headed items, some with nothing under them."""
    items = "\n\n".join(f"### {name}\n\n{body}" if body else f"### {name}"
                        for name, body in [("Buurtpreventie", ""), ("Cameratoezicht centrum", ""),
                                           ("Hennepteelt in woningen", "Samen met de woningcorporatie."),
                                           ("Zorgmijders", ""), ("Jeugdoverlast parken", "")])
    f = tmp_path / "jaarplan.md"
    f.write_text(f"# Jaarplan Veiligheid Lindehoven 2026\n\n## Projecten\n\n{items}\n", encoding="utf-8")
    assert passage_share(f) >= 0.98
    texts = " ".join(p.text for p in extract_file(f).passages)
    assert "Buurtpreventie" in texts and "Zorgmijders" in texts and "Jeugdoverlast parken" in texts
