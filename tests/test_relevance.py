"""Knowing when nothing matches: the calibrated relevance of hits (search/relevance.py), end to end."""
import httpx
import numpy as np
import pytest

from search.lexical import LexicalIndex
from search.relevance import (LATE_AT, LATE_CONCEPT, START, THRESHOLD, Evidence, place_words, start_coverage,
                              unheard, word_coverage)

# Questions the plans cannot answer; none of them is in bench/relevance_calibration.jsonl.
NONSENSE = ["Welk wijnjaar was het beste voor bourgogne?", "snibbel vrodak plonterwiek",
            "How do I descale an espresso machine?", "Which dinosaurs could fly?"]
REAL = ["Hoe worden jeugdgroepen aangepakt?", "Wat doen we tegen hennepteelt en drugsafval?",
        "How is human trafficking tackled?"]


def test_rare_missing_words_weigh_more_than_common_ones():
    texts = ["De kade van de haven wordt verlicht.", "Bij de haven staat een loods met netten.",
             "Langs de haven rijdt een pont naar de overkant.", "De vuurtoren aan de haven draait elke nacht."]
    lex = LexicalIndex.build(texts)
    rows = list(range(len(texts)))
    common_only = word_coverage("haven zeilboot", lex, rows)  # "haven" is in every text, "zeilboot" in none
    rare = word_coverage("vuurtoren haven", lex, rows)
    assert common_only.max() < 0.5 and rare[3] == pytest.approx(1.0) and rare[3] > rare[0]
    assert np.all(word_coverage("qwrtz", lex, rows) == 0)


def test_a_place_name_is_not_the_topic():
    texts = ["Het plan van Zeestad gaat over verlichting.", "In Zeestad rijdt een pont.", "De pont vaart dagelijks."]
    lex = LexicalIndex.build(texts)
    places = place_words(["Zeestad"], lex)
    cov = word_coverage("pont in Zeestad", lex, [0, 1, 2], places)
    assert cov[0] == 0 and cov[1] == cov[2] == pytest.approx(1.0)
    assert word_coverage("Zeestad", lex, [0, 2], places)[0] == pytest.approx(1.0)  # nothing else left: the name counts


def test_long_words_meet_their_counterparts_across_languages():
    texts = ["De evaluatie van de interventies volgt in het najaar.", "Het convenant wordt in maart getekend.",
             "Een kaart van de wijk hangt in Zeestad."]
    lex = LexicalIndex.build(texts)
    rows = [0, 1, 2]
    english = start_coverage("When is the evaluation of the interventions?", lex, rows)
    assert english[0] == pytest.approx(1.0) and english[1] == english[2] == 0
    assert np.all(word_coverage("evaluation interventions", lex, rows) == 0), "no stem is shared"
    assert np.all(start_coverage("card maps", lex, rows) == 0), f"words under {START} letters need their own form"
    places = place_words(["Zeestad"], lex)
    assert list(start_coverage("evaluation in Zeestad", lex, rows, places)) == [1.0, 0.0, 0.0], "a place is not the topic"


def test_the_passages_holding_a_word_are_read_from_the_index(tmp_path):
    """`holding` reads the term's column of the BM25 index; it must agree with scoring, also after a reload."""
    texts = ["De haven en de kade.", "Een loods bij de haven.", "Netten in de loods.", "Niets hier."]
    built = LexicalIndex.build(texts)
    built.save(tmp_path / "lex")
    for lex in (built, LexicalIndex.load(tmp_path / "lex")):
        for term in ("haven", "lood", "net", "afwezig"):
            scored = np.flatnonzero(lex.bm25.get_scores([term]) > 0) if term in lex.bm25.vocab_dict else []
            assert sorted(lex.holding(term)) == sorted(scored), term
        assert sorted(set(lex.holding_start("loods"))) == [1, 2]


def test_a_short_question_of_words_nothing_knows_is_unheard():
    texts = ["De haven en de kade.", "Een loods bij de haven.", "Het plan van Zeestad."]
    lex = LexicalIndex.build(texts)
    places = place_words(["Zeestad"], lex)
    assert unheard("zzz", lex) and unheard("grolp Zeestad", lex, places) and unheard("grolp vrimt", lex)
    assert not unheard("loods", lex) and not unheard("grolp kade", lex), "a word the documents hold"
    assert not unheard("priorities", lex, known=frozenset({"priorities"})), "a word questions ask with"
    assert not unheard("grolp vrimt plonk", lex), "longer questions are for the late signal to judge"
    assert not unheard("Zeestad", lex, places), "a place alone says where to look"


@pytest.mark.parametrize("query", ["zzz", "zz"])
def test_a_short_unknown_question_matches_nothing_however_its_tokens_score(ingested, query):
    """The late signal's best match of one or two tokens among every passage's token states is chance."""
    assert ingested.search_json(query, 10)["no_match"]


def test_evidence_score_rises_with_each_signal():
    none, words, concept = Evidence(2.0, 0.0, False), Evidence(2.0, 0.9, False), Evidence(2.0, 0.0, True)
    assert none.score() < THRESHOLD <= min(words.score(), concept.score())
    assert Evidence(-1.0, 0.9, False).score() < words.score()  # a passage unlike the question loses


def test_with_token_states_the_late_score_decides():
    at = Evidence(2.0, 0.0, False, LATE_AT)
    assert at.score() == pytest.approx(THRESHOLD)
    assert Evidence(2.0, 0.0, False, LATE_AT - 0.02).score() < THRESHOLD < Evidence(2.0, 0.0, False, LATE_AT + 0.02).score()
    assert Evidence(2.0, 0.0, True, LATE_AT - LATE_CONCEPT + 0.01).score() > THRESHOLD  # a grounded concept lowers the bar
    assert Evidence(2.0, 1.0, False, LATE_AT - 0.1).score() < THRESHOLD  # shared words alone no longer suffice


def test_hits_are_judged_on_their_late_scores(ingested):
    engine = ingested.engine()
    assert engine.late is not None
    index = {p.id: i for i, p in enumerate(engine.passages)}

    def judged(query: str) -> list[tuple[bool, float]]:
        hits = engine.search(query, 10)
        late = engine.late.scores(*engine._query_vector(query)[1], [index[h.passage.id] for h in hits])
        return [(h.relevant, float(x)) for h, x in zip(hits, late)]

    for relevant, late in judged(NONSENSE[0]):
        assert late < LATE_AT - LATE_CONCEPT and not relevant  # no word of it finds a counterpart anywhere
    real = judged(REAL[2])
    assert any(relevant for relevant, _ in real)
    assert all(late >= LATE_AT - LATE_CONCEPT for relevant, late in real if relevant)
    assert all(not relevant for relevant, late in real if late < LATE_AT - LATE_CONCEPT)


@pytest.mark.parametrize("query", NONSENSE)
def test_nonsense_gets_no_match(ingested, query):
    out = ingested.search_json(query, 10)
    assert out["no_match"] and not any(r["relevant"] for r in out["results"])
    assert out["message"] == f"Niets relevants gevonden voor '{query}'."
    ans = ingested.answer(query)
    assert ans["no_match"] and ans["passages"] == [] and ans["message"]


@pytest.mark.parametrize("query", REAL)
def test_real_questions_keep_their_hits(ingested, query):
    out = ingested.search_json(query, 10)
    assert not out["no_match"] and "message" not in out
    assert sum(r["relevant"] for r in out["results"]) >= 2
    ans = ingested.answer(query)
    assert not ans["no_match"] and ans["passages"]


def _owner_without(engine, word: str) -> tuple[str, str]:
    """An owner none of whose passages holds `word`, and one whose passages do."""
    holding = {p.basisteam for p in engine.passages if word in p.text.lower()}
    owners = {p.basisteam for p in engine.passages if p.basisteam}
    silent = sorted(owners - holding)
    assert silent and holding, "the corpus should have an owner that mentions the word and one that does not"
    return silent[0], sorted(holding - {None})[0]


def test_a_filter_does_not_pad_with_unrelated_passages(ingested):
    silent, speaking = _owner_without(ingested.engine(), "bibob")
    out = ingested.search_json("Bibob", 10, ingested.filters(basisteam=silent))
    assert out["no_match"] and out["results"] == []
    assert out["message"] == f"De documenten van {silent} noemen dit niet."
    ans = ingested.answer("Welke acties lopen er rond Bibob?", ingested.filters(basisteam=silent))
    assert ans["no_match"] and ans["passages"] == [] and silent in ans["message"]
    kept = ingested.search_json("Bibob", 10, ingested.filters(basisteam=speaking))["results"]
    assert kept and all(r["relevant"] and "bibob" in r["text"].lower() for r in kept)


def test_the_api_says_no_match(server, ingested):
    r = httpx.get(server + "/api/search", params={"q": NONSENSE[1], "k": 5}, timeout=60)
    assert r.status_code == 200 and r.json()["no_match"] is True
    assert r.json()["message"].startswith("Niets relevants gevonden")
    silent, _ = _owner_without(ingested.engine(), "bibob")
    r = httpx.get(server + "/api/search", params={"q": "Bibob", "basisteam": silent}, timeout=60).json()
    assert r["no_match"] and r["results"] == [] and silent in r["message"]
    a = httpx.get(server + "/api/ask", params={"q": NONSENSE[2]}, timeout=60).json()
    assert a["no_match"] is True and a["passages"] == []
    ok = httpx.get(server + "/api/search", params={"q": REAL[0], "k": 5}, timeout=60).json()
    assert ok["no_match"] is False and any(h["relevant"] for h in ok["results"])
