"""The thread count of a lone question follows its timings; the vectors do not depend on it."""
from __future__ import annotations

import threading

import numpy as np

from search.encoders import E5Encoder
from search.threads import ThreadChoice


def _feed(choice: ThreadChoice, cost: dict[int, float], questions: int) -> list[int]:
    """Run `questions` questions of 40 characters whose seconds per character are `cost[threads]`."""
    picks = []
    for _ in range(questions):
        n = choice.choose()
        choice.record(n, cost[n] * 80, 40)
        picks.append(n)
    return picks


def test_each_count_is_timed_first_then_the_cheaper_one_is_kept():
    choice = ThreadChoice((2, 1), window=3, explore_every=10)
    picks = _feed(choice, {2: 1.0, 1: 1.6}, 6)
    assert sorted(picks) == [1, 1, 1, 2, 2, 2]
    assert _feed(choice, {2: 1.0, 1: 1.6}, 8) == [2] * 8


def test_a_busy_neighbour_moves_the_choice_to_one_thread_and_its_leaving_moves_it_back():
    choice = ThreadChoice((2, 1), window=3, explore_every=10)
    quiet, busy = {2: 1.0, 1: 1.6}, {2: 4.0, 1: 1.7}
    _feed(choice, quiet, 20)
    assert choice.preferred() == 2
    picks = _feed(choice, busy, 40)
    assert picks[:2] == [2, 2] and picks[2] == 1  # the second slow timing tips the median
    assert choice.preferred() == 1 and picks[10:].count(2) <= 4  # only the explorations try two again
    picks = _feed(choice, quiet, 40)
    assert choice.preferred() == 2 and picks[-10:].count(2) >= 9  # back to two, but for an exploration


def test_the_count_not_in_use_is_timed_again_every_explore_every_questions():
    choice = ThreadChoice((4, 1), window=3, explore_every=10)
    picks = _feed(choice, {4: 1.0, 1: 3.0}, 66)
    later = picks[6:]
    assert [i for i, n in enumerate(later) if n == 1] == [10, 21, 32, 43, 54]


def test_one_option_or_duplicates_leave_a_single_count():
    assert ThreadChoice((1, 1)).options == (1,)
    assert _feed(ThreadChoice((1,)), {1: 1.0}, 5) == [1] * 5
    assert ThreadChoice((0,)).options == (1,)


def test_the_engine_gives_the_same_vector_on_one_thread_and_on_two_from_any_calling_thread():
    enc = E5Encoder(threads=2)
    text = "welke acties lopen er rond bibob in de waarden?"
    vectors = {}
    for n in (2, 1, 2):
        enc.thread_choice = ThreadChoice((n,))
        vectors.setdefault(n, []).append(enc._one_question(text))
    out: list[np.ndarray] = []
    worker = threading.Thread(target=lambda: out.append(enc._one_question(text)))
    worker.start()
    worker.join()
    assert np.allclose(vectors[1][0], vectors[2][0], atol=1e-5)
    assert np.array_equal(vectors[2][0], vectors[2][1]) and np.allclose(out[0], vectors[2][0], atol=1e-5)
    # a question on one thread leaves the small-passage path on every core, whatever the calling thread
    passage = enc.encode_passages(["Korte notitie over jeugdoverlast."])
    assert passage.shape == (1, 384) and abs(float(np.linalg.norm(passage[0])) - 1) < 1e-4


def test_warming_up_times_every_count_before_the_first_question():
    enc = E5Encoder(threads=2)
    assert not enc.thread_choice.timed()
    enc.warm()
    assert enc.thread_choice.timed()
