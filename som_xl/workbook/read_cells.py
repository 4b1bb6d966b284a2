"""The reader's access to cells: typed values and Danish problems that name sheet!cell.

Input cells (:meth:`Cells.text`, :meth:`Cells.number`) are read as a user means them: a
formula is read through its cached result, spaces are blank. Knowledge-base cells
(``kb_*``) are read exactly as the builder wrote them; :class:`Cells` is the
:class:`~som_xl.workbook.kb_tables.CellReader` the column specifications read through.
"""

from __future__ import annotations

import io
from typing import Any

import openpyxl
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import Problem
from . import text as T
from .layout import a1

__all__ = ["Cells"]


class Cells:
    """Typed access to cells, collecting Danish problems that name sheet!cell."""

    def __init__(self, wb: Workbook, data: bytes) -> None:
        """Cells of ``wb``; ``data`` are the file's bytes (for cached formula results)."""
        self.wb = wb
        self.data = data
        self._cached: Workbook | None = None
        self.problems: list[Problem] = []
        self.settings_ok = True  # start year, horizon, price year and course length read
        self.kb_complete = True  # every knowledge-base column found

    def _ws(self, sheet: str) -> Worksheet:
        """A worksheet by name."""
        ws = self.wb[sheet]
        assert isinstance(ws, Worksheet)
        return ws

    def raw(self, sheet: str, row: int, column: int) -> Any:
        """A cell's constant (a formula's cached result); None for blank or spaces."""
        value = self._ws(sheet).cell(row + 1, column + 1).value
        if isinstance(value, str) and value.startswith("="):
            value = self._cached_value(sheet, row, column, value)
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def _cached_value(self, sheet: str, row: int, column: int, formula: str) -> Any:
        """An input cell with a formula: its cached result (Excel saves one)."""
        if self._cached is None:
            self._cached = openpyxl.load_workbook(io.BytesIO(self.data), data_only=True)
        value = self._cached[sheet].cell(row + 1, column + 1).value
        if value is None:
            self.add(sheet, row, column, T.READ_FORMULA_INPUT, formula)
        return value

    def add(self, sheet: str, row: int, column: int, message: str, value: object) -> None:
        """Report a problem with a cell's value at sheet!cell."""
        self.problems.append(Problem(f"{sheet}!{a1(row, column)}", "", message, value, True))

    def text(self, sheet: str, row: int, column: int) -> str:
        """An input cell as text, stripped ('' for blank; 4.0 reads as '4')."""
        value = self.raw(sheet, row, column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    def number(
        self,
        sheet: str,
        row: int,
        column: int,
        label: str,
        *,
        whole: bool = False,
        lo: float | None = None,
        hi: float | None = None,
        required: bool = False,
    ) -> float | None:
        """An input number; None (with a problem when wrong) if blank, text or out of range.

        ``label`` starts the Danish message; ``whole`` asks for a whole number, ``lo`` and
        ``hi`` bound it, ``required`` reports a blank cell.
        """
        value = self.raw(sheet, row, column)
        if value is None:
            if required:
                self.add(sheet, row, column, f"{label} {T.READ_NUMBER}", None)
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(sheet, row, column, f"{label} {T.READ_TEXT_NUMBER}", value)
            return None
        number = float(value)
        if whole and not number.is_integer():
            self.add(sheet, row, column, f"{label} {T.READ_WHOLE}", value)
            return None
        if (lo is not None and number < lo) or (hi is not None and number > hi):
            lo_text = f"{lo:g}" if lo is not None else "-"
            hi_text = f"{hi:g}" if hi is not None else "-"
            self.add(
                sheet, row, column, f"{label} {T.READ_RANGE.format(lo=lo_text, hi=hi_text)}", value
            )
            return None
        return number

    def whole(self, sheet: str, row: int, column: int, label: str, lo: int, hi: int) -> int | None:
        """A required whole number within lo..hi (None and a problem otherwise)."""
        n = self.number(sheet, row, column, label, whole=True, lo=lo, hi=hi, required=True)
        return int(n) if n is not None else None

    def kb_text(self, sheet: str, row: int, column: int) -> str:
        """A knowledge-base cell as text, exactly as written ('' for blank)."""
        value = self._ws(sheet).cell(row + 1, column + 1).value
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def missing_column(self, sheet: str, header_row: int, header: str) -> None:
        """A knowledge-base table lacks a column: reported, and nothing is resolved."""
        message = T.READ_KB_COLUMN.format(header=header)
        self.problems.append(Problem(f"{sheet}!{a1(header_row, 0)}", "", message))
        self.kb_complete = False

    def kb_width(self, sheet: str) -> int:
        """The number of columns in use on a sheet."""
        return int(self._ws(sheet).max_column)

    def kb_number(self, sheet: str, row: int, column: int) -> float | None:
        """A knowledge-base number; None for blank; a text is reported."""
        value = self._ws(sheet).cell(row + 1, column + 1).value
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(sheet, row, column, T.READ_BAD_KB, value)
            return None
        return float(value)
