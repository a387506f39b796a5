"""The status of an action from its status or result cell, for the layout extractors.

`ingest/status.py` reads result sentences ("is afgerond", "wordt onderzocht") and then the status cue
words of ontology/cues.toml ("Afgerond", "In uitvoering", "Niet gestart"). The when-cell plays no part:
a timing column says when an action runs, not how far it got.
"""
from __future__ import annotations

from ..status import cue_status, derive_status


def status_of(text: str) -> tuple[str | None, str | None]:
    """(status, basis) for a status or result cell; (None, None) when neither sentences nor cues say."""
    return derive_status(text)


__all__ = ["cue_status", "status_of"]
