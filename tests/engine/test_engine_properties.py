"""Invariants of the calculation, checked with hypothesis on random scenarios."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from som_xl.engine import build_model, discount_factors, evaluate
from som_xl.inputs import parse_scenario, resolve
from tests.conftest import run

money = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
price = st.floats(min_value=0, max_value=1e5, allow_nan=False, allow_infinity=False)


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.integers(2020, 2030))
    horizon = draw(st.integers(1, 15))
    years = list(range(start, start + horizon))
    n_services = draw(st.integers(1, 4))
    services = [
        {
            "id": f"s{i}",
            "label": f"Ydelse {i}",
            "unit": "stk",
            "direction": draw(st.sampled_from(["expenditure", "revenue"])),
            "budget_item": draw(st.sampled_from(["Post A", "Post B", "Post C"])),
            "price_year": 2024,
            "prices": {"kommune": draw(price), "region": draw(price), "stat": draw(price)},
        }
        for i in range(n_services)
    ]
    consequences = [
        {"service": s["id"], "profile": draw(st.lists(money, min_size=1, max_size=12))}
        for s in services
    ]
    participants = {
        y: draw(st.integers(0, 200))
        for y in draw(
            st.lists(st.sampled_from(years), min_size=1, max_size=len(years), unique=True)
        )
    }
    costs: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["once", "annual", "per_participant"]))
        cost: dict[str, Any] = {
            "label": "c",
            "kind": kind,
            "amount": draw(money),
            "purse": draw(st.sampled_from(["kommune", "region", "stat"])),
        }
        if kind == "once":
            cost["year"] = draw(st.sampled_from(years))
        elif kind == "annual":
            cost["years"] = draw(st.lists(st.sampled_from(years), min_size=1, unique=True))
        costs.append(cost)
    return {
        "name": "hyp",
        "start_year": start,
        "horizon_years": horizon,
        "price_year": 2024,
        "discount_rate": draw(
            st.sampled_from(
                [
                    0.0,
                    0.035,
                    0.04,
                    [{"from_year": 1, "rate": 0.035}, {"from_year": 3, "rate": 0.025}],
                ]
            )
        ),
        "course_years": draw(st.integers(1, 3)),
        "participants": participants,
        "success_rate": draw(st.floats(0, 1)),
        "costs": costs,
        "consequences": consequences,
        "services": services,
    }


def _scale(x: float) -> float:
    return max(1.0, abs(x))


@settings(max_examples=80, deadline=None)
@given(scenarios())
def test_zero_success_gives_minus_costs(data: dict[str, Any]) -> None:
    data["success_rate"] = 0
    r = run(data)
    for row in r.year_rows():
        assert row["gains"] == 0
        assert row["net"] == pytest.approx(-row["costs"], abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(scenarios(), st.integers(2, 5))
def test_gains_linear_in_participants_and_prices(data: dict[str, Any], k: int) -> None:
    base = run(data)
    more = dict(data, participants={y: n * k for y, n in data["participants"].items()})
    r = run(more)
    g0 = [row["gains"] for row in base.year_rows()]
    g1 = [row["gains"] for row in r.year_rows()]
    assert g1 == pytest.approx([k * g for g in g0], rel=1e-9, abs=1e-6)
    pricier = dict(
        data,
        services=[
            dict(s, prices={p: v * k for p, v in s["prices"].items()}) for s in data["services"]
        ],
    )
    g2 = [row["gains"] for row in run(pricier).year_rows()]
    assert g2 == pytest.approx([k * g for g in g0], rel=1e-9, abs=1e-6)
    # Costs per participant scale too; once/annual costs do not.
    only_pp = dict(data, costs=[{"label": "pp", "kind": "per_participant", "amount": 1000}])
    c0 = [row["costs"] for row in run(only_pp).year_rows()]
    c1 = [row["costs"] for row in run(dict(only_pp, participants=more["participants"])).year_rows()]
    assert c1 == pytest.approx([k * c for c in c0])


@settings(max_examples=80, deadline=None)
@given(scenarios())
def test_purses_and_budget_items_add_up_to_the_total(data: dict[str, Any]) -> None:
    r = run(data)
    total = r.net_undiscounted
    tol = 1e-9 * max(1.0, sum(abs(x["net"]) for x in r.by_purse()) + abs(total))
    assert sum(x["net"] for x in r.by_purse()) == pytest.approx(total, abs=tol)
    assert sum(x["net"] for x in r.by_budget_item()) == pytest.approx(total, abs=tol)
    assert sum(x["discounted_net"] for x in r.by_purse()) == pytest.approx(
        r.net_discounted, abs=tol
    )
    assert sum(x["discounted_net"] for x in r.by_budget_item()) == pytest.approx(
        r.net_discounted, abs=tol
    )
    assert sum(row["net"] for row in r.year_rows()) == pytest.approx(total, abs=tol)
    rows = r.rows()
    gains = sum(x["value"] for x in rows if x["kind"] == "gain")
    costs = sum(x["value"] for x in rows if x["kind"] == "cost")
    assert gains - costs == pytest.approx(total, abs=tol)


@settings(max_examples=50, deadline=None)
@given(scenarios())
def test_break_even_success_rate_gives_zero(data: dict[str, Any]) -> None:
    r = run(data)
    s_star = r.break_even_success_rate
    if s_star is None:
        return
    at = run(dict(data, success_rate=min(max(s_star, 0.0), 1.0)))
    if 0 <= s_star <= 1:
        scale = r.pv_costs + abs(r.pv_gains) + 1.0
        assert at.net_discounted == pytest.approx(0, abs=1e-7 * scale)


@given(st.integers(2, 120), st.floats(0.0001, 0.2))
def test_discount_factors_fall_with_time(horizon: int, rate: float) -> None:
    d = discount_factors(horizon, rate)
    assert d[0] == 1
    assert np.all(np.diff(d) < 0)


def test_fm_schedule_changes_rate_after_year_35(kb: Any) -> None:
    steps = [(s.from_year, s.rate) for s in kb.discount_rates["fm"].schedule]
    d = discount_factors(100, steps)
    ratio = d[:-1] / d[1:]  # 1 + r_t for t = 1..99
    assert ratio[:35] == pytest.approx(np.full(35, 1.035))
    assert ratio[35:70] == pytest.approx(np.full(35, 1.025))
    assert ratio[70:] == pytest.approx(np.full(29, 1.015))


@settings(max_examples=30, deadline=None)
@given(scenarios(), st.lists(st.floats(0, 1), min_size=1, max_size=20))
def test_one_pass_equals_one_by_one(data: dict[str, Any], rates: list[float]) -> None:
    model = build_model(resolve(parse_scenario(data), None))
    batch = evaluate(model, success_rate=np.array(rates))
    for v, s in enumerate(rates):
        single = run(dict(data, success_rate=s))
        assert batch.pv_net[v] == pytest.approx(single.net_discounted, rel=1e-9, abs=1e-6)
