"""Writing cells: one worksheet with helpers that pair each formula with its cached value.

A :class:`Sheet` wraps an xlsxwriter worksheet. Its writers take 0-based (row, column)
positions as :mod:`som_xl.workbook.layout` gives them; :meth:`Sheet.formula` always takes
the value the formula computes, so viewers that do not recalculate show the right number.
An input cell that is a scenario field takes its data validation (rule, Danish input
message and error alert) from the field table (:meth:`Sheet.field`,
:func:`som_xl.inputs.fields.excel_validation`); the workbook's own choices (kind of cost,
discounting, Ja/Nej) take theirs from :data:`som_xl.workbook.text.VALIDATION`
(:meth:`Sheet.validate`).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..inputs import fields as F
from . import text as T
from .style import Formats

__all__ = ["Sheet", "excel_round"]


def excel_round(x: float, digits: int) -> float:
    """Round as Excel's ROUND does: half away from zero, on the number as it shows.

    Python's ``round`` rounds halves to even (``round(12.25, 1) == 12.2``); Excel, LibreOffice
    and Gnumeric give 12.3. A cached value must be what the formula gives.

    Parameters
    ----------
    x : float
        The number.
    digits : int
        Decimals to keep.

    Returns
    -------
    float

    Examples
    --------
    >>> excel_round(12.25, 1), excel_round(-12.25, 1), round(12.25, 1)
    (12.3, -12.3, 12.2)
    """
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(x)).quantize(quantum, rounding=ROUND_HALF_UP))


class Sheet:
    """One worksheet with helpers that pair each formula with its cached value."""

    def __init__(self, wb: Workbook, fmt: Formats, name: str) -> None:
        """Add the worksheet ``name`` to ``wb``."""
        self.ws: Worksheet = wb.add_worksheet(name)
        self.name = name
        self.fmt = fmt

    def text(self, row: int, column: int, value: str, fmt: Format | None = None) -> None:
        """A text constant (an empty text is a formatted blank cell)."""
        if value == "":
            self.ws.write_blank(row, column, None, fmt)
        else:
            self.ws.write_string(row, column, value, fmt)

    def number(self, row: int, column: int, value: float, fmt: Format | None = None) -> None:
        """A number constant."""
        self.ws.write_number(row, column, value, fmt)

    def value(self, row: int, column: int, value: Any, fmt: Format | None = None) -> None:
        """A constant: blank for None, else number or text."""
        if value is None or value == "":
            self.ws.write_blank(row, column, None, fmt)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            self.ws.write_number(row, column, float(value), fmt)
        else:
            self.ws.write_string(row, column, str(value), fmt)

    def formula(
        self, row: int, column: int, formula: str, value: Any, fmt: Format | None = None
    ) -> None:
        """A formula with its cached value (numbers, text, or an error such as '#N/A')."""
        if isinstance(value, float) and not math.isfinite(value):
            value = "#N/A" if math.isnan(value) else "#NUM!"
        if isinstance(value, bool):
            value = int(value)
        self.ws.write_formula(row, column, formula, fmt, "" if value is None else value)

    def merged(
        self, row: int, c1: int, c2: int, value: str, fmt: Format, height: float | None = None
    ) -> None:
        """A text over the merged cells c1..c2 of a row, optionally with a row height."""
        self.ws.merge_range(row, c1, row, c2, value, fmt)
        if height is not None:
            self.ws.set_row(row, height)

    def wide(
        self, row: int, c1: int, c2: int, value: Any, fmt: Format, formula: str | None = None
    ) -> None:
        """A value or formula in merged cells c1..c2 of a row (the top-left cell holds it)."""
        self.ws.merge_range(row, c1, row, c2, "", fmt)
        if formula is not None:
            self.formula(row, c1, formula, value, fmt)
        else:
            self.value(row, c1, value, fmt)

    def note(self, row: int, column: int, text: str) -> None:
        """A cell comment (the workbook's help notes)."""
        self.ws.write_comment(
            row, column, text, {"author": T.NOTE_AUTHOR, "x_scale": 2.2, "y_scale": 1.3}
        )

    def validate(
        self, r1: int, c1: int, r2: int, c2: int, key: str, options: dict[str, Any]
    ) -> None:
        """Data validation on a range, with the Danish texts of ``T.VALIDATION[key]``."""
        title, message, error = T.VALIDATION[key]
        opts = {
            "input_title": title,
            "input_message": message,
            "error_title": title,
            "error_message": error,
            "ignore_blank": True,
        }
        opts.update(options)
        self.ws.data_validation(r1, c1, r2, c2, opts)

    def validate_cell(self, row: int, column: int, key: str, options: dict[str, Any]) -> None:
        """Data validation on one cell (see :meth:`validate`)."""
        self.validate(row, column, row, column, key, options)

    def field(self, r1: int, c1: int, r2: int, c2: int, key: str, **how: Any) -> None:
        """Data validation on a range from the field table: the field ``key``'s rule and texts.

        ``how`` goes to :func:`som_xl.inputs.fields.excel_validation` (``source``,
        ``place``, ``cell`` and ``also``).
        """
        self.ws.data_validation(r1, c1, r2, c2, F.excel_validation(key, **how))

    def field_cell(self, row: int, column: int, key: str, **how: Any) -> None:
        """Data validation on one cell from the field table (see :meth:`field`)."""
        self.field(row, column, row, column, key, **how)

    def widths(self, *spans: tuple[int, int, float]) -> None:
        """Column widths: (first column, last column, width) for each span."""
        for c1, c2, width in spans:
            self.ws.set_column(c1, c2, width)
