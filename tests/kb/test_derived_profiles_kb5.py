"""The profile derived in the kb5 round, checked by hand.

Adults with mental illness, employment (voksne_psykisk_sygdom / beskaeftigelse_aar).

Source: christensen_ips_30_maaneder_2023 (the Danish IPS trial's 30-month follow-up, abstract):
720 people with severe mental illness, followed for 30 months in the national registers;
competitive employment or education at some time: IPS 65 %, IPSE 65 %, service as usual 53 %;
mean weeks in competitive employment: IPS 25, IPSE 21, service as usual 17.

By hand:
- a non-success (never in competitive employment or education) has 0 weeks of competitive
  employment by definition, so all of an arm's weeks fall on its successes;
- IPS arm: 25 / 0.65 = 38.4615 weeks per success over 30 months;
- spread evenly over 2.5 years: 38.4615 / 2.5 = 15.3846 weeks a year = 15.3846 / 52 = 0.29586 years;
- years 1 and 2: 0.29586 → 0.296; year 3, only its first half observed:
  0.29586 / 2 = 0.14793 → 0.148;
- total 0.296 + 0.296 + 0.148 = 0.740 years = 0.740 × 52 = 38.48 weeks (38.46 before rounding);
- no source follows the participants beyond 30 months: the tail stops (som-method §3.11);
- for comparison: service as usual 17 / 0.53 = 32.075 weeks → 32.075 / 2.5 / 52 = 0.2467 a year;
  IPSE 21 / 0.65 = 32.308 weeks → 0.2485 a year.
"""

from __future__ import annotations

import pytest

from som_xl.kb import KnowledgeBase

GROUP = "voksne_psykisk_sygdom"


def test_employment_profile_follows_the_trial_weeks(kb: KnowledgeBase) -> None:
    (c,) = [c for c in kb.consequences[GROUP] if c.service == "beskaeftigelse_aar"]
    assert c.status == "derived" and c.source == "christensen_ips_30_maaneder_2023"
    # 25 / 0.65 / 2.5 / 52 = 0.29586; year 3 half of it = 0.14793
    weekly_share = 25 / 0.65 / 2.5 / 52
    assert weekly_share == pytest.approx(0.29586, abs=1e-5)
    assert list(c.profile) == pytest.approx([0.296, 0.296, 0.148], abs=0.0005)
    assert list(c.profile) == pytest.approx(
        [weekly_share, weekly_share, weekly_share / 2], abs=0.0005
    )
    # the three years add up to the 38.46 weeks a success works in the 30 months
    assert sum(c.profile) * 52 == pytest.approx(25 / 0.65, abs=0.05)
    assert c.tail is not None and c.tail.kind == "stop"
    assert c.derivation and "25" in c.derivation and "0,65" in c.derivation
    assert "øvre grænse" in c.derivation  # the full-week assumption is stated


def test_the_other_arms_give_a_smaller_profile(kb: KnowledgeBase) -> None:
    # service as usual 17 / 0.53 / 2.5 / 52 = 0.2467; IPSE 21 / 0.65 / 2.5 / 52 = 0.2485
    (c,) = [c for c in kb.consequences[GROUP] if c.service == "beskaeftigelse_aar"]
    usual, ipse = 17 / 0.53 / 2.5 / 52, 21 / 0.65 / 2.5 / 52
    assert usual == pytest.approx(0.2467, abs=1e-4)
    assert ipse == pytest.approx(0.2485, abs=1e-4)
    assert c.derivation and "0,247" in c.derivation and "0,248" in c.derivation


def test_both_ips_sources_are_registered(kb: KnowledgeBase) -> None:
    assert kb.sources["christensen_ips_30_maaneder_2023"].year == 2023
    assert kb.sources["christensen_ips_omkostninger_2020"].url


def test_ips_success_rate_follows_the_primary_source(kb: KnowledgeBase) -> None:
    """IPS's net success rate (2026.12.3): JAMA Psychiatry 2019, Key Points — competitive
    employment or education within 18 months: IPS 59.9 %, IPSE 59.1 %, service as usual 46.5 %.
    By hand: 0.599 − 0.465 = 0.134 (the secondary source's 0.591 is the IPSE arm's share,
    which gave 0.126 up to 2026.12.2)."""
    e = kb.effects["ips_psykisk_sygdom"]
    assert e.status == "derived" and e.source == "christensen_ips_jama_2019"
    assert e.success_rate == pytest.approx(0.599 - 0.465, abs=1e-12)
    assert e.success_rate == pytest.approx(0.134, abs=1e-12)
    assert "59.9%" in (e.locator or "") and "46.5%" in (e.locator or "")
