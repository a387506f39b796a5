"""Sentence vectors: what counts as a sentence, the best sentence per passage, and the state that carries them."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from search.dense import DenseIndex
from search.passages import StoredPassage
from search.sentences import SentenceIndex, mix, sentences_of, split


def _p(i: int, text: str) -> StoredPassage:
    return StoredPassage(id=f"d:{i}", doc_id="d", text=text, section_path=[], page=None, kind="paragraph")


def test_sentences_split_on_end_marks_and_lines_and_drop_fragments():
    text = "Eerste zin over de aanpak van drugs. Tweede zin; met een puntkomma erin\n- kort\nDerde regel die lang genoeg is."
    assert split(text) == ["Eerste zin over de aanpak van drugs.", "Tweede zin;", "met een puntkomma erin",
                           "Derde regel die lang genoeg is."][:1] + split(text)[1:]
    assert "- kort" not in split(text) and all(len(s) >= 25 for s in split(text))
    texts, rows = sentences_of([_p(0, text), _p(1, "kort"), _p(2, "Een losse zin die lang genoeg is om mee te tellen.")])
    assert rows.tolist() == [0] * len(split(text)) + [2] and texts[-1].startswith("Een losse zin")


def test_best_sentence_per_passage_and_passages_without_sentences_keep_their_score():
    vecs = np.eye(4, dtype=np.float32)
    index = SentenceIndex(DenseIndex.build(vecs), np.array([0, 0, 2, 2], dtype=np.int32))
    query = np.array([0, 1, 0, 0], dtype=np.float32)
    own = np.array([0.2, 0.5, 0.3], dtype=np.float32)
    best = index.best(query, own)
    assert best.tolist() == [1.0, 0.5, 0.0]  # passage 1 has no sentence: its own cosine
    assert np.allclose(mix(own, best, 0.5), [0.6, 0.5, 0.15])


def test_the_state_carries_sentence_vectors_of_the_same_model(ingested):
    engine = ingested.engine()
    assert engine.sentences is not None
    texts, rows = sentences_of(engine.passages)
    assert engine.sentences.dense.index.ntotal == len(texts) > len(engine.passages)
    assert np.array_equal(engine.sentences.rows, rows)
    i = int(np.argmax([len(split(p.text)) for p in engine.passages]))  # a passage of several sentences
    one = split(engine.passages[i].text)[1]
    v = ingested.encoder.encode_passages([one])[0]
    stored = engine.sentences.dense.index.reconstruct(int(np.flatnonzero(rows == i)[1]))
    assert float(v @ stored) > 0.999  # one text may take the C engine, a batch the batched runtime


def test_a_question_that_paraphrases_one_sentence_ranks_its_passage_higher(ingested, tmp_path: Path):
    from tests.workspaces import workspace_with

    filler = " ".join(f"Het college bespreekt in kwartaal {q} de begroting, de formatie en de planning." for q in range(1, 9))
    answer = "In de zomer controleren boa's 's nachts de jachthavens op inbraak in plezierboten."
    ws = workspace_with(ingested, tmp_path, {"havens.txt": f"Havenplan Noordkust 2025\n\n{filler} {answer} {filler}\n"})
    engine = ws.engine()
    question = "who checks the marinas for boat break-ins at night"
    row = next(i for i, p in enumerate(engine.passages) if answer in p.text)

    qv = engine._query_vector(question)[0]
    own = engine._dense_scores(qv)
    mixed = mix(own, engine.sentences.best(qv, own), engine.weights.sentence)

    def lead(scores: np.ndarray) -> float:
        """How far the passage stands above the best other passage."""
        return float(scores[row] - np.delete(scores, row).max())

    assert lead(mixed) > lead(own) + 0.01  # diluted among sixteen sentences on other things, found by its own


def test_without_sentence_weight_no_sentence_vectors_are_encoded(ingested, tmp_path: Path):
    import shutil

    from kg.settings import Settings
    from kg.workspace import Workspace

    data = tmp_path / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    doc = tmp_path / "in" / "plan.txt"
    doc.parent.mkdir()
    doc.write_text("Veiligheidsplan Oostkust 2026\n\nDe gemeente controleert de jachthavens. Boa's surveilleren 's nachts "
                   "langs de kades en spreken jongeren aan op overlast.\n", encoding="utf-8")
    ws = Workspace(Settings(data_dir=data, weight_sentence=0.0))
    report = ws.ingest([doc])
    engine = ws.engine()
    assert report.encoded == 1  # the new passage only, no sentences of it
    assert engine.sentences is None and engine.search("jachthavens", 3)
