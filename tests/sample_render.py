"""The sample corpus re-rendered into other formats for the parity tests: the same blocks (headings as
detected in the text, paragraphs, list items) written as HTML, as DOCX with heading styles, and as PDF
with larger bold headings. Written for these tests; the content is the sample's own."""
from __future__ import annotations

import html
from pathlib import Path

from ingest.clean import clean_lines
from ingest.pages import raw_lines
from ingest.readers import read_file
from ingest.structure import iter_blocks


def blocks(txt: Path) -> list[tuple[str, int, list[str]]]:
    """(kind, heading level or 0, lines) per block of the text file, as the text pipeline sees them."""
    out = []
    for b in iter_blocks(clean_lines(raw_lines(read_file(txt)))):
        level = len(b.section_path) if b.kind == "heading" else 0
        out.append((b.kind, level, b.items or [b.text]))
    return out


def to_html(txt: Path, path: Path) -> Path:
    parts = []
    for kind, level, items in blocks(txt):
        if kind == "heading":
            parts.append(f"<h{min(level, 6)}>{html.escape(items[0])}</h{min(level, 6)}>")
        elif kind == "list":
            parts.append("<ul>" + "".join(f"<li>{html.escape(i.removeprefix('- '))}</li>" for i in items) + "</ul>")
        else:
            parts.extend(f"<p>{html.escape(i)}</p>" for i in items)
    path.write_text("<html><body><main>" + "\n".join(parts) + "</main></body></html>", encoding="utf-8")
    return path


def to_docx(txt: Path, path: Path) -> Path:
    import docx

    d = docx.Document()
    for kind, level, items in blocks(txt):
        if kind == "heading":
            d.add_heading(items[0], level=min(level, 9))
        elif kind == "list":
            for i in items:
                d.add_paragraph(i.removeprefix("- "), style="List Bullet")
        else:
            for i in items:
                d.add_paragraph(i)
    d.save(path)
    return path


def to_pdf(txt: Path, path: Path) -> Path:
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story = []
    for kind, level, items in blocks(txt):
        if kind == "heading":
            story.append(Paragraph(html.escape(items[0]), styles[f"Heading{min(level, 4)}"]))
        else:
            story.extend(Paragraph(html.escape(i), styles["Normal"]) for i in items)
    SimpleDocTemplate(str(path)).build(story)
    return path
