"""The graph browser's views over HTTP and in the browser: `GET /api/graph` per view and owner (the first
request builds the per-state facts), its payload, and the whole graph fetched and laid out in headless
Chromium (the figure the page itself reports). Prints figures; asserts nothing.

    python -m bench.graphviews
"""
from __future__ import annotations

import statistics
import time
from pathlib import Path

import httpx

from bench._server import running_server

CHROMIUM = Path("/usr/bin/chromium")


def _timed(base: str, params: dict) -> tuple[float, int, dict]:
    started = time.perf_counter()
    r = httpx.get(base + "/api/graph", params=params, timeout=120)
    r.raise_for_status()
    return (time.perf_counter() - started) * 1000, len(r.content), r.json()


def _browser(base: str) -> list[str]:
    """Whole graph (all owners) opened in Chromium: the page's own fetch + layout time, three loads."""
    if not CHROMIUM.exists():
        return ["browser: /usr/bin/chromium missing, skipped"]
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"], headless=True)
        page = b.new_page(viewport={"width": 1366, "height": 850})
        times = []
        for _ in range(3):
            page.goto(base + "/#/graaf?weergave=alles")
            page.locator(".graph-message").filter(has_text="Hele graaf geladen").wait_for(timeout=60_000)
            times.append(int(page.locator("#cy").get_attribute("data-load-ms")))
            page.goto(base + "/#/zoeken")
            page.wait_for_timeout(300)
        nodes = page.evaluate("() => window.__ivpGraph.nodes().length")
        out.append(f"browser, whole graph (all owners, {nodes} nodes), fetch + layout per load: {times} ms")
        b.close()
    return out


def main() -> None:
    with running_server() as base:
        cold, size, first = _timed(base, {"view": "alles"})
        print(f"GET /api/graph?view=alles, first request (facts built): {cold:.0f} ms, {size / 1e6:.2f} MB, "
              f"{len(first['nodes'])} nodes, {len(first['edges'])} edges")
        for view in [v["name"] for v in first["views"]]:
            for owner in [None, *first["owners"]]:
                runs = [_timed(base, {"view": view, **({"owner": owner} if owner else {})}) for _ in range(5)]
                data = runs[-1][2]
                print(f"{view:22} {owner or '(alle eigenaren)':18} median {statistics.median(r[0] for r in runs):6.1f} ms"
                      f"  {runs[-1][1] / 1e3:7.1f} kB  {len(data['nodes']):4} nodes {len(data['edges']):5} edges")
        for line in _browser(base):
            print(line)


if __name__ == "__main__":
    main()
