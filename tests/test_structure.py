"""Sections, blocks and passages, on small cases and on the five corpus files."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.chunk import make_passages, sentences
from ingest.clean import clean_lines
from ingest.model import Line
from ingest.pages import raw_lines
from ingest.readers import read_file
from ingest.layout.toc import find_toc
from ingest.structure import detect_sections, iter_blocks

CORPUS = Path(__file__).parent.parent / "corpus"
DEV_QUERIES = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev_queries.jsonl"
_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _lines(text: str) -> list[Line]:
    return [Line(t) for t in text.split("\n")]


@pytest.fixture(scope="module")
def docs() -> dict[str, list[Line]]:
    return {f.name[:3]: clean_lines(raw_lines(read_file(f))) for f in sorted(CORPUS.glob("*.txt"))}


@pytest.fixture(scope="module")
def passages(docs):
    return {name: make_passages(name, lines) for name, lines in docs.items()}


def _paths(lines: list[Line]) -> dict[str, tuple[str, ...]]:
    return {s.title: s.path for _, s in detect_sections(lines)}


# --- sections ----------------------------------------------------------------------------------


def test_markdown_levels_and_bold_titles():
    secs = detect_sections(_lines("# Plan\n\n## **Prioriteit 3: Drugs**\n\n### Ambitie\n\nTekst.\n\n## Bijlage 2\n\nMeer."))
    assert [(s.title, s.level) for _, s in secs] == [
        ("Plan", 1), ("Prioriteit 3: Drugs", 2), ("Ambitie", 3), ("Bijlage 2", 2)]
    assert secs[2][1].path == ("Plan", "Prioriteit 3: Drugs", "Ambitie")


def test_numbered_headings_versus_numbered_lists():
    text = "\n".join([
        "1. Inleiding", "Tekst over de inleiding.", "",
        "2. Strategisch kader", "", "2.1 Missie en visie", "Samen veilig vooruit.", "",
        "Concrete doelen:",
        "1. Criminelen zo moeilijk mogelijk maken voet aan de grond te krijgen in het gebied.",
        "2. Maatschappelijke weerbaarheid vergroten.",
        "3. Bestuurlijke weerbaarheid vergroten.", "",
        "3. Ambities en prioriteiten", "", "Zo kiezen we.", "",
        "1. Aanpak ondermijnende criminaliteit", "", "Opgave", "", "De weerbaarheid staat onder druk.", "",
        "2. Vergroten digitale veiligheid", "", "Tekst.", "",
        "Bijlage 1. Terugblik", "", "1.1 Integriteit en veiligheid", "", "Tekst.",
    ])
    secs = [s for _, s in detect_sections(_lines(text))]
    titles = [s.title for s in secs]
    assert not any(t.startswith(("1. Criminelen", "2. Maatschappelijke", "3. Bestuurlijke")) for t in titles)
    paths = {s.title: s.path for s in secs}
    assert paths["2.1 Missie en visie"] == ("2. Strategisch kader", "2.1 Missie en visie")
    # the numbers restart inside chapter 3: priorities, not new chapters
    assert paths["1. Aanpak ondermijnende criminaliteit"] == ("3. Ambities en prioriteiten", "1. Aanpak ondermijnende criminaliteit")
    assert paths["2. Vergroten digitale veiligheid"][0] == "3. Ambities en prioriteiten"
    assert paths["Opgave"][-2:] == ("1. Aanpak ondermijnende criminaliteit", "Opgave")
    assert paths["1.1 Integriteit en veiligheid"] == ("Bijlage 1. Terugblik", "1.1 Integriteit en veiligheid")


def test_short_items_in_a_row_are_not_headings():
    text = "In het IVP zijn de volgende ambities geformuleerd:\n\nAanpak ondermijning\n\nDigitale veiligheid\n\n" \
           "Zorg en veiligheid\n\nVeilig verkeer\n\nOm deze ambities uit te voeren is er een plan."
    assert detect_sections(_lines(text)) == []


def test_sections_in_the_corpus(docs):
    p002 = _paths(docs["002"])
    assert p002["3.2 Prioriteit 1: Aanpak ondermijnende criminaliteit"] == (
        "3. Aanpak prioriteiten 2025-2026", "3.2 Prioriteit 1: Aanpak ondermijnende criminaliteit")
    assert p002["3.1.1 Communicatie"] == ("3. Aanpak prioriteiten 2025-2026", "3.1 Algemeen", "3.1.1 Communicatie")
    assert "Wat gaan we doen in 2025 en 2026?" in p002
    assert p002["Informatiepositie"][-2:] == ("Wat gaan we doen in 2025 en 2026?", "Informatiepositie")
    assert not any(t.startswith(("1. Criminelen", "4. De integrale aanpak")) for t in p002)

    p004 = _paths(docs["004"])
    assert p004["Prioriteit 3: Drugs"] == ("De vier prioriteiten", "Prioriteit 3: Drugs")
    assert p004["Landelijke veiligheidsagenda"][-1] == "Landelijke veiligheidsagenda"

    secs001 = [s for _, s in detect_sections(docs["001"])]
    p001 = {s.title: s.path for s in secs001}
    assert p001["1. Aanpak ondermijnende criminaliteit"] == (
        "4. Ambities en prioriteiten 2023-2026", "1. Aanpak ondermijnende criminaliteit")
    assert p001["5. Verbinding samenleving en maatschappelijke onrust"][0] == "4. Ambities en prioriteiten 2023-2026"
    assert sum(1 for s in secs001 if s.title == "Opgave") == 5
    assert sum(1 for s in secs001 if s.title == "1.2 Bedrijvigheid en veiligheid") == 1  # the contents list is not a heading
    assert p001["Bijlage 2. Organisatie en samenwerking"] == ("Bijlage 2. Organisatie en samenwerking",)
    assert p001["2.4 Thematische werkgroepen"][0] == "Bijlage 2. Organisatie en samenwerking"
    assert p001["Leeswijzer"] == ("1. Inleiding", "Leeswijzer")

    p003 = _paths(docs["003"])
    assert p003["Aanpak ondermijnende criminaliteit"] == ("2. UVP 2025-2026", "Aanpak ondermijnende criminaliteit")
    assert "Toelichting" in p003 and "1. Evaluatie UVP 2023-2024" in p003

    p000 = _paths(docs["000"])
    assert p000["Ambitie 2: Vergroten digitale Veiligheid"][0].startswith("2. Resultaten activiteiten")


# --- blocks ------------------------------------------------------------------------------------


def test_blocks_join_wrapped_lines_and_keep_lists_and_tables():
    text = "Aanpak\n\nDe gemeenten werken\nsamen met de politie.\n\nHet gaat om:\n\n- drugs;\n\n- hennep\nen synthetische drugs.\n\n" \
           "Aantal zaken:\nBERG EN DAL 4 2 5\n\nDRUTEN 8 6 2\n\nTotaal 12 8 7"
    blocks = list(iter_blocks(_lines(text)))
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Aanpak"),
        ("paragraph", "De gemeenten werken samen met de politie."),
        ("paragraph", "Het gaat om:"),
        ("list", "- drugs;\n- hennep en synthetische drugs."),
        ("paragraph", "Aantal zaken:"),
        ("table", "BERG EN DAL 4 2 5\nDRUTEN 8 6 2\nTotaal 12 8 7"),
    ]
    assert all(b.section_path == ("Aanpak",) for b in blocks)


# --- passages ----------------------------------------------------------------------------------


def test_sentences_do_not_split_after_abbreviations():
    assert sentences("Dit geldt o.a. voor drugs. Zie bijv. Halt (m.u.v. Berg en Dal). Het is ‘goed.’ Klaar") == [
        "Dit geldt o.a. voor drugs.", "Zie bijv. Halt (m.u.v. Berg en Dal).", "Het is ‘goed.’", "Klaar"]


def test_long_paragraphs_split_between_sentences():
    sentence = "De gemeenten werken samen met politie en het Openbaar Ministerie aan veiligheid."
    text = "Aanpak\n" + " ".join([sentence] * 40)
    ps = make_passages("doc", _lines(text), target_words=120, max_words=220)
    assert len(ps) >= 3
    assert all(len(p.text.split()) <= 221 for p in ps)
    assert all(p.text.endswith("veiligheid.") for p in ps)
    assert ps[0].text.startswith("Aanpak\nDe gemeenten") and not ps[1].text.startswith("Aanpak")
    assert all(p.section_path == ("Aanpak",) for p in ps)


def test_short_paragraphs_are_merged_up_to_the_target():
    text = "Titel\n\n" + "\n\n".join(f"Alinea {k} met een paar woorden." for k in range(30))
    ps = make_passages("doc", _lines(text), target_words=40, max_words=80)
    assert 3 <= len(ps) <= 6
    assert all(len(p.text.split()) <= 80 for p in ps)


def test_passages_never_cross_sections(docs, passages):
    for name, lines in docs.items():
        section_text: dict[tuple[str, ...], str] = {}
        for b in iter_blocks(lines):
            section_text[b.section_path] = section_text.get(b.section_path, "") + " " + _norm(b.text)
        for p in passages[name]:
            body = p.text.split("\n")
            for part in body:
                assert _norm(part) in section_text[p.section_path], (name, p.id, part)


def test_the_first_passage_of_a_section_starts_with_its_heading(passages):
    texts = [p.text for p in passages["000"]]
    assert any(t.startswith("Ambitie 2: Vergroten digitale Veiligheid\nPortefeuillehouder: Burgemeester Helmer-Englebert.")
               for t in texts)
    first = {}
    for p in passages["002"]:
        first.setdefault(p.section_path, p)
    for path, p in first.items():
        if path:
            assert p.text.split("\n", 1)[0] == path[-1]


def test_ids_are_stable_and_content_addressed(docs):
    a = make_passages("002", docs["002"])
    b = make_passages("002", docs["002"])
    assert [p.id for p in a] == [p.id for p in b]
    assert all(re.fullmatch(r"002:\d{4}:[0-9a-f]{8}", p.id) for p in a)
    assert [p.ordinal for p in a] == list(range(1, len(a) + 1))
    assert len({p.id for p in a}) == len(a)
    # an edit near the end leaves the earlier passages' ids alone
    edited = list(docs["002"])
    last = max(i for i, line in enumerate(edited) if line.text)
    edited[last] = Line(edited[last].text + " Gewijzigd.", edited[last].page)
    c = make_passages("002", edited)
    assert [p.id for p in c[:-1]] == [p.id for p in a[:-1]] and c[-1].id != a[-1].id


@pytest.mark.parametrize("name, fragment", [
    ("002", "Englebert is portefeuillehouder van het thema digitale veiligheid."),
    ("001", "Samen veilig vooruit. Vanuit deze missie bouwen we in Tweestromenland gestaag verder"),
    ("003", "In de raadsvergadering van 30 maart 2023 heeft u kennisgenomen van het Integraal"),
    ("004", "De meldingsbereidheid verhogen voor cybercriminaliteit en daarmee ook meer inzicht krijgen"),
    ("004", "Versie 1.0 Opgesteld door: IV-overleg De Waarden"),
    ("001", "De vier thema’s die benoemd zijn voor 2023-2026, zijn: - ondermijning/georganiseerde criminaliteit"),
    ("001", "Aangetroffen hennepkwekerijen: Misdrijven (stuur) 2020 2021 2022 BERG EN DAL 4 2 5"),
])
def test_fragments_are_whole_inside_one_passage(passages, name, fragment):
    assert any(_norm(fragment) in _norm(p.text) for p in passages[name])


def test_table_stays_with_its_caption(passages):
    table = [p for p in passages["001"] if "Aangetroffen hennepkwekerijen:" in p.text]
    assert len(table) == 1 and "Totaal 40 20 24" in table[0].text


@pytest.mark.skipif(not DEV_QUERIES.exists(), reason="shared evaluation set not present")
def test_every_dev_gold_snippet_sits_inside_one_passage(passages):
    by_file = {f.name: f.name[:3] for f in CORPUS.glob("*.txt")}
    missing = []
    for line in DEV_QUERIES.read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        names = [by_file[f] for f in re.findall(r"\d{3}_[0-9a-f]+\.txt", q["note"]) if f in by_file]
        for gold in q["gold"]:
            if not any(_norm(gold) in _norm(p.text) for n in names for p in passages[n]):
                missing.append((q["id"], gold))
    assert not missing


# --- other formats end to end ------------------------------------------------------------------


def test_pdf_pages_reach_the_passages(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "plan.pdf"
    c = canvas.Canvas(str(path))
    for page, lines in enumerate([["1. Inleiding", "", "De gemeenten werken samen aan veiligheid."],
                                  ["2. Prioriteiten", "", "Drugs en jeugd krijgen voorrang."]], 1):
        y = 720
        for text in lines:
            c.drawString(72, y, text)
            y -= 40 if not text else 16
        c.drawString(300, 40, str(page))  # the page number in the footer
        c.showPage()
    c.save()
    ps = make_passages("plan", clean_lines(raw_lines(read_file(path))))
    assert [(p.section_path, p.page) for p in ps] == [(("1. Inleiding",), 1), (("2. Prioriteiten",), 2)]
    assert ps[1].text == "2. Prioriteiten\nDrugs en jeugd krijgen voorrang."


def test_docx_structure_reaches_the_passages(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("Prioriteit 1: Drugs", level=1)
    d.add_paragraph("We pakken drugs aan met:")
    d.add_paragraph("voorlichting op scholen", style="List Bullet")
    d.add_paragraph("controles in het buitengebied", style="List Bullet")
    t = d.add_table(rows=2, cols=2)
    for r, row in enumerate([["Actie", "Wanneer"], ["Training", "Q3 2025"]]):
        for k, value in enumerate(row):
            t.cell(r, k).text = value
    path = tmp_path / "plan.docx"
    d.save(path)
    (p,) = make_passages("plan", clean_lines(raw_lines(read_file(path))))
    assert p.section_path == ("Prioriteit 1: Drugs",)
    assert p.text == ("Prioriteit 1: Drugs\nWe pakken drugs aan met:\n- voorlichting op scholen\n"
                      "- controles in het buitengebied\nActie | Wanneer\nTraining | Q3 2025")


_WORDS = ["de", "Het", "1.", "2.", "3.1", "Bijlage", "Ambitie", "2:", "Prioriteit", "#", "##", "**Opgave**", "-", "•",
          "\uf0b7", "Terug naar inhoud", "12", "7", "zorg-", "en", "Gelderland-", "Zuid", "be-", "halen.", "Totaal",
          "4", ":", ";", ".", "‘", "2023-2026", "|", "\x00", "\f", "\u00a0", " ", "o.a.", "bijv.", "Opgave"]


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts=st.lists(st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join), max_size=50),
       pages=st.lists(st.one_of(st.none(), st.integers(1, 4)), max_size=50))
def test_any_line_soup_gives_clean_lines_and_valid_passages(texts, pages):
    lines = [Line(t, pages[k] if k < len(pages) else None) for k, t in enumerate(texts)]
    cleaned = clean_lines(lines)
    assert all(line.text == line.text.strip() and "\x00" not in line.text for line in cleaned)
    assert not cleaned or (cleaned[0].text and cleaned[-1].text)
    assert all(a.text or b.text for a, b in zip(cleaned, cleaned[1:]))  # never two breaks in a row
    ps = make_passages("d", cleaned, target_words=20, max_words=40)
    assert all(p.text.strip() and p.ordinal == k for k, p in enumerate(ps, 1))
    assert len({p.id for p in ps}) == len(ps)


CONTENTS = """Veiligheidsbeleid Kaatsheuvelzand 2025-2028

Inhoud
1.  Huidige situatie                                    3
2.  Doelen                                              5
2.1 Minder inbraken                                     6
2.2 Veilig uitgaan                                      7
3.  Samenwerking                                        9

1. Huidige situatie

Het aantal inbraken daalde in drie jaar met een kwart.

2. Doelen

2.1 Minder inbraken

Buurtpreventie en voorlichting in alle wijken.

2.2 Veilig uitgaan

Een convenant met de horeca en extra toezicht in de nacht.

3. Samenwerking

De driehoek stuurt, de partners voeren uit.
"""


def test_a_table_of_contents_sets_no_sections_and_stays_one_passage():
    lines = _lines(CONTENTS)
    sections = detect_sections(lines)
    entries = [i for i, line in enumerate(lines) if re.search(r"\s{3,}\d+$", line.text)]
    assert len(entries) == 5 and not {i for i, _ in sections} & set(entries)
    titles = [s.title for _, s in sections]
    assert [t for t in titles if "Inhoud" not in t] == ["1. Huidige situatie", "2. Doelen", "2.1 Minder inbraken",
                                                        "2.2 Veilig uitgaan", "3. Samenwerking"]
    passages = make_passages("d", lines)
    contents = [p for p in passages if "Samenwerking" in p.text and p.text.rstrip().endswith("9")]
    assert len(contents) == 1 and "Minder inbraken" in contents[0].text  # the whole table, one passage
    convenant = next(p for p in passages if "convenant" in p.text)
    assert convenant.section_path[-2:] == ("2. Doelen", "2.2 Veilig uitgaan")


WORD_NUMBERING = """Kadernota veiligheid 2026-2029

Inhoud
1 Waar staan we nu?                 3
2 Wat willen we bereiken?           4
2.1 Minder woninginbraken           4
3 Hoe werken we samen?              6

1 Waar staan we nu?

In 2025 telden we 3 woninginbraken per 1.000 woningen.

2 Wat willen we bereiken?

2.1 Minder woninginbraken

Voorlichting in alle kernen.

3 Hoe werken we samen?

De driehoek stuurt.

1 gesprek per kwartaal met de horeca
"""


def test_chapters_numbered_without_a_dot_are_headings_where_the_contents_list_them():
    """Word numbers chapters "1 Inleiding", no dot; such a line is a heading when the contents list its title,
    and the body's first heading ends the contents, whose page numbers never go back."""
    lines = _lines(WORD_NUMBERING)
    found = find_toc([line.text for line in lines])
    assert [e.page_ref for e in found.entries] == [3, 4, 4, 6]
    sections = detect_sections(lines)
    paths = [s.path for _, s in sections]
    assert ("1 Waar staan we nu?",) in paths and ("2 Wat willen we bereiken?", "2.1 Minder woninginbraken") in paths
    assert ("3 Hoe werken we samen?",) in paths
    assert not any("gesprek" in s.title for _, s in sections)  # not in the contents: no heading


def test_without_contents_an_undotted_number_is_still_no_heading():
    lines = _lines("Verslag\n\n1 Waar staan we nu?\n\nTekst.\n\n2 Wat willen we?\n\nMeer tekst.\n")
    assert [s.title for _, s in detect_sections(lines)] == ["Verslag"]


def test_without_contents_word_numbered_chapters_are_read_from_their_first_sections():
    lines = _lines("Kadernota 2026\n\n1 Inleiding\n\n1.1 Aanleiding\n\nTekst.\n\n2 Veiligheidsbeeld\n\n"
                   "2.1 Cijfers\n\nTekst.\n\n3 Samenwerking\n\nDe driehoek stuurt.\n\n4 agenten per wijk\n")
    paths = [s.path for _, s in detect_sections(lines)]
    assert ("1 Inleiding", "1.1 Aanleiding") in paths and ("2 Veiligheidsbeeld", "2.1 Cijfers") in paths
    assert ("3 Samenwerking",) in paths  # the next chapter, though it has no sections
    assert not any("agenten" in p[-1] for p in paths)
