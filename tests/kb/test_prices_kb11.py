"""Prices of the eleventh research round (docs/research/kb11-prices.md), checked by hand.

The round looked for the 14 illustrative prices, above all the hospital and psychiatry prices
in Medicinrådet's catalogue "Værdisætning af enhedsomkostninger". Only Medicinrådet's news
item about version 1.4 (29 October 2020) is stored, not the catalogue, so no price changed
value or status. Two notes quote what was read, and their arithmetic is checked here:

    Somatic outpatient visit, a comparison (not used as the price):
        "DAGS-taksten på 1.535 kr. for et ambulant besøg med journaloptagelse (BG50C)" and
        "en DAGStakst for ambulant besøg (BG50A) til 864 kr.", 2013 prices — before the
        price index's first year (2015), so they cannot be indexed; two DAGS groups, a first
        visit with a case history and a plain visit. 864 < 1.535 < 2.000: the guess of
        2.000 kr. (2023) is nearer the first visit than the plain one.
    Child and adolescent psychiatry, expenditure per patient (not a unit price):
        1.400.000.000 kr. / 35.700 patients (2018) = 39.215,69 ≈ 39.216 kr. per patient a
        year, in line with the "ca. 40.000 kr." the article gives; it covers admissions and
        outpatient care together.

The hospital prices keep their purse split (all to the region): the kommunal medfinansiering
is not modelled for any hospital price, as the services file's header says.
"""

from __future__ import annotations

from som_xl.kb import KnowledgeBase

# The 14 prices of the round's brief, with the values they keep (kommune, region, stat).
UNCHANGED = {
    "somatisk_indlaeggelse": (0, 40_000, 0),
    "somatisk_sengedag": (0, 8_000, 0),
    "skadestue_besoeg": (0, 2_000, 0),
    "somatisk_ambulant_besoeg": (0, 2_000, 0),
    "psykiatrisk_sengedag": (0, 4_165, 0),
    "psykiatrisk_ambulant_besoeg": (0, 2_000, 0),
    "boernepsykiatri_sengedag": (0, 4_165, 0),
    "boernepsykiatri_ambulant_besoeg": (0, 2_000, 0),
    "psykiatrisk_skadestue_besoeg": (0, 2_000, 0),
    "laegekontakt_barn": (0, 220, 0),
    "aktivering_uge": (1_000, 0, 0),
    "alkoholbehandling_forloeb": (15_000, 0, 0),
    "stofbehandling_ambulant_aar": (60_000, 0, 0),
    "straffesag": (0, 0, 25_000),
}
HOSPITAL = [k for k in UNCHANGED if k != "laegekontakt_barn" and UNCHANGED[k][1] > 0]

# "DAGS-taksten på 1.535 kr. for et ambulant besøg med journaloptagelse (BG50C)" (2013-priser)
DAGS_BG50C_2013 = 1_535
DAGS_BG50A_2013 = 864  # "en DAGStakst for ambulant besøg (BG50A) til 864 kr." (2013-priser)
BUP_TOTAL_2018 = 1_400_000_000  # "1,4 mia. kr. i 2018"
BUP_PATIENTS_2018 = 35_700  # "steg fra 27.000 til 35.700"


def test_the_fourteen_prices_keep_their_values_and_status(kb: KnowledgeBase) -> None:
    for service_id, prices in UNCHANGED.items():
        s = kb.services[service_id]
        assert s.status == "illustrative", service_id
        assert s.prices.as_tuple() == prices, service_id
        assert "bedste næste kilde" in (s.note or "").lower(), service_id


def test_hospital_prices_stay_with_the_region_without_kmf(kb: KnowledgeBase) -> None:
    # Every hospital price is the region's alone; KMF is named as left out in each description.
    for service_id in HOSPITAL:
        s = kb.services[service_id]
        assert s.prices.kommune == 0 and s.prices.stat == 0, service_id
        assert "Kommunal medfinansiering (KMF) er ikke medregnet" in s.description, service_id


def test_outpatient_note_quotes_the_dags_tariff_without_using_it(kb: KnowledgeBase) -> None:
    s = kb.services["somatisk_ambulant_besoeg"]
    assert s.note and "1.535 kr." in s.note and "BG50C" in s.note and "2013-priser" in s.note
    assert "864 kr." in s.note and "BG50A" in s.note
    assert "cfk_mtv_soevnapnoe_dags_2013" in s.also
    assert kb.sources["cfk_mtv_soevnapnoe_dags_2013"].year == 2013
    # 2013 lies before the price index's first year, so the figure cannot be indexed to the
    # price's year; it is a comparison only: 864 and 1.535 kr. (2013) against the guess
    # 2.000 kr. (2023).
    assert 2013 not in kb.price_index.values and min(kb.price_index.values) == 2015
    assert DAGS_BG50A_2013 < DAGS_BG50C_2013 < s.prices.region


def test_child_psychiatry_note_gives_spending_per_patient(kb: KnowledgeBase) -> None:
    s = kb.services["boernepsykiatri_sengedag"]
    # 1.400.000.000 / 35.700 = 39.215,686... ≈ 39.216 kr. per patient a year (2018).
    per_patient = BUP_TOTAL_2018 / BUP_PATIENTS_2018
    assert round(per_patient) == 39_216
    assert s.note and "39.216" in s.note and "35.700" in s.note
    assert "dknyt_ae_boernepsykiatri_2020" in s.also
    assert kb.sources["dknyt_ae_boernepsykiatri_2020"].year == 2020
