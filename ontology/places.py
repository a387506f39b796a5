"""The whole country as reference data: every gemeente with its province, veiligheidsregio, police
eenheid, RIEC and, where verified, police district and basisteam.

The facts live in two tab-separated files next to this module, each naming its sources and their dates:
`nl_gemeenten.tsv` (342 gemeenten, CBS 2026) and `nl_regions.tsv` (provincies, veiligheidsregio's,
eenheden, RIEC's, districts, basisteams). They are not Turtle on purpose: `labels.ontology_files()` loads
every *.ttl here into the ontology graph and its label index, and the national list is not part of that
graph; ingestion reads it to find a document's owner (ingest/owners.py) and its own RIEC and
veiligheidsregio (ingest/link.py). `Places.graph()` gives the same facts as RDF with the IRIs and
properties of places.ttl.

    >>> p = places()
    >>> g = p.gemeente("den haag")          # name, alias, code (GM0518, 0518) or IRI
    >>> g.code, g.province.name, g.veiligheidsregio.name
    ('GM0518', 'Zuid-Holland', 'Haaglanden')
    >>> [x.name for x in p.gemeenten_of("basisteam", "De Waarden")][:2]
    ['Buren', 'Culemborg']
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, RDF, RDFS, SKOS

from .normalize import key
from .vocab import ID, IVP, slug

DATA_DIR = Path(__file__).resolve().parent
GEMEENTEN_FILE = DATA_DIR / "nl_gemeenten.tsv"
REGIONS_FILE = DATA_DIR / "nl_regions.tsv"

TOOI_GEMEENTE = "https://identifier.overheid.nl/tooi/id/gemeente/"
CBS_GEBIEDEN_2026 = URIRef("https://www.cbs.nl/nl-nl/cijfers/detail/86247NED")

KINDS = ("provincie", "veiligheidsregio", "eenheid", "riec", "district", "basisteam")
_IRI = {
    "provincie": "provincie/{}",
    "veiligheidsregio": "veiligheidsregio/{}",
    "eenheid": "partner/politie-eenheid-{}",  # as the existing partner:politie-eenheid-oost-nederland
    "riec": "riec/{}",
    "district": "district/{}",
    "basisteam": "basisteam/{}",
}
_LABEL = {
    "provincie": "{}",
    "veiligheidsregio": "Veiligheidsregio {}",
    "eenheid": "Politie-eenheid {}",
    "riec": "RIEC {}",
    "district": "District {}",
    "basisteam": "{}",
}
_CLASS = {
    "provincie": IVP.Province,
    "veiligheidsregio": IVP.SafetyRegion,
    "eenheid": IVP.PoliceUnit,
    "riec": IVP.RiecRegion,
    "district": IVP.District,
    "basisteam": IVP.Basisteam,
}
# Existing ontology resources that are the same organisation as (or closely related to) a region here.
_SAME_AS = {("veiligheidsregio", "gelderland-zuid"): ID["partner/vrgz"]}
_SEE_ALSO = {("riec", "oost-nederland"): ID["partner/riec"]}
_SUFFIX = re.compile(r"\s*\([^)]*\)")  # CBS's province suffix: "Hengelo (O.)", "Bergen (NH.)"
_GM = re.compile(r"^(?:gm)?\s*(\d{1,4})$", re.IGNORECASE)


@dataclass(frozen=True)
class Region:
    """A provincie, veiligheidsregio, police eenheid, RIEC, police district or basisteam."""

    kind: str
    key: str
    name: str  # short name: "Gelderland-Zuid"
    code: str | None  # CBS code (PV25, VR08) where CBS has one
    alt_labels: tuple[str, ...]
    province: str | None = None  # veiligheidsregio: key of its provincie
    eenheid: str | None = None  # veiligheidsregio, riec, district: key of the police eenheid
    district: str | None = None  # basisteam: key of its district
    area: str | None = None  # district: code of the veiligheidsregio whose gemeenten it covers

    @property
    def iri(self) -> str:
        return str(ID[_IRI[self.kind].format(self.key)])

    @property
    def label(self) -> str:
        """Dutch display label: "Veiligheidsregio Gelderland-Zuid", "RIEC Oost-Nederland"."""
        return _LABEL[self.kind].format(self.name)


@dataclass(frozen=True)
class Gemeente:
    code: str  # CBS code GMnnnn
    name: str
    cbs_name: str  # exactly as CBS writes it ("Groningen (gemeente)")
    alt_labels: tuple[str, ...]
    province: Region
    veiligheidsregio: Region
    eenheid: Region
    riec: Region  # derived from the eenheid (see nl_regions.tsv)
    district: Region | None  # known for eenheid Oost-Nederland only
    basisteam: Region | None  # only where verified

    @property
    def iri(self) -> str:
        return str(ID[f"gemeente/{slug(self.name)}"])

    @property
    def tooi(self) -> str:
        """TOOI identifier: the CBS code in lower case (https://identifier.overheid.nl/tooi/id/gemeente/gm0268)."""
        return TOOI_GEMEENTE + self.code.lower()

    @property
    def labels(self) -> tuple[str, ...]:
        """Every name this gemeente goes by: name, CBS name, aliases, "gemeente <name>"."""
        return tuple(dict.fromkeys((self.name, self.cbs_name, *self.alt_labels, f"gemeente {self.name}")))


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------

def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


def _alts(cell: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in cell.split("|") if a.strip())


def _name_key(text: str) -> str:
    k = key(text)
    return k[len("gemeente "):] if k.startswith("gemeente ") else k


class Places:
    """Gemeenten and regions with lookups by name, alias, code or IRI."""

    def __init__(self, gemeenten: list[Gemeente], regions: list[Region]):
        self._gemeenten = sorted(gemeenten, key=lambda g: key(g.name))
        self._regions = regions
        self._by_code = {g.code: g for g in gemeenten}
        self._by_iri = {g.iri: g for g in gemeenten}
        self._by_key: dict[str, list[Gemeente]] = {}
        for g in self._gemeenten:
            forms = {_name_key(label) for label in g.labels} | {_name_key(_SUFFIX.sub("", g.name))}
            for k in forms:
                self._by_key.setdefault(k, []).append(g)
        self._region_keys: dict[tuple[str, str], list[Region]] = {}
        for r in regions:
            forms = {r.key, r.name, r.label, *r.alt_labels} | ({r.code} if r.code else set())
            if r.kind == "eenheid":
                forms |= {f"eenheid {r.name}", f"politie {r.name}"}
            if r.kind == "provincie":
                forms.add(f"provincie {r.name}")
            for form in forms:
                bucket = self._region_keys.setdefault((r.kind, key(form)), [])
                if r not in bucket:
                    bucket.append(r)

    @classmethod
    def load(cls, gemeenten_file: Path = GEMEENTEN_FILE, regions_file: Path = REGIONS_FILE) -> "Places":
        regions = [
            Region(
                kind=row["kind"], key=row["key"], name=row["name"], code=row["code"] or None,
                alt_labels=_alts(row["alt_labels"]), province=row["province"] or None,
                eenheid=row["eenheid"] or None, district=row["district"] or None, area=row["area"] or None,
            )
            for row in _rows(regions_file)
        ]
        unknown = {r.kind for r in regions} - set(KINDS)
        if unknown:
            raise ValueError(f"{regions_file.name}: unknown kinds {sorted(unknown)}")
        by = {(r.kind, r.key): r for r in regions}
        vr_by_code = {r.code: r for r in regions if r.kind == "veiligheidsregio"}
        riec_of = {r.eenheid: r for r in regions if r.kind == "riec"}
        district_of = {r.area: r for r in regions if r.kind == "district" and r.area}
        gemeenten = []
        for row in _rows(gemeenten_file):
            vr = vr_by_code[row["veiligheidsregio"]]
            eenheid = by[("eenheid", vr.eenheid)]
            gemeenten.append(Gemeente(
                code=row["code"], name=row["name"], cbs_name=row["cbs_name"] or row["name"],
                alt_labels=_alts(row["alt_labels"]),
                province=by[("provincie", vr.province)], veiligheidsregio=vr, eenheid=eenheid,
                riec=riec_of[eenheid.key], district=district_of.get(vr.code),
                basisteam=by[("basisteam", row["basisteam"])] if row["basisteam"] else None,
            ))
        return cls(gemeenten, regions)

    # -- gemeenten -------------------------------------------------------------------------------
    def gemeenten(self) -> list[Gemeente]:
        """All gemeenten, sorted by name."""
        return list(self._gemeenten)

    def find(self, query: str) -> list[Gemeente]:
        """Gemeenten a name, alias, CBS code or IRI refers to (several for "Bergen"); case, accents,
        punctuation and a leading "gemeente" are ignored."""
        query = (query or "").strip()
        if not query:
            return []
        if query in self._by_iri:
            return [self._by_iri[query]]
        m = _GM.match(query)
        if m:
            g = self._by_code.get(f"GM{int(m.group(1)):04d}")
            return [g] if g else []
        return list(self._by_key.get(_name_key(query), ()))

    def gemeente(self, query: str) -> Gemeente | None:
        """The one gemeente `query` names, or None when it names none or several."""
        found = self.find(query)
        return found[0] if len(found) == 1 else None

    # -- regions ---------------------------------------------------------------------------------
    def regions(self, kind: str) -> list[Region]:
        _check_kind(kind)
        return [r for r in self._regions if r.kind == kind]

    def region(self, kind: str, query: str) -> Region | None:
        """A region of `kind` by key, name, label, alias, CBS code or IRI ("Gelderland-Zuid", "VR08")."""
        _check_kind(kind)
        query = (query or "").strip()
        for r in self._regions:
            if r.kind == kind and query == r.iri:
                return r
        found = self._region_keys.get((kind, key(query)), [])
        return found[0] if len(found) == 1 else None

    def partner_region(self, partner_iri: str) -> Region | None:
        """The region an existing partner concept stands for (partner:riec is RIEC Oost-Nederland,
        partner:vrgz Veiligheidsregio Gelderland-Zuid), so entity linking can tell a plan's own RIEC
        or veiligheidsregio from another region's."""
        for (kind, region_key), iri in (*_SAME_AS.items(), *_SEE_ALSO.items()):
            if str(iri) == str(partner_iri):
                return next((r for r in self._regions if r.kind == kind and r.key == region_key), None)
        return None

    def gemeenten_of(self, kind: str, query: str | Region) -> list[Gemeente]:
        """The gemeenten of a provincie, veiligheidsregio, eenheid, RIEC, district or basisteam, by name."""
        r = query if isinstance(query, Region) else self.region(kind, query)
        if r is None:
            return []
        return [g for g in self._gemeenten if getattr(g, _ATTR[r.kind]) == r]

    def in_province(self, query: str) -> list[Gemeente]:
        return self.gemeenten_of("provincie", query)

    def in_veiligheidsregio(self, query: str) -> list[Gemeente]:
        return self.gemeenten_of("veiligheidsregio", query)

    def in_basisteam(self, query: str) -> list[Gemeente]:
        return self.gemeenten_of("basisteam", query)

    # -- RDF -------------------------------------------------------------------------------------
    def triples(self) -> Iterator[tuple[URIRef, URIRef, URIRef | Literal]]:
        """The places as RDF: the IRIs and properties of places.ttl (prefLabel nl/en, altLabel,
        dcterms:identifier, owl:sameAs TOOI, org:memberOf basisteam, org:subOrganizationOf) plus
        ivp:province, ivp:safetyRegion, ivp:policeUnit, ivp:riecRegion and ivp:policeDistrict."""
        yield from schema_triples()
        for r in self._regions:
            s = URIRef(r.iri)
            yield s, RDF.type, _CLASS[r.kind]
            yield s, RDF.type, ORG.Organization
            yield s, SKOS.prefLabel, Literal(r.label, lang="nl")
            if r.kind == "basisteam":
                yield s, SKOS.prefLabel, Literal(r.name, lang="en")
            elif r.kind == "district":
                yield s, SKOS.prefLabel, Literal(f"{r.name} district", lang="en")
            for alt in dict.fromkeys((*(() if r.label == r.name else (r.name,)), *r.alt_labels)):
                yield s, SKOS.altLabel, Literal(alt, lang="nl")
            if r.code:
                yield s, DCTERMS.identifier, Literal(r.code)
            if r.province:
                yield s, IVP.province, URIRef(ID[f"provincie/{r.province}"])
            if r.eenheid:
                unit = URIRef(ID[_IRI["eenheid"].format(r.eenheid)])
                yield s, (IVP.policeUnit if r.kind in ("veiligheidsregio", "riec") else ORG.subOrganizationOf), unit
            if r.district:
                yield s, ORG.subOrganizationOf, URIRef(ID[f"district/{r.district}"])
            if (r.kind, r.key) in _SAME_AS:
                yield s, OWL.sameAs, _SAME_AS[(r.kind, r.key)]
            if (r.kind, r.key) in _SEE_ALSO:
                yield s, RDFS.seeAlso, _SEE_ALSO[(r.kind, r.key)]
        for g in self._gemeenten:
            s = URIRef(g.iri)
            yield s, RDF.type, IVP.Gemeente
            yield s, RDF.type, ORG.Organization
            yield s, SKOS.prefLabel, Literal(g.name, lang="nl")
            yield s, SKOS.prefLabel, Literal(g.name, lang="en")
            for alt in g.labels[1:]:
                yield s, SKOS.altLabel, Literal(alt, lang="nl")
            yield s, DCTERMS.identifier, Literal(g.code)
            yield s, OWL.sameAs, URIRef(g.tooi)
            yield s, DCTERMS.source, CBS_GEBIEDEN_2026
            yield s, IVP.province, URIRef(g.province.iri)
            yield s, IVP.safetyRegion, URIRef(g.veiligheidsregio.iri)
            yield s, IVP.policeUnit, URIRef(g.eenheid.iri)
            yield s, IVP.riecRegion, URIRef(g.riec.iri)
            if g.district:
                yield s, IVP.policeDistrict, URIRef(g.district.iri)
            if g.basisteam:
                yield s, ORG.memberOf, URIRef(g.basisteam.iri)

    def graph(self) -> Graph:
        g = Graph()
        for t in self.triples():
            g.add(t)
        g.bind("ivp", IVP)
        g.bind("skos", SKOS)
        g.bind("org", ORG)
        g.bind("owl", OWL)
        g.bind("dcterms", DCTERMS)
        for kind in ("gemeente", "provincie", "veiligheidsregio", "riec", "district", "basisteam", "partner"):
            g.bind(kind, ID[kind + "/"])
        g.bind("tooi", TOOI_GEMEENTE)
        return g


_ATTR = {
    "provincie": "province", "veiligheidsregio": "veiligheidsregio", "eenheid": "eenheid",
    "riec": "riec", "district": "district", "basisteam": "basisteam",
}


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown region kind {kind!r}; one of {', '.join(KINDS)}")


def schema_triples() -> Iterator[tuple[URIRef, URIRef, URIRef | Literal]]:
    """Classes and properties used here that schema.ttl does not define yet."""
    classes = {
        IVP.Province: ("Provincie", "Province"),
        IVP.SafetyRegion: ("Veiligheidsregio", "Safety region"),
        IVP.PoliceUnit: ("Politie-eenheid", "Police unit"),
        IVP.RiecRegion: ("RIEC", "Regional Information and Expertise Centre"),
    }
    for c, (nl, en) in classes.items():
        yield c, RDF.type, OWL.Class
        yield c, RDFS.subClassOf, ORG.Organization
        yield c, RDFS.label, Literal(nl, lang="nl")
        yield c, RDFS.label, Literal(en, lang="en")
    props = {
        IVP.province: ("provincie", "province", IVP.Province),
        IVP.safetyRegion: ("veiligheidsregio", "safety region", IVP.SafetyRegion),
        IVP.policeUnit: ("politie-eenheid", "police unit", IVP.PoliceUnit),
        IVP.riecRegion: ("RIEC", "RIEC region", IVP.RiecRegion),
        IVP.policeDistrict: ("politiedistrict", "police district", IVP.District),
    }
    for p, (nl, en, rng) in props.items():
        yield p, RDF.type, OWL.ObjectProperty
        yield p, RDFS.label, Literal(nl, lang="nl")
        yield p, RDFS.label, Literal(en, lang="en")
        yield p, RDFS.range, rng


@lru_cache(maxsize=1)
def places() -> Places:
    """The packaged reference places, loaded once per process."""
    return Places.load()
