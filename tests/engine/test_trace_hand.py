"""The trace of the hand-computed scenario (tests/conftest.py STANDALONE), row by row.

The scenario: start 2025, horizon 4 years, 5 % discount rate, one-year course,
participants 10 (2025) and 20 (2026), success rate 0.3.

Consequences: botilbud (expenditure, kommune 1,000 / region 500 kr. per day), profile −10, −4;
income (revenue, kommune 0.25 / stat 0.10 per kr.), profile 20,000 for three years.

Costs: Opstart 100,000 (2025, kommune); Drift 50,000 a year (2025, 2026, region);
Materialer 2,000 per participant (kommune); Sparet støtte −30,000 (2026, kommune).
"""

from __future__ import annotations

import numpy as np
import pytest

from som_xl.engine import trace
from tests.conftest import run, standalone

R = 1.05
# D(t) = 1 / 1.05^t; the start year is not discounted, so the rate row starts with 0.
RATES = [0.0, 0.05, 0.05, 0.05]
DISCOUNT = [1.0, 1 / R, 1 / R**2, 1 / R**3]
# Courses last one year: ended = starters; successes = ended × 0.3.
STARTERS = [10.0, 20.0, 0.0, 0.0]
SUCCESSES = [3.0, 6.0, 0.0, 0.0]
# Units = Σ_k successes[t − k] × profile[k]:
#   botilbud: t=1: 3×−10 = −30; t=2: 3×−4 + 6×−10 = −72; t=3: 6×−4 = −24
#   income:   t=1: 3×20,000 = 60,000; t=2: 9×20,000 = 180,000; t=3: 9×20,000 = 180,000
UNITS = [[0.0, -30.0, -72.0, -24.0], [0.0, 60000.0, 180000.0, 180000.0]]
# Gains = units × unit gain (expenditure: −price; revenue: +price), per purse (kommune,
# region, stat):
#   botilbud × (−1,000, −500, 0): kommune 30,000, 72,000, 24,000; region 15,000, 36,000, 12,000
#   income × (0.25, 0, 0.1): kommune 15,000, 45,000, 45,000; stat 6,000, 18,000, 18,000
GAINS_BY_CONSEQUENCE = [
    [[0, 0, 0], [30000, 15000, 0], [72000, 36000, 0], [24000, 12000, 0]],
    [[0, 0, 0], [15000, 0, 6000], [45000, 0, 18000], [45000, 0, 18000]],
]
# W(k) = Σ_j profile[j, k] × (sum of j's unit gains over purses):
#   botilbud's unit gain −1,500, income's 0.35:
#   W(1) = −10 × −1,500 + 20,000 × 0.35 = 15,000 + 7,000 = 22,000
#   W(2) = −4 × −1,500 + 7,000 = 13,000;  W(3) = 0 + 7,000 = 7,000
W = [22000.0, 13000.0, 7000.0]
# Gains at success rate 1 = Σ_k ended[t − k] × W(k):
#   t=1: 10 × 22,000 = 220,000
#   t=2: 20 × 22,000 + 10 × 13,000 = 570,000
#   t=3: 0 × 22,000 + 20 × 13,000 + 10 × 7,000 = 330,000
#   (× 0.3 = 66,000, 171,000, 99,000: the gains per year)
G1 = [0.0, 220000.0, 570000.0, 330000.0]
# Cost lines, one per item:
COST_LINES = [
    [100000.0, 0.0, 0.0, 0.0],  # Opstart (kommune)
    [50000.0, 50000.0, 0.0, 0.0],  # Drift (region)
    [20000.0, 40000.0, 0.0, 0.0],  # Materialer: 2,000 × 10, 2,000 × 20 (kommune)
    [0.0, -30000.0, 0.0, 0.0],  # Sparet støtte (kommune)
]
COSTS_T = [170000.0, 60000.0, 0.0, 0.0]
GAINS_T = [0.0, 66000.0, 171000.0, 99000.0]
NET_T = [-170000.0, 6000.0, 171000.0, 99000.0]
# Discounted: −170,000; 6,000 / 1.05 = 5,714.29; 171,000 / 1.1025 = 155,102.04;
# 99,000 / 1.157625 = 85,519.97. Running sum: −170,000; −164,285.71; −9,183.67; 76,336.25.
DNET_T = [-170000.0, 6000 / R, 171000 / R**2, 99000 / R**3]
CUM_T = list(np.cumsum(DNET_T))
CUM_U_T = [-170000.0, -164000.0, 7000.0, 106000.0]
BREAK_EVEN_T = [0.0, 0.0, 0.0, 1.0]  # cumulative discounted net ≥ 0 from 2028 on


def test_trace_by_hand() -> None:
    tr = run(standalone()).trace
    assert tr.years.tolist() == [2025, 2026, 2027, 2028]
    assert tr.t.tolist() == [0, 1, 2, 3]
    assert tr.in_horizon.tolist() == [1.0] * 4
    assert tr.rates.tolist() == RATES
    assert tr.discount == pytest.approx(DISCOUNT, rel=1e-15)
    assert tr.starters.tolist() == STARTERS
    assert tr.ended.tolist() == STARTERS
    assert tr.successes == pytest.approx(SUCCESSES, rel=1e-15)
    assert tr.units == pytest.approx(np.array(UNITS), rel=1e-12)
    assert tr.gains_by_consequence == pytest.approx(np.array(GAINS_BY_CONSEQUENCE), rel=1e-12)
    assert tr.gain_per_success == pytest.approx(W, rel=1e-12)
    assert tr.gains_at_full_success == pytest.approx(G1, rel=1e-12)
    pv1 = 220000 / R + 570000 / R**2 + 330000 / R**3
    assert tr.pv_gains_at_full_success == pytest.approx(pv1, rel=1e-12)
    assert tr.cost_labels == ("Opstart", "Drift", "Materialer", "Sparet støtte")
    assert tr.cost_lines.tolist() == COST_LINES
    assert [tr.purses[a] for a in tr.cost_purses] == ["kommune", "region", "kommune", "kommune"]
    assert {tr.budget_items[b] for b in tr.cost_items} == {"Indsatsens omkostninger"}
    assert tr.costs_t == pytest.approx(COSTS_T, abs=1e-9)
    assert tr.gains_t == pytest.approx(GAINS_T, abs=1e-9)
    assert tr.net_t == pytest.approx(NET_T, abs=1e-9)
    assert tr.discounted_net_t == pytest.approx(DNET_T, rel=1e-12)
    assert tr.cumulative_discounted_net_t == pytest.approx(CUM_T, rel=1e-12)
    assert tr.cumulative_net_t == pytest.approx(CUM_U_T, abs=1e-9)
    assert tr.break_even_t.tolist() == BREAK_EVEN_T


def test_by_purse_and_budget_item_by_hand() -> None:
    tr = run(standalone()).trace
    a = {p: i for i, p in enumerate(tr.purses)}
    # kommune costs: 100,000 + 20,000 in 2025; 40,000 − 30,000 in 2026.
    assert tr.costs_by_purse[:, a["kommune"]].tolist() == [120000.0, 10000.0, 0.0, 0.0]
    assert tr.costs_by_purse[:, a["region"]].tolist() == [50000.0, 50000.0, 0.0, 0.0]
    # region gains: botilbud only.
    assert tr.gains_by_purse[:, a["region"]].tolist() == [0.0, 15000.0, 36000.0, 12000.0]
    b = {item: i for i, item in enumerate(tr.budget_items)}
    assert tr.gains_by_budget_item[:, b["Skatteindtægter"]] == pytest.approx(
        [0.0, 21000.0, 63000.0, 63000.0]
    )


def test_padded_continues_the_timeline_by_hand() -> None:
    # Course of two years; 10 start in 2025 and 5 in 2028 (the last year of the horizon):
    # ended: 2026: 10; 2029 (t = 4, past the horizon): 5 — the workbook shows it too.
    res = run(standalone(course_years=2, participants={2025: 10, 2028: 5}))
    wide = res.trace.padded(6)
    assert wide.columns == 6
    assert wide.years.tolist() == [2025, 2026, 2027, 2028, 2029, 2030]
    assert wide.in_horizon.tolist() == [1, 1, 1, 1, 0, 0]
    assert wide.rates.tolist() == [0.0] + [0.05] * 5
    assert wide.discount == pytest.approx([1 / R**t for t in range(6)], rel=1e-15)
    assert wide.starters.tolist() == [10, 0, 0, 5, 0, 0]
    assert wide.ended.tolist() == [0, 10, 0, 0, 5, 0]
    assert wide.successes == pytest.approx([0, 3, 0, 0, 1.5, 0])
    # No flows after the horizon: the 5's successes fall outside it.
    assert wide.units[:, 4:].tolist() == [[0, 0], [0, 0]]
    assert wide.gains_at_full_success[4:].tolist() == [0, 0]
    assert wide.costs_t[4:].tolist() == [0, 0]
    assert wide.cost_lines[:, 4:].tolist() == [[0, 0]] * 4
    # Running sums hold their last value; the break-even flag is 0 outside the horizon.
    cum = wide.cumulative_discounted_net_t
    assert cum[4] == cum[5] == cum[3]
    assert wide.cumulative_net_t[5] == wide.cumulative_net_t[3]
    assert wide.break_even_t[4:].tolist() == [0, 0]
    # Inside the horizon the padded trace is the trace.
    narrow = res.trace
    for name in ("discount", "successes", "gains_t", "net_t", "cumulative_discounted_net_t"):
        assert np.array_equal(wide.field(name)[:4], narrow.field(name)), name


def test_trace_function_equals_result_trace() -> None:
    res = run(standalone())
    fresh = trace(res.model)
    assert np.array_equal(fresh.gains_t, res.trace.gains_t)
    assert np.array_equal(fresh.units, res.trace.units)
    assert trace(res.model, columns=50).columns == 50
