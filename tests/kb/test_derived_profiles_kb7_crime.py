"""The crime-chain values derived in the kb7 round, checked by hand.

Target group boern_kriminalitetstruede_12_17 (success: no new charge in the year after the
course). A court case or custody needs a charge, so a success has none; a non-success has the
average of a charged youth, and in years 2 and 3 the charge profile's yearly chance of new crime,
q = 1 − √0.53 = 0.27199 (dst_tilbagefald_2018_2020, as in the kb4 and kb6 rounds).

1. Court cases (straffesag), profile and baseline.

   Sources: faktalink_ungdomskriminalitet (after Danmarks Statistik and Justitsministeriet):
   15-17-year-olds were sentenced to conditional or unconditional prison 965 times in 2016, and
   11,487 suspicions/charges were registered against 10-17-year-olds in 2016;
   jm_ungdomskriminalitet_2021: 11,727 charges and 6,018 charged persons aged 10-17 in 2021.

   By hand:
   - court cases with a prison sentence per charge: 965 / 11,487 = 0.084008;
   - charges per charged youth (the charge profile's year 1): 11,727 / 6,018 = 1.948654;
   - year 1: 1.948654 × 0.084008 = 0.163703 → −0.164;
   - years 2 and 3: 1.948654 × 0.27199 × 0.084008 = 0.044525 → −0.045 (equivalently the charge
     profile's 0.53 × 0.084008 = 0.044524);
   - tail: stop after year 3, as the charge profile;
   - baseline (som-method §3.17): 0.164 a year, the profile's year 1, so no warning.

2. Custody days in an arresthus (varetaegt_doegn), profile and baseline.

   Sources: sn_mindreaarige_faengsel_2017 (Ritzau 2017): on average 14 persons under 18 a day in
   Kriminalforsorgen's prisons and arrests in 2016 (9 in 2014); faktalink_ungdomskriminalitet:
   11,487 charges against 10-17-year-olds in 2016; rigsadvokaten_varetaegt_2019: 106 persons under
   18 remanded in 2019, 38 of them for more than 3 months before the first-instance verdict, those
   on average 5.9 months; jm_ungdomskriminalitet_2020: 6,334 suspected/charged 10-17-year-olds in
   2019. The 68 short remands (at most 3 months) are assumed to last 1.5 months on average (the
   middle of 0-3).

   By hand:
   (a) under 18, in Kriminalforsorgen's institutions (the surrogate custody in secured
       institutions is already in the sikret_institution_doegn row):
       14 × 365 = 5,110 days / 11,487 charges = 0.444851 per charge;
       × 1.948654 charges per charged youth = 0.866860;
   (b) aged 18 or more, remand days per charged youth (the under-18 rate as a proxy):
       months 38 × 5.9 = 224.2 and 68 × 1.5 = 102.0, in all 326.2;
       days 326.2 × 30.4375 (= 365.25 / 12) = 9,928.71; / 6,334 = 1.567526
       (bounds with the short ones at 0 or 3 months: 1.0774 and 2.0577);
   - year 1, the whole group under 18 at the start: −0.866860 → −0.867;
   - years 2 and 3, q × the mix of ages (12-17 evenly spread: 1/6 aged 18 in year 2, 2/6 in 3):
     0.27199 × (5/6 × 0.866860 + 1/6 × 1.567526) = 0.27199 × 0.983638 = 0.267539 → −0.268;
     0.27199 × (4/6 × 0.866860 + 2/6 × 1.567526) = 0.27199 × 1.100415 = 0.299301 → −0.299;
   - tail: stop after year 3; baseline 0.867 a year (the profile's year 1);
   - check: all 4,200 remands in 2019 with the same 1.5-month assumption for the 2,800 short ones
     and 6.7 months for the 1,400 long ones: (9,380 + 4,200) × 30.4375 / 365 = 1,132.4 remand
     prisoners a day, against 1,250-1,348 a day in 2014-2015 (ritzau_faengsler_2015); matching
     1,250 would need 2.0 months for the short ones, so 1.5 is on the low side.
"""

from __future__ import annotations

import math

import pytest

from som_xl.kb import Consequence, KnowledgeBase

GROUP = "boern_kriminalitetstruede_12_17"
Q = 1 - math.sqrt(0.53)  # 0.27199


def _row(kb: KnowledgeBase, service: str) -> Consequence:
    (c,) = [c for c in kb.consequences[GROUP] if c.service == service]
    return c


def test_yearly_chance_of_new_crime_is_the_charge_profiles() -> None:
    q = Q
    assert q == pytest.approx(0.27199, abs=1e-5)


def test_court_cases_follow_the_published_counts(kb: KnowledgeBase) -> None:
    c = _row(kb, "straffesag")
    assert c.status == "derived" and c.source == "faktalink_ungdomskriminalitet"
    assert {"jm_ungdomskriminalitet_2021", "dst_tilbagefald_2018_2020"} <= set(c.also)
    per_charge = 965 / 11487  # 0.084008
    assert per_charge == pytest.approx(0.084008, abs=1e-6)
    charges = 11727 / 6018  # 1.948654
    assert charges == pytest.approx(1.948654, abs=1e-6)
    assert charges * per_charge == pytest.approx(0.163703, abs=1e-6)
    assert charges * Q * per_charge == pytest.approx(0.044525, abs=1e-6)
    assert list(c.profile) == pytest.approx([-0.164, -0.045, -0.045], abs=0.0005)
    assert c.tail is not None and c.tail.kind == "stop" and c.tail.reason
    assert c.derivation and "965" in c.derivation and "11.487" in c.derivation
    assert "965" in (c.locator or "") and "11.487" in (c.locator or "")


def test_court_case_baseline_is_a_charged_youths_year(kb: KnowledgeBase) -> None:
    b = kb.target_groups[GROUP].baseline["straffesag"]
    assert b.status == "derived" and b.units == pytest.approx(0.164)
    assert b.source == "faktalink_ungdomskriminalitet"
    assert min(_row(kb, "straffesag").profile) >= -b.units  # no §3.17 warning


def test_custody_days_follow_the_published_counts(kb: KnowledgeBase) -> None:
    c = _row(kb, "varetaegt_doegn")
    assert c.status == "derived" and c.source == "rigsadvokaten_varetaegt_2019"
    assert {
        "sn_mindreaarige_faengsel_2017",
        "faktalink_ungdomskriminalitet",
        "jm_ungdomskriminalitet_2020",
        "dst_tilbagefald_2018_2020",
    } <= set(c.also)
    per_charge = 14 * 365 / 11487  # 5,110 days / 11,487 charges
    assert per_charge == pytest.approx(0.444851, abs=1e-6)
    under_18 = per_charge * 11727 / 6018  # × 1.948654 charges per charged youth
    assert under_18 == pytest.approx(0.866860, abs=1e-6)
    months = 38 * 5.9 + (106 - 38) * 1.5  # 224.2 + 102.0
    assert months == pytest.approx(326.2, abs=1e-9)
    days = months * 365.25 / 12  # 9,928.71
    assert days == pytest.approx(9928.71, abs=0.01)
    adult = days / 6334  # 1.567526
    assert adult == pytest.approx(1.567526, abs=1e-6)
    short_at_0 = 38 * 5.9 * 365.25 / 12 / 6334
    short_at_3 = (38 * 5.9 + 68 * 3) * 365.25 / 12 / 6334
    assert short_at_0 == pytest.approx(1.0774, abs=1e-4)
    assert short_at_3 == pytest.approx(2.0577, abs=1e-4)
    year_2 = Q * (5 / 6 * under_18 + 1 / 6 * adult)
    year_3 = Q * (4 / 6 * under_18 + 2 / 6 * adult)
    assert year_2 == pytest.approx(0.267539, abs=1e-6)
    assert year_3 == pytest.approx(0.299301, abs=1e-6)
    assert list(c.profile) == pytest.approx([-0.867, -0.268, -0.299], abs=0.0005)
    assert c.tail is not None and c.tail.kind == "stop" and c.tail.reason
    assert c.derivation and "106" in c.derivation and "6.334" in c.derivation
    assert "11.487" in c.derivation and "5.110" in c.derivation


def test_custody_baseline_is_a_charged_youths_year(kb: KnowledgeBase) -> None:
    b = kb.target_groups[GROUP].baseline["varetaegt_doegn"]
    assert b.status == "derived" and b.units == pytest.approx(0.867)
    assert b.source == "sn_mindreaarige_faengsel_2017"
    assert min(_row(kb, "varetaegt_doegn").profile) >= -b.units  # no §3.17 warning


def test_custody_check_against_the_daily_remand_population() -> None:
    # all remands 2019: 1,400 long at 6.7 months, 2,800 short at the assumed 1.5 months
    daily = (1400 * 6.7 + 2800 * 1.5) * 365.25 / 12 / 365
    assert daily == pytest.approx(1132.4, abs=0.1)
    assert daily < 1250  # the 2015 level (Ritzau): the 1.5-month assumption is low
    short_to_match_1250 = (1250 * 365 / (365.25 / 12) - 1400 * 6.7) / 2800
    assert short_to_match_1250 == pytest.approx(2.0, abs=0.01)


def test_the_prison_profile_stays_illustrative_with_its_reason(kb: KnowledgeBase) -> None:
    c = _row(kb, "faengsel_doegn")
    assert c.status == "illustrative"
    assert "kb7" in (c.note or "") and "Bedste næste kilde" in (c.note or "")


def test_new_sources_are_registered(kb: KnowledgeBase) -> None:
    for sid, year in (
        ("rigsadvokaten_varetaegt_2019", 2020),
        ("jm_ungdomskriminalitet_2020", 2021),
        ("faktalink_ungdomskriminalitet", 2017),
        ("ritzau_faengsler_2015", 2015),
        ("sn_mindreaarige_faengsel_2017", 2017),
    ):
        s = kb.sources[sid]
        assert s.year == year and s.url.startswith("http") and s.note
