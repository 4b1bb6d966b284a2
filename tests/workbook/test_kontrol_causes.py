"""*Kontrol* counts causes, not their consequences (user trial: one typo showed as "3 fejl").

One deliberate input error per workbook: a start year typed with the letter O, a blank
horizon, a success rate typed as text, 30 for 30 %, a blank target group and a blank price
year. Before the change each but the plain "30" failed several checks (the start year
17: the participant and cost rows whose years come from it, and the error-value checks of
four sheets). Now the checks that follow a failing one show *Følgefejl*, name it and are not
counted: ``som.inputfejl`` is 1, the first message (Kontrol and the top of Resultat) names
the cell, and ``som-xl read`` names only the cause. Recalculated by LibreOffice (the
independent engine) and by tests/formula_engine.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook
from som_xl.workbook.layout import Layout, a1
from som_xl.workbook.read import read_content
from som_xl.workbook.read_sheets import kontrol_problems
from som_xl.workbook.sheets.guard import COUNTED, FAILS
from tests.formula_engine import Book
from tests.workbook_edit import Editor, edit
from tests.workbook_scenarios import named_values

#: name -> (sheet, cell key, value as typed, fewest consequences it has: Følgefejl rows)
ERRORS: dict[str, tuple[str, str, Any, int]] = {
    "startaar_med_bogstav": (T.INDSTILLINGER, "startaar", "2O25", 10),
    "horisont_tom": (T.INDSTILLINGER, "horisont", None, 1),
    "succesrate_tekst": (T.INDSATS, "success", "30 procent", 1),
    "succesrate_30": (T.INDSATS, "success", 30.0, 0),
    "maalgruppe_tom": (T.INDSATS, "group", None, 1),
    "prisaar_tom": (T.INDSTILLINGER, "prisaar", None, 1),
}


def _cell(lay: Layout, key: str) -> tuple[int, int]:
    if key == "success":
        return lay.success_row, lay.value_col
    if key == "group":
        return lay.group_row, lay.value_col
    return lay.settings_rows[key], lay.settings_col


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("kontrol") / "SOM.xlsx")


@pytest.fixture(scope="module")
def lay(base: Path) -> Layout:
    return read_content(base).layout


def _rows(ws: Any, first: int = 6) -> list[tuple[Any, ...]]:
    """Kontrol's check rows (1-based from row 6): place, status, message, counted, fails."""
    out = []
    r = first
    while ws.cell(r, 4).value not in ("", None):
        out.append(
            tuple(ws.cell(r, c).value for c in (2, 4, 5, COUNTED + 1, FAILS + 1))
        )  # fmt: skip
        r += 1
    return out


def _assert_one_cause(rows: list[tuple[Any, ...]], where: str, follows: int) -> None:
    bad = [r for r in rows if r[1] == T.CHECK_BAD]
    consequences = [r for r in rows if r[1] == T.CHECK_FOLLOWS]
    assert len(bad) == 1 and bad[0][0] == where, bad
    assert str(bad[0][2]).startswith(f"{where}: "), bad[0]
    assert len(consequences) >= follows, consequences
    for place, _, message, counted, fails in consequences:
        assert counted == 0 and fails == 1
        assert message == f"{place}: " + T.CHECK_FOLLOWS_MSG.format(cause=where), message


@pytest.mark.libreoffice
def test_one_input_error_is_one_error_in_libreoffice(
    base: Path, lay: Layout, tmp_path: Path
) -> None:
    from tests.libreoffice import recalculate, soffice

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) er ikke installeret")
    src = tmp_path / "kilde"
    src.mkdir()
    files = []
    for name, (sheet, key, value, _) in ERRORS.items():
        row, column = _cell(lay, key)

        def change(
            e: Editor, s: str = sheet, r: int = row, c: int = column, v: Any = value
        ) -> None:
            e.set(s, r, c, v)

        files.append(edit(base, src / f"{name}.xlsx", change))
    done = recalculate(files, tmp_path / "genberegnet")
    for (name, (sheet, key, _, follows)), path in zip(ERRORS.items(), done, strict=True):
        row, column = _cell(lay, key)
        where = f"{sheet}!{a1(row, column)}"
        assert named_values(path)["som.inputfejl"] == 1, name
        wb = openpyxl.load_workbook(path, data_only=True)
        _assert_one_cause(_rows(wb[T.KONTROL]), where, follows)
        first = wb[T.RESULTAT][a1(lay.res_check_row + 1, 1)].value
        assert str(first).startswith(f"{where}: "), (name, first)
        # Resultat's scenario line says "ret inputfejl", not #VALUE! (user trial)
        echo = str(wb[T.RESULTAT]["B2"].value)
        assert echo.startswith("Scenarie: ") and "#" not in echo, (name, echo)
        # som-xl read refuses the file naming the count and the cause only
        problems = kontrol_problems(path)
        assert "melder 1 inputfejl" in problems[0].message, name
        assert [p.message.split(":")[0] for p in problems[1:]] == [where], (name, problems)


def test_one_input_error_is_one_error_in_the_formula_engine(base: Path, lay: Layout) -> None:
    """The same with tests/formula_engine.py (and, the one case, a sound cost row beside a
    bad start year's consequences stays OK)."""
    book = Book.load(base)
    for name, (sheet, key, value, follows) in ERRORS.items():
        row, column = _cell(lay, key)
        b = book.copy()
        b.set(sheet, a1(row, column), value)
        assert b.name_value("som.inputfejl") == 1, name
        echo = str(b.value(T.RESULTAT, "B2"))
        assert echo.startswith("Scenarie: ") and "#" not in echo, (name, echo)
        rows = []
        for r in range(5, 5 + 200):
            status = b.value(T.KONTROL, a1(r, 3))
            if status in ("", None):
                break
            rows.append(
                tuple(b.value(T.KONTROL, a1(r, c)) for c in (1, 3, 4, COUNTED, FAILS))
            )  # fmt: skip
        _assert_one_cause(rows, f"{sheet}!{a1(row, column)}", follows)


def test_two_independent_errors_are_two(base: Path, lay: Layout) -> None:
    """A bad success rate and a blank target group are two causes (neither follows the
    other): the count is 2."""
    b = Book.load(base)
    b.set(T.INDSATS, a1(lay.success_row, lay.value_col), 30.0)
    b.set(T.INDSATS, a1(lay.group_row, lay.value_col), None)
    assert b.name_value("som.inputfejl") == 2
