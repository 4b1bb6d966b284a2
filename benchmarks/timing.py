"""Shared timing helper for the benchmarks (reported figures, never timed tests)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeat: int = 7) -> tuple[float, float]:
    """Run fn repeat times; return (best, median) wall-clock seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)
