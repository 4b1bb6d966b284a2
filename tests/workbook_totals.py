"""Totals beside what they total (issue 8, item 5): where each row total sits, and a check that
it equals what it totals in a recalculated workbook (any engine: a ``get`` function reads a
recalculated cell by 0-based row and column).

A cost row's total on *Omkostninger* and *Omkostningsvurdering* is its cost row's total on
*Beregning*: the sum of that row's year cells there. Where the sheet's own figures make the
same sum (no optimism bias, no realised costs), the total is also checked against them:
amount × factor summed over the years within the horizon (Omkostninger; the factor is
Beregning's column E, ±1 without a price year), amount × factor × participants (per
participant), quantity × kr. per unit (Omkostningsvurdering).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from som_xl.workbook import calc_rows
from som_xl.workbook import layout as L
from som_xl.workbook import text as T
from som_xl.workbook.layout import N_PART_COSTS, N_YEAR_COSTS, YEARS, Layout

#: A recalculated cell's value by (sheet, 0-based row, 0-based column).
Get = Callable[[str, int, int], Any]


@dataclass(frozen=True)
class Totals:
    """A block of rows whose totals sit in one column: where the labels, the total, the
    values it totals and the header are."""

    sheet: str
    rows: tuple[int, ...]
    label_col: int
    total_col: int
    first_value_col: int  # the first year column (or the amount per participant)
    header_row: int
    header: str
    frozen: bool = True  # frozen and printed with the labels (a sheet of year columns)


def calc_total_rows(lay: Layout) -> tuple[int, ...]:
    """Beregning's rows with a total (the spec's; labels do not matter here)."""
    spec = calc_rows.spec(lay, [""] * lay.counts.budget_items)
    return tuple(row.row for row in spec.rows if row.total)


def skoen_total_rows(lay: Layout) -> tuple[int, ...]:
    """Hurtigt skøn's calculation block: its consequence rows and the totals below."""
    first = lay.skoen_calc_first
    rows = range(first, first + lay.counts.max_cons)
    keys = ("g1", "gd", "costs", "gains", "net", "dnet")
    return (*rows, *(lay.skoen_total(key) for key in keys))


def blocks(lay: Layout) -> list[Totals]:
    """Every block of row totals in the workbook."""
    year = lay.calc_rows["year"]
    return [
        Totals(
            T.BEREGNING,
            calc_total_rows(lay),
            L.B_LABEL,
            lay.calc_total_col,
            lay.year_col,
            year,
            T.CALC_TOTAL,
        ),
        Totals(
            T.SKOEN,
            skoen_total_rows(lay),
            0,
            lay.calc_total_col,
            lay.year_col,
            lay.skoen_calc_header + 1,
            T.CALC_TOTAL,
            frozen=False,
        ),
        Totals(
            T.OMKOSTNINGER,
            tuple(lay.ycost_rows),
            L.C_LABEL,
            lay.cost_total_col,
            lay.cost_year_col,
            lay.ycost_first - 1,
            T.COSTS_TOTAL,
        ),
        Totals(
            T.OMKOSTNINGER,
            tuple(lay.pcost_rows),
            L.C_LABEL,
            lay.cost_total_col,
            lay.cost_amount_col,
            lay.pcost_first - 1,
            T.COSTS_TOTAL,
        ),
        Totals(
            T.OMKOSTNINGSVURDERING,
            tuple(lay.ov_rows),
            L.OV_LABEL,
            lay.ov_total_col,
            lay.ov_year_col,
            lay.ov_header,
            T.OV_TOTAL,
        ),
    ]


def _num(x: Any) -> float:
    return 0.0 if x in ("", None) else float(x)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def problems(lay: Layout, get: Get, names: dict[str, Any]) -> list[str]:
    """Every row total that does not equal what it totals (empty: all agree).

    ``names`` holds the values of the single-cell som.* names (som.slutaar,
    som.optimisme_omk).
    """
    out: list[str] = []
    end = _num(names["som.slutaar"])
    year_row = lay.calc_rows["year"]
    inside = [t for t in range(YEARS) if _num(get(T.BEREGNING, year_row, lay.year_col + t)) <= end]
    realised = any(
        get(T.OPFOELGNING, lay.opf_first + t, L.OPF_COSTS) not in ("", None) for t in range(YEARS)
    )
    plain = _num(names["som.optimisme_omk"]) == 0 and not realised

    def calc_sum(crow: int) -> float:
        return sum(_num(get(T.BEREGNING, crow, lay.year_col + t)) for t in range(YEARS))

    def check(where: str, total: Any, want: float) -> None:
        if not isinstance(total, int | float) or not _close(float(total), want):
            out.append(f"{where}: i alt {total!r}, summen er {want!r}")

    costs = [
        *((r, lay.calc_cost_first + n) for n, r in enumerate(lay.ycost_rows)),
        *((r, lay.calc_cost_first + N_YEAR_COSTS + n) for n, r in enumerate(lay.pcost_rows)),
    ]
    for n, (r, crow) in enumerate(costs):
        total = get(T.OMKOSTNINGER, r, lay.cost_total_col)
        where = f"{T.OMKOSTNINGER} række {r + 1}"
        check(where, total, calc_sum(crow))
        if not plain:
            continue
        factor = _num(get(T.BEREGNING, crow, L.B_FACTOR))
        if n < N_YEAR_COSTS:
            amounts = [_num(get(T.OMKOSTNINGER, r, lay.cost_year_col + t)) for t in inside]
            check(where + " (årene)", total, factor * sum(amounts))
        else:
            amount = _num(get(T.OMKOSTNINGER, r, lay.cost_amount_col))
            count = _num(get(T.OMKOSTNINGER, r, L.C_PART_COUNT))
            check(where + " (pr. deltager)", total, factor * amount * count)
    for m, r in enumerate(lay.ov_rows):
        crow = lay.calc_cost_first + N_YEAR_COSTS + N_PART_COSTS + m
        total = get(T.OMKOSTNINGSVURDERING, r, lay.ov_total_col)
        where = f"{T.OMKOSTNINGSVURDERING} række {r + 1}"
        check(where, total, calc_sum(crow))
        if plain:
            unit = _num(get(T.OMKOSTNINGSVURDERING, r, L.OV_UNIT))
            qty = [_num(get(T.OMKOSTNINGSVURDERING, r, lay.ov_year_col + t)) for t in inside]
            check(where + " (årene)", total, unit * sum(qty))
    out += _year_sums(lay, get)
    return out


def _year_sums(lay: Layout, get: Get) -> list[str]:
    """Beregning's and Hurtigt skøn's totals: the sum of the row's year cells; Beregning's
    present values: the year cells × the discount factors."""
    out: list[str] = []
    disc = [_num(get(T.BEREGNING, lay.calc_rows["disc"], lay.year_col + t)) for t in range(YEARS)]
    for sheet, rows in ((T.BEREGNING, calc_total_rows(lay)), (T.SKOEN, skoen_total_rows(lay))):
        for r in rows:
            years = [get(sheet, r, lay.year_col + t) for t in range(YEARS)]
            total = get(sheet, r, lay.calc_total_col)
            if sheet == T.SKOEN and not isinstance(total, int | float):
                continue  # no success rate to estimate with: a text, as the years
            if not isinstance(total, int | float) or not _close(total, sum(map(_num, years))):
                out.append(f"{sheet} række {r + 1}: i alt {total!r}, årenes sum er anden")
            pv = get(sheet, r, lay.calc_pv_col)
            if isinstance(pv, int | float):
                want = sum(_num(x) * d for x, d in zip(years, disc, strict=True))
                if not _close(pv, want):
                    out.append(f"{sheet} række {r + 1}: nutidsværdi {pv!r}, forventet {want!r}")
    return out
