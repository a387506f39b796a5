"""All configuration in one place: environment variables with the IVP_ prefix, or CLI flags."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from search.threads import available_cores

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "ivp-kg"


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def _encoder_threads() -> int:
    """IVP_THREADS, else every core. The encoder's threads wait without spinning (search/encoders.py), so
    workers sharing the cores lose little to each other: on 2 shared cores, 2 workers x 2 threads gave a
    20-client p95 of 12.5x the floor against 25x with 1 thread each (bench/floor.py, docs/BENCHMARKS.md)."""
    if int(os.environ.get("IVP_THREADS") or 0) > 0:
        return int(os.environ["IVP_THREADS"])
    return available_cores()


@dataclass
class Settings:
    data_dir: Path = field(default_factory=lambda: Path(os.environ.get("IVP_DATA_DIR") or _default_data_dir()))
    model: str = field(default_factory=lambda: os.environ.get("IVP_MODEL", "e5-small"))
    sample_corpus: Path = field(default_factory=lambda: Path(os.environ.get("IVP_SAMPLE_CORPUS", PROJECT_ROOT / "corpus")))
    api_token: str | None = field(default_factory=lambda: os.environ.get("IVP_API_TOKEN") or None)
    max_upload_bytes: int = field(default_factory=lambda: int(os.environ.get("IVP_MAX_UPLOAD_BYTES", 20_000_000)))
    sparql_timeout_s: float = field(default_factory=lambda: _env_float("IVP_SPARQL_TIMEOUT", 10.0))
    sparql_max_results: int = field(default_factory=lambda: int(os.environ.get("IVP_SPARQL_MAX_RESULTS", 10_000)))
    sparql_max_bytes: int = field(default_factory=lambda: int(os.environ.get("IVP_SPARQL_MAX_BYTES", 10_000_000)))
    sparql_workers: int = field(default_factory=lambda: int(os.environ.get("IVP_SPARQL_WORKERS", 1)))
    sparql_queue: int = field(default_factory=lambda: int(os.environ.get("IVP_SPARQL_QUEUE", 8)))
    job_queue: int = field(default_factory=lambda: int(os.environ.get("IVP_JOB_QUEUE", 16)))  # ingest jobs waiting or running
    weight_dense: float = field(default_factory=lambda: _env_float("IVP_WEIGHT_DENSE", 0.6))
    weight_dense_en: float = field(default_factory=lambda: _env_float("IVP_WEIGHT_DENSE_EN", 0.9))
    weight_concept: float = field(default_factory=lambda: _env_float("IVP_WEIGHT_CONCEPT", 0.2))
    weight_owner: float = field(default_factory=lambda: _env_float("IVP_WEIGHT_OWNER", 1.0))
    weight_sentence: float = field(default_factory=lambda: _env_float("IVP_WEIGHT_SENTENCE", 0.5))
    weight_echo: float = field(default_factory=lambda: _env_float("IVP_WEIGHT_ECHO", 0.5))
    weight_late: float = field(default_factory=lambda: _env_float("IVP_WEIGHT_LATE", 0.75))
    fusion: str = field(default_factory=lambda: os.environ.get("IVP_FUSION", "zscore"))
    exact_index_limit: int = field(default_factory=lambda: int(os.environ.get("IVP_EXACT_INDEX_LIMIT", 50_000)))
    sparql_query_url: str | None = field(default_factory=lambda: os.environ.get("IVP_SPARQL_QUERY_URL") or None)
    sparql_update_url: str | None = field(default_factory=lambda: os.environ.get("IVP_SPARQL_UPDATE_URL") or None)
    threads: int = field(default_factory=lambda: _encoder_threads())
    int8: bool = field(default_factory=lambda: os.environ.get("IVP_INT8", "1") != "0")  # passages: int8 products
    warm: bool = field(default_factory=lambda: os.environ.get("IVP_WARM", "") == "1")  # load models at server start
    cors_origins: list[str] = field(default_factory=lambda: [o for o in os.environ.get("IVP_CORS_ORIGINS", "").split(",") if o])

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).expanduser()
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing reaches a model hub at run time
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
