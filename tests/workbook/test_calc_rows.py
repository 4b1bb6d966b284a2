"""*Beregning*'s row specification: each formula and the trace field it must equal, together.

For every row of :func:`som_xl.workbook.calc_rows.spec`, without LibreOffice:

1. On the default workbook and on three copies with changed inputs, the sheet holds the
   row's template text in every year column, and the workbook recalculated by
   tests/formula_engine.py equals the row's trace field for the engine's trace of the same
   inputs (read back from the file), to a relative 1e-9; the totals and present values too.
2. A changed template (× 2 + 1) fails that row's check: each row alone (the changed formula
   evaluated on the recalculated workbook), and all rows in one build from a changed spec
   (the writer takes its formulas from the spec, its cached values from the trace).
3. Every formula cell of Beregning's year, total and factor columns comes from the spec, and
   the cells without a trace field say why.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from som_xl.kb import load_kb
from som_xl.workbook import calc_rows
from som_xl.workbook import layout as L
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook_bytes
from som_xl.workbook.calc_spec import (
    CalcRow,
    CalcSpec,
    Cell,
    Source,
    Template,
    pv_formula,
    total_formula,
)
from som_xl.workbook.layout import YEARS, Layout, a1
from som_xl.workbook.read import read_content
from som_xl.workbook.values import compute
from tests.formula_engine import Book, XlError
from tests.workbook_edit import Editor, edit
from tests.workbook_scenarios import FIXTURE_KB, SCENARIOS

SHEET = T.BEREGNING
REL = 1e-9


@dataclass
class Case:
    """A workbook file, recalculated, with the spec and the engine's trace for its inputs."""

    name: str
    book: Book
    spec: CalcSpec
    src: Source
    lay: Layout


def _case(name: str, path: Path) -> Case:
    """The workbook at ``path``: its inputs read back, the engine's trace, the recalculation."""
    content = read_content(path)
    values = compute(content.inputs, content.bkb, content.layout, content.kb)
    src = Source.of(values.trace, content.inputs, content.bkb, content.layout)
    items = [label for _, label, _ in content.bkb.budget_items]
    book = Book.load(path, cached=False)
    return Case(name, book, calc_rows.spec(content.layout, items), src, content.layout)


def _default_changes(e: Editor) -> None:
    """A fixed rate, another success rate, participants and horizon, a block off, costs."""
    e.success_rate(0.3)
    e.setting("horisont", 12)
    e.setting("diskontering", T.FAST_RENTE)
    e.setting("diskonteringsrente", 0.05)
    e.participants({0: 37, 1: None, 2: 12, 5: 8})
    e.switch(1, False)
    e.override(0, {1: -3, 4: -1})
    e.part_cost(0, label="Visitation", kind=T.ART_SPARET, price_year=2022, amount=500)
    e.year_cost(2, label="Evaluering", purse="Stat", amounts={1: 90000, 3: 90000})


#: The changed copies: (knowledge base, change). The fixture's scenarios are the LibreOffice
#: test's; together they cover a fixed rate and a schedule that steps, 2-year courses,
#: switched-off blocks, own values, services and consequences, revenues, local prices and
#: costs in every purse and kind.
CHANGES: dict[str, tuple[str, Callable[[Editor], None]]] = {
    "default_changed": ("default", _default_changes),
    "horisont_fm": ("fixture", SCENARIOS["horisont_fm"]),
    "lokale_priser": ("fixture", SCENARIOS["lokale_priser"]),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The default workbook, the fixture knowledge base's, and the changed copies."""
    folder = tmp_path_factory.mktemp("beregning")
    base = {"default": folder / "default.xlsx", "fixture": folder / "fixture.xlsx"}
    base["default"].write_bytes(build_workbook_bytes())
    base["fixture"].write_bytes(build_workbook_bytes(load_kb(FIXTURE_KB)))
    out = dict(base)
    for name, (kb, change) in CHANGES.items():
        out[name] = edit(base[kb], folder / f"{name}.xlsx", change)
    return out


@pytest.fixture(scope="module")
def cases(files: dict[str, Path]) -> Callable[[str], Case]:
    """Each case read and recalculated once for the module (the tests never change them)."""
    memo: dict[str, Case] = {}

    def case(name: str) -> Case:
        if name not in memo:
            memo[name] = _case(name, files[name])
        return memo[name]

    return case


@pytest.fixture(scope="module")
def default(cases: Callable[[str], Case]) -> Case:
    return cases("default")


# --------------------------------------------------------------------------------------
# The check: one row against its trace field
# --------------------------------------------------------------------------------------


def _same(want: float, got: Any) -> bool:
    """A recalculated value equal to the trace's (NaN: the chart rows' #N/A)."""
    if math.isnan(want):
        return got == XlError("#N/A")
    return isinstance(got, float) and math.isclose(got, want, rel_tol=REL, abs_tol=0.0)


def row_problems(
    case: Case, row: CalcRow, template: Template | None = None, *, first: bool = False
) -> list[str]:
    """Where ``row`` differs from its trace field: each year column, its total and its PV.

    With ``template``, each year column's value is that template's formula evaluated on the
    recalculated workbook (a changed formula, without rebuilding); else it is the cell's.
    With ``first``, stop at the first difference.
    """
    lay, book = case.lay, case.book
    want = row.field(case.src)
    assert want.shape == (YEARS,), f"{row.key}: {want.shape}"
    out = []
    for t in range(YEARS):
        cell = a1(row.row, lay.year_col + t)
        content = (template or row.formula)(lay, t)
        if content is Cell.EMPTY:
            got: Any = book.value(SHEET, cell)
            if got is not None:
                out.append(f"{row.key} {cell}: should be empty, holds {got!r}")
            continue
        is_formula = isinstance(content, str) and template is not None
        got = book.evaluate(content, SHEET) if is_formula else book.value(SHEET, cell)
        if not _same(float(want[t]), got):
            out.append(f"{row.key} {cell} (t={t}): trace {float(want[t])!r}, sheet {got!r}")
            if first:
                return out
    for present, column, value in (
        (row.total, lay.calc_total_col, row.total_value),
        (row.pv, lay.calc_pv_col, row.pv_value),
    ):
        cell = a1(row.row, column)
        if present and not _same(value(case.src), got := book.value(SHEET, cell)):
            out.append(f"{row.key} {cell}: trace {value(case.src)!r}, sheet {got!r}")
    return out


def formula_problems(case: Case, row: CalcRow) -> list[str]:
    """Where the sheet's formulas are not the row's template (or its total and PV)."""
    lay, book = case.lay, case.book
    out = []
    for t in range(YEARS):
        cell = a1(row.row, lay.year_col + t)
        content = row.formula(lay, t)
        want = content if isinstance(content, str) else None
        if book.formula(SHEET, cell) != want:
            out.append(f"{row.key} {cell}: {book.formula(SHEET, cell)!r} is not {want!r}")
        if content is Cell.CONSTANT and book.value(SHEET, cell) is None:
            out.append(f"{row.key} {cell}: no constant")
    for present, column, formula in (
        (row.total, lay.calc_total_col, total_formula),
        (row.pv, lay.calc_pv_col, pv_formula),
    ):
        got = book.formula(SHEET, a1(row.row, column))
        if present and got != formula(lay, row.row):
            out.append(f"{row.key}: {got!r} is not {formula(lay, row.row)!r}")
    return out


def _mutated(template: Template) -> Template:
    """The template with each formula × 2 + 1 (constants and empty cells unchanged)."""

    def changed(lay: Layout, t: int) -> str | Cell:
        content = template(lay, t)
        return f"=({content[1:]})*2+1" if isinstance(content, str) else content

    return changed


def _has_formula(case: Case, row: CalcRow) -> bool:
    return any(isinstance(row.formula(case.lay, t), str) for t in range(YEARS))


# --------------------------------------------------------------------------------------
# 1. Every row equals its trace field
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["default", *CHANGES])
def test_every_row_equals_its_trace_field(name: str, cases: Callable[[str], Case]) -> None:
    case = cases(name)
    assert len(case.spec.rows) == len({r.key for r in case.spec.rows}) > 50
    bad = [p for row in case.spec.rows for p in formula_problems(case, row)]
    assert not bad, f"{len(bad)} formulas are not their templates:\n" + "\n".join(bad[:20])
    bad = [p for row in case.spec.rows for p in row_problems(case, row)]
    assert not bad, f"{len(bad)} cells differ from the trace:\n" + "\n".join(bad[:20])
    for cell in case.spec.cells:
        assert case.book.formula(SHEET, a1(cell.row, cell.column)) == cell.formula(case.lay)


def test_the_changed_copies_change_the_rows(default: Case, cases: Callable[[str], Case]) -> None:
    """The changed copies are other calculations: the checks above compare something."""
    changed = cases("default_changed")
    for key in ("rate", "starters", "succ", "units.0", "cost.10", "net", "fig_cum"):
        before = default.spec.row(key).field(default.src).tolist()
        after = changed.spec.row(key).field(changed.src).tolist()
        assert not all(_same(a, b) for a, b in zip(before, after, strict=True)), key
    assert changed.src.blocks[1] is None and default.src.blocks[1] is not None


# --------------------------------------------------------------------------------------
# 2. A changed template fails its row
# --------------------------------------------------------------------------------------


def test_a_changed_template_fails_its_row(default: Case) -> None:
    """Each row alone: its template × 2 + 1, evaluated on the recalculated workbook."""
    without = [row.key for row in default.spec.rows if not _has_formula(default, row)]
    assert without == ["t"]  # the year index: constants only
    for row in default.spec.rows:
        if row.key in without:
            continue
        changed = row_problems(default, row, _mutated(row.formula), first=True)
        assert changed, f"{row.key}: a changed formula went unnoticed"


def test_a_changed_spec_is_written_and_caught(
    cases: Callable[[str], Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    """All rows in one build from a changed spec: the sheet holds the changed formulas, its
    cached values are still the trace's, and every row's check fails (each row's own
    change, alone, is caught by the test above)."""
    original = calc_rows.spec

    def changed_spec(lay: Layout, items: Any) -> CalcSpec:
        spec = original(lay, items)
        rows = tuple(dataclasses.replace(r, formula=_mutated(r.formula)) for r in spec.rows)
        return dataclasses.replace(spec, rows=rows)

    monkeypatch.setattr(calc_rows, "spec", changed_spec)
    book = Book.load(build_workbook_bytes(load_kb(FIXTURE_KB)))
    monkeypatch.undo()
    default = cases("fixture")  # the fixture knowledge base's workbook (small, fast)
    rows = tuple(dataclasses.replace(r, formula=_mutated(r.formula)) for r in default.spec.rows)
    case = dataclasses.replace(
        default, book=book, spec=dataclasses.replace(default.spec, rows=rows)
    )
    assert all(not formula_problems(case, row) for row in case.spec.rows)
    changed = {row.key for row in case.spec.rows if _has_formula(case, row)}
    caught = {row.key for row in case.spec.rows if row_problems(case, row)}
    assert caught == changed
    for row in default.spec.rows:  # the cached values are the trace's, not the formulas'
        want = row.field(default.src).tolist()
        for t in range(YEARS):
            cached = book.cached.get((SHEET, a1(row.row, default.lay.year_col + t)))
            assert cached is None or _same(want[t], cached), (row.key, t)


# --------------------------------------------------------------------------------------
# 3. The spec is the sheet
# --------------------------------------------------------------------------------------


def test_every_formula_of_the_year_and_factor_columns_is_in_the_spec(default: Case) -> None:
    lay, book = default.lay, default.book
    expected = {
        a1(row.row, lay.year_col + t)
        for row in default.spec.rows
        for t in range(YEARS)
        if isinstance(row.formula(lay, t), str)
    }
    expected |= {a1(r.row, lay.calc_total_col) for r in default.spec.rows if r.total}
    expected |= {a1(r.row, lay.calc_pv_col) for r in default.spec.rows if r.pv}
    expected |= {a1(c.row, c.column) for c in default.spec.cells}
    # column E of the kommune's item rows and the committee rows is a label (the committee,
    # from the sheet Udvalg) that their SUMIFS select by, not a factor
    expected |= {a1(r.row, L.B_FACTOR) for r in default.spec.rows if r.group in ("kitem", "com")}
    years = range(lay.year_col, lay.last_year_col + 1)
    spans = (L.B_FACTOR, lay.calc_total_col, lay.calc_pv_col, *years)
    columns = {a1(0, c)[:-1] for c in spans}
    found = {
        cell
        for sheet, cell in book.formula_cells()
        if sheet == SHEET and cell.rstrip("0123456789") in columns
    }
    assert found == expected


def test_cells_without_a_trace_field_say_why(default: Case) -> None:
    assert default.spec.cells
    for cell in default.spec.cells:
        assert cell.field is None and len(cell.reason) > 40, cell.key
        assert cell.key.startswith("factor.")
    for row in default.spec.rows:
        assert row.label and row.field is not None, row.key
