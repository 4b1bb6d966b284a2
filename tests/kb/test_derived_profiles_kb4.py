"""The crime-threatened youth's charge profile (edition proposal kb4), checked by hand.

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
