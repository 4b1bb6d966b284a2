"""The kb8 round for the ADHD groups: no value could be derived; the notes say why.

Issue 12 asks for the ADHD profiles to be anchored in published Danish figures. A value is
derived only where the group's success measure fixes what a success has that a non-success has
not, and a published figure gives the size (docs/research/kb8-adhd.md):

1. voksne_adhd / politi_sigtelse. The success measure is "øget beskæftigelse" (SØM's R&R2-ADHD
   calculation), not "no new charge", so a success may still be charged: the crime-threatened
   youths' identity (success ⇒ no charge ⇒ no court case) does not apply. Read for comparison
   (Mohr-Jensen et al. 2019, abstract): 1,355 of 4,231 children with ADHD had a conviction after
   on average 22 years, against 3,059 of 19,595 without:
       1,355 / 4,231 = 0.32026 → 32.0 %;   3,059 / 19,595 = 0.15611 → 15.6 %;
   a difference between groups (and cumulative over 22 years), not between successes and
   non-successes, so the value stays illustrative.

2. boern_adhd_adfaerd_6_13 and _14_17 / boernepsykiatri_ambulant_besoeg. The success measure
   ("no contact with child and adolescent psychiatry") does give a success 0 visits in year 1, so
   year 1 would be minus a non-success's visits; but no count of visits per child patient was
   read. Benchmarkingenheden (2023) gives persons only: 43,530 under-18s with at least one
   physical contact in 2022 and 73,220 with a psychiatric diagnosis on 1 January 2023, i.e.
       43,530 / 73,220 = 0.5945 of the diagnosed had a contact in the year,
   which says who has a contact, not how many visits. The value stays illustrative.

Only notes and sources changed, so the profiles below are pinned at their old values: the
round moves no example's result (only the knowledge base's fingerprint).
"""

from __future__ import annotations

import pytest

from som_xl.kb import Consequence, KnowledgeBase

ADULT = "voksne_adhd"
CHILD_GROUPS = ("boern_adhd_adfaerd_6_13", "boern_adhd_adfaerd_14_17")


def _row(kb: KnowledgeBase, group: str, service: str) -> Consequence:
    (c,) = [c for c in kb.consequences[group] if c.service == service]
    return c


def test_adult_success_is_employment_so_no_crime_identity(kb: KnowledgeBase) -> None:
    assert "beskæftigelse" in kb.target_groups[ADULT].success_measure.lower()
    assert "sigtelse" not in kb.target_groups[ADULT].success_measure.lower()


def test_adult_crime_row_stays_illustrative_with_the_reason(kb: KnowledgeBase) -> None:
    c = _row(kb, ADULT, "politi_sigtelse")
    assert c.status == "illustrative" and c.source == "som_xl_antagelse"
    # unchanged values: the round adds a note, not a number
    assert list(c.profile) == pytest.approx(
        [-0.05, -0.043, -0.036, -0.031, -0.027, -0.024, -0.021, -0.018, -0.016, -0.014]
    )
    assert c.note and "øget beskæftigelse" in c.note and "Bedste næste kilde" in c.note
    assert {"mohr_jensen_adhd_kriminalitet_2019", "vive_resocialisering_adhd_2017"} <= set(c.also)


def test_conviction_shares_quoted_in_the_note() -> None:
    with_adhd = 1355 / 4231  # 0.32026 → 32.0 %
    without = 3059 / 19595  # 0.15611 → 15.6 %
    assert with_adhd == pytest.approx(0.32026, abs=1e-5)
    assert without == pytest.approx(0.15611, abs=1e-5)


def test_child_success_excludes_child_psychiatry(kb: KnowledgeBase) -> None:
    for group in CHILD_GROUPS:
        assert "børne- og ungdomspsykiatrien" in kb.target_groups[group].success_measure


def test_child_visit_rows_replaced_by_patient_years(kb: KnowledgeBase) -> None:
    # Edition 2026.12.8: the illustrative visit rows (-3 visits in year 1) became derived
    # patient-year rows (tests/kb/test_derived_profiles_kb12_patientyear.py).
    for group in CHILD_GROUPS:
        services = {c.service for c in kb.consequences[group]}
        assert "boernepsykiatri_ambulant_besoeg" not in services
        assert _row(kb, group, "boernepsykiatri_patient_aar").status == "derived"
    with_contact = 43530 / 73220  # 0.5945: persons with a contact, not visits (kb8)
    assert with_contact == pytest.approx(0.5945, abs=1e-4)


def test_every_other_adhd_row_is_still_illustrative(kb: KnowledgeBase) -> None:
    assert {c.status for c in kb.consequences[ADULT]} == {"illustrative"}
    for group in CHILD_GROUPS:
        others = [c for c in kb.consequences[group] if c.service != "boernepsykiatri_patient_aar"]
        assert {c.status for c in others} == {"illustrative"}


def test_the_new_sources_are_registered(kb: KnowledgeBase) -> None:
    for source in (
        "mohr_jensen_adhd_kriminalitet_2019",
        "vive_resocialisering_adhd_2017",
        "benchmark_boern_psykiatri_2023",
    ):
        assert kb.sources[source].url.startswith("http")
