"""Prices of the fourth research round (docs/research/kb4-prices.md), checked by hand.

The police price per sigtelse is derived from the Justice Ministry's research office's count
of selected justice costs for registered gang members and rockers in 2016 (Kristeligt
Dagblad, July 2018) and the number of sigtelser in that count (UngeRuten, which reports the
same study):

    politiets udgifter til sigtelser    69.212.046 kr.
    antal sigtelser                       5.000
    pris pr. sigtelse  69.212.046 / 5.000 = 13.842,4092 ≈ 13.842,41 kr. (2016), all to the stat.

UngeRuten gives the police cost as 62 mio. kr.; Kristeligt Dagblad's figure is used because
its seven items add up exactly to the study's total (checked below). The other prices of the
round stay illustrative; their notes quote the figures that were read, and the arithmetic in
those notes is checked here too.
"""

from __future__ import annotations

from som_xl.kb import KnowledgeBase

# The seven items of Kristeligt Dagblad's list (kr., 2016):
#   ofre for berigelseskriminalitet      4.960.906
#   kriminalforsorgens bandeexit         5.085.694
#   politiets exit-indsatser            14.430.662
#   politiets udgifter til sigtelser    69.212.046
#   anklagemyndighedens sigtelser       24.320.227
#   domstolenes afgørelser              10.666.758
#   kriminalforsorgens indsættelser    186.075.379
#   sum: 4.960.906 + 5.085.694 = 10.046.600; + 14.430.662 = 24.477.262;
#        + 69.212.046 = 93.689.308; + 24.320.227 = 118.009.535; + 10.666.758 = 128.676.293;
#        + 186.075.379 = 314.751.672 = the total the article gives.
ITEMS = [4_960_906, 5_085_694, 14_430_662, 69_212_046, 24_320_227, 10_666_758, 186_075_379]
TOTAL = 314_751_672
POLICE = 69_212_046
PROSECUTION = 24_320_227
COURTS = 10_666_758
SIGTELSER = 5_000
DOMME = 4_000  # "knap 4000": a little under, so the price per afgørelse is a little over


def test_the_articles_items_add_up_to_its_total() -> None:
    assert sum(ITEMS) == TOTAL


def test_police_price_per_sigtelse(kb: KnowledgeBase) -> None:
    s = kb.services["politi_sigtelse"]
    assert s.status == "derived"
    assert s.source == "kristeligt_bandeudgifter_2018"
    assert "ungeruten_bandeomkostninger_2018" in s.also
    assert s.price_year == 2016
    # 69.212.046 / 5.000 = 13.842,4092 → 13.842,41 kr., all to the stat
    assert round(POLICE / SIGTELSER, 4) == 13_842.4092
    assert s.prices.as_tuple() == (0, 0, 13_842.41)
    assert s.derivation and "69.212.046" in s.derivation and "5.000" in s.derivation
    assert s.locator and "69.212.046" in s.locator and "5000 sigtelser" in s.locator
    # UngeRuten's 62 mio. kr. would give 62.000.000 / 5.000 = 12.400 kr. (named in the note)
    assert s.note and "12.400" in s.note


def test_straffesag_note_arithmetic(kb: KnowledgeBase) -> None:
    s = kb.services["straffesag"]
    assert s.status == "illustrative" and s.prices.stat == 25_000  # value unchanged
    # 24.320.227 / 5.000 = 4.864,05 ≈ 4.864 kr. per sigtelse (prosecution)
    assert round(PROSECUTION / SIGTELSER) == 4_864
    # 10.666.758 / 4.000 = 2.666,69 ≈ 2.667 kr. per afgørelse (courts; "godt", as knap 4.000)
    assert round(COURTS / DOMME) == 2_667
    # 4.864 + 2.667 = 7.531 ≈ 7.500 kr.; + defence 5.000 = 12.531 ≈ 12.500;
    # + defence 12.000 = 19.531 ≈ 19.500
    assert 4_864 + 2_667 == 7_531
    assert (7_531 + 5_000, 7_531 + 12_000) == (12_531, 19_531)
    assert s.note
    for text in ("4.864", "2.667", "7.500", "12.500-19.500"):
        assert text in s.note


def test_activation_note_arithmetic(kb: KnowledgeBase) -> None:
    s = kb.services["aktivering_uge"]
    assert s.status == "illustrative" and s.prices.kommune == 1_000  # value unchanged
    # 80.000 / 52 = 1.538,46 ≈ 1.538; 160.000 / 52 = 3.076,92 ≈ 3.077 kr. per week
    assert (round(80_000 / 52), round(160_000 / 52)) == (1_538, 3_077)
    assert s.note and "1.538" in s.note and "3.077" in s.note


def test_every_illustrative_price_names_its_best_next_source(kb: KnowledgeBase) -> None:
    missing = [
        s.id
        for s in kb.services.values()
        if s.status == "illustrative" and "bedste næste kilde" not in (s.note or "").lower()
    ]
    assert missing == []
