"""Monte Carlo and tornado (som-method §3.20): analytic cases, invariants, switching values.

The hand-calculated scenario (tests/engine/test_engine_hand.py, STANDALONE) has, at 5 %:
PV(costs) = 170,000 + 60,000 / 1.05 = 227,142.857...; PV(gains) at s = 0.3 is
66,000 / 1.05 + 171,000 / 1.05² + 99,000 / 1.05³ = 303,479.04...; net 76,336.18...
Gains are linear in s, so PV(gains at s = 1) = 303,479.04 / 0.3 and the break-even success
rate is s* = 227,142.857 / (303,479.04 / 0.3) = 0.22454...
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from som_xl import calculate, parse_scenario, resolve
from som_xl.engine import build_model
from som_xl.errors import InputError
from som_xl.inputs.uncertainty import UncertaintySpec
from som_xl.results.distributions import beta_cdf, beta_parameters, quantile, sample
from som_xl.results.uncertainty import analyse, net_values
from tests.conftest import standalone

PV_COSTS = 170_000 + 60_000 / 1.05
PV_GAINS_03 = 66_000 / 1.05 + 171_000 / 1.05**2 + 99_000 / 1.05**3
S_STAR = PV_COSTS / (PV_GAINS_03 / 0.3)


def _analyse(unc: dict[str, Any], **changes: Any) -> Any:
    spec = parse_scenario(standalone(uncertainty=unc, **changes))
    assert spec.uncertainty is not None
    return analyse(resolve(spec, None), spec.uncertainty)


def test_hand_figures() -> None:
    # the constants above are the engine's (so the analytic tests below rest on them)
    r = calculate(resolve(parse_scenario(standalone()), None))
    assert math.isclose(r.net_discounted, PV_GAINS_03 - PV_COSTS, rel_tol=1e-12)
    assert math.isclose(r.break_even_success_rate or 0, S_STAR, rel_tol=1e-12)
    assert math.isclose(S_STAR, 0.22454, abs_tol=1e-5)


@pytest.mark.parametrize(
    ("dist", "p_exact"),
    [
        # uniform on 0.1-0.5: P(s > s*) = (0.5 − s*) / 0.4
        ({"dist": "uniform", "low": 0.1, "high": 0.5}, (0.5 - S_STAR) / 0.4),
        # triangular 0.1, 0.3, 0.4 (s* < mode): P(s ≤ s*) = (s* − 0.1)² / ((0.4 − 0.1)(0.3 − 0.1))
        (
            {"dist": "triangular", "low": 0.1, "mode": 0.3, "high": 0.4},
            1 - (S_STAR - 0.1) ** 2 / (0.3 * 0.2),
        ),
        # beta with mean 0.3, sd 0.1: P(s > s*) = 1 − I_{s*}(a, b), a = 6, b = 14
        ({"dist": "beta", "mean": 0.3, "sd": 0.1}, 1 - beta_cdf(S_STAR, 6.0, 14.0)),
    ],
)
def test_only_success_rate_uncertain_p_equals_p_of_s_above_break_even(
    dist: dict[str, Any], p_exact: float
) -> None:
    u = _analyse({"draws": 40_000, "seed": 11, "success_rate": dist})
    se = math.sqrt(p_exact * (1 - p_exact) / 40_000)
    assert abs(u.total.p_net_positive - p_exact) < 4 * se
    # and the draw-by-draw statement: net > 0 exactly where s > s*
    assert u.tornado[0].switching_value == pytest.approx(S_STAR, rel=1e-12)


def test_beta_parameters_of_the_analytic_case() -> None:
    # mean 0.3, sd 0.1: ν = 0.3 × 0.7 / 0.01 − 1 = 20, a = 6, b = 14
    a, b = beta_parameters(0.3, 0.1)
    assert (round(a, 12), round(b, 12)) == (6.0, 14.0)


def test_beta_cdf_against_closed_forms() -> None:
    # Beta(1, 1) is uniform; Beta(2, 1) has CDF x²; Beta(1, 3) has CDF 1 − (1 − x)³
    for x in (0.01, 0.2, 0.5, 0.77, 0.99):
        assert beta_cdf(x, 1, 1) == pytest.approx(x, abs=1e-13)
        assert beta_cdf(x, 2, 1) == pytest.approx(x * x, abs=1e-13)
        assert beta_cdf(x, 1, 3) == pytest.approx(1 - (1 - x) ** 3, abs=1e-13)


@pytest.mark.parametrize(
    "dist",
    [
        {"dist": "normal", "mean": 0.2, "sd": 0.15},  # cut at 0: truncation matters
        {"dist": "beta", "mean": 0.3, "sd": 0.1},
        {"dist": "triangular", "low": 0.1, "mode": 0.3, "high": 0.4},
    ],
)
def test_exact_quantiles_agree_with_the_draws(dist: dict[str, Any]) -> None:
    d = UncertaintySpec.model_validate({"success_rate": dist}).success_rate
    assert d is not None
    x = sample(d, np.random.default_rng(3), 200_000)
    for p in (0.1, 0.5, 0.9):
        assert quantile(d, p) == pytest.approx(float(np.quantile(x, p)), abs=3e-3)
    assert x.min() >= 0 and x.max() <= 1


def test_switching_values_make_the_net_result_zero() -> None:
    u = _analyse(
        {
            "success_rate": {"dist": "uniform", "low": 0.1, "high": 0.5},
            "costs": {"dist": "triangular", "low": 0.8, "mode": 1, "high": 1.5},
            "consequences": {"dist": "normal", "mean": 1, "sd": 0.2},
            "services": {"egen_botilbud": {"dist": "uniform", "low": 0.5, "high": 1.5}},
            "draws": 100,
        }
    )
    sv = {r.input: r.switching_value for r in u.tornado}
    assert set(sv) == {"success_rate", "costs", "consequences", "services.egen_botilbud"}
    # success rate: recalculate the scenario itself at s*
    r = calculate(resolve(parse_scenario(standalone(success_rate=sv["success_rate"])), None))
    assert abs(r.net_discounted) < 1e-6
    # costs: every cost amount (the saved one too) times the switching value
    data = standalone()
    for c in data["costs"]:
        c["amount"] *= sv["costs"]
    assert abs(calculate(resolve(parse_scenario(data), None)).net_discounted) < 1e-6
    # gains: every price times the switching value
    data = standalone()
    for s in data["services"]:
        s["prices"] = {k: v * sv["consequences"] for k, v in s["prices"].items()}
    assert abs(calculate(resolve(parse_scenario(data), None)).net_discounted) < 1e-6
    # one service's prices: x* = 1 − net / PV(that service's gains)
    data = standalone()
    data["services"][0]["prices"] = {
        k: v * sv["services.egen_botilbud"] for k, v in data["services"][0]["prices"].items()
    }
    assert abs(calculate(resolve(parse_scenario(data), None)).net_discounted) < 1e-6


def test_switching_value_none_outside_the_allowed_range() -> None:
    # a scenario that pays back even at s = 0 (a large saved cost): no s in 0-1 gives 0
    data = standalone()
    data["costs"].append({"label": "Sparet", "kind": "once", "year": 2025, "amount": -1e6})
    spec = parse_scenario(
        {**data, "uncertainty": {"success_rate": {"dist": "uniform", "low": 0, "high": 1}}}
    )
    assert spec.uncertainty is not None
    u = analyse(resolve(spec, None), spec.uncertainty, draws=10)
    assert u.tornado[0].switching_value is None
    assert u.total.p_net_positive == 1.0


def test_tornado_low_high_are_the_10_and_90_percent_quantiles() -> None:
    # uniform 0.8-1.2: 0.84 and 1.16; net at a cost factor c is PV(gains) − c × PV(costs)
    u = _analyse({"costs": {"dist": "uniform", "low": 0.8, "high": 1.2}})
    row = u.tornado[0]
    assert (row.low, row.high) == (pytest.approx(0.84), pytest.approx(1.16))
    assert row.net_low == pytest.approx(PV_GAINS_03 - 0.84 * PV_COSTS, rel=1e-12)
    assert row.net_high == pytest.approx(PV_GAINS_03 - 1.16 * PV_COSTS, rel=1e-12)
    assert row.switching_value == pytest.approx(PV_GAINS_03 / PV_COSTS, rel=1e-12)


def test_tornado_sorted_by_swing() -> None:
    u = _analyse(
        {
            "costs": {"dist": "uniform", "low": 0.99, "high": 1.01},
            "consequences": {"dist": "uniform", "low": 0.5, "high": 1.5},
        }
    )
    assert [r.input for r in u.tornado] == ["consequences", "costs"]
    assert u.tornado[0].swing >= u.tornado[1].swing


def test_per_purse_sums_to_the_total_draw_by_draw() -> None:
    spec = parse_scenario(standalone())
    res = resolve(spec, None)
    s = np.linspace(0, 1, 7)
    c = np.linspace(0.5, 1.5, 7)
    total, purse = net_values(build_model(res), s, c, np.ones(7))
    assert np.allclose(purse.sum(axis=1), total, rtol=1e-12)
    # and the kommune's central figure is calc's (79,061 in the hand example)
    u = _analyse({"costs": {"dist": "uniform", "low": 1, "high": 1}})
    assert u.by_purse["kommune"].mean == pytest.approx(
        calculate(res).by_purse()[0]["discounted_net"], rel=1e-12
    )


def test_chunks_do_not_change_the_result() -> None:
    spec = parse_scenario(
        standalone(
            uncertainty={
                "draws": 5000,
                "success_rate": {"dist": "beta", "mean": 0.3, "sd": 0.1},
                "costs": {"dist": "normal", "mean": 1, "sd": 0.3},
            }
        )
    )
    res = resolve(spec, None)
    assert spec.uncertainty is not None
    a = analyse(res, spec.uncertainty, chunk=333)
    b = analyse(res, spec.uncertainty)
    assert np.array_equal(a.net, b.net)
    assert a.to_dict() == b.to_dict()


def test_hundred_thousand_draws_in_chunks() -> None:
    calls: list[tuple[int, int]] = []
    u = _analyse(
        {
            "draws": 100_000,
            "success_rate": {"dist": "uniform", "low": 0, "high": 1},
            "services": {"egen_indkomst": {"dist": "uniform", "low": 0.5, "high": 1.5}},
        }
    )
    assert u.draws == 100_000 and u.net.shape == (100_000,)
    spec = parse_scenario(standalone())
    model = build_model(resolve(spec, None))
    n = 100_000
    net_values(
        model,
        np.full(n, 0.3),
        np.ones(n),
        np.ones(n),
        None,
        progress=lambda d, t: calls.append((d, t)),
        direct=True,  # the engine on every draw, in chunks
    )
    assert len(calls) >= 10 and calls[-1] == (n, n)


# --- hypothesis ------------------------------------------------------------------------------

_rates = st.floats(0, 1, allow_nan=False)
_factors = st.floats(0, 3, allow_nan=False)


@st.composite
def _triangular(draw: st.DrawFn, values: st.SearchStrategy[float]) -> dict[str, Any]:
    a, b, c = sorted(draw(st.tuples(values, values, values)))
    return {"dist": "triangular", "low": a, "mode": b, "high": c}


@given(
    _triangular(_rates),
    _triangular(_factors),
    st.integers(0, 2**32),
)
def test_quantiles_monotone_and_same_seed_same_output(
    rate: dict[str, Any], cost: dict[str, Any], seed: int
) -> None:
    unc = {"draws": 300, "seed": seed, "success_rate": rate, "costs": cost}
    a, b = _analyse(unc), _analyse(unc)
    q = [a.total.quantiles[k] for k in ("5", "10", "50", "90", "95")]
    assert all(x <= y for x, y in itertools.pairwise(q))
    for s in a.by_purse.values():
        qp = [s.quantiles[k] for k in ("5", "10", "50", "90", "95")]
        assert all(x <= y for x, y in itertools.pairwise(qp))
    assert a.to_dict() == b.to_dict()
    assert np.array_equal(a.net, b.net)


@given(_rates, st.floats(0, 3), st.floats(0, 3))
def test_zero_variance_gives_the_deterministic_result(s: float, c: float, g: float) -> None:
    unc = {
        "draws": 50,
        "success_rate": {"dist": "uniform", "low": s, "high": s},
        "costs": {"dist": "triangular", "low": c, "mode": c, "high": c},
        "consequences": {"dist": "uniform", "low": g, "high": g},
    }
    u = _analyse(unc, success_rate=s)
    # the deterministic result at s, costs × c and gains × g: by linearity,
    # net = g × PV(gains at s) − c × PV(costs)
    r = calculate(resolve(parse_scenario(standalone(success_rate=s)), None))
    expected = g * r.pv_gains - c * r.pv_costs
    tol = 1e-9 * max(1.0, abs(r.pv_gains), abs(r.pv_costs))
    assert all(abs(v - expected) <= tol for v in u.total.quantiles.values())
    assert abs(u.total.mean - expected) <= tol
    assert u.total.p_net_positive == (1.0 if expected > tol else u.total.p_net_positive)


def test_no_uncertain_input_is_the_central_result() -> None:
    spec = parse_scenario(standalone())
    u = analyse(resolve(spec, None), None, draws=10)
    assert u.tornado == ()
    assert u.total.quantiles["5"] == pytest.approx(PV_GAINS_03 - PV_COSTS, rel=1e-12)


def test_unknown_service_is_a_danish_problem() -> None:
    spec = parse_scenario(
        standalone(
            uncertainty={"services": {"egen_botilbd": {"dist": "uniform", "low": 1, "high": 2}}}
        )
    )
    assert spec.uncertainty is not None
    with pytest.raises(InputError) as exc:
        analyse(resolve(spec, None), spec.uncertainty, where="fil.yaml")
    text = exc.value.text()
    assert "uncertainty.services.egen_botilbd" in text and "egen_botilbud" in text


def test_factors_equal_the_engines_factors_with_bias_and_during_course_gains() -> None:
    # gains during the course (they do not scale with s) and optimism bias on costs and
    # gains: the analysis applies the gain and cost factors to the present values per purse;
    # the engine's own cost_factor / gain_factor / price_factor must give the same figures.
    from som_xl.engine.core import evaluate

    data = standalone(optimism_bias={"costs": 0.2, "gains": 0.1})
    data["consequences"][0]["during_course"] = [-3]
    res = resolve(parse_scenario(data), None)
    model = build_model(res)
    rng = np.random.default_rng(5)
    n = 200
    s, c, g = rng.uniform(0, 1, n), rng.uniform(0, 2, n), rng.uniform(0, 2, n)
    p = rng.uniform(0, 2, (n, len(res.consequences)))
    total, purse = net_values(model, s, c, g, p, chunk=64)
    b = evaluate(model, success_rate=s, cost_factor=c, gain_factor=g, price_factor=p)
    want = np.einsum("vta,vt->va", (b.gains - b.costs).sum(axis=3), b.discount)
    assert np.allclose(purse, want, rtol=1e-12, atol=1e-6)
    assert np.allclose(total, b.pv_net, rtol=1e-12, atol=1e-6)
    # and the success rate's switching value is the engine's break-even rate (§3.8 refined)
    spec = parse_scenario(
        {**data, "uncertainty": {"success_rate": {"dist": "uniform", "low": 0, "high": 1}}}
    )
    assert spec.uncertainty is not None
    u = analyse(resolve(spec, None), spec.uncertainty, draws=10)
    be = calculate(res).break_even_success_rate
    assert be is not None and u.tornado[0].switching_value == pytest.approx(be, rel=1e-12)


def test_the_basis_path_equals_the_engine_on_every_draw(monkeypatch: pytest.MonkeyPatch) -> None:
    # with during-course gains, optimism bias and price factors: the headline-only path (one
    # engine pass over a basis) gives the engine's figures draw by draw
    from som_xl.results import uncertainty as U

    data = standalone(optimism_bias={"costs": 0.2, "gains": 0.1})
    data["consequences"][0]["during_course"] = [-3]
    model = build_model(resolve(parse_scenario(data), None))
    rng = np.random.default_rng(9)
    n = 500
    s, c, g = rng.uniform(0, 1, n), rng.uniform(0, 2, n), rng.uniform(0, 2, n)
    for p in (None, rng.uniform(0, 2, (n, 2))):
        fast = net_values(model, s, c, g, p)
        slow = net_values(model, s, c, g, p, direct=True)
        assert np.allclose(fast[1], slow[1], rtol=1e-10, atol=1e-6)
    # an engine that is not linear in s is caught by the check and evaluated directly
    slow = net_values(model, s, c, g, direct=True)
    monkeypatch.setattr(U, "_linear", lambda *a: np.zeros((n, 3)))
    assert np.array_equal(net_values(model, s, c, g)[1], slow[1])


@given(
    st.floats(0.01, 1.0),
    st.floats(1e3, 1e6),
    st.floats(0.0, 0.5),
    st.floats(0.0, 0.5),
)
def test_every_switching_value_makes_the_net_result_zero(
    s: float, opstart: float, bias_costs: float, bias_gains: float
) -> None:
    # whatever the scenario, each switching value found, put back into the engine (on the
    # direct path, draw by draw), gives a discounted net result of 0
    data = standalone(success_rate=s, optimism_bias={"costs": bias_costs, "gains": bias_gains})
    data["costs"][0]["amount"] = opstart
    data["consequences"][0]["during_course"] = [-2]
    unc = {
        "success_rate": {"dist": "uniform", "low": 0, "high": 1},
        "costs": {"dist": "uniform", "low": 0, "high": 5},
        "consequences": {"dist": "uniform", "low": 0, "high": 5},
        "services": {"egen_indkomst": {"dist": "uniform", "low": 0, "high": 5}},
        "draws": 10,
    }
    spec = parse_scenario({**data, "uncertainty": unc})
    res = resolve(spec, None)
    model = build_model(res)
    assert spec.uncertainty is not None
    u = analyse(res, spec.uncertainty, model=model)
    one = np.ones(1)
    for row in u.tornado:
        x = row.switching_value
        if x is None:
            continue
        sv, c, g, p = np.full(1, s), one.copy(), one.copy(), np.ones((1, 2))
        if row.input == "success_rate":
            sv[0] = x
        elif row.input == "costs":
            c[0] = x
        elif row.input == "consequences":
            g[0] = x
        else:
            p[0, 1] = x
        total, _ = net_values(model, sv, c, g, p, direct=True)
        scale = max(1.0, abs(u.central), abs(row.net_low), abs(row.net_high))
        assert abs(total[0]) <= 1e-7 * scale, (row.input, x, total[0])
