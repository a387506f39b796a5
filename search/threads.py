"""How many threads the C engine gives a lone question, chosen from its own recent timings.

Why: the engine splits each of a question's ~100 matrix products over its OpenMP threads and waits for all
of them at the end of each. On idle cores two threads answer in ~60% of one thread's time; beside a busy
process one of the two waits for a time slice at every such barrier, and a question took 92 ms (p95 188)
against 40 ms (p95 50) on one thread (`bench/floor.py --busy 1`, docs/BENCHMARKS.md). The machine's load
cannot be read reliably from inside a container (`/proc/loadavg` counts threads outside it), so the choice
is made from what matters: the wall clock per character each count took on the last questions. The count
not in use is tried again every `explore_every` questions, so a neighbour that comes or goes is noticed.
"""
from __future__ import annotations

import os
import statistics
from collections import deque

# A question's fixed cost (prefix, special tokens, pooling) in characters of text: a 10-character question is
# not 5x cheaper than a 50-character one.
_FIXED_CHARS = 40


def available_cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class ThreadChoice:
    """`choose()` the thread count for the next question, then `record()` what it cost. Not thread-safe: the
    caller holds the engine's lock across both."""

    def __init__(self, options: tuple[int, ...], window: int = 3, explore_every: int = 50):
        self.options = tuple(dict.fromkeys(n for n in options if n > 0)) or (1,)
        self._costs = {n: deque(maxlen=window) for n in self.options}
        self._since = dict.fromkeys(self.options, 0)  # questions since this count was last timed
        self._window, self._explore_every = window, explore_every

    def choose(self) -> int:
        """A count without a full window of timings first, then any count not timed for `explore_every`
        questions, else the one with the lowest median cost."""
        for n in self.options:
            if len(self._costs[n]) < self._window:
                return n
        stale = [n for n in self.options if self._since[n] >= self._explore_every]
        if stale:
            return stale[0]
        return min(self.options, key=lambda n: statistics.median(self._costs[n]))

    def timed(self) -> bool:
        """Has every count a full window of timings (a server times them at start, not on users' questions)?"""
        return all(len(c) == self._window for c in self._costs.values())

    def record(self, threads: int, seconds: float, chars: int) -> None:
        if threads not in self._costs:
            return
        self._costs[threads].append(seconds / (chars + _FIXED_CHARS))
        for n in self.options:
            self._since[n] = 0 if n == threads else self._since[n] + 1

    def preferred(self) -> int:
        """The count the timings favour now (for benchmarks and tests): what `choose()` gives when nothing
        needs exploring."""
        timed = [n for n in self.options if self._costs[n]]
        return min(timed, key=lambda n: statistics.median(self._costs[n])) if timed else self.options[0]
