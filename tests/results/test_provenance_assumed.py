"""Provenance per profile year (``assumed_from``): hand-computed cases and properties.

A published or derived consequence whose values from profile year k on are the project's
assumption carries ``assumed_from: k``; ``provenance.illustrative_share`` then counts the
present value of its gains from year k on (every cohort, the tail after the profile, the
drop-off; not the during-course values) as illustrative. The net result never moves.
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from som_xl.errors import InputError
from som_xl.inputs import parse_scenario, resolve
from som_xl.results import Result, calculate


def service(price_kommune: float = 100.0, price_region: float = 50.0) -> dict[str, Any]:
    return {
        "id": "x",
        "label": "X",
        "unit": "døgn",
        "direction": "expenditure",
        "budget_item": "Post",
        "price_year": 2024,
        "prices": {"kommune": price_kommune, "region": price_region, "stat": 0},
    }


def scenario(consequence: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Håndregning",
        "start_year": 2025,
        "horizon_years": 4,
        "price_year": 2024,
        "discount_rate": 0.05,
        "course_years": 1,
        "participants": {2025: 10},
        "success_rate": 0.5,
        "costs": [{"label": "Drift", "kind": "once", "year": 2025, "amount": 1000}],
        "consequences": [consequence],
        "services": [service(1000.0, 0.0)],
    }
    data.update(changes)
    return data


def run(data: dict[str, Any]) -> Result:
    return calculate(resolve(parse_scenario(data), None))


def share(r: Result) -> float:
    return float(r.provenance["illustrative_share"])


# --- hand-computed cases ----------------------------------------------------------------------


def test_one_cohort_three_years_by_hand() -> None:
    # 1 cohort of 10, s = 0.5, course 1 year (ends in 2025), profile [-1, -0.5, -0.25],
    # price P = 1000 kr. (kommune, expenditure: 1 unit less = +1000 kr.), r = 5 %:
    #   year k after the course is t = k: gains 10 × 0.5 × (1, 0.5, 0.25) × 1000
    #   = 5000, 2500, 1250 kr. in t = 1, 2, 3
    #   PV(all)      = 5000 / 1.05 + 2500 / 1.05² + 1250 / 1.05³
    #                = 4761.905 + 2267.574 + 1079.797 = 8109.276
    #   PV(years 2-3) = 2267.574 + 1079.797 = 3347.371
    #   share = 3347.371 / 8109.276 = 0.41278
    cons = {"service": "x", "profile": [-1, -0.5, -0.25], "status": "derived", "assumed_from": 2}
    r = run(scenario(cons))
    pv_all = 5000 / 1.05 + 2500 / 1.05**2 + 1250 / 1.05**3
    pv_assumed = 2500 / 1.05**2 + 1250 / 1.05**3
    assert share(r) == pytest.approx(pv_assumed / pv_all, rel=1e-12)
    assert share(r) == pytest.approx(0.41278, abs=1e-5)
    assert r.provenance["assumed_years"] == [{"service": "x", "assumed_from": 2}]
    # the net result is the row's, with or without assumed_from
    plain = run(scenario({**cons, "assumed_from": None}))
    assert r.net_discounted == plain.net_discounted
    assert share(plain) == 0.0
    # from year 3: PV(year 3) / PV(all) = 1079.797 / 8109.276
    r3 = run(scenario({**cons, "assumed_from": 3}))
    assert share(r3) == pytest.approx((1250 / 1.05**3) / pv_all, rel=1e-12)


def test_cohorts_course_years_during_tail_and_drop_off_by_hand() -> None:
    # Cohorts 10 (2025) and 20 (2026), course 2 years, r = 0, s = 0.5, price kommune 100 +
    # region 50 (expenditure: +150 kr. per unit less), horizon 6 (t = 0..5).
    # Profile [-2, -1], tail hold, drop-off 0.5: year k uses -2, -1, -1, -1 × 0.5^(k-1)
    #   = -2, -0.5, -0.25, -0.125.
    # A cohort starting in t = c ends its course in t = c + 1; year k after it is t = c + 1 + k.
    #   t=2: A k1 10×-2 = -20
    #   t=3: A k2 10×-0.5 = -5;    B k1 20×-2 = -40
    #   t=4: A k3 10×-0.25 = -2.5; B k2 20×-0.5 = -10
    #   t=5: A k4 10×-0.125 = -1.25; B k3 20×-0.25 = -5
    #   units: -83.75 → gains 83.75 × 0.5 × 150 = 6281.25 kr.
    # During the course, -1 unit per participant in course year 1 (not × s):
    #   t=0: 10 × -1, t=1: 20 × -1 → 30 × 150 = 4500 kr. (never assumed: before year 1)
    # From year 2 (k ≥ 2, the tail's years included): -5 - 2.5 - 1.25 - 10 - 5 = -23.75
    #   units → 23.75 × 0.5 × 150 = 1781.25 kr.
    # share = 1781.25 / (6281.25 + 4500) = 1781.25 / 10781.25 = 0.165217...
    cons = {
        "service": "x",
        "profile": [-2, -1],
        "during_course": [-1],
        "tail": "hold",
        "status": "published",
        "assumed_from": 2,
    }
    data = scenario(
        cons,
        horizon_years=6,
        discount_rate=0.0,
        course_years=2,
        participants={2025: 10, 2026: 20},
        drop_off=0.5,
        services=[service()],
    )
    r = run(data)
    assert r.pv_gains == pytest.approx(10781.25, rel=1e-12)
    assert share(r) == pytest.approx(1781.25 / 10781.25, rel=1e-12)
    # an optimism bias on gains (0.2) scales every gain here by 0.8: the share stays
    biased = run({**data, "optimism_bias": {"gains": 0.2}})
    assert biased.pv_gains == pytest.approx(0.8 * 10781.25, rel=1e-12)
    assert share(biased) == pytest.approx(1781.25 / 10781.25, rel=1e-12)


def test_parts_of_opposite_sign_split_the_rows_pv_by_hand() -> None:
    # Profile [-2, +1], r = 0, 10 × 0.5 = 5 successes, kommune 100 + region 50 kr.:
    #   year 1: 5 × 2 × 150 = +1500 kr.; year 2: 5 × -1 × 150 = -750 kr.; PV = 750.
    # From year 2 (A) = -750, before it (D) = PV - A = 1500: the row's |PV| = 750 is split
    # 750 × |A| / (|A| + |D|) = 750 × 750 / 2250 = 250 illustrative → share 250 / 750 = 1/3.
    cons = {"service": "x", "profile": [-2, 1], "status": "derived", "assumed_from": 2}
    r = run(scenario(cons, discount_rate=0.0, services=[service()]))
    assert r.pv_gains == pytest.approx(750.0)
    assert share(r) == pytest.approx(1 / 3, rel=1e-12)


def test_only_assumed_rows_move_with_an_illustrative_row_beside() -> None:
    # Two rows, r = 0, 5 successes: "x" illustrative (price 1000): 5 × 1 × 1000 = 5000 kr.;
    # "y" derived, profile [-1, -1] at 1000 kr., assumed from 2: 5000 + 5000 kr., of which
    # 5000 assumed. Share = (5000 + 5000) / 15000 = 2/3 (without assumed_from: 1/3).
    y = {**service(1000.0, 0.0), "id": "y", "label": "Y"}
    data = scenario(
        {"service": "x", "profile": [-1], "status": "illustrative"},
        discount_rate=0.0,
        services=[service(1000.0, 0.0), y],
    )
    data["consequences"].append(
        {"service": "y", "profile": [-1, -1], "status": "derived", "assumed_from": 2}
    )
    assert share(run(data)) == pytest.approx(2 / 3, rel=1e-12)
    data["consequences"][1] = {"service": "y", "profile": [-1, -1], "status": "derived"}
    assert share(run(data)) == pytest.approx(1 / 3, rel=1e-12)


def test_assumed_from_survives_a_written_scenario() -> None:
    cons = {"service": "x", "profile": [-1, -0.5, -0.25], "status": "derived", "assumed_from": 2}
    r = run(scenario(cons))
    written = r.resolved.to_scenario()
    assert written["consequences"][0]["assumed_from"] == 2
    assert share(run(written)) == pytest.approx(share(r), rel=1e-12)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"assumed_from": 1}, "fra 2 til profilens længde (3)"),
        ({"assumed_from": 4}, "fra 2 til profilens længde (3)"),
        ({"assumed_from": 2.5}, "helt tal"),
        ({"status": "illustrative"}, "illustrativ række er illustrativ i alle år"),
        ({"status": None}, "gælder kun en række med status published eller derived"),
    ],
)
def test_a_bad_assumed_from_in_a_scenario_is_a_danish_problem(
    changes: dict[str, Any], words: str
) -> None:
    cons = {"service": "x", "profile": [-1, -0.5, -0.25], "status": "derived", "assumed_from": 2}
    with pytest.raises(InputError) as e:
        parse_scenario(scenario({**cons, **changes}))
    text = str(e.value)
    assert words in text and "assumed_from" in text, text


# --- properties -------------------------------------------------------------------------------

values = st.floats(-5, 5, allow_nan=False).map(lambda v: round(v, 2))


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, Any], int]:
    profile = draw(st.lists(values, min_size=1, max_size=6))
    af = draw(st.integers(1, len(profile)))
    course = draw(st.integers(1, 2))
    cons: dict[str, Any] = {"service": "x", "profile": profile, "status": "derived"}
    if draw(st.booleans()):
        cons["during_course"] = draw(st.lists(values, min_size=1, max_size=course))
    cons["tail"] = draw(st.sampled_from(["stop", "hold", {"kind": "decay", "rate": 0.3}]))
    other = {"service": "y", "profile": draw(st.lists(values, min_size=1, max_size=4))}
    other["status"] = draw(st.sampled_from(["illustrative", "published"]))
    data = scenario(
        cons,
        horizon_years=draw(st.integers(2, 9)),
        discount_rate=draw(st.sampled_from([0.0, 0.035, 0.1])),
        course_years=course,
        participants={2025: draw(st.integers(1, 30)), 2026: draw(st.integers(0, 30))},
        success_rate=draw(st.sampled_from([0.1, 0.5, 1.0])),
        drop_off=draw(st.sampled_from([0.0, 0.2])),
        optimism_bias={"gains": draw(st.sampled_from([0.0, 0.3]))},
        services=[service(), {**service(70.0, 0.0), "id": "y", "label": "Y"}],
    )
    data["consequences"].append(other)
    return data, af


def with_assumed_from(r: Result, af: int | None) -> Result:
    """The same resolved scenario with the first row's assumed_from set (1 is allowed here,
    past the file's check, to compare it with an illustrative row)."""
    return calculate(dataclasses.replace(r.resolved, consequence_assumed_from=(af, None)))


@settings(max_examples=60, deadline=None)
@given(cases())
def test_share_properties(case: tuple[dict[str, Any], int]) -> None:
    data, af = case
    base = run(data)  # no assumed_from
    r = with_assumed_from(base, af)
    s = share(r)
    assert 0.0 <= s <= 1.0 + 1e-12
    assert r.net_discounted == base.net_discounted  # never a net result
    # removing assumed_from gives the old share: Σ |PV| of flagged rows / Σ |PV|
    pv = np.abs((base.consequence_gains * base.batch.discount[0][None, :, None]).sum(axis=1))
    flagged = pv[1].sum() if data["consequences"][1]["status"] == "illustrative" else 0.0
    old = flagged / pv.sum() if pv.sum() > 0 else 0.0
    assert share(with_assumed_from(r, None)) == pytest.approx(old, abs=1e-12)
    assert share(base) == pytest.approx(old, abs=1e-12)
    # at least the old share, as the assumed part only adds
    assert s >= old - 1e-12
    # assumed from year 1 (and no during-course values) is the row marked illustrative
    if "during_course" not in data["consequences"][0]:
        data["consequences"][0]["status"] = "illustrative"
        assert share(with_assumed_from(r, 1)) == pytest.approx(share(run(data)), abs=1e-12)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.floats(0.01, 5).map(lambda v: -round(v, 2)), min_size=2, max_size=6),
    st.sampled_from([0.0, 0.035]),
)
def test_a_later_assumed_year_never_raises_the_share(profile: list[float], rate: float) -> None:
    # one sign throughout: the part from year k shrinks as k grows
    cons = {"service": "x", "profile": profile, "status": "derived"}
    base = run(scenario(cons, discount_rate=rate, horizon_years=8))
    shares = [share(with_assumed_from(base, k)) for k in range(1, len(profile) + 1)]
    assert all(a >= b - 1e-12 for a, b in itertools.pairwise(shares))
    assert shares[0] == pytest.approx(1.0)
