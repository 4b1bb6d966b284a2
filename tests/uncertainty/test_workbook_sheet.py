"""The Usikkerhed sheet: live tornado formulas agree with the engine, the stamp notices changes.

LibreOffice recalculates the built workbook (the independent formula engine): the tornado's
formulas must give the engine's tornado (som_xl.results.uncertainty), for the defaults (a
normal success rate from Housing First's 95 % interval) and after the rows are changed to
each distribution (triangular, and normal by NORM.INV, truncated as the engine truncates),
and the status cell must say the Monte Carlo table is stale once an input differs from the
stamp.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from som_xl.inputs.uncertainty import standard_rate_range
from som_xl.results.uncertainty import analyse
from som_xl.workbook.build import build_workbook
from som_xl.workbook.layout import a1
from som_xl.workbook.read import read_content
from som_xl.workbook.sheets import usikkerhed as U
from som_xl.workbook.values import resolve_workbook
from tests.libreoffice import recalculate, soffice
from tests.workbook_edit import Editor, edit

pytestmark = pytest.mark.libreoffice


def _engine_tornado(path: Path, ranges: dict[str, U.SheetRange]) -> dict[str, tuple[Any, ...]]:
    """The engine's tornado for the workbook's scenario as the reader reads it, with the
    rows as a scenario file would give them (:func:`U.spec_of`)."""
    from som_xl.workbook.read import read_content

    content = read_content(path)
    res, _ = resolve_workbook(content.inputs, content.bkb, content.layout, content.kb)
    u = analyse(res, U.spec_of(ranges, res.success_rate), draws=10)
    return {t.input: (t.low, t.high, t.net_low, t.net_high, t.switching_value) for t in u.tornado}


def _sheet(path: Path) -> dict[str, list[Any]]:
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[U.SHEET]
    rows: dict[str, list[Any]] = {}
    for i, key in enumerate(U.INPUTS):
        r = U.R_TOR_HEAD + 2 + i
        rows[key] = [ws.cell(r, c).value for c in range(2, 8)]
    status = next(ws.cell(r, 2).value for r in range(1, 80) if ws.cell(r, 1).value == "Status")
    rows["status"] = [status]
    rows["check"] = [ws.cell(U.R_CHECK + 1, 1).value]
    return rows


#: Changed rows: each distribution on each kind of input; normal ones wide enough that the
#: truncation (the success rate to 0-1, a factor at 0) moves their 10 % and 90 % values.
CHANGES: dict[str, dict[str, U.SheetRange]] = {
    "trekant": {
        "success_rate": U.SheetRange("triangular", 0.5, 0.8, 3.0),  # × s, the rate at most 1
        "costs": U.SheetRange("triangular", 0.7, 1.1, 1.2),
        "consequences": U.SheetRange("triangular", 1.0, 1.0, 1.0),  # no variance
    },
    "normal": {
        # s = 0.42: rates 0.042-0.42-1 → sd = 0.958 / 3.92 = 0.244, cut at 0 and 1
        "success_rate": U.SheetRange("normal", 0.1, 1.0, 2.5),
        "costs": U.SheetRange("normal", 0.8, 1.1, 1.6),
        "consequences": U.SheetRange("normal", 0.0, 0.6, 2.0),  # sd 0.51, cut at 0
    },
}


def _change(rows: dict[str, U.SheetRange]) -> Any:
    def change(e: Editor) -> None:
        for key in U.INPUTS:
            r = U.R_FACTOR if key == "success_rate" else U.ROWS[key]
            dist, *values = rows[key]
            e.set(U.SHEET, r, U.C_DIST, U.DIST_LABELS[dist])
            for c, v in zip((U.C_LOW, U.C_MODE, U.C_HIGH), values, strict=True):
                e.set(U.SHEET, r, c, v)

    return change


@pytest.mark.skipif(soffice() is None, reason="LibreOffice er ikke installeret")
def test_tornado_formulas_agree_with_the_engine_and_stamp_notices_changes(tmp_path: Path) -> None:
    src = build_workbook(tmp_path / "SOM.xlsx")
    wb = openpyxl.load_workbook(src)
    assert wb.sheetnames.index(U.SHEET) == wb.sheetnames.index("Resultat") + 1
    # the defaults: the knowledge base's standard (Housing First's interval: normal)
    content = read_content(src)
    res = content.resolve()
    group = content.bkb.group_by_label(content.inputs.target_group)
    standard = standard_rate_range(res.success_rate, group.id if group else None, content.kb)
    ranges = U.default_ranges(standard, res.success_rate)
    assert ranges["success_rate"].dist == "normal"
    # the distribution is a choice list on every row
    lists = [dv for dv in wb[U.SHEET].data_validations.dataValidation if dv.type == "list"]
    cells = {str(dv.sqref) for dv in lists}
    for key in U.INPUTS:
        r = U.R_FACTOR if key == "success_rate" else U.ROWS[key]
        assert a1(r, U.C_DIST) in cells
    assert all(dv.formula1 == '"trekant,normal (95 %-interval)"' for dv in lists)

    changed = [edit(src, tmp_path / f"SOM-{k}.xlsx", _change(v)) for k, v in CHANGES.items()]
    out = recalculate([src, *changed], tmp_path / "lo")
    cases = [(out[0], ranges, True)]
    cases += [(o, v, False) for o, v in zip(out[1:], CHANGES.values(), strict=True)]
    for path, rng, fresh in cases:
        got = _sheet(path)
        assert got["check"] == [None], got["check"]  # no complaint
        want = _engine_tornado(src, rng)
        for key in U.INPUTS:
            low, high, net_low, net_high, swing, sv = got[key]
            assert swing == pytest.approx(abs(net_high - net_low), rel=1e-12, abs=1e-6)
            w = want[key]
            assert low == pytest.approx(w[0], rel=1e-12, abs=1e-12), (path.name, key)
            assert high == pytest.approx(w[1], rel=1e-12, abs=1e-12), (path.name, key)
            assert net_low == pytest.approx(w[2], rel=1e-9, abs=1e-4)
            assert net_high == pytest.approx(w[3], rel=1e-9, abs=1e-4)
            if w[4] is None:
                assert sv == "ingen"
            else:
                assert sv == pytest.approx(w[4], rel=1e-9)
        assert (got["status"][0] == U.FRESH) is fresh, got["status"]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice er ikke installeret")
def test_the_check_cell_names_a_bad_row(tmp_path: Path) -> None:
    src = build_workbook(tmp_path / "SOM.xlsx")
    bad = {
        "ukendt": {"costs": ("lognormal", 0.9, 1.0, 1.3)},
        "uden_spredning": {"consequences": ("normal (95 %-interval)", 1.0, 1.0, 1.0)},
        "over_loftet": {"success_rate": ("normal (95 %-interval)", 2.5, 2.6, 3.0)},
    }

    def setter(rows: dict[str, tuple[Any, ...]]) -> Any:
        def change(e: Editor) -> None:
            for key, values in rows.items():
                r = U.R_FACTOR if key == "success_rate" else U.ROWS[key]
                for c, v in zip((U.C_DIST, U.C_LOW, U.C_MODE, U.C_HIGH), values, strict=True):
                    e.set(U.SHEET, r, c, v)

        return change

    files = [edit(src, tmp_path / f"{k}.xlsx", setter(v)) for k, v in bad.items()]
    for path in recalculate(files, tmp_path / "lo"):
        assert _sheet(path)["check"] == [U.CHECK_MESSAGE], path.name


def test_stale_status_points_to_what_recomputes_the_table_from_the_filled_in_book() -> None:
    """`som-xl build` makes a new workbook from the knowledge base and would lose the user's
    inputs; the command that computes the table from this workbook's cells is `som-xl read
    FIL.xlsx --usikkerhed`. The text is a string in a formula: at most 255 characters."""
    assert "som-xl read" in U.STALE and "--usikkerhed" in U.STALE
    assert "Byg projektmappen igen" not in U.STALE
    assert len(U.STALE) <= 255
