"""Terminal rendering of a grouped answer, and `styled`, the one way the CLI puts data into Rich markup."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape

out = Console()


def styled(template: str, *values: object) -> str:
    """Rich markup from a trusted template with `{}` slots and untrusted values, each value escaped.

    Document headings, passages, ids and the user's own arguments may contain text such as `[/dim]` or `[red]`:
    interpolated raw, Rich reads it as a tag, restyles the line or crashes on a closing tag that was never opened.
    Every print in the CLI that shows data goes through here, so no value can be read as markup.
    """
    return template.format(*(escape(str(v)) for v in values))


def _cite(src: dict) -> str:
    page = f", p. {src['page']}" if src.get("page") else ""
    return styled("[dim]{}{}[/dim]", src.get("document") or "", page)


def print_answer(data: dict) -> None:
    if data["concepts"]:
        out.print(styled("Concepts: {}", ", ".join(f"{c['label']} ({c['type']})" for c in data["concepts"])),
                  highlight=False)
    for group in data["basisteams"]:
        out.rule(styled("[bold]{}[/bold]", group["basisteam"]))
        for pr in group["priorities"]:
            out.print(styled("  priority {}: {}", pr["number"], pr["label"]), highlight=False)
        for a in group["actions"]:
            tl = a["timeline"]["text"] or "-"
            status = f" [{a['status']}]" if a["status"] else ""
            owners = f" — {', '.join(a['owners'])}" if a["owners"] else ""
            out.print(styled("  • {} ({}, {}){}{}", a["title"], a["cycle"] or "", tl, status, owners), highlight=False)
            extra = a["partners"] + a["instruments"]
            if extra:
                out.print(styled("      with {}", ", ".join(extra)), highlight=False)
            out.print(f"      {_cite(a['source'])}", highlight=False)
    out.rule("Passages")
    for n, r in enumerate(data["passages"], 1):
        page = f", p. {r['page']}" if r["page"] else ""
        out.print(styled("{}. [dim]{}{} — {}[/dim]", n, r["document"]["title"], page, r["section"]), highlight=False)
        out.print(styled("   {}", r["text"].replace("\n", " ")[:300]), highlight=False)


def print_ingest_report(documents: list[dict], near_copies: list[dict]) -> None:
    """One row per extracted document (what ingest made of it) and its warnings; near-copies after it."""
    from rich.table import Table
    from rich.text import Text

    if documents:
        table = Table(title="Ingest report", title_justify="left", show_lines=False)
        for name in ("document", "kind", "period", "owner", "priorities", "actions", "passages", "warnings"):
            table.add_column(name, overflow="fold")
        for d in documents:
            c = d["counts"]
            table.add_row(Text(d["source"]), Text(d["kind"]), Text(d["period"] or "-"), Text(d["owner"] or "-"),
                          str(c["priorities"]), str(c["actions"]), str(c["passages"]),
                          Text("; ".join(d["warnings"]) or "-", style="yellow" if d["warnings"] else ""))
        out.print(table)
    for n in near_copies:
        out.print(styled("[yellow]near-copy:[/yellow] {} is {} similar to stored document {}; not ingested again "
                         "(remove that one first to replace it)", n["source"], f"{n['similarity']:.0%}", n["of"]),
                  highlight=False)
