"""Refusion rules per citizen-year (som_xl.kb.refusion), with hand-computed cases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from som_xl.kb import KnowledgeBase, load_kb
from som_xl.kb.refusion import period_weights, split_price, stat_amount

# The § 110 shelter day: 550,000 kr. a year / 365 = 1,506.85 kr.; the knowledge base keeps
# the two halves of the first edition, 753.42 + 753.42 = 1,506.84 kr., as the gross price.
SHELTER_GROSS = 1506.84


def test_homeless_kommune_share_under_the_120_day_rule(kb: KnowledgeBase) -> None:
    """The homeless example: a successful citizen saves the group's 129 shelter days.

    In 2025 the § 110 refusion is 50 % of the first 120 days of a running year.
    Before: 129 days, of which min(129, 120) = 120 carry refusion: stat 0.5 × 120 = 60 days'
    price. After: 0 days, stat 0. The change: 129 days, of which the stat's part is 60 days.
    Per day saved: stat 1,506.84 × 60 / 129 = 700.856 kr.; kommune 1,506.84 − 700.856 =
    805.984 kr. (53.49 % instead of the 50 % of a 50/50 split).
    """
    p = split_price(kb, "forsorgshjem_doegn", 2025, -129, baseline=129)
    assert p.stat == pytest.approx(1506.84 * 60 / 129)
    assert p.stat == pytest.approx(700.856, abs=0.001)
    assert p.kommune == pytest.approx(805.984, abs=0.001)
    assert p.region == 0
    # Saved per successful citizen in 2025: 129 × 805.984 = 103,971.9 kr. to the kommune,
    # 129 × 700.856 = 90,410.4 kr. (= 60 × 1,506.84) to the stat.
    assert 129 * p.kommune == pytest.approx(129 * 1506.84 - 60 * 1506.84)
    assert 129 * p.stat == pytest.approx(90410.4)


def test_homeless_year_two_is_marginal(kb: KnowledgeBase) -> None:
    """Year 2 of the profile saves 110 of 129 days: the citizen goes from 129 to 19 days.

    Stat before: 0.5 × min(129, 120) = 60 days' price; after: 0.5 × min(19, 120) = 9.5.
    Change 50.5 days' price over 110 days: stat share 50.5 / 110 = 0.45909.
    """
    p = split_price(kb, "forsorgshjem_doegn", 2025, -110, baseline=129)
    assert p.stat / SHELTER_GROSS == pytest.approx(50.5 / 110)


def test_shelter_90_days_from_april_2026(kb: KnowledgeBase) -> None:
    """2027: 90 days; 2026: 90 days of 120 (1 Jan - 31 Mar) and 275 of 90 (weighted).

    2027: stat 0.5 × 90 / 129 = 0.348837 of the gross.
    2026: weights 90/365 and 275/365: (90 × 0.5 × 120 + 275 × 0.5 × 90) / 365 / 129 =
    (5,400 + 12,375) / 365 / 129 = 17,775 / 47,085 = 0.377509.
    Before 1 Oct 2023 every day carried 50 %: 2022 gives 0.5.
    """
    assert split_price(kb, "forsorgshjem_doegn", 2027, -129, 129).stat / SHELTER_GROSS == (
        pytest.approx(45 / 129)
    )
    assert split_price(kb, "forsorgshjem_doegn", 2026, -129, 129).stat / SHELTER_GROSS == (
        pytest.approx(17775 / 47085)
    )
    assert split_price(kb, "forsorgshjem_doegn", 2022, -129, 129).stat / SHELTER_GROSS == (
        pytest.approx(0.5)
    )
    # 2023: 273 days without a limit (1 Jan - 30 Sep), 92 days with 120:
    # (273 × 0.5 × 129 + 92 × 0.5 × 120) / 365 / 129 = (17,608.5 + 5,520) / 47,085 = 0.491207.
    assert split_price(kb, "forsorgshjem_doegn", 2023, -129, 129).stat / SHELTER_GROSS == (
        pytest.approx(23128.5 / 47085)
    )


def test_short_stays_are_fully_refunded(kb: KnowledgeBase) -> None:
    """A citizen with 30 days a year is under every limit: 50 % to the stat in any year."""
    for year in (2022, 2025, 2027):
        p = split_price(kb, "forsorgshjem_doegn", year, -30, baseline=30)
        assert p.stat == pytest.approx(SHELTER_GROSS / 2)


def test_sickness_benefit_ladder(kb: KnowledgeBase) -> None:
    """Sygedagpenge from the spell's first week: 80 % weeks 1-4, 40 % 5-26, 30 % 27-52.

    10 weeks: (4 × 0.8 + 6 × 0.4) / 10 = 5.6 / 10 = 0.56.
    30 weeks: (4 × 0.8 + 22 × 0.4 + 4 × 0.3) / 30 = (3.2 + 8.8 + 1.2) / 30 = 0.44.
    A change from 30 to 26 weeks removes weeks 27-30: 0.3.
    """
    gross = 4695.0
    assert split_price(kb, "sygedagpenge_uge", 2025, 10).stat / gross == pytest.approx(0.56)
    assert split_price(kb, "sygedagpenge_uge", 2025, 30).stat / gross == pytest.approx(0.44)
    assert split_price(kb, "sygedagpenge_uge", 2025, -4, 30).stat / gross == pytest.approx(0.3)
    # Before the ladder's first period (4 Jan 2016) the static split applies.
    before = split_price(kb, "sygedagpenge_uge", 2014, 10)
    assert before == kb.services["sygedagpenge_uge"].prices


def test_long_term_cash_benefit_is_step_four(kb: KnowledgeBase) -> None:
    """Kontanthjælp with 52 weeks before the citizen-year: every week is step 4 (20 %)."""
    p = split_price(kb, "kontanthjaelp_uge", 2025, -8, 40)
    assert p.stat / (p.kommune + p.stat) == pytest.approx(0.2)


def test_very_expensive_case(kb: KnowledgeBase) -> None:
    """A placement a whole year, 2024: 25 % of the part above 860,000 kr. (2022 level).

    The gross price 3,178.08 kr. × 365 = 1,159,999.20 kr. (2019); × 113.5 / 103.5 =
    1,272,076.42 kr. (2022 level); above 860,000: 412,076.42; × 0.25 = 103,019.10 (2022
    level); × 103.5 / 113.5 = 93,942.53 kr. (2019 prices).
    Half a year (636,038.21 kr. in 2022 level) is under the threshold: nothing.
    """
    s = kb.services["anbringelse_institution_doegn"]
    refund, covered = stat_amount(kb, s, 2024, 365)
    assert covered == 1.0
    assert refund == pytest.approx(93942.53, abs=0.01)
    assert stat_amount(kb, s, 2024, 182.5)[0] == 0
    # 2021 used 830,000 kr. in 2020 level: 1,159,999.20 × 103.9 / 103.5 = 1,164,482.29;
    # above 830,000: 334,482.29 × 0.25 = 83,620.57 (2020) × 103.5 / 103.9 = 83,298.65.
    assert stat_amount(kb, s, 2021, 365)[0] == pytest.approx(83298.65, abs=0.01)


def test_period_weights_sum_to_one(kb: KnowledgeBase) -> None:
    rule = kb.refusion_rules["sel_110_dagegraense"]
    for year in range(2001, 2040):
        assert sum(w for _, w in period_weights(rule, year)) == pytest.approx(1.0)
    ladder = kb.refusion_rules["refusionstrappen"]
    # 2016: from 4 January, 363 of 366 days.
    assert sum(w for _, w in period_weights(ladder, 2016)) == pytest.approx(363 / 366)


def test_static_prices_follow_their_rule(kb: KnowledgeBase) -> None:
    """Every price with a rule is the rule at its reference use and year (to the øre)."""
    ruled = [s for s in kb.services.values() if s.refusion is not None]
    assert len(ruled) >= 10
    for s in ruled:
        assert s.refusion is not None
        p = split_price(kb, s.id, s.refusion.reference_year, s.refusion.reference_units)
        assert p.kommune == pytest.approx(s.prices.kommune, abs=0.01), s.id
        assert p.stat == pytest.approx(s.prices.stat, abs=0.01), s.id


@settings(max_examples=200, deadline=None)
@given(
    service=st.sampled_from(
        [
            "forsorgshjem_doegn",
            "sygedagpenge_uge",
            "kontanthjaelp_uge",
            "anbringelse_institution_doegn",
            "botilbud_midlertidigt_doegn",
        ]
    ),
    year=st.integers(2010, 2040),
    units=st.floats(-400, 400, allow_nan=False),
    baseline=st.none() | st.floats(0, 400, allow_nan=False),
)
def test_split_keeps_the_gross_price(
    service: str, year: int, units: float, baseline: float | None
) -> None:
    """Only the kommune/stat split moves: the sum and the region's part are the static ones,
    and the stat's share stays between 0 and the rule's highest share (80 %)."""
    kb = load_kb()
    static = kb.services[service].prices
    p = split_price(kb, service, year, units, baseline)
    assert p.kommune + p.stat == pytest.approx(static.kommune + static.stat)
    assert p.region == static.region
    gross = static.kommune + static.stat
    assert -1e-9 <= p.stat / gross <= 0.8 + 1e-9
