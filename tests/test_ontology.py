"""The ontology files, their SHACL shapes and the label index used for entity linking and grounding."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from ontology.labels import LabelIndex, load_ontology_graph, ontology_files, shapes_graph
from ontology.normalize import key
from ontology.vocab import ID, IVP, doc_iri, entity_iri

CORPUS = Path(__file__).parent.parent / "corpus"

# shared/reference/README.md: verified CBS codes per basisteam, and BWB ids of the laws.
GEMEENTEN = {
    "Berg en Dal": ("GM1945", "tweestromenland"), "Beuningen": ("GM0209", "tweestromenland"),
    "Druten": ("GM0225", "tweestromenland"), "Heumen": ("GM0252", "tweestromenland"),
    "West Maas en Waal": ("GM0668", "tweestromenland"), "Wijchen": ("GM0296", "tweestromenland"),
    "West Betuwe": ("GM1960", "de-waarden"), "Buren": ("GM0214", "de-waarden"),
    "Culemborg": ("GM0216", "de-waarden"), "Maasdriel": ("GM0263", "de-waarden"),
    "Neder-Betuwe": ("GM1740", "de-waarden"), "Tiel": ("GM0281", "de-waarden"),
    "Zaltbommel": ("GM0297", "de-waarden"),
}
LAWS = {
    "opiumwet": "BWBR0001941", "wet-bibob": "BWBR0013798", "gemeentewet": "BWBR0005416",
    "politiewet-2012": "BWBR0031788", "wet-tijdelijk-huisverbod": "BWBR0024649", "wvggz": "BWBR0040635",
}
ARTICLES = {
    "artikel-13b-opiumwet": "jci1.3:c:BWBR0001941&artikel=13b",
    "artikel-174a-gemeentewet": "jci1.3:c:BWBR0005416&artikel=174a",
    "artikel-38b-politiewet-2012": "jci1.3:c:BWBR0031788&artikel=38b",
}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology_graph()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return shapes_graph()


@pytest.fixture(scope="module")
def index() -> LabelIndex:
    return LabelIndex.default()


def iri(kind: str, key: str) -> str:
    return str(entity_iri(kind, key))


def linked(index: LabelIndex, text: str, **kw) -> list[tuple[str, str]]:
    return [(m.surface, m.iri[len(str(ID)):]) for m in index.find(text, **kw)]


def ids(index: LabelIndex, text: str, **kw) -> list[str]:
    return [m.iri[len(str(ID)):] for m in index.find(text, **kw)]


# ---------------------------------------------------------------------------------------------
# Files and counts
# ---------------------------------------------------------------------------------------------

def test_ontology_files_exclude_the_shapes():
    names = {p.name for p in ontology_files()}
    assert {"schema.ttl", "themes.ttl", "partners.ttl", "instruments.ttl", "places.ttl"} <= names
    assert "shapes.ttl" not in names


def test_at_least_30_themes_each_with_one_dutch_and_one_english_label(onto):
    themes = set(onto.subjects(RDF.type, IVP.Theme))
    assert len(themes) >= 30
    for t in themes:
        langs = sorted(lit.language for lit in onto.objects(t, SKOS.prefLabel))
        assert langs == ["en", "nl"], t
        assert (t, SKOS.inScheme, ID["scheme/themes"]) in onto


def test_theme_iris_are_minted_from_their_dutch_label(onto):
    for t in onto.subjects(RDF.type, IVP.Theme):
        nl = next(lit for lit in onto.objects(t, SKOS.prefLabel) if lit.language == "nl")
        assert t == entity_iri("theme", str(nl))


def test_at_least_35_partners_and_15_instruments(index):
    assert len(index.concepts("partner")) >= 35
    assert len(index.concepts("instrument")) >= 15


def test_the_iris_other_layers_rely_on_exist(index):
    for kind, key in [("theme", "mensenhandel"), ("theme", "ondermijning"), ("partner", "riec"),
                      ("partner", "otsl"), ("partner", "zvh"), ("partner", "om"), ("partner", "politie"),
                      ("instrument", "wet-bibob"), ("instrument", "artikel-13b-opiumwet"),
                      ("gemeente", "wijchen"), ("basisteam", "tweestromenland"), ("basisteam", "de-waarden")]:
        assert index.concept(iri(kind, key)) is not None, (kind, key)


def test_thirteen_gemeenten_in_their_basisteams_with_cbs_code_and_tooi_uri(onto, index):
    assert {c.label for c in index.concepts("gemeente")} == set(GEMEENTEN)
    for name, (code, team) in GEMEENTEN.items():
        g = entity_iri("gemeente", name)
        assert list(onto.objects(g, ORG.memberOf)) == [entity_iri("basisteam", team)]
        assert [str(x) for x in onto.objects(g, DCTERMS.identifier)] == [code]
        assert list(onto.objects(g, OWL.sameAs)) == [
            URIRef(f"https://identifier.overheid.nl/tooi/id/gemeente/{code.lower()}")]


def test_three_basisteams_of_district_gelderland_zuid(onto):
    teams = set(onto.subjects(RDF.type, IVP.Basisteam))
    assert {str(t).rsplit("/", 1)[-1] for t in teams} == {"tweestromenland", "de-waarden", "nijmegen"}
    for t in teams:
        assert (t, ORG.subOrganizationOf, ID["district/gelderland-zuid"]) in onto


def test_laws_carry_the_verified_bwb_ids(onto):
    for key, bwb in LAWS.items():
        node = entity_iri("instrument", key)
        assert [str(x) for x in onto.objects(node, DCTERMS.identifier)] == [bwb], key
        assert (node, IVP.legalSource, URIRef(f"https://wetten.overheid.nl/{bwb}")) in onto
    for key, jci in ARTICLES.items():
        assert [str(x) for x in onto.objects(entity_iri("instrument", key), IVP.juriconnect)] == [jci]


def test_only_verified_bwb_ids_are_used(onto):
    used = {str(x) for x in onto.objects(None, DCTERMS.identifier) if str(x).startswith("BWBR")}
    assert used == set(LAWS.values())


SCHEMA_TERMS = """Document IntegraalVeiligheidsplan Uitvoeringsplan Evaluatierapport Raadsinformatienota Basisteam
Gemeente Partner Theme Instrument Action Priority Role Passage kind basisteam periodStart periodEnd sha256 gemeente
text page sectionPath ordinal mentions number theme goal portefeuillehouder hasPriority holderName roleName priority
plan cycle timelineText timelineStart timelineEnd resultText status statusBasis statusDerived reportColour partner
instrument owner
worksOn appliesTo sentence acronym relatedTheme juriconnect legalSource followUp servesPriority""".split()


def test_schema_declares_every_term_with_labels_in_both_languages(onto):
    used = {p for p in onto.predicates() if str(p).startswith(str(IVP))}
    used |= {o for o in onto.objects(None, RDF.type) if str(o).startswith(str(IVP))}
    for term in used | {IVP[t] for t in SCHEMA_TERMS}:
        langs = {lit.language for lit in onto.objects(term, RDFS.label)}
        assert {"nl", "en"} <= langs, term
        assert (term, RDFS.comment, None) in onto, term
    assert (IVP.Document, RDFS.subClassOf, PROV.Entity) in onto
    assert (IVP.Role, RDFS.subClassOf, ORG.Post) in onto
    assert (IVP.Theme, RDFS.subClassOf, SKOS.Concept) in onto
    for cls in (IVP.Basisteam, IVP.Gemeente, IVP.Partner):
        assert (cls, RDFS.subClassOf, ORG.Organization) in onto


def test_every_surface_form_names_one_concept(index):
    """An ambiguous label would link text to two concepts at random."""
    owners: dict[str, set[str]] = {}
    for c in index.concepts():
        for form in c.labels:
            owners.setdefault(key(form), set()).add(c.iri)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes


def test_related_themes_and_broader_links_point_at_themes(onto):
    themes = set(onto.subjects(RDF.type, IVP.Theme))
    for _, o in onto.subject_objects(IVP.relatedTheme):
        assert o in themes, o
    for s, o in onto.subject_objects(SKOS.broader):
        if s in themes:
            assert o in themes, (s, o)


def test_loader_materialises_narrower_and_top_concepts(onto):
    assert (ID["theme/ondermijning"], SKOS.narrower, ID["theme/mensenhandel"]) in onto
    assert (ID["scheme/themes"], SKOS.hasTopConcept, ID["theme/ondermijning"]) in onto
    assert (ID["scheme/themes"], SKOS.hasTopConcept, ID["theme/mensenhandel"]) not in onto


# ---------------------------------------------------------------------------------------------
# SHACL
# ---------------------------------------------------------------------------------------------

def _conforms(data: Graph, shapes: Graph) -> tuple[bool, str]:
    ok, _, text = validate(data, shacl_graph=shapes, advanced=True)
    return ok, text


def test_shapes_parse_and_cover_every_kind_of_node(shapes):
    SH = "http://www.w3.org/ns/shacl#"
    targets = set(shapes.objects(None, URIRef(SH + "targetClass")))
    assert {IVP.Document, IVP.Passage, IVP.Priority, IVP.Role, IVP.Action, RDF.Statement,
            IVP.Theme, IVP.Partner, IVP.Instrument, IVP.Gemeente, IVP.Basisteam} <= targets


def test_the_ontology_conforms_to_its_shapes(onto, shapes):
    ok, text = _conforms(onto, shapes)
    assert ok, text


@pytest.mark.parametrize("breakage", ["no_label", "bad_code", "two_teams", "theme_without_english"])
def test_a_broken_ontology_is_rejected(onto, shapes, breakage):
    g = Graph()
    for t in onto:
        g.add(t)
    wijchen, mh = ID["gemeente/wijchen"], ID["theme/mensenhandel"]
    if breakage == "no_label":  # a gemeente's basisteam may be unknown (outside the verified data), its name not
        g.remove((wijchen, SKOS.prefLabel, None))
    elif breakage == "bad_code":
        g.set((wijchen, DCTERMS.identifier, Literal("0296")))
    elif breakage == "two_teams":
        g.add((wijchen, ORG.memberOf, ID["basisteam/de-waarden"]))
    elif breakage == "theme_without_english":
        g.remove((mh, SKOS.prefLabel, Literal("Human trafficking", lang="en")))
    ok, _ = _conforms(g, shapes)
    assert not ok


def _document_graph() -> Graph:
    """One document's named graph as kg/mapping.py writes it."""
    g = Graph()
    d = doc_iri("002_demo")
    bt = ID["basisteam/tweestromenland"]
    p = ID["passage/002-demo-p1"]
    pr = ID["priority/tweestromenland-1"]
    role = ID["person/tweestromenland-bergman"]
    a = ID["action/002-demo-1"]
    ev = ID["evidence/002-demo-abc"]
    g.add((d, RDF.type, IVP.Document))
    g.add((d, RDF.type, IVP.Uitvoeringsplan))
    g.add((d, DCTERMS.title, Literal("Uitvoeringsplan 2025-2026")))
    g.add((d, IVP.kind, Literal("uvp")))
    g.add((d, IVP.basisteam, bt))
    g.add((d, IVP.periodStart, Literal(2025, datatype=XSD.integer)))
    g.add((d, IVP.periodEnd, Literal(2026, datatype=XSD.integer)))
    g.add((d, IVP.sha256, Literal("a" * 64)))
    g.add((d, DCTERMS.source, Literal("002.txt")))
    g.add((p, RDF.type, IVP.Passage))
    g.add((p, DCTERMS.isPartOf, d))
    g.add((p, IVP.text, Literal("Het RIEC werkt aan de aanpak van mensenhandel.")))
    g.add((p, IVP.ordinal, Literal(1, datatype=XSD.integer)))
    g.add((p, IVP.sectionPath, Literal("3 Aanpak > 3.2 Prioriteit 1")))
    g.add((p, IVP.page, Literal(7, datatype=XSD.integer)))
    g.add((p, IVP.mentions, ID["partner/riec"]))
    g.add((pr, RDF.type, IVP.Priority))
    g.add((pr, RDFS.label, Literal("Aanpak ondermijnende criminaliteit", lang="nl")))
    g.add((pr, IVP.number, Literal(1, datatype=XSD.integer)))
    g.add((pr, IVP.basisteam, bt))
    g.add((pr, IVP.theme, ID["theme/ondermijning"]))
    g.add((pr, PROV.wasDerivedFrom, p))
    g.add((pr, IVP.portefeuillehouder, role))
    g.add((role, RDF.type, IVP.Role))
    g.add((role, RDFS.label, Literal("Burgemeester Bergman")))
    g.add((role, IVP.holderName, Literal("Bergman")))
    g.add((role, IVP.roleName, Literal("portefeuillehouder")))
    g.add((role, IVP.basisteam, bt))
    g.add((a, RDF.type, IVP.Action))
    g.add((a, RDFS.label, Literal("Inrichten meldroute mensenhandel", lang="nl")))
    g.add((a, IVP.basisteam, bt))
    g.add((a, IVP.plan, d))
    g.add((a, IVP.cycle, Literal("2025-2026")))
    g.add((a, IVP.timelineText, Literal("Q3 2025")))
    g.add((a, IVP.timelineStart, Literal("2025-07-01", datatype=XSD.date)))
    g.add((a, IVP.timelineEnd, Literal("2025-09-30", datatype=XSD.date)))
    g.add((a, IVP.status, Literal("loopt")))
    g.add((a, IVP.statusDerived, Literal(True)))
    g.add((a, IVP.reportColour, Literal("oranje")))
    g.add((a, IVP.theme, ID["theme/mensenhandel"]))
    g.add((a, PROV.wasDerivedFrom, p))
    g.add((ev, RDF.type, RDF.Statement))
    g.add((ev, RDF.subject, ID["partner/riec"]))
    g.add((ev, RDF.predicate, IVP.worksOn))
    g.add((ev, RDF.object, ID["theme/mensenhandel"]))
    g.add((ev, PROV.wasDerivedFrom, p))
    g.add((ev, IVP.sentence, Literal("Het RIEC werkt aan de aanpak van mensenhandel.", lang="nl")))
    return g


def test_a_well_formed_document_graph_conforms(shapes):
    ok, text = _conforms(_document_graph(), shapes)
    assert ok, text


ACTION = ID["action/002-demo-1"]
DOC = doc_iri("002_demo")


@pytest.mark.parametrize("mutate", [
    lambda g: g.set((ACTION, IVP.cycle, Literal("2025"))),
    lambda g: g.set((ACTION, IVP.status, Literal("bezig"))),
    lambda g: g.set((ACTION, IVP.reportColour, Literal("paars"))),
    lambda g: g.add((ACTION, IVP.basisteam, ID["basisteam/de-waarden"])),
    lambda g: g.remove((ACTION, PROV.wasDerivedFrom, None)),
    lambda g: g.set((ACTION, IVP.timelineEnd, Literal("2025-01-01", datatype=XSD.date))),
    lambda g: g.remove((ID["priority/tweestromenland-1"], IVP.theme, None)),
    lambda g: g.remove((ID["passage/002-demo-p1"], DCTERMS.isPartOf, None)),
    lambda g: g.set((DOC, IVP.kind, Literal("ivp"))),  # kind says IVP, class says Uitvoeringsplan
    lambda g: g.set((DOC, IVP.kind, Literal("plan"))),
    lambda g: g.set((DOC, IVP.sha256, Literal("not-a-hash"))),
    lambda g: g.remove((ID["evidence/002-demo-abc"], IVP.sentence, None)),
    lambda g: g.set((ID["person/tweestromenland-bergman"], IVP.roleName, Literal("wethouder"))),
], ids=["cycle", "status", "colour", "two-basisteams", "no-provenance", "timeline-backwards", "priority-no-theme",
        "orphan-passage", "kind-vs-class", "unknown-kind", "sha256", "evidence-no-sentence", "role-name"])
def test_a_malformed_document_graph_is_rejected(shapes, mutate):
    g = _document_graph()
    mutate(g)
    ok, _ = _conforms(g, shapes)
    assert not ok


# ---------------------------------------------------------------------------------------------
# Label index: loading
# ---------------------------------------------------------------------------------------------

def test_the_index_builds_fast_from_the_turtle_files():
    start = time.perf_counter()
    LabelIndex.from_graph(load_ontology_graph())
    assert time.perf_counter() - start < 1.5  # about 0.25 s on a quiet machine


def test_default_index_is_cached():
    assert LabelIndex.default() is LabelIndex.default()


def test_concepts_carry_labels_in_both_languages_and_acronyms(index):
    riec = index.concept(iri("partner", "riec"))
    assert riec.type == "partner" and riec.acronym == "RIEC"
    assert "RIEC Oost-Nederland" in riec.labels
    mh = index.concept(iri("theme", "mensenhandel"))
    assert (mh.label, mh.label_en) == ("Mensenhandel", "Human trafficking")
    assert {c.type for c in index.concepts()} == {"theme", "partner", "instrument", "gemeente", "basisteam"}


# ---------------------------------------------------------------------------------------------
# Label index: entity linking in running text
# ---------------------------------------------------------------------------------------------

def test_short_acronyms_only_link_in_capitals(index):
    assert ids(index, "Om te voorkomen dat het misgaat, om 10 uur.") == []
    assert ids(index, "Het OM en de politie") == ["partner/om", "partner/politie"]
    assert ids(index, "de apv en de APV") == ["instrument/apv"]
    assert ids(index, "zvh, ZVH") == ["partner/zvh"]
    assert ids(index, "melden via MMA of mma") == ["instrument/mma"]
    assert ids(index, "het PVO") == ["partner/pvo"]


def test_halt_links_as_a_name_not_as_a_word(index):
    assert ids(index, "Halt, HALT en een halt toeroepen") == ["partner/halt", "partner/halt"]


def test_place_names_need_a_capital(index):
    assert ids(index, "overlast van de buren") == []
    assert ids(index, "in Buren en Tiel") == ["gemeente/buren", "gemeente/tiel"]
    assert ids(index, "de waarden van de rechtsstaat") == []
    assert ids(index, "gezagsdriehoek en basisteam De Waarden") == ["partner/gezagsdriehoek", "basisteam/de-waarden"]
    assert ids(index, "WEST MAAS EN WAAL 7 0 2") == ["gemeente/west-maas-en-waal"]
    assert ids(index, "West Maas & Waal") == ["gemeente/west-maas-en-waal"]


@pytest.mark.parametrize("text,expected", [
    ("aan de RIEC-tafel besproken", "partner/riec"),
    ("binnen het RIEC-samenwerkingsverband", "partner/riec"),
    ("harmonisatie van het Bibob-beleid", "instrument/wet-bibob"),
    ("evaluatie bestaand BIBOB-beleid", "instrument/wet-bibob"),
    ("toepassing van het Bibob-instrumentarium", "instrument/wet-bibob"),
    ("model beleidslijn 13b Opiumwet", "instrument/artikel-13b-opiumwet"),
    ("Actualiseren drugsbeleid (artikel\n13B Opiumwet)", "instrument/artikel-13b-opiumwet"),
    ("Artikel 174a van de Gemeentewet", "instrument/artikel-174a-gemeentewet"),
    ("staat op het OTSL-overleg", "partner/otsl"),
    ("de georganiseerde, ondermijnende criminaliteit", "theme/ondermijning"),
    ("de mensenhandelaars", "theme/mensenhandel"),
    ("misstanden prostitutie", "theme/mensenhandel"),
    ("herijking van het drugsbeleid", "theme/drugs"),
    ("drugshandel op straat", "theme/drugs"),
    ("de aanpak van drugscriminaliteit", "theme/drugs"),
    ("de menukaarten Weerbaar Gelderland-\nZuid", "partner/weerbaar-gelderland-zuid"),
    ("de menukaarten Weerbaar Gelderland Zuid", "partner/weerbaar-gelderland-zuid"),
    ("het Zorg- en\nVeiligheidshuis", "partner/zvh"),
    ("Zorg- en veiligheidshuis Rijk van \n\nNijmegen", "partner/zvh"),
    ("de Wet tijdelijk huisverbod en de Wet verplichte GGZ", "instrument/wet-tijdelijk-huisverbod"),
    ("een crisismaatregel op grond van de Wvggz", "instrument/wvggz"),
    ("Vergroten Verkeersveiligheid", "theme/verkeersveiligheid"),
    ("Veilig Verkeer", "theme/verkeersveiligheid"),
    ("Verbinding samenleving en maatschappelijk onbehagen", "theme/verbinding-samenleving-en-maatschappelijke-onrust"),
    ("Verbinding samenleving en maatschappelijke risico’s", "theme/verbinding-samenleving-en-maatschappelijke-onrust"),
    ("Prioriteit 4: Digitale Criminaliteit", "theme/digitale-veiligheid"),
    ("meer regieteams", "partner/regieteam"),
    ("Jeugd- en Veiligheidsoverleg", "partner/jeugd-en-veiligheidsoverleg"),
    ("het 7-\nstappenmodel", "instrument/7-stappenmodel"),
    ("de AVE-methodiek", "instrument/ave"),
    ("actiedag 24-uur\nBlauw", "instrument/24-uur-blauw"),
    ("Ambitie 2: Veilig uitgaan", "theme/veilig-uitgaan"),
    ("extra toezicht in het uitgaansgebied", "theme/veilig-uitgaan"),
    ("the town's nightlife", "theme/veilig-uitgaan"),
    ("het horecaconvenant is in juni ondertekend", "instrument/horecaconvenant"),
    ("deelname aan het Keurmerk Veilig Uitgaan", "instrument/horecaconvenant"),
    ("afspraken over schoolveiligheid", "theme/schoolveiligheid"),
    ("toezicht in veilige winkelgebieden", "theme/veilig-winkelgebied"),
    ("de informatiebeveiliging van de gemeente", "theme/informatieveiligheid"),
])
def test_compounds_inflections_and_line_breaks_link(index, text, expected):
    assert expected in ids(index, text)


def test_a_broken_word_at_a_line_end_is_healed(index):
    assert linked(index, "gedraaide ondermijnings-\nonderzoeken") == [("ondermijnings-\nonderzoeken", "theme/ondermijning")]


def test_longest_match_wins_and_matches_do_not_overlap(index):
    assert ids(index, "verkeersveiligheid") == ["theme/verkeersveiligheid"]
    assert ids(index, "het zorg- en veiligheidshuis") == ["partner/zvh"]  # not the theme zorg en veiligheid
    assert ids(index, "zorg en veiligheid") == ["theme/zorg-en-veiligheid"]
    assert ids(index, "RIEC Oost-Nederland") == ["partner/riec"]
    assert ids(index, "Politiewet 2012") == ["instrument/politiewet-2012"]  # not politie
    assert ids(index, "synthetische drugs en drugsdumpingen") == ["theme/synthetische-drugs"] * 2
    matches = index.find("Het Openbaar Ministerie en het Regionaal Informatie en Expertisecentrum (RIEC)")
    spans = [(m.start, m.end) for m in matches]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert [m.surface for m in matches] == ["Openbaar Ministerie", "Regionaal Informatie en Expertisecentrum", "RIEC"]


def test_match_offsets_point_into_the_original_text(index):
    text = "Het Zorg- en\nVeiligheidshuis (ZVH) werkt met Veilig Thuis."
    for m in index.find(text):
        assert text[m.start:m.end] == m.surface
        assert m.label == index.concept(m.iri).label


@pytest.mark.parametrize("text", [
    "de politiek en politieke partijen",  # not politie
    "verkeerde keuzes",  # not verkeer
    "Om dit te bereiken",
    "integriteitsbeoordelingen",  # not the theme integriteit
    "een halt toeroepen",
    "zo snel mogelijk",
    "het eventuele vervolg",  # English 'event' does not head Dutch words
    "voel je veilig, thuis en op straat",  # a comma splits the name Veilig Thuis
])
def test_false_friends_do_not_link(index, text):
    assert ids(index, text) == []


def test_youth_words_link_to_the_most_specific_theme(index):
    assert ids(index, "jeugdoverlast") == ["theme/jeugdoverlast"]
    assert ids(index, "problematische jeugdgroepen") == ["theme/jeugdoverlast"]
    # youth police officers are about youth: linked to jeugd, not to jeugdoverlast
    assert ids(index, "jeugdagenten") == ["theme/jeugd"]


@pytest.mark.parametrize("query,expected", [
    ("Which partners work on human trafficking?", ["theme/mensenhandel"]),
    ("road safety actions", ["theme/verkeersveiligheid"]),
    ("traffic safety", ["theme/verkeersveiligheid"]),
    ("youth and drugs", ["theme/jeugd", "theme/drugs"]),
    ("online fraud", ["theme/digitale-veiligheid"]),
    ("organised crime", ["theme/ondermijning"]),
    ("domestic violence", ["theme/huiselijk-geweld"]),
    ("the police and the public prosecutor", ["partner/politie", "partner/om"]),
    ("events", ["theme/evenementen"]),
    ("What is the SIV?", ["partner/siv"]),
])
def test_english_questions_ground(index, query, expected):
    assert ids(index, query) == expected


@pytest.mark.parametrize("query,expected", [
    ("what is being done about teenagers and alcohol abuse", ["theme/jeugd", "theme/middelengebruik"]),
    ("wat doen de agenten aan burenoverlast?", ["partner/politie", "theme/woonoverlast"]),
    ("phishing and ransomware against small shops", ["theme/digitale-veiligheid"] * 2),
    ("Is er een aanpak voor drank achter het stuur?", ["theme/rijden-onder-invloed"]),
    ("cops checking for drunk drivers", ["partner/politie", "theme/rijden-onder-invloed"]),
    ("hangjongeren bij het winkelcentrum", ["theme/jeugdoverlast"]),
    ("rogue landlords and dirty money", ["theme/misbruik-van-vastgoed", "theme/witwassen"]),
    ("an anonymous tip line for residents", ["instrument/mma"]),
    # second round: the common words of each field, not only its policy term
    ("aanslagen met explosieven op woningen", ["theme/explosies-en-vuurwerk"]),
    ("pimps and labour exploitation", ["theme/mensenhandel", "theme/mensenhandel"]),
    ("omkoping en belangenverstrengeling", ["theme/integriteit", "theme/integriteit"]),
    ("lachgas bij jongeren", ["theme/middelengebruik", "theme/jeugd"]),
    ("help for released prisoners", ["theme/nazorg-ex-gedetineerden"]),
    ("misbruik door zorgcowboys", ["theme/zorgfraude"]),
])
def test_everyday_words_ground_in_both_languages(index, query, expected):
    """ontology/everyday.ttl: the words residents type where the plans use policy terms."""
    assert ids(index, query, relaxed=True) == expected


def test_everyday_wordings_only_label_existing_concepts(onto):
    """A mistyped IRI in everyday.ttl would mint a concept with a label and nothing else."""
    everyday = Graph().parse(Path(__file__).parent.parent / "ontology" / "everyday.ttl")
    subjects = set(everyday.subjects())
    assert subjects and all(isinstance(s, URIRef) for s in subjects)
    for s in subjects:
        assert (s, SKOS.prefLabel, None) in onto, f"{s} has no prefLabel in the other ontology files"
    assert set(everyday.predicates()) == {SKOS.altLabel}
    assert {o.language for o in everyday.objects()} == {"nl", "en"}


def test_relaxed_mode_reads_lower_case_acronyms_and_places_but_not_common_words(index):
    q = "wat doet het riec in tiel om drugs te bestrijden"
    assert ids(index, q) == ["theme/drugs"]
    assert ids(index, q, relaxed=True) == ["partner/riec", "gemeente/tiel", "theme/drugs"]


# ---------------------------------------------------------------------------------------------
# Label index: names typed by a user
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,first", [
    ("zvh", "partner/zvh"),
    ("Zorg en veiligheidshuis", "partner/zvh"),
    ("om", "partner/om"),
    ("RIEC", "partner/riec"),
    ("human trafficking", "theme/mensenhandel"),
    ("Mensenhandel", "theme/mensenhandel"),
    ("west maas & waal", "gemeente/west-maas-en-waal"),
    ("Justitiele Inrichtingen", "partner/dji"),
    ("13b opiumwet", "instrument/artikel-13b-opiumwet"),
    ("drugsbeleid", "theme/drugs"),
    ("theme/mensenhandel", "theme/mensenhandel"),
    ("ondermijn", "theme/ondermijning"),
    ("hackshield", "instrument/hackshield"),
])
def test_lookup_puts_the_intended_concept_first(index, name, first):
    found = index.lookup(name)
    assert found and found[0].iri == str(ID) + first


def test_lookup_filters_by_type_and_rejects_nonsense(index):
    partners = index.lookup("veilig", "partner")
    assert partners and {c.type for c in partners} == {"partner"}
    assert index.lookup("drugs", "partner") == []
    assert index.lookup("xyzzy") == []
    assert index.lookup("") == []
    assert [c.iri for c in index.lookup("Tiel")] == [iri("gemeente", "tiel")]


def test_theme_hierarchy(index):
    ond, drugs, hennep = iri("theme", "ondermijning"), iri("theme", "drugs"), iri("theme", "hennep")
    assert index.broader(hennep) == [drugs, ond]
    assert index.broader(hennep, transitive=False) == [drugs]
    assert {drugs, hennep, iri("theme", "mensenhandel"), iri("theme", "veilig-buitengebied")} <= set(index.narrower(ond))
    assert hennep not in index.narrower(ond, transitive=False)
    assert iri("theme", "jeugdoverlast") in index.narrower(iri("theme", "jeugd"))
    assert index.broader(ond) == []


# ---------------------------------------------------------------------------------------------
# The real corpus
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_links(index) -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in sorted(CORPUS.glob("*.txt")):
        for m in index.find(path.read_text(encoding="utf-8")):
            key = m.iri[len(str(ID)):]
            counts[key] = counts.get(key, 0) + 1
    return counts


@pytest.mark.parametrize("concept", [
    "partner/riec", "partner/otsl", "partner/zvh", "partner/weerbaar-gelderland-zuid", "partner/ccv",
    "partner/halt", "partner/politie", "partner/om",
    "instrument/wet-bibob", "instrument/artikel-13b-opiumwet", "instrument/artikel-174a-gemeentewet",
    "instrument/wet-tijdelijk-huisverbod", "instrument/wvggz",
    "theme/ondermijning", "theme/mensenhandel", "theme/drugs", "theme/jeugd", "theme/verkeersveiligheid",
    "theme/digitale-veiligheid", "theme/zorg-en-veiligheid",
    "theme/verbinding-samenleving-en-maatschappelijke-onrust",
    "basisteam/tweestromenland", "basisteam/de-waarden", "gemeente/wijchen",
])
def test_the_corpus_names_the_key_concepts(corpus_links, concept):
    assert corpus_links.get(concept, 0) >= 1


def test_the_corpus_never_links_om_from_ordinary_dutch(index):
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for m in index.find(text):
            if m.iri == iri("partner", "om") and len(m.surface) == 2:
                assert m.surface == "OM"


def test_each_priority_heading_of_both_plans_links_to_its_theme(index):
    headings = {
        "Ambitie 1: aanpak ondermijnende criminaliteit.": "theme/ondermijning",
        "Ambitie 2: Vergroten digitale Veiligheid": "theme/digitale-veiligheid",
        "Ambitie 3: Zorg en Veiligheid dichterbij elkaar": "theme/zorg-en-veiligheid",
        "Ambitie 4: Vergroten Verkeersveiligheid": "theme/verkeersveiligheid",
        "Ambitie 5: Verbinding samenleving en maatschappelijk onbehagen":
            "theme/verbinding-samenleving-en-maatschappelijke-onrust",
        "5. Verbinding samenleving en maatschappelijke onrust":
            "theme/verbinding-samenleving-en-maatschappelijke-onrust",
        "Prioriteit 1: Zorg en Veiligheid": "theme/zorg-en-veiligheid",
        "Prioriteit 2: Jeugd": "theme/jeugd",
        "Prioriteit 3: Drugs": "theme/drugs",
        "Prioriteit 4: Digitale veiligheid": "theme/digitale-veiligheid",
    }
    for heading, theme in headings.items():
        themes = [m.iri[len(str(ID)):] for m in index.find(heading) if m.type == "theme"]
        assert themes[:1] == [theme], heading


@pytest.mark.parametrize("text, concept", [
    ("op grond van artikel 38b van de Politiewet 2012", "instrument/artikel-38b-politiewet-2012"),
    ("under Article 174a of the Municipalities Act", "instrument/artikel-174a-gemeentewet"),
    ("section 13b of the Opium Act", "instrument/artikel-13b-opiumwet"),
    ("artikel 13b Opiumwet", "instrument/artikel-13b-opiumwet"),
])
def test_an_article_of_a_law_is_found_as_a_sentence_cites_it(index, text, concept):
    """"Artikel 38b Politiewet 2012" is written "artikel 38b van de Politiewet 2012" in running text."""
    assert ids(index, text) == [concept]
