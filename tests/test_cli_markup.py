"""Rich markup in document text or in the user's arguments is printed literally by `ivp`, never read as tags.

Before the fix a heading containing `[/dim]` crashed `ivp search` and `ivp ask` with a MarkupError, and an
argument echoed in an error message (`ivp entity '[/dim] x'`) crashed the error report itself.
Runs the real CLI in a subprocess on real ingested data.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEADING = "Aanpak [/dim] woninginbraak [red]wijk"
SENTENCE = "preventieadvies [/dim] tegen inbraak"
PLAN = f"""# Veiligheidsplan [red]Proef[/red] 2024

## {HEADING}

Het basisteam pakt woninginbraak aan met extra surveillance in de wijken en geeft bewoners {SENTENCE}.
"""
QUERY = "[/dim] [bold]x"


def ivp(*args: str) -> subprocess.CompletedProcess[str]:
    """`ivp ARGS` in a fresh process, wide enough that Rich never wraps the lines we look for."""
    return subprocess.run([sys.executable, "-c", "from api.cli import app; app()", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env=dict(os.environ, COLUMNS="250"))


def clean(run: subprocess.CompletedProcess[str]) -> str:
    """All the output, after checking that nothing crashed on the way."""
    both = run.stdout + run.stderr
    assert "Traceback" not in both and "MarkupError" not in both, both
    return both


@pytest.fixture(scope="module")
def markup_data(tmp_path_factory) -> Path:
    """A data directory holding one tiny plan whose title, heading and text contain Rich markup."""
    root = tmp_path_factory.mktemp("markup")
    (root / "docs").mkdir()
    (root / "docs" / "plan.md").write_text(PLAN, encoding="utf-8")
    run = ivp("ingest", str(root / "docs"), "--data-dir", str(root / "data"))
    assert run.returncode == 0, run.stdout + run.stderr
    return root / "data"


@pytest.mark.parametrize("command", [["search", "woninginbraak"], ["ask", "wat doen we tegen woninginbraak"]])
def test_markup_in_document_text_is_printed_literally(markup_data, command):
    run = ivp(*command, "--data-dir", str(markup_data))
    out = clean(run)
    assert run.returncode == 0, out
    assert HEADING in out
    assert SENTENCE in out
    assert "Veiligheidsplan [red]Proef[/red] 2024" in out


def test_markup_in_arguments_is_printed_literally(ingested, markup_data):
    data = str(ingested.data_dir)
    searched = ivp("search", QUERY, "--data-dir", data)
    assert searched.returncode == 0, clean(searched)

    unknown = ivp("entity", QUERY, "--data-dir", data)
    assert unknown.returncode == 1
    assert f"fout: no entity matches '{QUERY}'" in clean(unknown).splitlines()

    bad_filter = ivp("search", "drugs", "--basisteam", QUERY, "--data-dir", data)
    assert bad_filter.returncode == 2
    assert f"fout: unknown basisteam '{QUERY}'" in clean(bad_filter)

    not_there = ivp("remove", "[/dim]", "--data-dir", str(markup_data))
    assert not_there.returncode == 1
    assert "fout: unknown document '[/dim]'" in clean(not_there)
