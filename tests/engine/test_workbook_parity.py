"""The trace gives the workbook's cached values, to the last bit (the bridge to round 2).

Today som_xl/workbook/values.py recomputes the workbook's intermediate rows by hand. Traced
on a model whose consequences are the workbook's consequence blocks (and whose budget items
are the workbook's), every row it computes is a trace field, bit for bit: so the workbook's
cached values can come from the trace and values.py can go. Delete this test with values.py
(or turn it into the workbook's own check of its row specification against the trace).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from som_xl import load_kb
from som_xl.engine import Model, Trace, trace
from som_xl.workbook.build import compute
from som_xl.workbook.layout import YEARS, Layout
from som_xl.workbook.model import book_kb, default_inputs
from som_xl.workbook.values import Values

FIXTURE_KB = Path(__file__).parents[1] / "fixtures" / "kb"


def _sheet_model(v: Values) -> Model:
    """The scenario's model with the workbook's consequence blocks and budget items."""
    m = v.result.model
    items = [label for _, label, _ in v.bkb.budget_items]
    index = {label.casefold(): b for b, label in enumerate(items)}
    prices = [v.prices[row.price_row] if row.price_row >= 0 else None for row in v.cons]
    sign = np.array([1.0 if p is not None and p.direction == "revenue" else -1.0 for p in prices])
    lines = m.cost_lines
    assert lines is not None
    line_items = np.array([index[m.budget_items[b].casefold()] for b in lines.items], np.intp)
    costs = np.zeros((m.horizon, len(m.purses), len(items)))
    for n in range(len(lines.labels)):
        costs[:, lines.purses[n], line_items[n]] += lines.values[n]
    return replace(
        m,
        profiles=np.array([row.applied for row in v.cons]).reshape(len(v.cons), -1),
        unit_gains=v.cons_prices * sign[:, None],
        consequence_items=np.array(
            [index[p.item.casefold()] if p is not None else 0 for p in prices], np.intp
        ),
        costs=costs,
        budget_items=tuple(items),
        cost_lines=replace(lines, items=line_items),
    )


def _same(name: str, got: object, expected: object) -> None:
    assert np.array_equal(np.asarray(got), np.asarray(expected)), name


@pytest.mark.parametrize("kb_path", [None, FIXTURE_KB], ids=["kb", "fixture_kb"])
def test_trace_rows_are_the_workbook_values(kb_path: Path | None) -> None:
    kb = load_kb(kb_path) if kb_path else load_kb()
    bkb = book_kb(kb)
    v = compute(default_inputs(kb, bkb), bkb, Layout(bkb.counts()))
    tr: Trace = trace(_sheet_model(v)).padded(YEARS)
    _same("in_horizon", tr.in_horizon, v.in_h)
    _same("rates", tr.rates, v.rates)
    _same("discount", tr.discount, v.disc)
    _same("starters", tr.starters, v.starters)
    _same("ended", tr.ended, v.ended)
    _same("successes", tr.successes, v.succ)
    _same("gain_per_success", tr.gain_per_success, v.w)
    _same("gains_at_full_success", tr.gains_at_full_success, v.g1)
    _same("pv_gains_at_full_success", tr.pv_gains_at_full_success, v.pv_g1)
    _same("units", tr.units, v.units)
    _same("gains_by_consequence", tr.gains_by_consequence, v.gains)
    st = tr.sheet_totals()
    _same("costs_t", st.costs_t, v.costs_t)
    _same("gains_t", st.gains_t, v.gains_t)
    _same("net_t", st.net_t, v.net_t)
    _same("discounted_net_t", st.discounted_net_t, v.dnet_t)
    _same("cumulative_discounted_net_t", st.cumulative_discounted_net_t, v.cum_t)
    _same("cumulative_net_t", st.cumulative_net_t, v.cum_u_t)
    _same("break_even_t", st.break_even_t, v.flag_t)
    _same("costs_by_purse", st.costs_by_purse.T, v.purse_costs)
    _same("gains_by_purse", st.gains_by_purse.T, v.purse_gains)
    _same("costs_by_budget_item", st.costs_by_budget_item.T, v.item_costs)
    _same("gains_by_budget_item", st.gains_by_budget_item.T, v.item_gains)
    # The scenario's own trace has the same totals up to float rounding.
    own = v.result.trace.padded(YEARS)
    np.testing.assert_allclose(own.gains_t, st.gains_t, rtol=1e-12, atol=1e-6)
    _same("gains_at_full_success (own model)", own.gains_at_full_success, v.g1)


@pytest.mark.parametrize("kb_path", [None, FIXTURE_KB], ids=["kb", "fixture_kb"])
def test_cost_lines_are_the_workbook_cost_rows(kb_path: Path | None) -> None:
    kb = load_kb(kb_path) if kb_path else load_kb()
    bkb = book_kb(kb)
    v = compute(default_inputs(kb, bkb), bkb, Layout(bkb.counts()))
    tr = v.result.trace.padded(YEARS)
    used = [row for row in v.costs if row.label]
    assert tr.cost_labels == tuple(row.label for row in used)
    _same("cost_lines", tr.cost_lines, np.array([row.values for row in used]))
