"""Hand-computed cases: the arithmetic is written out, the engine must agree to the krone."""

from __future__ import annotations

import pytest

from som_xl.engine import discount_factors
from tests.conftest import run, standalone

# Successes (s = 0.3, course 1 year): cohort 2025: 10 × 0.3 = 3 (ends 2025);
# cohort 2026: 20 × 0.3 = 6 (ends 2026).
# Botilbud units (profile −10, −4): 2026: 3×−10 = −30; 2027: 3×−4 + 6×−10 = −72; 2028: 6×−4 = −24.
#   Gains (expenditure, d = −1): kommune ×1000: 30 000, 72 000, 24 000; region ×500: 15 000,
#   36 000, 12 000.
# Income units (profile 20 000 ×3): 2026: 3×20 000 = 60 000; 2027: 9×20 000 = 180 000;
#   2028: 9×20 000 = 180 000. Gains (revenue, d = +1): kommune ×0.25: 15 000, 45 000, 45 000;
#   stat ×0.1: 6 000, 18 000, 18 000.
GAINS = {
    2025: 0,
    2026: 30000 + 15000 + 15000 + 6000,
    2027: 72000 + 36000 + 45000 + 18000,
    2028: 24000 + 12000 + 45000 + 18000,
}  # 0, 66 000, 171 000, 99 000
# Costs: 2025: 100 000 once + 50 000 drift + 2 000 × 10 = 170 000;
#        2026: 50 000 drift + 2 000 × 20 − 30 000 saved = 60 000.
COSTS = {2025: 100000 + 50000 + 2000 * 10, 2026: 50000 + 2000 * 20 - 30000, 2027: 0, 2028: 0}
D = {2025: 1.0, 2026: 1 / 1.05, 2027: 1 / 1.05**2, 2028: 1 / 1.05**3}


def test_year_by_year() -> None:
    r = run(standalone())
    for row in r.year_rows():
        y = row["year"]
        assert row["gains"] == pytest.approx(GAINS[y], abs=1e-6)
        assert row["costs"] == pytest.approx(COSTS[y], abs=1e-6)
        assert row["net"] == pytest.approx(GAINS[y] - COSTS[y], abs=1e-6)
        assert row["discount_factor"] == pytest.approx(D[y], rel=1e-12)
        assert row["discounted_net"] == pytest.approx((GAINS[y] - COSTS[y]) * D[y], rel=1e-12)


def test_totals_and_derived_figures() -> None:
    r = run(standalone())
    assert r.net_undiscounted == pytest.approx(-170000 + 6000 + 171000 + 99000)  # 106 000
    pv_gains = 66000 / 1.05 + 171000 / 1.05**2 + 99000 / 1.05**3
    pv_costs = 170000 + 60000 / 1.05
    assert r.net_discounted == pytest.approx(pv_gains - pv_costs, rel=1e-12)  # 76 336.25
    assert r.net_discounted == pytest.approx(76336.2487, abs=1e-3)
    # Cumulative: −170 000; −164 285.71; −9 183.67; +76 336.25 → break-even in 2028.
    cum = [row["cumulative_discounted_net"] for row in r.year_rows()]
    assert cum[2] == pytest.approx(-170000 + 6000 / 1.05 + 171000 / 1.05**2)
    assert r.break_even_year == 2028
    assert r.benefit_cost_ratio == pytest.approx(pv_gains / pv_costs)
    assert r.break_even_success_rate == pytest.approx(0.3 * pv_costs / pv_gains)


def test_split_by_purse_and_budget_item() -> None:
    r = run(standalone())
    purse = {x["purse"]: x for x in r.by_purse()}
    # kommune: costs 100 000 + 20 000 + 40 000 − 30 000; gains 30+72+24+15+45+45 thousand.
    assert purse["kommune"]["costs"] == pytest.approx(130000)
    assert purse["kommune"]["gains"] == pytest.approx(231000)
    assert purse["region"]["costs"] == pytest.approx(100000)
    assert purse["region"]["gains"] == pytest.approx(63000)
    assert purse["stat"]["costs"] == pytest.approx(0)
    assert purse["stat"]["gains"] == pytest.approx(42000)
    item = {x["budget_item"]: x for x in r.by_budget_item()}
    assert item["Sociale serviceydelser for voksne"]["gains"] == pytest.approx(189000)
    assert item["Skatteindtægter"]["gains"] == pytest.approx(147000)
    assert item["Indsatsens omkostninger"]["costs"] == pytest.approx(230000)


def test_course_length_shifts_gains() -> None:
    # Course of 2 years: cohort 2025 ends 2026, cohort 2026 ends 2027 (horizon 2025-2028).
    # Botilbud kommune gains: 2027: 3×10×1000 = 30 000; 2028: 3×4×1000 + 6×10×1000 = 72 000.
    r = run(
        standalone(
            course_years=2,
            consequences=[{"service": "egen_botilbud", "profile": [-10, -4]}],
            costs=[],
        )
    )
    gains = [row["gains"] for row in r.year_rows()]
    assert gains == pytest.approx([0, 0, 30000 + 15000, 72000 + 36000])


def test_zero_success_rate_and_no_gains() -> None:
    r = run(standalone(success_rate=0))
    assert r.net_discounted == pytest.approx(-(170000 + 60000 / 1.05))
    assert r.break_even_year is None
    # Defined at s = 0 too (som-method §3.8): PV(costs) / PV(gains at s = 1), the same rate
    # as at any other s, since neither depends on s.
    at_default = run(standalone()).break_even_success_rate
    assert at_default is not None
    assert r.break_even_success_rate == pytest.approx(at_default, rel=1e-12)
    r = run(standalone(consequences=[{"service": "egen_botilbud", "profile": [5, 5]}]))
    assert r.break_even_success_rate is None  # gains ≤ 0: no break-even success rate


def test_profile_longer_than_horizon_is_cut() -> None:
    r = run(standalone(consequences=[{"service": "egen_botilbud", "profile": [-1] * 40}], costs=[]))
    # Units: 2026: −3; 2027: −9; 2028: −9 (both cohorts) → kommune+region 1 500 per unit.
    assert [row["gains"] for row in r.year_rows()] == pytest.approx([0, 4500, 13500, 13500])


def test_price_year_conversion_with_own_index() -> None:
    data = standalone(
        price_index={2020: 90.0, 2024: 108.0},
        costs=[
            {
                "label": "Drift i 2020-priser",
                "kind": "once",
                "year": 2025,
                "amount": 900,
                "price_year": 2020,
            }
        ],
    )
    data["services"][0]["price_year"] = 2020  # 1000 kr. in 2020 prices = 1000 × 108/90 = 1200
    data["consequences"] = [{"service": "egen_botilbud", "profile": [-1]}]
    r = run(data)
    # 2026: 3 citizens × 1 unit × (1200 + 600) kr.; cost 900 × 108/90 = 1 080 in 2025.
    rows = r.year_rows()
    assert rows[1]["gains"] == pytest.approx(3 * (1000 + 500) * 108 / 90)
    assert rows[0]["costs"] == pytest.approx(1080)


def test_fm_schedule_discount_factors() -> None:
    d = discount_factors(80, [(1, 0.035), (36, 0.025), (71, 0.015)])
    assert d[0] == 1.0
    assert d[35] == pytest.approx(1.035**-35, rel=1e-12)
    assert d[36] == pytest.approx(1.035**-35 / 1.025, rel=1e-12)
    assert d[70] == pytest.approx(1.035**-35 * 1.025**-35, rel=1e-12)
    assert d[71] == pytest.approx(1.035**-35 * 1.025**-35 / 1.015, rel=1e-12)
    flat = discount_factors(10, 0.035)
    assert flat[9] == pytest.approx(1.035**-9, rel=1e-12)


def test_standalone_scenario_needs_no_knowledge_base() -> None:
    # resolve(..., kb=None) raises if anything asks for the knowledge base.
    r = run(standalone(), kb=None)
    assert r.resolved.kb_fingerprint is None


def test_per_participant_cost_limited_to_some_start_years() -> None:
    # Materials only for the 2026 cohort: 2 000 × 20 = 40 000 in 2026, nothing in 2025.
    costs = [{"label": "Materialer", "kind": "per_participant", "amount": 2000, "years": [2026]}]
    r = run(standalone(costs=costs))
    assert [row["costs"] for row in r.year_rows()] == pytest.approx([0, 40000, 0, 0])
    costs = [{"label": "Materialer", "kind": "per_participant", "amount": 2000, "year": 2025}]
    r = run(standalone(costs=costs))
    assert [row["costs"] for row in r.year_rows()] == pytest.approx([20000, 0, 0, 0])


def test_participants_as_a_list_from_the_start_year() -> None:
    a = run(standalone(participants=[10, 20]))
    b = run(standalone())
    assert a.net_discounted == pytest.approx(b.net_discounted)


def test_two_profiles_for_one_service_add_up() -> None:
    one = [{"service": "egen_botilbud", "profile": [-10, -4]}]
    two = [
        {"service": "egen_botilbud", "profile": [-6, -4]},
        {"service": "egen_botilbud", "profile": [-4]},
    ]
    a = run(standalone(consequences=one, costs=[]))
    b = run(standalone(consequences=two, costs=[]))
    assert [r["gains"] for r in b.year_rows()] == pytest.approx([r["gains"] for r in a.year_rows()])


def test_no_consequences_gives_no_gains() -> None:
    r = run(standalone(consequences=[]))
    assert r.pv_gains == 0
    assert r.net_undiscounted == pytest.approx(-(170000 + 60000))
    assert r.break_even_success_rate is None
