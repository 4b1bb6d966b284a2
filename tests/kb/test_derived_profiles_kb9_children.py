"""The children's values derived in the kb9 round, checked by hand.

Placement days avoided by children with a preventive measure
(boern_forebyggende_foranstaltning_6_13 and _14_17; foster care, residential institution and
opholdssted). The success measure says the child is not placed in the year after the course, so
a success has no placement days in year 1; a non-success is given the average placement risk of
children with a preventive measure.

Sources:
- ism_forebyggelse_forud_for_anbringelse_2020: "Omkring 80 pct. af de førstegangsanbragte børn
  og unge i alderen 3-17 år, som blev anbragt uden for hjemmet i 2018, havde modtaget en
  forebyggende indsats eller foranstaltning inden for de foregående år".
- dst_anbringelser_2018 (cid=28159): 3,871 placements started in 2018; foster care 63 %,
  residential institution 17 %, opholdssted 14 % of all placements.
- dst_udsatte_boern_2021 (cid=40734): 40,800 children and young people with a preventive
  measure on 31 December 2017.
- dst_anbringelser_2017 (cid=26275): 16 % of those placed at the start of a year have left by its
  end (the rate the kb3 placement profiles use).

By hand:
- yearly risk r = 0.80 × 3,871 / 40,800 = 3,096.8 / 40,800 = 0.075902;
- λ = −ln 0.84 = 0.174353;
- days in year 1 for a placement at a uniform time in year 1:
  365 × (1/λ − (1 − 0.84)/λ²) = 365 × (5.735499 − 5.263351) = 365 × 0.472148 = 172.34;
- share still placed at the start of year 2: (1 − 0.84)/λ = 0.917676;
  days in year k ≥ 2: 365 × 0.917676² × 0.84^(k−2) = 307.38 × 0.84^(k−2);
- under 18 (ages evenly spread): 6-13 → 1 up to year 5, then (13 − k)/8; 14-17 → (5 − k)/4;
- totals: year 1 0.075902 × 172.34 = 13.081; year 2 0.075902 × 307.38 = 23.331;
  year 6 (6-13) 0.075902 × 307.38 × 0.84⁴ × 7/8 = 23.331 × 0.497871 × 0.875 = 10.164;
  year 2 (14-17) 23.331 × 3/4 = 17.498;
- by place: foster care year 1 13.081 × 0.63 = 8.241 → −8.24; year 2 (6-13) 23.331 × 0.63 = 14.699
  → −14.7; institution year 1 13.081 × 0.17 = 2.224 → −2.22; opholdssted year 1 13.081 × 0.14 =
  1.831 → −1.83; foster care year 2 (14-17) 17.498 × 0.63 = 11.024 → −11.02.
"""

from __future__ import annotations

import math

import pytest

from som_xl.kb import Consequence, KnowledgeBase

YOUNG = "boern_forebyggende_foranstaltning_6_13"
OLD = "boern_forebyggende_foranstaltning_14_17"
PLACES = {
    "anbringelse_plejefamilie_doegn": 0.63,
    "anbringelse_institution_doegn": 0.17,
    "anbringelse_opholdssted_doegn": 0.14,
}


def _row(kb: KnowledgeBase, group: str, service: str) -> Consequence:
    (c,) = [c for c in kb.consequences[group] if c.service == service]
    return c


def _under_18(group: str, k: int) -> float:
    if group == YOUNG:
        return 1.0 if k < 6 else (13 - k) / 8
    return max(0.0, (5 - k) / 4)


def test_the_yearly_risk_and_days_per_placement() -> None:
    r = 0.80 * 3871 / 40800  # 3,096.8 / 40,800
    assert r == pytest.approx(0.075902, abs=1e-6)
    lam = -math.log(0.84)  # 0.174353
    year1 = 365 * (1 / lam - 0.16 / lam**2)  # 365 × 0.472148
    assert year1 == pytest.approx(172.34, abs=0.005)
    still = 0.16 / lam  # 0.917676
    assert 365 * still**2 == pytest.approx(307.38, abs=0.005)
    assert r * year1 == pytest.approx(13.081, abs=0.001)
    assert r * 365 * still**2 == pytest.approx(23.331, abs=0.001)


@pytest.mark.parametrize("group", [YOUNG, OLD])
@pytest.mark.parametrize("service", list(PLACES))
def test_profiles_follow_the_arithmetic(kb: KnowledgeBase, group: str, service: str) -> None:
    c = _row(kb, group, service)
    assert c.status == "derived" and c.source == "ism_forebyggelse_forud_for_anbringelse_2020"
    also = {"dst_anbringelser_2018", "dst_udsatte_boern_2021", "ast_anbringelsesstatistik_2007"}
    assert also <= set(c.also)
    assert c.derivation and "3.871" in c.derivation and "40.800" in c.derivation
    assert c.locator and "80 pct." in c.locator
    assert c.tail is not None and c.tail.kind == "stop" and c.tail.reason
    r = 0.80 * 3871 / 40800
    lam = -math.log(0.84)
    days = [365 * (1 / lam - 0.16 / lam**2)] + [
        365 * (0.16 / lam) ** 2 * 0.84 ** (k - 2) for k in range(2, 11)
    ]
    expected = [-r * days[k - 1] * _under_18(group, k) * PLACES[service] for k in range(1, 11)]
    assert list(c.profile) == pytest.approx(expected, abs=0.005 + 1e-9)


def test_hand_values(kb: KnowledgeBase) -> None:
    # the numbers written out in the module docstring
    assert _row(kb, YOUNG, "anbringelse_plejefamilie_doegn").profile[:2] == (-8.24, -14.7)
    assert _row(kb, YOUNG, "anbringelse_plejefamilie_doegn").profile[5] == -6.4  # 10.164 × 0.63
    assert _row(kb, YOUNG, "anbringelse_institution_doegn").profile[0] == -2.22
    assert _row(kb, YOUNG, "anbringelse_opholdssted_doegn").profile[0] == -1.83
    assert _row(kb, OLD, "anbringelse_plejefamilie_doegn").profile[:2] == (-8.24, -11.02)
    assert all(v == 0 for v in _row(kb, OLD, "anbringelse_opholdssted_doegn").profile[4:])


def test_new_sources_are_registered(kb: KnowledgeBase) -> None:
    for sid, year in (
        ("ism_forebyggelse_forud_for_anbringelse_2020", 2020),
        ("dst_anbringelser_2018", 2019),
        ("dst_udsatte_boern_2021", 2022),
    ):
        s = kb.sources[sid]
        assert s.year == year and s.url.startswith("https://") and s.note
