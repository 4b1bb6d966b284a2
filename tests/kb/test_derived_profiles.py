"""The placement-day profiles derived from Danmarks Statistik's exit rate, checked by hand.

Source (dst_anbringelser_2017): 16 % of the children placed at the start of 2017 were no
longer placed at its end. A child who does not reach the success measure is placed at the
start of year 1 and leaves at a constant 16 % a year, so the share still placed after t years
is 0.84^t and the expected days in year k are

    365 × ∫ 0.84^t dt over [k−1, k] = 365 × 0.84^(k−1) × 0.16 / (−ln 0.84)
                                    = 365 × 0.84^(k−1) × 0.917676 = 334.952 × 0.84^(k−1):

    k = 1: 334.952   k = 2: 281.360   k = 3: 236.342   k = 4: 198.527   k = 5: 166.763
    k = 6: 140.081   k = 7: 117.668   k = 8:  98.841   k = 9:  83.027   k = 10: 69.742

Only the years before the 18th birthday count (no efterværn). Ages uniform at the start:
- 6-13 (8 ages): the share under 18 in year k is (13 − k) / 8 from k = 6 (7/8, 6/8, … 3/8);
- 14-17 (4 ages): the share is (5 − k) / 4 (4/4, 3/4, 2/4, 1/4, then 0 from year 5).
"""

from __future__ import annotations

import pytest

from som_xl.kb import KnowledgeBase

# 6-13: years 1-5 in full, then × 7/8, 6/8, 5/8, 4/8, 3/8:
#   140.081 × 0.875 = 122.571; 117.668 × 0.75 = 88.251; 98.841 × 0.625 = 61.776;
#   83.027 × 0.5 = 41.514; 69.742 × 0.375 = 26.153.
AGES_6_13 = [-335.0, -281.4, -236.3, -198.5, -166.8, -122.6, -88.3, -61.8, -41.5, -26.2]
# 14-17: 334.952 × 1 = 334.952; 281.360 × 0.75 = 211.020; 236.342 × 0.5 = 118.171;
#   198.527 × 0.25 = 49.632; 0 from year 5.
AGES_14_17 = [-335.0, -211.0, -118.2, -49.6, 0, 0, 0, 0, 0, 0]

CASES = [
    ("boern_anbragt_institution_6_13", "anbringelse_institution_doegn", AGES_6_13),
    ("boern_anbragt_familiepleje_6_13", "anbringelse_plejefamilie_doegn", AGES_6_13),
    ("boern_anbragt_familiepleje_14_17", "anbringelse_plejefamilie_doegn", AGES_14_17),
    ("boern_anbragt_institution_14_17", "anbringelse_institution_doegn", AGES_14_17),
]


@pytest.mark.parametrize(("group", "service", "expected"), CASES)
def test_placement_profile_follows_the_exit_rate(
    kb: KnowledgeBase, group: str, service: str, expected: list[float]
) -> None:
    (c,) = [c for c in kb.consequences[group] if c.service == service]
    assert c.status == "derived" and c.source == "dst_anbringelser_2017"
    assert list(c.profile) == pytest.approx(expected, abs=0.05)
    # every child is 18 by the end of the profile's reach: the tail stops (som-method §3.11)
    assert c.tail is not None and c.tail.kind == "stop"
    assert c.derivation and "0,84" in c.derivation
