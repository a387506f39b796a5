"""Near-copies: the same plan under another name or in another format is recognised, not counted twice.

A MinHash signature of the document's word 5-shingles estimates the Jaccard similarity of two texts
from 64 numbers, small enough to keep in the manifest for every stored document. Formats differ in
line breaks, hyphenation and page furniture, not in their running words, so the same plan as TXT, PDF
or DOCX stays far above the threshold while two plans of one region, sharing phrases, stay below it.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np

SIZE = 64
NEAR_COPY = 0.85  # estimated Jaccard of the word 5-shingles
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20261130)  # fixed: signatures stored in manifests must stay comparable
_A = _rng.integers(1, _PRIME, SIZE, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, SIZE, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def signature(text: str, k: int = 5) -> list[int] | None:
    """The MinHash signature of `text`; None for a text too short to compare (fewer than k words)."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return None
    shingles = {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}
    hashes = np.fromiter((int.from_bytes(hashlib.blake2b(s.encode(), digest_size=7).digest(), "big")
                          for s in shingles), dtype=np.uint64, count=len(shingles))
    # one hash function per seed: (a*h + b) wrapping at 2**64, then mod p; deterministic on every machine
    mixed = (hashes[None, :] * _A[:, None] + _B[:, None]) % np.uint64(_PRIME)
    return [int(x) for x in mixed.min(axis=1)]


def similarity(a: list[int] | None, b: list[int] | None) -> float:
    """Estimated Jaccard similarity of two signatures (0 when either is missing)."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return float(np.mean(np.asarray(a) == np.asarray(b)))
