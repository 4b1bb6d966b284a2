"""The adult profiles and baselines derived in the kb6 round, checked by hand.

Adults in homelessness (voksne_hjemloeshed): emergency-room visits (skadestue_besoeg) and
somatic admissions (somatisk_indlaeggelse).

Sources read (docs/research/kb6-adults.md):
- SFI 2013 (press release on "Hjemløse borgeres sygdom og brug af sundhedsydelser"): homeless
  men and women visit the emergency room 5 and 7 times as often as the rest of the population
  and are admitted 5 times as often; after controlling for misuse and mental illness, homeless
  women visit 74 % and men 64 % more often, and the risk of admission is 49 % (men) and 41 %
  (women) higher.
- Danmarks Statistik: 1.15 million acute ambulant (= emergency-room) visits in 2020; "more than
  1.3 million" admissions in 2018; 5,822,763 inhabitants on 1 January 2020, 16,682 more than
  on 1 January 2019 (so 5,806,081).
- Vidensportalen (Benjaminsen 2019): 76 % of the users of shelters are men, 24 % women.

By hand, emergency-room visits:
- population rate 1 150 000 / 5 822 763 = 0.19750 visits per inhabitant;
- homeless men 5 × 0.19750 = 0.98750, women 7 × 0.19750 = 1.38251;
- the part due to homelessness itself (after the controls): men 0.98750 × 0.64 / 1.64 = 0.38537,
  women 1.38251 × 0.74 / 1.74 = 0.58796;
- weighted 0.76 × 0.38537 + 0.24 × 0.58796 = 0.29288 + 0.14111 = 0.43399 → year 1 −0.434;
- later years as the shelter-day profile, × 0.8^((k − 1)/3): year 4 −0.434 × 0.8 = −0.347,
  year 7 × 0.64 = −0.278, year 10 × 0.512 = −0.222; tail decay 1 − 0.8^(1/3) = 0.0717 → 0.07;
- baseline 0.76 × 0.98750 + 0.24 × 1.38251 = 0.75050 + 0.33180 = 1.08230 → 1.082.

By hand, somatic admissions:
- population rate 1 300 000 / 5 806 081 = 0.22390 admissions per inhabitant;
- homeless 5 × 0.22390 = 1.11952 (both sexes) → baseline 1.12;
- the part due to homelessness: men 1.11952 × 0.49 / 1.49 = 0.36816,
  women 1.11952 × 0.41 / 1.41 = 0.32553;
- weighted 0.76 × 0.36816 + 0.24 × 0.32553 = 0.27980 + 0.07813 = 0.35793 → year 1 −0.358;
- year 4 −0.358 × 0.8 = −0.286, year 7 −0.229, year 10 −0.183; same tail.

No derived reduction exceeds its baseline (som-method §3.17): 0.434 < 1.082, 0.358 < 1.12.
"""

from __future__ import annotations

import pytest

from som_xl.kb import KnowledgeBase
from som_xl.kb.schema import Consequence

GROUP = "voksne_hjemloeshed"
POP_2020 = 5_822_763
POP_2019 = POP_2020 - 16_682  # 5 806 081
MEN, WOMEN = 0.76, 0.24
SHARE_HOUSED_AFTER = [0.8 ** ((k - 1) / 3) for k in range(1, 11)]


def _consequence(kb: KnowledgeBase, service: str) -> Consequence:
    (c,) = [c for c in kb.consequences[GROUP] if c.service == service]
    return c


def test_population_of_2019_follows_from_2020() -> None:
    assert POP_2019 == 5_806_081


def test_emergency_visits_profile_by_hand(kb: KnowledgeBase) -> None:
    rate = 1_150_000 / POP_2020
    assert rate == pytest.approx(0.19750, abs=1e-5)
    men, women = 5 * rate * 0.64 / 1.64, 7 * rate * 0.74 / 1.74
    assert (men, women) == pytest.approx((0.38537, 0.58796), abs=1e-5)
    year1 = MEN * men + WOMEN * women
    assert year1 == pytest.approx(0.43399, abs=1e-5)

    c = _consequence(kb, "skadestue_besoeg")
    assert c.status == "derived" and c.source == "sfi_hjemloese_sygdom_2013"
    assert list(c.profile) == pytest.approx([-year1 * s for s in SHARE_HOUSED_AFTER], abs=0.0006)
    assert c.profile[0] == -0.434 and c.profile[3] == -0.347 and c.profile[9] == -0.222
    assert c.tail is not None and c.tail.kind == "decay"
    assert c.tail.rate == pytest.approx(1 - 0.8 ** (1 / 3), abs=0.002)
    assert c.tail.reason
    assert c.derivation and "0,64 / 1,64" in c.derivation and "0,74 / 1,74" in c.derivation


def test_somatic_admissions_profile_by_hand(kb: KnowledgeBase) -> None:
    rate = 1_300_000 / POP_2019
    assert rate == pytest.approx(0.22390, abs=1e-5)
    homeless = 5 * rate
    men, women = homeless * 0.49 / 1.49, homeless * 0.41 / 1.41
    assert (men, women) == pytest.approx((0.36816, 0.32553), abs=1e-5)
    year1 = MEN * men + WOMEN * women
    assert year1 == pytest.approx(0.35793, abs=1e-5)

    c = _consequence(kb, "somatisk_indlaeggelse")
    assert c.status == "derived" and c.source == "sfi_hjemloese_sygdom_2013"
    assert list(c.profile) == pytest.approx([-year1 * s for s in SHARE_HOUSED_AFTER], abs=0.0006)
    assert c.profile[0] == -0.358 and c.profile[3] == -0.286 and c.profile[9] == -0.183
    assert c.tail is not None and c.tail.kind == "decay" and c.tail.reason
    assert c.derivation and "0,49 / 1,49" in c.derivation and "nedre grænse" in c.derivation


def test_baselines_by_hand_and_above_the_profiles(kb: KnowledgeBase) -> None:
    group = kb.target_groups[GROUP]
    er_rate = 1_150_000 / POP_2020
    er = group.baseline["skadestue_besoeg"]
    assert er.status == "derived"
    assert er.units == pytest.approx(MEN * 5 * er_rate + WOMEN * 7 * er_rate, abs=0.0005)
    adm = group.baseline["somatisk_indlaeggelse"]
    assert adm.status == "derived"
    assert adm.units == pytest.approx(5 * 1_300_000 / POP_2019, abs=0.005)
    # §3.17: no year reduces use by more than the baseline
    for service, base in (("skadestue_besoeg", er), ("somatisk_indlaeggelse", adm)):
        assert min(_consequence(kb, service).profile) >= -base.units


def test_the_new_sources_are_registered(kb: KnowledgeBase) -> None:
    for source in (
        "sfi_hjemloese_sygdom_2013",
        "sfi_hjemloese_sygdom_rapport_2013",
        "dst_ambulante_besoeg_2021",
        "dst_sygehusbenyttelse_2018",
        "dst_befolkning_2019",
        "vidensportal_hjemloeshed_maalgruppe",
    ):
        assert kb.sources[source].url.startswith("https://")
