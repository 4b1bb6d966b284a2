"""The Excel functions (udfs/som_udfs.py) called as plain Python: they equal the engine.

On Linux ``xw.func`` and ``xw.arg`` only attach metadata (or nothing), so the functions are
plain functions here; the Office.js path and xlwings Server are tested in
test_udfs_officejs.py. Every test runs on a small fixture knowledge base and on the real one.
"""

from __future__ import annotations

import ast
import copy
import inspect
import json
import math
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from som_xl import calculate, functions, load_kb, parse_scenario, resolve
from som_xl.conventions import PURSE_LABELS, PURSES
from som_xl.engine import discount_factors
from som_xl.errors import InputError
from som_xl.functions import calculations
from som_xl.functions.cells import fold
from som_xl.inputs import fields
from som_xl.inputs.quick import quick_estimate
from som_xl.kb import KnowledgeBase
from som_xl.present import da
from som_xl.results import Result
from tests.conftest import STANDALONE
from tests.paths import ROOT as ROOT_DIR
from udfs import som_udfs as u

ROOT = ROOT_DIR
FIXTURE_KB = ROOT / "tests" / "fixtures" / "kb_udfs"
REAL_KB = ROOT / "knowledge"
PREFIX = functions.ERROR_PREFIX


def kb_params() -> list[Any]:
    return [
        pytest.param(FIXTURE_KB, id="fixtur-kb"),
        pytest.param(REAL_KB, id="rigtig-kb"),
    ]


@pytest.fixture(params=kb_params())
def udf_kb(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> KnowledgeBase:
    """The knowledge base the functions load (through $SOM_XL_KNOWLEDGE)."""
    monkeypatch.setenv("SOM_XL_KNOWLEDGE", str(request.param))
    return load_kb(request.param)


def engine(data: dict[str, Any], kb: KnowledgeBase | None) -> Result:
    return calculate(resolve(parse_scenario(copy.deepcopy(data)), kb))


def group_with_consequences(kb: KnowledgeBase) -> str:
    return next(g for g in kb.target_groups if kb.consequences.get(g))


def assert_clean(value: Any) -> None:
    """A number, a text or a rectangular table of them; never inf/NaN; valid JSON."""
    json.dumps(value, allow_nan=False)
    if isinstance(value, list):
        assert value and all(isinstance(r, list) for r in value)
        assert len({len(r) for r in value}) == 1, "tabellen er ikke rektangulær"
        cells = [c for r in value for c in r]
    else:
        cells = [value]
    for c in cells:
        assert isinstance(c, str | int | float | bool), c
        if isinstance(c, float):
            assert math.isfinite(c)


def is_error(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def approx_table(actual: list[list[Any]], expected: list[list[Any]]) -> None:
    assert len(actual) == len(expected)
    for a_row, e_row in zip(actual, expected, strict=True):
        assert len(a_row) == len(e_row)
        for a, e in zip(a_row, e_row, strict=True):
            if isinstance(e, float):
                assert a == pytest.approx(e, rel=1e-12, abs=1e-9)
            else:
                assert a == e


# --- the scenario used across tests ------------------------------------------------------


def sheet_scenario(kb: KnowledgeBase) -> tuple[dict[str, list[list[Any]]], dict[str, Any]]:
    """Ranges as a finance officer would type them, and the same scenario as a §4 dict."""
    group = group_with_consequences(kb)
    local = kb.consequences[group][0].service
    ranges = {
        "indstillinger": [
            ["Navn", "Test"],
            ["Målgruppe", group],
            ["Startår", 2025.0],
            ["Horisont (år)", 10.0],
            ["Prisår", float(kb.defaults.price_year)],
            ["Diskonteringsrente", "FM"],
            ["Forløbsår", 2.0],
            ["Succesrate", 0.25],
        ],
        "deltagere": [["År", 2025.0, 2026.0, 2027.0], ["Deltagere", 12.0, 15.0, None]],
        "omkostninger": [
            ["Betegnelse", "Type", "Beløb", "År", "Kasse", "Udgiftspost", "Prisår"],
            ["Opstart", "engang", 250000.0, 2025.0, None, None, None],
            ["Drift", "årlig", 1200000.0, "2025-2027", "Kommune", None, None],
            ["Materialer", "pr. deltager", 5000.0, None, "region", None, None],
            ["Sparet støtte", "Årlig", -100000.0, "2026; 2027", "stat", "sociale_voksne", None],
            ["Gammel pris", "engang", 90000.0, 2026.0, None, None, 2022.0],
        ],
        "ydelser": [["Ydelse", "Kommune", "Prisår"], [local, 999.0, 2024.0]],
    }
    data = {
        "name": "Test",
        "target_group": group,
        "start_year": 2025,
        "horizon_years": 10,
        "price_year": kb.defaults.price_year,
        "discount_rate": "fm",
        "course_years": 2,
        "participants": {2025: 12, 2026: 15},
        "success_rate": 0.25,
        "costs": [
            {"label": "Opstart", "kind": "once", "year": 2025, "amount": 250000},
            {"label": "Drift", "kind": "annual", "years": [2025, 2026, 2027], "amount": 1200000},
            {"label": "Materialer", "kind": "per_participant", "amount": 5000, "purse": "region"},
            {
                "label": "Sparet støtte",
                "kind": "annual",
                "years": [2026, 2027],
                "amount": -100000,
                "purse": "stat",
                "budget_item": "sociale_voksne",
            },
            {
                "label": "Gammel pris",
                "kind": "once",
                "year": 2026,
                "amount": 90000,
                "price_year": 2022,
            },
        ],
        "services": [{"id": local, "prices": {"kommune": 999}, "price_year": 2024}],
    }
    if 2022 not in kb.price_index.values:  # the real index may start later
        ranges["omkostninger"] = ranges["omkostninger"][:-1]
        data["costs"] = data["costs"][:-1]
    return ranges, data


def net(ranges: dict[str, Any], visning: str | None = None, **changes: Any) -> Any:
    r = {**ranges, **changes}
    return u.SOM_NETTORESULTAT(
        r["indstillinger"],
        r["deltagere"],
        r.get("omkostninger"),
        r.get("konsekvenser"),
        r.get("ydelser"),
        visning,
    )


# --- SOM_PRIS ---------------------------------------------------------------------------


def test_pris_equals_engine_price_moved_by_index(udf_kb: KnowledgeBase) -> None:
    idx = udf_kb.price_index.values
    years = sorted({udf_kb.defaults.price_year, min(idx), max(idx)})
    for s in list(udf_kb.services.values())[:12]:
        for year in years:
            factor = idx[year] / idx[s.price_year]
            national = s.prices.as_tuple()
            for purse, price in zip(PURSES, national, strict=True):
                got = u.SOM_PRIS(s.id, purse, float(year))
                assert got == pytest.approx(price * factor, rel=1e-12), (s.id, purse, year)
            assert u.SOM_PRIS(s.id, "i alt", year) == pytest.approx(sum(national) * factor)
        default = u.SOM_PRIS(s.id, "kommune")
        assert default == pytest.approx(u.SOM_PRIS(s.id, "kommune", udf_kb.defaults.price_year))


def test_pris_accepts_label_upper_case_and_one_cell_ranges(udf_kb: KnowledgeBase) -> None:
    s = next(iter(udf_kb.services.values()))
    expected = u.SOM_PRIS(s.id, "kommune")
    assert u.SOM_PRIS(s.label.upper(), " Kommune ", None) == expected
    assert u.SOM_PRIS([[s.id]], [["kommune"]], [[None]]) == expected
    assert u.SOM_PRIS(s.id.upper(), "KOMMUNE", "") == expected


def test_pris_errors_are_short_danish_texts_with_nearest_ids(udf_kb: KnowledgeBase) -> None:
    s = next(iter(udf_kb.services))
    typo = s[:-1]
    text = u.SOM_PRIS(typo, "kommune")
    assert is_error(text) and "ukendt ydelse" in text and f"'{s}'" in text, text
    text = u.SOM_PRIS(s, "kommunen")
    assert is_error(text) and "ukendt aktør" in text and '"i alt"' in text
    for outside in (1999, 2101):  # every year has the field table's bounds, 2000-2100
        text = u.SOM_PRIS(s, "kommune", outside)
        assert (
            text
            == f"{PREFIX} i SOM_PRIS: prisaar: skal ligge mellem 2000 og 2100 (værdi: {outside})"
        )
    text = u.SOM_PRIS(s, "kommune", 2099)
    assert is_error(text) and "prisindekset har ikke året" in text and "kendte år" in text
    text = u.SOM_PRIS(s, "kommune", "#N/A")
    assert is_error(text) and "Excel-fejlen #N/A" in text
    text = u.SOM_PRIS([[s, s]], "kommune")
    assert is_error(text) and "én celle" in text
    text = u.SOM_PRIS(None, "kommune")
    assert is_error(text) and "mangler" in text
    for t in (text,):
        assert "Traceback" not in t and len(t) < 400


# --- the lists ---------------------------------------------------------------------------


def test_maalgrupper_ydelser_konsekvenser_tables(udf_kb: KnowledgeBase) -> None:
    groups = u.SOM_MAALGRUPPER()
    assert_clean(groups)
    assert groups[0] == functions.GROUP_HEADERS
    assert [r[0] for r in groups[1:]] == list(udf_kb.target_groups)

    services = u.SOM_YDELSER()
    assert_clean(services)
    assert services[0] == functions.SERVICE_HEADERS
    assert [r[0] for r in services[1:]] == list(udf_kb.services)
    for row in services[1:]:
        s = udf_kb.services[row[0]]
        assert row[5] == s.price_year and tuple(row[6:9]) == s.prices.as_tuple()

    hit = u.SOM_YDELSER("psykiatri")
    assert len(hit) > 1 and all("psykiatri" in fold(" ".join(map(str, r))) for r in hit[1:])
    folded = u.SOM_YDELSER("DØGN")  # æøå and case are folded
    assert len(folded) > 1 and folded == u.SOM_YDELSER("doegn")
    none = u.SOM_YDELSER("zzz qqq")
    assert len(none) == 2 and "ingen ydelser matcher" in none[1][0]
    assert_clean(none)

    group = group_with_consequences(udf_kb)
    cons = u.SOM_KONSEKVENSER(group)
    assert_clean(cons)
    assert cons[0][:6] == ["ydelse", "navn", "enhed", "retning", "udgiftspost", "status"]
    for row, c in zip(cons[1:], udf_kb.consequences[group], strict=True):
        assert row[0] == c.service
        profile = [v for v in row[6:] if v != ""]
        assert profile == list(c.profile)
    assert is_error(u.SOM_KONSEKVENSER(group + "x"))
    assert f"'{group}'" in u.SOM_KONSEKVENSER(group + "x")


def test_info(udf_kb: KnowledgeBase) -> None:
    info = u.SOM_INFO()
    assert_clean(info)
    values = dict((r[0], r[1]) for r in info[1:])
    assert values["Vidensdatabasens fingeraftryk"] == udf_kb.fingerprint
    assert values["Vidensdatabasens version"] == (udf_kb.version or "ikke angivet")
    assert values["Ydelser"] == len(udf_kb.services)


# --- SOM_NETTORESULTAT --------------------------------------------------------------------


def test_nettoresultat_equals_engine_in_every_view(udf_kb: KnowledgeBase) -> None:
    ranges, data = sheet_scenario(udf_kb)
    result = engine(data, udf_kb)
    d = result.to_dict()

    years = net(ranges)
    assert_clean(years)
    assert (
        years[0]
        == functions.YEAR_HEADERS
        == [
            "år",
            "omkostninger",
            "gevinster",
            "netto",
            "diskonteringsfaktor",
            "netto (nutidsværdi)",
            "akkumuleret",
        ]
    )
    expected = [
        [
            r["year"],
            r["costs"],
            r["gains"],
            r["net"],
            r["discount_factor"],
            r["discounted_net"],
            r["cumulative_discounted_net"],
        ]
        for r in result.year_rows()
    ]
    approx_table(years[1:], expected)
    assert net(ranges, "år") == years

    with_total = net(ranges, "År i alt")
    approx_table(with_total[:-1], years)
    total = with_total[-1]
    assert total[0] == "I alt" and total[4] == "" and total[6] == ""
    assert total[1] == pytest.approx(d["costs"]["undiscounted"])
    assert total[2] == pytest.approx(d["gains"]["undiscounted"])
    assert total[3] == pytest.approx(result.net_undiscounted)
    assert total[5] == pytest.approx(result.net_discounted)

    figures = dict((r[0], r[1]) for r in net(ranges, "nøgletal")[1:])
    assert figures["Nettoresultat (nutidsværdi)"] == pytest.approx(result.net_discounted)
    assert figures["Nettoresultat"] == pytest.approx(result.net_undiscounted)
    assert figures["Omkostninger (nutidsværdi)"] == pytest.approx(result.pv_costs)
    assert figures["Gevinster (nutidsværdi)"] == pytest.approx(result.pv_gains)
    bey = result.break_even_year
    assert figures["Break-even-år"] == (bey if bey is not None else "ikke inden for horisonten")
    if result.benefit_cost_ratio is not None:
        assert figures["Gevinst pr. omkostningskrone"] == pytest.approx(result.benefit_cost_ratio)
    if result.break_even_success_rate is not None:
        assert figures["Break-even-succesrate"] == pytest.approx(result.break_even_success_rate)
    assert figures["Vidensdatabase"] == udf_kb.fingerprint
    assert figures["Diskontering"] == "fm"

    purses = net(ranges, "aktør")
    assert net(ranges, "kasse") == purses  # the older word still works
    assert_clean(purses)
    keys = ("costs", "gains", "net", "discounted_costs", "discounted_gains", "discounted_net")
    approx_table(
        purses[1:-1],
        [[PURSE_LABELS[p["purse"]], *(float(p[k]) for k in keys)] for p in result.by_purse()],
    )
    assert purses[-1][6] == pytest.approx(result.net_discounted)

    items = net(ranges, "udgiftspost")
    approx_table(
        items[1:-1],
        [[b["budget_item"], *(float(b[k]) for k in keys)] for b in result.by_budget_item()],
    )

    per_year = net(ranges, "aktør pr. år")
    assert per_year[0] == ["år", "Kommune", "Region", "Stat", "I alt"]
    for t, row in enumerate(per_year[1:]):
        assert row[0] == 2025 + t
        assert row[1:4] == pytest.approx([p["net_by_year"][t] for p in result.by_purse()])
        assert row[4] == pytest.approx(result.year_rows()[t]["net"])

    tidy = net(ranges, "rækker")
    assert tidy[0] == functions.ROW_HEADERS
    assert len(tidy) - 1 == len(result.rows())
    for row, r in zip(tidy[1:], result.rows(), strict=True):
        assert row[0] == r["year"] and row[1] == PURSE_LABELS[r["purse"]]
        assert row[2] == r["budget_item"] and row[4] == pytest.approx(r["value"])
        assert row[3] == {"cost": "omkostning", "gain": "gevinst"}[r["kind"]]


def test_layouts_of_participants_and_costs_give_the_same_result(udf_kb: KnowledgeBase) -> None:
    ranges, data = sheet_scenario(udf_kb)
    base = net(ranges, "år")
    for participants in (
        [[2025, 12], [2026, 15]],  # two columns
        [["År", "Antal"], [2025, 12], [2026, 15], [2027, None]],  # with a header
        [[2025, 2026], [12, 15]],  # two rows, no labels
        [[12, 15, 0]],  # one row of counts from the start year (one-row range)
        [[12], [15]],  # one column of counts from the start year
    ):
        assert net(ranges, "år", deltagere=participants) == base, participants

    # Costs: the long layout's once/annual lines as a wide table with years as columns.
    wide_data = copy.deepcopy(data)
    wide_data["costs"] = [c for c in data["costs"] if c["kind"] != "per_participant"]
    wide_data["costs"] = [c for c in wide_data["costs"] if "price_year" not in c]
    wide = [
        ["Omkostning", "Kasse", "Udgiftspost", 2025, 2026, "2027"],
        ["Opstart", "kommune", None, 250000, None, None],
        ["Drift", "kommune", None, 1200000, 1200000, 1200000],
        ["Sparet støtte", "Stat", "sociale_voksne", 0, -100000, -100000],
    ]
    expected = engine(wide_data, udf_kb).year_rows()
    got = net(ranges, "år", omkostninger=wide)
    assert [r[1] for r in got[1:]] == pytest.approx([r["costs"] for r in expected])
    assert [r[5] for r in got[1:]] == pytest.approx([r["discounted_net"] for r in expected])


def test_outputs_of_the_list_functions_can_be_pasted_back(udf_kb: KnowledgeBase) -> None:
    ranges, _ = sheet_scenario(udf_kb)
    ranges.pop("ydelser")
    group = ranges["indstillinger"][1][1]
    base = net(ranges)
    # SOM_KONSEKVENSER's table as the konsekvenser argument: same consequences.
    assert net(ranges, konsekvenser=u.SOM_KONSEKVENSER(group)) == base
    # SOM_YDELSER's rows as own services: the same prices (moved from their price year).
    used = {c.service for c in udf_kb.consequences[group]}
    table = u.SOM_YDELSER()
    rows = [table[0]] + [r for r in table[1:] if r[0] in used]
    approx_table(net(ranges, ydelser=rows), base)


def test_own_services_and_consequences_need_no_knowledge_base(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SOM_XL_KNOWLEDGE", str(tmp_path / "findes-ikke"))
    s = STANDALONE
    settings_range = [
        ["navn", s["name"]],
        ["start_year", s["start_year"]],
        ["horizon_years", s["horizon_years"]],
        ["price_year", s["price_year"]],
        ["discount_rate", s["discount_rate"]],
        ["course_years", s["course_years"]],
        ["success_rate", s["success_rate"]],
    ]
    participants = [[y, n] for y, n in s["participants"].items()]
    costs = [["label", "kind", "amount", "years", "purse"]]
    for c in s["costs"]:
        years = c.get("years") or ([c["year"]] if "year" in c else [])
        costs.append(
            [c["label"], c["kind"], c["amount"], ";".join(map(str, years)) or None, c.get("purse")]
        )
    width = max(len(c["profile"]) for c in s["consequences"])
    consequences = [["ydelse", *(f"år {k}" for k in range(1, width + 1))]] + [
        [c["service"], *c["profile"], *([None] * (width - len(c["profile"])))]
        for c in s["consequences"]
    ]
    services = [
        ["ydelse", "navn", "enhed", "retning", "udgiftspost", "prisår", "kommune", "region", "stat"]
    ] + [
        [
            x["id"],
            x["label"],
            x["unit"],
            {"expenditure": "udgift", "revenue": "indtægt"}[x["direction"]],
            x["budget_item"],
            x["price_year"],
            *(x["prices"][p] for p in PURSES),
        ]
        for x in s["services"]
    ]
    got = u.SOM_NETTORESULTAT(settings_range, participants, costs, consequences, services, "år")
    assert not is_error(got), got
    result = engine(s, None)
    assert [r[6] for r in got[1:]] == pytest.approx(
        [r["cumulative_discounted_net"] for r in result.year_rows()]
    )


def test_nettoresultat_errors_point_to_the_cells(udf_kb: KnowledgeBase) -> None:
    ranges, _ = sheet_scenario(udf_kb)
    costs = copy.deepcopy(ranges["omkostninger"])
    costs[2][2] = "1.200.000,00"  # a Danish number written as text is read (the field table)
    assert net(ranges, omkostninger=costs) == net(ranges)
    costs[2][2] = "mange"
    text = net(ranges, omkostninger=costs)
    assert is_error(text) and "omkostninger, række 3 (beløb)" in text, text
    assert "beløbet skal være et tal" in text

    text = net(ranges, deltagere=[["År", 2025, 2040], ["Deltagere", 10, 10]])
    assert is_error(text) and "deltagere, kolonne 3" in text and "uden for horisonten" in text

    settings_range = [*ranges["indstillinger"], ["Succesrat", 0.2]]
    text = net(ranges, indstillinger=settings_range)
    assert "indstillinger, række 9" in text and "mente du 'succesrate'" in text

    settings_range = [
        r if r[0] != "Succesrate" else ["Succesrate", "30%"] for r in ranges["indstillinger"]
    ]
    text = net(ranges, indstillinger=settings_range)
    assert "indstillinger, række 8 (succesrate)" in text and "%-tegn" in text, text

    service = next(iter(udf_kb.services))
    text = net(ranges, konsekvenser=[["ydelse", "år 1"], [service[:-1], -1]])
    assert "konsekvenser, række 2 (ydelse)" in text and f"'{service}'" in text, text

    text = net(ranges, omkostninger=[["Betegnelse", "Beløb", "Kasse2"], ["x", 1, "kommune"]])
    assert "ukendt kolonne" in text and "kolonne 3" in text

    text = net(ranges, omkostninger=[["x", "y"], [1, 2]])
    assert "overskriftsrække" in text

    text = net(ranges, "tabel")
    assert is_error(text) and '"aktør pr. år"' in text

    text = net(ranges, deltagere=[["År", 2025], ["Deltagere", "#DIV/0!"]])
    assert "Excel-fejlen #DIV/0!" in text and "række 2, kolonne 2" in text

    group = ranges["indstillinger"][1][1]
    settings_range = [
        r if r[0] != "Målgruppe" else ["Målgruppe", group + "z"] for r in ranges["indstillinger"]
    ]
    text = net(ranges, indstillinger=settings_range)
    assert "ukendt målgruppe" in text and f"'{group}'" in text and "række 2" in text


def test_resolver_texts_name_no_scenario_file_key(udf_kb: KnowledgeBase) -> None:
    ranges, _ = sheet_scenario(udf_kb)
    service = next(iter(udf_kb.services))
    texts = [
        net(ranges, konsekvenser=[["ydelse", "år 1"], [service[:-1], -1]]),
        net(
            ranges,
            indstillinger=[
                *ranges["indstillinger"][:4],
                ["Prisår", 2099],
                *ranges["indstillinger"][5:],
            ],
        ),
        net(ranges, ydelser=[["ydelse", "kommune"], [service, 1], [service, 2]]),
    ]
    for text in texts:
        assert is_error(text), text
        assert "'services'" not in text and "'price_index'" not in text, text


def test_no_costs_gives_text_not_nan(udf_kb: KnowledgeBase) -> None:
    ranges, _ = sheet_scenario(udf_kb)
    figures = net(ranges, "nøgletal", omkostninger=None)
    assert_clean(figures)
    values = dict((r[0], r[1]) for r in figures[1:])
    assert values["Gevinst pr. omkostningskrone"] == da.not_defined("benefit_cost_ratio")


def test_broken_knowledge_base_gives_one_clear_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / "kb"
    broken.mkdir()
    for f in FIXTURE_KB.rglob("*.yaml"):
        target = broken / f.relative_to(FIXTURE_KB)
        target.parent.mkdir(exist_ok=True)
        target.write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    text = (broken / "services.yaml").read_text(encoding="utf-8")
    (broken / "services.yaml").write_text(text.replace("unit: uge", "unit: ugge"), "utf-8")
    monkeypatch.setenv("SOM_XL_KNOWLEDGE", str(broken))
    text = u.SOM_PRIS("kontanthjaelp_uge", "kommune")
    assert text.startswith(f"{PREFIX} i SOM_PRIS: vidensdatabasen: kan ikke indlæses")
    assert "ukendt enhed" in text and "'uge'" in text


def test_internal_errors_become_text(
    udf_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    ranges, _ = sheet_scenario(udf_kb)

    def boom(*args: Any) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(calculations, "calculate", boom)
    text = net(ranges)
    assert text.startswith(f"{PREFIX} i SOM_NETTORESULTAT: intern fejl (ZeroDivisionError")
    assert "Traceback" not in text


# --- SOM_NUTIDSVAERDI ---------------------------------------------------------------------


def test_nutidsvaerdi_equals_the_engine(udf_kb: KnowledgeBase) -> None:
    _, data = sheet_scenario(udf_kb)
    result = engine(data, udf_kb)
    column = [[r["net"]] for r in result.year_rows()]
    assert u.SOM_NUTIDSVAERDI(column, "fm") == pytest.approx(result.net_discounted, rel=1e-12)
    row = [[r["net"] for r in result.year_rows()]]
    assert u.SOM_NUTIDSVAERDI(row, "FM") == pytest.approx(result.net_discounted, rel=1e-12)
    years = [[r["year"], r["net"]] for r in result.year_rows()]
    assert u.SOM_NUTIDSVAERDI(years, "fm") == pytest.approx(result.net_discounted, rel=1e-12)
    assert u.SOM_NUTIDSVAERDI([["År", "Netto"], *years], "fm", 2025) == pytest.approx(
        result.net_discounted, rel=1e-12
    )


def test_nutidsvaerdi_convention_first_value_undiscounted(udf_kb: KnowledgeBase) -> None:
    assert u.SOM_NUTIDSVAERDI([[100.0]], 0.05) == 100.0
    assert u.SOM_NUTIDSVAERDI([[100, 100, 100]], 0.05) == pytest.approx(
        100 + 100 / 1.05 + 100 / 1.05**2
    )
    # Years with a start year before the first value: that value is discounted.
    assert u.SOM_NUTIDSVAERDI([[2026, 2028], [100, 100]], 0.05, 2025) == pytest.approx(
        100 / 1.05 + 100 / 1.05**3
    )
    # Empty cells count as 0; the FM schedule changes after year 35.
    fm = [(s.from_year, s.rate) for s in udf_kb.discount_rates["fm"].schedule]
    values = [[1.0] * 40]
    values[0][3] = None
    expected = sum(discount_factors(40, fm)) - discount_factors(40, fm)[3]
    assert u.SOM_NUTIDSVAERDI(values, "fm") == pytest.approx(expected, rel=1e-12)
    d36 = 1.035**-35 / 1.025
    assert discount_factors(40, fm)[36] == pytest.approx(d36)


def test_nutidsvaerdi_errors(udf_kb: KnowledgeBase) -> None:
    assert "0,035 for 3,5 %" in u.SOM_NUTIDSVAERDI([[1, 2]], 3.5)
    assert "uden %-tegn" in u.SOM_NUTIDSVAERDI([[1, 2]], "3,5 %")
    assert "mente du 'fm'" in u.SOM_NUTIDSVAERDI([[1, 2]], "fn")
    assert "mangler" in u.SOM_NUTIDSVAERDI([[1, 2]], None)
    assert "værdi nr. 2" in u.SOM_NUTIDSVAERDI([[1, "x"]], 0.03)
    assert "efter første år" in u.SOM_NUTIDSVAERDI([[2025, 2026], [1, 2]], 0.03, 2026)
    assert "Excel-fejlen #VALUE!" in u.SOM_NUTIDSVAERDI([[1, "#VALUE!"]], 0.03)
    assert is_error(u.SOM_NUTIDSVAERDI([[1, 2], [3, 4], [5, 6]], 0.03))


def test_nutidsvaerdi_two_by_two_reads_years_over_amounts(udf_kb: KnowledgeBase) -> None:
    """2000 and 2100 are amounts, not years: the consecutive years decide the orientation."""
    expected = 2000 + 2100 / 1.1
    assert u.SOM_NUTIDSVAERDI([[2025, 2026], [2000, 2100]], 0.1) == pytest.approx(expected)
    assert u.SOM_NUTIDSVAERDI([[2025, 2000], [2026, 2100]], 0.1) == pytest.approx(expected)
    # Both ways read as increasing years: the labels decide, or the user is asked.
    tie = [[2025, 2027], [2030, 2100]]
    text = u.SOM_NUTIDSVAERDI(tie, 0.1)
    assert is_error(text) and "første række eller første kolonne" in text, text
    with_header = u.SOM_NUTIDSVAERDI([["År", "Beløb"], *tie], 0.1)  # columns: year | amount
    assert with_header == pytest.approx(2027 + 2100 / 1.1**5)
    labelled = u.SOM_NUTIDSVAERDI([["År", *tie[0]], ["Beløb", *tie[1]]], 0.1)  # rows
    assert labelled == pytest.approx(2030 + 2100 / 1.1**2)
    # Consecutive years both ways (a symmetric range) is ambiguous too.
    assert "første række eller første kolonne" in u.SOM_NUTIDSVAERDI([[2025, 2026], [2026, 2]], 0)


def test_nutidsvaerdi_amount_without_a_year_is_an_error(udf_kb: KnowledgeBase) -> None:
    text = u.SOM_NUTIDSVAERDI([[2025, None, 2027], [100, 200, 300]], 0.1)
    assert text == (
        f"{PREFIX} i SOM_NUTIDSVAERDI: vaerdier, kolonne 2: beløbet mangler et årstal (værdi: 200)"
    )
    text = u.SOM_NUTIDSVAERDI([[2025, 100], [None, 200], [2027, 300]], 0.1)
    assert "vaerdier, række 2: beløbet mangler et årstal" in text
    # A year without an amount is 0; a blank pair is skipped.
    assert u.SOM_NUTIDSVAERDI([[2025, 2026, None, 2027], [100, None, None, 300]], 0.1) == (
        pytest.approx(100 + 300 / 1.1**2)
    )


def test_nutidsvaerdi_start_year_needs_years(udf_kb: KnowledgeBase) -> None:
    """README: startår is the undiscounted year when the values have years; else an error."""
    text = u.SOM_NUTIDSVAERDI([[100, 200, 300]], 0.1, 2025)
    assert is_error(text) and "startaar" in text and "kun, når værdierne har årstal" in text
    assert u.SOM_NUTIDSVAERDI([[100, 200, 300]], 0.1) == pytest.approx(
        100 + 200 / 1.1 + 300 / 1.1**2
    )
    assert u.SOM_NUTIDSVAERDI([[2025, 2026], [100, 200]], 0.1, 2024) == pytest.approx(
        100 / 1.1 + 200 / 1.1**2
    )


def test_discount_rates_use_the_field_table(udf_kb: KnowledgeBase) -> None:
    rate = fields.field("discount_rate")
    limits = f"mellem {rate.lo:g} og {rate.hi:g}".replace(".", ",")
    for bad in (-0.01, 0.25, "0,25"):
        text = u.SOM_NUTIDSVAERDI([[1, 2]], bad)
        assert is_error(text) and f"diskonteringsrenten skal være en andel {limits}" in text
        assert (
            text.endswith(f"(værdi: {bad!r})")
            and fields.check("discount_rate", bad, cells=True) in text
        )
    for percent in (3.5, "3,5", "3.5"):  # never 350 %
        text = u.SOM_NUTIDSVAERDI([[1, 2]], percent)
        assert is_error(text) and "andel, fx 0,035 for 3,5 %, ikke 3,5" in text, text
    assert "uden %-tegn" in u.SOM_NUTIDSVAERDI([[1, 2]], "3,5 %")
    assert u.SOM_NUTIDSVAERDI([[1, 2]], "0,035") == pytest.approx(1 + 2 / 1.035)
    assert u.SOM_NUTIDSVAERDI([[1, 2]], rate.lo) == pytest.approx(3)
    assert u.SOM_NUTIDSVAERDI([[1, 2]], rate.hi) == pytest.approx(1 + 2 / (1 + rate.hi))


def test_discount_rate_in_the_settings(udf_kb: KnowledgeBase) -> None:
    ranges, data = sheet_scenario(udf_kb)

    def with_rate(rate: Any) -> list[list[Any]]:
        return [
            r if r[0] != "Diskonteringsrente" else [r[0], rate] for r in ranges["indstillinger"]
        ]

    for percent in ("3,5", "3.5", 3.5):
        text = net(ranges, indstillinger=with_rate(percent))
        assert is_error(text), text
        assert "indstillinger, række 6 (diskonteringsrente)" in text
        assert "andel, fx 0,035 for 3,5 %, ikke 3,5" in text
    text = net(ranges, indstillinger=with_rate(0.3))
    assert "andel mellem 0 og 0,2" in text
    expected = engine({**data, "discount_rate": 0.035}, udf_kb).year_rows()
    got = net(ranges, indstillinger=with_rate("0,035"))
    assert [r[6] for r in got[1:]] == pytest.approx(
        [r["cumulative_discounted_net"] for r in expected]
    )
    skoen = u.SOM_SKOEN(ranges["indstillinger"][1][1], 10, 100, 0.2, None, None, [["rente", 3.5]])
    assert "indstillinger, række 1 (diskonteringsrente)" in skoen and "0,035" in skoen


def test_participants_orientation_follows_the_same_rule(udf_kb: KnowledgeBase) -> None:
    ranges, _ = sheet_scenario(udf_kb)
    settings = ranges["indstillinger"]

    def participants(rng: Any) -> Any:
        return functions.scenario_from_ranges(settings, rng)[0]["participants"]

    assert participants([[2025, 2000], [2026, 2100]]) == {2025: 2000, 2026: 2100}  # columns
    assert participants([[2025, 2026], [2000, 2100]]) == {2025: 2000, 2026: 2100}  # rows
    tie = [[2025, 2027], [2030, 2100]]
    with pytest.raises(InputError, match="første række eller første kolonne"):
        participants(tie)
    assert participants([["År", "Antal"], *tie]) == {2025: 2027, 2030: 2100}
    with pytest.raises(InputError, match=r"deltagere, kolonne 2: året skal være et årstal"):
        participants([[2025, None, 2027], [10, 20, 30]])
    # Labels decide the layout: under "År | Antal" a year outside the table's bounds is an
    # error, never read as a count from the start year.
    with pytest.raises(InputError, match=r"deltagere, række 2: skal ligge mellem 2000 og 2100"):
        participants([["År", "Antal"], [1999, 10]])
    assert participants([["Deltagere", 12, 15]]) == {2025: 12, 2026: 15}


def test_duplicate_column_headers_are_errors(udf_kb: KnowledgeBase) -> None:
    ranges, _ = sheet_scenario(udf_kb)
    service = udf_kb.consequences[ranges["indstillinger"][1][1]][0].service
    text = net(ranges, konsekvenser=[["ydelse", "år 1", "År 1"], [service, -1, -2]])
    assert is_error(text)
    assert "konsekvenser, overskrift i kolonne 3: kolonnen står to gange (også i kolonne 2)" in text
    assert "(værdi: 'År 1')" in text
    text = net(ranges, konsekvenser=[["ydelse", "år 1", "service"], [service, -1, service]])
    assert "konsekvenser, overskrift i kolonne 3: kolonnen står to gange" in text
    text = net(ranges, ydelser=[["ydelse", "kommune", "Kommune"], [service, 1, 2]])
    assert "ydelser, overskrift i kolonne 3: kolonnen står to gange (også i kolonne 2)" in text
    text = net(ranges, omkostninger=[["Betegnelse", 2025, "2025"], ["x", 1, 2]])
    assert "omkostninger, overskrift i kolonne 3: kolonnen står to gange" in text
    text = net(ranges, omkostninger=[["Betegnelse", "Kasse", "kasse", 2025], ["x", "stat", "x", 1]])
    assert "omkostninger, overskrift i kolonne 3: kolonnen står to gange" in text


def test_huge_numbers_give_a_danish_text(
    udf_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    ranges, _ = sheet_scenario(udf_kb)
    service = udf_kb.consequences[ranges["indstillinger"][1][1]][0].service
    for value in (
        u.SOM_NUTIDSVAERDI([[1e308, 1e308]], 0.03),
        net(ranges, deltagere=[[2025, 1e308]]),
        net(ranges, omkostninger=[["Betegnelse", "Beløb", "År"], ["x", 1e308, 2025]]),
        net(ranges, omkostninger=[["Betegnelse", 2025], ["x", -1e308]]),
        net(ranges, konsekvenser=[["ydelse", "år 1"], [service, 1e308]]),
        net(ranges, ydelser=[["ydelse", "kommune"], [service, 1e308]]),
        u.SOM_SKOEN(ranges["indstillinger"][1][1], 1e308, 100, 0.2),
        u.SOM_SKOEN(ranges["indstillinger"][1][1], 10, 1e308, 0.2),
    ):
        assert_clean(value)
        assert is_error(value) and "er urealistisk stort (højst 1" in value, value  # 10.000.000 …
    # Whatever still overflows (or comes back from the engine as inf/NaN) is a text too.
    guarded = functions.guarded
    assert guarded("SOM_X", lambda: [[1.0, math.inf]]) == f"{PREFIX} i SOM_X: {functions.TOO_LARGE}"
    assert guarded("SOM_X", lambda: math.nan).startswith(f"{PREFIX} i SOM_X: beløbene er for")
    monkeypatch.setattr(calculations, "discount_factors", lambda n, s: [math.inf] * n)
    text = u.SOM_NUTIDSVAERDI([[1, 2]], 0.03)
    assert is_error(text) and "beløbene er for store til at regne med" in text


# --- SOM_SKOEN ----------------------------------------------------------------------------


def test_skoen_equals_quick_estimate(udf_kb: KnowledgeBase) -> None:
    group = group_with_consequences(udf_kb)
    has_default = any(
        e.target_group == group and e.success_rate is not None for e in udf_kb.effects.values()
    )
    qe = quick_estimate(udf_kb, group, 20, 60000, 0.2)
    figures = u.SOM_SKOEN(group, 20.0, 60000.0, 0.2)
    assert_clean(figures)
    values = dict((r[0], r[1]) for r in figures[1:])
    assert values["Nettoresultat (nutidsværdi)"] == pytest.approx(qe.result.net_discounted)
    assert values["Succesrate"] == 0.2 and values["Succesrate fra"] == "angivet"
    assert values["Deltagere"] == 20
    years = u.SOM_SKOEN(group, 20, 60000, 0.2, None, "år")
    assert [r[6] for r in years[1:]] == pytest.approx(
        [r["cumulative_discounted_net"] for r in qe.result.year_rows()]
    )
    listed = u.SOM_SKOEN(group, 20, 60000, 0.2, None, "ydelser")
    assert [r[0] for r in listed[1:]] == [s["service"] for s in qe.services]
    assert [r[4] for r in listed[1:]] == pytest.approx([s["discounted_gains"] for s in qe.services])

    settings_range = [["Startår", 2030], ["Horisont", 5], ["Diskonteringsrente", 0.04]]
    qe2 = quick_estimate(
        udf_kb, group, 20, 60000, 0.2, start_year=2030, horizon_years=5, discount_rate=0.04
    )
    got = u.SOM_SKOEN(group, 20, 60000, 0.2, None, "år", settings_range)
    assert [r[0] for r in got[1:]] == list(range(2030, 2035))
    assert got[-1][6] == pytest.approx(qe2.result.net_discounted)

    if has_default:
        qe3 = quick_estimate(udf_kb, group, 20, 60000)
        values = dict((r[0], r[1]) for r in u.SOM_SKOEN(group, 20, 60000)[1:])
        assert values["Succesrate"] == qe3.result.resolved.success_rate
        assert values["Succesrate fra"].startswith("vidensdatabasen")
        assert values["Nettoresultat (nutidsværdi)"] == pytest.approx(qe3.result.net_discounted)


def test_skoen_errors(udf_kb: KnowledgeBase) -> None:
    group = group_with_consequences(udf_kb)
    text = u.SOM_SKOEN(group, 20.5, "60.000", 30)
    assert is_error(text) and "deltagere" in text and "helt antal" in text
    assert "succesrate" in text and "30 % skrives 0,3" in text
    assert "(og" not in text or text.count(";") >= 2
    assert "ukendt målgruppe" in u.SOM_SKOEN(group + "q", 20, 60000, 0.2)
    assert "ukendt indsats" in u.SOM_SKOEN(group, 20, 60000, None, "findes_ikke")
    text = u.SOM_SKOEN(group, 20, 60000, 0.2, None, None, [["Succesrate", 0.3]])
    assert "ukendt indstilling" in text
    assert "mangler" in u.SOM_SKOEN(group, None, 60000, 0.2)


# --- robustness: whatever is in the cells, a text or a clean table comes back ---------------

_cells = st.one_of(
    st.none(),
    st.just(""),
    st.integers(-10, 3000),
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.sampled_from(["kommune", "fm", "år", "2025-2027", "#N/A", "engang", "pr. deltager", "x"]),
    st.text(max_size=6),
)
_grids = st.lists(st.lists(_cells, min_size=1, max_size=5), min_size=1, max_size=5)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    a=_grids,
    b=_grids,
    c=st.one_of(st.none(), _grids),
    d=st.one_of(st.none(), _grids),
    view=st.one_of(st.none(), _cells),
)
def test_garbage_in_gives_text_or_clean_table(a: Any, b: Any, c: Any, d: Any, view: Any) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOM_XL_KNOWLEDGE", str(FIXTURE_KB))
        for value in (
            u.SOM_NETTORESULTAT(a, b, c, d, None, view),
            u.SOM_NETTORESULTAT(
                [["målgruppe", "voksne_hjemloeshed"], ["succesrate", 0.3]], b, c, None, d, view
            ),
            u.SOM_NUTIDSVAERDI(a, view),
            u.SOM_PRIS(view, view, view),
            u.SOM_SKOEN("voksne_hjemloeshed", view, view, view),
        ):
            assert_clean(value)
            assert "Traceback" not in str(value)
            if isinstance(value, str) and not isinstance(view, str):
                assert value.startswith(PREFIX) or value == value


# --- the module's contract ------------------------------------------------------------------


def test_module_imports_only_xlwings_som_xl_and_the_standard_library() -> None:
    tree = ast.parse((ROOT / "udfs" / "som_udfs.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "ingen relative imports (filen er også xlwings Lites main.py)"
            names.add(node.module or "")
    tops = {n.split(".")[0] for n in names}
    assert tops - set(sys.stdlib_module_names) == {"xlwings", "som_xl"}
    assert not any(n.startswith("xlwings.") for n in names), "kun xlwings, aldrig xlwings.server"


def test_help_texts_match_the_signatures() -> None:
    assert set(u.HELP) == set(u.__all__)
    for name in u.__all__:
        func = getattr(u, name)
        description, args = u.HELP[name]
        assert func.__doc__ == description
        params = list(inspect.signature(func).parameters)
        assert params == [a for a, _ in args], name
        # Excel's function wizard (classic add-in) cuts texts at 255 characters.
        assert 20 < len(description) <= 255
        for _, doc in args:
            assert 10 < len(doc) <= 255
        optional = [
            p.default is None
            for p in inspect.signature(func).parameters.values()
            if p.default is not inspect.Parameter.empty
        ]
        assert all(optional)


def test_nettoresultat_takes_the_named_interventions_rate(udf_kb: KnowledgeBase) -> None:
    """'Indsats' instead of 'Succesrate': the effect's rate, the same result to the krone."""
    ranges, _ = sheet_scenario(udf_kb)
    effect = next(e for e in udf_kb.effects.values() if e.success_rate is not None)
    rows = [r for r in ranges["indstillinger"] if r[0] != "Succesrate"]
    named = net(ranges, indstillinger=[*rows, ["Indsats", effect.id]])
    written = net(ranges, indstillinger=[*rows, ["Succesrate", effect.success_rate]])
    assert not is_error(named) and named == written
    unknown = net(ranges, indstillinger=[*rows, ["Indsats", effect.id[:-1]]])
    assert is_error(unknown) and "ukendt indsats" in unknown and f"'{effect.id}'" in unknown
