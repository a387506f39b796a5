"""Extractors by document kind that read the layout (ingest/layout) instead of raw lines.

`extract(layout, meta)` runs the extractor registered for `meta.kind` and returns an `Extraction`:
priorities, actions, notes on what was expected and not found, and the route each came by. Importing
the package registers the extractors of every kind (kinds.py); a new kind is a new registration.
`choose` weighs a layout result against the line readers' (ingest/plans.py, uvp.py, evaluation.py).
"""
from __future__ import annotations

from . import kinds  # noqa: F401  (registration)
from .choose import Choice, choose
from .model import Extraction
from .registry import extract, extractor, register

__all__ = ["Choice", "Extraction", "choose", "extract", "extractor", "register"]
