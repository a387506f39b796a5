"""Kind, period and owner of plans from anywhere in the country (ingest/metadata.py, ingest/owners.py,
ontology/cues.toml), and what the graph keeps of a plan whose place is unknown (kg/mapping.py).

The fixture texts are written for these tests: title pages and first paragraphs in the layouts real plans
use, with place names from the national reference data (ontology/places.py).
"""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ingest.link import link_document
from ingest.metadata import apply_sidecar, infer_meta
from ingest.model import Action, DocumentMeta, ExtractedDocument, Holder, Line, Passage, Priority
from ingest.owners import owner_of
from ingest.pipeline import extract_file
from kg.mapping import document_triples, priority_iri
from ontology.cues import CUES_FILE, cues
from ontology.labels import shapes_graph
from ontology.places import places
from ontology.vocab import ID, IVP

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILLER = "\n".join(f"Paragraaf {n}. De partners bespreken elke maand de voortgang in het overleg." for n in range(70))

# name: (text, kind, (start, end), owner label, owner kind, basisteam, title)
CASES = {
    "kadernota of one gemeente in Zeeland": ("""KADERNOTA INTEGRALE VEILIGHEID 2024-2027
Gemeente Goes

1. Inleiding
Deze kadernota beschrijft hoe de gemeente Goes de komende vier jaar werkt aan een veilige stad.
Samen met politie, Openbaar Ministerie en het RIEC pakken we ondermijning aan.
""", "ivp", (2024, 2027), "Goes", "gemeente", None, "Kadernota Integrale Veiligheid Goes 2024-2027"),
    "regional plan of three gemeenten": ("""Integraal Veiligheidsplan 2023-2026
Samen veilig in de Kempen

Dit veiligheidsplan is opgesteld door de gemeenten Bergeijk, Bladel en Eersel. De drie gemeenten
werken al jaren samen op het gebied van openbare orde en veiligheid.
""", "ivp", (2023, 2026), "Bergeijk, Bladel en Eersel", "gemeenten", None,
        "Integraal Veiligheidsplan Bergeijk, Bladel en Eersel 2023-2026"),
    "basisteam plan listing its gemeenten": ("""Integraal Veiligheidsplan basisteam Maas en Leijgraaf 2024-2027

Voorwoord
Het basisteam Maas en Leijgraaf werkt voor de gemeenten Oss, Bernheze en Maashorst. Dit plan is
vastgesteld door de gezagsdriehoek Maas en Leijgraaf en geeft richting aan de aanpak in de drie gemeenten.
""", "ivp", (2024, 2027), "Maas en Leijgraaf", "basisteam", "Maas en Leijgraaf",
        "Integraal Veiligheidsplan Maas en Leijgraaf 2024-2027"),
    "jaarplan of one year": ("""Jaarplan Veiligheid 2021
Gemeente Ede

Dit jaarplan beschrijft welke acties de gemeente Ede in 2021 uitvoert op de prioriteiten uit het
Integraal Veiligheidsplan 2019-2022.
""", "uvp", (2021, 2021), "Ede", "gemeente", None, "Jaarplan Ede 2021"),
    "voortgangsrapportage": ("""Voortgangsrapportage Integraal Veiligheidsplan 2023 t/m 2026
Stand van zaken over 2024
Gemeente Maastricht

In deze voortgangsrapportage leest u hoe het staat met de uitvoering van het integraal veiligheidsplan
2023 t/m 2026 van de gemeente Maastricht.
""", "evaluation", (2023, 2026), "Maastricht", "gemeente", None,
        "Voortgangsrapportage Integraal Veiligheidsplan Maastricht 2023-2026"),
    "raadsinformatiebrief": ("""Raadsinformatiebrief
Onderwerp: Evaluatie veiligheidsbeleid 2019 tot en met 2022
Datum: 14 maart 2023
Aan de gemeenteraad van Epe

Geachte leden van de raad,
Met deze brief informeren wij u over de evaluatie van het veiligheidsbeleid van de gemeente Epe.
Het college van burgemeester en wethouders van Epe
""", "council_note", (2019, 2022), "Epe", "gemeente", None,
        "Raadsinformatiebrief gemeenteraad Epe: Evaluatie veiligheidsbeleid 2019 tot en met 2022"),
    "masterplan": ("""MASTERPLAN VEILIGHEID
Gemeente Almere
2022 - 2025

Voorwoord
Met dit masterplan zet Almere in op een stad waar iedereen zich veilig voelt, in elke wijk.
""", "ivp", (2022, 2025), "Almere", "gemeente", None, "Masterplan Veiligheid Almere 2022-2025"),
    "another basisteam in passing": ("""Integraal Veiligheidsplan Oss 2024-2027

1. Inleiding
Dit plan beschrijft de prioriteiten van de gemeente Oss voor de komende vier jaar. Voor de aanpak van
woninginbraken kijken we naar de ervaringen van basisteam De Kempen.
""", "ivp", (2024, 2027), "Oss", "gemeente", None, "Integraal Veiligheidsplan Oss 2024-2027"),
    "Best and Goes as words": ("""Veiligheidsplan 2023-2026
Samen werken aan een veilige wijk

Best practices uit het hele land zijn gebruikt voor dit plan. Wie Goes noemt, noemt Zeeland; maar dit
plan gaat over onze eigen wijken.
""", "ivp", (2023, 2026), None, None, None, "Veiligheidsplan 2023-2026"),
    "Best as a word beside a gemeente": ("""Veiligheidsplan 2023-2026
Gemeente Veldhoven

Best practices uit de regio zijn gebruikt voor dit plan. De gemeente Veldhoven werkt samen met de
politie en het RIEC.
""", "ivp", (2023, 2026), "Veldhoven", "gemeente", None, "Veiligheidsplan Veldhoven 2023-2026"),
    "gemeenteblad header": ("""GEMEENTEBLAD
Officiële uitgave van de gemeente Zwolle
Nr. 123456
Integraal Veiligheidsbeleid 2024-2027

Artikel 1. Dit veiligheidsbeleid geldt voor de gemeente Zwolle.
""", "ivp", (2024, 2027), "Zwolle", "gemeente", None, "Integraal Veiligheidsbeleid Zwolle 2024-2027"),
    "signature at the end": ("Uitvoeringsprogramma Veiligheid 2024\n\n1. Inleiding\nDit uitvoeringsprogramma geeft "
                             "de acties voor 2024.\n" + FILLER + "\nVastgesteld op 12 maart 2024.\n"
                             "De burgemeester van Deventer,\n",
                             "uvp", (2024, 2024), "Deventer", "gemeente", None, "Uitvoeringsprogramma Deventer 2024"),
    "gemeente plan inside a known basisteam": ("""Integraal Veiligheidsplan Wijchen 2024-2027

1. Inleiding
Dit plan beschrijft hoe de gemeente Wijchen werkt aan veiligheid. In de gezagsdriehoek Tweestromenland
stemmen we af met de andere gemeenten van het basisteam; de afspraken daar staan in een eigen plan.
Het basisteam Tweestromenland levert de wijkagenten. Ook in Tweestromenland staat ondermijning voorop.
""", "ivp", (2024, 2027), "Wijchen", "gemeente", "Tweestromenland", "Integraal Veiligheidsplan Wijchen 2024-2027"),
    "evaluation of an uitvoeringsplan": ("""Evaluatie Uitvoeringsplan Veiligheid 2022
Gemeente Heerlen

1. Inleiding
In deze evaluatie leest u wat er van het uitvoeringsplan 2022 is terechtgekomen.
""", "evaluation", (2022, 2022), "Heerlen", "gemeente", None, "Evaluatie Uitvoeringsplan Heerlen 2022"),
    "uitvoeringsprogramma of an integraal veiligheidsbeleid": ("""Uitvoeringsprogramma Integraal Veiligheidsbeleid 2025
gemeente 's-Hertogenbosch

Dit uitvoeringsprogramma werkt het Integraal Veiligheidsbeleid 2023-2026 uit voor het jaar 2025.
""", "uvp", (2025, 2025), "'s-Hertogenbosch", "gemeente", None,
        "Uitvoeringsprogramma Integraal Veiligheidsbeleid 's-Hertogenbosch 2025"),
}


def _meta(text: str) -> DocumentMeta:
    return infer_meta([Line(t) for t in text.split("\n")], "document.txt")


@pytest.mark.parametrize("name", list(CASES))
def test_kind_period_owner_and_title(name: str):
    text, kind, period, owner, owner_kind, basisteam, title = CASES[name]
    m = _meta(text)
    assert (m.kind, (m.period_start, m.period_end)) == (kind, period)
    assert (m.owner, m.owner_kind, m.basisteam) == (owner, owner_kind, basisteam)
    assert m.title == title
    for code in m.owner_gemeenten:  # every owner gemeente is a real one, by its CBS code
        assert places().gemeente(code) is not None


def test_owner_gemeenten_are_cbs_codes():
    assert _meta(CASES["regional plan of three gemeenten"][0]).owner_gemeenten == ["GM1724", "GM1728", "GM0770"]
    listed = _meta(CASES["basisteam plan listing its gemeenten"][0]).owner_gemeenten
    assert {places().gemeente(c).name for c in listed} == {"Oss", "Bernheze", "Maashorst"}
    wijchen = _meta(CASES["gemeente plan inside a known basisteam"][0])
    assert wijchen.owner_gemeenten == ["GM0296"] and wijchen.gemeente == "Wijchen"


def test_an_unknown_basisteam_is_minted_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="ingest.owners"):
        m = _meta(CASES["basisteam plan listing its gemeenten"][0])
    assert m.basisteam == "Maas en Leijgraaf"
    assert any("Maas en Leijgraaf" in r.getMessage() and "minted" in r.getMessage() for r in caplog.records)
    from ingest.report import document_report

    assert "basisteam Maas en Leijgraaf staat niet in de referentiegegevens; als eigenaar overgenomen zoals " \
        "geschreven" in document_report(_doc(m))["warnings"]


def test_a_basisteam_named_once_in_passing_is_no_owner():
    m = _meta("Veiligheidsbeleid 2022-2025\n\nWe leren van de aanpak van basisteam De Kempen bij woninginbraken.\n")
    assert (m.kind, m.owner, m.basisteam) == ("ivp", None, None)


def test_cue_file_is_our_own_and_complete():
    head = CUES_FILE.read_text(encoding="utf-8").split("[kinds]")[0]
    assert "our own vocabulary" in head
    c = cues()
    assert {"kadernota integrale veiligheid", "masterplan veiligheid", "veiligheidsbeleid"} <= set(c.kinds["ivp"].names)
    assert {"jaarplan", "uitvoeringsprogramma", "jaarschijf", "actieplan"} <= set(c.kinds["uvp"].names)
    assert {"voortgangsrapportage", "jaarverslag", "monitor"} <= set(c.kinds["evaluation"].names)
    assert {"raadsinformatiebrief", "informatienota", "raadsvoorstel"} <= set(c.kinds["council_note"].names)
    assert {"speerpunt", "pijler", "strategisch doel"} <= set(c.priority_heads)
    assert {"trekker", "wanneer", "stand van zaken", "maatregel"} <= {w for ws in c.action_columns.values() for w in ws}
    assert all(places().find(name) for name in c.common_word_gemeenten), "every common-word name is a gemeente"


def test_a_sidecar_basisteam_moves_the_owner_but_not_a_gemeente_owner():
    m = _meta(CASES["basisteam plan listing its gemeenten"][0])
    moved = apply_sidecar(m, {"basisteam": "De Waarden"})
    assert owner_of(moved).label == "De Waarden" and owner_of(moved).kind == "basisteam"
    oss = _meta(CASES["another basisteam in passing"][0])
    kept = apply_sidecar(oss, {"basisteam": "Maas en Leijgraaf"})
    assert owner_of(kept).label == "Oss" and kept.basisteam == "Maas en Leijgraaf"
    named = apply_sidecar(oss, {"owner": "Bernheze en Oss", "owner_kind": "gemeenten",
                                "owner_gemeenten": ["Bernheze", "GM0828"]})
    assert named.owner_gemeenten == ["GM1721", "GM0828"]


# ---------------------------------------------------------------------------------------------
# Generic RIEC / veiligheidsregio mentions
# ---------------------------------------------------------------------------------------------

def _linked(meta: DocumentMeta, text: str) -> list[str]:
    doc = ExtractedDocument("d", "d.txt", "0" * 64, "txt", meta, passages=[Passage("p1", "d", text, ())])
    link_document(doc)
    return doc.passages[0].mentions


def test_a_plain_riec_is_the_documents_own():
    text = "Het RIEC en de veiligheidsregio werken mee; RIEC Oost-Nederland adviseert."
    oss = _meta(CASES["another basisteam in passing"][0])
    assert _linked(oss, text)[:3] == [str(ID["riec/oost-brabant"]), str(ID["veiligheidsregio/brabant-noord"]),
                                      str(ID["partner/riec"])]
    sample = DocumentMeta("t", "Tweestromenland", "ivp")
    assert _linked(sample, text)[:2] == [str(ID["partner/riec"]), str(ID["partner/vrgz"])]
    nowhere = DocumentMeta("t", kind="ivp")
    assert _linked(nowhere, text) == [str(ID["partner/riec"])]  # only the named one; the generic ones stay generic


# ---------------------------------------------------------------------------------------------
# The graph: nothing lost for an unknown place, no collisions, valid shapes
# ---------------------------------------------------------------------------------------------

def _doc(meta: DocumentMeta, doc_id: str = "doc-1") -> ExtractedDocument:
    p = Passage(f"{doc_id}:1", doc_id, "Prioriteit 1: Aanpak ondermijning. Het RIEC helpt.", ("Prioriteit 1",))
    pr = Priority(1, "Aanpak ondermijning", [Holder("Jansen", sentence="Portefeuillehouder: burgemeester Jansen.")],
                  themes=[str(ID["theme/ondermijning"])], sentence="Prioriteit 1: Aanpak ondermijning.",
                  passage_id=p.id)
    a = Action(1, "Bibob-beleid actualiseren", priority_number=1, passage_id=p.id, owner="Jansen",
               partners=[str(ID["riec/oost-brabant"])])
    return ExtractedDocument(doc_id, f"{doc_id}.txt", "a" * 64, "txt", meta, passages=[p], priorities=[pr],
                             actions=[a])


def _graph(doc: ExtractedDocument) -> Graph:
    g = Graph()
    for t in document_triples(doc):
        g.add(t)
    return g


def _conforms(g: Graph) -> tuple[bool, str]:
    ok, _, text = validate(g, shacl_graph=shapes_graph(), inference="none", advanced=True)
    return ok, text


@pytest.mark.parametrize("name", ["another basisteam in passing", "regional plan of three gemeenten",
                                  "basisteam plan listing its gemeenten", "Best and Goes as words"])
def test_every_owner_keeps_its_priorities_and_actions_and_conforms(name: str):
    g = _graph(_doc(_meta(CASES[name][0])))
    assert len(set(g.subjects(RDF.type, IVP.Priority))) == 1
    assert len(set(g.subjects(RDF.type, IVP.Action))) == 1
    assert len(set(g.subjects(RDF.type, IVP.Role))) == 1
    ok, text = _conforms(g)
    assert ok, text


def test_the_owner_is_the_gemeente_of_the_reference_data():
    g = _graph(_doc(_meta(CASES["another basisteam in passing"][0])))
    oss = URIRef(places().gemeente("Oss").iri)
    (action,) = g.subjects(RDF.type, IVP.Action)
    assert (action, IVP.planOwner, oss) in g and (None, IVP.basisteam, None) not in g
    group = _graph(_doc(_meta(CASES["regional plan of three gemeenten"][0])))
    (owner,) = set(group.objects(None, IVP.planOwner))
    assert str(owner) == str(ID["samenwerking/bergeijk-bladel-en-eersel"])


def test_a_gemeente_plan_beside_its_basisteams_plan_does_not_collide():
    wijchen = _meta(CASES["gemeente plan inside a known basisteam"][0])
    team = DocumentMeta("Integraal Veiligheidsplan Tweestromenland 2023-2026", "Tweestromenland", "ivp", 2023, 2026)
    mine = set(_graph(_doc(wijchen, "w")).subjects(RDF.type, IVP.Priority))
    theirs = set(_graph(_doc(team, "t")).subjects(RDF.type, IVP.Priority))
    assert theirs == {priority_iri("Tweestromenland", 1)}  # the sample corpus's IRIs stay as they were
    assert mine and not mine & theirs


def test_renaming_the_basisteam_of_the_sample_evaluation_loses_no_action(tmp_path: Path):
    source = next(CORPUS.glob("000_*.txt"))
    renamed = tmp_path / "evaluatie.txt"
    renamed.write_text(source.read_text(encoding="utf-8").replace("Tweestromenland", "Rivierenland Noord"),
                       encoding="utf-8")
    original, doc = extract_file(source), extract_file(renamed)
    assert (doc.meta.kind, doc.meta.period_start, doc.meta.period_end) == ("evaluation", 2023, 2024)
    assert (doc.meta.owner, doc.meta.owner_kind) == ("Rivierenland Noord", "basisteam")
    assert "Rivierenland Noord" in doc.meta.title
    assert len(doc.actions) == len(original.actions) == 53
    g = _graph(doc)
    assert len(set(g.subjects(RDF.type, IVP.Action))) == 53
    assert len(set(g.subjects(RDF.type, IVP.Priority))) == 5
    ok, text = _conforms(g)
    assert ok, text


def test_a_minted_basisteam_is_typed_where_its_district_is_known():
    m = _meta("""Integraal Veiligheidsplan basisteam Noordoost-Twente 2024-2027

Het basisteam Noordoost-Twente werkt voor de gemeenten Dinkelland, Losser, Oldenzaal en Tubbergen.
""")
    assert (m.owner, m.owner_kind, len(m.owner_gemeenten)) == ("Noordoost-Twente", "basisteam", 4)
    g = _graph(_doc(m))
    team = URIRef(ID["basisteam/noordoost-twente"])
    assert (team, RDF.type, IVP.Basisteam) in g and (URIRef(ID["district/twente"]), RDF.type, IVP.District) in g
    ok, text = _conforms(g)
    assert ok, text


def test_a_province_or_police_unit_of_the_same_name_is_not_the_gemeente():
    m = _meta("Veiligheidsbeleid 2024-2027\nGemeente Houten\n\nDe provincie Utrecht en politie Utrecht werken mee. "
              "Met de provincie Utrecht maken we afspraken over het buitengebied.\n")
    assert (m.owner, m.owner_kind) == ("Houten", "gemeente")
    assert _meta("Veiligheidsbeleid 2024-2027\n\nDe provincie Utrecht en de veiligheidsregio Utrecht werken "
                 "mee. Met de provincie Utrecht maken we afspraken.\n").owner is None


UNKNOWN_GEMEENTE = """VEILIGHEIDSPLAN NOORDERZIJL 2026-2029

Noorderzijl is sinds 1 januari 2026 een nieuwe gemeente, ontstaan uit een herindeling.
Wij willen dat inwoners zich veilig voelen in alle kernen. Prioriteit 1: Ondermijning.
"""


def test_a_gemeente_the_reference_data_lacks_is_minted_from_its_title_and_reported(caplog):
    with caplog.at_level(logging.WARNING, logger="ingest.owners"):
        m = _meta(UNKNOWN_GEMEENTE)
    assert (m.owner, m.owner_kind, m.owner_gemeenten, m.basisteam) == ("Noorderzijl", "gemeente", [], None)
    assert any("Noorderzijl" in r.getMessage() and "minted" in r.getMessage() for r in caplog.records)
    assert "Noorderzijl" in m.title
    from ingest.report import document_report

    doc = _doc(m)
    warned = document_report(doc)["warnings"]
    assert any("gemeente Noorderzijl staat niet in de referentiegegevens" in w for w in warned)
    g = _graph(doc)
    who = URIRef(ID["gemeente/noorderzijl"])
    (action,) = g.subjects(RDF.type, IVP.Action)
    assert (action, IVP.planOwner, who) in g and (who, RDF.type, IVP.Gemeente) not in g
    ok, text = _conforms(g)
    assert ok, text


@pytest.mark.parametrize("text", [
    "Uitvoeringsplan Integrale Veiligheid 2025\n\nDe gemeente werkt samen met de politie aan een veilige wijk.\n",
    "Integraal Veiligheidsplan Zuidkust 2025-2028\n\nDe regio Zuidkust werkt samen met de politie.\n",
    "Actieplan Veilig Uitgaan 2026\n\nHoreca, politie en jongerenwerk maken afspraken over het weekend.\n",
    "Jaarplan Aanpak Ondermijning 2025\n\nWe pakken drugshandel en witwassen samen aan.\n",
    "Werkplan RIEC 2025\n\nHet RIEC ondersteunt de gemeenten bij de bestuurlijke aanpak.\n",
    "Uitvoeringsprogramma Veiligheid Gelderland-Zuid 2025\n\nDe partners werken samen in de hele regio.\n",
    "Veiligheidsplan Hoogwater\n\nBij hoge waterstanden sluiten we de dijkwegen af.\n",
])
def test_a_title_name_that_is_no_place_or_is_called_a_region_is_not_minted(text: str):
    """A concept ("Veilig Uitgaan", "Ondermijning"), an acronym, a region the reference data knows, a name
    the text calls a region, and an undated name said once are no plan's place."""
    assert _meta(text).owner is None


@pytest.mark.parametrize("text, place", [
    ("Actieplan Veiligheid Westerbroek 2026\n\nDit actieplan beschrijft wat we in het laatste jaar doen.\n",
     "Westerbroek"),
    ("Jaarschijf Integrale Veiligheid Hoogvenne 2024\n\nPer thema staan hieronder de activiteiten.\n", "Hoogvenne"),
    ("JAARPLAN VEILIGHEID HOOGVENNE 2025\n\nIn Hoogvenne voelen de meeste inwoners zich veilig.\n", "Hoogvenne"),
    ("Kadernota Veiligheid Lutterzijl\n\nLutterzijl wil een veilige plek zijn om te wonen.\n", "Lutterzijl"),
])
def test_a_place_a_title_dates_or_the_text_repeats_is_minted_without_being_called_a_gemeente(text, place, caplog):
    """A plan's title that names a place the reference data lacks after its kind ("Actieplan Veiligheid
    Westerbroek 2026") names the plan's place, also when no sentence calls it a gemeente."""
    with caplog.at_level(logging.WARNING, logger="ingest.owners"):
        m = _meta(text)
    assert (m.owner, m.owner_kind, m.owner_gemeenten, m.basisteam) == (place, "gemeente", [], None)
    assert any(place in r.getMessage() and "minted" in r.getMessage() for r in caplog.records)


def test_a_dated_title_name_gives_way_to_the_gemeenten_the_text_says_wrote_the_plan():
    """A title may name a group of gemeenten by its own name ("Integraal Veiligheidsplan Achterland"): when the
    text says which known gemeenten wrote it, they are the owner, not the name."""
    m = _meta("Integraal Veiligheidsplan Achterland 2020-2023\n\n"
              "Dit plan is opgesteld door de gemeenten Meerssen, Vaals en Valkenburg aan de Geul.\n")
    assert (m.owner, m.owner_kind) == ("Meerssen, Vaals en Valkenburg aan de Geul", "gemeenten")


@pytest.mark.parametrize("text, owner", [
    ("De gemeente Lindehoven wil dat inwoners zich veilig voelen. Dat vraagt om samenwerking.\n", "Lindehoven"),
    ("De gemeente Lindehoven werkt samen met de gemeente Tiel aan veilige wijken in Tiel.\n"
     "Dit plan is opgesteld door de gemeente Tiel.\n", "Tiel"),
    ("Het advies van de Raad van State volgt de wet. De gemeente Veilig Uitgaan is geen plaats.\n", None),
])
def test_a_plan_without_a_titled_place_is_the_gemeente_its_text_names_unless_a_known_one(text, owner):
    """No title names a place: an unknown name after "de gemeente" is the owner, last of all evidence."""
    assert _meta(text).owner == owner


@pytest.mark.parametrize("text, owner", [
    ("Zandhoeve | Uitvoeringsprogramma veiligheid 2025\n\nIn Zandhoeve werken wijkteams en politie samen aan "
     "veilige buurten.\n", "Zandhoeve"),
    ("Zandhoeve - Integraal Veiligheidsplan 2024-2027\n\nDe inwoners van Zandhoeve voelen zich veilig.\n",
     "Zandhoeve"),
    # A name before the kind that the text never places anywhere is a programme's or a team's, not a place.
    ("Samen Sterk | Jaarplan 2025\n\nSamen Sterk brengt jongerenwerk, politie en scholen bij elkaar.\n", None),
    ("Zandhoeve | Uitvoeringsprogramma veiligheid 2025\n\nWijkteams en politie werken samen aan veilige "
     "buurten.\n", None),
    ("Veilig Thuis | Jaarplan 2025\n\nIn Veilig Thuis komen meldingen over huiselijk geweld binnen.\n", None),
])
def test_a_place_a_header_puts_before_the_kind_is_the_owner_when_the_text_places_things_in_it(text, owner):
    """Web pages and running headers often put the place first ("Zandhoeve | Uitvoeringsprogramma veiligheid
    2025"); what stands there is the plan's place when the text speaks of it as one ("in Zandhoeve")."""
    assert _meta(text).owner == owner
