"""The adult mental-illness values derived in the kb10 psychiatry round, checked by hand.

voksne_psykisk_sygdom's success measure is "Ingen psykiatrisk indlæggelse og øget tilknytning
til arbejdsmarked eller uddannelse i året efter forløbet": a success has 0 psychiatric bed-days
in year 1; a non-success is given the average of patients in contact with psychiatry.

Sources:
- rm_psykiatrien_noegletal_2014 (Region Midtjylland, Psykiatrien, 2014): "33.360 forskellige
  unge og ældre patienter"; "Patienterne havde tilsammen i alt 179.596 sengedage"; "282.335
  gange kom patienter til behandling i et af vores ambulante tilbud eller fik besøg i eget hjem".
- rm_psykiatrien_noegletal_2023: 338.743 ambulant, virtual and outreach contacts; 32.352 persons
  in contact (2023), a cross-check only.
- sum_suu_spm_898_2016 (table 1, 2015, all psychiatric patients with at least one admission):
  patients with 1..11 admissions 16.697, 4.538, 1.700, 811, 442, 269, 169, 131, 76, 62, 61 and
  days 430.318, 198.832, 99.660, 59.494, 32.325, 20.027, 14.138, 10.274, 5.790, 5.364, 5.009.
- bedrepsykiatri_vidensbank_2015 (second hand): 148.000 in psychiatric treatment in 2015.

By hand:
- bed-days per patient: 179.596 / 33.360 = 5,3836 -> year 1 = -5,38 (a success has 0);
- later years (the project's stated assumption, the old illustrative shape relative to year 1):
  5,3836 x (1; 0,85; 0,72; 0,62; 0,54; 0,47; 0,41; 0,36; 0,32; 0,28)
  = 5,38; 4,58; 3,88; 3,34; 2,91; 2,53; 2,21; 1,94; 1,72; 1,51 (negative);
- tail: 1 - (1,51 / 2,21)^(1/3) = 1 - 0,6833^(1/3) = 1 - 0,8808 = 0,119 -> 0,12;
- baselines: 5,38 bed-days; 282.335 / 33.360 = 8,4633 -> 8,46 ambulant visits;
- national cross-check 2015: rows 1-11 sum to 24.956 patients and 881.231 days; 881.231 / 148.000
  = 5,954 (at least, rows above 11 admissions not read) and 24.956 / 148.000 = 16,9 % admitted;
  881.231 / 24.956 = 35,3 days per admitted patient. The region's 5,38 is below: conservative.
- 2023 cross-check: 338.743 / 32.352 = 10,47 contacts per person (virtual contacts included).
"""

from __future__ import annotations

import pytest

from som_xl.kb import Consequence, KnowledgeBase

GROUP = "voksne_psykisk_sygdom"
SHAPE = (1, 0.85, 0.72, 0.62, 0.54, 0.47, 0.41, 0.36, 0.32, 0.28)
SUU_898_PATIENTS = (16697, 4538, 1700, 811, 442, 269, 169, 131, 76, 62, 61)
SUU_898_DAYS = (430318, 198832, 99660, 59494, 32325, 20027, 14138, 10274, 5790, 5364, 5009)


def _row(kb: KnowledgeBase, service: str) -> Consequence:
    (c,) = [c for c in kb.consequences[GROUP] if c.service == service]
    return c


def test_the_success_measure_fixes_zero_admissions(kb: KnowledgeBase) -> None:
    measure = kb.target_groups[GROUP].success_measure
    assert measure.startswith("Ingen psykiatrisk indlæggelse")


def test_bed_days_per_patient_by_hand() -> None:
    per_patient = 179596 / 33360  # 5,3836
    ambulant = 282335 / 33360  # 8,4633
    contacts_2023 = 338743 / 32352  # 10,47
    assert per_patient == pytest.approx(5.3836, abs=1e-4)
    assert ambulant == pytest.approx(8.4633, abs=1e-4)
    assert contacts_2023 == pytest.approx(10.47, abs=0.005)
    # the national cross-check (SUU spm. 898, rows 1-11; 148.000 in treatment)
    patients, days = sum(SUU_898_PATIENTS), sum(SUU_898_DAYS)
    assert (patients, days) == (24956, 881231)
    assert days / 148000 == pytest.approx(5.954, abs=5e-4)
    assert patients / 148000 == pytest.approx(0.169, abs=5e-4)
    assert days / patients == pytest.approx(35.3, abs=0.05)
    assert per_patient < 881231 / 148000  # the region's figure is the lower one


def test_bed_day_profile_follows_the_arithmetic(kb: KnowledgeBase) -> None:
    c = _row(kb, "psykiatrisk_sengedag")
    assert c.status == "derived" and c.source == "rm_psykiatrien_noegletal_2014"
    assert {"sum_suu_spm_898_2016", "bedrepsykiatri_vidensbank_2015"} <= set(c.also)
    assert c.locator and "179.596" in c.locator and "33.360" in c.locator
    assert c.derivation and "projektets antagelse" in c.derivation
    expected = [-(179596 / 33360) * f for f in SHAPE]
    assert list(c.profile) == pytest.approx(expected, abs=0.005 + 1e-9)
    # the values written out in the docstring
    assert c.profile == (-5.38, -4.58, -3.88, -3.34, -2.91, -2.53, -2.21, -1.94, -1.72, -1.51)
    assert c.tail is not None and c.tail.kind == "decay" and c.tail.reason
    assert c.tail.rate == pytest.approx(1 - (1.51 / 2.21) ** (1 / 3), abs=0.005)


def test_baselines(kb: KnowledgeBase) -> None:
    base = kb.target_groups[GROUP].baseline
    beds, amb = base["psykiatrisk_sengedag"], base["psykiatrisk_ambulant_besoeg"]
    assert beds.units == 5.38 and beds.status == "derived" and beds.derivation
    assert amb.units == 8.46 and amb.status == "derived" and amb.derivation
    # no profile reduces use by more than the baseline (som-method §3.17)
    for service, b in (("psykiatrisk_sengedag", beds), ("psykiatrisk_ambulant_besoeg", amb)):
        assert min(_row(kb, service).profile) >= -b.units


@pytest.mark.parametrize("service", ["psykiatrisk_ambulant_besoeg", "psykiatrisk_skadestue_besoeg"])
def test_rows_the_success_measure_does_not_fix_stay_illustrative(
    kb: KnowledgeBase, service: str
) -> None:
    c = _row(kb, service)
    assert c.status == "illustrative"
    assert c.note and "Hvorfor ikke afledt" in c.note and "Bedste næste kilde" in c.note


def test_new_sources_are_registered(kb: KnowledgeBase) -> None:
    for sid, year in (
        ("rm_psykiatrien_noegletal_2023", 2024),
        ("bedrepsykiatri_vidensbank_2015", 2016),
    ):
        s = kb.sources[sid]
        assert s.year == year and s.url and s.note


CHILD_GROUPS_WITH_NO_CONTACT = [
    "boern_angst_depression_6_13",
    # boern_angst_depression_14_17: a patient-year row since edition 2026.12.8
    # (tests/kb/test_derived_profiles_kb12_patientyear.py)
    "boern_vold_overgreb_6_13",
    "boern_vold_overgreb_14_17",
    "smaa_boern_psykiske_vanskeligheder_0_5",
    "boern_soeskende_funktionsnedsaettelse",
]


@pytest.mark.parametrize("group", CHILD_GROUPS_WITH_NO_CONTACT)
def test_child_psychiatry_rows_say_why_they_stay_illustrative(
    kb: KnowledgeBase, group: str
) -> None:
    # The success measure excludes child-psychiatric contact, so a success has 0 visits, but
    # visits per child patient were not found: the row stays illustrative and says so.
    assert "kontakt" in kb.target_groups[group].success_measure
    (c,) = [c for c in kb.consequences[group] if c.service == "boernepsykiatri_ambulant_besoeg"]
    assert c.status == "illustrative"
    assert c.note and "Revision kb10" in c.note and "Bedste næste kilde" in c.note
    assert "benchmark_boern_psykiatri_2023" in c.also
