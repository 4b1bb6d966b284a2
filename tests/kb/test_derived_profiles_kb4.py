"""The profiles and baselines derived in the kb4 round, checked by hand.

1. The crime-threatened youth's charges (politi_sigtelse).

Sources:
- jm_ungdomskriminalitet_2021 (Justitsministeriet's press release on the Forskningskontor's
  yearly report): 11,727 suspicions/charges against 10-17-year-olds in 2021, against 6,018
  persons suspected/charged (2020: 14,182 and 6,598).
- dst_tilbagefald_2018_2020 (Nyt fra Danmarks Statistik, cid=41579): "knap 47 pct." of the
  15-19-year-old men convicted or released in 2018 committed new crime within two years.

By hand:
- charges per charged youth, 2021: 11,727 / 6,018 = 1.94865 (2020: 14,182 / 6,598 = 2.14944);
- year 1: a non-success has the average, a success none: −1.94865 → −1.95;
- the same yearly chance q of new crime in years 2 and 3: 1 − (1 − q)² = 0.47, so
  q = 1 − √0.53 = 1 − 0.72801 = 0.27199; years 2 and 3: −1.94865 × 0.27199 = −0.53001 → −0.53;
- no source follows the youths beyond two years: the tail stops (som-method §3.11).

2. Adults in drug treatment (stofbehandling_ambulant_aar). Source dst_stofmisbrugsbehandling_2018
   (Nyt fra Danmarks Statistik, cid=29468), the table for the 81 kommuner with approved data,
   2018: started 6,941, ended 6,711, courses during the year 16,353, persons 15,694.
- courses active at the start of 2018: 16,353 − 6,941 = 9,412; at its end: 16,353 − 6,711 = 9,642;
  mean ≈ (9,412 + 9,642) / 2 = 9,527 treatment-years over 15,694 persons = 0.60705 a person;
- still active at the year's end: 9,642 / 16,353 = 0.58962;
- profile[k] = −0.60705 × 0.58962^(k−1):
    k = 1: −0.60705   k = 2: −0.35793   k = 3: −0.21104   k = 4: −0.12443   k = 5: −0.07337
    k = 6: −0.04326   k = 7: −0.02551   k = 8: −0.01504   k = 9: −0.00887   k = 10: −0.00523
  rounded to 0.001; the tail decays at 1 − 0.59 = 0.41 a year.

3. The placement groups' baseline: 365 × 0.16 / (−ln 0.84) = 365 × 0.917676 = 334.95 ≈ 335 days,
   the same number as their profiles' year 1 (tests/kb/test_derived_profiles.py).
"""

from __future__ import annotations

import pytest

from som_xl.kb import KnowledgeBase

GROUP = "boern_kriminalitetstruede_12_17"


def test_charge_profile_follows_the_published_counts(kb: KnowledgeBase) -> None:
    (c,) = [c for c in kb.consequences[GROUP] if c.service == "politi_sigtelse"]
    assert c.status == "derived" and c.source == "jm_ungdomskriminalitet_2021"
    assert "dst_tilbagefald_2018_2020" in c.also
    # [−1.94865, −0.53001, −0.53001] rounded to 0.01
    assert list(c.profile) == pytest.approx([-1.95, -0.53, -0.53], abs=0.005)
    assert c.tail is not None and c.tail.kind == "stop"
    assert c.derivation and "11.727" in c.derivation and "0,47" in c.derivation


def test_charge_baseline_is_charges_per_charged_youth(kb: KnowledgeBase) -> None:
    b = kb.target_groups[GROUP].baseline["politi_sigtelse"]
    # 11,727 / 6,018 = 1.94865 → 1.95
    assert b.status == "derived" and b.units == pytest.approx(1.95)
    # the year-1 reduction equals the baseline, so the engine does not warn (§3.17)
    (c,) = [c for c in kb.consequences[GROUP] if c.service == "politi_sigtelse"]
    assert min(c.profile) >= -b.units


def test_both_sources_are_registered(kb: KnowledgeBase) -> None:
    for sid in ("jm_ungdomskriminalitet_2021", "dst_tilbagefald_2018_2020"):
        s = kb.sources[sid]
        assert s.url and s.year == 2022


DRUGS = [-0.607, -0.358, -0.211, -0.124, -0.073, -0.043, -0.026, -0.015, -0.009, -0.005]


def test_drug_treatment_profile_follows_the_course_counts(kb: KnowledgeBase) -> None:
    (c,) = [
        c
        for c in kb.consequences["voksne_stofmisbrug"]
        if c.service == "stofbehandling_ambulant_aar"
    ]
    assert c.status == "derived" and c.source == "dst_stofmisbrugsbehandling_2018"
    assert list(c.profile) == pytest.approx(DRUGS, abs=0.0005)
    assert c.tail is not None and c.tail.kind == "decay" and c.tail.rate == pytest.approx(0.41)
    assert c.derivation and "9.527" in c.derivation and "15.694" in c.derivation
    b = kb.target_groups["voksne_stofmisbrug"].baseline["stofbehandling_ambulant_aar"]
    # 9,527 / 15,694 = 0.60705 → 0.607, equal to the year-1 reduction: no warning (§3.17)
    assert b.status == "derived" and b.units == pytest.approx(0.607)
    assert min(c.profile) >= -b.units


@pytest.mark.parametrize(
    ("group", "service"),
    [
        ("boern_anbragt_familiepleje_6_13", "anbringelse_plejefamilie_doegn"),
        ("boern_anbragt_familiepleje_14_17", "anbringelse_plejefamilie_doegn"),
        ("boern_anbragt_institution_6_13", "anbringelse_institution_doegn"),
        ("boern_anbragt_institution_14_17", "anbringelse_institution_doegn"),
    ],
)
def test_placement_baseline_is_the_expected_days_in_a_year(
    kb: KnowledgeBase, group: str, service: str
) -> None:
    b = kb.target_groups[group].baseline[service]
    # 365 × 0.16 / (−ln 0.84) = 334.95 → 335
    assert b.status == "derived" and b.source == "dst_anbringelser_2017"
    assert b.units == pytest.approx(335)
    (c,) = [c for c in kb.consequences[group] if c.service == service]
    assert min(c.profile) >= -b.units
