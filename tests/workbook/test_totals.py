"""Totals beside what they total (issue 8, item 5).

Each row total sits left of the year columns, beside the row's labels, frozen with them and
repeated with them on every printed page; after recalculation by the strict formula engine
(tests/formula_engine.py) it equals the sum of what it totals. LibreOffice does the same
check in tests/workbook/test_workbook_libreoffice.py.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string
from openpyxl.utils.cell import coordinate_from_string

from som_xl.kb import load_kb
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook, build_workbook_bytes
from som_xl.workbook.layout import Layout, a1
from som_xl.workbook.model import book_kb
from tests.formula_engine import Book
from tests.workbook_edit import Editor, edit
from tests.workbook_scenarios import FIXTURE_KB, SCENARIOS
from tests.workbook_totals import blocks, problems


@pytest.fixture(scope="module")
def lay() -> Layout:
    return Layout(book_kb(load_kb(FIXTURE_KB)).counts())


@pytest.fixture(scope="module")
def wb() -> Any:
    return openpyxl.load_workbook(io.BytesIO(build_workbook_bytes(load_kb(FIXTURE_KB))))


def _columns(span: str) -> range:
    """'$A:$G' -> columns 0..6."""
    first, last = (column_index_from_string(c.strip("$")) - 1 for c in span.split(":"))
    return range(first, last + 1)


def test_each_total_sits_beside_its_labels(wb: Any, lay: Layout) -> None:
    for b in blocks(lay):
        assert b.label_col < b.total_col < b.first_value_col, b
        ws = wb[b.sheet]
        assert ws.cell(b.header_row + 1, b.total_col + 1).value == b.header, b
        for r in b.rows:
            total = ws.cell(r + 1, b.total_col + 1).value
            assert isinstance(total, str) and total.startswith("="), (b.sheet, r)
        if not b.frozen:  # Hurtigt skøn: a form above, its calculation block below
            continue
        # frozen with the labels: the first scrolling column is right of the total
        column, _ = coordinate_from_string(ws.freeze_panes)
        assert column_index_from_string(column) - 1 > b.total_col, b.sheet
        # printed with the labels on every page
        printed = _columns(ws.print_title_cols)
        assert b.label_col in printed and b.total_col in printed, b.sheet
        assert b.first_value_col not in printed, b.sheet


def _price_year_and_resources(e: Editor) -> None:
    """A price year on a yearly and a per-participant row (factor ≠ 1), and two resources."""
    e.year_cost(1, price_year=2022)
    e.part_cost(0, price_year=2022)
    e.resource(
        0, label="Socialrådgiver", form=T.FORM_FTE, wage=474528, overhead=0.15,
        price_year=2022, amounts={0: 1.5, 1: 1.5, 2: 1},
    )  # fmt: skip
    e.resource(1, label="Kursus", form=T.FORM_HOURS, wage=350, amounts={0: 120, 9: 40})


CHANGES = {
    "standard": None,
    "prisaar_og_ressourcer": _price_year_and_resources,
    "optimisme": SCENARIOS["frafald_doedvaegt_optimisme"],
    "realiseret": SCENARIOS["omkostningsvurdering_opfoelgning"],
}


@pytest.mark.parametrize("name", CHANGES)
def test_totals_equal_their_sums_after_recalculation(
    name: str, lay: Layout, tmp_path: Path
) -> None:
    path = build_workbook(tmp_path / "standard.xlsx", kb=load_kb(FIXTURE_KB))
    change = CHANGES[name]
    if change is not None:
        path = edit(path, tmp_path / f"{name}.xlsx", change)
    book = Book.load(path, cached=False)  # the engine's values only

    def get(sheet: str, row: int, column: int) -> Any:
        return book.value(sheet, a1(row, column))

    names = {key: book.name_value(key) for key in ("som.slutaar", "som.optimisme_omk")}
    assert not problems(lay, get, names)
    # a total one krone off is caught
    off = (T.OMKOSTNINGER, lay.ycost_first, lay.cost_total_col)

    def wrong(sheet: str, row: int, column: int) -> Any:
        value = get(sheet, row, column)
        return value + 1 if (sheet, row, column) == off else value

    assert len(problems(lay, wrong, names)) == 2 - (name in ("optimisme", "realiseret"))
    # the check has something to check: non-zero totals on both sheets
    om = [get(T.OMKOSTNINGER, r, lay.cost_total_col) for r in lay.ycost_rows]
    assert any(isinstance(x, float) and x != 0 for x in om)
    if name in ("prisaar_og_ressourcer", "realiseret"):  # the cases with resources
        ov = [get(T.OMKOSTNINGSVURDERING, r, lay.ov_total_col) for r in lay.ov_rows]
        assert any(isinstance(x, float) and x != 0 for x in ov)
