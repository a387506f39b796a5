"""Terminal rendering for `ivp`: results on stdout (`out`), progress and warnings on stderr (`err`), one language
per output (`label`), and `styled`, the one way the CLI puts data into Rich markup."""
from __future__ import annotations

import time

from rich.console import Console
from rich.markup import escape

from kg.answer import carriers

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

LANGS = ("nl", "en")
_lang = "nl"

# Every word the CLI itself prints, in Dutch and English. The data (titles, passages, themes) stays as written.
LABELS: dict[str, tuple[str, str]] = {
    "error": ("fout", "error"), "warning": ("waarschuwing", "warning"),
    "read_as": ("gelezen als", "read as"), "concepts": ("Begrippen", "Concepts"), "passages": ("Passages", "Passages"),
    "priority": ("prioriteit", "priority"), "with": ("met", "with"), "page": ("blz.", "p."),
    "about": ("over dit thema", "on this theme"), "responsible": ("Trekkers", "Responsible"),
    "none_about": ("geen van deze prioriteiten gaat over dit thema", "none of these priorities is on this theme"),
    "no_match": ("geen passende passages of feiten gevonden", "no matching passages or facts found"),
    "no_results": ("geen resultaten", "no results"),
    "ingest_report": ("Verslag van het inlezen", "Ingest report"), "document": ("document", "document"),
    "kind": ("soort", "kind"), "period": ("periode", "period"), "owner": ("eigenaar", "owner"),
    "priorities": ("prioriteiten", "priorities"), "actions": ("acties", "actions"),
    "warnings": ("waarschuwingen", "warnings"), "added": ("toegevoegd", "added"), "updated": ("bijgewerkt", "updated"),
    "unchanged": ("ongewijzigd", "unchanged"), "not_replaced": ("niet vervangen", "not replaced"),
    "near_copies": ("bijna-kopieën", "near-copies"), "failed": ("mislukt", "failed"),
    "encoded": ("teksten gecodeerd (passages en zinnen)", "texts encoded (passages and sentences)"), "read": ("bestanden gelezen", "files read"),
    "encode": ("teksten gecodeerd", "texts encoded"),
    "near_copy": ("bijna-kopie: {} lijkt voor {} op opgeslagen document {}; niet opnieuw ingelezen (verwijder dat "
                  "eerst om het te vervangen)", "near-copy: {} is {} similar to stored document {}; not ingested "
                  "again (remove that one first to replace it)"),
    "conflict": ("niet vervangen: {} is met andere inhoud opgeslagen; gebruik --replace om het te vervangen",
                 "not replaced: {} is stored with other content; run again with --replace to replace it"),
    "removed": ("verwijderd: {}", "removed {}"),
    "reindexed": ("zoekindexen opnieuw gebouwd ({} teksten gecodeerd)", "indexes rebuilt ({} texts encoded)"),
    "documents": ("documenten", "documents"), "triples": ("triples", "triples"),
    "conforms": ("de graaf voldoet aan de shapes ({} triples)", "the graph conforms to its shapes ({} triples)"),
    "serving": ("ivp-kg draait op {}", "ivp-kg serving on {}"),
    "empty_dir": ("lege datamap: het voorbeeldcorpus uit {} wordt ingelezen",
                  "empty data directory: ingesting the sample corpus from {}"),
    "no_actions": ("geen acties gevonden", "no actions found"), "via": ("via", "via"),
    "shared": ("Gedeeld", "Shared"), "only_a": ("Alleen {}", "Only {}"),
    "only_b": ("Alleen {}", "Only {}"), "match_full": ("volledig", "full"), "match_partial": ("gedeeltelijk", "partial"),
    "partners": ("partners", "partners"), "instruments": ("instrumenten", "instruments"),
    "theme": ("thema", "theme"), "partner": ("partner", "partner"), "instrument": ("instrument", "instrument"),
    "basisteam": ("basisteam", "basisteam"), "gemeente": ("gemeente", "gemeente"), "action": ("actie", "action"),
    "person": ("persoon", "person"), "document_kind": ("soort", "kind"), "year": ("jaar", "year"),
    "themes": ("thema's", "themes"), "action_count": ("aantal acties", "action count"), "cycles": ("cycli", "cycles"),
    "cycle": ("cyclus", "cycle"), "summary": ("Samenvatting", "Summary"), "coverage": ("Dekking", "Coverage"),
    "totals": ("Acties in totaal", "Actions in total"), "without_priority": ("Acties zonder prioriteit",
    "Actions without a priority"), "elsewhere": ("elders", "elsewhere"), "missing": ("ontbreekt", "missing"),
    "gaps": ("hiaten", "gaps"), "note": ("toelichting", "note"), "owner_type": ("soort eigenaar", "owner type"),
    "kinds": ("soorten", "kinds"), "periods": ("periodes", "periods"), "title": ("titel", "title"),
    "number": ("nummer", "number"), "side": ("kant", "side"), "row": ("rij", "row"), "status": ("status", "status"),
    "wordings": ("formuleringen", "wordings"), "a_theme": ("thema links", "left theme"),
    "b_theme": ("thema rechts", "right theme"), "id": ("id", "id"),
}


def set_lang(lang: str) -> None:
    """Choose the language of every label; the CLI calls this once per command from the global --lang."""
    global _lang
    if lang not in LANGS:
        raise ValueError(f"onbekende taal {lang!r}; geldig: {', '.join(LANGS)}")
    _lang = lang


def label(key: str) -> str:
    """The word for `key` in the chosen language; a key without a translation is shown as it is."""
    pair = LABELS.get(key)
    return pair[LANGS.index(_lang)] if pair else key


def styled(template: str, *values: object) -> str:
    """Rich markup from a trusted template with `{}` slots and untrusted values, each value escaped.

    Document headings, passages, ids and the user's own arguments may contain text such as `[/dim]` or `[red]`:
    interpolated raw, Rich reads it as a tag, restyles the line or crashes on a closing tag that was never opened.
    Every print in the CLI that shows data goes through here, so no value can be read as markup.
    """
    return template.format(*(escape(str(v)) for v in values))


def say(template: str, *values: object, console: Console | None = None) -> None:
    """One line of result on stdout (or `console`), markup-safe and never re-highlighted."""
    (console or out).print(styled(template, *values), highlight=False)


def warn(message: str) -> None:
    """A warning on stderr, prefixed in the chosen language."""
    err.print(styled("[yellow]{}:[/yellow] {}", label("warning"), message), highlight=False)


class ProgressLines:
    """Progress of a long command on stderr: a Rich bar on a terminal, else a plain line per stage every
    `interval` seconds (and at each stage's start and end), so a redirected or logged run is never silent."""

    def __init__(self, command: str, interval: float = 3.0, console: Console | None = None):
        self.command, self.interval, self.console = command, interval, console or err
        self._bar = None
        self._tasks: dict[str, int] = {}
        self._last: dict[str, float] = {}

    def __enter__(self) -> ProgressLines:
        if self.console.is_terminal:
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                                 TimeRemainingColumn(), console=self.console, transient=True)
            self._bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._bar is not None:
            if stage not in self._tasks:
                self._tasks[stage] = self._bar.add_task(label(stage), total=total)
            self._bar.update(self._tasks[stage], completed=done, total=total)
            return
        now = time.monotonic()
        first = stage not in self._last
        if first or done >= total or now - self._last[stage] >= self.interval:
            self._last[stage] = now
            self.console.print(f"{self.command}: {done}/{total} {label(stage)}", highlight=False, markup=False)


def _cite(src: dict) -> str:
    page = f", {label('page')} {src['page']}" if src.get("page") else ""
    return styled("[dim]{}{}[/dim]", src.get("document") or "", page)


def _said(value: object) -> str | None:
    """What a `message`, `no_match` or `read_as` entry says: a string, a dict's description or message, or nothing."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, dict):
        for key in ("description", "message", "text", "label"):
            if isinstance(value.get(key), str) and value[key]:
                return value[key]
    return None


def print_answer(data: dict) -> None:
    """The grouped answer: how the question was read, concepts, per basisteam priorities and actions, passages."""
    read_as = data.get("read_as")
    if (said := _said(read_as)) is not None:
        prefixed = said.lower().startswith(tuple(f"{w}:" for w in LABELS["read_as"]))
        say("{}", said if prefixed else f"{label('read_as')}: {said}")
    for note in read_as.get("notes") or [] if isinstance(read_as, dict) else []:
        if _said(note):
            say("[yellow]{}[/yellow]", _said(note))
    message = _said(data.get("message"))
    if message is not None:
        say("{}", message)
    elif data.get("no_match"):
        say("[yellow]{}[/yellow]", _said(data["no_match"]) or label("no_match"))
    if data.get("concepts"):
        say("{}: {}", label("concepts"),
            ", ".join(f"{c['label']} ({label(c['type'])})" for c in data["concepts"]))
    for group in data.get("basisteams", []):
        out.rule(styled("[bold]{}[/bold]", group["basisteam"]))
        for key in ("partners", "instruments"):  # "which partners work on drugs?": what the owner links to it
            if group.get(key):
                say("  {}: {}", label(key).capitalize(), ", ".join(x["label"] for x in group[key]))
        if group.get("responsible"):
            say("  {}: {}", label("responsible"), ", ".join(group["responsible"]))
        if not any(group.get(key) for key in ("partners", "instruments", "priorities", "actions")):
            say("  [dim]{}[/dim]", label("no_actions"))  # never an empty group that looks like an answer
        for pr in group["priorities"]:
            about = f" ({label('about')})" if pr.get("about") else ""
            say("  {} {}: {}{}", label("priority"), pr["number"], pr["label"], about)
        if group["priorities"] and all(pr.get("about") is False for pr in group["priorities"]):
            say("  [dim]{}[/dim]", label("none_about"))
        for a in group["actions"]:
            tl = a["timeline"]["text"] or "-"
            marks = [x for x in (a["status"], a.get("report_colour")) if x]
            status = f" [{', '.join(marks)}]" if marks else ""
            owners = f" — {', '.join(carriers(a))}" if carriers(a) else ""
            say("  • {} ({}, {}){}{}", a["title"], a["cycle"] or "", tl, status, owners)
            extra = a["partners"] + a["instruments"]
            if extra:
                say("      {} {}", label("with"), ", ".join(extra))
            out.print(f"      {_cite(a['source'])}", highlight=False)
    if hint := data.get("thesaurus"):  # background the plans do not state, kept apart from their facts
        say("[dim]{}[/dim] {}", hint["note"], ", ".join(x["label"] for x in hint["items"]))
    out.rule(label("passages"))
    print_passages(data.get("passages", []), 300)


def print_passages(passages: list[dict], width: int) -> None:
    """Numbered passages, each with its citation (title, page, section) and its text, all on stdout."""
    if not passages:
        say("{}", label("no_results"))
    for n, r in enumerate(passages, 1):
        page = f", {label('page')} {r['page']}" if r.get("page") else ""
        say("[bold]{}.[/bold] [dim]{}{} — {}[/dim]", n, r["document"]["title"], page, r["section"])
        say("   {}", r["text"].replace("\n", " ")[:width])


def print_ingest_report(documents: list[dict], near_copies: list[dict]) -> None:
    """One row per extracted document (what ingest made of it) and its warnings; near-copies after it."""
    from rich.table import Table
    from rich.text import Text

    if documents:
        table = Table(title=label("ingest_report"), title_justify="left", show_lines=False)
        for key in ("document", "kind", "period", "owner", "priorities", "actions", "passages", "warnings"):
            table.add_column(label(key), overflow="fold")
        for d in documents:
            c = d["counts"]
            table.add_row(Text(d["source"]), Text(d["kind"]), Text(d["period"] or "-"), Text(d["owner"] or "-"),
                          str(c["priorities"]), str(c["actions"]), str(c["passages"]),
                          Text("; ".join(d["warnings"]) or "-", style="yellow" if d["warnings"] else ""))
        out.print(table, width=None if out.is_terminal else max(out.width, 200))  # a file keeps whole rows
    for n in near_copies:
        say("[yellow]{}[/yellow]", label("near_copy").format(n["source"], f"{n['similarity']:.0%}", n["of"]))


def print_compare(data: dict) -> None:
    """Two owners side by side, read generically: every list of rows becomes a section, every other value a
    summary, so keys the comparison gains later are shown rather than dropped."""
    names = {"a": data.get("a"), "b": data.get("b")}
    say("[bold]{}[/bold] ↔ [bold]{}[/bold]", names["a"], names["b"])
    for key, value in data.items():
        if key in ("a", "b"):
            continue
        title = _name(key, names)
        if isinstance(value, list) and all(isinstance(r, dict) for r in value):
            out.rule(styled("{}", title))
            if not value:
                say("  -")
            for row in value:
                _compare_row(row, names)
        elif isinstance(value, dict):
            out.rule(styled("{}", title))
            if not any(value.values()):
                say("  -")
            _tree(value, names, 1)
        else:
            say("{}: {}", title, _brief(value))


def _compare_row(row: dict, names: dict) -> None:
    match = row.get("match")
    head = _brief(row.get("theme", row.get("label", "")))
    say("  • [bold]{}[/bold]{}", head, f" ({label('match_' + match)})" if isinstance(match, str) else "")
    rest = {k: v for k, v in row.items() if k not in ("theme", "label", "match")}
    for side in ("a", "b"):
        if isinstance(rest.get(side), dict):
            say("      {}: {}", names[side], _side(rest.pop(side)))
    _tree(rest, names, 3)


def _name(key: str, names: dict) -> str:
    """The heading of `key`: an owner's name for `a`/`b`, and `only_a`-like labels filled in with that owner."""
    if key in names:
        return str(names[key])
    return label(key).replace("{}", str(names["a"] if key.endswith("_a") else names["b"]))


def _side(side: dict) -> str:
    """One side of a row: its wordings, then the number of each listed kind (actions, partners, ...)."""
    text = "; ".join(side.get("wordings") or [])
    counts = ", ".join(f"{len(v)} {label(k)}" for k, v in side.items() if isinstance(v, list) and k != "wordings")
    return " — ".join(x for x in (text, counts) if x) or "-"


def _tree(value: dict, names: dict, depth: int, most: int = 8) -> None:
    """Nested values as indented lines: labelled lists shortened to `most` names, `a`/`b` shown as the owners."""
    pad = "  " * depth
    for key, v in value.items():
        if v is None or v == [] or v == {}:
            continue
        name = _name(key, names)
        if isinstance(v, dict) and "label" not in v:
            say("{}{}:", pad, name)
            _tree(v, names, depth + 1, most)
        elif isinstance(v, list) and v and all(isinstance(x, dict) and "label" not in x for x in v):
            say("{}{} ({}):", pad, name, len(v))
            for item in v[:most]:
                say("{}  • {}", pad, _brief(item))
        elif isinstance(v, list) and len(v) > most:
            say("{}{} ({}): {}, … +{}", pad, name, len(v), _brief(v[:most]), len(v) - most)
        else:
            say("{}{}: {}", pad, name, _brief(v))


def _brief(value: object) -> str:
    """A short reading of any value: a dict's label or its pairs, a list's items, else the value itself."""
    if isinstance(value, dict):
        if "label" in value:
            return str(value["label"])
        return ", ".join(f"{label(k)} {_brief(v)}" for k, v in value.items() if v not in (None, [], {}))
    if isinstance(value, list):
        return ", ".join(_brief(v) for v in value)
    return str(value)
