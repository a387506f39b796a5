"""Build the search indexes of a state from its passages (called inside an ingest transaction)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .dense import DenseIndex
from .encoders import Encoder
from .late import LAYER, LateIndex
from .lexical import LexicalIndex
from .passages import PASSAGES_FILE, StoredPassage, write_passages
from .sentences import SentenceIndex, sentences_of
from .vectors import VectorCache


def build_indexes(state_dir: Path, passages: list[StoredPassage], encoder: Encoder, cache: VectorCache,
                  progress: Callable[[int, int], None] | None = None, exact_limit: int | None = None,
                  sentences: bool = True, late: bool = True) -> int:
    """Write passages, the lexical index, the passage vectors, the sentence vectors and the passages' token
    states into `state_dir`; returns how many texts were encoded (passages with their token states first,
    then sentences and any passage vector still missing; progress counts up for each). Without `sentences`
    no sentence index is written: the engine then scores passages by their own vectors, and the encoding
    takes about half as long. Without `late` (or with an encoder that has no token states) no
    late-interaction index is written and the engine does not re-rank."""
    texts = [p.indexed_text() for p in passages]
    units, rows = sentences_of(passages) if sentences else ([], None)
    blobs, encoded = None, 0
    if late and hasattr(encoder, "encode_tokens"):  # first: a new passage's vector comes from the same pass
        blobs, encoded = cache.encode_tokens(encoder, texts, LAYER, progress=progress)
    both, more = cache.encode(encoder, texts + units, progress=progress)
    encoded += more
    vectors, sentence_vectors = both[: len(texts)], both[len(texts):]
    index_dir = state_dir / "index"
    index_dir.mkdir(parents=True, exist_ok=True)
    LexicalIndex.build(texts).save(index_dir / "lexical")
    dense = DenseIndex.build(vectors, exact_limit) if exact_limit else DenseIndex.build(vectors)
    dense.save(index_dir / f"{encoder.name}.faiss")
    if rows is not None:
        SentenceIndex.build(sentence_vectors, rows, exact_limit).save(index_dir, encoder.name)
    if blobs is not None:
        LateIndex.build(blobs, encoder.dim).save(index_dir, encoder.name)
    write_passages(state_dir / PASSAGES_FILE, passages)
    return encoded
