"""Uncertainty benchmarks (reported next to issue 9's goals; never timed tests).

1. 10,000 Monte Carlo draws of a 10-year, 30-consequence scenario with per-purse results
   (success rate, costs, gains and one service's price drawn): one engine pass over a basis,
   checked against the engine on 64 draws (som_xl.results.uncertainty.net_values).
   Goal: under 10 ms on one core.
2. Extra memory for those 10,000 draws (numpy's allocations, traced). Goal: under 50 MB.
3. 100,000 draws, processed in chunks: peak extra memory. Goal: runs on a 4 GB machine.
4. ``som-xl usikkerhed`` with 10,000 draws against ``som-xl calc`` on the same file, both as
   whole processes. Goal: at most 1.3 ×.

The start-up goal (``som-xl calc`` under 2 × ``python -c "import numpy"``) is measured in one
place, ``bench_startup.py`` (``make bench`` runs both).

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_uncertainty.py``.
"""

from __future__ import annotations

import os

# One core, as the goals say: keep BLAS single-threaded (set before numpy is imported).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import tracemalloc  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import yaml  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_engine import synthetic  # noqa: E402
from timing import CLI, best_of, process_env  # noqa: E402

from som_xl.engine import build_model  # noqa: E402
from som_xl.inputs import parse_scenario, resolve  # noqa: E402
from som_xl.results.uncertainty import analyse, net_values  # noqa: E402

UNCERTAINTY = {
    "draws": 10_000,
    "seed": 2025,
    "success_rate": {"dist": "triangular", "low": 0.15, "mode": 0.30, "high": 0.40},
    "costs": {"dist": "triangular", "low": 0.9, "mode": 1.0, "high": 1.3},
    "consequences": {"dist": "normal", "mean": 1.0, "sd": 0.2},
}


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _draws(n: int, n_cons: int, with_price: bool) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(1)
    price = None
    if with_price:
        price = np.ones((n, n_cons))
        price[:, 0] = rng.uniform(0.8, 1.2, n)
    return (
        rng.triangular(0.15, 0.3, 0.4, n),
        rng.triangular(0.9, 1.0, 1.3, n),
        rng.normal(1.0, 0.2, n).clip(0),
        price,
    )


def _peak_mb(fn: object) -> float:
    tracemalloc.start()
    tracemalloc.reset_peak()
    fn()  # type: ignore[operator]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def _process(args: list[str], repeat: int = 5) -> float:
    """Best wall-clock seconds of a whole process (this checkout's code, compiled bytecode)."""
    import time

    env = process_env(ROOT)
    subprocess.run(args, check=True, capture_output=True, env=env, cwd=ROOT)  # warm caches
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    print("som-xl uncertainty benchmarks (best of 7 unless said; goals from issue 9)")
    data = synthetic()
    model = build_model(resolve(parse_scenario(data), None))
    n_cons = model.unit_gains.shape[0]
    n = 10_000

    s, c, g, _ = _draws(n, n_cons, False)
    best, med = best_of(lambda: net_values(model, s, c, g))
    print(
        f"1. {n:,} draws × 10 years × 30 consequences, per purse, one pass: "
        f"{best * 1e3:.1f} ms [{med * 1e3:.1f} ms] (goal < 10 ms: {_verdict(best < 0.010)})"
    )
    s, c, g, p = _draws(n, n_cons, True)
    best_p, med_p = best_of(lambda: net_values(model, s, c, g, p))
    print(f"   with one service's price drawn too: {best_p * 1e3:.1f} ms [{med_p * 1e3:.1f} ms]")
    spec = parse_scenario({**data, "uncertainty": UNCERTAINTY})
    res = resolve(spec, None)
    best_a, med_a = best_of(lambda: analyse(res, spec.uncertainty), 5)
    print(
        f"   whole analysis (draws, Monte Carlo, summaries, tornado): "
        f"{best_a * 1e3:.1f} ms [{med_a * 1e3:.1f} ms]"
    )

    mb = _peak_mb(lambda: net_values(model, s, c, g))
    print(f"2. extra memory for {n:,} draws: {mb:.1f} MB (goal < 50 MB: {_verdict(mb < 50)})")

    big = 100_000
    s, c, g, _ = _draws(big, n_cons, False)
    mb_big = _peak_mb(lambda: net_values(model, s, c, g))
    mb_direct = _peak_mb(lambda: net_values(model, s, c, g, direct=True))
    print(
        f"3. {big:,} draws: peak extra memory {mb_big:.1f} MB; with the engine on every draw "
        f"in chunks (the fallback) {mb_direct:.1f} MB "
        f"(goal: fits in 4 GB: {_verdict(max(mb_big, mb_direct) < 4096)})"
    )
    s, c, g, _ = _draws(n, n_cons, False)
    best_d, _ = best_of(lambda: net_values(model, s, c, g, direct=True), 3)
    print(f"   {n:,} draws with the engine on every draw (the fallback): {best_d * 1e3:.1f} ms")

    exe = [sys.executable, "-c", CLI]  # som-xl, with this checkout's code
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yaml"
        path.write_text(
            yaml.safe_dump({**data, "uncertainty": UNCERTAINTY}, allow_unicode=True),
            encoding="utf-8",
        )
        t_calc = _process([*exe, "calc", str(path)])
        t_unc = _process([*exe, "usikkerhed", str(path), "--json"])
    ratio = t_unc / t_calc
    print(
        f"4. som-xl usikkerhed (10,000 draws) {t_unc * 1e3:.0f} ms, som-xl calc "
        f"{t_calc * 1e3:.0f} ms: {ratio:.2f} × (goal ≤ 1.3 ×: {_verdict(ratio <= 1.3)})"
    )
    print("5. som-xl calc against python -c 'import numpy': see bench_startup.py")


if __name__ == "__main__":
    main()
