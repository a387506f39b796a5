"""Late interaction: token states from the encoder, their storage, the MaxSim score and the re-ranking it drives."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kg.state import current_state
from search.late import LAYER, LateIndex, pack, rerank_scores, unpack


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_packed_token_states_come_back_within_int8_rounding():
    rng = np.random.default_rng(7)
    states = _unit(rng.normal(size=(13, 384)))
    ids = np.arange(100, 113, dtype=np.int32)
    got_ids, scales, codes = unpack(pack(ids, states), 384)
    back = codes.astype(np.float32) * scales.astype(np.float32)[:, None]
    assert got_ids.tolist() == ids.tolist()
    assert float(np.min(np.sum(back * states, axis=1))) > 0.999


def test_maxsim_weighs_rare_question_tokens_over_common_ones():
    # token 1 is in every passage (like "de"), token 7 in one; each passage matches one question token exactly
    basis = np.eye(4, dtype=np.float32)
    blobs = [pack(np.array([1, 7]), basis[[0, 1]]), pack(np.array([1, 2]), basis[[0, 2]]),
             pack(np.array([1, 3]), basis[[0, 3]])]
    index = LateIndex.build(blobs, 4)
    assert index.idf(np.array([7]))[0] > index.idf(np.array([1]))[0] > 0
    assert index.idf(np.array([999]))[0] > index.idf(np.array([7]))[0]  # a token no passage has: rarest
    q_ids, q_states = np.array([1, 7]), basis[[0, 1]]
    scores = index.scores(q_ids, q_states, [0, 1, 2])
    assert scores[0] == pytest.approx(1.0, abs=0.01)  # both question tokens found
    assert scores[1] == pytest.approx(scores[2]) and scores[1] < 0.5  # only the common one found
    assert index.scores(q_ids, q_states, [2, 0]).tolist() == [scores[2], scores[0]]  # in the order asked


def test_rerank_moves_only_the_candidates_by_their_spread():
    fused = np.array([3.0, 2.0, 1.0, -1.0])
    out = rerank_scores(fused, [0, 1, 2], np.array([0.1, 0.2, 0.9]), 2.0)
    assert out[3] == fused[3]
    assert np.argsort(-out[:3]).tolist()[0] == 2  # the best match rises from third
    assert np.array_equal(rerank_scores(fused, [0, 1, 2], np.array([0.1, 0.2, 0.9]), 0.0), fused)


def test_token_states_skip_the_prefix_and_cover_every_window(ingested):
    model = ingested.encoder._get_batched()
    text = " ".join(f"Zin {i} over de aanpak van ondermijning in het buitengebied." for i in range(80))  # > 1 window
    (ids, states), = model.token_states([text], LAYER)
    assert len(model.windows(text, "passage: ")) > 1
    assert ids.tolist() == model.tokenizer.encode(text)  # every token of the text, the prefix's none
    assert states.shape == (len(ids), 384) and np.allclose(np.linalg.norm(states, axis=1), 1, atol=1e-4)
    for question in ("Bibob", "wie pakt ondermijning aan?"):  # a one-word question keeps its word
        vec, q_ids, q_states = model.query_and_tokens(question, LAYER)
        assert q_ids.tolist() == model.tokenizer.encode(question) and len(q_states) == len(q_ids)
    exact = ingested.encoder.encode_queries([question])[0]
    assert float(vec @ exact) > 0.999  # the same question vector as the C engine's, from the same pass


def test_the_token_states_match_what_a_question_asks(ingested):
    encoder = ingested.encoder
    passages = ["De gemeente toetst vergunningen van horecabedrijven met de Wet Bibob tegen criminele inmenging.",
                "Het zwembad in het dorp opent in de zomer zijn buitenbad voor alle inwoners.",
                "De wijkagent spreekt jongeren aan die 's avonds overlast geven bij het winkelcentrum."]
    index = LateIndex.build([pack(*s) for s in encoder.encode_tokens(passages, LAYER)], encoder.dim)
    _, ids, states = encoder.query_tokens("screening of licences against criminals", LAYER)
    scores = index.scores(ids, states, [0, 1, 2])
    assert int(np.argmax(scores)) == 0
    _, ids, states = encoder.query_tokens("hangjongeren bij de winkels", LAYER)
    assert int(np.argmax(index.scores(ids, states, [0, 1, 2]))) == 2


def test_the_state_carries_token_states_and_reuses_them_from_the_cache(ingested, tmp_path: Path):
    import shutil

    from kg.settings import Settings
    from kg.workspace import Workspace

    engine = ingested.engine()
    assert engine.late is not None and len(engine.late.starts) == len(engine.passages) + 1
    data = tmp_path / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    ws = Workspace(Settings(data_dir=data))
    assert ws.reindex() == 0  # passages, sentences and token states all come from the cache
    again = ws.engine().late
    assert np.array_equal(again.ids, engine.late.ids) and np.array_equal(again.codes, engine.late.codes)


def test_without_late_weight_no_token_states_are_kept_and_search_still_ranks(ingested, tmp_path: Path):
    import shutil

    from kg.settings import Settings
    from kg.workspace import Workspace

    data = tmp_path / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    ws = Workspace(Settings(data_dir=data, weight_late=0.0))
    ws.reindex()
    assert not list((current_state(data) / "index").glob("*.tokens.npz"))
    engine = ws.engine()
    assert engine.late is None and engine.search("Bibob", 3)
    again = Workspace(Settings(data_dir=data))  # late interaction on again, over a state built without it
    assert again.engine().late is None and again.engine().search("Bibob", 3)


def test_new_passages_get_their_vector_and_token_states_from_one_pass(ingested, tmp_path: Path):
    from search.vectors import VectorCache

    encoder = ingested.encoder
    texts = ["Boa's controleren in de zomer de parkeerplaatsen bij het strand op inbraak in auto's.",
             "De gemeente start een meldpunt voor ondermijnende activiteiten op recreatieparken."]
    cache = VectorCache(tmp_path / "vectors.sqlite")
    try:
        blobs, encoded = cache.encode_tokens(encoder, texts, LAYER)
        assert encoded == 2
        vectors, more = cache.encode(encoder, texts)
        assert more == 0  # the token pass cached the vectors too
        assert (np.sum(vectors * encoder.encode_passages(texts), axis=1) > 0.999).all()
        alone = encoder.encode_tokens(texts, LAYER)  # the first LAYER layers only
        for blob, (ids, states) in zip(blobs, alone):
            got_ids, scales, codes = unpack(blob, encoder.dim)
            assert got_ids.tolist() == ids.tolist()
            back = codes.astype(np.float32) * scales.astype(np.float32)[:, None]
            assert float(np.min(np.sum(back * states, axis=1))) > 0.99
        assert cache.encode_tokens(encoder, texts, LAYER)[1] == 0
    finally:
        cache.close()


def test_a_question_is_scored_with_the_same_token_states_whether_encoded_or_cached(ingested, tmp_path: Path):
    from search.late import query_tokens, states_of
    from search.vectors import VectorCache

    encoder = ingested.encoder
    question = "Wie pakt overlast door jongeren op het strand aan?"
    vec, blob = query_tokens(encoder, question, LAYER)
    ids, states = states_of(blob, encoder.dim)
    cache = VectorCache(tmp_path / "vectors.sqlite")
    try:
        first = cache.encode_query_tokens(encoder, question, LAYER)
        again = cache.encode_query_tokens(encoder, question, LAYER)  # read back: nothing encoded
    finally:
        cache.close()
    for got in (first, again):
        assert np.array_equal(got[0], vec) and np.array_equal(got[1], ids) and np.array_equal(got[2], states)
    engine = ingested.engine()
    engine._qcache.clear()
    cached_vec, (cached_ids, cached_states) = engine._query_vector(question)
    assert np.array_equal(cached_ids, ids) and np.allclose(cached_states, states) and np.allclose(cached_vec, vec)


def test_owner_names_and_comparison_words_are_not_what_a_question_is_about(ingested):
    from search.late import without

    ids, states = np.array([5, 6, 7, 8]), np.eye(4, dtype=np.float32)
    kept_ids, kept_states = without(ids, states, {6, 8})
    assert kept_ids.tolist() == [5, 7] and np.array_equal(kept_states, states[[0, 2]])
    assert without(ids, states, {5, 6, 7, 8})[0].tolist() == [5, 6, 7, 8]  # nothing left: the question as asked
    engine = ingested.engine()
    query = "Hoe verschillen Tweestromenland en De Waarden in de aanpak van drugs?"
    pieces = engine._place_pieces(query, engine._owners(query))
    assert set(ingested.encoder.tokenize("Tweestromenland")) <= pieces
    assert not set(ingested.encoder.tokenize("drugs")) & pieces


def test_questions_asked_together_share_a_pass_and_get_what_they_get_alone(ingested):
    from concurrent.futures import ThreadPoolExecutor

    encoder = ingested.encoder
    questions = [f"Wat doet de gemeente tegen overlast in wijk {n}?" for n in range(12)]
    with ThreadPoolExecutor(6) as pool:
        together = list(pool.map(lambda q: encoder.query_tokens(q, LAYER), questions))
    batched = encoder._get_batched().queries_and_tokens(questions, LAYER)
    for question, (vec, ids, states), (b_vec, b_ids, b_states) in zip(questions, together, batched):
        alone_vec, alone_ids, alone_states = encoder._get_batched().query_and_tokens(question, LAYER)
        assert ids.tolist() == alone_ids.tolist() == b_ids.tolist()
        assert float(vec @ alone_vec) > 0.999 and float(b_vec @ alone_vec) > 0.999
        assert float(np.min(np.sum(states * alone_states, axis=1))) > 0.99
    assert max(encoder._token_questions[LAYER].batches) > 1  # some arrived while another was encoded
