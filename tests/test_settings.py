"""Encoder threads: every core unless IVP_THREADS says otherwise; they sleep while waiting only when
server workers share the cores."""
from __future__ import annotations

import os

import pytest

from kg.settings import Settings


def test_threads_default_to_every_core_unless_set(monkeypatch):
    monkeypatch.delenv("IVP_THREADS", raising=False)
    assert Settings().threads == len(os.sched_getaffinity(0))
    monkeypatch.setenv("IVP_THREADS", "3")
    assert Settings().threads == 3


@pytest.mark.parametrize("value, shared", [(None, False), ("1", False), ("2", True), ("4", True), ("veel", False)])
def test_encoder_threads_sleep_only_when_workers_share_the_cores(monkeypatch, value, shared):
    from search.encoders import shares_cores

    if value is None:
        monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    else:
        monkeypatch.setenv("WEB_CONCURRENCY", value)
    assert shares_cores() is shared
