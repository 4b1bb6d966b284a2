"""The children's values derived in the kb6 round, checked by hand.

1. Crime-threatened youths, days in a secured institution
   (boern_kriminalitetstruede_12_17 / sikret_institution_doegn), profile and baseline.

   Sources:
   - regioner_sikrede_institutioner_2021 (Danske Regioner, Faktuelt 2021): in 2020, 152 social
     placements in the secured institutions were 31.1 % of all placements; "retlige anbragte"
     had on average 67.7 days, social ones 85.6; 106 places in all.
   - jm_ungdomskriminalitet_2021: 6,598 persons aged 10-17 suspected/charged in 2020.
   - dst_tilbagefald_2018_2020: "knap 47 pct." re-offend within two years (as the charge
     profile of the kb4 round).

   By hand:
   - all placements 2020: 152 / 0.311 = 488.75 → 489; not social: 489 − 152 = 337;
   - days of the non-social placements: 337 × 67.7 = 22,814.9;
   - per suspected/charged youth: 22,814.9 / 6,598 = 3.4579 → year 1 = −3.46;
   - years 2 and 3: the yearly chance of new crime q = 1 − √0.53 = 0.27199;
     3.4579 × 0.27199 = 0.94051 for a youth still under 18; revised in kb7 to the share under 18
     (ages 12-17 evenly spread): × 5/6 = 0.783748 → −0.78 (year 2), × 4/6 = 0.626998 → −0.63
     (year 3), since from 18 custody is in an arresthus (varetaegt_doegn);
   - the tail stops after year 3, as the charge profile's;
   - check: 22,814.9 + 152 × 85.6 = 22,814.9 + 13,011.2 = 35,826.1 days against
     106 × 365 = 38,690 place-days: 92.6 % occupancy, so the counts hang together;
   - baseline: a charged youth's year, 3.46 days (the profile's year 1, so the engine does not
     warn, som-method §3.17).

2. Cool Kids' 95 % interval (effects / cool_kids, success_rate_low/high), computed from the
   trial's published shares and arm sizes (not printed by the source).

   Sources: arendt_2016_cool_kids (abstract: n = 109; 48.2 % free of all anxiety diagnoses after
   treatment against 5.7 % on the wait-list) and johnsen_cool_kids_benchmark_2019 (abstract: the
   trial's treated group, "n = 56"; 66.1 % free of the primary diagnosis).

   By hand:
   - arms: 56 treated, 109 − 56 = 53 on the wait-list; 27 / 56 = 0.48214 (printed 48.2 %),
     3 / 53 = 0.05660 (5.7 %), 37 / 56 = 0.66071 (66.1 %): the counts match all three shares;
   - d = 0.48214 − 0.05660 = 0.42554;
   - Wilson 95 % (z = 1.959964): 27/56 → 0.35668-0.60990; 3/53 → 0.01944-0.15370;
   - Newcombe: lower = d − √((0.48214 − 0.35668)² + (0.15370 − 0.05660)²)
                     = 0.42554 − √(0.015741 + 0.009428) = 0.42554 − 0.15865 = 0.26689 → 0.267;
               upper = d + √((0.60990 − 0.48214)² + (0.05660 − 0.01944)²)
                     = 0.42554 + √(0.016323 + 0.001381) = 0.42554 + 0.13305 = 0.55859 → 0.559;
   - the standard range (`standard: true`) at s = 0.425: a normal with
     sd = (0.559 − 0.267) / (2 × 1.959964) = 0.292 / 3.919928 = 0.074491.
"""

from __future__ import annotations

import math

import pytest

from som_xl import parse_scenario
from som_xl.inputs.uncertainty import Z_95, standard_uncertainty
from som_xl.kb import Consequence, KnowledgeBase
from tests.conftest import standalone

GROUP = "boern_kriminalitetstruede_12_17"


def _secured(kb: KnowledgeBase) -> Consequence:
    (c,) = [c for c in kb.consequences[GROUP] if c.service == "sikret_institution_doegn"]
    return c


def test_secured_institution_days_follow_the_published_counts(kb: KnowledgeBase) -> None:
    c = _secured(kb)
    assert c.status == "derived" and c.source == "regioner_sikrede_institutioner_2021"
    assert {"jm_ungdomskriminalitet_2021", "dst_tilbagefald_2018_2020"} <= set(c.also)
    placements = round(152 / 0.311)  # 488.75 → 489
    assert placements == 489
    days = (placements - 152) * 67.7  # 337 × 67.7 = 22,814.9
    assert days == pytest.approx(22814.9, abs=1e-6)
    per_youth = days / 6598  # 3.4579
    assert per_youth == pytest.approx(3.4579, abs=1e-4)
    q = 1 - math.sqrt(0.53)  # 0.27199
    assert per_youth * q == pytest.approx(0.9405, abs=1e-4)
    # kb7: years 2-3 only for the share still under 18 (ages 12-17 evenly spread: 5/6, 4/6);
    # 0.940497 × 5/6 = 0.783748 and 0.940497 × 4/6 = 0.626998
    assert per_youth * q * 5 / 6 == pytest.approx(0.783748, abs=1e-6)
    assert per_youth * q * 4 / 6 == pytest.approx(0.626998, abs=1e-6)
    assert list(c.profile) == pytest.approx([-3.46, -0.78, -0.63], abs=0.005)
    assert c.tail is not None and c.tail.kind == "stop" and c.tail.reason
    assert c.derivation and "337" in c.derivation and "6.598" in c.derivation
    # the occupancy check in the derivation: 35,826 of 38,690 place-days
    assert (days + 152 * 85.6) / (106 * 365) == pytest.approx(0.926, abs=0.001)


def test_secured_institution_baseline_is_a_charged_youths_year(kb: KnowledgeBase) -> None:
    b = kb.target_groups[GROUP].baseline["sikret_institution_doegn"]
    assert b.status == "derived" and b.units == pytest.approx(3.46)
    assert min(_secured(kb).profile) >= -b.units  # no §3.17 warning


def test_the_charge_and_custody_profiles_are_left_as_they_were(kb: KnowledgeBase) -> None:
    by_service = {c.service: c for c in kb.consequences[GROUP]}
    assert list(by_service["politi_sigtelse"].profile) == pytest.approx([-1.95, -0.53, -0.53])
    # kb7 replaced the illustrative custody profile that overlapped these days (see
    # test_derived_profiles_kb7_crime.py): under 18 it counts only the days in
    # Kriminalforsorgen's institutions, the surrogate custody stays in this row.
    custody = by_service["varetaegt_doegn"]
    assert custody.status == "derived" and "sikret institution" in (custody.derivation or "")


def test_new_sources_are_registered(kb: KnowledgeBase) -> None:
    for sid, year in (
        ("regioner_sikrede_institutioner_2021", 2021),
        ("regioner_ungdomskriminalitet", 2018),
        ("johnsen_cool_kids_benchmark_2019", 2019),
    ):
        s = kb.sources[sid]
        assert s.year == year and s.url.startswith("https://") and s.note


def test_cool_kids_interval_is_newcombes_from_the_trial_counts(kb: KnowledgeBase) -> None:
    e = kb.effects["cool_kids"]
    shares = (27 / 56, 3 / 53, 37 / 56)  # the printed 48.2 %, 5.7 % and 66.1 %
    assert shares == pytest.approx((0.482, 0.057, 0.661), abs=0.0005)
    z = 1.959964

    def wilson(x: int, n: int) -> tuple[float, float]:
        p = x / n
        centre = p + z * z / (2 * n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        return (centre - half) / (1 + z * z / n), (centre + half) / (1 + z * z / n)

    (l1, u1), (l2, u2) = wilson(27, 56), wilson(3, 53)
    assert (l1, u1) == pytest.approx((0.35668, 0.60990), abs=1e-5)
    assert (l2, u2) == pytest.approx((0.01944, 0.15370), abs=1e-5)
    p1, p2 = 27 / 56, 3 / 53
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    assert (low, high) == pytest.approx((0.26689, 0.55859), abs=1e-5)
    assert (e.success_rate_low, e.success_rate_high) == (0.267, 0.559)
    assert e.success_rate_low < (e.success_rate or 0) < e.success_rate_high
    assert e.range_source == "arendt_2016_cool_kids"
    assert "48.2%" in (e.range_locator or "") and "n = 56" in (e.range_locator or "")
    assert "johnsen_cool_kids_benchmark_2019" in e.also


def test_cool_kids_interval_gives_the_standard_range(kb: KnowledgeBase) -> None:
    spec = parse_scenario(
        standalone(
            success_rate=0.425,
            target_group="boern_angst_depression_6_13",
            uncertainty={"standard": True},
        )
    )
    assert spec.uncertainty is not None
    u, notes = standard_uncertainty(spec, spec.uncertainty, kb)
    d = u.success_rate
    assert d is not None and d.dist == "normal" and d.mean == 0.425
    assert d.sd == pytest.approx((0.559 - 0.267) / (2 * Z_95), rel=1e-12)
    assert d.sd == pytest.approx(0.074491, abs=1e-6)
    assert notes[0].status == "derived"
    assert (notes[0].source or "").startswith("arendt_2016_cool_kids, ")
