"""The trace's rows agree with evaluate and with each other, on random scenarios."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from som_xl.engine import (
    BREAK_EVEN_TOLERANCE,
    Model,
    build_model,
    discount_factors,
    evaluate,
    trace,
)
from som_xl.engine.tracing import YEAR_ROWS, Trace
from som_xl.inputs import parse_scenario, resolve
from tests.engine.test_engine_properties import scenarios


def _model(data: dict[str, Any]) -> Model:
    return build_model(resolve(parse_scenario(data), None))


@st.composite
def many_consequences(draw: st.DrawFn) -> dict[str, Any]:
    """A random scenario with up to 9 consequences (several per service and budget item)."""
    data = draw(scenarios())
    extra = draw(st.integers(0, 5))
    money = st.floats(-1e5, 1e5, allow_nan=False)
    for _ in range(extra):
        service = draw(st.sampled_from(data["services"]))["id"]
        profile = draw(st.lists(money, min_size=1, max_size=10))
        data["consequences"].append({"service": service, "profile": profile})
    return data


def _close(a: Any, b: Any, scale: float) -> None:
    np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9 * max(1.0, scale))


@settings(max_examples=80)
@given(many_consequences())
def test_totals_are_evaluates_to_the_last_bit(data: dict[str, Any]) -> None:
    model = _model(data)
    batch = evaluate(model)
    tr = trace(model)
    assert np.array_equal(tr.costs, batch.costs[0])
    assert np.array_equal(tr.gains, batch.gains[0])
    assert np.array_equal(tr.discount, batch.discount[0])
    assert np.array_equal(tr.costs_t, batch.by_year("costs")[0])
    assert np.array_equal(tr.gains_t, batch.by_year("gains")[0])
    assert np.array_equal(tr.net_t, batch.by_year("net")[0])
    assert np.array_equal(tr.cumulative_discounted_net_t, batch.cumulative_discounted_net[0])
    assert tr.pv_gains_at_full_success == batch.pv_gains_at_full_success[0]
    # The break-even year is the first flagged year.
    flagged = np.flatnonzero(tr.break_even_t)
    assert (int(flagged[0]) if flagged.size else -1) == int(batch.break_even_index[0])


@settings(max_examples=80)
@given(many_consequences())
def test_rows_follow_from_each_other(data: dict[str, Any]) -> None:
    model = _model(data)
    tr = trace(model)
    s = model.success_rate
    lag = model.course_years - 1
    # Participants: ended = starters shifted by the course; successes = ended × s.
    expected_ended = np.zeros(tr.columns)
    expected_ended[lag:] = tr.starters[: tr.columns - lag]
    assert np.array_equal(tr.ended, expected_ended)
    assert np.array_equal(tr.successes, tr.ended * s)
    # Discounting: D(t) = D(t − 1) / (1 + r_t).
    assert tr.rates[0] == 0.0
    np.testing.assert_allclose(tr.discount[1:], tr.discount[:-1] / (1 + tr.rates[1:]), rtol=1e-12)
    # Totals: discounted = net × D; running sums; the flag.
    assert np.array_equal(tr.discounted_net_t, tr.net_t * tr.discount)
    assert np.array_equal(tr.cumulative_discounted_net_t, np.cumsum(tr.discounted_net_t))
    assert np.array_equal(tr.cumulative_net_t, np.cumsum(tr.net_t))
    # counting from the first year with a flow (som-method §3.8)
    started = np.cumsum(tr.batch.has_flow[0]) > 0
    ok = (tr.cumulative_discounted_net_t >= -BREAK_EVEN_TOLERANCE) & started
    assert np.array_equal(tr.break_even_t, ok.astype(float))


@settings(max_examples=80)
@given(many_consequences())
def test_consequences_add_up_to_the_gains(data: dict[str, Any]) -> None:
    model = _model(data)
    tr = trace(model)
    s = model.success_rate
    scale = float(np.abs(tr.gains_by_consequence_at_full_success).sum())
    # Σ over consequences and purses of the gains per consequence = the year's gains.
    _close(tr.gains_by_consequence.sum(axis=(0, 2)), tr.gains_t, scale)
    # ... and by budget item: the consequences of one item add up to its gains.
    for b in range(len(tr.budget_items)):
        mine = tr.gains_by_consequence[tr.consequence_items == b].sum(axis=0)  # (C, A)
        _close(mine, tr.gains[:, :, b], scale)
    # Gains are linear in s: at full success × s = the gains.
    _close(s * tr.gains_by_consequence_at_full_success, tr.gains_by_consequence, scale)
    _close(s * tr.units_at_full_success, tr.units, scale)
    _close(s * tr.gains_at_full_success, tr.gains_t, scale)
    pv1 = float((tr.gains_at_full_success * tr.discount).sum())
    _close(pv1, tr.pv_gains_at_full_success, scale)
    # Units: Σ_k successes[t − k] × profile[k], written out as a loop.
    units = np.zeros_like(tr.units)
    for t in range(tr.horizon):
        for k in range(1, min(tr.profiles.shape[1], t) + 1):
            units[:, t] += tr.successes[t - k] * tr.profiles[:, k - 1]
    _close(tr.units, units, float(np.abs(units).sum()))


@settings(max_examples=60)
@given(scenarios())
def test_cost_lines_add_up_to_the_costs(data: dict[str, Any]) -> None:
    model = _model(data)
    tr = trace(model)
    summed = np.zeros_like(tr.costs)
    for n in range(tr.cost_lines.shape[0]):
        summed[:, tr.cost_purses[n], tr.cost_items[n]] += tr.cost_lines[n]
    _close(summed, tr.costs, float(np.abs(tr.cost_lines).sum()))


@settings(max_examples=60)
@given(scenarios(), st.integers(0, 40))
def test_padded_extends_without_changing_the_horizon(data: dict[str, Any], extra: int) -> None:
    model = _model(data)
    tr = trace(model)
    wide = tr.padded(tr.horizon + extra)
    h = tr.horizon
    for name in YEAR_ROWS:
        if name not in ("ended", "successes"):
            assert np.array_equal(wide.field(name)[:h], tr.field(name)), name
    for name in ("units", "gains_by_consequence", "cost_lines"):
        assert np.array_equal(wide.field(name)[:, :h], tr.field(name)), name
        assert not wide.field(name)[:, h:].any(), name
    for name in ("costs_t", "gains_t", "net_t", "discounted_net_t", "gains_at_full_success"):
        assert not wide.field(name)[h:].any(), name
    assert np.array_equal(wide.discount, discount_factors(h + extra, list(model.discount_schedule)))
    assert (wide.cumulative_discounted_net_t[h:] == tr.cumulative_discounted_net_t[-1]).all()
    assert not wide.break_even_t[h:].any()
    # Courses started inside the horizon still end (and count) after it, as in the workbook.
    lag = model.course_years - 1
    assert not wide.starters[h:].any()
    ended = np.zeros(wide.columns)
    ended[lag:] = wide.starters[: wide.columns - lag]
    assert np.array_equal(wide.ended, ended)
    assert np.array_equal(wide.successes, ended * model.success_rate)


def test_every_named_field_is_there() -> None:
    tr = trace(Model.simple([10, 0, 0], 0.5, [-2, -1], -100.0))
    for name in YEAR_ROWS:
        assert tr.field(name).shape == (3,), name
    with pytest.raises(KeyError, match="no trace field"):
        tr.field("nonsense")
    with pytest.raises(ValueError, match="at least the horizon"):
        tr.padded(2)
    assert isinstance(tr.padded(3), Trace)


def test_a_model_without_schedule_traces_its_own_factors() -> None:
    m = Model.simple([10, 0, 0], 0.5, [-2, -1], -100.0, rate=0.04)
    bare = Model(**{**m.__dict__, "discount_schedule": (), "cost_lines": None})
    tr = trace(bare)
    np.testing.assert_allclose(tr.rates, [0.0, 0.04, 0.04], rtol=1e-12)
    assert tr.cost_lines.shape == (0, 3)
    with pytest.raises(ValueError, match="no discount schedule"):
        tr.padded(4)


def test_no_consequences_no_gains() -> None:
    m = Model.simple([10, 0, 0], 0.5, [-2, -1], -100.0, costs=[5.0, 0, 0])
    none = Model(
        **{
            **m.__dict__,
            "profiles": np.zeros((0, 1)),
            "unit_gains": np.zeros((0, 3)),
            "consequence_items": np.zeros(0, dtype=np.intp),
        }
    )
    tr = trace(none).padded(5)
    assert tr.units.shape == (0, 5)
    assert tr.gains_by_consequence.shape == (0, 5, 3)
    assert tr.gain_per_success.tolist() == [0.0]
    assert not tr.gains_t.any()
    assert tr.net_t.tolist() == [-5.0, 0, 0, 0, 0]


@settings(max_examples=60)
@given(many_consequences(), st.integers(0, 10))
def test_sheet_totals_equal_the_totals_up_to_rounding(data: dict[str, Any], extra: int) -> None:
    tr = trace(_model(data)).padded(data["horizon_years"] + extra)
    st_ = tr.sheet_totals()
    scale = float(np.abs(tr.gains_by_consequence).sum() + np.abs(tr.cost_lines).sum())
    for name in (
        "costs_t",
        "gains_t",
        "net_t",
        "discounted_net_t",
        "cumulative_discounted_net_t",
        "cumulative_net_t",
    ):
        _close(getattr(st_, name), tr.field(name), scale)
    for name in (
        "costs_by_purse",
        "gains_by_purse",
        "costs_by_budget_item",
        "gains_by_budget_item",
    ):
        _close(getattr(st_, name), getattr(tr, name), scale)
    # Net, discounting and running sums follow from the summed rows exactly.
    assert np.array_equal(st_.net_t, st_.gains_t - st_.costs_t)
    assert np.array_equal(st_.cumulative_discounted_net_t, np.cumsum(st_.net_t * tr.discount))
    assert not st_.break_even_t[tr.horizon :].any()
