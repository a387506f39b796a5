"""Encoder threads: every core unless IVP_THREADS says otherwise."""
from __future__ import annotations

import os

from kg.settings import Settings


def test_threads_default_to_every_core_unless_set(monkeypatch):
    monkeypatch.delenv("IVP_THREADS", raising=False)
    assert Settings().threads == len(os.sched_getaffinity(0))
    monkeypatch.setenv("IVP_THREADS", "3")
    assert Settings().threads == 3
