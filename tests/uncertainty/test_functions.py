"""SOM_USIKKERHED and SOM_FOELSOMHED: the same answers as the CLI's analysis, Danish errors."""

from __future__ import annotations

import pytest

from som_xl.functions import net_result, sensitivity, uncertainty
from udfs import som_udfs as u

SETTINGS = [["Målgruppe", "voksne_hjemloeshed"], ["Succesrate", 0.3], ["Horisont", 10]]
PARTICIPANTS = [[2025, 20]]
COSTS = [["Omkostning", 2025], ["Drift", 1e6]]
UNC = [
    ["Input", "Fordeling", "Parameter 1", "Parameter 2", "Parameter 3"],
    ["succesrate", "trekant", 0.1, 0.3, 0.4],
    ["omkostninger", "ligefordelt", "0,9", 1.3, None],
    ["forsorgshjem_doegn", "normal", 1, 0.2, None],
    ["Trækninger", 3000, None, None, None],
    ["Frø", 7, None, None, None],
]


def test_usikkerhed_key_figures_are_monotone_and_reproducible() -> None:
    a = uncertainty(SETTINGS, PARTICIPANTS, COSTS, None, None, UNC)
    b = uncertainty(SETTINGS, PARTICIPANTS, COSTS, None, None, UNC)
    assert a == b
    d = {row[0]: row[1] for row in a}
    assert 0 <= d["P(nettoresultat > 0)"] <= 1
    qs = [d[f"{q} %-fraktil"] for q in (5, 10, 50, 90, 95)]
    assert qs == sorted(qs)
    assert (d["Trækninger"], d["Frø (seed)"]) == (3000, 7)
    # the central figure is SOM_NETTORESULTAT's discounted net result
    keys = {
        row[0]: row[1] for row in net_result(SETTINGS, PARTICIPANTS, COSTS, None, None, "nøgletal")
    }
    assert d["Centralt skøn"] == pytest.approx(keys["Nettoresultat (nutidsværdi)"], rel=1e-12)


def test_usikkerhed_per_purse() -> None:
    t = uncertainty(SETTINGS, PARTICIPANTS, COSTS, None, None, UNC, "aktør")
    assert t[0][:3] == ["Aktør", "P(nettoresultat > 0)", "Middelværdi"]
    assert [r[0] for r in t[1:]] == ["I alt", "Kommune", "Region", "Stat"]


def test_foelsomhed_success_rate_switching_value_is_the_break_even_rate() -> None:
    t = sensitivity(SETTINGS, PARTICIPANTS, COSTS, None, None, UNC)
    assert t[0] == ["Input", "Lav", "Høj", "Netto ved lav", "Netto ved høj", "Skifteværdi"]
    rows = {r[0]: r for r in t[1:]}
    assert set(rows) == {"succesrate", "omkostninger", "forsorgshjem_doegn"}
    keys = {
        row[0]: row[1] for row in net_result(SETTINGS, PARTICIPANTS, COSTS, None, None, "nøgletal")
    }
    assert rows["succesrate"][5] == pytest.approx(keys["Break-even-succesrate"], rel=1e-9)
    swings = [abs(r[4] - r[3]) for r in t[1:]]
    assert swings == sorted(swings, reverse=True)


def test_empty_range_is_the_standard() -> None:
    """The standard: the success rate by the stated rule, every cost and every gain by the
    stated factors (som_xl.inputs.uncertainty.STANDARD_FACTORS)."""
    t = sensitivity(SETTINGS, PARTICIPANTS, COSTS, None, None, None)
    assert sorted(r[0] for r in t[1:]) == ["gevinster", "omkostninger", "succesrate"]


@pytest.mark.parametrize(
    ("rows", "says"),
    [
        ([["succesrate", "gauss", 0.1, 0.2]], "usikkerhed, række 1 (fordeling): ukendt fordeling"),
        ([["succesrate", "trekant", 0.1, 0.2]], "usikkerhed, række 1 (parameter 3): mangler"),
        ([["omkostninger", "ligefordelt", 2, 1]], "må ikke være større end 'high'"),
        ([["ukendt_ydelse", "ligefordelt", 1, 2]], "ydelsen er ikke blandt scenariets"),
        ([["Trækninger", 0]], "usikkerhed, række 1: skal ligge mellem 1 og 1.000.000"),
        (
            [["succesrate", "normal", 0.3, "lidt"]],
            "usikkerhed, række 1 (parameter 2): skal være et tal",
        ),
    ],
)
def test_bad_rows_give_a_danish_text(rows: list[list[object]], says: str) -> None:
    text = u.SOM_USIKKERHED(SETTINGS, PARTICIPANTS, COSTS, None, None, rows)
    assert isinstance(text, str) and text.startswith("SØM-fejl i SOM_USIKKERHED")
    assert says in text, text
    text = u.SOM_FOELSOMHED(SETTINGS, PARTICIPANTS, COSTS, None, None, rows)
    assert isinstance(text, str) and says in text, text
