"""The benefit and employment profiles derived in the kb7 round, checked by hand.

Activity-ready recipients of cash benefit (voksne_kontanthjaelp_aktivitetsparate): weeks on
kontanthjælp (kontanthjaelp_uge), its baseline, full-time years in employment
(beskaeftigelse_aar) and the tax on the cash benefit given up (skattepligtig_indkomst_kr).

Sources read (docs/research/kb7-benefits.md):
- Beskæftigelsesministeriet, notat 4 April 2018 (answer to BEU alm. del spm. 326, 2017-18),
  table 1: of 162,200 recipients in the kontanthjælp system in April 2016, 97,500 were still in
  it in November 2017 (19 months later).
- Benchmarkingenheden 2023: of the recipients who left kontanthjælp for employment (2020 - H1
  2021), 26 % stopped working within the first 3 months, 24 % in the remaining 9 months, and
  50 % had 12 months of continuous employment.
- DI 2021 (on Jobindsats.dk): the activation rate of activity-ready recipients was 9 % of the
  possible hours (37 a week as full time) in October 2020.
- STAR, the mentor trial (the group's effect in effects.yaml): education 16 % against 12 %,
  job about 7 % against about 5 %.
- Beskæftigelsesministeriet's rates 2024: kontanthjælp for a non-provider 12,326 kr. a month.

By hand, weeks on kontanthjælp in year 1:
- still in the system after 19 months: 97 500 / 162 200 = 0.60111;
- constant monthly exit rate: lambda = -ln(0.60111) / 19 = 0.50898 / 19 = 0.026788;
- expected share of the next 12 months in the system: (1 - e^(-12 lambda)) / (12 lambda)
  = (1 - e^(-0.32146)) / 0.32146 = (1 - 0.72509) / 0.32146 = 0.85519 -> 52 x 0.85519 = 44.47 weeks
  (the non-success; also the baseline, rounded 44.5);
- the success (self-supporting at least half the year, from the start of the year): of 100 who
  leave for a job, 24 stop in months 4-12; spread evenly, 24 x 6/9 = 16 stop in months 7-12 and
  50 work all year; successes 50 + 16 = 66; 16 / 66 = 0.24242 come back after 9 months on
  average and have 3 months = 13 weeks on kontanthjælp: 0.24242 x 13 = 3.152 weeks;
- profile[1] = -(44.470 - 3.152) = -41.318 -> -41.3; tail stop (nothing read beyond a year).

Employment: 1/3 of the successes are in a job (mentor trial, net 0.02 job of 0.06), and a
success in a job works 52 - 3.152 = 48.848 weeks: 1/3 x 48.848 / 52 = 0.31313 -> 0.313.

Tax on the benefit given up: 12 326 x 12 / 52 = 2 844.46 kr. a week; -41.3 x 2 844.46 =
-117 476.198 -> -117 476.2 kr.
"""

from __future__ import annotations

import math

import pytest

from som_xl.kb import KnowledgeBase
from som_xl.kb.schema import Consequence

GROUP = "voksne_kontanthjaelp_aktivitetsparate"
STILL_IN_SYSTEM = 97_500 / 162_200
LAMBDA = -math.log(STILL_IN_SYSTEM) / 19
NON_SUCCESS_WEEKS = 52 * (1 - math.exp(-12 * LAMBDA)) / (12 * LAMBDA)
SUCCESS_WEEKS = (24 * 6 / 9) / (50 + 24 * 6 / 9) * 13
WEEKLY_BENEFIT = round(12_326 * 12 / 52, 2)


def _consequence(kb: KnowledgeBase, service: str) -> Consequence:
    (c,) = [c for c in kb.consequences[GROUP] if c.service == service]
    return c


def test_the_weeks_by_hand() -> None:
    still, lam, non_success, success = STILL_IN_SYSTEM, LAMBDA, NON_SUCCESS_WEEKS, SUCCESS_WEEKS
    assert still == pytest.approx(0.60111, abs=1e-5)
    assert lam == pytest.approx(0.026788, abs=1e-6)
    assert math.exp(-12 * lam) == pytest.approx(0.72509, abs=1e-5)
    assert non_success == pytest.approx(44.470, abs=0.001)
    assert success == pytest.approx(3.152, abs=0.001)
    assert non_success - success == pytest.approx(41.318, abs=0.001)
    assert WEEKLY_BENEFIT == 2844.46


def test_cash_benefit_weeks_profile(kb: KnowledgeBase) -> None:
    c = _consequence(kb, "kontanthjaelp_uge")
    assert c.status == "derived" and c.source == "bm_beu_spm326_2018"
    assert list(c.profile) == [-41.3]
    assert c.profile[0] == pytest.approx(-(NON_SUCCESS_WEEKS - SUCCESS_WEEKS), abs=0.05)
    assert c.tail is not None and c.tail.kind == "stop" and c.tail.reason
    assert c.derivation and "97.500 / 162.200" in c.derivation and "16 / 66" in c.derivation
    assert "benchmark_varig_beskaeftigelse_2023" in c.also


def test_baseline_above_the_profile(kb: KnowledgeBase) -> None:
    base = kb.target_groups[GROUP].baseline["kontanthjaelp_uge"]
    assert base.status == "derived" and base.source == "bm_beu_spm326_2018"
    assert base.units == pytest.approx(NON_SUCCESS_WEEKS, abs=0.05)
    # som-method §3.17: no year reduces use by more than the baseline (41.3 < 44.5)
    assert min(_consequence(kb, "kontanthjaelp_uge").profile) >= -base.units


def test_employment_profile(kb: KnowledgeBase) -> None:
    job_share = (0.07 - 0.05) / ((0.16 - 0.12) + (0.07 - 0.05))
    assert job_share == pytest.approx(1 / 3)
    year1 = job_share * (52 - SUCCESS_WEEKS) / 52
    assert year1 == pytest.approx(0.31313, abs=1e-5)
    c = _consequence(kb, "beskaeftigelse_aar")
    assert c.status == "derived" and c.source == "star_mentorforsoeget"
    assert list(c.profile) == [0.313]
    assert c.tail is not None and c.tail.kind == "stop" and c.tail.reason


def test_tax_on_the_benefit_given_up_follows_the_weeks(kb: KnowledgeBase) -> None:
    weeks = _consequence(kb, "kontanthjaelp_uge")
    tax = _consequence(kb, "skattepligtig_indkomst_kr")
    assert tax.status == "derived"
    assert tax.source == "bm_satser_2024_ressourceforloebsydelse"
    assert list(tax.profile) == pytest.approx([w * WEEKLY_BENEFIT for w in weeks.profile], abs=0.01)
    assert tax.profile[0] == -117476.2
    assert tax.tail is not None and weeks.tail is not None
    assert tax.tail.kind == weeks.tail.kind == "stop"


def test_the_sources_are_registered(kb: KnowledgeBase) -> None:
    for source in (
        "bm_beu_spm326_2018",
        "benchmark_varig_beskaeftigelse_2023",
        "star_mentorforsoeget",
        "bm_satser_2024_ressourceforloebsydelse",
    ):
        assert kb.sources[source].url.startswith("http")


def test_activation_weeks_follow_the_activation_rate(kb: KnowledgeBase) -> None:
    # 9 % of the possible hours (37 a week) while on kontanthjælp: 0.09 full-time weeks a week;
    # profile 0.09 x 41.318 = 3.719 -> -3.7; baseline 0.09 x 44.470 = 4.002 -> 4.0
    rate = 0.09
    c = _consequence(kb, "aktivering_uge")
    assert c.status == "derived" and c.source == "di_aktivering_kontanthjaelp_2021"
    assert list(c.profile) == [-3.7]
    assert c.profile[0] == pytest.approx(-rate * (NON_SUCCESS_WEEKS - SUCCESS_WEEKS), abs=0.05)
    assert c.tail is not None and c.tail.kind == "stop" and c.tail.reason
    base = kb.target_groups[GROUP].baseline["aktivering_uge"]
    assert base.status == "derived"
    assert base.units == pytest.approx(rate * NON_SUCCESS_WEEKS, abs=0.01)
    assert min(c.profile) >= -base.units
