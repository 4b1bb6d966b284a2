"""Shared timing helper for the benchmarks (reported figures, never timed tests)."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

#: ``som-xl`` as the console script runs it, but with this checkout's code (:func:`process_env`).
CLI = "from som_xl.cli import main; raise SystemExit(main())"


def best_of(fn: Callable[[], object], repeat: int = 7) -> tuple[float, float]:
    """Run fn repeat times; return (best, median) wall-clock seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def process_env(root: Path) -> dict[str, str]:
    """The environment for timing a whole ``python -c CLI`` process of the checkout ``root``.

    As an installed package runs: ``root`` first on the path (run the process with
    ``cwd=root`` too) and its bytecode compiled once, in a cache outside the checkout, not
    compiled from source on every run (``PYTHONDONTWRITEBYTECODE`` is dropped).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(root)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "som-xl-bench-pyc")
    return env
