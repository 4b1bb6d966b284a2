"""An independent oracle for the calculation (docs/method.md §3), compared with `som-xl calc`.

The oracle below was written from the project's domain brief (§3-§4, restated in
docs/method.md) and the README's "Scenario files" section only, deliberately without
looking at som_xl's engine. It is loop-based and computes in exact fractions (every float
read from the scenario is turned into a Fraction), so any difference to som-xl beyond float
rounding is a real disagreement.

Readings of §3 that the oracle fixes (see the module's tests for each):

- the year row's ``costs`` are the sum of all cost items, saved costs (negative amounts)
  included, so PV(costs) can be ≤ 0;
- the benefit–cost ratio is PV(gains) / PV(costs), undefined (None) where PV(costs) ≤ 0:
  §3 gives only the formula; with no positive cost base (everything saved) a ratio of
  gains to costs means nothing, and a negative number would read as "worse than nothing"
  although the net result is better. som-xl also gives null there;
- the break-even success rate is PV(costs) / PV(gains at s = 1), None where that is ≤ 0,
  and defined at s = 0 too (som-method §3.8); it may be negative (saved costs exceed costs);
- the break-even year counts from the first year with a non-zero flow (a cost or gain of
  any purse and budget item); none where there is no flow;
- a discount schedule ``[{from_year, rate}, ...]`` counts ``from_year`` in discounted years
  (year 1 = the first year after the start year), like the knowledge base's fm schedule;
- an own ``price_index`` replaces the knowledge base's (README: it must then cover every
  price year the scenario uses); the generated indexes cover 2012-2030 with random values.

Extended to som-method §3.10-3.14 and §3.17 (written from som-method.md, not the engine):

- §3.10 ``during_course`` units fall on every participant of cohort c in year c + l - 1,
  valued like the profile, not scaled by s; §3.8's break-even rate is then
  (PV(costs) - PV(during)) / PV(after at s = 1);
- §3.11 after the last profile value: stop 0, hold profile[K], decay profile[K] (1 - q)^(k-K);
  the consequence's own tail, else ``consequence_tail``, else stop;
- §3.12 every after-course value (the tail's too) × (1 - δ)^(k - 1); during values untouched;
- §3.13 ``success_rate: {with, without}`` is s = with - without;
- §3.14 each cost item's amount in a year × (1 + oc) (≥ 0) or × (1 - oc) (< 0); each gain flow g
  of one consequence, year and purse becomes g - og·|g|. Reading: the after-course and the
  during-course values of one consequence are two flows. §3.8 asks for PV(during) and
  PV(after at s = 1) "on the adjusted figures", which exist only if each part is adjusted on
  its own (adjusting their sum would make gains non-linear in s, and §3.8's s* would then not
  give a zero net result);
- §3.17 ``relative: [ρ_k]`` is profile[k] = ρ_k × baseline (the scenario's ``baseline``, which
  wins over one's own target group's); one warning per profile value < -baseline.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import tempfile
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from som_xl.cli import main

PURSES = ("kommune", "region", "stat")
DEFAULT_BUDGET_ITEM = "Indsatsens omkostninger"
BUDGET_ITEMS = (
    "Indsatsens omkostninger",
    "Sociale serviceydelser for voksne",
    "Skatteindtægter",
    "Indkomstoverførsler",
    "Sundhed: psykiatri",
    "Politi, retsvæsen og kriminalforsorg",
)
#: The knowledge base's schedules as docs/method.md §3.9 gives them (rate from year i on).
KB_SCHEDULES = {
    "fm": [(1, Fraction("0.035")), (36, Fraction("0.025")), (71, Fraction("0.015"))],
    "fm_foer_2021": [(1, Fraction("0.04")), (36, Fraction("0.03")), (71, Fraction("0.02"))],
}

REL_TOL = 1e-9
ABS_TOL = 1e-6  # kr.


# --------------------------------------------------------------------------- oracle


def frac(x: Any) -> Fraction:
    """A number from the scenario as an exact fraction (the float the engine also reads)."""
    return Fraction(x)


def rate_in_year(discount_rate: Any, i: int) -> Fraction:
    """r_i: the rate in force in discounted year i (i = 1 is the year after the start)."""
    if isinstance(discount_rate, str):
        schedule = KB_SCHEDULES[discount_rate]
    elif isinstance(discount_rate, list):
        schedule = [(int(e["from_year"]), frac(e["rate"])) for e in discount_rate]
    else:
        return frac(discount_rate)
    rate = None
    for from_year, r in schedule:
        if from_year <= i:
            rate = r
    assert rate is not None, "schedule must start at year 1"
    return rate


def discount_factor(discount_rate: Any, t: int) -> Fraction:
    """D(t) = Π_{i=1..t} 1/(1 + r_i); D(0) = 1 (the start year is not discounted)."""
    d = Fraction(1)
    for i in range(1, t + 1):
        d = d / (1 + rate_in_year(discount_rate, i))
    return d


def participants_by_year(scenario: dict[str, Any]) -> dict[int, int]:
    raw = scenario["participants"]
    if isinstance(raw, list):
        return {scenario["start_year"] + k: int(n) for k, n in enumerate(raw)}
    return {int(y): int(n) for y, n in raw.items()}


def target_group_baseline(scenario: dict[str, Any]) -> dict[str, Any] | None:
    """One's own target group's inline baseline (§3.17)."""
    group = scenario.get("target_group")
    return group.get("baseline") if isinstance(group, dict) else None


def tail_rule(tail: Any) -> tuple[str, Fraction]:
    """§3.11: ``stop``, ``hold`` or ``{kind: decay, rate: q}`` as (kind, q)."""
    if isinstance(tail, str):
        return tail, Fraction(0)
    return tail["kind"], frac(tail.get("rate", 0))


def after_course_value(profile: list[Fraction], tail: tuple[str, Fraction], k: int) -> Fraction:
    """The units per success in the k-th year after the course (§3.3, §3.11), before drop-off."""
    if k <= len(profile):
        return profile[k - 1]
    if not profile:
        return Fraction(0)
    kind, q = tail
    last, beyond = profile[-1], k - len(profile)
    if kind == "hold":
        return last
    if kind == "decay":
        return last * (1 - q) ** beyond
    return Fraction(0)


def oracle(scenario: dict[str, Any]) -> dict[str, Any]:
    """docs/method.md §3, one loop at a time, in exact fractions."""
    start = scenario["start_year"]
    horizon = scenario["horizon_years"]
    years = list(range(start, start + horizon))
    price_year = scenario["price_year"]
    index = {int(y): frac(v) for y, v in scenario.get("price_index", {}).items()}
    course_years = scenario.get("course_years", 1)
    rate = scenario["success_rate"]
    s = frac(rate["with"]) - frac(rate["without"]) if isinstance(rate, dict) else frac(rate)
    participants = participants_by_year(scenario)

    def to_price_level(amount: Fraction, source_year: int | None) -> Fraction:
        if source_year is None:
            return amount
        return amount * index[price_year] / index[source_year]

    # flows[(year, purse, budget_item)] = [costs, gains]
    flows: dict[tuple[int, str, str], list[Fraction]] = {}

    def book(year: int, purse: str, item: str, costs: Fraction, gains: Fraction) -> None:
        if year not in years:
            return  # flows after the horizon are left out
        cell = flows.setdefault((year, purse, item), [Fraction(0), Fraction(0)])
        cell[0] += costs
        cell[1] += gains

    # 5. costs
    cost_bias = frac((scenario.get("optimism_bias") or {}).get("costs", 0))
    for cost in scenario.get("costs", []):
        amount = to_price_level(frac(cost["amount"]), cost.get("price_year"))
        # §3.14: a cost × (1 + oc), a saved cost × (1 − oc) (the sign of amount × n is amount's)
        amount *= 1 + cost_bias if amount >= 0 else 1 - cost_bias
        purse = cost.get("purse", "kommune")
        item = cost.get("budget_item", DEFAULT_BUDGET_ITEM)
        if cost["kind"] == "once":
            book(cost["year"], purse, item, amount, Fraction(0))
        elif cost["kind"] == "annual":
            for year in cost["years"]:
                book(year, purse, item, amount, Fraction(0))
        elif cost["kind"] == "per_participant":
            for year, n in participants.items():
                book(year, purse, item, amount * n, Fraction(0))
        else:
            raise AssertionError(cost["kind"])

    # 1.-4. cohorts, success, consequences × prices × direction, with §3.10-3.14 and §3.17
    baseline = {sid: frac(v) for sid, v in (target_group_baseline(scenario) or {}).items()}
    baseline.update({sid: frac(v) for sid, v in (scenario.get("baseline") or {}).items()})
    default_tail = scenario.get("consequence_tail", "stop")
    drop_off = frac(scenario.get("drop_off", 0))
    bias = scenario.get("optimism_bias") or {}
    gain_bias = frac(bias.get("gains", 0))
    last_year = years[-1]
    services = {svc["id"]: svc for svc in scenario["services"]}
    warnings = [0, 0]  # profile values surely / possibly (up to float rounding) below −baseline
    pv_during = Fraction(0)
    pv_after_at_1 = Fraction(0)
    scale_at_1 = Fraction(0)  # Σ |terms| of PV(after at s = 1), for the comparison only

    def pessimistic(g: Fraction) -> Fraction:
        return g - gain_bias * abs(g)  # §3.14: a gain shrinks, a loss grows

    for consequence in scenario["consequences"]:
        svc = services[consequence["service"]]
        direction = -1 if svc["direction"] == "expenditure" else 1
        if "relative" in consequence:  # §3.17
            base_units = baseline[consequence["service"]]
            profile = [frac(r) * base_units for r in consequence["relative"]]
        else:
            profile = [frac(u) for u in consequence.get("profile", [])]
        if consequence["service"] in baseline:
            limit = -baseline[consequence["service"]]
            warnings[0] += sum(1 for u in profile if u < limit - Fraction(1, 10**6))
            warnings[1] += sum(1 for u in profile if u < limit + Fraction(1, 10**6))
        tail = tail_rule(consequence.get("tail", default_tail))
        during = [frac(u) for u in consequence.get("during_course", [])]
        prices = {
            purse: to_price_level(frac(svc["prices"].get(purse, 0)), svc.get("price_year"))
            for purse in PURSES
        }
        # units of this consequence per year: after the course (per success) and during it
        after_units: dict[int, Fraction] = {}
        during_units: dict[int, Fraction] = {}
        for c, n in participants.items():
            end = c + course_years - 1  # e(c)
            for k in range(1, last_year - end + 1):
                value = after_course_value(profile, tail, k) * (1 - drop_off) ** (k - 1)
                after_units[end + k] = after_units.get(end + k, Fraction(0)) + n * value
            for l_, u in enumerate(during, start=1):
                year = c + l_ - 1
                during_units[year] = during_units.get(year, Fraction(0)) + n * u
        for year in years:
            d = discount_factor(scenario["discount_rate"], year - start)
            for purse in PURSES:
                worth = prices[purse] * direction
                after_at_1 = pessimistic(after_units.get(year, Fraction(0)) * worth)
                after = pessimistic(s * after_units.get(year, Fraction(0)) * worth)
                in_course = pessimistic(during_units.get(year, Fraction(0)) * worth)
                book(year, purse, svc["budget_item"], Fraction(0), after + in_course)
                pv_after_at_1 += after_at_1 * d
                scale_at_1 += abs(after_at_1 * d)
                pv_during += in_course * d

    # 6.-7. net result per year, discounting
    rows = []
    cumulative = Fraction(0)
    for t, year in enumerate(years):
        costs = sum((v[0] for (y, _, _), v in flows.items() if y == year), Fraction(0))
        gains = sum((v[1] for (y, _, _), v in flows.items() if y == year), Fraction(0))
        d = discount_factor(scenario["discount_rate"], t)
        net = gains - costs
        cumulative += net * d
        rows.append(
            {
                "year": year,
                "costs": costs,
                "gains": gains,
                "net": net,
                "discount_factor": d,
                "discounted_net": net * d,
                "cumulative_discounted_net": cumulative,
            }
        )
    factor = {row["year"]: row["discount_factor"] for row in rows}

    def split(position: int) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for (year, purse, item), (c, g) in flows.items():
            key = (year, purse, item)[position]
            entry = out.setdefault(
                key,
                {
                    "costs": Fraction(0),
                    "gains": Fraction(0),
                    "discounted_costs": Fraction(0),
                    "discounted_gains": Fraction(0),
                    "net_by_year": {y: Fraction(0) for y in years},
                },
            )
            entry["costs"] += c
            entry["gains"] += g
            entry["discounted_costs"] += c * factor[year]
            entry["discounted_gains"] += g * factor[year]
            entry["net_by_year"][year] += g - c
        for entry in out.values():
            entry["net"] = entry["gains"] - entry["costs"]
            entry["discounted_net"] = entry["discounted_gains"] - entry["discounted_costs"]
            entry["net_by_year"] = [entry["net_by_year"][y] for y in years]
        return out

    pv_costs = sum((r["costs"] * r["discount_factor"] for r in rows), Fraction(0))
    pv_gains = sum((r["gains"] * r["discount_factor"] for r in rows), Fraction(0))
    costs_total = sum((r["costs"] for r in rows), Fraction(0))
    gains_total = sum((r["gains"] for r in rows), Fraction(0))

    # 8. derived figures
    break_even_year = None
    flow_years = [y for (y, _, _), (c, g) in flows.items() if c != 0 or g != 0]
    for row in rows:
        if flow_years and row["year"] >= min(flow_years) and row["cumulative_discounted_net"] >= 0:
            break_even_year = row["year"]
            break
    # §3.8 with §3.10: s* = (PV(costs) − PV(during)) / PV(after at s = 1), on the adjusted
    # figures; none where that denominator is ≤ 0; defined at s = 0 too.
    break_even_success_rate = None if pv_after_at_1 <= 0 else (pv_costs - pv_during) / pv_after_at_1
    benefit_cost_ratio = None if pv_costs <= 0 else pv_gains / pv_costs

    return {
        "net_result": {
            "undiscounted": gains_total - costs_total,
            "discounted": pv_gains - pv_costs,
        },
        "costs": {"undiscounted": costs_total, "discounted": pv_costs},
        "gains": {"undiscounted": gains_total, "discounted": pv_gains},
        "years": rows,
        "by_purse": split(1),
        "by_budget_item": split(2),
        "break_even_year": break_even_year,
        "break_even_success_rate": break_even_success_rate,
        "benefit_cost_ratio": benefit_cost_ratio,
        "warnings": warnings,
        # for the comparison only: PV(after-course gains) at s = 1 and the size of its terms
        "pv_gains_at_s1": pv_after_at_1,
        "gains_scale_at_s1": scale_at_1,
    }


# --------------------------------------------------------------------------- som-xl


def run_som_xl(scenario: dict[str, Any], fmt: str = "yaml") -> dict[str, Any]:
    """`som-xl calc FILE --json`, in-process, on the scenario written as YAML or JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"scenario.{fmt}"
        if fmt == "json":
            path.write_text(json.dumps(scenario, ensure_ascii=False), encoding="utf-8")
        else:
            text = yaml.safe_dump(scenario, allow_unicode=True, sort_keys=False)
            path.write_text(text, encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(["calc", str(path), "--json"])
    assert rc == 0, f"som-xl calc failed ({rc}): {err.getvalue()}\n{path.name}"
    return json.loads(out.getvalue())


def close(actual: Any, expected: Fraction, what: str) -> None:
    assert actual is not None, f"{what}: som-xl gives null, oracle {float(expected)!r}"
    assert math.isclose(actual, float(expected), rel_tol=REL_TOL, abs_tol=ABS_TOL), (
        f"{what}: som-xl {actual!r}, oracle {float(expected)!r}"
    )


def near_zero(x: Fraction, scale: Fraction) -> bool:
    """Whether x is 0 up to float rounding of numbers of the given size."""
    return abs(x) <= ABS_TOL + REL_TOL * abs(scale)


def compare(scenario: dict[str, Any], fmt: str = "yaml") -> dict[str, Any]:
    expected = oracle(scenario)
    actual = run_som_xl(scenario, fmt)

    for key in ("net_result", "costs", "gains"):
        for sub in ("undiscounted", "discounted"):
            close(actual[key][sub], expected[key][sub], f"{key}.{sub}")

    assert [r["year"] for r in actual["years"]] == [r["year"] for r in expected["years"]]
    for got, want in zip(actual["years"], expected["years"], strict=True):
        for field in (
            "costs",
            "gains",
            "net",
            "discount_factor",
            "discounted_net",
            "cumulative_discounted_net",
        ):
            close(got[field], want[field], f"years[{want['year']}].{field}")

    for split, name in (("by_purse", "purse"), ("by_budget_item", "budget_item")):
        got_split = {entry[name]: entry for entry in actual[split]}
        for key in set(got_split) | set(expected[split]):
            want = expected[split].get(key)
            got = got_split.get(key)
            if want is None:  # som-xl lists it, the oracle has no flows there: all zero
                for field in ("costs", "gains", "net", "discounted_net"):
                    close(got[field], Fraction(0), f"{split}[{key}].{field}")
                continue
            assert got is not None, f"{split}: som-xl lacks {key!r}"
            for field in (
                "costs",
                "gains",
                "net",
                "discounted_costs",
                "discounted_gains",
                "discounted_net",
            ):
                close(got[field], want[field], f"{split}[{key}].{field}")
            assert len(got["net_by_year"]) == len(want["net_by_year"])
            for year, g, w in zip(
                scenario_years(scenario), got["net_by_year"], want["net_by_year"], strict=True
            ):
                close(g, w, f"{split}[{key}].net_by_year[{year}]")

    sure, possible = expected["warnings"]
    assert sure <= len(actual["warnings"]) <= possible, (
        f"warnings: som-xl {len(actual['warnings'])}, oracle {sure}-{possible}"
    )

    # break-even year: exact in the oracle; where the cumulative discounted net result is 0
    # up to float rounding, either side of the comparison is accepted.
    scale = sum((abs(r["discounted_net"]) for r in expected["years"]), Fraction(0))
    got_year, want_year = actual["break_even_year"], expected["break_even_year"]
    if got_year != want_year:
        ambiguous = [
            r["year"] for r in expected["years"] if near_zero(r["cumulative_discounted_net"], scale)
        ]
        assert got_year in ambiguous or want_year in ambiguous, (
            f"break_even_year: som-xl {got_year}, oracle {want_year}"
        )

    # break-even success rate and benefit–cost ratio: not compared where their divisor is
    # 0 up to float rounding (there null and a huge number are both float-honest answers)
    pv_gains = expected["pv_gains_at_s1"]
    pv_costs = expected["costs"]["discounted"]
    want_rate = expected["break_even_success_rate"]
    gains_scale = expected["gains_scale_at_s1"]
    costs_scale = sum(
        (abs(r["costs"] * r["discount_factor"]) for r in expected["years"]), Fraction(0)
    )
    if not near_zero(pv_gains, gains_scale):
        if want_rate is None:
            assert actual["break_even_success_rate"] is None, (
                f"break_even_success_rate: som-xl {actual['break_even_success_rate']!r}, "
                f"oracle None (PV(gains) at s = 1: {float(pv_gains)!r})"
            )
        else:
            close(actual["break_even_success_rate"], want_rate, "break_even_success_rate")
    want_ratio = expected["benefit_cost_ratio"]
    if not near_zero(pv_costs, costs_scale):
        if want_ratio is None:
            assert actual["benefit_cost_ratio"] is None
        else:
            close(actual["benefit_cost_ratio"], want_ratio, "benefit_cost_ratio")
    return actual


def scenario_years(scenario: dict[str, Any]) -> list[int]:
    return list(range(scenario["start_year"], scenario["start_year"] + scenario["horizon_years"]))


# --------------------------------------------------------------------------- scenarios

INDEX_YEARS = range(2012, 2031)
money = st.floats(min_value=-2_000_000, max_value=2_000_000, allow_nan=False).map(
    lambda x: round(x, 2)
)


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.integers(2018, 2030))
    horizon = draw(st.integers(1, 20))
    years = list(range(start, start + horizon))
    price_index = {y: draw(st.floats(80, 140).map(lambda x: round(x, 1))) for y in INDEX_YEARS}
    price_year = draw(st.sampled_from(list(INDEX_YEARS)))
    index_year = st.sampled_from(list(INDEX_YEARS))

    if draw(st.booleans()):
        counts = draw(st.lists(st.integers(0, 50), min_size=1, max_size=horizon))
        participants: Any = counts
    else:
        starts = draw(st.lists(st.sampled_from(years), min_size=1, max_size=horizon, unique=True))
        participants = {y: draw(st.integers(0, 50)) for y in sorted(starts)}

    services = []
    for i in range(draw(st.integers(1, 4))):
        services.append(
            {
                "id": f"egen_ydelse_{i}",
                "label": f"Egen ydelse {i}",
                "unit": "enhed",
                "direction": draw(st.sampled_from(["expenditure", "revenue"])),
                "budget_item": draw(st.sampled_from(BUDGET_ITEMS[1:])),
                "price_year": draw(index_year),
                "prices": {
                    p: draw(
                        st.one_of(
                            st.just(0),
                            st.integers(0, 5000),
                            st.floats(0, 5000).map(lambda x: round(x, 2)),
                        )
                    )
                    for p in PURSES
                },
            }
        )
    chosen = draw(
        st.lists(
            st.sampled_from(services),
            min_size=1,
            max_size=len(services),
            unique_by=lambda svc: svc["id"],
        )
    )
    unit = st.one_of(st.integers(-100, 100), st.floats(-100, 100).map(lambda x: round(x, 3)))
    course_years = draw(st.integers(1, 3))
    share = st.one_of(st.just(0.0), st.floats(0, 1).map(lambda x: round(x, 3)))
    tails = st.one_of(
        st.sampled_from(["stop", "hold"]),
        st.builds(
            lambda q: {"kind": "decay", "rate": q},
            st.floats(0.001, 1).map(lambda x: round(x, 3)).filter(lambda x: x > 0),
        ),
    )
    baseline = {
        svc["id"]: draw(st.floats(0, 200).map(lambda x: round(x, 2)))
        for svc in chosen
        if draw(st.booleans())
    }
    consequences = []
    for svc in chosen:
        consequence: dict[str, Any] = {"service": svc["id"]}
        if svc["id"] in baseline and draw(st.booleans()):  # §3.17
            rel = st.floats(-1.5, 1).map(lambda x: round(x, 3))
            consequence["relative"] = draw(st.lists(rel, min_size=1, max_size=12))
        elif draw(st.integers(0, 5)):  # else during-course values only (§3.10)
            consequence["profile"] = draw(st.lists(unit, min_size=1, max_size=25))
        has_after = "profile" in consequence or "relative" in consequence
        if not has_after or draw(st.booleans()):
            consequence["during_course"] = draw(st.lists(unit, min_size=1, max_size=course_years))
        if draw(st.booleans()):  # §3.11
            consequence["tail"] = draw(tails)
        consequences.append(consequence)

    costs = []
    for i in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["once", "annual", "per_participant"]))
        cost: dict[str, Any] = {"label": f"Post {i}", "kind": kind}
        if kind == "once":
            cost["year"] = draw(st.sampled_from(years))
        elif kind == "annual":
            cost["years"] = sorted(
                draw(st.lists(st.sampled_from(years), min_size=1, max_size=horizon, unique=True))
            )
        cost["amount"] = draw(money) if kind != "per_participant" else draw(money) / 100
        cost["amount"] = round(cost["amount"], 2)
        if draw(st.booleans()):
            cost["purse"] = draw(st.sampled_from(PURSES))
        if draw(st.booleans()):
            cost["budget_item"] = draw(st.sampled_from(BUDGET_ITEMS))
        if draw(st.booleans()):
            cost["price_year"] = draw(index_year)
        costs.append(cost)

    rate = st.floats(0, 0.1).map(lambda x: round(x, 4))
    kind = draw(st.sampled_from(["number", "schedule", "fm"]))
    if kind == "number":
        discount_rate: Any = draw(rate)
    elif kind == "fm":
        discount_rate = draw(st.sampled_from(["fm", "fm_foer_2021"]))
    else:
        later = sorted(draw(st.lists(st.integers(2, 22), max_size=3, unique=True)))
        discount_rate = [{"from_year": y, "rate": draw(rate)} for y in [1, *later]]

    scenario: dict[str, Any] = {
        "name": "Orakeltest",
        "start_year": start,
        "horizon_years": horizon,
        "price_year": price_year,
        "discount_rate": discount_rate,
        "participants": participants,
        "success_rate": draw(
            st.one_of(st.just(0.0), st.just(1.0), st.floats(0, 1).map(lambda x: round(x, 4)))
        ),
        "costs": costs,
        "consequences": consequences,
        "services": services,
        "price_index": price_index,
    }
    if course_years != 1 or draw(st.booleans()):
        scenario["course_years"] = course_years
    own_group = draw(st.booleans())
    if own_group:
        scenario["target_group"] = {
            "id": "egen_gruppe",
            "label": "Egen målgruppe",
            "success_measure": "Egen succes",
        }
    if baseline:  # §3.17: in one's own target group, or the scenario's (or split)
        inline = own_group and draw(st.booleans())
        if inline:
            scenario["target_group"]["baseline"] = baseline
        if not inline or draw(st.booleans()):
            scenario["baseline"] = {k: round(v * 1.5, 2) for k, v in baseline.items()}
    if draw(st.booleans()):
        scenario["consequence_tail"] = draw(tails)
    if draw(st.booleans()):
        scenario["drop_off"] = draw(share)
    if draw(st.booleans()):  # §3.13
        with_ = draw(st.floats(0, 1).map(lambda x: round(x, 4)))
        without = draw(st.floats(0, with_).map(lambda x: round(x, 4)))
        if without <= with_:
            scenario["success_rate"] = {"with": with_, "without": without}
    if draw(st.booleans()):  # §3.14
        scenario["optimism_bias"] = {
            "costs": draw(st.floats(0, 2).map(lambda x: round(x, 3))),
            "gains": draw(share),
        }
    return scenario


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(scenario=scenarios(), fmt=st.sampled_from(["yaml", "json"]))
def test_som_xl_agrees_with_oracle(scenario: dict[str, Any], fmt: str) -> None:
    compare(scenario, fmt)


# --------------------------------------------------------------------------- edge cases

SERVICES = [
    {
        "id": "egen_doegn",
        "label": "Botilbud, døgn",
        "unit": "døgn",
        "direction": "expenditure",
        "budget_item": "Sociale serviceydelser for voksne",
        "price_year": 2020,
        "prices": {"kommune": 1000, "region": 250, "stat": 0},
    },
    {
        "id": "egen_indkomst",
        "label": "Skattepligtig indkomst",
        "unit": "kr.",
        "direction": "revenue",
        "budget_item": "Skatteindtægter",
        "price_year": 2024,
        "prices": {"kommune": 0.25, "region": 0, "stat": 0.12},
    },
]


def base(**changes: Any) -> dict[str, Any]:
    scenario: dict[str, Any] = {
        "name": "Kanttilfælde",
        "start_year": 2025,
        "horizon_years": 6,
        "price_year": 2024,
        "discount_rate": 0.035,
        "course_years": 1,
        "participants": {2025: 10, 2026: 12, 2027: 8},
        "success_rate": 0.3,
        "costs": [
            {"label": "Opstart", "kind": "once", "year": 2025, "amount": 200000},
            {
                "label": "Drift",
                "kind": "annual",
                "years": [2025, 2026, 2027],
                "amount": 400000,
                "purse": "region",
                "price_year": 2022,
            },
            {"label": "Materialer", "kind": "per_participant", "amount": 3000},
            {
                "label": "Sparet støtte",
                "kind": "annual",
                "years": [2026, 2027],
                "amount": -50000,
                "budget_item": "Sociale serviceydelser for voksne",
            },
        ],
        "consequences": [
            {"service": "egen_doegn", "profile": [-60, -40, -20]},
            {"service": "egen_indkomst", "profile": [30000, 30000, 30000, 30000]},
        ],
        "services": SERVICES,
        "price_index": {2020: 90.0, 2022: 100.0, 2024: 108.0},  # not the KB's values
    }
    scenario.update(changes)
    return scenario


def test_base_case_by_hand() -> None:
    """The oracle itself, checked by hand on one year of the base case."""
    expected = oracle(base())
    row = expected["years"][1]  # 2026
    # gains: cohort 2025 (10 × 0.3 = 3 successes) in year 1 after its course:
    # botilbud 3 × -60 × (1000 + 250) × 108/90 × -1, indkomst 3 × 30000 × (0.25 + 0.12)
    gains = 3 * 60 * 1250 * 108 / 90 + 3 * 30000 * 0.37
    assert math.isclose(row["gains"], gains, rel_tol=1e-12)
    # costs: drift 400000 × 108/100 (region) + 12 × 3000 - 50000 (saved)
    costs = 400000 * 108 / 100 + 12 * 3000 - 50000
    assert math.isclose(row["costs"], costs, rel_tol=1e-12)
    assert math.isclose(row["discount_factor"], 1 / 1.035, rel_tol=1e-15)
    assert math.isclose(row["discounted_net"], (gains - costs) / 1.035, rel_tol=1e-12)
    compare(base())


def test_success_rate_zero() -> None:
    """s = 0: no gains, BCR 0; the break-even success rate is defined all the same (§3.8)."""
    result = compare(base(success_rate=0))
    assert result["gains"]["undiscounted"] == 0
    assert result["benefit_cost_ratio"] == 0
    at_default = compare(base())["break_even_success_rate"]
    assert math.isclose(result["break_even_success_rate"], at_default, rel_tol=1e-12)


def test_success_rate_one() -> None:
    result = compare(base(success_rate=1))
    assert result["break_even_success_rate"] is not None
    assert result["break_even_success_rate"] < 1


def test_all_costs_saved() -> None:
    """Only negative (saved) costs: PV(costs) < 0, net result positive from the start."""
    costs = [
        {"label": "Sparet A", "kind": "once", "year": 2025, "amount": -100000},
        {"label": "Sparet B", "kind": "annual", "years": [2026, 2027], "amount": -40000},
        {"label": "Sparet C", "kind": "per_participant", "amount": -1500, "purse": "stat"},
    ]
    result = compare(base(costs=costs))
    assert result["costs"]["discounted"] < 0
    assert result["break_even_year"] == 2025
    assert result["benefit_cost_ratio"] is None
    # s* = s × PV(costs) / PV(gains) < 0: the net result is positive even at s = 0
    assert result["break_even_success_rate"] < 0


def test_negative_gains() -> None:
    """More use of an expenditure and less taxable income: gains < 0, no break-even rate."""
    consequences = [
        {"service": "egen_doegn", "profile": [5, 5]},
        {"service": "egen_indkomst", "profile": [-10000]},
    ]
    result = compare(base(consequences=consequences))
    assert result["gains"]["discounted"] < 0
    assert result["break_even_success_rate"] is None
    assert result["break_even_year"] is None


def test_horizon_one() -> None:
    scenario = base(
        horizon_years=1,
        participants={2025: 10},
        costs=[{"label": "Opstart", "kind": "once", "year": 2025, "amount": 200000}],
    )
    result = compare(scenario)
    assert len(result["years"]) == 1
    assert result["years"][0]["discount_factor"] == 1
    assert result["gains"]["undiscounted"] == 0


def test_course_longer_than_horizon() -> None:
    scenario = base(
        horizon_years=2,
        course_years=3,
        participants={2025: 10, 2026: 10},
        costs=[{"label": "Forløb", "kind": "per_participant", "amount": 20000}],
    )
    result = compare(scenario)
    assert result["gains"]["undiscounted"] == 0
    assert result["break_even_year"] is None


def test_fm_schedule_40_years() -> None:
    scenario = base(horizon_years=40, discount_rate="fm")
    result = compare(scenario)
    factors = [row["discount_factor"] for row in result["years"]]
    assert math.isclose(factors[35], 1.035**-35, rel_tol=1e-12)
    assert math.isclose(factors[39], 1.035**-35 * 1.025**-4, rel_tol=1e-12)


def test_fm_schedule_50_years_and_own_schedule() -> None:
    """The longest horizon (50 years) crosses FM's step after year 35 (3,5 % → 2,5 %)."""
    result = compare(base(horizon_years=50, discount_rate="fm"))
    factors = [row["discount_factor"] for row in result["years"]]
    assert math.isclose(factors[49], 1.035**-35 * 1.025**-14, rel_tol=1e-12)
    own = [{"from_year": 1, "rate": 0.035}, {"from_year": 36, "rate": 0.025}]
    own += [{"from_year": 71, "rate": 0.015}]
    mine = compare(base(horizon_years=50, discount_rate=own))
    for got, want in zip(mine["years"], factors, strict=True):
        assert math.isclose(got["discount_factor"], want, rel_tol=1e-15)


def test_during_tail_drop_off_gross_and_bias_by_hand() -> None:
    """§3.10-3.14 on one consequence, checked by hand, then against som-xl.

    egen_doegn: 1000 + 250 kr. at 2020 prices × 108/90 = 1500 kr. per night (expenditure).
    s = 0.5 − 0.1 = 0.4; 10 start in 2025, the course lasts 2 years (ends 2026): 4 successes.
    During: 10 × 2 = 20 nights more in 2025 → −30,000, a loss: × 1.2 = −36,000.
    After (decay 0.5, drop-off 0.5): k = 1 (2027) −10; k = 2 −10 × 0.5 × 0.5 = −2.5;
    k = 3 −10 × 0.25 × 0.25 = −0.625; × 4 successes × 1500 → 60,000, 15,000, 3,750; gains × 0.8.
    Costs 100,000 × 1.1 = 110,000.
    """
    scenario = base(
        horizon_years=5,
        discount_rate=0,
        course_years=2,
        participants={2025: 10},
        success_rate={"with": 0.5, "without": 0.1},
        drop_off=0.5,
        optimism_bias={"costs": 0.1, "gains": 0.2},
        costs=[{"label": "Opstart", "kind": "once", "year": 2025, "amount": 100000}],
        consequences=[
            {
                "service": "egen_doegn",
                "profile": [-10],
                "tail": {"kind": "decay", "rate": 0.5},
                "during_course": [2],
            }
        ],
    )
    expected = oracle(scenario)
    # (the oracle reads each float exactly, e.g. 0.2 as the binary fraction the engine uses)
    gains = [float(r["gains"]) for r in expected["years"]]
    assert gains == pytest.approx([-36000, 0, 48000, 12000, 3000], rel=1e-12)
    assert float(expected["costs"]["undiscounted"]) == pytest.approx(110000, rel=1e-12)
    # s* = (110,000 − (−36,000)) / ((150,000 + 37,500 + 9,375) × 0.8)
    assert float(expected["break_even_success_rate"]) == pytest.approx(146000 / 157500)
    result = compare(scenario)
    assert math.isclose(result["break_even_success_rate"], 146000 / 157500, rel_tol=1e-12)


def test_during_and_after_are_separate_flows_for_the_bias() -> None:
    """The reading of §3.14 with §3.10: in 2026 the 2025 cohort's after-course gain (5 × 10
    nights less = +75,000 kr.) and the 2026 cohort's during-course loss (10 × 5 nights more =
    −75,000 kr.) are two flows: +75,000 × 0.5 − 75,000 × 1.5 = −75,000 (adjusting their sum,
    0, would give 0)."""
    scenario = base(
        horizon_years=3,
        discount_rate=0,
        participants={2025: 10, 2026: 10},
        success_rate=0.5,
        optimism_bias={"gains": 0.5},
        costs=[],
        consequences=[{"service": "egen_doegn", "profile": [-10], "during_course": [5]}],
    )
    assert float(oracle(scenario)["years"][1]["gains"]) == pytest.approx(-75000, rel=1e-12)
    compare(scenario)


def test_relative_profile_and_warnings() -> None:
    """§3.17: the scenario's baseline (40) wins over the own group's (10): relative
    [−0.5, −1.25] is [−20, −50] nights; −50 < −40 is one warning."""
    scenario = base(
        target_group={"id": "egen", "label": "Egen", "baseline": {"egen_doegn": 10}},
        baseline={"egen_doegn": 40},
        consequences=[{"service": "egen_doegn", "relative": [-0.5, -1.25]}],
    )
    assert oracle(scenario)["warnings"] == [1, 1]
    assert len(compare(scenario)["warnings"]) == 1
