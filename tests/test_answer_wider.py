"""A plan names its partners, and sets its priorities, on a theme at large; "which partners work on <a narrower
theme>?" then lists those of the broader theme, "what does X do about <a narrower theme>?" shows the broader theme's
priority, each saying it widened, and neither borrows a sibling theme's facts (kg/structured.linked_or_wider,
kg/answer._wider_priorities)."""
import pytest

from tests.workspaces import workspace_with

# A kadernota in prose, one paragraph per theme, no numbering or tables; written for these tests.
PLAN = """Kadernota Veiligheid Vlietdam 2025-2028

Met deze kadernota legt de gemeente Vlietdam vast waar zij de komende vier jaar op inzet.

Jeugd

In het jeugdbeleid werkt Vlietdam nauw samen met Halt en het jongerenwerk. Samen zorgen zij voor een sluitende
aanpak op scholen en in de wijken.

Jeugdoverlast

Tegen jeugdoverlast op het stationsplein zet de gemeente boa's in.

Drugs

Bij drugs past de burgemeester artikel 13b van de Opiumwet toe.
"""


# A plan with lettered speerpunten as Markdown headings, a paragraph each; written for these tests.
SPEERPUNTEN = """# Veiligheidsplan Kranswijk 2026-2029

De gemeenteraad van Kranswijk stelde dit plan vast. Het kiest twee speerpunten.

## Speerpunt A — Jeugd en veiligheid

Kranswijk wil dat jongeren veilig opgroeien. Scholen, ouders en de wijkagent werken hierin samen.

## Speerpunt B — Ondermijning

Kranswijk gaat criminele invloed in het buitengebied tegen.
"""


@pytest.fixture(scope="module")
def vlietdam(ingested, tmp_path_factory):
    return workspace_with(ingested, tmp_path_factory.mktemp("wider"), {"kadernota-vlietdam-2025-2028.txt": PLAN,
                                                                       "veiligheidsplan-kranswijk.md": SPEERPUNTEN})


def _group(answer: dict, owner: str) -> dict:
    return next((g for g in answer["basisteams"] if g["basisteam"] == owner), {})


@pytest.mark.parametrize("question", ["Welke partners werken in Vlietdam aan jonge aanwas?",
                                      "Which partners work on youth drawn into organised crime in Vlietdam?"])
def test_partners_of_the_broader_theme_are_listed_and_said_to_be(vlietdam, question):
    ans = vlietdam.answer(question)
    group = _group(ans, "Vlietdam")
    ids = {x["id"] for x in group.get("partners", [])}
    assert ids == {"partner/halt", "partner/jongerenwerk"}  # not jeugdoverlast's boa's: a sibling theme
    assert group["wider"] == ["Jeugd"]
    assert "Vlietdam: geen partners bij jonge aanwas zelf; wel bij het bredere thema jeugd." in ans["read_as"]["notes"]
    assert ans.get("thesaurus") is None  # the plan's own facts, so no background from the thesaurus


def test_a_theme_with_partners_of_its_own_is_not_widened(vlietdam):
    ans = vlietdam.answer("Welke partners werken in Vlietdam aan jeugdoverlast?")
    group = _group(ans, "Vlietdam")
    assert [x["id"] for x in group["partners"]] == ["partner/boa"]
    assert not group.get("wider") and not any("bredere thema" in n for n in ans["read_as"]["notes"])


def test_nothing_above_either_is_said_as_before(vlietdam):
    """Mensenhandel's broader theme carries no Vlietdam partner: no widening, the usual "none found" note."""
    ans = vlietdam.answer("Welke partners werken in Vlietdam aan mensenhandel?")
    assert not _group(ans, "Vlietdam").get("partners") and not _group(ans, "Vlietdam").get("wider")
    assert any(n.startswith("Geen partners gevonden") for n in ans["read_as"]["notes"])


@pytest.mark.parametrize("question", ["Welke prioriteiten heeft Kranswijk voor jonge aanwas?",
                                      "What does Kranswijk do about young people drawn into crime?"])
def test_the_broader_themes_priority_is_shown_and_said_to_be(vlietdam, question):
    ans = vlietdam.answer(question)
    group = _group(ans, "Kranswijk")
    assert [p["number"] for p in group["priorities"]] == [1] and "Jeugd" in group["priorities"][0]["label"]
    assert group["wider"] == ["Jeugd"] and not group["actions"]
    said = "Kranswijk: geen prioriteit bij jonge aanwas zelf; wel bij het bredere thema jeugd."
    assert said in ans["read_as"]["notes"]


def test_a_theme_with_a_priority_of_its_own_is_not_widened(vlietdam):
    ans = vlietdam.answer("Welke prioriteiten heeft Kranswijk voor ondermijning?")
    group = _group(ans, "Kranswijk")
    assert [p["number"] for p in group["priorities"]] == [2]
    assert not group.get("wider") and not any("bredere thema" in n for n in ans["read_as"]["notes"])
