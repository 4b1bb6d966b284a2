"""The labelled result tables: headers from the vocabulary, numbers equal to the JSON contract."""

from __future__ import annotations

from typing import Any

import pytest

from som_xl.present import da
from som_xl.present.grid import FUNCTION_VIEWS, grid, view
from som_xl.present.labelled import Table, make_table
from som_xl.present.tables import (
    TABLES,
    by_budget_item,
    by_purse,
    consequences,
    key_figures,
    purse_years,
    tidy_rows,
    years,
)
from som_xl.results import Result

FACES: tuple[da.Face, ...] = ("label", "text", "function")


def _tables(result: Result) -> list[Table]:
    return [build(result) for build in TABLES.values()]


def test_every_header_comes_from_the_vocabulary(results: dict[str, Result]) -> None:
    for result in results.values():
        for t in _tables(result):
            assert t.title == da.TABLE_TITLES[t.name]
            assert len(t.headers) == len(t.columns) == len(t.formats)
            for face in FACES:
                assert t.headers_for(face) == tuple(da.header(c, face) for c in t.columns)
            for row in t.rows:
                assert len(row) == len(t.columns)


def test_key_figures_equal_the_json(results: dict[str, Result]) -> None:
    for result in results.values():
        d = result.to_dict()
        figures = dict(
            zip(key_figures(result).row_keys, key_figures(result).column("figure"), strict=True)
        )
        assert figures == {
            "scenario": d["scenario"],
            "target_group": result.resolved.target_group_label or d["target_group"],
            "price_year": d["price_year"],
            "discount_rate": d["discount_rate"],
            "costs": d["costs"]["undiscounted"],
            "gains": d["gains"]["undiscounted"],
            "net_result": d["net_result"]["undiscounted"],
            "discounted_costs": d["costs"]["discounted"],
            "discounted_gains": d["gains"]["discounted"],
            "discounted_net_result": d["net_result"]["discounted"],
            "discounted_net_kommune": next(
                p["discounted_net"] for p in d["by_purse"] if p["purse"] == "kommune"
            ),
            "break_even_year": d["break_even_year"],
            "break_even_success_rate": d["break_even_success_rate"],
            "benefit_cost_ratio": d["benefit_cost_ratio"],
            "kb_fingerprint": d["kb_fingerprint"],
        }
        labels = key_figures(result).column("key_figure")
        assert labels == [da.key_figure(k) for k in key_figures(result).row_keys]


def test_years_equal_the_json(results: dict[str, Result]) -> None:
    for result in results.values():
        d = result.to_dict()
        t = years(result)
        assert t.records() == d["years"]
        assert t.total == (
            da.TOTAL,
            d["costs"]["undiscounted"],
            d["gains"]["undiscounted"],
            d["net_result"]["undiscounted"],
            None,
            d["net_result"]["discounted"],
            None,
        )


def _without_years(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # the tables show the money; break-even year and ratio per purse are key figures
    drop = {"net_by_year", "break_even_year", "benefit_cost_ratio"}
    return [{k: v for k, v in p.items() if k not in drop} for p in parts]


def test_splits_equal_the_json(results: dict[str, Result]) -> None:
    for result in results.values():
        d = result.to_dict()
        purses = by_purse(result)
        assert purses.row_keys == tuple(p["purse"] for p in d["by_purse"])
        assert [da.PURSE_LABELS[k] for k in purses.row_keys] == purses.column("purse")
        assert [
            {**r, "purse": k} for r, k in zip(purses.records(), purses.row_keys, strict=True)
        ] == _without_years(d["by_purse"])
        assert by_budget_item(result).records() == _without_years(d["by_budget_item"])
        for t in (purses, by_budget_item(result)):
            assert t.total is not None
            for j, key in enumerate(t.columns[1:], start=1):
                assert t.total[j] == pytest.approx(sum(t.column(key)), abs=1e-6)  # type: ignore[arg-type]
        assert by_purse(result).total[3] == pytest.approx(d["net_result"]["undiscounted"])  # type: ignore[index]


def test_purse_years_add_up(results: dict[str, Result]) -> None:
    for result in results.values():
        t = purse_years(result)
        d = result.to_dict()
        assert t.column("year") == [y["year"] for y in d["years"]]
        for row, y in zip(t.rows, d["years"], strict=True):
            assert row[-1] == pytest.approx(y["net"], abs=1e-6)


def test_consequences_and_tidy_rows_equal_the_json(results: dict[str, Result]) -> None:
    for result in results.values():
        d = result.to_dict()
        t = consequences(result)
        same = ("budget_item", "gains", "discounted_gains")
        assert [
            {"service": r["service"], "label": r["service_label"], **{k: r[k] for k in same}}
            for r in t.records()
        ] == d["consequences"]
        tidy = tidy_rows(result).records()
        assert len(tidy) == len(d["rows"])
        for mine, theirs in zip(tidy, d["rows"], strict=True):
            assert mine["year"] == theirs["year"]
            assert mine["purse"] == da.PURSE_LABELS[theirs["purse"]]
            assert mine["budget_item"] == theirs["budget_item"]
            assert mine["kind"] == da.KIND_LABELS[theirs["kind"]]
            assert mine["value"] == theirs["value"]
            assert mine["discounted_value"] == theirs["discounted_value"]


def test_function_views_have_the_functions_words(results: dict[str, Result]) -> None:
    result = results["standalone"]
    assert view(result, "år")[0] == [
        "år",
        "omkostninger",
        "gevinster",
        "netto",
        "diskonteringsfaktor",
        "netto (nutidsværdi)",
        "akkumuleret",
    ]
    split = [
        "omkostninger",
        "gevinster",
        "netto",
        "omkostninger (nutidsværdi)",
        "gevinster (nutidsværdi)",
        "netto (nutidsværdi)",
    ]
    assert view(result, "aktør")[0] == ["aktør", *split]
    assert view(result, "udgiftspost")[0] == ["udgiftspost", *split]
    assert view(result, "aktør")[-1][0] == "I alt"
    assert view(result, "aktør pr. år")[0] == ["år", "Kommune", "Region", "Stat", "I alt"]
    assert view(result, "rækker")[0] == [
        "år",
        "aktør",
        "udgiftspost",
        "art",
        "beløb",
        "beløb (nutidsværdi)",
    ]
    assert view(result, "år i alt")[-1][4] == ""  # no factor on the total line
    assert [r[0] for r in view(result, "nøgletal")] == [
        "nøgletal",
        "Scenarie",
        "Målgruppe",
        "Prisniveau (år)",
        "Diskontering",
        "Omkostninger",
        "Gevinster",
        "Nettoresultat",
        "Omkostninger (nutidsværdi)",
        "Gevinster (nutidsværdi)",
        "Nettoresultat (nutidsværdi)",
        "Kommunens nettoresultat (nutidsværdi)",
        "Break-even-år",
        "Break-even-succesrate",
        "Gevinst pr. omkostningskrone",
        "Vidensdatabase",
    ]
    assert view(result, "nøgletal")[2][1] == "egne konsekvenser"
    assert view(result, "nøgletal")[-1][1] == "ikke brugt"
    assert set(FUNCTION_VIEWS) == {
        "år",
        "år i alt",
        "nøgletal",
        "aktør",
        "aktør pr. år",
        "udgiftspost",
        "rækker",
    }


def test_grid_faces_and_totals() -> None:
    t = make_table(
        "years",
        ("year", "discount_factor"),
        ("year", "factor"),
        [(2025, 1.0)],
        total=("I alt", None),
    )
    assert grid(t) == [["år", "diskonteringsfaktor"], [2025, 1.0]]
    assert grid(t, "text", total=True) == [["År", "Diskfaktor"], [2025, 1.0], ["I alt", ""]]
    assert grid(t, "label")[0] == ["År", "Diskonteringsfaktor"]


def test_table_shape_is_checked_and_selectable() -> None:
    with pytest.raises(ValueError, match="one value per column"):
        make_table("years", ("year", "net"), ("year", "kr"), [(2025,)])
    t = make_table(
        "by_purse",
        ("purse", "costs", "net"),
        ("text", "kr", "kr"),
        [("Kommune", 1.0, 2.0), ("Stat", 3.0, 4.0)],
        total=("I alt", 4.0, 6.0),
        row_keys=("kommune", "stat"),
    )
    s = t.select("net", "purse")
    assert s.headers == ("Netto", "Aktør") and s.rows == ((2.0, "Kommune"), (4.0, "Stat"))
    assert s.total == (6.0, "I alt") and s.money == ("net",)
    assert t.take([1]).rows == (("Stat", 3.0, 4.0),) and t.take([1]).row_keys == ("stat",)
    assert t.take([1]).total is None
    assert t.percent == ()
