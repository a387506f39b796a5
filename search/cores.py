"""How many threads a question's encoding should take now: the cores no other runnable thread holds.

Why: the C engine splits each of a question's ~100 products over its OpenMP threads and waits for all of them
at the end of each. When another process (an ingest, a test run, another worker) keeps a core busy, one of
the engine's threads waits for a time slice at every such barrier: on 2 cores with one busy process beside
it, a question took a median 382 ms and p95 1,108 ms on 2 threads, against 112 / 154 ms on one
(docs/BENCHMARKS.md). On idle cores two threads answer sooner than one, so the count is chosen per question.
"""
from __future__ import annotations

import os


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def free_cores(most: int, loadavg: str = "/proc/loadavg") -> int:
    """Threads for a short parallel job, between 1 and `most`: the available cores less the other threads
    runnable right now (the kernel's count in /proc/loadavg includes the caller). `most` where the count
    cannot be read. In a container the count is the host's: a busy host then gets one thread, never more
    than it has."""
    try:
        with open(loadavg, encoding="ascii") as f:
            running = int(f.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return most
    return max(1, min(most, available_cores() - max(running - 1, 0)))
