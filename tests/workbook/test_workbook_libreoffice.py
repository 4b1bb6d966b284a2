"""LibreOffice, an independent spreadsheet engine, recalculates the generated workbook.

The default workbook and copies whose inputs were changed with openpyxl (as a user would in
Excel) are recalculated in one LibreOffice run. For each file:

* every formula cell equals the value the Python side computes for the same inputs (the
  cached values of a workbook built from those inputs; relative 1e-9);
* the headline figures, year rows and splits by purse and budget item equal the engine's
  result for ``som-xl read`` of the same file;
* reading the recalculated file gives the same scenario as reading the changed copy;
* the quick estimate equals ``som_xl.inputs.quick.quick_estimate``.

Skips with a reason where LibreOffice is missing; fails when the environment sets ``CI``.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from som_xl.conventions import PURSE_LABELS
from som_xl.inputs.quick import quick_estimate
from som_xl.kb import KnowledgeBase, load_kb
from som_xl.present import da
from som_xl.present.tables import kommune_net
from som_xl.results import Result, calculate
from som_xl.workbook import layout as L
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook, build_workbook_bytes
from som_xl.workbook.layout import YEARS, Layout
from som_xl.workbook.read import read_content, read_workbook
from som_xl.workbook.sheets import usikkerhed as U
from som_xl.workbook.sheets.result import chance_cells
from som_xl.workbook.sheets.usikkerhed import BUILD_CELLS
from tests.libreoffice import recalculate, soffice
from tests.workbook_edit import Editor, edit
from tests.workbook_scenarios import (
    FIXTURE_KB,
    SCENARIOS,
    formula_values,
    mismatches,
    named_values,
)
from tests.workbook_totals import problems as totals_problems

pytestmark = pytest.mark.libreoffice


def formula_in_input(e: Editor) -> None:
    """Formulas typed into input cells: LibreOffice caches their results, the reader uses them."""
    e.success_rate("=0.1*3")
    e.participants({0: "=10+15"})


CASES: dict[str, Any] = {"standard": None, **SCENARIOS, "formel_i_input": formula_in_input}


@dataclass(frozen=True)
class Case:
    source: Path  # the built or changed workbook
    recalculated: Path  # LibreOffice's recalculation of it
    kb: KnowledgeBase


def _need_libreoffice() -> None:
    if soffice() is None:
        if os.environ.get("CI"):
            pytest.fail(
                "LibreOffice (soffice) mangler, men CI er sat: installér libreoffice-calc-nogui"
            )
        pytest.skip(
            "LibreOffice (soffice) er ikke installeret (apt-get install libreoffice-calc-nogui)"
        )


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    _need_libreoffice()
    src = tmp_path_factory.mktemp("kilde")
    out = tmp_path_factory.mktemp("genberegnet")
    kb = load_kb(FIXTURE_KB)
    base = build_workbook(src / "standard.xlsx", kb=kb)
    files: dict[str, tuple[Path, KnowledgeBase]] = {"standard": (base, kb)}
    for name, change in CASES.items():
        if change is not None:
            files[name] = (edit(base, src / f"{name}.xlsx", change), kb)
    real = load_kb()
    files["vidensdatabase"] = (build_workbook(src / "vidensdatabase.xlsx", kb=real), real)
    # a target group with a derived row whose later profile years are assumed (assumed_from)
    psych = edit(files["vidensdatabase"][0], src / "assumed_from.xlsx", assumed_from_group(real))
    files["assumed_from"] = (psych, real)
    # a consequence during the course and one not recommended, from the knowledge base
    small = load_kb(FIXTURE_KB.parent / "kb_min")
    files["kb_min"] = (build_workbook(src / "kb_min.xlsx", kb=small), small)
    done = recalculate([path for path, _ in files.values()], out)
    return {
        name: Case(path, lo, k) for (name, (path, k)), lo in zip(files.items(), done, strict=True)
    }


NAMES = [*CASES, "vidensdatabase", "assumed_from", "kb_min"]


def assumed_from_group(kb: KnowledgeBase) -> Any:
    """ADHD 6-13 (child psychiatry patient-years: derived in year 1, assumed from year 2), a
    2-year course, three cohorts, drop-off and an optimism bias on the gains."""

    def change(e: Editor) -> None:
        e.target_group(kb.target_groups["boern_adhd_adfaerd_6_13"].label)
        e.setting("forloebsaar", 2)
        e.setting("frafald", 0.1)
        e.setting("optimisme_gev", 0.2)
        e.participants({0: 20, 1: 15, 2: 10})

    return change


def _inputs_source(case: Case) -> Path:
    """The file to read inputs from (a formula typed into an input needs LibreOffice's cache)."""
    return case.recalculated if case.source.stem == "formel_i_input" else case.source


@pytest.mark.parametrize("name", NAMES)
def test_every_formula_cell(cases: dict[str, Case], name: str) -> None:
    case = cases[name]
    inputs = read_content(_inputs_source(case)).inputs
    expected = formula_values(build_workbook_bytes(case.kb, inputs))
    for cell in BUILD_CELLS:  # Usikkerhed: the copy's table is stale, its defaults for others
        expected.pop(cell)
    for cell in chance_cells(read_content(_inputs_source(case)).layout):
        expected.pop(cell)  # Resultat's P(net > 0): stale with it
    got = formula_values(case.recalculated)
    assert len(expected) > 7000
    bad = mismatches(expected, got)
    assert not bad, f"{len(bad)} celler afviger, fx:\n" + "\n".join(bad[:20])


@pytest.mark.parametrize("name", NAMES)
def test_totals_beside_their_rows_equal_their_sums(cases: dict[str, Case], name: str) -> None:
    """Each row total (left of the year columns) equals what it totals, as LibreOffice
    recalculates it (tests/workbook_totals.py)."""
    case = cases[name]
    wb = openpyxl.load_workbook(case.recalculated, data_only=True)
    lay = read_content(_inputs_source(case)).layout

    def get(sheet: str, row: int, column: int) -> Any:
        return wb[sheet].cell(row + 1, column + 1).value

    assert not totals_problems(lay, get, named_values(case.recalculated))


def _result(case: Case) -> Result:
    return calculate(read_workbook(_inputs_source(case)))


def _num(x: Any) -> float:
    return 0.0 if x in ("", None) else float(x)


@pytest.mark.parametrize("name", NAMES)
def test_results_equal_the_engine(cases: dict[str, Case], name: str) -> None:
    case = cases[name]
    result = _result(case)
    values = named_values(case.recalculated)
    approx = dict(rel=1e-9, abs=1e-6)
    assert values["som.nettoresultat"] == pytest.approx(result.net_undiscounted, **approx)
    assert values["som.nettoresultat_nv"] == pytest.approx(result.net_discounted, **approx)
    assert values["som.omkostninger_nv"] == pytest.approx(result.pv_costs, **approx)
    assert values["som.gevinster_nv"] == pytest.approx(result.pv_gains, **approx)
    # the share of the gains resting on illustrative values (assumed profile years included)
    share = result.provenance["illustrative_share"]
    assert values["som.andel_illustrativ"] == pytest.approx(share, rel=1e-9, abs=1e-12)
    if name == "assumed_from":
        assert result.provenance["assumed_years"] == [
            {"service": "boernepsykiatri_patient_aar", "assumed_from": 2}
        ]
        plain = calculate(dataclasses.replace(result.resolved, consequence_assumed_from=()))
        assert share > plain.provenance["illustrative_share"]
    # the kommune's own net (Resultat's purse table, Kommune, Netto (NV)): the engine's
    assert values["som.nettoresultat_nv_kommune"] == pytest.approx(kommune_net(result), **approx)
    be = result.break_even_year
    assert values["som.breakeven_aar"] == (be if be is not None else T.NO_BREAK_EVEN)
    bes = result.break_even_success_rate
    if bes is None:
        assert values["som.breakeven_succesrate"] == T.NO_BREAK_EVEN_RATE
    else:
        assert values["som.breakeven_succesrate"] == pytest.approx(bes, **approx)
    bcr = result.benefit_cost_ratio
    if bcr is None:
        assert values["som.bcr"] == T.NO_BCR
    else:
        assert values["som.bcr"] == pytest.approx(bcr, **approx)

    wb = openpyxl.load_workbook(case.recalculated, data_only=True)
    ws = wb[T.RESULTAT]
    lay = Layout(
        read_content(case.source if name != "formel_i_input" else case.recalculated).layout.counts
    )
    rows = result.year_rows()
    assert len(rows) == result.resolved.horizon_years
    for t in range(YEARS):
        r = lay.res_year_first + 2 + t  # 1-based: the totals row, then the years
        cells = [ws.cell(r, 2 + c).value for c in range(10)]
        if t >= len(rows):
            assert all(v in ("", None) for v in cells), f"år {t} efter horisonten: {cells}"
            continue
        y = rows[t]
        got = dict(zip(
            ["year", "costs", "gains", "net", "discount_factor", "discounted_net",
             "cumulative_discounted_net"],
            cells[:7],
            strict=True,
        ))  # fmt: skip
        assert got == pytest.approx(y, **approx)
    by_purse = {p["purse"]: p for p in result.by_purse()}
    for a, purse in enumerate(PURSE_LABELS):
        r = lay.res_purse_first + 1 + a
        got = [ws.cell(r, 3 + c).value for c in range(6)]
        p = by_purse[purse]
        want = [p["costs"], p["gains"], p["net"], p["discounted_costs"], p["discounted_gains"],
                p["discounted_net"]]  # fmt: skip
        assert got == pytest.approx(want, **approx)
        for t, net in enumerate(p["net_by_year"]):
            cell = ws.cell(lay.res_year_first + 2 + t, 9 + a).value
            assert cell == pytest.approx(net, **approx)
    by_item = {b["budget_item"]: b for b in result.by_budget_item()}
    labels = []
    for i in range(lay.counts.budget_items):
        r = lay.res_item_first + 1 + i
        label = ws.cell(r, 2).value
        labels.append(label)
        b = by_item.get(label)
        got = [_num(ws.cell(r, 3 + c).value) for c in range(6)]
        want = (
            [
                b["costs"],
                b["gains"],
                b["net"],
                b["discounted_costs"],
                b["discounted_gains"],
                b["discounted_net"],
            ]
            if b
            else [0.0] * 6
        )
        assert got == pytest.approx(want, **approx), label
    assert set(by_item) <= set(labels)


@pytest.mark.parametrize("name", NAMES)
def test_reading_the_recalculated_file(cases: dict[str, Case], name: str) -> None:
    case = cases[name]
    a = read_workbook(case.recalculated).to_scenario()
    b = read_workbook(_inputs_source(case)).to_scenario()
    assert a == b


@pytest.mark.parametrize("name", NAMES)
def test_quick_estimate(cases: dict[str, Case], name: str) -> None:
    case = cases[name]
    content = read_content(_inputs_source(case))
    inp = content.inputs
    sk = inp.skoen
    group = content.bkb.group_by_label(sk.target_group)
    assert group is not None
    schedule = content.bkb.schedule_by_label(inp.discount)
    est = quick_estimate(
        case.kb,
        group.id,
        sk.participants,
        sk.cost,
        sk.success_rate,
        start_year=inp.start_year,
        horizon_years=inp.horizon,
        price_year=inp.price_year,
        discount_rate=schedule.id if schedule is not None else inp.fixed_rate,
        course_years=inp.course_years,
    )
    values = named_values(case.recalculated)
    approx = dict(rel=1e-9, abs=1e-6)
    r = est.result
    assert values["som.skoen_succesrate"] == pytest.approx(r.resolved.success_rate)
    assert values["som.skoen_nettoresultat"] == pytest.approx(r.net_undiscounted, **approx)
    assert values["som.skoen_nettoresultat_nv"] == pytest.approx(r.net_discounted, **approx)


def test_resultat_shows_usikkerheds_chances_or_says_they_are_stale(
    cases: dict[str, Case],
) -> None:
    """Resultat's P(net > 0) of the kommune and the total are Usikkerhed's table cells, as
    LibreOffice recalculates them, while its status says the table is fresh; a changed copy
    whose table is stale says so instead of showing the old chance."""
    kinds = set()
    for name in NAMES:
        case = cases[name]
        wb = openpyxl.load_workbook(case.recalculated, data_only=True)
        lay = read_content(_inputs_source(case)).layout
        got = [wb[sheet][cell].value for sheet, cell in chance_cells(lay)]
        u = wb[U.SHEET]
        table = {
            str(u.cell(U.R_MC_TABLE + 2 + i, 1).value): u.cell(U.R_MC_TABLE + 2 + i, 2).value
            for i in range(len(U.MC_GROUPS))
        }
        status = u.cell(U.R_STATUS + 1, 2).value
        if named_values(case.recalculated)["som.nettoresultat_nv"] == T.INPUT_ERROR_SHORT:
            want: list[Any] = [T.INPUT_ERROR_SHORT] * 2
            kinds.add("inputfejl")
        elif status == U.FRESH:
            want = [table[PURSE_LABELS["kommune"]], table[da.TOTAL]]
            assert all(isinstance(x, int | float) for x in want), (name, want)
            kinds.add("frisk")
        else:
            assert status == U.STALE, (name, status)
            want = [U.STALE_SHORT] * 2
            kinds.add("forældet")
        assert got == want, name
    assert {"frisk", "forældet"} <= kinds


def test_text_results_when_nothing_pays_back(cases: dict[str, Case]) -> None:
    values = named_values(cases["ingen_succes"].recalculated)
    assert values["som.breakeven_aar"] == T.NO_BREAK_EVEN
    assert values["som.gevinster_nv"] == 0
    assert values["som.bcr"] == 0
    # defined at s = 0 too (som-method §3.8): PV(costs) / PV(gains at s = 1), a number
    rate = values["som.breakeven_succesrate"]
    assert isinstance(rate, float) and rate > 0, rate


def test_formula_typed_into_an_input(cases: dict[str, Case]) -> None:
    res = read_workbook(cases["formel_i_input"].recalculated)
    assert res.success_rate == pytest.approx(0.3)
    assert res.participants[2025] == 25


def test_cost_assessment_and_follow_up_equal_the_engine(cases: dict[str, Case]) -> None:
    """Omkostningsvurdering and Opfølgning, recalculated by LibreOffice, against the engine.

    The case (tests/workbook_scenarios.py, resources_and_realised) has a socialrådgiver row
    (1,5 / 1,5 / 1 årsværk in 2025-2027, årsløn 474.528 kr. at 2022 prices, overhead 15 %),
    a course row (120 timer × 350 kr. in 2025, region) and realised figures: 2025 14
    participants, 3 successes, 1.800.000 kr.; 2026 18 participants, 5 successes; 2027
    950.000 kr. only.
    """
    case = cases["omkostningsvurdering_opfoelgning"]
    result = _result(case)
    follow = result.followup()
    assert follow is not None
    values = named_values(case.recalculated)
    approx = dict(rel=1e-9, abs=1e-6)
    # Observed rate (som-method §3.19): the last realised year is 2027 (costs only), so the
    # courses of 2025 (14), 2026 (18) and 2027 (20 planned; 1-year courses) have ended:
    # (3 + 5) / (14 + 18 + 20) = 8 / 52 = 0.153846...
    assert follow["realised"]["observed_success_rate"] == pytest.approx(8 / 52)
    assert values["som.prognose_succesrate"] == pytest.approx(8 / 52)
    assert values["som.observeret_succesrate"] == pytest.approx(8 / 52)
    plan, forecast = follow["plan"], follow["forecast"]
    assert values["som.plan_nettoresultat"] == pytest.approx(
        plan["net_result"]["undiscounted"], **approx
    )
    assert values["som.plan_nettoresultat_nv"] == pytest.approx(
        plan["net_result"]["discounted"], **approx
    )
    assert values["som.nettoresultat"] == pytest.approx(
        forecast["net_result"]["undiscounted"], **approx
    )
    assert values["som.nettoresultat_nv"] == pytest.approx(
        forecast["net_result"]["discounted"], **approx
    )
    wb = openpyxl.load_workbook(case.recalculated, data_only=True)
    ws = wb[T.OPFOELGNING]
    lay = read_content(case.source).layout
    for y in follow["realised"]["years"]:
        t = y["year"] - result.resolved.start_year
        r = lay.opf_first + t + 1  # 1-based
        assert ws.cell(r, 1 + L.OPF_PLAN_PART).value == pytest.approx(y["planned_participants"])
        assert ws.cell(r, 1 + L.OPF_PLAN_COSTS).value == pytest.approx(y["planned_costs"], **approx)
        fc = forecast["costs_by_year"][t]
        assert ws.cell(r, 1 + L.OPF_FC_COSTS).value == pytest.approx(fc, **approx)
        # 2026 gives no costs: the forecast keeps the plan's (§3.19), no realised figure;
        # JSON says null, the sheet's Bemærk 'ikke oplyst' (live)
        note = ws.cell(r, 1 + L.OPF_NOTE).value or ""
        if y["year"] == 2026:
            assert y["costs"] is None and note == T.OPF_COSTS_NOT_GIVEN
        else:
            assert y["costs"] == pytest.approx(fc, **approx) and note == ""
    for t, (pc, pg) in enumerate(zip(plan["costs_by_year"], plan["gains_by_year"], strict=True)):
        r = lay.opf_first + t + 1
        assert ws.cell(r, 1 + L.OPF_PLAN_COSTS).value == pytest.approx(pc, **approx)
        assert ws.cell(r, 1 + L.OPF_PLAN_GAINS).value == pytest.approx(pg, **approx)
    # The socialrådgiver row on Omkostningsvurdering: realised costs replace 2025 and 2027, so
    # only 2026 counts: 1,5 × 474.528 × 1,15 × 115,0 / 109,9 (index 2024 / 2022)
    # = 818.560,8 × 1,04640582... = 856.546,79 kr.
    ov = wb[T.OMKOSTNINGSVURDERING]
    total = ov.cell(lay.ov_first + 1, lay.ov_total_col + 1).value
    assert total == pytest.approx(1.5 * 474528 * 1.15 * 115.0 / 109.9, **approx)
    assert total == pytest.approx(856546.79, abs=0.01)


def test_thirty_years_follow_the_tails(cases: dict[str, Case]) -> None:
    """After year 10 the workbook counts each consequence as its tail says (som-method §3.11).

    The fixture's first target group: forsorgshjem_doegn ends at -10 with tail hold,
    kontanthjaelp_uge at -2 with decay 20 %; 'haler_30' gives skattepligtig indkomst (8000 in
    year 10, no tail in the knowledge base) an own hold, psykiatri ([-3.5, …, -0.5], 8 years)
    an own hold and an own -0.25 in year 12, and an own consequence [-2, (gap), -1] the
    setting's decay of 50 %.
    """
    case = cases["haler_30"]
    content = read_content(case.source)
    lay: Layout = content.layout
    wb = openpyxl.load_workbook(case.recalculated, data_only=True)
    ko, be = wb[T.KONSEKVENSER], wb[T.BEREGNING]

    def used(block: int, k: int) -> float:
        """Block's 'Anvendt' value k years after the course."""
        r = lay.cons_block_row(block) + 2
        return float(ko.cell(r + 1, lay.cons_profile_col + k).value)

    # hold: -10 in every year after year 10
    assert [used(0, k) for k in (10, 11, 20, 29)] == [-10, -10, -10, -10]
    # decay 20 %: -2 × 0.8^(k − 10): year 11 -1.6, year 12 -1.28, year 15 -0.65536
    assert used(1, 11) == pytest.approx(-1.6, rel=1e-12)
    assert used(1, 12) == pytest.approx(-1.28, rel=1e-12)
    assert used(1, 15) == pytest.approx(-0.65536, rel=1e-12)
    # own hold: 8000 every year after year 10
    assert used(2, 11) == used(2, 29) == 8000
    # the gap years 9-11 hold -0.5, year 12 is written (-0.25), then held
    assert [used(3, k) for k in (8, 9, 11, 12, 13, 29)] == [-0.5, -0.5, -0.5, -0.25, -0.25, -0.25]
    # own consequence: year 2 (a gap) -2 × 0.5 = -1, year 3 written -1, then -0.5, -0.25
    own = lay.counts.max_cons
    assert [used(own, k) for k in (1, 2, 3, 4, 5)] == [-2, -1, -1, -0.5, -0.25]
    # Beregning: forsorgshjem's units at full success in year t = 25 (2050): cohorts of 20
    # starting in years 0, 1, 2 end then (1-year courses), 10 start in year 20:
    # 20 × (used(25) + used(24) + used(23)) + 10 × used(5) = 20 × (-30) + 10 × (-25) = -850
    units = be.cell(lay.calc_block_row(0) + 1, lay.year_col + 25 + 1).value
    assert units == pytest.approx(-850, rel=1e-12)
    assert used(0, 5) == -25


def test_drop_off_deadweight_and_optimism_bias(cases: dict[str, Case]) -> None:
    """Indstillinger's drop-off, deadweight and optimism bias, by hand (§3.12-3.14).

    Success 40 % with and 5 % without: net 35 %. Costs × 1.2, the saved cost × 0.8 (year 0:
    Opstart 250,000 → 300,000; Drift 1,500,000 → 1,800,000; Sparet 300,000 → -240,000).
    Drop-off 10 %: year k after the course × 0.9^(k − 1), so the factor of year 3 is 0.81.
    """
    case = cases["frafald_doedvaegt_optimisme"]
    lay: Layout = read_content(case.source).layout
    wb = openpyxl.load_workbook(case.recalculated, data_only=True)
    st, be, ko = wb[T.INDSTILLINGER], wb[T.BEREGNING], wb[T.KONSEKVENSER]
    net = st.cell(lay.settings_rows["succesrate_netto"] + 1, lay.settings_col + 1).value
    assert net == pytest.approx(0.35, rel=1e-12)
    year0 = [be.cell(lay.calc_cost_first + n + 1, lay.year_col + 1).value for n in range(3)]
    assert year0 == pytest.approx([300_000, 1_800_000, -240_000], rel=1e-12)
    factor3 = ko.cell(lay.cons_drop_row + 1, lay.cons_profile_col + 2 + 1).value
    assert factor3 == pytest.approx(0.81, rel=1e-12)
    assert read_workbook(case.source).drop_off == pytest.approx(0.1)
