"""Prices of the sixth research round (docs/research/kb6-prices.md), checked by hand.

A unit price derived as a national total expenditure divided by a national count of the same
activity in the same year, both read at Danmarks Statistik:

    forebyggende foranstaltninger for udsatte børn og unge, 2015
    kommunernes netto-driftsudgifter (DST Nyt om 2015, tabellen)   4.939 mio. kr.
    børn og unge 0-22 år med en eller flere forebyggende
    foranstaltninger i 2015 (DST Nyt om 2019)                       38.391
    pris pr. barn pr. år  4.939.000.000 / 38.391 = 128.649,9440 ≈ 128.649,94 kr. (2015)

All of it is the kommune's: a year at 128.649,94 kr. lies far below the threshold of the
refusion for very expensive individual cases (860.000 kr. at 2022 level), so the stat's share
is 0, and no refusion rule is attached to the service.
"""

from __future__ import annotations

from som_xl.kb import KnowledgeBase

EXPENDITURE_2015 = 4_939_000_000  # "Forbyggende foranstaltninger", 2015: 4939 (mio. kr.)
CHILDREN_2015 = 38_391  # "I 2015 var der 38.391 børn og unge, der modtog ..."
THRESHOLD_2022 = 860_000  # særligt dyre enkeltsager, first step (knowledge/refusion.yaml)


def test_preventive_measure_price_per_child_year(kb: KnowledgeBase) -> None:
    s = kb.services["forebyggende_foranstaltning_aar"]
    assert s.status == "derived"
    assert s.source == "dst_udsatte_boern_2015"
    assert "dst_udsatte_boern_2019" in s.also
    assert s.price_year == 2015
    # 4.939.000.000 / 38.391 = 128.649,944 → 128.649,94 kr., all to the kommune
    assert round(EXPENDITURE_2015 / CHILDREN_2015, 4) == 128_649.944
    assert s.prices.as_tuple() == (128_649.94, 0, 0)
    assert s.unit == "aar" and s.refusion is None
    assert s.derivation and "4.939.000.000" in s.derivation and "38.391" in s.derivation
    assert s.locator and "4939" in s.locator and "38.391" in s.locator


def test_preventive_measure_year_is_below_the_refusion_threshold(kb: KnowledgeBase) -> None:
    # 128.649,94 kr. (2015) in 2022 prices: × 113,5 / 100 = 146.017,68 kr. < 860.000 kr.,
    # so the state refunds nothing and the kommune carries the whole price.
    index = kb.price_index.values
    in_2022 = 128_649.94 * index[2022] / index[2015]
    assert round(in_2022, 2) == 146_017.68
    assert in_2022 < THRESHOLD_2022


def test_preventive_measure_price_in_2024_prices(kb: KnowledgeBase) -> None:
    # The new price against the former guess, both moved to 2024 prices with the net price
    # index: 128.649,94 × 118,7 / 100 = 152.707,48 kr.; 100.000 × 118,7 / 103,5 = 114.685,99 kr.
    index = kb.price_index.values
    assert round(128_649.94 * index[2024] / index[2015], 2) == 152_707.48
    assert round(100_000 * index[2024] / index[2019], 2) == 114_685.99


def test_psychiatric_bed_day_note_gives_an_upper_bound_only(kb: KnowledgeBase) -> None:
    s = kb.services["psykiatrisk_sengedag"]
    assert s.status == "illustrative" and s.prices.region == 4_165  # value unchanged
    # Region Midtjylland 2014: 1.530.000.000 kr. / 179.596 sengedage = 8.519,12 ≈ 8.519 kr.
    # (an upper bound: the 282.335 ambulant visits are paid from the same 1,53 mia. kr.)
    assert round(1_530_000_000 / 179_596) == 8_519
    assert s.note and "8.519" in s.note and "179.596" in s.note
    assert "rm_psykiatrien_noegletal_2014" in s.also


def test_drug_treatment_and_activation_notes_name_the_missing_half(kb: KnowledgeBase) -> None:
    drug = kb.services["stofbehandling_ambulant_aar"]
    assert drug.status == "illustrative" and drug.prices.kommune == 60_000  # unchanged
    assert drug.note and "20.200" in drug.note
    act = kb.services["aktivering_uge"]
    assert act.status == "illustrative" and act.prices.kommune == 1_000  # unchanged
    assert act.note and "6,5 mia." in act.note and "helårspersoner" in act.note


def test_alcohol_note_separates_persons_in_treatment_from_courses(kb: KnowledgeBase) -> None:
    s = kb.services["alkoholbehandling_forloeb"]
    assert s.status == "illustrative" and s.prices.kommune == 15_000  # value unchanged
    # 24.800 persons in treatment in 2022, about 10.000 discharged a year (Sundhedsdatastyrelsen)
    assert s.note and "24.800" in s.note and "10.000" in s.note
    assert "sds_alkoholbehandling_2023" in s.also
