"""The national reference places (ontology/nl_gemeenten.tsv, nl_regions.tsv, ontology/places.py)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, RDF, SKOS

from ontology.labels import ontology_files
from ontology.places import GEMEENTEN_FILE, KINDS, REGIONS_FILE, Places, places
from ontology.vocab import ID, IVP

PLACES_TTL = Path(__file__).parent.parent / "ontology" / "places.ttl"

# shared/reference/README.md: the verified gemeenten of district Gelderland-Zuid.
GELDERLAND_ZUID = {
    "GM1945": ("berg-en-dal", "tweestromenland"), "GM0209": ("beuningen", "tweestromenland"),
    "GM0225": ("druten", "tweestromenland"), "GM0252": ("heumen", "tweestromenland"),
    "GM0668": ("west-maas-en-waal", "tweestromenland"), "GM0296": ("wijchen", "tweestromenland"),
    "GM1960": ("west-betuwe", "de-waarden"), "GM0214": ("buren", "de-waarden"),
    "GM0216": ("culemborg", "de-waarden"), "GM0263": ("maasdriel", "de-waarden"),
    "GM1740": ("neder-betuwe", "de-waarden"), "GM0281": ("tiel", "de-waarden"),
    "GM0297": ("zaltbommel", "de-waarden"),
}

# Facts found in two independent sources each (see the headers of the data files):
# code: (name, provincie code, veiligheidsregio code).
VERIFIED = {
    "GM0268": ("Nijmegen", "PV25", "VR08"),  # CBS 2026 list; RIVM table; CBS-2025 woonplaats list; repos
    "GM0363": ("Amsterdam", "PV27", "VR13"),  # RIVM table; VWS herindeling mapping; CBS 83553NED page (PV27)
    "GM0599": ("Rotterdam", "PV28", "VR17"),  # RIVM table; CBS 83553NED page (PV28); woonplaats list
    "GM0344": ("Utrecht", "PV26", "VR09"),  # RIVM table; CBS 83553NED page (PV26)
    "GM0193": ("Zwolle", "PV23", "VR04"),  # RIVM table; CBS 83553NED page (PV23)
    "GM1948": ("Meierijstad", "PV30", "VR21"),  # RIVM table; CBS 83553NED page (PV30)
    "GM0202": ("Arnhem", "PV25", "VR07"),  # RIVM table; CBS 70072NED page (VR07)
    "GM0392": ("Haarlem", "PV27", "VR12"),  # RIVM table; CBS 70072NED page (VR12)
    "GM0642": ("Zwijndrecht", "PV28", "VR18"),  # RIVM table; CBS 70072NED page (VR18)
    "GM1982": ("Land van Cuijk", "PV30", "VR21"),  # RIVM table; VWS herindeling mapping
    "GM1991": ("Maashorst", "PV30", "VR21"),
    "GM1980": ("Dijk en Waard", "PV27", "VR10"),
    "GM0439": ("Purmerend", "PV27", "VR11"),
    "GM1992": ("Voorne aan Zee", "PV28", "VR17"),
}


@pytest.fixture(scope="module")
def p() -> Places:
    return places()


@pytest.fixture(scope="module")
def graph(p: Places) -> Graph:
    return p.graph()


# ---------------------------------------------------------------------------------------------
# Files, counts and codes
# ---------------------------------------------------------------------------------------------

def test_data_files_name_their_sources_with_dates():
    for path in (GEMEENTEN_FILE, REGIONS_FILE):
        header = "".join(line for line in path.read_text(encoding="utf-8").splitlines(True) if line.startswith("#"))
        assert "Sources" in header
        assert "https://www.cbs.nl/nl-nl/cijfers/detail/86247NED" in header or "86247NED" in header
        assert re.search(r"20\d\d-\d\d-\d\d", header), path.name


def test_the_tsv_files_stay_out_of_the_ontology_graph():
    # Not wired into ingestion yet: the label index and the ontology graph load *.ttl only.
    assert all(p.suffix == ".ttl" for p in ontology_files())


def test_counts_per_kind(p: Places):
    assert len(p.gemeenten()) == 342
    assert {k: len(p.regions(k)) for k in KINDS} == {
        "provincie": 12, "veiligheidsregio": 25, "eenheid": 10, "riec": 10, "district": 5, "basisteam": 3,
    }


def test_gemeenten_per_provincie_add_up_to_the_cbs_totals(p: Places):
    per = {r.name: len(p.in_province(r.key)) for r in p.regions("provincie")}
    assert per == {
        "Groningen": 10, "Fryslân": 18, "Drenthe": 12, "Overijssel": 25, "Flevoland": 6, "Gelderland": 51,
        "Utrecht": 26, "Noord-Holland": 44, "Zuid-Holland": 50, "Zeeland": 13, "Noord-Brabant": 56, "Limburg": 31,
    }
    for kind in ("veiligheidsregio", "eenheid", "riec"):
        assert sum(len(p.gemeenten_of(kind, r)) for r in p.regions(kind)) == 342
        assert all(p.gemeenten_of(kind, r) for r in p.regions(kind))


def test_codes_are_unique_and_well_formed(p: Places):
    codes = [g.code for g in p.gemeenten()]
    assert len(set(codes)) == 342
    assert all(re.fullmatch(r"GM\d{4}", c) for c in codes)
    assert len({g.iri for g in p.gemeenten()}) == 342
    assert len({g.name for g in p.gemeenten()}) == 342
    for g in p.gemeenten():
        assert g.tooi == f"https://identifier.overheid.nl/tooi/id/gemeente/{g.code.lower()}"
        assert re.fullmatch(r"https://ivp-kg\.nl/id/gemeente/[a-z0-9]+(-[a-z0-9]+)*", g.iri)
    assert sorted(r.code for r in p.regions("provincie")) == [f"PV{n}" for n in range(20, 32)]
    assert sorted(r.code for r in p.regions("veiligheidsregio")) == [f"VR{n:02d}" for n in range(1, 26)]
    for kind in KINDS:
        assert len({r.iri for r in p.regions(kind)}) == len(p.regions(kind))


def test_every_gemeente_has_province_veiligheidsregio_eenheid_and_riec(p: Places):
    for g in p.gemeenten():
        assert g.province.kind == "provincie"
        assert g.veiligheidsregio.kind == "veiligheidsregio"
        assert g.eenheid.kind == "eenheid"
        assert g.riec.kind == "riec" and g.riec.eenheid == g.eenheid.key
        assert g.province.key == g.veiligheidsregio.province
        assert g.eenheid.key == g.veiligheidsregio.eenheid


def test_each_veiligheidsregio_lies_in_one_provincie_and_one_eenheid(p: Places):
    for vr in p.regions("veiligheidsregio"):
        members = p.in_veiligheidsregio(vr.code)
        assert len({g.province for g in members}) == 1
        assert len({g.eenheid for g in members}) == 1


def test_ten_riecs_one_per_eenheid(p: Places):
    assert sorted(r.eenheid for r in p.regions("riec")) == sorted(r.key for r in p.regions("eenheid"))
    assert p.region("riec", "Amsterdam-Amstelland").eenheid == "amsterdam"


# ---------------------------------------------------------------------------------------------
# Facts checked against a second source
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", sorted(VERIFIED))
def test_verified_sample(p: Places, code: str):
    name, pv, vr = VERIFIED[code]
    g = p.gemeente(code)
    assert g is not None
    assert (g.name, g.province.code, g.veiligheidsregio.code) == (name, pv, vr)


def test_nijmegen(p: Places):
    g = p.gemeente("Nijmegen")
    assert g.code == "GM0268"
    assert g.province.name == "Gelderland"
    assert g.veiligheidsregio.label == "Veiligheidsregio Gelderland-Zuid"
    assert g.eenheid.label == "Politie-eenheid Oost-Nederland"
    assert g.riec.label == "RIEC Oost-Nederland"
    assert g.district.iri == str(ID["district/gelderland-zuid"])
    assert g.basisteam is None  # not in the verified table


def test_a_gemeente_outside_gelderland(p: Places):
    g = p.gemeente("Maastricht")
    assert (g.code, g.province.name, g.veiligheidsregio.name) == ("GM0935", "Limburg", "Zuid-Limburg")
    assert g.eenheid.name == "Limburg" and g.district is None and g.basisteam is None


def test_region_sizes_match_independent_counts(p: Places):
    # vrtwente.nl: district Twente has 14 gemeenten; veiligheidsnetwerkon.nl: Noord- en Oost-Gelderland 22;
    # places.ttl: district Gelderland-Zuid fourteen gemeenten.
    assert len(p.gemeenten_of("district", "Twente")) == 14
    assert len(p.gemeenten_of("district", "Noord- en Oost-Gelderland")) == 22
    assert len(p.gemeenten_of("district", "Gelderland-Zuid")) == 14
    assert len(p.gemeenten_of("eenheid", "Oost-Nederland")) == len(p.in_province("Gelderland")) + len(
        p.in_province("Overijssel"))


# ---------------------------------------------------------------------------------------------
# Lookups
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query, code", [
    ("Den Haag", "GM0518"), ("'s-Gravenhage", "GM0518"), ("s-gravenhage", "GM0518"),
    ("Den Bosch", "GM0796"), ("gemeente 's-Hertogenbosch", "GM0796"), ("'S-HERTOGENBOSCH", "GM0796"),
    ("Súdwest-Fryslân", "GM1900"), ("sudwest fryslan", "GM1900"), ("Zuidwest-Friesland", "GM1900"),
    ("Tietjerksteradeel", "GM0737"), ("noardeast-fryslan", "GM1970"),
    ("Berg & Dal", "GM1945"), ("gemeente berg en dal", "GM1945"), ("West-Maas en Waal", "GM0668"),
    ("Hengelo", "GM0164"), ("Hengelo (O.)", "GM0164"), ("Nuenen", "GM0820"),
    ("Groningen (gemeente)", "GM0014"), ("GM0268", "GM0268"), ("gm0268", "GM0268"), ("0268", "GM0268"),
    ("https://ivp-kg.nl/id/gemeente/tiel", "GM0281"),
])
def test_gemeente_lookup_ignores_case_accents_and_punctuation(p: Places, query: str, code: str):
    g = p.gemeente(query)
    assert g is not None and g.code == code


def test_ambiguous_and_unknown_names(p: Places):
    assert {g.code for g in p.find("Bergen")} == {"GM0373", "GM0893"}
    assert p.gemeente("Bergen") is None
    assert p.gemeente("Bergen (NH.)").code == "GM0373"
    assert p.gemeente("Atlantis") is None and p.find("") == [] and p.gemeente("GM9999") is None


def test_gemeenten_of_a_region_by_any_name(p: Places):
    by_code = {g.code for g in p.in_veiligheidsregio("VR08")}
    assert by_code == {g.code for g in p.in_veiligheidsregio("Gelderland-Zuid")}
    assert by_code == {g.code for g in p.in_veiligheidsregio("veiligheidsregio gelderland-zuid")}
    assert by_code == {g.code for g in p.in_veiligheidsregio("VRGZ")}
    assert by_code == set(GELDERLAND_ZUID) | {"GM0268"}
    assert {g.name for g in p.in_basisteam("Tweestromenland")} == {
        "Berg en Dal", "Beuningen", "Druten", "Heumen", "West Maas en Waal", "Wijchen"}
    assert len(p.in_basisteam("de waarden")) == 7
    assert {g.code for g in p.in_province("Friesland")} == {g.code for g in p.in_province("PV21")}
    assert p.gemeenten_of("eenheid", "politie Den Haag") == p.gemeenten_of("eenheid", "Den Haag")
    assert p.in_province("Atlantis") == []
    with pytest.raises(ValueError):
        p.regions("waterschap")


# ---------------------------------------------------------------------------------------------
# RDF and the existing Gelderland-Zuid IRIs
# ---------------------------------------------------------------------------------------------

def test_rdf_gemeenten(graph: Graph):
    gemeenten = set(graph.subjects(RDF.type, IVP.Gemeente))
    assert len(gemeenten) == 342
    for s in gemeenten:
        (code,) = graph.objects(s, DCTERMS.identifier)
        (tooi,) = graph.objects(s, OWL.sameAs)
        assert str(tooi).endswith(str(code).lower())
        for prop in (IVP.province, IVP.safetyRegion, IVP.policeUnit, IVP.riecRegion):
            assert len(list(graph.objects(s, prop))) == 1
        langs = Counter(lit.language for lit in graph.objects(s, SKOS.prefLabel))
        assert langs == {"nl": 1, "en": 1}
    assert len(set(graph.subjects(RDF.type, IVP.SafetyRegion))) == 25
    assert len(set(graph.subjects(RDF.type, IVP.Province))) == 12
    assert len(set(graph.subjects(RDF.type, IVP.PoliceUnit))) == 10
    assert len(set(graph.subjects(RDF.type, IVP.RiecRegion))) == 10


def test_existing_gelderland_zuid_iris_are_unchanged(p: Places, graph: Graph):
    existing = Graph().parse(PLACES_TTL, format="turtle")
    for code, (iri_key, team) in GELDERLAND_ZUID.items():
        g = p.gemeente(code)
        iri = URIRef(ID[f"gemeente/{iri_key}"])
        assert g.iri == str(iri) and g.basisteam.key == team
        assert (iri, DCTERMS.identifier, Literal(code)) in existing
        assert (iri, DCTERMS.identifier, Literal(code)) in graph
        assert (iri, OWL.sameAs, URIRef(g.tooi)) in existing
        assert (iri, ORG.memberOf, ID[f"basisteam/{team}"]) in graph
    for team in ("tweestromenland", "de-waarden", "nijmegen"):
        iri = ID[f"basisteam/{team}"]
        assert (iri, ORG.subOrganizationOf, ID["district/gelderland-zuid"]) in existing
        assert (iri, ORG.subOrganizationOf, ID["district/gelderland-zuid"]) in graph
    unit = ID["partner/politie-eenheid-oost-nederland"]
    assert (ID["district/gelderland-zuid"], ORG.subOrganizationOf, unit) in graph
    assert (ID["district/gelderland-zuid"], ORG.subOrganizationOf, unit) in existing


def test_merging_with_places_ttl_adds_no_conflicting_values(graph: Graph):
    existing = Graph().parse(PLACES_TTL, format="turtle")
    merged = existing + graph
    single = (DCTERMS.identifier, OWL.sameAs, ORG.memberOf)
    for s in set(existing.subjects()):
        for prop in single:
            assert set(merged.objects(s, prop)) == set(existing.objects(s, prop)), (s, prop)
        for lang in ("nl", "en"):
            labels = {o for o in merged.objects(s, SKOS.prefLabel) if o.language == lang}
            assert labels == {o for o in existing.objects(s, SKOS.prefLabel) if o.language == lang}, s
        assert set(merged.objects(s, ORG.subOrganizationOf)) == set(existing.objects(s, ORG.subOrganizationOf))


def test_existing_partners_are_linked_not_redefined(graph: Graph):
    partners = Graph().parse(PLACES_TTL.with_name("partners.ttl"), format="turtle")
    unit = ID["partner/politie-eenheid-oost-nederland"]
    nl = {o for o in (partners + graph).objects(unit, SKOS.prefLabel) if o.language == "nl"}
    assert nl == {Literal("Politie-eenheid Oost-Nederland", lang="nl")}
    assert (ID["veiligheidsregio/gelderland-zuid"], OWL.sameAs, ID["partner/vrgz"]) in graph
    assert (ID["partner/vrgz"], SKOS.prefLabel, Literal("Veiligheidsregio Gelderland-Zuid", lang="nl")) in partners
