"""`ivp` as a new user meets it: global options anywhere, results on stdout and the rest on stderr, `--json` on
every command, help that names the valid values, Dutch labels, `compare`, progress without a terminal, and an owner
without actions told apart from an unknown name. Runs the real CLI (typer's runner, stdout and stderr apart) on
the session's ingested data."""
from __future__ import annotations

import io
import json
import re
import shutil

import pytest
from rich.console import Console
from typer.testing import CliRunner

from api import render
from api.cli import ENTITY_TYPES, app
from kg.actions import STATUSES
from kg.export import FORMATS
from search.contract import KINDS

WIDE = {"COLUMNS": "400"}  # Rich never wraps a help line or a citation we look for


def ivp(*args: str):
    return CliRunner().invoke(app, list(args), env=WIDE)


def flat(text: str) -> str:
    """Help text without Rich's box drawing and line breaks, so a value list reads as one line."""
    return re.sub(r"\s+", " ", re.sub(r"[│╭╮╰╯─]", " ", text))


@pytest.fixture(scope="module")
def data(ingested) -> str:
    return str(ingested.data_dir)


@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_work_before_and_after_the_command(data, where):
    args = ["--data-dir", data, "--json"]
    run = ivp(*(args + ["stats"] if where == "before" else ["stats"] + args))
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.stdout)["documents"] == 5


def test_an_option_after_the_command_wins(data, tmp_path):
    run = ivp("--data-dir", str(tmp_path / "leeg"), "stats", "--data-dir", data)
    assert run.exit_code == 0, run.stderr
    assert "documenten 5" in run.stdout


def test_results_on_stdout_and_errors_on_stderr(data, ingested):
    titles = {d["title"] for d in ingested.documents()}
    run = ivp("search", "mensenhandel", "--k", "3", "--data-dir", data)
    assert run.exit_code == 0 and run.stderr == ""
    cited = [line for line in run.stdout.splitlines() if re.match(r"\d+\. ", line)]
    assert len(cited) == 3 and all(any(t in line for t in titles) for line in cited), run.stdout
    bad = ivp("search", "mensenhandel", "--kind", "roman", "--data-dir", data)
    assert bad.exit_code == 2 and bad.stdout == ""
    assert bad.stderr.startswith("fout: ") and all(k in bad.stderr for k in ("ivp", "uvp", "evaluation"))


@pytest.mark.parametrize("args", [["documents"], ["values"], ["stats"], ["entity", "RIEC"],
                                  ["search", "drugs in het buitengebied"], ["ask", "wat doen we tegen woninginbraak"],
                                  ["compare", "Tweestromenland", "De Waarden"], ["actions", "--status", "loopt"],
                                  ["validate"], ["export"]])
def test_every_command_has_json_on_stdout(data, args):
    run = ivp(*args, "--json", "--data-dir", data)
    assert run.exit_code in (0, 1), run.stderr  # validate answers 1 when a shape is violated, with JSON still
    assert json.loads(run.stdout) is not None
    readable = ivp(*args, "--data-dir", data)
    assert readable.stdout.strip() and not readable.stdout.lstrip().startswith(("{", "[")), readable.stdout[:200]


def test_eval_json_and_default_set(data, tmp_path):
    queries = tmp_path / "q.jsonl"
    queries.write_text(json.dumps({"query": "aanpak van mensenhandel", "gold": ["mensenhandel"]}) + "\n",
                       encoding="utf-8")
    run = ivp("eval", str(queries), "--json", "--data-dir", data)
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.stdout)["overall"]["n"] == 1
    missing = ivp("eval", str(tmp_path / "nergens.jsonl"), "--data-dir", data)
    assert missing.exit_code == 2 and "query" in missing.stderr and missing.stdout == ""


def test_writes_progress_lines_and_json_without_a_terminal(ingested, tmp_path):
    """A fresh document in a copy of the data: non-TTY progress lines on stderr, the report on stdout."""
    target = tmp_path / "data"
    shutil.copytree(ingested.data_dir, target, ignore=shutil.ignore_patterns(".lock"))
    doc = tmp_path / "notitie.md"
    doc.write_text("Notitie buurtveiligheid Lingewaard 2027\n\n"
                   + "\n\n".join(f"* Punt {n}: de wijkagent bezoekt straat {n} om fietsendiefstal te bespreken."
                                 for n in range(1, 9)), encoding="utf-8")
    run = ivp("--data-dir", str(target), "ingest", str(doc))
    assert run.exit_code == 0, run.stderr
    lines = run.stderr.splitlines()
    assert "ingest: 1/1 bestanden gelezen" in lines, run.stderr
    encoded = [m for line in lines if (m := re.fullmatch(r"ingest: (\d+)/(\d+) teksten gecodeerd", line))]
    assert encoded and encoded[-1].group(1) == encoded[-1].group(2), run.stderr
    assert "toegevoegd 1" in run.stdout
    again = ivp("ingest", str(doc), "--json", "--data-dir", str(target))
    report = json.loads(again.stdout)
    assert report["added"] == [] and len(report["unchanged"]) == 1
    reindexed = ivp("reindex", "--json", "--data-dir", str(target))
    assert reindexed.exit_code == 0 and json.loads(reindexed.stdout)["encoded"] >= 0
    gone_id = next(d["id"] for d in json.loads(ivp("documents", "--json", "--data-dir", str(target)).stdout)["documents"]
                   if d["source"] == "notitie.md")
    removed = ivp("--json", "remove", gone_id, "--data-dir", str(target))
    assert json.loads(removed.stdout) == {"removed": gone_id}


def test_progress_lines_are_throttled():
    buffer = io.StringIO()
    report = render.ProgressLines("ingest", interval=3600, console=Console(file=buffer, width=200))
    with report:
        for n in range(1, 101):
            report("encode", n, 100)
    assert buffer.getvalue().splitlines() == ["ingest: 1/100 teksten gecodeerd", "ingest: 100/100 teksten gecodeerd"]


def test_help_names_the_valid_values():
    for args, values in ((["search", "--help"], KINDS), (["actions", "--help"], STATUSES),
                         (["export", "--help"], FORMATS), (["entity", "--help"], ENTITY_TYPES)):
        text = flat(ivp(*args).stdout)
        assert all(v in text for v in values), (args, text)
    for command in ("search", "ask", "actions"):
        assert "ivp documents" in flat(ivp(command, "--help").stdout), command


def test_labels_are_dutch_unless_asked_otherwise(data):
    nl = ivp("ask", "welke acties lopen er rond mensenhandel?", "--data-dir", data)
    assert nl.exit_code == 0, nl.stderr
    assert "Begrippen:" in nl.stdout and "Concepts" not in nl.stdout and "\n      with " not in nl.stdout
    en = ivp("--lang", "en", "ask", "welke acties lopen er rond mensenhandel?", "--data-dir", data)
    assert "Concepts:" in en.stdout and "Begrippen" not in en.stdout
    bad = ivp("--lang", "fr", "stats", "--data-dir", data)
    assert bad.exit_code == 2 and "nl, en" in bad.stderr


def test_ask_prints_how_the_question_was_read(data):
    answer = json.loads(ivp("ask", "hoe laat vertrekt de trein naar Mars", "--json", "--data-dir", data).stdout)
    shown = ivp("ask", "hoe laat vertrekt de trein naar Mars", "--data-dir", data).stdout
    description = (answer.get("read_as") or {}).get("description")
    if description:
        assert description in shown
    if isinstance(answer.get("message"), str):
        assert answer["message"] in shown


def test_answer_rendering_with_and_without_the_optional_keys(capsys):
    render.set_lang("nl")
    bare = {"question": "x", "concepts": [], "basisteams": [], "passages": []}
    render.print_answer(bare)
    assert "gelezen als" not in capsys.readouterr().out
    render.print_answer(bare | {"read_as": {"description": "vraag naar acties"}, "no_match": True})
    shown = capsys.readouterr().out
    assert "gelezen als: vraag naar acties" in shown and render.label("no_match") in shown
    render.print_answer(bare | {"no_match": True, "message": "Niets gevonden voor x."})
    shown = capsys.readouterr().out
    assert "Niets gevonden voor x." in shown and render.label("no_match") not in shown


def test_answer_rendering_shows_the_thesaurus_hint_apart(capsys):
    render.set_lang("nl")
    hint = {"type": "instruments", "themes": [{"id": "theme/woonoverlast", "label": "Woonoverlast"}],
            "items": [{"id": "instrument/x", "label": "Wet X"}], "note": "Volgens de thesaurus (achtergrond):"}
    render.print_answer({"question": "x", "concepts": [], "basisteams": [], "passages": [], "thesaurus": hint})
    shown = capsys.readouterr().out
    assert "Volgens de thesaurus (achtergrond): Wet X" in shown
    assert shown.index("Wet X") < shown.index(render.label("passages"))


def test_answer_rendering_lists_partners_trekkers_and_marks_an_empty_group(capsys):
    render.set_lang("nl")
    group = {"basisteam": "Noord", "actions": [], "priorities": [{"id": "p", "label": "Jeugd", "number": 2,
                                                                  "basisteam": "Noord", "about": True}],
             "partners": [{"id": "partner/om", "label": "Openbaar Ministerie"}], "responsible": ["Wethouder Jansen"]}
    render.print_answer({"question": "x", "concepts": [], "basisteams": [group, {"basisteam": "Zuid", "actions": [],
                                                                                "priorities": []}], "passages": []})
    shown = capsys.readouterr().out
    assert "Partners: Openbaar Ministerie" in shown and "Trekkers: Wethouder Jansen" in shown
    assert "prioriteit 2: Jeugd (over dit thema)" in shown
    assert shown.split("Zuid", 1)[1].count(render.label("no_actions")) == 1


def test_ask_lists_the_partners_it_found(data):
    answer = json.loads(ivp("ask", "Which partners work on drugs?", "--json", "--data-dir", data).stdout)
    partners = [p["label"] for g in answer["basisteams"] for p in g.get("partners", [])]
    shown = flat(ivp("ask", "Which partners work on drugs?", "--data-dir", data).stdout)
    assert partners and all(p in shown for p in partners)


def test_compare_side_by_side(data):
    run = ivp("compare", "tweestromenland", "de waarden", "--data-dir", data)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.splitlines()[0] == "Tweestromenland ↔ De Waarden"
    table = json.loads(ivp("compare", "Tweestromenland", "De Waarden", "--json", "--data-dir", data).stdout)
    for row in table["shared"]:
        assert row["theme"]["label"] in run.stdout
    unknown = ivp("compare", "Tweestromenland", "Atlantis", "--data-dir", data)
    assert unknown.exit_code == 2 and "Atlantis" in unknown.stderr and unknown.stdout == ""


def test_compare_rendering_shows_keys_it_does_not_know(capsys):
    render.set_lang("nl")
    render.print_compare({"a": "Oost", "b": "West", "shared": [{"theme": {"label": "Jeugd"}, "match": "full",
                                                                 "a": {"wordings": ["Jeugd eerst"], "actions": [1, 2]},
                                                                 "b": None, "weight": 0.5}],
                          "balance": {"a": 3, "b": 7}, "generated": "2026-01-01"})
    shown = capsys.readouterr().out
    for text in ("Oost ↔ West", "Jeugd (volledig)", "Oost: Jeugd eerst — 2 acties", "weight: 0.5", "balance",
                 "Oost: 3", "West: 7", "generated: 2026-01-01"):
        assert text in shown, (text, shown)


def test_an_owner_without_actions_is_told_apart_from_an_unknown_name(data, ingested):
    owned = [d for d in ingested.documents() if d["owner"] == "De Waarden"]
    run = ivp("actions", "--basisteam", "De Waarden", "--data-dir", data)
    assert run.exit_code == 0 and run.stdout == ""
    assert "De Waarden is bekend, maar er zijn geen acties van geladen" in run.stderr
    assert owned and all(d["title"] in run.stderr for d in owned)
    as_json = json.loads(ivp("actions", "--basisteam", "de waarden", "--json", "--data-dir", data).stdout)
    assert as_json["actions"] == [] and "De Waarden" in as_json["message"]
    typo = ivp("actions", "--basisteam", "De Waardn", "--data-dir", data)
    assert typo.exit_code == 2 and "bedoelde u De Waarden?" in typo.stderr and typo.stdout == ""
    nowhere = ivp("actions", "--basisteam", "Qxzvbr", "--data-dir", data)
    assert nowhere.exit_code == 2 and "onbekende eigenaar 'Qxzvbr'" in nowhere.stderr and "bedoelde" not in nowhere.stderr
