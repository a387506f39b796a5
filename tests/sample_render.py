"""The sample corpus re-rendered into other formats for the parity tests, the way an author's own file
would hold it: one paragraph per paragraph, list items as list items, and the plan's action tables as
real tables with header cells (an uitvoeringsplan's "Wat gaan we doen" lists as an "Actie | Wanneer"
table, an evaluation's rows as an "Actie | Wanneer | Resultaat" table), a group subheading as a row
spanning the table. Written as HTML, as DOCX with heading styles, and as PDF with larger bold headings.

The rows of a table come from the text pipeline's own reading of the text (ingest/uvp.py,
ingest/evaluation.py): the renderer restores the table that the PDF text layer flattened, it does not
decide what an action is. The content is the sample's own."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from ingest.clean import clean_lines
from ingest.evaluation import parse_evaluation
from ingest.metadata import infer_meta
from ingest.pages import raw_lines
from ingest.plans import append_line, extract_priorities, priority_sections
from ingest.readers import read_file
from ingest.structure import iter_blocks
from ingest.uvp import _ACTIONS_START, _region, extract_uvp_actions


@dataclass
class TableSpec:
    header: list[str]
    rows: list[list[str] | str] = field(default_factory=list)  # cells, or a group title spanning the row


def blocks(txt: Path) -> list[tuple[str, int, list[str]]]:
    """(kind, heading level or 0, lines) per block of the text file, as the text pipeline sees them."""
    out = []
    for b in iter_blocks(clean_lines(raw_lines(read_file(txt)))):
        level = len(b.section_path) if b.kind == "heading" else 0
        out.append((b.kind, level, b.items or [b.text]))
    return out


def _joined(text: str) -> str:
    out = ""
    for line in text.split("\n"):
        out = append_line(out, line)
    return out


def _rows(header: list[str], actions, cells) -> TableSpec:
    spec = TableSpec(header)
    group = None
    for a in actions:
        if a.group and a.group != group:
            spec.rows.append(a.group)
        group = a.group
        spec.rows.append(cells(a))
    return spec


def _uvp_tables(lines) -> list[TableSpec]:
    """One "Actie | Wanneer" table per action region, in document order."""
    actions = extract_uvp_actions(lines)
    out = []
    for sec in priority_sections(lines):
        if _region(lines, sec) is None:
            continue
        mine = [a for a in actions if a.priority_number == sec.number]
        out.append(_rows(["Actie", "Wanneer"], mine, lambda a: [a.source_text or a.title, a.timeline or ""]))
    return out


def elements(txt: Path) -> list[tuple]:
    """("h", level, text) | ("p", text) | ("ul", items) | ("table", TableSpec), in document order."""
    lines = raw_lines(read_file(txt))
    kind = infer_meta(clean_lines(lines), txt.name).kind
    bl = blocks(txt)
    out: list[tuple] = []
    region_level: int | None = None  # inside a region that a table replaces: skip until a heading this high
    uvp = _uvp_tables(lines) if kind == "uvp" else []
    ev = parse_evaluation(lines) if kind == "evaluation" else None
    ev_start = " ".join(lines[ev.span[0]].text.split()) if ev and ev.actions else None
    labels = [p.label for p in extract_priorities(lines, kind)] if kind in ("ivp", "uvp", "council_note") else []
    for k, (kind_, level, items) in enumerate(bl):
        if kind_ == "paragraph" and k and bl[k - 1][0] == "heading" and out and out[-1][0] == "h" \
                and _continues_label(out[-1][2], items[0], labels):
            out[-1] = ("h", out[-1][1], f"{out[-1][2]} {items[0]}")  # a heading wrapped onto a second line
            continue
        if region_level is not None:
            if kind_ != "heading" or level > region_level:
                continue
            region_level = None
        if kind_ == "heading":
            out.append(("h", level, items[0]))
            if uvp and _ACTIONS_START.match(items[0]):
                out.append(("table", uvp.pop(0)))
                region_level = level
            elif ev_start is not None and items[0] == ev_start:
                out.extend(_evaluation(ev, level))
                region_level, ev_start = level, None
        elif kind_ == "list":
            out.append(("ul", [i.removeprefix("- ") for i in items]))
        else:
            out.extend(("p", _joined(i)) for i in items)
    return out


def _continues_label(heading: str, line: str, labels: list[str]) -> bool:
    """Is `line` the rest of a priority heading the text reader read over two lines?"""
    whole = " ".join(f"{heading} {line}".split())
    return "\n" not in line and any(lab not in heading and whole.endswith(lab) for lab in labels)


def _evaluation(ev, level: int) -> list[tuple]:
    out: list[tuple] = []
    headers = dict(ev.header_texts)
    for p in sorted(ev.priorities, key=lambda p: p.number):
        head, *rest = headers.get(p.number, p.label).split("\n")
        out.append(("h", level + 1, head))
        out.extend(("p", r) for r in rest if r.strip())
        mine = [a for a in ev.actions if a.priority_number == p.number]
        out.append(("table", _rows(["Actie", "Wanneer", "Resultaat"], mine,
                                   lambda a: [a.title, a.timeline or "", a.result or ""])))
    return out


def _cell_paragraphs(text: str) -> list[str]:
    return [t for t in text.split("\n") if t.strip()] or [""]


def to_html(txt: Path, path: Path) -> Path:
    parts = []
    for el in elements(txt):
        if el[0] == "h":
            parts.append(f"<h{min(el[1], 6)}>{html.escape(el[2])}</h{min(el[1], 6)}>")
        elif el[0] == "ul":
            parts.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in el[1]) + "</ul>")
        elif el[0] == "p":
            parts.append(f"<p>{html.escape(el[1])}</p>")
        else:
            spec: TableSpec = el[1]
            rows = ["<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in spec.header) + "</tr></thead>"]
            for r in spec.rows:
                if isinstance(r, str):
                    rows.append(f'<tr><td colspan="{len(spec.header)}">{html.escape(r)}</td></tr>')
                else:
                    rows.append("<tr>" + "".join(
                        "<td>" + "".join(f"<p>{html.escape(p)}</p>" for p in _cell_paragraphs(c)) + "</td>"
                        for c in r) + "</tr>")
            parts.append("<table>" + "".join(rows) + "</table>")
    path.write_text("<html><body><main>" + "\n".join(parts) + "</main></body></html>", encoding="utf-8")
    return path


def to_docx(txt: Path, path: Path) -> Path:
    import docx
    from docx.oxml import OxmlElement

    d = docx.Document()
    for el in elements(txt):
        if el[0] == "h":
            d.add_heading(el[2], level=min(el[1], 9))
        elif el[0] == "ul":
            for i in el[1]:
                d.add_paragraph(i, style="List Bullet")
        elif el[0] == "p":
            d.add_paragraph(el[1])
        else:
            spec: TableSpec = el[1]
            t = d.add_table(rows=1, cols=len(spec.header))
            t.style = "Table Grid"
            head = t.rows[0]
            head._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            for cell, h in zip(head.cells, spec.header):
                cell.text = ""
                cell.paragraphs[0].add_run(h).bold = True
            for r in spec.rows:
                row = t.add_row()
                if isinstance(r, str):
                    merged = row.cells[0].merge(row.cells[-1])
                    merged.text = r
                    continue
                for cell, text in zip(row.cells, r):
                    paras = _cell_paragraphs(text)
                    cell.text = paras[0]
                    for p in paras[1:]:
                        cell.add_paragraph(p)
    d.save(path)
    return path


def to_pdf(txt: Path, path: Path) -> Path:
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story = []
    level = 1
    for el in elements(txt):
        if el[0] == "h":
            level = el[1]
            story.append(Paragraph(html.escape(el[2]), styles[f"Heading{min(el[1], 4)}"]))
        elif el[0] == "ul":
            story.extend(Paragraph(html.escape(i), styles["Normal"], bulletText="•") for i in el[1])
        elif el[0] == "p":
            story.append(Paragraph(html.escape(el[1]), styles["Normal"]))
        else:
            # a group title as a subheading over its own table: a spanned row reads back from a PDF as a
            # row with one filled cell, which is not told apart from an action without a when
            spec: TableSpec = el[1]
            chunks: list[tuple[str | None, list[list[str]]]] = [(None, [])]
            for r in spec.rows:
                if isinstance(r, str):
                    chunks.append((r, []))
                else:
                    chunks[-1][1].append(r)
            for group, rows in chunks:
                if group:
                    story.append(Paragraph(html.escape(group), styles[f"Heading{min(level + 1, 4)}"]))
                if rows:
                    story.append(_pdf_table(spec.header, rows, styles))
    SimpleDocTemplate(str(path)).build(story)
    return path


def _pdf_table(header: list[str], rows: list[list[str]], styles):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    data = [[Paragraph(f"<b>{html.escape(h)}</b>", styles["Normal"]) for h in header]]
    data += [[Paragraph("<br/>".join(html.escape(p) for p in _cell_paragraphs(c)), styles["Normal"]) for c in r]
             for r in rows]
    widths = [300, 170] if len(header) == 2 else [170, 90, 210]
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    return Table(data, colWidths=widths, repeatRows=1, style=style)
