"""The vocabulary and the tables reproduce the words the other faces use today.

The Excel functions (udfs/som_udfs.py) and the workbook (som_xl/workbook/text.py, build.py)
still hold their own copies of these words. These tests pin that the labelled tables give
the functions' answers exactly and that every copy agrees with som_xl.present.da, so the
copies can be replaced by da's names without changing a cell. Once they are, the tests
still hold (and guard against a face writing its own words again).
"""

from __future__ import annotations

from som_xl.functions import vocabulary as u
from som_xl.present import da
from som_xl.workbook import build as wb_build
from som_xl.workbook import text as T


def test_the_functions_headers_are_the_vocabularys() -> None:
    assert u.ROW_HEADERS == ["år", "aktør", "udgiftspost", "art", "beløb", "beløb (nutidsværdi)"]
    assert u.GROUP_HEADERS == [
        "målgruppe", "navn", "område", "alder fra", "alder til", "succesmål", "status"
    ]  # fmt: skip
    assert u.SERVICE_HEADERS == [
        "ydelse", "navn", "enhed", "retning", "udgiftspost", "prisår",
        "kommune", "region", "stat", "status",
    ]  # fmt: skip
    assert u.da_number(0.035) == da.number(0.035) == "0,035"


def test_the_workbooks_copies_agree() -> None:
    assert tuple(da.PURSE_LABELS.values()) == T.PURSE_NAMES
    assert tuple(da.DIRECTION_LABELS.values()) == T.DIRECTION_NAMES
    assert T.STATUS_NAMES == da.STATUS_LABELS
    assert T.AREA_LABELS == da.AREA_LABELS
    assert (T.LOKAL, T.EGEN) == (da.LOCAL, da.OWN)
    assert da.cap(da.KIND_LABELS["cost"]) == T.KIND_COST
    assert da.cap(da.KIND_LABELS["gain"]) == T.KIND_GAIN
    assert T.RESULT_TOTAL == T.CALC_TOTAL == T.FORSIDE_STATUS_TOTAL == da.TOTAL
    assert da.cap(da.not_defined("break_even_year")) == T.NO_BREAK_EVEN
    assert da.cap(da.not_defined("break_even_success_rate")) == T.NO_BREAK_EVEN_RATE
    assert da.cap(da.not_defined("benefit_cost_ratio")) == T.NO_BCR
    keys = {k: v[0] for k, v in T.RESULT_KEYS.items()}
    assert keys["nettoresultat"] == da.KEY_FIGURES["net_result"]
    assert keys["nettoresultat_nv"] == da.KEY_FIGURES["discounted_net_result"]
    assert keys["nettoresultat_nv_kommune"] == da.KEY_FIGURES["discounted_net_kommune"]
    assert keys["omkostninger_nv"] == da.KEY_FIGURES["discounted_costs"]
    assert keys["gevinster_nv"] == da.KEY_FIGURES["discounted_gains"]
    assert keys["breakeven_succesrate"] == da.KEY_FIGURES["break_even_success_rate"]
    assert keys["bcr"] == da.KEY_FIGURES["benefit_cost_ratio"]
    assert (
        tuple(
            da.header(c, "text")
            for c in (
                "costs",
                "gains",
                "net",
                "discounted_costs",
                "discounted_gains",
                "discounted_net",
            )
        )
        == T.RESULT_SPLIT_COLS
    )
    assert T.RESULT_YEAR_COLS[:7] == (
        *(da.header(c, "text") for c in ("year", "costs", "gains", "net")),
        da.label("discount_factor"),
        *(da.header(c, "text") for c in ("discounted_net", "cumulative_discounted_net")),
    )
    assert T.RESULT_YEAR_COLS[7:] == tuple(
        f"{da.header('net')} {p.lower()}" for p in da.PURSE_LABELS.values()
    )
    assert da.TABLE_TITLES["key_figures"] == T.RESULT_KEY_HEADER
    assert da.TABLE_TITLES["years"] == T.RESULT_YEAR_HEADER
    assert da.TABLE_TITLES["by_purse"] == T.RESULT_PURSE_HEADER
    assert da.TABLE_TITLES["by_budget_item"] == T.RESULT_ITEM_HEADER


def test_the_workbooks_number_formats_agree() -> None:
    assert (wb_build.KR, wb_build.KR2, wb_build.KR_KEY, wb_build.PCT) == (
        da.XL_KR,
        da.XL_KR2,
        da.XL_KR_KEY,
        da.XL_PCT,
    )
    assert (wb_build.YEAR, wb_build.INT, wb_build.UNITS, wb_build.FACTOR) == (
        da.XL_YEAR,
        da.XL_INT,
        da.XL_UNITS,
        da.XL_FACTOR,
    )
