"""Status of an evaluated action read from its result words (ingest.status)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from ingest.status import STATUSES, answered_status, cue_status, derive_status, status_counts


@pytest.mark.parametrize("result, status, basis", [
    # afgerond
    ("De campagne heeft in 2023 gelopen en is inmiddels afgerond.", "afgerond", "is inmiddels afgerond"),
    ("Heeft plaatsgevonden, waarbij de meerwaarde werd ingezien.", "afgerond", "Heeft plaatsgevonden"),
    ("Deze presentatie is in 2023 door het CCV gegeven.", "afgerond", "is in 2023 door het CCV gegeven"),
    ("De opleidingen zijn georganiseerd.", "afgerond", "zijn georganiseerd"),
    ("Alle gemeenten in Tweestromenland zijn inmiddels gecertificeerd en hebben een werkend overleg.",
     "afgerond", "zijn inmiddels gecertificeerd"),
    # overgeheveld
    ("Verdere implementatie hiervan is opgenomen in het UVP 2025-2026.", "overgeheveld",
     "hiervan is opgenomen in het UVP 2025-2026"),
    ("Dit verdere proces komt terug in het UVP 2025-\n2026.", "overgeheveld", "komt terug in het UVP 2025- 2026"),
    ("Dit onderwerp komt ook terug in het nieuwe UVP 2025-2026.", "overgeheveld",
     "komt ook terug in het nieuwe UVP 2025-2026"),
    # vervallen
    ("Eerder is besloten om dit actiepunt niet meer uit te voeren.", "vervallen",
     "Eerder is besloten om dit actiepunt niet meer uit te voeren"),
    ("In de gezagsdriehoek van 8 februari 2024 is besloten om het niet verder op te nemen in het UVP.",
     "vervallen", "is besloten om het niet verder op te nemen in het UVP"),
    # niet_uitgevoerd
    ("Er is geen plan gemaakt samen met seniorenbonden en partners.", "niet_uitgevoerd", "is geen plan gemaakt"),
    ("Er is echter geen plan opgesteld.", "niet_uitgevoerd", "is echter geen plan opgesteld"),
    # vertraagd
    ("Helaas kon de jaarlijkse actiedag 24-uur Blauw in oktober 2024 vanwege ontbreken voldoende "
     "politiecapaciteit geen volledige doorgang vinden.", "vertraagd",
     "kon de jaarlijkse actiedag 24-uur Blauw in oktober 2024 vanwege ontbreken voldoende politiecapaciteit "
     "geen volledige doorgang vinden"),
    ("De tweede controle stond op de planning maar i.v.m. capaciteitsprobleem konden er onvoldoende personen "
     "vrijgemaakt worden.", "vertraagd", "capaciteitsprobleem"),
    ("De oplevering is vertraagd.", "vertraagd", "vertraagd"),
    # loopt
    ("De vraag of de functie ingevuld gaat worden wordt in 2025 verder opgepakt vanuit de werkgroep.",
     "loopt", "wordt in 2025 verder opgepakt"),
    ("Momenteel wordt onderzocht of er regionale samenwerking mogelijk is.", "loopt", "wordt onderzocht"),
    ("Er loopt een subsidieaanvraag bij ZONMW.", "loopt", "Er loopt"),
    ("De rol is nog niet bepaald. Aanbeveling: bovengenoemd proces vanuit Oost-Nederland afwachten.",
     "loopt", "Aanbeveling: bovengenoemd proces vanuit Oost-Nederland afwachten"),
])
def test_cue_and_its_words(result: str, status: str, basis: str) -> None:
    assert derive_status(result) == (status, basis)


def test_basis_is_taken_from_the_text() -> None:
    result = ("De operationele samenwerking is voortgezet. Verdere implementatie hiervan is\n"
              "opgenomen in het UVP 2025-2026.")
    status, basis = derive_status(result)
    assert status == "overgeheveld"
    assert basis in " ".join(result.split())


@pytest.mark.parametrize("result, status", [
    # carried into the new plan wins over the finished part
    ("In mei en juni 2024 zijn de aandachtfunctionarissen getraind. Dit verdere proces komt terug in het UVP "
     "2025-2026.", "overgeheveld"),
    # a decision to stop wins over everything
    ("Het programma is gestart. Eerder is besloten om dit actiepunt niet meer uit te voeren.", "vervallen"),
    # a shortfall wins over what was done
    ("Deze controles zijn uitgevoerd. De tweede controle kon i.v.m. capaciteitsprobleem niet doorgaan.",
     "vertraagd"),
    # not made wins over partial activity
    ("Er is actief gecommuniceerd en voorlichting verzorgd. Er is geen plan gemaakt.", "niet_uitgevoerd"),
    # still running wins over a finished step
    ("De casustafel is in mei 2023 gestart en is geévalueerd. De vraag wordt in 2025 verder opgepakt.", "loopt"),
])
def test_precedence(result: str, status: str) -> None:
    assert derive_status(result)[0] == status


@pytest.mark.parametrize("result", [
    # a condition, not a fact
    "Geadviseerd is om te wachten tot dat onderzoek is afgerond.",
    # negated
    "Verder zijn er geen bewustwordingsbijeenkomsten georganiseerd in de regio.",
    # nothing said
    "In Tweestromenland werken we samen met het Expertisecentrum.",
    "",
])
def test_no_status_without_a_cue(result: str) -> None:
    assert derive_status(result) == (None, None)


def test_conditional_follow_up_is_not_running() -> None:
    result = ("Een aantal gemeenten hebben een bijeenkomst georganiseerd in 2023 en 2024. "
              "Wanneer er nieuwe behoefte bestaat wordt dit verder opgepakt.")
    assert derive_status(result) == ("afgerond", "hebben een bijeenkomst georganiseerd")


def test_the_when_column_never_decides_a_status() -> None:
    # "Doorlopend" or "Na een actie of controle" says when an action runs, not how far it got;
    # derive_status takes no when-cell at all, and a result without a cue has no status
    result = "In 2024 besteedden alle gemeenten aandacht aan dit thema via sociale media."
    assert derive_status(result) == (None, None)
    with pytest.raises(TypeError):
        derive_status(result, "Doorlopend")  # type: ignore[call-arg]


def test_running_is_read_from_the_result_alone() -> None:
    assert derive_status("Alleen is deze nog niet in alle gemeenten structureel geborgd.")[0] == "loopt"


@pytest.mark.parametrize("cell, status, basis", [
    # a status cell's one or two words: the [status] cue words of ontology/cues.toml
    ("Afgerond", "afgerond", "Afgerond"), ("In uitvoering", "loopt", "In uitvoering"),
    ("Niet gestart", "niet_uitgevoerd", "Niet gestart"), ("Achter op schema", "vertraagd", "Achter op schema"),
    ("niet afgerond", None, None),
])
def test_status_cue_words_come_from_the_cue_file(cell: str, status: str | None, basis: str | None) -> None:
    assert derive_status(cell) == (status, basis)
    assert cue_status(cell) == (status, basis)


def test_done_participles_are_cue_data() -> None:
    import tomllib

    from ontology.cues import CUES_FILE
    with CUES_FILE.open("rb") as fh:
        done = tomllib.load(fh)["status_sentences"]["done"]
    assert "georganiseerd" in done
    for word in ("georganiseerd", "ondertekend", "opgeleverd"):
        assert derive_status(f"De bijeenkomsten zijn {word}.")[0] == "afgerond"
    assert derive_status("De bijeenkomsten zijn bedacht.") == (None, None)  # not a done participle in the list


@pytest.mark.parametrize("result, status, basis", [
    ("Het jongerenwerk organiseerde zes avonden in de wijk.", "afgerond", "organiseerde zes avonden in de wijk"),
    ("Er vonden drie controles plaats.", "afgerond", "vonden drie controles plaats"),
    ("De politie voerde de controles in het najaar uit.", "afgerond", "voerde de controles in het najaar uit"),
    ("De pilot startte in maart.", "loopt", "startte in maart"),
    ("We organiseerden twee avonden; de derde is uitgesteld.", "vertraagd", "uitgesteld"),  # the stronger cue
    ("De gemeente organiseerde geen avonden.", None, None),  # negated in its clause
    ("We hielden de bijeenkomst niet.", None, None),
    ("Wij zetten in op preventie.", None, None),  # present tense: a plan, not a result
    ("De gemeente voerde overleg over de uitvoering", None, None),  # "uit" inside a word is no particle
])
def test_results_in_the_simple_past(result: str, status: str | None, basis: str | None) -> None:
    assert derive_status(result) == (status, basis)


def test_status_dot_remnants_do_not_break_a_cue() -> None:
    result = "Alleen is deze nog niet in alle gemeenten overal ‘\nstructureel geborgd."
    assert derive_status(result)[0] == "loopt"


def test_counts() -> None:
    actions = [SimpleNamespace(status=s) for s in ("afgerond", "afgerond", "loopt", None, "niet_uitgevoerd")]
    counts = status_counts(actions)
    assert set(counts) == {*STATUSES, "onbekend"}
    assert counts["afgerond"] == 2 and counts["loopt"] == 1 and counts["onbekend"] == 1
    assert counts["vervallen"] == 0
    assert status_counts([{"status": "loopt"}])["loopt"] == 1


@pytest.mark.parametrize("question, cell, status", [
    ("Gerealiseerd?", "Ja", "afgerond"), ("Gerealiseerd?", "Nee", "niet_uitgevoerd"),
    ("Uitgevoerd (ja/nee)", "deels", "vertraagd"), ("Afgerond", "ja, in mei", "afgerond"),
    ("Gerealiseerd?", "Vier avonden", None),  # no answer: the words decide elsewhere
    ("Opmerking", "Ja", None),  # a question that names no status
])
def test_a_yes_or_no_answers_its_columns_question(question, cell, status):
    assert answered_status(question, cell)[0] == status


@pytest.mark.parametrize("cell, status", [
    ("100%", "afgerond"), ("60 %", "loopt"), ("0%", "niet_uitgevoerd"), ("Voortgang: 75%", "loopt"),
    ("90% gereed", "loopt"), ("De deelname steeg met 60%", None), ("150%", None),
])
def test_a_share_of_the_work_done(cell, status):
    assert derive_status(cell)[0] == status
