"""Format parity of the sample corpus: priorities and actions found in the text and in the same plan
rendered as HTML, DOCX and PDF (tests/sample_render.py), with actions whose title the text does not have.

Run from the repository root: .venv/bin/python -m bench.parity
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from ingest.pipeline import extract_file
from tests.sample_render import to_docx, to_html, to_pdf

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    out = Path(tempfile.mkdtemp(prefix="ivp-parity-"))
    print("doc | txt P/A | html P/A (invented) | docx P/A (invented) | pdf P/A (invented)")
    for txt in sorted((ROOT / "corpus").glob("*.txt")):
        base = extract_file(txt)
        titles = {a.title for a in base.actions}
        cells = [txt.name[:3], f"{len(base.priorities)}/{len(base.actions)}"]
        for ext, render in (("html", to_html), ("docx", to_docx), ("pdf", to_pdf)):
            doc = extract_file(render(txt, out / f"{txt.stem}.{ext}"))
            invented = sum(a.title not in titles for a in doc.actions)
            cells.append(f"{len(doc.priorities)}/{len(doc.actions)} ({invented})")
        print(" | ".join(cells))


if __name__ == "__main__":
    main()
