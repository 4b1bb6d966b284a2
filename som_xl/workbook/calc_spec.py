"""The vocabulary of *Beregning*'s row specification: rows, looks and trace fields.

:mod:`som_xl.workbook.calc_rows` lists the sheet's rows; this module says what a row is.

* A :class:`CalcRow` is one row of year columns: key, Danish label, formula template (year
  column t's formula from the layout, a :data:`Template`), trace field and :class:`Look`.
* A :class:`CalcCell` is a formula cell outside the year columns that rows use (the factor
  column), with the trace field it equals, or None and the reason there is none.
* A trace field takes a :class:`Source` (the trace, padded to the sheet's year columns, and
  where each consequence block, cost row and budget item of the sheet is in it) and gives
  the row's values over the year columns. :class:`Row` is a field of
  :class:`~som_xl.engine.Trace`, :class:`Total` a field of :class:`~som_xl.engine.SheetTotals`
  (the totals as the sheet adds its rows); the others pick the rows the sheet shows per
  consequence block (:class:`Units`, :class:`Gain`), cost row (:class:`CostRow`), purse
  (:class:`Purse`, :class:`PurseNet`) or budget item (:class:`Item`), or show a row within
  the horizon only (:class:`Figure`).

Examples
--------
>>> from som_xl.engine import Model, trace
>>> src = Source(trace(Model.simple([10, 0], 0.5, [-2], -100.0)), (0,), (), ())
>>> Row("successes")(src).tolist(), Units(0)(src).tolist(), Gain(0, 0)(src)[1]
([5.0, 0.0], [0.0, -20.0], np.float64(1000.0))
>>> Figure(Row("successes"))(Source(src.trace.padded(3), (0,), (), ())).tolist()
[5.0, 0.0, nan]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np
from numpy.typing import NDArray
from xlsxwriter.format import Format

from ..engine import BREAK_EVEN_TOLERANCE, SheetTotals, Trace
from .book import BookKB
from .layout import Layout, rng
from .model import Inputs
from .scenario import inputs_to_scenario
from .style import C_NOTE, Formats

if TYPE_CHECKING:
    from .values import Values

__all__ = [
    "AssumedUnits",
    "CalcCell",
    "CalcRow",
    "CalcSpec",
    "Cell",
    "CostRow",
    "Field",
    "Figure",
    "Gain",
    "Group",
    "Item",
    "KommuneItem",
    "Look",
    "Purse",
    "PurseNet",
    "Row",
    "Source",
    "Template",
    "Total",
    "TotalFlag",
    "Units",
    "UnitsDuring",
    "pv_formula",
    "total_formula",
]

Arr = NDArray[np.float64]


# --- the rows -----------------------------------------------------------------------------


class Cell(Enum):
    """What a year column holds when it holds no formula."""

    #: The trace field's value, written as a number.
    CONSTANT = "constant"
    #: Nothing (the cell is not written).
    EMPTY = "empty"


#: Year column t's content: an Excel formula ("=…") or a :class:`Cell`.
Template = Callable[[Layout, int], "str | Cell"]


@dataclass(frozen=True)
class Look:
    """A cell's format: its number format, bold or not (None: not set) and its style."""

    number_format: str
    bold: bool | None = None
    style: Literal["plain", "header", "note", "block"] = "plain"

    def format(self, fmt: Formats) -> Format:
        """The xlsxwriter format (from the workbook's format cache)."""
        nf = self.number_format
        if self.style == "header":
            return fmt.header(num_format=nf)
        if self.style == "note":
            return fmt(num_format=nf, font_color=C_NOTE)
        if self.style == "block":
            return fmt.block_top(num_format=nf)
        return fmt(num_format=nf) if self.bold is None else fmt(num_format=nf, bold=self.bold)


@dataclass(frozen=True)
class CalcRow:
    """One row of year columns on *Beregning*.

    Attributes
    ----------
    key : str
        The row's key: a key of ``Layout.calc_rows``, ``CALC_TOTALS`` or the chart rows, or
        ``units.i``, ``gain.i.purse``, ``cost.n``, ``purse.costs|gains|net.purse``,
        ``item.costs|gains.b`` for the rows per block, cost row, purse and budget item.
    label : str
        Its Danish label (for the block and cost rows the kind of row: column A there shows
        the consequence or cost, looked up).
    row : int
        Its row (0-based).
    formula : Template
        Year column t's formula (or a constant or nothing, see :class:`Cell`).
    field : Field
        The trace field each year column equals.
    look : Look
        The year columns' format.
    total, pv : bool
        Whether the row has a total (SUM) and a present value (SUMPRODUCT with the
        discount factors) beside the labels, left of the years.
    pv_field : str
        The trace's own figure for the present value ('' : Σ field × discount).
    sum_look : Look or None
        The total and present value's format (None: as the years).
    group : str
        time, units, gain, cost, total, purse, item or figure (the writer's label columns).
    label_bold : bool or None
        The label's format: bold or not, or None for no format.
    """

    key: str
    label: str
    row: int
    formula: Template
    field: Field
    look: Look
    total: bool = False
    pv: bool = False
    pv_field: str = ""
    sum_look: Look | None = None
    group: str = "time"
    label_bold: bool | None = None

    def total_value(self, src: Source) -> float:
        """The total's value: the sum of the year columns."""
        return float(self.field(src).sum())

    def pv_value(self, src: Source) -> float:
        """The present value: the trace's own figure, or Σ field × discount."""
        if self.pv_field:
            return float(getattr(src.trace, self.pv_field))
        return float((self.field(src) * src.trace.discount).sum())

    def label_format(self, fmt: Formats) -> Format | None:
        """The label's format: bold or not, or none."""
        return None if self.label_bold is None else fmt(bold=self.label_bold)


@dataclass(frozen=True)
class CalcCell:
    """One formula cell outside the year columns that year rows use (the factor column E).

    ``field`` is None where the trace has no counterpart; ``reason`` says why, and which
    rows check it; ``value`` then gives its cached value.
    """

    key: str
    label: str
    row: int
    column: int
    formula: Callable[[Layout], str]
    field: Callable[[Source], float] | None
    reason: str
    look: Look
    #: The cached value where there is no trace field: the workbook's own lookup tables.
    value: Callable[[Values], float]


@dataclass(frozen=True)
class CalcSpec:
    """Every year row of *Beregning* (top to bottom) and the lookups they use."""

    rows: tuple[CalcRow, ...]
    cells: tuple[CalcCell, ...] = field(default=())

    def row(self, key: str) -> CalcRow:
        """The row with this key (KeyError if none)."""
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)


def total_formula(lay: Layout, row: int) -> str:
    """The total of a year row: ``=SUM(F10:BC10)``."""
    return f"=SUM({rng(None, row, lay.year_col, row, lay.last_year_col, False)})"


def pv_formula(lay: Layout, row: int) -> str:
    """The present value of a year row: its years × the discount factors.

    Examples
    --------
    >>> from .layout import Counts
    >>> pv_formula(Layout(Counts(1, 1, 1, 1, 10, 0, 1, 1, 1, 1, 1)), 12)
    '=SUMPRODUCT(H13:BE13,$H$8:$BE$8)'
    """
    d = lay.calc_rows["disc"]
    values = rng(None, row, lay.year_col, row, lay.last_year_col, False)
    return f"=SUMPRODUCT({values},{rng(None, d, lay.year_col, d, lay.last_year_col)})"


# --- where the values come from ---------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """The trace a workbook's cached values come from, and where its rows are on the sheet.

    Attributes
    ----------
    trace : Trace
        The engine's trace, padded to the sheet's year columns.
    blocks : tuple of (int or None)
        Per consequence block: its consequence in the trace (None: empty or switched off).
    cost_rows : tuple of tuple of int
        Per cost row (yearly rows, then rows per participant): its cost lines in the trace.
    items : tuple of tuple of int
        Per budget item of the sheet (the knowledge base's order): the trace's budget items
        with its label.
    committees : tuple of tuple of int
        Per committee slot of the sheet Udvalg: the sheet's budget items mapped to it.
    """

    trace: Trace
    blocks: tuple[int | None, ...]
    cost_rows: tuple[tuple[int, ...], ...]
    items: tuple[tuple[int, ...], ...]
    committees: tuple[tuple[int, ...], ...] = ()
    #: The engine's trace of the model with only the assumed profile years
    #: (:attr:`som_xl.results.Result.assumed_model`), padded; None where there are none.
    assumed: Trace | None = None

    @classmethod
    def of(
        cls, trace: Trace, inp: Inputs, bkb: BookKB, lay: Layout, assumed: Trace | None = None
    ) -> Source:
        """The source for a workbook's inputs: the trace and the sheet's block and cost rows.

        Parameters
        ----------
        trace : Trace
            The engine's trace for these inputs, padded to the sheet's year columns
            (:attr:`som_xl.workbook.values.Values.trace`).
        inp, bkb, lay
            The inputs, the knowledge base as the workbook shows it, and the layout.
        assumed : Trace, optional
            The trace of the assumed profile years
            (:attr:`som_xl.workbook.values.Values.assumed`).
        """
        scn = inputs_to_scenario(inp, bkb, lay)
        labels = [label.casefold() for label in trace.budget_items]
        items = tuple(
            tuple(b for b, lb in enumerate(labels) if lb == label.casefold())
            for _, label, _ in bkb.budget_items
        )
        mapping = [inp.committee_of.get(label, "").casefold() for _, label, _ in bkb.budget_items]
        committees = tuple(
            tuple(b for b, c in enumerate(mapping) if name and c == name.casefold())
            for name in inp.committees
        )
        blocks, cost_rows = tuple(scn.blocks), tuple(map(tuple, scn.cost_rows))
        return cls(trace, blocks, cost_rows, items, committees, assumed)

    @cached_property
    def totals(self) -> SheetTotals:
        """The totals as the sheet adds its rows up."""
        return self.trace.sheet_totals()

    def zeros(self) -> Arr:
        """A row of zeros over the year columns."""
        return np.zeros(self.trace.columns)


class Field(Protocol):
    """A trace field: the values of one row over the year columns."""

    def __call__(self, src: Source) -> Arr: ...


@dataclass(frozen=True)
class Row:
    """A row of the trace by its :class:`~som_xl.engine.Trace` field name."""

    attr: str

    def __call__(self, src: Source) -> Arr:
        return np.asarray(src.trace.field(self.attr))


@dataclass(frozen=True)
class Total:
    """A yearly total as the sheet adds it up (a :class:`~som_xl.engine.SheetTotals` field)."""

    attr: str

    def __call__(self, src: Source) -> Arr:
        return np.asarray(getattr(src.totals, self.attr), dtype=np.float64)


@dataclass(frozen=True)
class AssumedUnits:
    """``units_at_full_success`` of consequence block i in the trace of the assumed profile
    years (zeros where the block has none, or is not in the calculation)."""

    block: int

    def __call__(self, src: Source) -> Arr:
        j = src.blocks[self.block]
        if j is None or src.assumed is None:
            return src.zeros()
        return np.asarray(src.assumed.units_at_full_success[j])


@dataclass(frozen=True)
class Units:
    """``units_at_full_success`` of consequence block i (zeros if not in the calculation)."""

    block: int

    def __call__(self, src: Source) -> Arr:
        j = src.blocks[self.block]
        return src.zeros() if j is None else src.trace.units_at_full_success[j]


@dataclass(frozen=True)
class UnitsDuring:
    """``units_during`` of consequence block i (zeros if the block is not in the calculation)."""

    block: int

    def __call__(self, src: Source) -> Arr:
        j = src.blocks[self.block]
        return src.zeros() if j is None else src.trace.units_during[j]


@dataclass(frozen=True)
class Gain:
    """``gains_by_consequence`` of consequence block i for purse a (zeros if not in it)."""

    block: int
    purse: int

    def __call__(self, src: Source) -> Arr:
        j = src.blocks[self.block]
        return src.zeros() if j is None else src.trace.gains_by_consequence[j, :, self.purse]


@dataclass(frozen=True)
class CostRow:
    """Cost row n of the sheet: the sum of its ``cost_lines``."""

    n: int

    def __call__(self, src: Source) -> Arr:
        values = src.zeros()
        for i in src.cost_rows[self.n]:
            values = values + src.trace.cost_lines[i]
        return values


@dataclass(frozen=True)
class Purse:
    """Purse a's column of ``costs_by_purse`` or ``gains_by_purse`` (sheet totals)."""

    attr: Literal["costs_by_purse", "gains_by_purse"]
    purse: int

    def __call__(self, src: Source) -> Arr:
        return np.ascontiguousarray(getattr(src.totals, self.attr)[:, self.purse])


@dataclass(frozen=True)
class PurseNet:
    """Purse a's gains − costs (sheet totals)."""

    purse: int

    def __call__(self, src: Source) -> Arr:
        return Purse("gains_by_purse", self.purse)(src) - Purse("costs_by_purse", self.purse)(src)


@dataclass(frozen=True)
class Item:
    """The sheet's budget item b: ``costs_by_budget_item`` or ``gains_by_budget_item``."""

    attr: Literal["costs_by_budget_item", "gains_by_budget_item"]
    item: int

    def __call__(self, src: Source) -> Arr:
        values = src.zeros()
        for b in src.items[self.item]:
            values += getattr(src.totals, self.attr)[:, b]
        return values


@dataclass(frozen=True)
class Figure:
    """A row for the charts: another field within the horizon, NaN (#N/A) after it."""

    of: Field

    def __call__(self, src: Source) -> Arr:
        return np.where(src.trace.in_horizon == 1, self.of(src), np.nan)


@dataclass(frozen=True)
class KommuneItem:
    """The kommune's costs or gains of the sheet's budget item b (what committees sum)."""

    attr: Literal["costs", "gains"]
    item: int

    def __call__(self, src: Source) -> Arr:
        values = src.zeros()
        k = src.trace.purses.index("kommune") if "kommune" in src.trace.purses else 0
        for b in src.items[self.item]:
            values = values + getattr(src.trace, self.attr)[:, k, b]
        return values


@dataclass(frozen=True)
class Group:
    """A purse's or a committee's row: costs, gains, net, cumulative PV or break-even flag.

    ``purse`` is a purse index, or None with ``committee`` a committee slot. The flag is 1
    where the year is inside the horizon, the group has had a non-zero cost or gain in this
    or an earlier year, and its cumulative discounted net is ≥ 0 (som-method §3.8, §3.16).
    """

    kind: Literal["costs", "gains", "net", "cum", "flag"]
    purse: int | None = None
    committee: int | None = None

    def _flows(self, src: Source) -> tuple[Arr, Arr]:
        if self.purse is not None:
            return (
                Purse("costs_by_purse", self.purse)(src),
                Purse("gains_by_purse", self.purse)(src),
            )
        costs, gains = src.zeros(), src.zeros()
        assert self.committee is not None
        items = src.committees[self.committee] if self.committee < len(src.committees) else ()
        for b in items:
            costs = costs + KommuneItem("costs", b)(src)
            gains = gains + KommuneItem("gains", b)(src)
        return costs, gains

    def __call__(self, src: Source) -> Arr:
        costs, gains = self._flows(src)
        if self.kind == "costs":
            return costs
        if self.kind == "gains":
            return gains
        net = gains - costs
        if self.kind == "net":
            return net
        cum = np.cumsum(net * src.trace.discount)
        if self.kind == "cum":
            return np.asarray(cum, dtype=np.float64)
        return flag(src, costs, gains, cum)


def flag(src: Source, costs: Arr, gains: Arr, cum: Arr) -> Arr:
    """1.0 inside the horizon, after the first non-zero flow, where cum ≥ −tolerance."""
    started = np.cumsum((costs != 0) | (gains != 0)) > 0
    ok = (src.trace.in_horizon == 1) & started & (cum >= -BREAK_EVEN_TOLERANCE)
    return np.asarray(ok, dtype=np.float64)


@dataclass(frozen=True)
class TotalFlag:
    """The total break-even flag: counted from the first year any purse has a flow."""

    def __call__(self, src: Source) -> Arr:
        costs = np.abs(src.totals.costs_by_purse).sum(axis=1)
        gains = np.abs(src.totals.gains_by_purse).sum(axis=1)
        return flag(src, costs, gains, src.totals.cumulative_discounted_net_t)
