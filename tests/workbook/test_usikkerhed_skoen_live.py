"""Usikkerhed and Hurtigt skøn after a user changes inputs (LibreOffice recalculates).

Found by a user trial: (1) Usikkerhed's default rows and its note A3 stayed Housing First's
after the intervention changed; (2) its stale check missed a change of who pays (the total
net result is the same, the per-purse P(net > 0) is not); (3) an input error filled the sheet
with #N/A and #VALUE!; (4) Hurtigt skøn without a success rate showed #VALUE! and "Ikke inden
for horisonten", and its list of services was not sorted by its own rank.
"""

from __future__ import annotations

from typing import Any

import openpyxl
import pytest

from som_xl.inputs.quick import quick_estimate
from som_xl.workbook import layout as L
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook
from som_xl.workbook.layout import a1
from som_xl.workbook.read import read_content
from som_xl.workbook.sheets import usikkerhed as U
from tests.libreoffice import recalculate, soffice
from tests.workbook_edit import Editor, edit

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(soffice() is None, reason="LibreOffice er ikke installeret"),
]

OTHER = "CTI (Critical Time Intervention), 9-måneders forløb – Voksne i hjemløshed"
ADHD = "Børn og unge med ADHD eller adfærdsforstyrrelse (14-17 år)"


def _region(e: Editor) -> None:
    """The first yearly cost (Omkostninger D8, Drift) paid by the region instead."""
    e.set(T.OMKOSTNINGER, e.lay.ycost_rows[0], L.C_PURSE, "Region")


CHANGES: dict[str, Any] = {
    "indsats": lambda e: e.intervention(OTHER),
    "succesrate": lambda e: e.success_rate(0.3),
    "region": _region,
    "inputfejl": lambda e: e.success_rate(30),  # 30 instead of 0,3
    "skoen_uden_rate": lambda e: e.skoen(maalgruppe=ADHD, succesrate=None),
}


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("usik")
    src = build_workbook(tmp / "SOM.xlsx")
    files = [src] + [edit(src, tmp / f"{k}.xlsx", v) for k, v in CHANGES.items()]
    out = recalculate(files, tmp / "lo")
    names = ["standard", *CHANGES]
    got: dict[str, Any] = {
        n: openpyxl.load_workbook(p, data_only=True) for n, p in zip(names, out, strict=True)
    }
    content = read_content(src)
    got["layout"], got["inputs"] = content.layout, content.inputs
    got["bkb"], got["kb"] = content.bkb, content.kb
    return got


def _u(wb: Any, cell: str) -> Any:
    return wb[U.SHEET][cell].value


def _status(wb: Any) -> Any:
    return _u(wb, U.STATUS_CELL[1])


def test_the_built_book_claims_the_standard_and_a_fresh_table(books: dict[str, Any]) -> None:
    wb = books["standard"]
    assert str(_u(wb, U.NOTE_CELL[1])).startswith("Standardintervallerne er som i som-xl")
    assert _u(wb, a1(U.R_BUILT_MATCH, U.C_STAMP)) == 1
    assert _status(wb) == U.FRESH


@pytest.mark.parametrize("name", ["indsats", "succesrate"])
def test_a_changed_intervention_or_rate_turns_the_note_into_a_warning(
    books: dict[str, Any], name: str
) -> None:
    """Without the fix A3 still says the rows are the standard (for Housing First)."""
    note = str(_u(books[name], U.NOTE_CELL[1]))
    assert note.startswith("Bemærk: standardintervallerne blev sat for indsatsen Housing First")
    assert "med succesrate 42,0 %" in note and "som-xl build --scenario" in note
    assert "Standardintervallerne er som i" not in note
    assert _u(books[name], a1(U.R_BUILT_MATCH, U.C_STAMP)) == 0


def test_a_changed_purse_makes_the_table_stale(books: dict[str, Any]) -> None:
    """Region instead of kommune: the total net result is unchanged (only who pays moves),
    so a check of the total alone says "passer"; the per-purse stamp catches it."""
    wb, std = books["region"], books["standard"]
    first = U.R_MC_HEAD + 3 + len(U.INPUTS)  # the stamped central net result
    central = _u(std, a1(first, 1))
    assert central == _u(wb, a1(first, 1))  # the stamp itself is a constant
    nv_std = std.defined_names["som.nettoresultat_nv"]
    sheet, cell = next(iter(nv_std.destinations))
    assert wb[sheet][cell.replace("$", "")].value == pytest.approx(
        std[sheet][cell.replace("$", "")].value, rel=1e-9
    )
    assert _status(wb) == U.STALE
    assert _status(books["succesrate"]) == U.STALE


def test_an_input_error_shows_the_short_text_not_errors(books: dict[str, Any]) -> None:
    ws = books["inputfejl"][U.SHEET]
    errors = [
        (c.coordinate, c.value)
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("#")
    ]
    assert not errors, errors
    r = U.ROWS["success_rate"]
    for cell in (a1(r, U.C_Q10), a1(r, U.C_Q90), U.STATUS_CELL[1]):
        assert ws[cell].value == T.INPUT_ERROR_SHORT, cell
    for i in range(len(U.INPUTS)):
        for c in range(1, 7):
            assert ws.cell(U.R_TOR_HEAD + 2 + i, c + 1).value == T.INPUT_ERROR_SHORT
    assert ws.cell(U.R_CHECK + 1, 1).value in (None, "")


def test_skoen_without_a_success_rate_says_so(books: dict[str, Any]) -> None:
    """ADHD 14-17 has no suggested rate: B10 asks for one, and so do the figures that need
    it (before: #VALUE!, and the break-even year "Ikke inden for horisonten")."""
    ws = books["skoen_uden_rate"][T.SKOEN]
    lay = books["layout"]
    assert ws.cell(lay.skoen_rows["anvendt"] + 1, 2).value == T.NO_SUCCESS_RATE
    need = ("nettoresultat", "nettoresultat_nv", "gevinster_nv", "breakeven_aar", "bcr")
    for key in need:
        assert ws.cell(lay.skoen_key(key) + 1, 2).value == T.NO_SUCCESS_RATE, key
    assert isinstance(ws.cell(lay.skoen_key("omkostninger_nv") + 1, 2).value, int | float)
    top = lay.skoen_services_first + lay.counts.max_cons
    bad = {
        c.coordinate: c.value
        for row in ws.iter_rows(max_row=top)
        for c in row
        if isinstance(c.value, str) and c.value.startswith("#")
    }
    assert not bad, bad


def test_skoen_list_is_sorted_largest_first(books: dict[str, Any]) -> None:
    for name in ("standard", "skoen_uden_rate"):
        ws = books[name][T.SKOEN]
        header = next(r for r in range(1, 80) if ws.cell(r, 1).value == T.SKOEN_SERVICES_HEADER)
        ranks, values = [], []
        r = header + 2
        while ws.cell(r, 1).value:
            ranks.append(ws.cell(r, 4).value)
            values.append(ws.cell(r, 3).value)
            r += 1
        assert ranks == list(range(1, len(ranks) + 1)), (name, ranks)
        if name == "standard":
            sizes = [abs(v) for v in values]
            assert sizes == sorted(sizes, reverse=True) and len(sizes) > 2
            # the order of `som-xl skoen` for the same inputs (the workbook's defaults)
            sk = books["inputs"].skoen
            group = books["bkb"].group_by_label(sk.target_group)
            est = quick_estimate(books["kb"], group.id, sk.participants, sk.cost)
            labels = [ws.cell(header + 2 + i, 1).value for i in range(len(ranks))]
            assert labels == [x["label"] for x in est.services][: len(labels)]
        else:
            assert all(v in (None, "") for v in values)
