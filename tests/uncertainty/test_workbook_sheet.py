"""The Usikkerhed sheet: live tornado formulas agree with the engine, the stamp notices changes.

LibreOffice recalculates the built workbook (the independent formula engine): the tornado's
formulas must give the engine's tornado (som_xl.results.uncertainty), also after the inputs
are changed, and the status cell must say the Monte Carlo table is stale once an input
differs from the stamp.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from som_xl.inputs.uncertainty import UncertaintySpec
from som_xl.results.uncertainty import analyse
from som_xl.workbook.build import build_workbook
from som_xl.workbook.sheets import usikkerhed as U
from som_xl.workbook.values import resolve_workbook
from tests.libreoffice import recalculate, soffice
from tests.workbook_edit import Editor, edit

pytestmark = pytest.mark.libreoffice


def _engine_tornado(path: Path, ranges: dict[str, tuple[float, float, float]]) -> dict[str, tuple]:
    """The engine's tornado for the workbook's scenario as the reader reads it."""
    from som_xl.workbook.read import read_content

    content = read_content(path)
    res, _ = resolve_workbook(content.inputs, content.bkb, content.layout, content.kb)
    spec = UncertaintySpec.model_validate(
        {
            k: {"dist": "triangular", "low": a, "mode": b, "high": c}
            for k, (a, b, c) in ranges.items()
        }
    )
    u = analyse(res, spec, draws=10)
    return {t.input: (t.low, t.high, t.net_low, t.net_high, t.switching_value) for t in u.tornado}


def _sheet(path: Path) -> dict[str, list]:
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[U.SHEET]
    rows = {}
    for i, key in enumerate(U.INPUTS):
        r = U.R_TOR_HEAD + 2 + i
        rows[key] = [ws.cell(r, c).value for c in range(2, 8)]
    status = next(ws.cell(r, 2).value for r in range(1, 80) if ws.cell(r, 1).value == "Status")
    rows["status"] = [status]
    return rows


@pytest.mark.skipif(soffice() is None, reason="LibreOffice er ikke installeret")
def test_tornado_formulas_agree_with_the_engine_and_stamp_notices_changes(tmp_path: Path) -> None:
    src = build_workbook(tmp_path / "SOM.xlsx")
    wb = openpyxl.load_workbook(src)
    assert wb.sheetnames.index(U.SHEET) == wb.sheetnames.index("Resultat") + 1
    # the defaults: the success rate by the stated rule
    s0 = resolve_workbook(*_inputs(src))[0].success_rate
    ranges = U.default_ranges()

    changed = {
        "success_rate": (0.5, 0.8, 3.0),  # factors on the success rate (the rate at most 1)
        "costs": (0.7, 1.1, 1.2),
        "consequences": (1.0, 1.0, 1.0),  # no variance
    }

    def change(e: Editor) -> None:
        for key in U.INPUTS:
            r = U.R_FACTOR if key == "success_rate" else U.ROWS[key]
            for c, v in enumerate(changed[key]):
                e.set(U.SHEET, r, 1 + c, v)

    dst = edit(src, tmp_path / "SOM-aendret.xlsx", change)
    out = recalculate([src, dst], tmp_path / "lo")
    for path, rng, fresh in ((out[0], ranges, True), (out[1], changed, False)):
        got = _sheet(path)
        want = _engine_tornado(src, U.absolute(rng, s0))
        for key in U.INPUTS:
            low, high, net_low, net_high, swing, sv = got[key]
            assert swing == pytest.approx(abs(net_high - net_low), rel=1e-12, abs=1e-6)
            w = want[key]
            assert low == pytest.approx(w[0], abs=1e-12)
            assert high == pytest.approx(w[1], abs=1e-12)
            assert net_low == pytest.approx(w[2], rel=1e-9, abs=1e-4)
            assert net_high == pytest.approx(w[3], rel=1e-9, abs=1e-4)
            if w[4] is None:
                assert sv == "ingen"
            else:
                assert sv == pytest.approx(w[4], rel=1e-9)
        assert (got["status"][0] == U.FRESH) is fresh, got["status"]


def _inputs(path: Path) -> tuple:
    from som_xl.workbook.read import read_content

    c = read_content(path)
    return c.inputs, c.bkb, c.layout, c.kb


def test_stale_status_points_to_what_recomputes_the_table_from_the_filled_in_book() -> None:
    """`som-xl build` makes a new workbook from the knowledge base and would lose the user's
    inputs; the command that computes the table from this workbook's cells is `som-xl read
    FIL.xlsx --usikkerhed`. The text is a string in a formula: at most 255 characters."""
    assert "som-xl read" in U.STALE and "--usikkerhed" in U.STALE
    assert "Byg projektmappen igen" not in U.STALE
    assert len(U.STALE) <= 255
