"""Terminal rendering of a grouped answer."""
from __future__ import annotations

from rich.console import Console

out = Console()


def _cite(src: dict) -> str:
    page = f", p. {src['page']}" if src.get("page") else ""
    return f"[dim]{src.get('document') or ''}{page}[/dim]"


def print_answer(data: dict) -> None:
    if data["concepts"]:
        out.print("Concepts: " + ", ".join(f"{c['label']} ({c['type']})" for c in data["concepts"]), highlight=False)
    for group in data["basisteams"]:
        out.rule(f"[bold]{group['basisteam']}[/bold]")
        for pr in group["priorities"]:
            out.print(f"  priority {pr['number']}: {pr['label']}", highlight=False)
        for a in group["actions"]:
            tl = a["timeline"]["text"] or "-"
            status = f" [{a['status']}]" if a["status"] else ""
            owners = f" — {', '.join(a['owners'])}" if a["owners"] else ""
            out.print(f"  • {a['title']} ({a['cycle'] or ''}, {tl}){status}{owners}", highlight=False)
            extra = a["partners"] + a["instruments"]
            if extra:
                out.print(f"      with {', '.join(extra)}", highlight=False)
            out.print(f"      {_cite(a['source'])}", highlight=False)
    out.rule("Passages")
    for n, r in enumerate(data["passages"], 1):
        page = f", p. {r['page']}" if r["page"] else ""
        out.print(f"{n}. [dim]{r['document']['title']}{page} — {r['section']}[/dim]", highlight=False)
        out.print("   " + r["text"].replace("\n", " ")[:300], highlight=False)
