"""The kb12 psychiatric-visits round, checked by hand: no row is newly derived, the notes say why.

Task: derive visits per patient for the psychiatric outpatient rows (child and adolescent
psychiatry in the children's groups, adult psychiatry in five groups), the adult psychiatric
emergency row and the child-psychiatric bed-days of boern_angst_depression_6_13, as a national
total of visits divided by a national count of patients of the same year.

Read (docs/research/kb12-psychvisits.md):
- who_hspm_danmark_2024_psykiatri (WHO/European Observatory, citing Sundhedsdatastyrelsen 2021):
  "the number of outpatient contacts increased, from 732 950 in 2007 to 1 002 055 in 2020";
- frivillighuset_psykiatri_2020 (second hand, Danske Regioner): "I 2020 var 157.949 danskere
  indlagt eller i ambulant kontakt med psykiatrien";
- regioner_faktuelt_psykiatri_kontakt_2022 (Danske Regioner): 127.367 persons in 2011 and "I 2020
  var 24 % flere danskere i kontakt med psykiatrien end i 2011" -- the check of the second-hand 2020
  count.

By hand:
- national 2020, all ages: 1.002.055 / 157.949 = 6,3442 -> 6,34 outpatient contacts per patient;
- check of the denominator: 127.367 x 1,24 = 157.935,08, and 157.949 / 127.367 = 1,2401 (24 %);
- the figures read for adults now span 6,34 (national 2020), 8,46 (Region Midtjylland 2014, the
  baseline, unchanged), 8,78 (Bedre Psykiatri 2015: 1.300.000 / 148.000) and 10,47 (Region
  Midtjylland 2023: 338.743 / 32.352).
No count of child-psychiatric visits for any year was read, so visits per child patient -- the
number year 1 of boernepsykiatri_ambulant_besoeg needs where the success measure excludes contact
-- is still missing; the all-ages 6,34 is not used for children. Every row stays illustrative with
its value unchanged and a note "Revision kb12" that says why and names the best next source.
"""

from __future__ import annotations

import pytest

from som_xl.kb import Consequence, KnowledgeBase

NEW_SOURCES = (
    ("who_hspm_danmark_2024_psykiatri", 2024, "1 002 055"),
    ("regioner_faktuelt_psykiatri_kontakt_2022", 2022, "127.367"),
    ("frivillighuset_psykiatri_2020", 2022, "157.949"),
)

# groups whose success measure excludes contact with child and adolescent psychiatry
# (boern_angst_depression_14_17 and the two ADHD groups were here until edition 2026.12.8,
# when their visit rows became patient-year rows:
# tests/kb/test_derived_profiles_kb12_patientyear.py)
CHILD_NO_CONTACT = (
    "boern_vold_overgreb_6_13",
    "boern_vold_overgreb_14_17",
    "smaa_boern_psykiske_vanskeligheder_0_5",
    "boern_soeskende_funktionsnedsaettelse",
)
# groups whose success measure does not exclude it
CHILD_OTHER = (
    "boern_anbragt_familiepleje_6_13",
    "boern_autisme_6_13",
    "boern_autisme_14_17",
    "boern_foraeldre_misbrug_psykisk_sygdom_6_13",
    "boern_foraeldre_misbrug_psykisk_sygdom_14_17",
    "boern_anbragt_institution_6_13",
    "boern_bekymrende_skolefravaer",
)
ADULT_ROWS = (
    ("voksne_adhd", "psykiatrisk_ambulant_besoeg"),
    ("voksne_senfoelger_seksuelle_overgreb", "psykiatrisk_ambulant_besoeg"),
    ("voksne_psykisk_sygdom", "psykiatrisk_ambulant_besoeg"),
    ("voksne_psykisk_sygdom", "psykiatrisk_skadestue_besoeg"),
    ("boern_angst_depression_14_17", "psykiatrisk_ambulant_besoeg"),
    ("boern_vold_overgreb_14_17", "psykiatrisk_ambulant_besoeg"),
    ("boern_angst_depression_6_13", "boernepsykiatri_ambulant_besoeg"),
    ("boern_angst_depression_6_13", "boernepsykiatri_sengedag"),
)

# the values before and after this round (unchanged): year 1 of each row
YEAR1 = {
    ("voksne_adhd", "psykiatrisk_ambulant_besoeg"): -1,
    ("voksne_senfoelger_seksuelle_overgreb", "psykiatrisk_ambulant_besoeg"): -3,
    ("voksne_psykisk_sygdom", "psykiatrisk_ambulant_besoeg"): -4,
    ("voksne_psykisk_sygdom", "psykiatrisk_skadestue_besoeg"): -0.5,
    ("boern_angst_depression_14_17", "psykiatrisk_ambulant_besoeg"): 0,
    ("boern_vold_overgreb_14_17", "psykiatrisk_ambulant_besoeg"): 0,
    ("boern_angst_depression_6_13", "boernepsykiatri_ambulant_besoeg"): -4,
    ("boern_angst_depression_6_13", "boernepsykiatri_sengedag"): -0.5,
    ("boern_vold_overgreb_6_13", "boernepsykiatri_ambulant_besoeg"): -2,
    ("boern_vold_overgreb_14_17", "boernepsykiatri_ambulant_besoeg"): -2,
    ("smaa_boern_psykiske_vanskeligheder_0_5", "boernepsykiatri_ambulant_besoeg"): -1,
    ("boern_soeskende_funktionsnedsaettelse", "boernepsykiatri_ambulant_besoeg"): -0.4,
    ("boern_anbragt_familiepleje_6_13", "boernepsykiatri_ambulant_besoeg"): -0.5,
    ("boern_autisme_6_13", "boernepsykiatri_ambulant_besoeg"): -1.5,
    ("boern_autisme_14_17", "boernepsykiatri_ambulant_besoeg"): -1,
    ("boern_foraeldre_misbrug_psykisk_sygdom_6_13", "boernepsykiatri_ambulant_besoeg"): -0.5,
    ("boern_foraeldre_misbrug_psykisk_sygdom_14_17", "boernepsykiatri_ambulant_besoeg"): -0.5,
    ("boern_anbragt_institution_6_13", "boernepsykiatri_ambulant_besoeg"): -1,
    ("boern_bekymrende_skolefravaer", "boernepsykiatri_ambulant_besoeg"): -1,
}


def _row(kb: KnowledgeBase, group: str, service: str) -> Consequence:
    (c,) = [c for c in kb.consequences[group] if c.service == service]
    return c


def test_national_contacts_per_patient_by_hand() -> None:
    per_patient = 1002055 / 157949  # 6,3442
    assert per_patient == pytest.approx(6.3442, abs=1e-4)
    # the second-hand 2020 count agrees with Danske Regioner's own 2011 count and +24 %
    denominator_check = 127367 * 1.24  # 157.935,08
    growth = 157949 / 127367  # 1,2401
    assert denominator_check == pytest.approx(157935.08, abs=0.01)
    assert growth == pytest.approx(1.2401, abs=1e-4)
    # the span of the figures read for adults: national 2020 .. Region Midtjylland 2023
    spread = sorted((per_patient, 282335 / 33360, 1300000 / 148000, 338743 / 32352))
    assert [round(x, 2) for x in spread] == [6.34, 8.46, 8.78, 10.47]


@pytest.mark.parametrize(("group", "service"), sorted(YEAR1))
def test_every_row_in_scope_stays_illustrative_with_a_kb12_note(
    kb: KnowledgeBase, group: str, service: str
) -> None:
    c = _row(kb, group, service)
    assert c.status == "illustrative"
    assert c.profile[0] == YEAR1[(group, service)]  # value unchanged
    assert c.note and "Revision kb12" in c.note
    assert "kb12-psychvisits.md" in c.note


@pytest.mark.parametrize("group", CHILD_NO_CONTACT)
def test_child_rows_whose_measure_excludes_contact_say_the_figure_is_missing(
    kb: KnowledgeBase, group: str
) -> None:
    assert "kontakt" in kb.target_groups[group].success_measure
    c = _row(kb, group, "boernepsykiatri_ambulant_besoeg")
    assert c.note and "kan stadig ikke udledes" in c.note and "Bedste næste kilde" in c.note
    # the all-ages figure is quoted but not used for children
    assert "6,34" in c.note and "bruges ikke for børn" in c.note
    assert {"who_hspm_danmark_2024_psykiatri", "regioner_faktuelt_psykiatri_kontakt_2022"} <= set(
        c.also
    )


@pytest.mark.parametrize("group", CHILD_OTHER)
def test_child_rows_whose_measure_does_not_exclude_contact_say_so(
    kb: KnowledgeBase, group: str
) -> None:
    c = _row(kb, group, "boernepsykiatri_ambulant_besoeg")
    assert c.note and "udelukker ikke børnepsykiatrisk kontakt" in c.note
    assert "Bedste næste kilde" in c.note


def test_adult_ambulant_baseline_unchanged_with_the_national_cross_check(
    kb: KnowledgeBase,
) -> None:
    b = kb.target_groups["voksne_psykisk_sygdom"].baseline["psykiatrisk_ambulant_besoeg"]
    assert b.units == 8.46 and b.status == "derived"
    assert b.note and "6,34" in b.note and "Revision kb12" in b.note
    assert {s for s, _, _ in NEW_SOURCES} <= set(b.also)
    # the illustrative ambulant profile still stays inside the baseline (§3.17)
    assert min(_row(kb, "voksne_psykisk_sygdom", "psykiatrisk_ambulant_besoeg").profile) >= -8.46


@pytest.mark.parametrize(("sid", "year", "quoted"), NEW_SOURCES)
def test_new_sources_are_registered(kb: KnowledgeBase, sid: str, year: int, quoted: str) -> None:
    s = kb.sources[sid]
    assert s.year == year and s.url.startswith("https://") and s.note and quoted in s.note
