"""Comparison sides re-ranked by the other sides' best passages (search/echo.py)."""
import numpy as np
import pytest

from search.echo import echo


def _unit(*rows: list[float]) -> np.ndarray:
    v = np.array(rows, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


# rows 0-2: side A; rows 3-6: side B. B's counterpart of A's best passage (row 6) ranks last within B.
VECTORS = _unit([1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0.1], [0, 0.1, 1], [0.1, 1, 1], [1, 0.05, 0])
FUSED = np.array([3.0, 1.0, 0.5, 2.0, 1.9, 1.8, 1.7])


def _vectors(rows):
    return VECTORS[np.asarray(rows)]


def test_a_side_counterpart_of_the_other_sides_best_rises():
    out = echo([[0, 1, 2], [3, 4, 5, 6]], FUSED, _vectors, weight=1.0, top=1)
    assert out[1][0] == 6, "B's passage worded like A's best comes first within B"
    assert sorted(out[1]) == [3, 4, 5, 6] and sorted(out[0]) == [0, 1, 2], "no passage gained or lost"


def test_no_weight_or_a_single_side_keeps_the_order():
    rankings = [[0, 1, 2], [3, 4, 5, 6]]
    assert echo(rankings, FUSED, _vectors, weight=0.0) == rankings
    assert echo(rankings[:1], FUSED, _vectors, weight=1.0) == rankings[:1]
    assert echo([[0, 1, 2], []], FUSED, _vectors, weight=1.0)[1] == [], "an empty side stays empty"


@pytest.mark.parametrize("weight", [0.1, 0.5, 2.0])
def test_the_bonus_only_reorders_within_a_side(weight):
    out = echo([[0, 1, 2], [3, 4, 5, 6]], FUSED, _vectors, weight=weight)
    assert [sorted(r) for r in out] == [[0, 1, 2], [3, 4, 5, 6]]


@pytest.mark.parametrize("exact_limit", [100, 2])  # an exact index and an HNSW one (above the limit)
def test_the_dense_index_gives_back_its_vectors(exact_limit):
    """search/echo.py reads candidates' vectors back from the index (no second copy of them in memory)."""
    from search.dense import DenseIndex

    index = DenseIndex.build(VECTORS, exact_limit)
    assert np.allclose(index.vectors([6, 0]), VECTORS[[6, 0]])
