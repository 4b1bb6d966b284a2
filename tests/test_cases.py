"""Every example scenario pinned to its expected figures (tests/cases/<example>.yaml).

Each case file names a scenario in examples/ and the figures som-xl gives for it: net
result, costs and gains (undiscounted and at present value), break-even year, break-even
success rate, benefit-cost ratio and the net result per purse. Money is pinned to the øre,
ratios to 12 significant digits. The scenario runs through the public API only
(``load_kb``, ``load_scenario``, ``resolve``, ``calculate``), so the pins hold whatever
the package looks like inside. Every example must have a case file.

The case files also write some figures out by hand; ``test_hand_arithmetic`` recomputes
those from the written arithmetic, so the pins are not only regression values.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from som_xl import calculate, load_kb, load_scenario, resolve

ROOT = Path(__file__).resolve().parents[1]
CASES = sorted((ROOT / "tests" / "cases").glob("*.yaml"))
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

MONEY = ("net_result", "costs", "gains")
RATIOS = ("break_even_success_rate", "benefit_cost_ratio")
PURSE_FIELDS = ("net", "discounted_net")
EXPECT_KEYS = {*MONEY, *RATIOS, "break_even_year", "by_purse"}
REL_TOL = 1e-9


def read_case(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and set(data) == {"scenario", "expect"}, (
        f"{path.name}: a case holds 'scenario' and 'expect'"
    )
    return data


def money_close(got: float, want: float) -> bool:
    """Equal to the øre: the pin is rounded to whole øre, so half an øre (plus float noise)."""
    return abs(got - want) <= 0.005 + REL_TOL * abs(want)


def ratio_close(got: float | None, want: float | None) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return math.isclose(got, want, rel_tol=REL_TOL)


def figures(scenario: Path) -> dict[str, Any]:
    """The scenario's result as the JSON contract gives it (som-xl calc --json)."""
    spec, _lines = load_scenario(scenario)
    result: dict[str, Any] = calculate(resolve(spec, load_kb())).to_dict()
    return result


def test_every_example_has_a_case() -> None:
    pinned = {read_case(path)["scenario"] for path in CASES}
    examples = {f"examples/{path.name}" for path in EXAMPLES}
    assert examples, "examples/ is empty"
    assert not examples - pinned, f"examples without a case in tests/cases/: {examples - pinned}"
    assert not pinned - examples, f"cases for missing examples: {pinned - examples}"
    for path in CASES:
        assert read_case(path)["scenario"] == f"examples/{path.name}", (
            f"{path.name} should pin examples/{path.name}"
        )


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    case = read_case(path)
    want = case["expect"]
    assert set(want) == EXPECT_KEYS, f"{path.name}: expect needs exactly {sorted(EXPECT_KEYS)}"
    got = figures(ROOT / case["scenario"])
    wrong: list[str] = []

    for key in MONEY:
        for sub in ("undiscounted", "discounted"):
            if not money_close(got[key][sub], want[key][sub]):
                wrong.append(f"{key}.{sub}: got {got[key][sub]:.2f}, pinned {want[key][sub]:.2f}")
    year, pinned_year = got["break_even_year"], want["break_even_year"]
    if year != pinned_year:
        wrong.append(f"break_even_year: got {year}, pinned {pinned_year}")
    for key in RATIOS:
        if not ratio_close(got[key], want[key]):
            wrong.append(f"{key}: got {got[key]!r}, pinned {want[key]!r}")

    purses = {entry["purse"]: entry for entry in got["by_purse"]}
    if set(purses) != set(want["by_purse"]):
        wrong.append(f"by_purse: got purses {sorted(purses)}, pinned {sorted(want['by_purse'])}")
    for purse, pinned in want["by_purse"].items():
        for key in PURSE_FIELDS:
            value = purses.get(purse, {}).get(key)
            if value is None or not money_close(value, pinned[key]):
                wrong.append(f"by_purse.{purse}.{key}: got {value}, pinned {pinned[key]:.2f}")

    assert not wrong, f"{case['scenario']} differs from {path.name}:\n  " + "\n  ".join(wrong)


# --- hand arithmetic ---------------------------------------------------------------------

V = 1 / 1.035  # one year at Finansministeriet's 3.5 % (years 1-35)
THREE_YEARS = 1 + V + V**2  # a flow in each of the first three years, start year undiscounted
FOUR_YEARS = sum(V**k for k in range(4))
FIVE_YEARS = sum(V**k for k in range(5))

#: Figures written out by hand in the case files' comments: (case, key path) -> value.
HAND: dict[tuple[str, tuple[str, ...]], float] = {
    # 107 446 kr. per participant, 13 participants a year in 2025-2027.
    ("modificeret_act", ("costs", "undiscounted")): 107446 * 13 * 3,
    ("modificeret_act", ("costs", "discounted")): 107446 * 13 * THREE_YEARS,
    # 25 000 kr. per child, 11 children a year in 2025-2029, 60 000 once in 2025.
    ("cool_kids", ("costs", "undiscounted")): 25000 * 55 + 60000,
    ("cool_kids", ("costs", "discounted")): 25000 * 11 * FIVE_YEARS + 60000,
    # 958 000 kr. a year in 2025-2027.
    ("rr2_adhd", ("costs", "discounted")): 958000 * THREE_YEARS,
    # (95 000 − 35 000 saved) per start, 40 starts a year in 2025-2027.
    ("efterforloeb_aalborg", ("costs", "discounted")): (95000 - 35000) * 40 * THREE_YEARS,
    # 500 000 once in 2024, 180 000 per citizen, all 10 starting in 2024 (undiscounted).
    ("skaeve_boliger", ("costs", "discounted")): 500000 + 180000 * 10,
    # 624 000 per citizen (2 × 52 × 10 hours × 600 kr.), 5 a year in 2025-2028.
    ("udvidet_85_helsingoer", ("costs", "undiscounted")): 2 * 52 * 10 * 600 * 5 * 4,
    ("udvidet_85_helsingoer", ("costs", "discounted")): 2 * 52 * 10 * 600 * 5 * FOUR_YEARS,
    # Net by year −600 000, −100 000, +750 000, +250 000, 0 at 4 %.
    ("egen_beregning", ("net_result", "undiscounted")): -600000 - 100000 + 750000 + 250000,
    ("egen_beregning", ("net_result", "discounted")): (
        -600000 - 100000 / 1.04 + 750000 / 1.04**2 + 250000 / 1.04**3
    ),
    ("egen_beregning", ("break_even_success_rate",)): (
        0.25 * (600000 + 600000 / 1.04) / (500000 / 1.04 + 750000 / 1.04**2 + 250000 / 1.04**3)
    ),
    ("egen_beregning", ("by_purse", "kommune", "net")): 500 * 1500 - 1200000,
    ("egen_beregning", ("by_purse", "stat", "net")): 500 * 1500,
}


@pytest.mark.parametrize(("name", "keys"), list(HAND), ids=[f"{n}:{'.'.join(k)}" for n, k in HAND])
def test_hand_arithmetic(name: str, keys: tuple[str, ...]) -> None:
    pinned: Any = read_case(ROOT / "tests" / "cases" / f"{name}.yaml")["expect"]
    for key in keys:
        pinned = pinned[key]
    hand = HAND[(name, keys)]
    if keys[0] in RATIOS:
        assert math.isclose(pinned, hand, rel_tol=REL_TOL), (pinned, hand)
    else:
        assert money_close(pinned, hand), (pinned, hand)
