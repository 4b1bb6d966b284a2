"""Prices of the tenth research round (docs/research/kb10-prices.md), checked by hand.

One price changes source: an hour of personal care in the home (``hjemmehjaelp_time``) was one
kommune's hourly rate (Herning, 403 kr. without VAT, 2021) and is now the average of 56
kommuners' hourly rates read as-is at Dansk Industri (September 2020):

    "Den kommunale timepris for personlig pleje varierer med 225 kr. på tværs af de 56
    kommuner, der har besvaret undersøgelsen og benytter en godkendelsesmodel – med et
    gennemsnit ca. 411 kr."

The figure is printed at the price's unit (kr. per hour), so it is ``published``; all of it is
the kommune's, as before (the split is unchanged).

The other prices of the round keep their values; their notes quote what was read, and the
arithmetic in those notes is checked here:

    STU, national cross-check (not used as the price):
        1.300.000.000 kr. a year / 5.810 pupils (2016, older uvm.dk table) = 223.752,15 kr.
        1.300.000.000 kr. a year / 5.385 pupils (2016, newer uvm.dk table) = 241.411,33 kr.
        the single provider's 236.509 kr. (2024) lies inside that span.
    Krisecenter, a second provider (not used as the price):
        Silkeborg 1.659 kr. (2017) in 2023 prices: 1.659 × 118,0 / 101,7 = 1.924,9 ≈ 1.925 kr.
        against Kolding's 2.548 kr. (1 January 2023).
"""

from __future__ import annotations

from som_xl.kb import KnowledgeBase

DI_AVERAGE_2020 = 411  # "med et gennemsnit ca. 411 kr." (kr. per hour, personlig pleje)
HERNING_2021 = 403  # the former price: one kommune's rate, 2021
STU_TOTAL = 1_300_000_000  # "Det koster sammenlagt 1,3 millarder kroner årligt."
STU_PUPILS_2016_OLD = 5_810  # uvm.dk, updated 13 January 2021
STU_PUPILS_2016_NEW = 5_385  # uvm.dk, updated 5 September 2022 (DST's pupil register)
CKU_HIMMERLAND_2024 = 236_509


def test_home_care_hour_is_the_average_of_56_kommuner(kb: KnowledgeBase) -> None:
    s = kb.services["hjemmehjaelp_time"]
    assert s.status == "published"
    assert s.source == "di_afregningspriser_hjemmepleje_2020"
    assert s.price_year == 2020 and s.unit == "time"
    # 411 kr. per hour, all to the kommune; the region and the stat pay nothing.
    assert s.prices.as_tuple() == (DI_AVERAGE_2020, 0, 0)
    assert s.locator and "ca. 411 kr." in s.locator and "56 kommuner" in s.locator
    # The former single-kommune source stays cited as a comparison.
    assert "herning_hjemmepleje_2021" in s.also
    assert s.note and "403 kr." in s.note


def test_home_care_change_in_2024_prices(kb: KnowledgeBase) -> None:
    # New: 411 × 118,7 / 103,9 = 469,5448 ≈ 469,54 kr.
    # Former: 403 × 118,7 / 105,4 = 453,8529 ≈ 453,85 kr.
    # 469,5448 − 453,8529 = 15,6918 ≈ 15,69 kr. (3,5 %) more per hour in 2024 prices. No
    # example uses the service (only the profile of voksne_alkoholmisbrug does), so no
    # example result moves.
    index = kb.price_index.values
    new = DI_AVERAGE_2020 * index[2024] / index[2020]
    old = HERNING_2021 * index[2024] / index[2021]
    assert round(new, 2) == 469.54
    assert round(old, 2) == 453.85
    assert round(new - old, 2) == 15.69


def test_stu_note_gives_the_national_cross_check(kb: KnowledgeBase) -> None:
    s = kb.services["stu_aar"]
    assert s.status == "published" and s.prices.kommune == CKU_HIMMERLAND_2024  # unchanged
    low = STU_TOTAL / STU_PUPILS_2016_OLD
    high = STU_TOTAL / STU_PUPILS_2016_NEW
    assert (round(low, 2), round(high, 2)) == (223_752.15, 241_411.33)
    assert low < CKU_HIMMERLAND_2024 < high
    assert s.note and "223.752" in s.note and "241.411" in s.note
    assert {"hjernekommunikation_stu_2019", "uvm_stu_statistik"} <= set(s.also)


def test_crisis_centre_note_compares_a_second_provider(kb: KnowledgeBase) -> None:
    s = kb.services["krisecenter_doegn"]
    assert s.prices.as_tuple() == (829.5, 0, 829.5)  # unchanged
    index = kb.price_index.values
    assert round(1_659 * index[2023] / index[2017]) == 1_925
    assert s.note and "1.925" in s.note and "2.548" in s.note


def test_prices_that_rest_on_one_provider_say_so(kb: KnowledgeBase) -> None:
    # Prices that still rest on a single provider or kommune are marked as such at the start
    # of their note (issue 12, deliverable 2).
    single = [
        "aflastning_doegn",
        "kontaktperson_time",
        "stu_aar",
        "stofbehandling_doegn",
        "krisecenter_doegn",
        "bostoette_time",
        "botilbud_midlertidigt_doegn",
        "botilbud_laengerevarende_doegn",
    ]
    unmarked = [i for i in single if not (kb.services[i].note or "").startswith("Enkelt")]
    assert unmarked == []
    # The home-care price is no longer one kommune's figure.
    assert not (kb.services["hjemmehjaelp_time"].note or "").startswith("Enkelt")
