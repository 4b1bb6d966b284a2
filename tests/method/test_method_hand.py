"""Hand-computed cases for som-method §3.8 (refined) and §3.10–3.19, arithmetic written out.

One own service "x" (expenditure, kommune 100 kr., region 50 kr. per unit, budget item
"Post") unless a case says otherwise; discount rate 0 unless given, so present values are
plain sums and every figure can be checked on paper.
"""

from __future__ import annotations

from typing import Any

import pytest

from som_xl.errors import InputError
from som_xl.inputs import parse_scenario, resolve
from som_xl.results import Result, calculate


def scenario(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Håndregning",
        "start_year": 2025,
        "horizon_years": 5,
        "price_year": 2024,
        "discount_rate": 0.0,
        "course_years": 1,
        "participants": {2025: 10},
        "success_rate": 0.5,
        "costs": [{"label": "Drift", "kind": "once", "year": 2025, "amount": 1000}],
        "consequences": [{"service": "x", "profile": [-2, -1]}],
        "services": [
            {
                "id": "x",
                "label": "X",
                "unit": "døgn",
                "direction": "expenditure",
                "budget_item": "Post",
                "price_year": 2024,
                "prices": {"kommune": 100, "region": 50, "stat": 0},
            }
        ],
    }
    data.update(changes)
    return data


def run(data: dict[str, Any]) -> Result:
    return calculate(resolve(parse_scenario(data), None))


def gains(r: Result) -> list[float]:
    return [row["gains"] for row in r.year_rows()]


def purse(r: Result, name: str) -> dict[str, Any]:
    return next(p for p in r.to_dict()["by_purse"] if p["purse"] == name)


# --- §3.10 consequences during the course ---------------------------------------------------


def test_during_course_per_participant_not_scaled_by_s() -> None:
    # Course of 2 years; 10 start in 2025. During: −3 units per participant in course year 1,
    # −1 in year 2: 2025: 10 × −3 = −30 units, 2026: 10 × −1 = −10 units. Unit gain 150 kr.
    # (100 + 50) → 4,500 and 1,500 kr., whatever s is.
    # After: the course ends 2026; successes 10 × 0.5 = 5; 2027: 5 × −2 = −10 units → 1,500;
    # 2028: 5 × −1 = −5 units → 750.
    data = scenario(
        course_years=2,
        consequences=[{"service": "x", "profile": [-2, -1], "during_course": [-3, -1]}],
    )
    r = run(data)
    assert gains(r) == pytest.approx([4500, 1500, 1500, 750, 0])
    r0 = run({**data, "success_rate": 0})
    assert gains(r0) == pytest.approx([4500, 1500, 0, 0, 0])
    # §3.8: s* = (PV(costs) − PV(during)) / PV(after at s = 1) = (1000 − 6000) / 4500 < 0
    assert r.break_even_success_rate == pytest.approx((1000 - 6000) / 4500)
    assert r0.break_even_success_rate == pytest.approx((1000 - 6000) / 4500)


def test_during_course_longer_than_the_course_is_an_error() -> None:
    data = scenario(consequences=[{"service": "x", "profile": [-1], "during_course": [-1, -1]}])
    with pytest.raises(InputError, match="during_course har 2 værdier, men forløbet varer 1 år"):
        run(data)


def test_break_even_success_rate_at_zero_and_none() -> None:
    # After gains at s = 1: 10 × (2 + 1) units × 150 = 4,500; costs 1,000 → s* = 0.2222…
    r = run(scenario(success_rate=0))
    assert r.break_even_success_rate == pytest.approx(1000 / 4500)
    # More use (positive profile of an expenditure): PV(after at s = 1) < 0 → none.
    r = run(scenario(consequences=[{"service": "x", "profile": [1]}]))
    assert r.break_even_success_rate is None


# --- §3.8 break-even year from the first flow -------------------------------------------------


def test_break_even_year_counts_from_the_first_flow() -> None:
    # Participants start 2027; costs 2027 (1,000); gains 2028: 5 × 2 × 150 = 1,500 → cumulative
    # −1,000 in 2027, +500 in 2028. 2025 and 2026 have no flow: no break-even there.
    data = scenario(
        participants={2027: 10},
        costs=[{"label": "Drift", "kind": "once", "year": 2027, "amount": 1000}],
    )
    assert run(data).break_even_year == 2028
    # Region only gains (from 2028): its break-even year is 2028, not 2025.
    assert purse(run(data), "region")["break_even_year"] == 2028
    # Stat has no flow at all: none.
    assert purse(run(data), "stat")["break_even_year"] is None


def test_no_flow_at_all_has_no_break_even_year() -> None:
    r = run(scenario(costs=[], success_rate=0))
    assert r.break_even_year is None


# --- §3.11 tails and §3.12 drop-off -----------------------------------------------------------


@pytest.mark.parametrize(
    ("tail", "units"),
    [
        # profile [−2, −1] for 5 successes from 2026: 2026 −10, 2027 −5, then the tail
        ("stop", [0, -10, -5, 0, 0]),
        ("hold", [0, -10, -5, -5, -5]),
        # decay 0.5: −1 × 0.5 = −0.5 (k = 3), −0.25 (k = 4); × 5 successes
        ({"kind": "decay", "rate": 0.5}, [0, -10, -5, -2.5, -1.25]),
    ],
)
def test_tails(tail: Any, units: list[float]) -> None:
    data = scenario(costs=[], consequences=[{"service": "x", "profile": [-2, -1], "tail": tail}])
    assert gains(run(data)) == pytest.approx([-150 * u for u in units])


def test_scenario_wide_tail_applies_where_a_consequence_names_none() -> None:
    data = scenario(
        costs=[],
        consequence_tail="hold",
        consequences=[
            {"service": "x", "profile": [-2, -1]},  # hold: 2028, 2029 −5 units each
            {"service": "x", "profile": [-1], "tail": "stop"},  # stop: only 2026 −5 units
        ],
    )
    # units: 2026: −10 − 5 = −15; 2027: −5; 2028: −5; 2029: −5
    assert gains(run(data)) == pytest.approx([0, 2250, 750, 750, 750])


def test_drop_off_after_the_tail() -> None:
    # hold, drop-off 0.5: k = 1: −2, k = 2: −1 × 0.5, k = 3: −1 × 0.25, k = 4: −1 × 0.125
    data = scenario(
        costs=[], drop_off=0.5, consequences=[{"service": "x", "profile": [-2, -1], "tail": "hold"}]
    )
    units = [0, -2 * 5, -0.5 * 5, -0.25 * 5, -0.125 * 5]
    assert gains(run(data)) == pytest.approx([-150 * u for u in units])


def test_drop_off_leaves_during_course_values() -> None:
    data = scenario(
        costs=[],
        drop_off=0.5,
        consequences=[{"service": "x", "profile": [-2, -2], "during_course": [-1]}],
    )
    # during 2025: 10 × −1 → 1,500; after: −2 × 5 = −10 → 1,500; −2 × 0.5 × 5 = −5 → 750
    assert gains(run(data)) == pytest.approx([1500, 1500, 750, 0, 0])


def test_horizon_30_counts_after_year_10_as_the_tail_says() -> None:
    profile = [-1.0] * 10
    data = scenario(
        horizon_years=30,
        costs=[],
        consequences=[{"service": "x", "profile": profile, "tail": "hold"}],
    )
    g = gains(run(data))
    # 5 successes × 1 unit × 150 kr. in every year 2026–2054 (k = 1..29): 29 × 750
    assert sum(g) == pytest.approx(29 * 750)
    stop = gains(run({**data, "consequences": [{"service": "x", "profile": profile}]}))
    assert sum(stop) == pytest.approx(10 * 750)


# --- §3.13 gross success ----------------------------------------------------------------------


def test_gross_success_with_and_without() -> None:
    net = run(scenario(success_rate=0.10))
    gross = run(scenario(success_rate={"with": 0.12, "without": 0.02}))
    assert gross.net_discounted == pytest.approx(net.net_discounted)
    assert gross.break_even_success_rate == pytest.approx(net.break_even_success_rate)
    with pytest.raises(InputError, match="uden indsatsen"):
        run(scenario(success_rate={"with": 0.1, "without": 0.2}))


# --- §3.14 optimism bias ----------------------------------------------------------------------


def test_optimism_bias_on_costs_and_gains() -> None:
    data = scenario(
        optimism_bias={"costs": 0.2, "gains": 0.1},
        costs=[
            {"label": "Drift", "kind": "once", "year": 2025, "amount": 1000},
            {"label": "Sparet", "kind": "once", "year": 2025, "amount": -500},
        ],
        consequences=[
            {"service": "x", "profile": [-2]},  # a gain: 2026 5 × 2 × 150 = 1,500 → × 0.9
            {"service": "x", "profile": [0, 1]},  # a loss: 2027 −5 × 150 = −750 → × 1.1
        ],
    )
    r = run(data)
    # costs: 1000 × 1.2 − 500 × 0.8 = 1,200 − 400 = 800
    assert [row["costs"] for row in r.year_rows()] == pytest.approx([800, 0, 0, 0, 0])
    assert gains(r) == pytest.approx([0, 1350, -825, 0, 0])
    # s* on the adjusted figures: PV(after at s = 1) = 2 × (1350 − 825) = 1,050 → 800 / 1050
    assert r.break_even_success_rate == pytest.approx(800 / 1050)


def test_optimism_bias_per_purse_flow() -> None:
    # One consequence whose kommune flow is a gain and region flow a loss (a revenue priced
    # negative for the region cannot be written; use two services instead).
    data = scenario(
        costs=[],
        optimism_bias={"gains": 0.5},
        consequences=[{"service": "x", "profile": [-2]}],
    )
    kommune = purse(run(data), "kommune")["gains"]
    region = purse(run(data), "region")["gains"]
    # kommune: 10 units × 100 × 0.5 = 500; region: 10 × 50 × 0.5 = 250
    assert (kommune, region) == pytest.approx((500, 250))


# --- §3.15–3.16 committees and per purse ------------------------------------------------------


def test_committees_sum_the_kommunes_flows_only() -> None:
    data = scenario(
        committees={"Post": "Socialudvalget", "Indsatsens omkostninger": "Økonomiudvalget"},
        costs=[
            {"label": "Drift", "kind": "once", "year": 2025, "amount": 1000},
            {"label": "Region", "kind": "once", "year": 2025, "amount": 300, "purse": "region"},
        ],
    )
    d = run(data).to_dict()
    by = {c["committee"]: c for c in d["by_committee"]}
    # Social: kommune's gains 5 × 2 × 100 = 1,000 (2026) + 5 × 1 × 100 = 500 (2027)
    assert by["Socialudvalget"]["gains"] == pytest.approx(1500)
    assert by["Socialudvalget"]["costs"] == 0
    # Økonomi: the kommune's cost only (not the region's 300)
    assert by["Økonomiudvalget"]["costs"] == pytest.approx(1000)
    assert by["Økonomiudvalget"]["break_even_year"] is None
    assert by["Økonomiudvalget"]["benefit_cost_ratio"] == 0
    assert by["Socialudvalget"]["break_even_year"] == 2026
    assert by["Socialudvalget"]["benefit_cost_ratio"] is None  # no costs
    kommune = purse(run(data), "kommune")
    assert sum(c["net"] for c in d["by_committee"]) == pytest.approx(kommune["net"])
    # kommune: −1,000 in 2025, +1,000 in 2026 → cumulative 0 in 2026: break-even 2026
    assert kommune["break_even_year"] == 2026
    assert kommune["benefit_cost_ratio"] == pytest.approx(1500 / 1000)


def test_an_unmapped_item_has_no_committee() -> None:
    d = run(scenario()).to_dict()
    assert {c["committee"] for c in d["by_committee"]} == {"Uden udvalg"}


# --- §3.17 baseline ---------------------------------------------------------------------------


def test_relative_profile_and_warning_beyond_baseline() -> None:
    data = scenario(
        costs=[],
        baseline={"x": 4},
        consequences=[{"service": "x", "relative": [-0.5, -1.5]}],
    )
    r = run(data)
    # profile = [−0.5 × 4, −1.5 × 4] = [−2, −6]; 5 successes: 2026 −10, 2027 −30 units
    assert gains(r) == pytest.approx([0, 1500, 4500, 0, 0])
    d = r.to_dict()
    assert len(d["warnings"]) == 1
    assert "år 2" in d["warnings"][0] and "udgangsforbruget på 4 døgn" in d["warnings"][0]


def test_relative_without_baseline_is_an_error() -> None:
    data = scenario(consequences=[{"service": "x", "relative": [-0.5]}])
    with pytest.raises(InputError, match="kræver et udgangsforbrug"):
        run(data)


def test_own_group_baseline_and_during_values_not_compared() -> None:
    data = scenario(
        target_group={"id": "egen", "label": "Egen", "baseline": {"x": 1}},
        consequences=[{"service": "x", "profile": [-1], "during_course": [-5]}],
    )
    assert run(data).to_dict()["warnings"] == []


# --- §3.18 resources --------------------------------------------------------------------------


def test_resources_join_the_costs() -> None:
    data = scenario(
        costs=[],
        resources=[
            # 1.5 FTE × 400,000 × 1.15 = 690,000 in 2025 and 2026
            {"label": "Medarbejdere", "years": [2025, 2026], "fte": 1.5, "annual_wage": 400000,
             "overhead": 0.15},
            # 100 hours × 300 kr. = 30,000 in 2025, region
            {"label": "Supervision", "years": [2025], "hours": 100, "hourly_wage": 300,
             "purse": "region"},
        ],
    )  # fmt: skip
    r = run(data)
    assert [row["costs"] for row in r.year_rows()] == pytest.approx([720000, 690000, 0, 0, 0])
    assert purse(r, "region")["costs"] == pytest.approx(30000)


# --- §3.19 follow-up --------------------------------------------------------------------------


def test_realised_replaces_participants_costs_and_success_rate() -> None:
    data = scenario(
        participants={2025: 10, 2026: 10, 2027: 10},
        costs=[{"label": "Drift", "kind": "annual", "years": [2025, 2026, 2027], "amount": 1000}],
        realised={2025: {"participants": 8, "successes": 2, "costs": 1200}},
    )
    r = run(data)
    d = r.to_dict()
    # observed s = 2 / 8 = 0.25 (the 2025 cohort's course ended in 2025)
    assert d["success_rate"] == pytest.approx(0.25)
    assert d["realised"]["observed_success_rate"] == pytest.approx(0.25)
    # costs: 2025 realised 1,200 instead of 1,000
    assert [row["costs"] for row in r.year_rows()] == pytest.approx([1200, 1000, 1000, 0, 0])
    # gains 2026: 8 × 0.25 × 2 × 150 = 600; 2027: 8 × .25 × 1 × 150 + 10 × .25 × 2 × 150 = 1050
    assert gains(r)[:3] == pytest.approx([0, 600, 1050])
    assert d["plan"]["success_rate"] == pytest.approx(0.5)
    assert d["plan"]["costs_by_year"][0] == pytest.approx(1000)
    assert d["forecast"]["net_result"]["discounted"] == pytest.approx(r.net_discounted)


def test_realised_with_no_ended_course_keeps_the_planned_rate() -> None:
    data = scenario(course_years=2, realised={2025: {"participants": 8, "successes": 1}})
    assert run(data).to_dict()["success_rate"] == pytest.approx(0.5)


def test_realised_optimism_bias_applies() -> None:
    data = scenario(optimism_bias={"costs": 0.1}, realised={2025: {"costs": 2000}})
    assert run(data).year_rows()[0]["costs"] == pytest.approx(2200)


# --- provenance -------------------------------------------------------------------------------


def test_illustrative_share_of_own_values_is_zero() -> None:
    assert run(scenario()).to_dict()["provenance"]["illustrative_share"] == 0


def test_round_trip_through_to_scenario() -> None:
    data = scenario(
        course_years=2,
        drop_off=0.1,
        optimism_bias={"costs": 0.1, "gains": 0.2},
        success_rate={"with": 0.6, "without": 0.1},
        committees={"Post": "Socialudvalget"},
        consequences=[{"service": "x", "profile": [-2], "during_course": [-1], "tail": "hold"}],
        realised={2025: {"participants": 9, "successes": 0, "costs": 900}},
    )
    r = run(data)
    again = run(r.resolved.to_scenario())
    assert again.to_dict()["net_result"] == pytest.approx(r.to_dict()["net_result"])
    assert again.to_dict()["by_committee"] == r.to_dict()["by_committee"]


def test_provenance_survives_a_written_scenario() -> None:
    from pathlib import Path

    from som_xl import load_kb, load_scenario

    path = Path(__file__).parents[2] / "examples" / "modificeret_act.yaml"
    kb = load_kb()
    r = calculate(resolve(load_scenario(path)[0], kb))
    share = r.provenance["illustrative_share"]
    assert 0 < share <= 1
    copy = calculate(resolve(parse_scenario(r.resolved.to_scenario()), None))
    assert copy.provenance["illustrative_share"] == pytest.approx(share)
    assert copy.net_discounted == pytest.approx(r.net_discounted)


def test_knowledge_base_during_values_need_a_long_enough_course(tmp_path: Any) -> None:
    """§3.10: a during_course list longer than course_years is an error, also where the
    knowledge base gives it (the fixture's shelter nights get two course-year values)."""
    import shutil
    from pathlib import Path

    import yaml

    from som_xl import load_kb

    kb_dir = tmp_path / "kb"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "kb_min", kb_dir)
    path = kb_dir / "consequences.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["consequences"]["voksne_hjemloeshed"][0]["during_course"] = [-5, -5]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    kb = load_kb(kb_dir)
    spec = {
        "start_year": 2025, "horizon_years": 4, "price_year": 2024, "discount_rate": 0.0,
        "participants": {2025: 10}, "success_rate": 0.5, "target_group": "voksne_hjemloeshed",
    }  # fmt: skip
    with pytest.raises(InputError, match=r"course_years.*2 værdier under forløbet"):
        resolve(parse_scenario(spec), kb)
    # course of 2 years: 10 × −5 nights in 2025 and 2026, whatever s is
    two = calculate(resolve(parse_scenario({**spec, "course_years": 2}), kb))
    three = calculate(resolve(parse_scenario({**spec, "course_years": 2, "success_rate": 0}), kb))
    assert two.year_rows()[0]["gains"] == pytest.approx(three.year_rows()[0]["gains"])
    assert three.year_rows()[0]["gains"] > 0 and three.year_rows()[2]["gains"] == 0
