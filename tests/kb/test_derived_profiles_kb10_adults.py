"""The adult values derived in the kb10 round, checked by hand.

voksne_alkoholmisbrug: the success measure is "no new alcohol treatment and no alcohol-related
hospital contact in the year after", so a success has 0 new treatment courses and 0
alcohol-related hospital contacts in year 1; a non-success is given the group's average.

Sources:
- sds_alkoholbehandling_2014 (Sundhedsdatastyrelsen via Alkopedia): "i 2014 var der ca. 15.800
  personer i behandling. Omkring 7.800 forskellige personer blev indskrevet i 2014 – og et
  nogenlunde tilsvarende antal udskrevet".
- dst_alkohol_sygehuskontakter_2018 (Danmarks Statistik, 13-12-2019): 12,999 persons with an
  alcohol diagnosis in a somatic hospital or emergency room in 2018, 28,453 contacts
  (admissions, outpatient treatments and emergency visits).
- alkohol_samfund_behandlingsformer (Alkohol & Samfund): "I 2018 var ca. 17.500 personer i
  behandling".
- sif_risikofaktorer_folkesundhed_2006 (SIF via Alkopedia): alcohol is related to 28,000
  admissions, 10,000 emergency visits and 72,000 outpatient visits a year.

By hand:
- new courses per person in treatment: 7,800 / 15,800 = 0.493671 → year 1 −0.4937;
- share still in the treatment system a year later: 1 − 0.493671 = 0.506329;
  year k: −0.493671 × 0.506329^(k−1): year 2 −0.249953 → −0.25; year 3 −0.126558 → −0.1266;
  year 10 −0.493671 × 0.506329^9 = −0.001066 → −0.0011;
- contacts per person in the group (treated and hospital-contact persons taken as disjoint):
  28,453 / (12,999 + 17,500) = 28,453 / 30,499 = 0.932916;
- emergency visits 0.932916 × 10 / 110 = 0.084811 → −0.0848;
  outpatient visits 0.932916 × 72 / 110 = 0.610636 → −0.6106;
  admissions 0.932916 × 28 / 110 = 0.237469, × 5 bed-days an admission (the project's stay
  behind the bed-day price 40,000 / 5 = 8,000 kr.) = 1.187347 → −1.1873 bed-days, so
  1.187347 × 8,000 = 9,498.78 kr. = 0.237469 × 40,000 kr.;
- the hospital rows decay as the treatment row: year 2 of emergency visits
  0.084811 × 0.506329 = 0.042942 → −0.0429;
- baselines (§3.17) equal the year-1 values: 0.4937, 1.1873, 0.0848, 0.6106.
"""

from __future__ import annotations

import pytest

from som_xl.kb import Consequence, KnowledgeBase

GROUP = "voksne_alkoholmisbrug"
R = 7800 / 15800  # 0.493671 new courses per person in treatment (2014)
STAY = 1 - R  # 0.506329 still in the treatment system a year later
C = 28453 / (12999 + 17500)  # 0.932916 alcohol-related somatic contacts per group member (2018)
YEAR1 = {
    "alkoholbehandling_forloeb": R,
    "skadestue_besoeg": C * 10 / 110,
    "somatisk_ambulant_besoeg": C * 72 / 110,
    "somatisk_sengedag": C * 28 / 110 * 5,
}


def _row(kb: KnowledgeBase, group: str, service: str) -> Consequence:
    (c,) = [c for c in kb.consequences[group] if c.service == service]
    return c


def test_the_rates() -> None:
    assert pytest.approx(0.493671, abs=1e-6) == R
    assert pytest.approx(0.506329, abs=1e-6) == STAY
    assert pytest.approx(0.932916, abs=1e-6) == C
    assert YEAR1["skadestue_besoeg"] == pytest.approx(0.084811, abs=1e-6)
    assert YEAR1["somatisk_ambulant_besoeg"] == pytest.approx(0.610636, abs=1e-6)
    admissions = C * 28 / 110
    assert admissions == pytest.approx(0.237469, abs=1e-6)
    assert YEAR1["somatisk_sengedag"] == pytest.approx(1.187347, abs=1e-6)
    # the bed-days at 8.000 kr. cost the same as the admissions at 40.000 kr.
    assert YEAR1["somatisk_sengedag"] * 8000 == pytest.approx(C * 28 / 110 * 40000)


@pytest.mark.parametrize("service", list(YEAR1))
def test_profiles_follow_the_arithmetic(kb: KnowledgeBase, service: str) -> None:
    c = _row(kb, GROUP, service)
    assert c.status == "derived" and c.derivation and c.locator
    assert c.tail is not None and c.tail.kind == "decay" and c.tail.reason
    assert c.tail.rate == pytest.approx(round(R, 2))  # 0.49
    expected = [-YEAR1[service] * STAY ** (k - 1) for k in range(1, 11)]
    assert list(c.profile) == pytest.approx(expected, abs=0.00005 + 1e-9)
    if service == "alkoholbehandling_forloeb":
        assert c.source == "sds_alkoholbehandling_2014" and "7.800" in c.locator
    else:
        assert c.source == "dst_alkohol_sygehuskontakter_2018"
        assert "28.453" in c.derivation and "17.500" in c.derivation
        assert {"alkohol_samfund_behandlingsformer", "sif_risikofaktorer_folkesundhed_2006"} <= set(
            c.also
        )


def test_hand_values(kb: KnowledgeBase) -> None:
    # the numbers written out in the module docstring
    treat = _row(kb, GROUP, "alkoholbehandling_forloeb").profile
    assert treat[:3] == (-0.4937, -0.25, -0.1266) and treat[9] == -0.0011
    assert _row(kb, GROUP, "skadestue_besoeg").profile[:2] == (-0.0848, -0.0429)
    assert _row(kb, GROUP, "somatisk_ambulant_besoeg").profile[0] == -0.6106
    assert _row(kb, GROUP, "somatisk_sengedag").profile[0] == -1.1873


def test_baselines_equal_year_one(kb: KnowledgeBase) -> None:
    base = kb.target_groups[GROUP].baseline
    assert {s: b.units for s, b in base.items()} == {
        "alkoholbehandling_forloeb": 0.4937,
        "somatisk_sengedag": 1.1873,
        "skadestue_besoeg": 0.0848,
        "somatisk_ambulant_besoeg": 0.6106,
    }
    for service, b in base.items():
        assert b.status == "derived" and b.derivation
        # a success uses 0 in year 1: the profile takes the whole baseline, never more
        assert b.units + _row(kb, GROUP, service).profile[0] == pytest.approx(0)


def test_not_fixed_by_the_success_measure_stay_illustrative(kb: KnowledgeBase) -> None:
    # crisis centres: only the crisis-centre days follow from "no new stay"
    for c in kb.consequences["kvinder_krisecenter"]:
        if c.service == "krisecenter_doegn":
            assert c.status == "derived" and "dst_kvindekrisecentre_2022" in c.also
        else:
            assert c.status == "illustrative" and c.note and "Revision kb10" in c.note
    # late effects of sexual abuse: "fewer contacts, more work" fixes no amount
    for c in kb.consequences["voksne_senfoelger_seksuelle_overgreb"]:
        assert c.status == "illustrative" and c.note and "Revision kb10" in c.note
    # alcohol: the rows the success measure does not fix are unchanged illustrations
    fixed = set(YEAR1)
    for c in kb.consequences[GROUP]:
        assert (c.status == "derived") == (c.service in fixed)


def test_new_sources_are_registered(kb: KnowledgeBase) -> None:
    for sid, year in (
        ("dst_alkohol_sygehuskontakter_2018", 2019),
        ("alkohol_samfund_behandlingsformer", 2019),
        ("sif_risikofaktorer_folkesundhed_2006", 2006),
        ("sds_alkoholbehandling_start_2018", 2019),
        ("sif_alkohol_indlaeggelser_2019", 2019),
        ("dst_kvindekrisecentre_2022", 2023),
        ("avisen_senfoelger_aarsstatistik_2012", 2013),
    ):
        s = kb.sources[sid]
        assert s.year == year and s.url.startswith("http") and s.note
