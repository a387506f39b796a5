"""Document ids: readable, stable per file name, and never shared by two different names."""
import pytest

from ingest.pipeline import doc_id_for


@pytest.mark.parametrize("a,b", [("x.txt", "x.TXT"), ("report.pdf", "report.txt"), ("план.txt", "安全计划.txt"),
                                 ("plan 2024.txt", "plan-2024.txt"), ("Über.md", "Uber.md")])
def test_different_names_never_share_an_id(a, b):
    assert doc_id_for(a) != doc_id_for(b)


def test_the_id_is_stable_readable_and_ignores_the_folder():
    assert doc_id_for("/some/where/IVP Tiel 2024.docx") == doc_id_for("IVP Tiel 2024.docx")
    assert doc_id_for("IVP Tiel 2024.docx").startswith("ivp-tiel-2024-")
    assert doc_id_for("安全计划.txt").startswith("document-")
    # the same name written in composed and decomposed Unicode (as macOS stores it) is one document
    assert doc_id_for("Caf\u00e9.txt") == doc_id_for("Cafe\u0301.txt")


def test_a_word_numbered_kadernota_of_a_new_gemeente_keeps_its_sections_and_owner():
    """A layout unlike the samples: a title page, a contents table without leaders, a running header with the
    page number on every page, chapters numbered as Word does ("1 Inleiding"), a gemeente newer than the
    reference data."""
    from pathlib import Path

    from ingest.pipeline import extract_file
    from ingest.report import document_report

    doc = extract_file(Path(__file__).parent / "fixtures" / "extract" / "17_kadernota_woordnummering.txt")
    m = doc.meta
    assert (m.kind, m.period_start, m.period_end, m.owner, m.owner_kind) == ("ivp", 2026, 2029, "Kleiwaarde",
                                                                              "gemeente")
    assert any("Kleiwaarde staat niet in de referentiegegevens" in w for w in document_report(doc)["warnings"])
    assert [p.label for p in doc.priorities] == ["Ondermijning", "Jeugd en veiligheid", "Digitale veiligheid"]
    assert not any("Kadernota Integrale Veiligheid Kleiwaarde" in p.text for p in doc.passages[1:])  # header
    paths = {p.section_path[-1]: p.section_path for p in doc.passages if p.section_path}
    assert paths["3.2 Jeugd en veiligheid"][-2:] == ("3 Prioriteiten", "3.2 Jeugd en veiligheid")
    assert paths["1 Inleiding"] == ("1 Inleiding",) and paths["4 Sturing en verantwoording"] == (
        "4 Sturing en verantwoording",)
    contents = [p for p in doc.passages if p.text.startswith("Inhoudsopgave")]
    assert len(contents) == 1 and "3.3 Digitale veiligheid" in contents[0].text
    assert not any("Vastgesteld" in s for p in doc.passages for s in p.section_path)  # a dateline, no section


@pytest.mark.parametrize("name, place", [("04_speerpunt_koppen.md", "Oeverstad"), ("05_uvp_maatregelen.md", "Meerwijk"),
                                         ("08_actieplan.html", "Rietbroek"), ("09_jaarschijf_thema.txt", "Brakeldonk"),
                                         ("13_uvp_lijsten.txt", "Zandvoorde")])
def test_a_plan_titled_with_a_place_the_reference_data_lacks_is_that_place_s(name: str, place: str):
    """Markdown, HTML and plain-text plans whose title names a place after the kind of document and before its
    year, and whose text never calls it a gemeente, are that place's: owner filters, comparisons and the
    answers' "gelezen als" can reach them. The report says the owner was taken as written."""
    from pathlib import Path

    from ingest.pipeline import extract_file
    from ingest.report import document_report

    doc = extract_file(Path(__file__).parent / "fixtures" / "extract" / name)
    assert (doc.meta.owner, doc.meta.owner_kind) == (place, "gemeente")
    assert any(f"{place} staat niet in de referentiegegevens" in w for w in document_report(doc)["warnings"])


def test_a_running_footer_or_a_web_page_footer_names_the_owner_the_title_page_does_not(tmp_path):
    """The title says only "Veiligheidsplan 2025-2028"; the footer on every page ("Gemeente Valkenswaard |
    Veiligheidsplan", left out of the text as page furniture) says whose it is. A web page's footer likewise."""
    from pathlib import Path

    from ingest.pipeline import extract_file

    pages = ["Veiligheidsplan 2025-2028\n\nVastgesteld door de raad.\n\nGemeente Valkenswaard | Veiligheidsplan   1"]
    pages += [f"Hoofdstuk {n}\n\nDe partners bespreken elke maand de voortgang van de aanpak in het overleg.\n\n"
              f"Gemeente Valkenswaard | Veiligheidsplan   {n}" for n in range(2, 5)]
    plan = tmp_path / "plan.txt"
    plan.write_text("\f".join(pages), encoding="utf-8")
    doc = extract_file(plan)
    assert (doc.meta.owner, doc.meta.owner_kind) == ("Valkenswaard", "gemeente")
    assert not any("Gemeente Valkenswaard" in p.text for p in doc.passages)

    page = extract_file(Path(__file__).parent / "fixtures" / "layout" / "jaarplan.html")
    assert (page.meta.owner, page.meta.owner_kind) == ("Oostervaart", "gemeente")  # "Gemeente Oostervaart" footer


def test_a_web_page_whose_place_only_its_title_element_names_is_that_place_s(tmp_path):
    """Neither the heading nor the body names a place; the browser tab's "... | Gemeente Zilverkerk" does.
    The name ends that line: read together with the next line it would run on into "Uitvoeringsagenda"."""
    from ingest.pipeline import extract_file

    page = tmp_path / "agenda.html"
    page.write_text(
        "<!doctype html><html lang='nl'><head><title>Uitvoeringsagenda veiligheid 2026 | Gemeente Zilverkerk"
        "</title></head><body><main><h1>Uitvoeringsagenda veiligheid 2026</h1>"
        "<p>Deze agenda beschrijft wat wij in 2026 doen om de buurten veilig te houden.</p>"
        "<h2>Ondermijning</h2><p>Wij passen de Wet Bibob vaker toe bij vergunningen voor horeca.</p>"
        "</main></body></html>", encoding="utf-8")
    doc = extract_file(page)
    assert (doc.meta.owner, doc.meta.owner_kind) == ("Zilverkerk", "gemeente")
    assert not any("Zilverkerk" in p.text for p in doc.passages)  # the <title> is no content
