"""A voortgangsrapportage written for the legend tests (a gemeente outside the sample), unlike the sample in layout:
its colour legend is a Markdown table with its own words ("Geel", "Op schema of gereed") and shares, and
each action's progress cell opens with its colour or states its progress in words."""
from __future__ import annotations

from pathlib import Path

REPORT = """\
# Voortgangsrapportage Veiligheid Zeewolde 2025

Deze voortgangsrapportage beschrijft de stand van zaken van het uitvoeringsprogramma veiligheid 2024-2025
van de gemeente Zeewolde.

## Legenda

| Kleur | Betekenis | Aandeel |
|---|---|---|
| Groen | Op schema of gereed | 50% |
| Geel | Achter op schema, bijsturing nodig | 33,3% |
| Rood | Niet gestart | 16,7% |

## Speerpunt 1: Veilige buurten

| Maatregel | Trekker | Deadline | Voortgang |
|---|---|---|---|
| Buurtschouw in alle kernen | Team Wijkzaken | Q2 2025 | Groen - De schouw is in april in alle kernen gehouden. |
| Camera's bij het stationsplein vervangen | Team Openbare Ruimte | Q4 2024 | Geel - De aanbesteding is later dan gepland. |
| Buurtbemiddeling uitbreiden naar Oosterhout | Team Wijkzaken | Q3 2024 | Rood - Niet gestart door gebrek aan capaciteit. |

## Speerpunt 2: Ondermijning

| Maatregel | Trekker | Deadline | Voortgang |
|---|---|---|---|
| Hennepconvenant met woningcorporaties | Team Handhaving | Q1 2025 | Groen. Het convenant is door alle partners ondertekend. |
| Voorlichting over drugsronselen op scholen | Team Jeugd | Q4 2025 | De voorlichting loopt volgens planning. |
| Integrale controle bedrijventerreinen | Team Handhaving | Q2 2024 | Achter op schema: er is nog geen datum gepland. |
"""


def add_report(ingested, tmp: Path):
    """A copy of the ingested sample workspace with the report added (the sample's own data untouched)."""
    import shutil

    from kg.settings import Settings
    from kg.workspace import Workspace

    data = tmp / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    docs = tmp / "docs"
    docs.mkdir()
    (docs / "voortgang_zeewolde.md").write_text(REPORT, encoding="utf-8")
    ws = Workspace(Settings(data_dir=data))
    report = ws.ingest([docs])
    assert not report.errors, report.errors
    return ws
