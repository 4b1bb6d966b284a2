"""Prices of the twelfth research round (docs/research/kb12-prices.md), checked by hand.

The round looked again for the 14 illustrative prices (Takstsystem copies on yumpu, docplayer
and 9pdf, the KMF bekendtgørelse, the courts' and the prison service's reports, activation,
alcohol and drug treatment, the GP fee). No stored source gives any of them as a national
price or as national figures that divide into one, so no price changed value or status. Three
notes quote what was read; the arithmetic of the one new calculation is checked here:

    Psychiatric bed-day, a national upper bound (not used as the price):
        regional spending 2016 (Bedre Psykiatri, Vidensbank: Økonomi):
            "godt 7,380 mia. kr." adult psychiatry + "godt 1,335 mia. kr." child psychiatry
            = 8.715.000.000 kr.
        bed-days 2015 (SUU alm. del spm. 898, table 1): the 16.697 patients with one
        admission had 430.318 days, read as "47" per cent of all days (decimals not read), so
            all days lie between 430.318 / 0,4799 = 896.683 and 430.318 / 0,47 = 915.570;
        8.715.000.000 / 915.570 = 9.519 kr. and 8.715.000.000 / 896.683 = 9.719 kr. per
        bed-day if the whole spending is put on the bed-days: an upper bound, like Region
        Midtjylland's 8.519 kr. (2014), which says that 4.165 kr. is rather too low.

The hospital prices keep their purse split (all to the region): the kommunal medfinansiering
is not modelled for any hospital price, as the services file's header says. The 4.165 kr. of
the psychiatric bed-days stays on the region (the reason is in kb10-prices.md § 2 and in the
note: booking the kommune's special-place rate to the kommune would charge every avoided
ordinary bed-day at a rate that applies only to the special places).
"""

from __future__ import annotations

import pytest

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

ADULT_PSYCH_2016 = 7_380_000_000  # "Udgifter (2016) til voksenpsykiatri er godt 7,380 mia. kr."
CHILD_PSYCH_2016 = 1_335_000_000  # "... børne- og ungdomspsykiatri er godt 1,335 mia. kr."
DAYS_ONE_ADMISSION_2015 = 430_318  # SUU spm. 898, table 1, patients with one admission
SHARE_READ = 0.47  # "47" per cent of all days; decimals not read, so 47,00-47,99 %


def test_the_fourteen_prices_keep_their_values_and_status(kb: KnowledgeBase) -> None:
    for service_id, prices in UNCHANGED.items():
        s = kb.services[service_id]
        assert s.status == "illustrative", service_id
        assert s.source == "som_xl_antagelse", service_id
        assert s.prices.as_tuple() == prices, service_id
        assert "bedste næste kilde" in (s.note or "").lower(), service_id


def test_national_upper_bound_for_a_psychiatric_bed_day() -> None:
    spending = ADULT_PSYCH_2016 + CHILD_PSYCH_2016  # 8.715.000.000 kr.
    assert spending == 8_715_000_000
    most_days = DAYS_ONE_ADMISSION_2015 / SHARE_READ  # 915.570,2
    fewest_days = DAYS_ONE_ADMISSION_2015 / 0.4799  # 896.682,6
    assert round(most_days) == 915_570 and round(fewest_days) == 896_683
    assert round(spending / most_days) == 9_519
    assert round(spending / fewest_days) == 9_719


def test_psychiatric_bed_day_note_gives_the_bound_without_using_it(kb: KnowledgeBase) -> None:
    s = kb.services["psykiatrisk_sengedag"]
    note = s.note or ""
    figures = ("7,380 mia. kr.", "1,335 mia. kr.", "430.318", "915.570", "9.519 kr.", "9.719 kr.")
    for figure in figures:
        assert figure in note, figure
    assert "øvre skøn" in note and "bruges ikke som pris" in note
    assert {"bedrepsykiatri_oekonomi_2016", "sum_suu_spm_898_2016"} <= set(s.also)
    src = kb.sources["bedrepsykiatri_oekonomi_2016"]
    assert "7,380 mia. kr." in (src.note or "") and "1,335 mia. kr." in (src.note or "")
    # The bound lies above the value used: the illustrative 4.165 kr. is rather too low.
    assert s.prices.region < 9_519


def test_activation_note_says_what_the_ministrys_table_measures(kb: KnowledgeBase) -> None:
    note = kb.services["aktivering_uge"].note or ""
    assert "pr. fuldtidsperson på offentlig forsørgelse" in note
    assert "Drift af jobcentrene" in note
    assert "fuldtidspersoner i aktive tilbud" in note


def test_court_case_note_points_to_the_vive_sections(kb: KnowledgeBase) -> None:
    note = kb.services["straffesag"].note or ""
    assert "2.2 ''Anvendte data og estimater''" not in note  # yaml quoting is undone on load
    assert "2.2 'Anvendte data og estimater'" in note
    assert "vive_soem_priser_politi_sociale_2021" in kb.services["straffesag"].also


@pytest.mark.parametrize("service_id", [k for k, v in UNCHANGED.items() if v[1] > 0])
def test_hospital_prices_stay_with_the_region(kb: KnowledgeBase, service_id: str) -> None:
    s = kb.services[service_id]
    assert s.prices.kommune == 0 and s.prices.stat == 0
    assert "Kommunal medfinansiering (KMF) er ikke medregnet" in s.description
