"""`ivp`: ingest plans, inspect the graph, search and ask, serve the web app."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from kg.state import StateError
from kg.store import StoreError
from search.encoders import EncoderError
from search.contract import FilterError
from search.engine import IndexMissing, QueryError

from .render import styled
from kg.settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
err = Console(stderr=True)
DataDir = typer.Option(None, "--data-dir", help="data directory (default: $IVP_DATA_DIR or ~/.local/share/ivp-kg)")
AsJson = typer.Option(False, "--json", help="machine-readable output")


def _workspace(data_dir: Optional[Path]):
    from kg.workspace import Workspace

    settings = Settings()
    if data_dir is not None:
        settings.data_dir = Path(data_dir).expanduser()
    return Workspace(settings)


def _fail(message: str, code: int = 1) -> None:
    err.print(styled("[red]error:[/red] {}", message), highlight=False)
    raise typer.Exit(code)


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command()
def ingest(paths: list[Path] = typer.Argument(..., help="files or folders (.txt .md .pdf .docx)"),
           data_dir: Optional[Path] = DataDir, as_json: bool = AsJson,
           replace: bool = typer.Option(False, "--replace", help="let changed files replace the stored document "
                                                                  "of the same name (otherwise they are refused)")) -> None:
    """Ingest documents; unchanged files are skipped, changed ones replace their own facts with --replace."""
    ws = _workspace(data_dir)
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeRemainingColumn(), console=err, transient=True, disable=as_json) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task({"read": "reading", "encode": "encoding passages"}.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        try:
            report = ws.ingest(paths, progress, replace=replace)
        except (StateError, StoreError, EncoderError) as exc:
            _fail(str(exc))
    for line in report.errors:
        err.print(styled("[red]error:[/red] {}", line), highlight=False)
    for doc_id in report.conflicts:
        err.print(styled("[yellow]not replaced:[/yellow] {} is stored with other content; "
                         "run again with --replace to replace it", doc_id), highlight=False)
    if as_json:
        _print_json(report.__dict__)
    else:
        from .render import print_ingest_report

        print_ingest_report(report.documents, report.near_copies)
        err.print(f"added {len(report.added)}, updated {len(report.updated)}, unchanged {len(report.unchanged)}, "
                  f"not replaced {len(report.conflicts)}, near-copies {len(report.near_copies)}, "
                  f"failed {len(report.errors)}; {report.encoded} passages encoded", highlight=False)
    if report.errors or report.conflicts:
        raise typer.Exit(1)


@app.command()
def remove(doc: str = typer.Argument(..., help="document id (see `ivp stats` / `ivp documents`)"),
           data_dir: Optional[Path] = DataDir) -> None:
    """Remove a document and exactly its facts and passages."""
    ws = _workspace(data_dir)
    try:
        ws.remove(doc)
    except KeyError:
        known = ", ".join(sorted(ws.manifest().get("documents", {}))) if not ws.is_empty() else "none"
        _fail(f"unknown document {doc!r}; known: {known}")
    except (StateError, StoreError) as exc:
        _fail(str(exc))
    err.print(styled("removed {}", doc))


@app.command()
def reindex(data_dir: Optional[Path] = DataDir) -> None:
    """Rebuild the search indexes from the stored passages (after a corrupt or missing index)."""
    try:
        n = _workspace(data_dir).reindex()
    except (StateError, StoreError) as exc:
        _fail(str(exc))
    err.print(styled("indexes rebuilt ({} passages encoded)", n))


@app.command()
def documents(data_dir: Optional[Path] = DataDir) -> None:
    """List the ingested documents."""
    _print_json({d.pop("id"): d for d in _workspace(data_dir).documents()})


@app.command()
def stats(data_dir: Optional[Path] = DataDir, as_json: bool = AsJson) -> None:
    """Counts of documents, passages, triples and entities per type."""
    try:
        data = _workspace(data_dir).stats()
    except (StateError, StoreError) as exc:
        _fail(str(exc))
    if as_json:
        _print_json(data)
        return
    err.print(styled("documents {}  passages {}  triples {}", data["documents"], data["passages"], data["triples"]))
    err.print(styled("{}", "  ".join(f"{k} {v}" for k, v in data["entities"].items())))


@app.command()
def entity(name: str, depth: int = typer.Option(1, "--depth", min=1, max=2), type: Optional[str] = None,
           data_dir: Optional[Path] = DataDir, as_json: bool = AsJson) -> None:
    """An entity (matched on labels, acronyms, alternative labels) and its neighbours."""
    ws = _workspace(data_dir)
    try:
        matches = ws.find(name, type)
        if not matches:
            _fail(f"no entity matches {name!r}")
        data = ws.entity(matches[0]["id"], depth)
    except (StateError, StoreError) as exc:
        _fail(str(exc))
    if as_json:
        _print_json(data)
        return
    err.print(styled("[bold]{}[/bold] ({}, {})", data["label"], data["type"], data["id"]))
    for n in data["neighbors"]:
        via = f" via {n['via']['label']}" if n["via"] else ""
        err.print(styled("  {}{} -> {} ({}){}", "  " * (n["depth"] - 1), n["relation"], n["label"], n["type"], via),
                  highlight=False)


@app.command()
def export(format: str = typer.Option("turtle", "--format", help="turtle | jsonld | graphml | trig | nquads"),
           output: Optional[Path] = typer.Option(None, "--output", "-o"), data_dir: Optional[Path] = DataDir) -> None:
    """Export the whole graph."""
    try:
        data = _workspace(data_dir).export(format)
    except (FilterError, StateError, StoreError) as exc:
        _fail(str(exc))
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


def _filters(ws, basisteam, document, kind, theme, year):
    return ws.filters(basisteam=basisteam, document=document, kind=kind, theme=theme, year=year)


@app.command()
def search(query: str, k: int = typer.Option(10, "--k"), basisteam: Optional[str] = None,
           document: Optional[str] = None, kind: Optional[str] = None, theme: Optional[str] = None,
           year: Optional[int] = None, data_dir: Optional[Path] = DataDir, as_json: bool = AsJson) -> None:
    """Hybrid search over the passages, with citations."""
    ws = _workspace(data_dir)
    try:
        data = ws.search_json(query, k, _filters(ws, basisteam, document, kind, theme, year))
    except (QueryError, FilterError, IndexMissing, StateError, StoreError, EncoderError) as exc:
        _fail(str(exc), 2 if isinstance(exc, (QueryError, FilterError)) else 1)
    if as_json:
        _print_json(data)
        return
    for n, r in enumerate(data["results"], 1):
        cite = f"{r['document']['title']}" + (f", p. {r['page']}" if r["page"] else "") + f" — {r['section']}"
        err.print(styled("[bold]{}.[/bold] [dim]{}[/dim]", n, cite), highlight=False)
        sys.stdout.write("   " + r["text"].replace("\n", " ")[:400] + "\n")


@app.command()
def ask(question: str, basisteam: Optional[str] = None, data_dir: Optional[Path] = DataDir,
        as_json: bool = AsJson) -> None:
    """A grouped, cited answer: per basisteam the actions on the concepts asked about, then passages."""
    ws = _workspace(data_dir)
    try:
        data = ws.answer(question, _filters(ws, basisteam, None, None, None, None))
    except (QueryError, FilterError, IndexMissing, StateError, StoreError, EncoderError) as exc:
        _fail(str(exc), 2 if isinstance(exc, (QueryError, FilterError)) else 1)
    if as_json:
        _print_json(data)
        return
    from .render import print_answer

    print_answer(data)


@app.command("eval")
def evaluate(queries: Path, k: int = typer.Option(10, "--k"), data_dir: Optional[Path] = DataDir,
             as_json: bool = AsJson) -> None:
    """Recall@1/5/10, MRR@10 and nDCG@10 of a query set with gold snippets (JSONL)."""
    from search.evaluate import evaluate_file, format_report

    ws = _workspace(data_dir)
    try:
        report = evaluate_file(ws.engine(), queries, k)
    except (IndexMissing, StateError, StoreError, OSError, ValueError) as exc:
        _fail(str(exc))
    if as_json:
        _print_json(report)
    else:
        sys.stdout.write(format_report(report) + "\n")


@app.command()
def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 1, data_dir: Optional[Path] = DataDir) -> None:
    """Start the web app and API; ingests the bundled sample corpus first if the data directory is empty."""
    import os

    import uvicorn

    ws = _workspace(data_dir)
    if ws.is_empty():
        err.print(styled("empty data directory: ingesting the sample corpus from {}", ws.settings.sample_corpus))
        ws.ingest([ws.settings.sample_corpus])
    os.environ["IVP_DATA_DIR"] = str(ws.data_dir)
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers, log_level="info")


@app.command()
def actions(basisteam: Optional[str] = None, theme: Optional[str] = None, status: Optional[str] = None,
            cycle: Optional[str] = None, due_before: Optional[str] = typer.Option(None, "--due-before"),
            data_dir: Optional[Path] = DataDir, as_json: bool = AsJson) -> None:
    """Actions across plan cycles with timeline, derived status and lineage."""
    try:
        found = _workspace(data_dir).find_actions(basisteam, theme, status, cycle, due_before)
    except FilterError as exc:
        _fail(str(exc), 2)
    except (StateError, StoreError) as exc:
        _fail(str(exc))
    if as_json:
        _print_json({"actions": found})
        return
    for a in found:
        tl = a["timeline"]["text"] or "-"
        status_txt = f" [{a['status']}]" if a["status"] else ""
        follow = f" -> {', '.join(f['id'] for f in a['follow_ups'])}" if a["follow_ups"] else ""
        sys.stdout.write(f"{a['id']}  {a['basisteam']} {a['cycle']}  {a['title'][:70]} ({tl}){status_txt}{follow}\n")


@app.command()
def validate(data_dir: Optional[Path] = DataDir) -> None:
    """Check the graph against the ontology's SHACL shapes."""
    from pyshacl import validate as shacl

    from ontology.labels import shapes_graph

    try:
        data = _workspace(data_dir).store().union_graph()
    except (StateError, StoreError) as exc:
        _fail(str(exc))
    conforms, _, text = shacl(data, shacl_graph=shapes_graph(), inference="none", advanced=True)
    if conforms:
        err.print(styled("the graph conforms to its shapes ({} triples)", len(data)))
        return
    sys.stdout.write(text + "\n")
    raise typer.Exit(1)
