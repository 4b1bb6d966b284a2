"""The functions with the inputs of som-method §3.10–3.19 and the kommune's answer.

One standalone scenario file (tests/fixtures/functions_method.yaml) is typed into the
functions' ranges as a finance officer would; every view must equal the engine's on the
file, and the headline figures are checked by hand. The follow-up adds realised figures.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from som_xl import calculate, parse_scenario, resolve
from som_xl.functions.views import NO_ILLUSTRATIVE, NO_WARNINGS, result_view
from som_xl.inputs.quick import quick_estimate
from som_xl.kb import KnowledgeBase
from som_xl.present import answer, followup, grid
from som_xl.results import Result
from tests.functions import test_udfs
from tests.functions.test_udfs import ROOT, approx_table, assert_clean, is_error
from udfs import som_udfs as u

udf_kb = test_udfs.udf_kb  # the knowledge-base fixture: fixture KB and the real one

FILE = ROOT / "tests" / "fixtures" / "functions_method.yaml"

PURSE_HEADERS = ["Kommune", "Region", "Stat"]
SETTINGS: list[list[Any]] = [
    ["Navn", "Funktionernes metodeeksempel"],
    ["Startår", 2025],
    ["Horisont (år)", 4],
    ["Prisår", 2024],
    ["Diskonteringsrente", 0],
    ["Forløbsår", 1],
    ["Succesrate med indsats", 0.5],
    ["Succesrate uden indsats", "0,1"],
    ["Aftagning", 0.1],
    ["Optimisme omkostninger", 0.2],
    ["Optimisme gevinster", 0.1],
    ["Hale", "Aftagende"],
    ["Halens fald", 0.5],
]
RANGES: dict[str, Any] = {
    "indstillinger": SETTINGS,
    "deltagere": [[2025, 10]],
    "omkostninger": [["Betegnelse", "Type", "Beløb", "År"], ["Drift", "engang", 100000, 2025]],
    "konsekvenser": [["Ydelse", "År 1", "Under forløb år 1"], ["egen_doegn", -10, -2]],
    "ydelser": [
        ["Ydelse", "Navn", "Enhed", "Retning", "Udgiftspost", "Prisår", *PURSE_HEADERS],
        ["egen_doegn", "Eget døgnophold", "døgn", "udgift", "Egne ydelser", 2024, 1000, 0, 0],
    ],
    "udvalg": [
        ["Udgiftspost", "Udvalg"],
        ["Indsatsens omkostninger", "Socialudvalget"],
        ["Egne ydelser", "Sundhedsudvalget"],
    ],
}
REALISED = [["År", "Deltagere", "Succeser", "Omkostninger"], [2025, 8, 2, 90000]]


def file_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    return data


def engine(data: dict[str, Any], kb: KnowledgeBase) -> Result:
    return calculate(resolve(parse_scenario(copy.deepcopy(data)), kb))


def net(visning: str | None, realiseret: Any = None, **changes: Any) -> Any:
    r = {**RANGES, **changes}
    return u.SOM_NETTORESULTAT(
        r["indstillinger"], r["deltagere"], r["omkostninger"], r["konsekvenser"],
        r["ydelser"], visning, r["udvalg"], realiseret,
    )  # fmt: skip


VIEWS = [
    "år",
    "år i alt",
    "nøgletal",
    "aktør",
    "aktør pr. år",
    "udgiftspost",
    "rækker",
    "tilbagebetaling",
    "udvalg",
    "udvalg pr. år",
    "budget",
    "bemærkning",
    "illustrativ andel",
    "advarsler",
]


def test_hand_computed_figures(udf_kb: KnowledgeBase) -> None:
    """s = 0,5 − 0,1 = 0,4, so 4 of 10 succeed; rate 0, so present value = undiscounted.

    Costs: 100.000 × (1 + 0,2) = 120.000 (2025).
    Gains (1.000 kr. a day saved, × (1 − 0,1) for optimism):
      2025 during the course: 10 × 2 = 20 days → 20.000 × 0,9 = 18.000
      2026: 4 × 10 = 40 days → 40.000 × 0,9 = 36.000
      2027: tail 10 × 0,5 = 5, drop-off × 0,9 → 4,5 × 4 = 18 days → 18.000 × 0,9 = 16.200
      2028: 10 × 0,25 = 2,5, × 0,81 → 2,025 × 4 = 8,1 days → 8.100 × 0,9 = 7.290
    Gains 77.490; net 77.490 − 120.000 = −42.510; gain per krone 77.490 / 120.000 = 0,64575.
    The kommune pays and gains all: Sundhedsudvalget (Egne ydelser) +77.490 from 2025,
    Socialudvalget (Indsatsens omkostninger) −120.000.
    """
    figures = dict((r[0], r[1]) for r in net("nøgletal")[1:])
    assert figures["Nettoresultat"] == pytest.approx(-42_510)
    assert figures["Gevinster (nutidsværdi)"] == pytest.approx(77_490)
    assert figures["Omkostninger (nutidsværdi)"] == pytest.approx(120_000)
    assert figures["Gevinst pr. omkostningskrone"] == pytest.approx(0.64575)
    committees = {r[0]: r for r in net("udvalg")[1:]}
    assert committees["Sundhedsudvalget"][3] == pytest.approx(77_490)
    assert committees["Sundhedsudvalget"][5] == 2025
    assert committees["Socialudvalget"][3] == pytest.approx(-120_000)
    assert committees["I alt"][3] == pytest.approx(-42_510)
    years = net("år")
    assert [round(r[2], 6) for r in years[1:]] == [18_000, 36_000, 16_200, 7_290]


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_equals_the_engine_on_the_scenario_file(
    udf_kb: KnowledgeBase, view: str
) -> None:
    expected = result_view(engine(file_data(), udf_kb), view)
    got = net(view)
    assert_clean(got)
    if isinstance(expected, list):
        approx_table(got, expected)
    else:
        assert got == expected


def test_key_figures_carry_the_provenance_share_and_sentence(udf_kb: KnowledgeBase) -> None:
    ranges, data = test_udfs.sheet_scenario(udf_kb)
    result = engine(data, udf_kb)
    rows = test_udfs.net(ranges, "nøgletal")
    share = result.provenance["illustrative_share"]
    assert rows[-2 if share > 0 else -1] == [
        "Andel af gevinsterne på illustrative værdier",
        pytest.approx(share),
    ]
    sentence = answer.provenance_sentence(result)
    assert test_udfs.net(ranges, "bemærkning") == (sentence or NO_ILLUSTRATIVE)
    if sentence:
        assert rows[-1] == ["Bemærk", sentence]
    assert test_udfs.net(ranges, "illustrativ andel") == pytest.approx(share)
    assert test_udfs.net(ranges, "advarsler")[1:] == (
        [[w] for w in result.warnings] or [[NO_WARNINGS]]
    )


def test_udvalg_equals_the_engine(udf_kb: KnowledgeBase) -> None:
    result = engine(file_data(), udf_kb)
    args = [RANGES[k] for k in ("indstillinger", "deltagere", "omkostninger", "konsekvenser")]
    args += [RANGES["ydelser"], RANGES["udvalg"]]
    approx_table(u.SOM_UDVALG(*args), grid.grid(answer.by_committee(result), total=True))
    approx_table(u.SOM_UDVALG(*args, "år"), grid.grid(answer.committee_years(result)))
    approx_table(u.SOM_UDVALG(*args, "budget"), grid.grid(answer.budget_view(result)))
    # without udvalg: the knowledge base's mapping (here: no committee for own items)
    default = u.SOM_UDVALG(*args[:5])
    assert not is_error(default) and default[-1][0] == "I alt"


def test_opfoelgning_equals_the_engine_and_the_hand_figures(udf_kb: KnowledgeBase) -> None:
    """Realised 2025: 8 started, 2 succeeded, 90.000 kr.: observed rate 2 / 8 = 0,25.

    Forecast: costs 90.000 × 1,2 = 108.000; gains (× 0,9): during 8 × 2 = 16 days → 14.400;
    2 successes: 2026 20 days → 18.000; 2027 2 × 4,5 = 9 → 8.100; 2028 2 × 2,025 = 4,05 →
    3.645; gains 44.145, net 44.145 − 108.000 = −63.855. The plan's net stays −42.510.
    """
    data = file_data()
    data["realised"] = {2025: {"participants": 8, "successes": 2, "costs": 90000}}
    result = engine(data, udf_kb)
    args = [RANGES[k] for k in ("indstillinger", "deltagere", "omkostninger", "konsekvenser")]
    args += [RANGES["ydelser"], REALISED]
    years = u.SOM_OPFOELGNING(*args)
    approx_table(years, grid.grid(followup.followup_years(result)))
    assert years[0][4:7] == [
        "Omkostninger (realiseret)", "Omkostninger (plan)", "Omkostninger (ny prognose)"
    ]  # fmt: skip
    assert years[1][:7] == [
        2025, 10.0, 8, 2, pytest.approx(108_000), pytest.approx(120_000), pytest.approx(108_000)
    ]  # fmt: skip
    figures = u.SOM_OPFOELGNING(*args, "nøgletal")
    approx_table(figures, grid.grid(followup.followup_figures(result)))
    by_name = {r[0]: r[1:] for r in figures[1:]}
    assert by_name["Nettoresultat (udiskonteret)"] == [
        pytest.approx(-42_510),
        pytest.approx(-63_855),
    ]
    assert by_name["Observeret succesrate"][1] == pytest.approx(0.25)
    assert u.SOM_OPFOELGNING(*args, "observeret succesrate") == pytest.approx(0.25)
    # SOM_NETTORESULTAT with realiseret is the new forecast
    assert net("nøgletal", REALISED)[7][1] == pytest.approx(-63_855)


def test_opfoelgning_without_realised_costs_says_not_given(udf_kb: KnowledgeBase) -> None:
    """User trial: 2025 realised without costs. The forecast keeps the plan's costs of 2025,
    100.000 × 1,2 (optimism bias) = 120.000 (§3.19), in its own column; the realised costs
    say 'ikke oplyst' instead of showing that figure as realised."""
    data = file_data()
    data["realised"] = {2025: {"participants": 8, "successes": 2}}
    result = engine(data, udf_kb)
    args = [RANGES[k] for k in ("indstillinger", "deltagere", "omkostninger", "konsekvenser")]
    args += [RANGES["ydelser"], [["År", "Deltagere", "Succeser"], [2025, 8, 2]]]
    years = u.SOM_OPFOELGNING(*args)
    approx_table(years, grid.grid(followup.followup_years(result)))
    assert years[1][:7] == [
        2025, 10.0, 8, 2, followup.COSTS_NOT_GIVEN, pytest.approx(120_000),
        pytest.approx(120_000),
    ]  # fmt: skip
    assert years[2][4] in ("", None)  # 2026: no realised year, nothing to say


def test_skoen_takes_the_new_settings(udf_kb: KnowledgeBase) -> None:
    group = test_udfs.group_with_consequences(udf_kb)
    extra = {"drop_off": 0.2, "optimism_bias": {"costs": 0.3}, "consequence_tail": {"kind": "hold"}}
    qe = quick_estimate(udf_kb, group, 20, 50_000, 0.3, extra=extra)
    table = u.SOM_SKOEN(
        group, 20, 50_000, 0.3, None, "år",
        [["Aftagning", 0.2], ["Optimisme omkostninger", 0.3], ["Hale", "hold"]],
    )  # fmt: skip
    approx_table(table, grid.view(qe.result, "år"))
    plain = u.SOM_SKOEN(group, 20, 50_000, 0.3, None, "år")
    assert table != plain
    figures = u.SOM_SKOEN(group, 20, 50_000, 0.3)
    qe = quick_estimate(udf_kb, group, 20, 50_000, 0.3)
    share = qe.result.provenance["illustrative_share"]
    assert ["Andel af gevinsterne på illustrative værdier", pytest.approx(share)] in figures
    sentence = answer.provenance_sentence(qe.result)
    assert (["Bemærk", sentence] in figures) == (sentence is not None)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"indstillinger": [*SETTINGS, ["Succesrate", 0.3]]},
            "skriv enten succesrate (netto) eller succesrate med og uden indsatsen",
        ),
        (
            {"indstillinger": [r for r in SETTINGS if r[0] != "Succesrate uden indsats"]},
            "mangler succesrate uden indsatsen (angiv begge)",
        ),
        (
            {"indstillinger": [*SETTINGS[:8], ["Aftagning", 10], *SETTINGS[9:]]},
            "indstillinger, række 9 (aftagning): aftagningen skal være en andel mellem 0 og 1; "
            "10 % skrives 0,1",
        ),
        (
            {"indstillinger": [*SETTINGS[:12], ["Halens fald", 0]]},
            "(hale, rate): halens fald skal være en andel over 0 og højst 1",
        ),
        (
            {"indstillinger": [*SETTINGS[:11], ["Hale", "hold"], SETTINGS[12]]},
            "halens fald pr. år bruges kun med en aftagende hale (halen er 'hold')",
        ),
        (
            {"indstillinger": [*SETTINGS[:6], ["Succesrate med", 0.1], ["Dødvægt", 0.2]]},
            "succesraten uden indsatsen (0,2) er større end med indsatsen (0,1)",
        ),
        (
            {"indstillinger": [*SETTINGS[:9], ["Optimisme omkostninger", "20 %"], *SETTINGS[10:]]},
            "optimisme-tillægget skal være et tal uden %-tegn",
        ),
        (
            {"konsekvenser": [["Ydelse", "År 1", "Hale"], ["egen_doegn", -10, "måske"]]},
            "konsekvenser, række 2 (hale)",
        ),
        ({"udvalg": [["Udgiftspost", "Udvalg"], ["Egne ydelser", None]]}, "udvalget mangler"),
        ({"udvalg": [["a", "b", "c"]]}, "udvalg: skal være to kolonner: udgiftspost | udvalg"),
    ],
)
def test_new_inputs_give_danish_messages_naming_the_cell(
    udf_kb: KnowledgeBase, changes: dict[str, Any], message: str
) -> None:
    text = net("nøgletal", **changes)
    assert is_error(text), text
    assert message in text, text


def test_realised_range_messages(udf_kb: KnowledgeBase) -> None:
    args = [RANGES[k] for k in ("indstillinger", "deltagere", "omkostninger", "konsekvenser")]
    args += [RANGES["ydelser"]]
    for realised, message in (
        (None, "realiseret: mangler; angiv de realiserede år"),
        ([["Deltagere", "Succeser"], [8, 2]], "overskriften mangler kolonnen år"),
        ([["År", "Antal"], [2025, 8]], "realiseret, overskrift i kolonne 2: ukendt kolonne"),
        ([["År", "Deltagere"], [2025, 8.5]], "skal være et helt antal personer"),
        ([["År", "Deltagere"], [2025, 8], [2025, 9]], "realiseret, række 3: året står to gange"),
        ([["År", "Succeser"], [2031, 2]], "opfølgningsåret ligger uden for horisonten"),
    ):
        text = u.SOM_OPFOELGNING(*args, realised)
        assert is_error(text) and message in text, (realised, text)
    assert is_error(u.SOM_OPFOELGNING(*args, REALISED, "tabel"))


def test_ressourcer_equal_the_engine_and_the_hand_figures(udf_kb: KnowledgeBase) -> None:
    """0,5 årsværk × 400.000 kr. × (1 + 0,25 overhead) = 250.000 kr. in 2026 and in 2027;
    with the optimism bias on costs (× 1,2) 300.000 each: the net falls from −42.510 to
    −42.510 − 600.000 = −642.510."""
    data = file_data()
    data["resources"] = [
        {"label": "Rådgiver", "years": [2026, 2027], "fte": 0.5, "annual_wage": 400000,
         "overhead": 0.25},
    ]  # fmt: skip
    result = engine(data, udf_kb)
    ressourcer = [
        ["Betegnelse", "År", "Årsværk", "Årsløn", "Overhead"],
        ["Rådgiver", "2026-2027", 0.5, 400000, 0.25],
    ]
    r = RANGES
    for view in ("år", "nøgletal", "rækker"):
        got = u.SOM_NETTORESULTAT(
            r["indstillinger"], r["deltagere"], r["omkostninger"], r["konsekvenser"],
            r["ydelser"], view, r["udvalg"], None, ressourcer,
        )  # fmt: skip
        expected = result_view(result, view)
        assert isinstance(expected, list)
        approx_table(got, expected)
    assert result.net_undiscounted == pytest.approx(-642_510)


def test_relative_profile_and_baseline_warning_equal_the_engine(udf_kb: KnowledgeBase) -> None:
    """Relative −0,5 and −2 of a baseline of 10 days: the profile is −5 and −20 days per
    success (§3.17); −20 is below −10, so the engine warns, and the function says the same."""
    data = file_data()
    data["consequences"] = [
        {"service": "egen_doegn", "relative": [-0.5, -2], "during_course": [-2]},
    ]
    data["baseline"] = {"egen_doegn": 10}
    result = engine(data, udf_kb)
    assert result.warnings
    konsekvenser = [
        ["Ydelse", "Relativ år 1", "Relativ år 2", "Udgangsforbrug", "Under forløb år 1"],
        ["egen_doegn", -0.5, -2, 10, -2],
    ]
    for view in ("år", "nøgletal", "advarsler"):
        expected = result_view(result, view)
        assert isinstance(expected, list)
        approx_table(net(view, konsekvenser=konsekvenser), expected)
    assert net("advarsler", konsekvenser=konsekvenser)[1] == [result.warnings[0]]
    text = net("år", konsekvenser=[["Ydelse", "Relativ år 1"], ["egen_doegn", -0.5]])
    assert is_error(text) and "kolonnen udgangsforbrug" in text, text


def test_usikkerhed_and_foelsomhed_read_the_same_inputs(udf_kb: KnowledgeBase) -> None:
    """SOM_USIKKERHED and SOM_FOELSOMHED share the ranges' parsing: the central estimate is
    the net result at present value of the scenario file (−42.510 kr., rate 0)."""
    from som_xl.inputs.uncertainty import standard_uncertainty
    from som_xl.results.uncertainty import analyse

    usikkerhed = [["succesrate", "ligefordelt", 0.2, 0.6], ["trækninger", 500]]
    args = [RANGES[k] for k in ("indstillinger", "deltagere", "omkostninger", "konsekvenser")]
    args += [RANGES["ydelser"], usikkerhed]
    table = u.SOM_USIKKERHED(*args)
    assert_clean(table)
    figures = dict((r[0], r[1]) for r in table)
    assert figures["Centralt skøn"] == pytest.approx(-42_510)
    data = file_data()
    data["uncertainty"] = {
        "draws": 500,
        "seed": 2025,
        "success_rate": {"dist": "uniform", "low": 0.2, "high": 0.6},
    }
    spec = parse_scenario(data)
    assert spec.uncertainty is not None
    unc, notes = standard_uncertainty(spec, spec.uncertainty, None, "usikkerhed")
    expected = analyse(resolve(spec, udf_kb), unc, notes=notes)
    assert figures["P(nettoresultat > 0)"] == pytest.approx(expected.total.p_net_positive)
    assert figures["Middelværdi"] == pytest.approx(expected.total.mean)
    tornado = u.SOM_FOELSOMHED(*args)
    assert_clean(tornado)
    assert not is_error(tornado) and tornado[1][0] == "succesrate"


def test_every_new_value_read_from_the_sheet_has_its_place(udf_kb: KnowledgeBase) -> None:
    from som_xl.functions import scenario_from_ranges
    from som_xl.functions.places import origins
    from tests.functions.test_udfs_functions import scalar_paths

    ressourcer = [["Betegnelse", "År", "Timer", "Timeløn"], ["Tolk", "2025-2026", 100, 400]]
    konsekvenser = [
        ["Ydelse", "Relativ år 1", "Udgangsforbrug", "Under forløb år 1", "Hale", "Halens fald"],
        ["egen_doegn", -0.5, 10, -2, "aftagende", 0.3],
    ]
    data, places = scenario_from_ranges(
        RANGES["indstillinger"], RANGES["deltagere"], RANGES["omkostninger"], konsekvenser,
        RANGES["ydelser"], RANGES["udvalg"], REALISED, ressourcer,
    )  # fmt: skip
    named = origins("SOM_X", places)
    unnamed = [p for p in scalar_paths(data) if named.place(p) == "SOM_X"]
    assert not unnamed
    expected = {
        ("success_rate", "without"): "indstillinger, række 8 (succesrate, uden indsatsen)",
        ("drop_off",): "indstillinger, række 9 (aftagning)",
        ("optimism_bias", "gains"): "indstillinger, række 11 (optimisme, gevinster)",
        ("consequence_tail", "rate"): "indstillinger, række 13 (hale, rate)",
        ("consequences", 0, "relative", 0): "konsekvenser, række 2 (relativ år 1)",
        ("consequences", 0, "tail", "rate"): "konsekvenser, række 2 (hale, rate)",
        ("baseline", "egen_doegn"): "konsekvenser, række 2 (udgangsforbrug)",
        ("committees", "Egne ydelser"): "udvalg, række 3",
        ("realised", 2025, "successes"): "realiseret, række 2 (succeser)",
        ("resources", 0, "hourly_wage"): "ressourcer, række 2 (timeløn)",
    }
    assert {k: named.place(k) for k in expected} == expected
