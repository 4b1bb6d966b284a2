"""The build context: what every sheet writer needs, in one object.

Each module in :mod:`som_xl.workbook.sheets` exposes ``write(ctx)`` taking a
:class:`BuildContext`: the xlsxwriter workbook, the formats, the layout, the knowledge
base as the workbook shows it, the inputs, the cached values and the sheets by name. Sheets
refer to each other only through the layout (rows and columns) and the defined names, so
they can be written in any order that keeps the shared strings in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.workbook import Workbook

from . import text as T
from .cells import Sheet
from .layout import Layout, ref, rng
from .model import BookKB, Inputs
from .style import Formats
from .values import Values

__all__ = ["BuildContext"]


@dataclass
class BuildContext:
    """Everything a sheet writer needs.

    Attributes
    ----------
    wb : Workbook
        The xlsxwriter workbook being built.
    fmt : Formats
        The format cache.
    lay : Layout
        Where everything is (shared with the reader).
    bkb : BookKB
        The knowledge base as the workbook's sheets show it.
    inp : Inputs
        The yellow cells' contents.
    v : Values
        The values the formulas compute (their cached results).
    sheets : dict[str, Sheet]
        Every sheet by its Danish name, created in the workbook's tab order.
    """

    wb: Workbook
    fmt: Formats
    lay: Layout
    bkb: BookKB
    inp: Inputs
    v: Values
    sheets: dict[str, Sheet]

    @classmethod
    def create(cls, wb: Workbook, bkb: BookKB, inp: Inputs, values: Values) -> BuildContext:
        """A context with every sheet of ``T.SHEETS`` added to ``wb`` in tab order."""
        fmt = Formats(wb)
        sheets = {name: Sheet(wb, fmt, name) for name in T.SHEETS}
        return cls(wb, fmt, values.layout, bkb, inp, values, sheets)

    def place_after(self, sheet: Sheet, after: str) -> None:
        """Move a worksheet added late to just after ``after`` in the tab order (xlsxwriter
        adds every new worksheet last)."""
        sheets = self.wb.worksheets_objs
        sheets.remove(sheet.ws)
        at = next(i for i, w in enumerate(sheets) if w.name == after) + 1
        sheets.insert(at, sheet.ws)
        for i, w in enumerate(sheets):
            w.index = i

    def name(
        self, name: str, sheet: str, r1: int, c1: int, r2: int | None = None, c2: int | None = None
    ) -> None:
        """Define a workbook-level name for a cell, or for a range when r2 and c2 are given."""
        target = ref(sheet, r1, c1) if r2 is None or c2 is None else rng(sheet, r1, c1, r2, c2)
        self.wb.define_name(name, f"={target}")

    def name_column(self, name: str, sheet: str, first: int, count: int, column: int) -> None:
        """Define a name for ``count`` rows of one column (at least one row)."""
        self.name(name, sheet, first, column, first + max(count, 1) - 1, column)

    @property
    def participants_total(self) -> str:
        """Indsats og målgruppe: the cell with the participants within the horizon."""
        return ref(T.INDSATS, self.lay.part_total_row, self.lay.part_col)

    def pv(self, row: int, *, other_sheet: bool = False) -> str:
        """The present value of a year row: SUMPRODUCT with Beregning's discount factors.

        Parameters
        ----------
        row : int
            The row whose year columns are discounted.
        other_sheet : bool
            True when the row is not on Beregning (the factors are then referred to by
            sheet name).
        """
        lay = self.lay
        d = lay.calc_rows["disc"]
        values = rng(None, row, lay.year_col, row, lay.last_year_col, False)
        factors = rng(T.BEREGNING if other_sheet else None, d, lay.year_col, d, lay.last_year_col)
        return f"=SUMPRODUCT({values},{factors})"

    def price_pos(self, i: int) -> int:
        """Position of price row i in the Priser ranges (the own-services header counts)."""
        return self.lay.price_row(i) - self.lay.price_first + 1 if i >= 0 else 0
