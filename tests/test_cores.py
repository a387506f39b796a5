"""Threads for a question's encoding (search/cores.py): the cores other runnable threads leave free."""
from __future__ import annotations

import numpy as np

from search.cores import available_cores, free_cores


def _loadavg(tmp_path, running: int | str) -> str:
    path = tmp_path / "loadavg"
    path.write_text(f"0.52 0.58 0.59 {running}/467 12345\n", encoding="ascii")
    return str(path)


def test_idle_cores_give_every_thread_asked_for(tmp_path):
    cores = available_cores()
    assert free_cores(cores, _loadavg(tmp_path, 1)) == cores  # only the caller runs
    assert free_cores(1, _loadavg(tmp_path, 1)) == 1


def test_busy_cores_leave_one_thread(tmp_path):
    cores = available_cores()
    assert free_cores(cores, _loadavg(tmp_path, cores + 3)) == 1
    assert free_cores(cores, _loadavg(tmp_path, 0)) == cores  # a count without the caller is not negative


def test_an_unreadable_count_keeps_the_threads_asked_for(tmp_path):
    assert free_cores(3, str(tmp_path / "missing")) == 3
    assert free_cores(3, _loadavg(tmp_path, "x")) == 3


def test_a_questions_vector_does_not_depend_on_its_thread_count():
    """The engine's threads split rows of each product: one thread or two, the same vector to the bit."""
    from search.encoders import make_encoder

    encoder = make_encoder(threads=2)
    model = encoder._get()
    vectors = []
    for n in (1, 2):
        model._lib.omp_set_num_threads(n)
        vectors.append(np.asarray(model.query("Welke partners werken samen tegen woninginbraak?")))
    assert np.array_equal(*vectors)
