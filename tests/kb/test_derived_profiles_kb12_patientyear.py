"""Edition 2026.12.8: child psychiatry as patient-years (issue 12: the ADHD profile anchored).

The three groups whose success measure excludes contact with child and adolescent psychiatry
and whose register definition is a diagnosis made there (ADHD 6-13 and 14-17, anxiety and
depression 14-17) had an illustrative row of outpatient visits, because visits per child
patient were never found. Regional spending per patient was found (DK Nyt 2020, on
Arbejderbevægelsens Erhvervsråd's count):

    1.400.000.000 kr. / 35.700 patients (2018) = 39.215,69 kr. per patient-year

A success has no contact (0 patient-years); a non-success is taken to be a patient in the year
(1 patient-year; for anxiety 14-17 by definition, for ADHD an upper bound), so year 1 = −1.
Years 2.. keep the relative shape of the old visit profile (the project's assumption), e.g.
ADHD 14-17: −3, −2,1, −1,2, −0,4 visits / 3 = −1, −0,7, −0,4, −0,133.
"""

from __future__ import annotations

import pytest

from som_xl.inputs import parse_scenario, resolve
from som_xl.kb import Consequence, KnowledgeBase
from som_xl.results import calculate

GROUPS = {
    # group: (old illustrative visit profile, its divisor)
    "boern_adhd_adfaerd_14_17": ([-3, -2.1, -1.2, -0.4, 0, 0, 0, 0, 0, 0], 3),
    "boern_angst_depression_14_17": ([-4, -2.8, -1.6, -0.6, 0, 0, 0, 0, 0, 0], 4),
}


def _row(kb: KnowledgeBase, group: str, service: str) -> Consequence:
    (c,) = [c for c in kb.consequences[group] if c.service == service]
    return c


def test_price_per_patient_year_by_hand(kb: KnowledgeBase) -> None:
    s = kb.services["boernepsykiatri_patient_aar"]
    per_patient = 1_400_000_000 / 35_700  # 39.215,686...
    assert per_patient == pytest.approx(39215.686, abs=1e-3)
    assert s.prices.region == round(per_patient, 2) == 39215.69
    assert s.prices.kommune == 0 and s.prices.stat == 0
    assert s.price_year == 2018 and s.unit == "aar" and s.budget_item == "sundhed_psykiatri"
    assert s.status == "derived" and s.source == "dknyt_ae_boernepsykiatri_2020"
    # the rounding of the two inputs: 1,35-1,45 mia. kr. → 37.815-40.616 kr.
    assert round(1_350_000_000 / 35_700) == 37815
    assert round(1_450_000_000 / 35_700) == 40616
    assert s.note and "37.815-40.616" in s.note and "Sekundær kilde" in s.note


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_rows_are_the_old_shape_scaled_to_one_patient_year(kb: KnowledgeBase, group: str) -> None:
    old, divisor = GROUPS[group]
    c = _row(kb, group, "boernepsykiatri_patient_aar")
    assert c.status == "derived" and c.source == "dknyt_ae_boernepsykiatri_2020"
    assert c.profile[0] == -1
    assert list(c.profile) == pytest.approx([v / divisor for v in old], abs=5e-4)
    assert c.derivation and "projektets antagelse" in c.derivation
    # no double count: the visit row is gone from the group
    assert "boernepsykiatri_ambulant_besoeg" not in {x.service for x in kb.consequences[group]}


@pytest.mark.parametrize("group", [*sorted(GROUPS), "boern_adhd_adfaerd_6_13"])
def test_success_measure_excludes_child_psychiatry(kb: KnowledgeBase, group: str) -> None:
    g = kb.target_groups[group]
    assert "børne- og ungdomspsykiatrien" in g.register_definition
    measure = g.success_measure.lower()
    assert "ingen kontakt med børne- og ungdomspsykiatrien" in measure or (
        "ingen psykiatrisk kontakt" in measure
    )


def test_adhd_6_13_shape_times_the_share_under_18(kb: KnowledgeBase) -> None:
    # Old visit shape / 3, times the share still under 18: ages a = 6..13 evenly at the
    # course, age a + k in year k, under 18 when a <= 17 - k: max(0, min(8, 12 - k)) / 8.
    old = [-3, -2.5, -2.2, -1.9, -1.6, -1.4, -1.2, -1.1, -1, -0.8]
    shape = [round(v / 3, 3) for v in old]  # 1, 0.833, 0.733, 0.633, 0.533, 0.467, 0.4, ...
    under_18 = [max(0, min(8, 12 - k)) / 8 for k in range(1, 11)]
    assert under_18 == [1, 1, 1, 1, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25]
    expected = [round(s * u, 3) for s, u in zip(shape, under_18, strict=True)]
    # e.g. year 5: -0.533 × 7/8 = -0.466; year 10: -0.267 × 2/8 = -0.067
    assert expected == [-1, -0.833, -0.733, -0.633, -0.466, -0.35, -0.25, -0.183, -0.125, -0.067]
    c = _row(kb, "boern_adhd_adfaerd_6_13", "boernepsykiatri_patient_aar")
    assert list(c.profile) == pytest.approx(expected)
    # year 11: only 1/8 under 18, year 12 none: the tail stops
    assert max(0, min(8, 12 - 11)) / 8 == 0.125 and max(0, min(8, 12 - 12)) == 0
    assert c.tail is not None and c.tail.kind == "stop"
    assert "boernepsykiatri_ambulant_besoeg" not in {
        x.service for x in kb.consequences["boern_adhd_adfaerd_6_13"]
    }


def test_calculation_by_hand(kb: KnowledgeBase) -> None:
    # 10 start in 2025, course 1 year, s = 0.5 → 5 successes; price year 2018 (the price's own
    # year, no index), no discounting. Patient-years after the course: 2026 −1, 2027 −0,7,
    # 2028 −0,4, 2029 −0,133, 2030 0 → 5 × −2,233 = −11,165 patient-years
    # → 11,165 × 39.215,69 = 437.843,18 kr. to the region.
    data = {
        "name": "Håndregning",
        "target_group": "boern_adhd_adfaerd_14_17",
        "start_year": 2025,
        "horizon_years": 6,
        "price_year": 2018,
        "discount_rate": 0.0,
        "course_years": 1,
        "participants": {2025: 10},
        "success_rate": 0.5,
        "costs": [{"label": "Drift", "kind": "once", "year": 2025, "amount": 1000}],
    }
    r = calculate(resolve(parse_scenario(data), lambda: kb))
    (row,) = [x for x in r.consequence_rows() if x["service"] == "boernepsykiatri_patient_aar"]
    patient_years = 5 * (1 + 0.7 + 0.4 + 0.133)
    assert patient_years == pytest.approx(11.165)
    assert row["gains"] == pytest.approx(11.165 * 39215.69, abs=0.01)
    assert row["gains"] == pytest.approx(437843.18, abs=0.01)


@pytest.mark.parametrize("group", [*sorted(GROUPS), "boern_adhd_adfaerd_6_13"])
def test_years_from_2_count_as_illustrative(kb: KnowledgeBase, group: str) -> None:
    """Only year 1 is derived; the derivation calls years 2.. the project's assumption, so
    the row carries assumed_from: 2 and the provenance share counts those years."""
    import dataclasses

    c = _row(kb, group, "boernepsykiatri_patient_aar")
    assert c.assumed_from == 2 and c.status == "derived"
    assert c.derivation and "År 2" in c.derivation and "projektets antagelse" in c.derivation
    data = {
        "target_group": group,
        "start_year": 2025,
        "horizon_years": 10,
        "discount_rate": 0.035,
        "participants": {2025: 10},
        "success_rate": 0.3,
    }
    r = calculate(resolve(parse_scenario(data), kb))
    j = [sid for sid, _ in r.resolved.consequences].index("boernepsykiatri_patient_aar")
    assert r.resolved.assumed_from_of(j) == 2
    old = calculate(dataclasses.replace(r.resolved, consequence_assumed_from=()))
    share, before = r.provenance["illustrative_share"], old.provenance["illustrative_share"]
    assert before < share < 1
    assert r.net_discounted == old.net_discounted
    # the row's gains from year 2 on, present value, over all gains' present value (one
    # cohort, course 1 year: year k after the course is calendar year 2025 + k, all in
    # the horizon; the region pays, one price):
    disc = r.batch.discount[0]
    row = r.consequence_gains[j].sum(axis=1)  # per year
    from_2 = float((row[2:] * disc[2:]).sum())
    total = float(abs((r.consequence_gains * disc[None, :, None]).sum(axis=1)).sum())
    assert share - before == pytest.approx(abs(from_2) / total, rel=1e-9)
