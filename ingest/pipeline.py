"""One file in, one document's facts and passages out. Knows nothing of storage or search."""
from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from ontology.labels import LabelIndex
from ontology.vocab import slug

from .chunk import make_passages, passage_id
from .clean import clean_lines, running_lines
from .evaluation import EvaluationParse, parse_evaluation
from .extract import Extraction, choose, extract
from .layout import build_layout
from .legend import apply_legend, read_legend
from .link import link_document
from .metadata import apply_sidecar, infer_meta, load_sidecar
from .model import Action, DocumentMeta, ExtractedDocument, IngestError, Line, Passage, Priority
from .pages import raw_lines
from .plans import extract_priorities
from .readers import SUPPORTED, read_file
from .symbol_legend import apply_symbols, read_symbol_legend
from .timeline import sentence_timeline
from .uvp import extract_uvp_actions



def doc_id_for(path: Path | str) -> str:
    """Stable across re-ingests of the same file name, so a changed file replaces its own facts.

    A readable slug of the stem plus a short hash of the exact name (extension and case included, Unicode
    normalised): `x.txt` and `x.TXT`, `report.pdf` and `report.txt`, and names that slug to nothing
    (`план.txt`, `安全计划.txt`) get different ids instead of silently replacing each other.
    """
    name = unicodedata.normalize("NFC", Path(path).name)
    stem = Path(name).stem
    readable = slug(stem)[:60].strip("-") if any(c.isascii() and c.isalnum() for c in stem) else "document"
    digest = hashlib.blake2s(name.encode("utf-8"), digest_size=4).hexdigest()
    return f"{readable}-{digest}"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """Files named directly, and supported files inside named folders (sidecars skipped)."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED)
        else:
            yield p


def extract_file(path: Path, index: LabelIndex | None = None, sha256: str | None = None) -> ExtractedDocument:
    path = Path(path)
    raw = read_file(path)
    lines = raw_lines(raw)
    cleaned = clean_lines(lines)
    if not any(line.text.strip() for line in cleaned):
        raise IngestError(path, "no text found")
    meta = infer_meta(cleaned, path.name, raw.furniture + running_lines(lines), raw.title)
    sidecar = path.with_name(path.name + ".meta.json")
    if sidecar.exists():
        meta = apply_sidecar(meta, load_sidecar(sidecar))

    doc_id = doc_id_for(path)
    doc = ExtractedDocument(doc_id, path.name, sha256 or file_sha256(path), raw.fmt, meta)
    found = _layout_facts(path, meta)
    ev = parse_evaluation(lines) if meta.kind == "evaluation" else None
    doc.notes += found.notes
    for fact, theirs in zip(("priorities", "actions"), _line_facts(lines, meta.kind, ev)):
        _keep(doc, fact, found, theirs)
    apply_legend(doc.actions, read_legend(line.text for line in cleaned))
    apply_symbols(doc.actions, read_symbol_legend(line.text for line in cleaned))
    _date_from_sentences(doc, meta.period_start)
    cited: list[tuple] = []
    if ev is not None and ev.actions and doc.actions is ev.actions:
        start, end = ev.span
        rows, cited = _evaluation_passages(doc_id, ev)
        passages = make_passages(doc_id, clean_lines(lines[:start])) + rows
        passages += make_passages(doc_id, clean_lines(lines[end:]))
    else:
        passages = make_passages(doc_id, cleaned)
    doc.passages = renumber(doc_id, passages)
    for action, passage in cited:
        action.passage_id = passage.id
    link_document(doc, index)
    return doc


def _layout_facts(path: Path, meta: DocumentMeta) -> Extraction:
    """What the extractor registered for the kind reads from the layout (ingest/extract); a file whose
    layout cannot be built still has the line readers, and the reason is noted."""
    try:
        layout = build_layout(path)
    except IngestError as e:
        return Extraction(notes=[f"layout not read ({e.reason}): only the line readers were used"])
    except Exception as e:  # noqa: BLE001 - the text was read; a second reader's failure must not lose it
        return Extraction(notes=[f"layout not read ({type(e).__name__}): only the line readers were used"])
    return extract(layout, meta)


def _keep(doc: ExtractedDocument, fact: str, found: Extraction, theirs: list) -> None:
    """One fact type's result, the layout extractor's or the line reader's (ingest/extract/choose.py), with
    the layout extractor's notes on that fact where its result is the one kept."""
    choice = choose(fact, getattr(found, fact), theirs, found.via.get(fact), doc.fmt)
    setattr(doc, fact, choice.items)
    if choice.source != "lines":
        doc.notes += found.fact_notes.get(fact, [])
    if choice.note:
        doc.notes.append(choice.note)


def _date_from_sentences(doc: ExtractedDocument, first_year: int | None) -> None:
    """Actions that no when-column or label dates get the when their own sentence names ("In het tweede
    kwartaal van 2026 ..."), so the deadline views reach plans written as prose; the note says how many."""
    dated = 0
    for a in doc.actions:
        if not a.timeline:
            a.timeline = sentence_timeline(a.title, first_year)
            dated += a.timeline is not None
    if dated:
        doc.notes.append(f"{dated} action(s) dated from a date in their own sentence (no when-column or label)")


def _line_facts(lines: list[Line], kind: str, ev: EvaluationParse | None) -> tuple[list[Priority], list[Action]]:
    """The line readers' priorities and actions: the fallback for flattened text (ingest/extract/choose.py)."""
    if ev is not None:
        return ev.priorities, ev.actions
    priorities = extract_priorities(lines, kind) if kind in ("ivp", "uvp", "council_note") else []
    return priorities, extract_uvp_actions(lines) if kind == "uvp" else []


def _evaluation_passages(doc_id: str, ev) -> tuple[list[Passage], list[tuple]]:
    """The evaluation's table rows put back together: one passage per action, one per ambition header."""
    out: list[Passage] = []
    cited = []
    by_number = {p.number: p for p in ev.priorities}
    headers = dict(ev.header_texts)
    done: set[int] = set()
    for a in ev.actions:
        if a.priority_number is not None and a.priority_number not in done and a.priority_number in headers:
            pr = by_number.get(a.priority_number)
            path = a.section_path[:-1] if a.group and a.section_path and a.section_path[-1] == a.group else a.section_path
            out.append(Passage("", doc_id, headers[a.priority_number], tuple(path), pr.page if pr else a.page, "paragraph"))
            done.add(a.priority_number)
        p = Passage("", doc_id, a.source_text or a.title, tuple(a.section_path), a.page, "action")
        out.append(p)
        cited.append((a, p))
    return out, cited


def renumber(doc_id: str, passages: list[Passage]) -> list[Passage]:
    """Give passages (in place) their document order and stable content-based ids."""
    for n, p in enumerate(passages, 1):
        p.id, p.doc_id, p.ordinal = passage_id(doc_id, n, p.text), doc_id, n
    return passages


def read_lines(path: Path) -> list[Line]:
    """Cleaned lines of a file, for tools that want the text without the extraction."""
    return clean_lines(raw_lines(read_file(path)))
