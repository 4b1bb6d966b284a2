"""Danish number formatting and the command line's text tables."""

from __future__ import annotations

from som_xl.present.labelled import make_table
from som_xl.present.text import figure_lines, format_cell, kr, pct, table, text_table


def test_kr() -> None:
    assert kr(1234567.5) == "1.234.568"
    assert kr(2.5) == "3"  # half away from zero
    assert kr(-1234.5) == "-1.235"
    assert kr(-0.4) == "0"  # never "-0"
    assert kr(0.125, 2) == "0,13"
    assert kr(None) == "-"


def test_pct() -> None:
    assert pct(0.1234) == "12,3 %"
    assert pct(None) == "-"


def test_plain_table_aligns() -> None:
    assert table(["a", "bb"], [["x", "1"]], [False, True]).splitlines() == [
        "a  bb",
        "-  --",
        "x   1",
    ]
    assert table(["a"], []) == "a\n-"


def test_text_table_right_aligns_numbers_and_adds_the_total() -> None:
    t = make_table(
        "by_purse",
        ("purse", "net", "discounted_net"),
        ("text", "kr", "kr"),
        [("Kommune", 1500.0, -0.4), ("Stat", -20.0, 3.0)],
        total=("I alt", 1480.0, 2.6),
    )
    assert text_table(t, total=True).splitlines() == [
        "Aktør    Netto  Netto (NV)",
        "-------  -----  ----------",
        "Kommune  1.500           0",
        "Stat       -20           3",
        "I alt    1.480           3",
    ]
    assert text_table(t, ["net"]).splitlines()[0] == "Netto"


def test_format_cell() -> None:
    assert format_cell(None, "kr") == ""
    assert format_cell("tekst", "kr") == "tekst"
    assert format_cell(1234.5, "price") == "1.234,50"
    assert format_cell(3, "int") == "3"


def test_figure_lines_align_runs_of_one_format_and_name_undefined_figures() -> None:
    t = make_table(
        "key_figures",
        ("key_figure", "figure"),
        ("text", "text"),
        [
            ("Nettoresultat (udiskonteret)", 1000.0),
            ("Netto", -5.0),
            ("Break-even-år", None),
            ("Break-even-succesrate", None),
            ("Gevinst pr. omkostningskrone", None),
        ],
        row_keys=(
            "net_result",
            "discounted_net_result",
            "break_even_year",
            "break_even_success_rate",
            "benefit_cost_ratio",
        ),
        row_formats=("kr", "kr", "year", "pct", "ratio"),
    )
    assert figure_lines(t) == [
        "Nettoresultat (udiskonteret): 1.000 kr.",
        "Netto:                        -5 kr.",
        "Break-even-år: ikke inden for horisonten",
        "Break-even-succesrate: ingen (gevinsterne er ikke positive)",
        "Gevinst pr. omkostningskrone: ingen (omkostningerne er ikke positive)",
    ]
    assert figure_lines(t, ["break_even_year"]) == ["Break-even-år: ikke inden for horisonten"]
