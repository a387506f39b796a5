"""Plans of two gemeenten nobody here wrote for, in layouts unlike the samples (a markdown kadernota, an
HTML programme with a table per speerpunt, a plain-text plan with "Prioriteit n - ..." lines and an HTML
evaluation), ingested beside the sample corpus. Shared by the compare and coverage tests."""
from __future__ import annotations

from pathlib import Path

from kg.workspace import Workspace
from tests.workspaces import workspace_with

DOCS = {
    "kadernota-veiligheid-zwolle.md": """# Kadernota Integrale Veiligheid Zwolle 2024-2027

De gemeente Zwolle legt in deze kadernota vast waar zij de komende vier jaar op inzet.

## Speerpunt 1: Ondermijning

Zwolle pakt ondermijnende criminaliteit aan met de Wet Bibob en werkt daarin samen met het RIEC.

## Speerpunt 2: Verkeersveiligheid

Zwolle wil minder verkeersongevallen rond scholen; de politie en Veilig Verkeer Nederland werken samen.
""",
    "uitvoeringsprogramma-zwolle-2025.html": """<html><body><main>
<h1>Uitvoeringsprogramma Veiligheid Zwolle 2025</h1>
<p>Dit uitvoeringsprogramma van de gemeente Zwolle werkt de kadernota uit in maatregelen.</p>
<h2>Speerpunt 1: Ondermijning</h2>
<table>
<thead><tr><th>Maatregel</th><th>Eigenaar</th><th>Gereed</th></tr></thead>
<tbody>
<tr><td>Bibob-toets bij alle nieuwe horecavergunningen</td><td>Team Vergunningen</td><td>Q2 2025</td></tr>
<tr><td>Integrale controles op bedrijventerreinen met het RIEC</td><td>Team Veiligheid</td><td>Eind 2025</td></tr>
</tbody></table>
<h2>Speerpunt 2: Verkeersveiligheid</h2>
<table>
<thead><tr><th>Maatregel</th><th>Eigenaar</th><th>Gereed</th></tr></thead>
<tbody>
<tr><td>Snelheidscontroles rond basisscholen</td><td>Team Verkeer</td><td>Doorlopend</td></tr>
</tbody></table>
</main></body></html>
""",
    "veiligheidsplan-deventer.txt": """VEILIGHEIDSPLAN DEVENTER 2024-2027

Integraal veiligheidsplan van de gemeente Deventer.

Prioriteit 1 - Drugs
Deventer gaat drugsoverlast tegen en werkt met de politie en het RIEC aan de aanpak van drugshandel.

Prioriteit 2 - Verkeersveiligheid
Samen met Veilig Verkeer Nederland maakt Deventer schoolroutes veiliger.

Prioriteit 3 - Jeugd
Halt en het jongerenwerk helpen jongeren die afglijden.
""",
    "evaluatie-deventer-2024.html": """<html><body>
<h1>Evaluatie uitvoeringsplan veiligheid Deventer 2024</h1>
<p>De gemeente Deventer blikt terug op de maatregelen van 2024.</p>
<h2>Prioriteit 1: Drugs</h2>
<table>
<tr><th>Actie</th><th>Resultaat</th></tr>
<tr><td>Sluiting van drugspanden met de burgemeestersbevoegdheid</td><td>Afgerond: vier panden gesloten.</td></tr>
<tr><td>Voorlichting over drugs op middelbare scholen</td><td>Vertraagd door personeelstekort.</td></tr>
</table>
<h2>Prioriteit 3: Jeugd</h2>
<table>
<tr><th>Actie</th><th>Resultaat</th></tr>
<tr><td>Groepsaanpak jeugdoverlast met Halt</td><td>Loopt door in 2025.</td></tr>
</table>
</body></html>
""",
}


def with_two_owners(ingested: Workspace, tmp: Path) -> Workspace:
    """A copy of the session's data directory with the four documents above ingested too."""
    return workspace_with(ingested, tmp, DOCS)
