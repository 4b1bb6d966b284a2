"""The reader's access to cells: typed values and Danish problems that name sheet!cell.

Input cells (:meth:`Cells.text`, :meth:`Cells.number`) are read as a user means them: a
formula is read through its cached result, spaces are blank. Knowledge-base cells
(``kb_*``) are read exactly as the builder wrote them; :class:`Cells` is the
:class:`~som_xl.workbook.kb_tables.CellReader` the column specifications read through.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from typing import Any, Final

import openpyxl
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import Problem
from ..inputs import fields as F
from ..inputs.rules import NUMERIC
from . import text as T
from .layout import a1

__all__ = ["MAX_KB_NUMBER", "Cells", "said"]

#: The largest number (in absolute value) a knowledge-base cell may hold: the field table's
#: largest amount (no price, index, rate or year comes near it).
MAX_KB_NUMBER: Final = F.MAX_AMOUNT
READ_KB_HUGE: Final = (
    f"vidensdatabasens tal er urealistisk stort eller ikke et endeligt tal (højst "
    f"{MAX_KB_NUMBER:g} i absolut værdi); arket er ændret eller beskadiget"
)

#: Words a field table's message may start with when it continues the label ("… skal …").
_VERBS = ("skal ", "må ", "kan ", "er ", "ligger ")
#: A message's own subject: a few lower-case words before its verb ("antallet af deltagere").
_SUBJECT = re.compile(r"^([a-zæøå]+(?: [a-zæøå]+){0,3}) (?=skal |må |kan |er |ligger )")


def said(label: str, message: str) -> str:
    """A message about a cell that starts with the cell's label.

    The field table's messages either go on from a subject (``skal ligge mellem …``) and
    follow the label, or name their subject first (``succesraten skal …``), which the label
    then replaces; any other message follows the label after a colon.

    Examples
    --------
    >>> said("Startår", "skal ligge mellem 2000 og 2100")
    'Startår skal ligge mellem 2000 og 2100'
    >>> said("Deltagere", "antallet af deltagere kan ikke være negativt")
    'Deltagere kan ikke være negativt'
    >>> said("Prisår", "prisindekset (arket VD Indeks) har ikke året")
    'Prisår: prisindekset (arket VD Indeks) har ikke året'
    """
    if message.startswith(_VERBS):
        return f"{label} {message}"
    subject = _SUBJECT.match(message)
    if subject is not None:
        return f"{label} {message[subject.end(1) + 1 :]}"
    return f"{label}: {message}"


class Cells:
    """Typed access to cells, collecting Danish problems that name sheet!cell."""

    def __init__(self, wb: Workbook, data: bytes) -> None:
        """Cells of ``wb``; ``data`` are the file's bytes (for cached formula results)."""
        self.wb = wb
        self.data = data
        self._cached: Workbook | None = None
        self.problems: list[Problem] = []
        self.settings_ok = True  # start year, horizon, price year and course length read
        self.kb_complete = True  # every knowledge-base column found, every number read

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
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl's notes on unsupported extensions
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

    def field(
        self, sheet: str, row: int, column: int, key: str, label: str, *, required: bool = False
    ) -> Any:
        """An input cell as the scenario field ``key``; None (with a problem when wrong).

        The field table's rules decide (:func:`som_xl.inputs.fields.parse` and
        :func:`~som_xl.inputs.fields.check`, as a cell: messages with a decimal comma), and
        the message names the cell and starts with the workbook's ``label``. A number
        written as text is refused here: the workbook's sums skip text, so reading it as a
        number would compute something the workbook does not show. ``required`` reports a
        blank cell.

        Examples
        --------
        A horizon of 60 years breaks the table's bound (1–50), and the message says so::

            Indstillinger!C6: Tidshorisont (år) skal ligge mellem 1 og 50 (værdi: 60)
        """
        value = self.raw(sheet, row, column)
        if value is None:
            if required:
                self.add(sheet, row, column, f"{label} {T.READ_NUMBER}", None)
            return None
        if F.field(key).type in NUMERIC and isinstance(value, str):
            self.add(sheet, row, column, f"{label} {T.READ_TEXT_NUMBER}", value)
            return None
        try:
            parsed = F.parse(key, value, cells=True)
        except ValueError as exc:
            self.add(sheet, row, column, said(label, str(exc)), value)
            return None
        message = F.check(key, parsed, cells=True)
        if message is not None:
            self.add(sheet, row, column, said(label, message), value)
            return None
        return parsed

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
            self.kb_complete = False  # nothing is resolved against a damaged sheet
            return None
        number = float(value)
        if not math.isfinite(number) or abs(number) > MAX_KB_NUMBER:
            self.add(sheet, row, column, READ_KB_HUGE, value)
            self.kb_complete = False
            return None
        return number
