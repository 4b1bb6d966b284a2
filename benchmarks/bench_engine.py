"""Engine benchmarks (reported, never timed tests).

1. One scenario end to end from file: read YAML, validate, resolve, calculate.
2. 10,000 variations of a 10-year scenario with 30 consequences and 3 cohorts in one pass
   (success rate, prices and profiles varied per variation). Goal: under 0.1 s on one core.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_engine.py``.
"""

from __future__ import annotations

import os

# One core, as the goal says: keep BLAS single-threaded (set before numpy is imported).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import yaml  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import best_of  # noqa: E402  (benchmarks/ is on sys.path when run as a script)

from som_xl import calculate, load_kb, load_scenario, resolve  # noqa: E402
from som_xl.engine import build_model, evaluate  # noqa: E402
from som_xl.inputs import parse_scenario  # noqa: E402


def synthetic(n_cons: int = 30) -> dict[str, object]:
    rng = np.random.default_rng(1)
    return {
        "name": "Benchmark",
        "start_year": 2025,
        "horizon_years": 10,
        "price_year": 2024,
        "discount_rate": 0.035,
        "participants": {2025: 20, 2026: 20, 2027: 20},
        "success_rate": 0.3,
        "costs": [
            {"label": "Drift", "kind": "annual", "years": [2025, 2026, 2027], "amount": 1.5e6},
            {"label": "Pr. deltager", "kind": "per_participant", "amount": 5000},
        ],
        "consequences": [
            {"service": f"s{j}", "profile": [float(x) for x in -rng.uniform(0, 50, 10)]}
            for j in range(n_cons)
        ],
        "services": [
            {
                "id": f"s{j}",
                "label": f"Ydelse {j}",
                "unit": "døgn",
                "direction": "expenditure",
                "budget_item": f"Post {j % 8}",
                "prices": {"kommune": 1000.0 + j, "region": 200.0, "stat": 50.0},
            }
            for j in range(n_cons)
        ],
    }


def main() -> None:
    print("som-xl engine benchmarks (best of 7, median in brackets)")
    kb = load_kb() if (ROOT / "knowledge" / "services.yaml").exists() else None
    example = ROOT / "examples" / "modificeret_act.yaml"
    if not example.exists():
        tmp = Path(tempfile.mkdtemp()) / "bench.yaml"
        tmp.write_text(yaml.safe_dump(synthetic()), encoding="utf-8")
        example = tmp

    def end_to_end() -> None:
        spec, lines = load_scenario(example)
        calculate(resolve(spec, kb, str(example), lines)).to_dict()

    best, med = best_of(end_to_end, 20)
    print(
        f"1. one scenario end to end from file ({example.name}): "
        f"{best * 1e3:.2f} ms [{med * 1e3:.2f} ms]"
    )

    model = build_model(resolve(parse_scenario(synthetic()), None))
    n = 10_000
    rng = np.random.default_rng(7)
    success = rng.uniform(0.1, 0.5, n)
    unit_gains = model.unit_gains[None] * rng.lognormal(0, 0.2, (n, model.unit_gains.shape[0], 1))
    profiles = model.profiles[None] * rng.uniform(0.5, 1.5, (n, model.profiles.shape[0], 1))

    def batch() -> None:
        r = evaluate(model, success_rate=success, unit_gains=unit_gains, profiles=profiles)
        _ = (r.pv_net, r.break_even_index, r.benefit_cost_ratio)

    best, med = best_of(batch)
    goal = "met" if best < 0.1 else "NOT met"
    print(
        f"2. {n:,} variations × 10 years × 30 consequences × 3 cohorts, one pass: "
        f"{best * 1e3:.1f} ms [{med * 1e3:.1f} ms] (goal < 100 ms: {goal})"
    )

    def success_only() -> None:
        _ = evaluate(model, success_rate=success).pv_net

    best, med = best_of(success_only)
    print(f"   success rate only varied: {best * 1e3:.1f} ms [{med * 1e3:.1f} ms]")


if __name__ == "__main__":
    main()
