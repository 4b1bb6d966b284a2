"""The lower half of *Beregning*: totals, splits by purse and by budget item, chart data.

The totals sum the consequence and cost rows above with SUMIFS over their kind (units,
gain, cost), purse and budget-item columns, so a row counts wherever its labels put it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from ...conventions import PURSE_LABELS
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..layout import YEARS, col, rng
from ..style import INT, KR, TOL, YEAR, q

__all__ = ["write"]


def write(ctx: BuildContext, s: Sheet) -> None:
    """Write the totals, the splits and the chart data on *Beregning*."""
    _totals(ctx, s)
    _purses(ctx, s)
    _items(ctx, s)
    _figures(ctx, s)


def _span(ctx: BuildContext, t: int) -> str:
    """Year t's column over every consequence and cost row."""
    lay = ctx.lay
    c = col(lay.year_col + t)
    return f"{c}${lay.calc_cons_first + 1}:{c}${lay.calc_cost_last + 1}"


def _label_column(ctx: BuildContext, column: int) -> str:
    """A label column (kind, purse, budget item) over every consequence and cost row."""
    lay = ctx.lay
    return rng(None, lay.calc_cons_first, column, lay.calc_cost_last, column)


def _sums(ctx: BuildContext, s: Sheet, r: int, values: NDArray[np.float64], bold: bool) -> None:
    """The total and the present value of a year row."""
    lay = ctx.lay
    fmt = ctx.fmt(num_format=KR, bold=True) if bold else ctx.fmt(num_format=KR)
    total = f"=SUM({rng(None, r, lay.year_col, r, lay.last_year_col, False)})"
    s.formula(r, lay.calc_total_col, total, float(values.sum()), fmt)
    s.formula(r, lay.calc_pv_col, ctx.pv(r), float((values * ctx.v.disc).sum()), fmt)


def _total_formulas(ctx: BuildContext, t: int) -> dict[str, str]:
    """The formulas of the totals in year t, by key."""
    rows = ctx.lay.calc_totals
    disc = ctx.lay.calc_rows["disc"]
    in_h = ctx.lay.calc_rows["in_h"]
    kinds = _label_column(ctx, 1)

    def c(key: str, dt: int = 0) -> str:
        """Year t−dt's cell of a total row (relative row)."""
        return ctx.lay.year_cell(rows[key], t - dt, False)

    return {
        "costs": f"=SUMIFS({_span(ctx, t)},{kinds},{q(T.KIND_COST)})",
        "gains": f"=SUMIFS({_span(ctx, t)},{kinds},{q(T.KIND_GAIN)})",
        "net": f"={c('gains')}-{c('costs')}",
        "dnet": f"={c('net')}*{ctx.lay.year_cell(disc, t)}",
        "cum": f"={c('dnet')}" if t == 0 else f"={c('cum', 1)}+{c('dnet')}",
        "cum_u": f"={c('net')}" if t == 0 else f"={c('cum_u', 1)}+{c('net')}",
        "flag": f"=IF(AND({ctx.lay.year_cell(in_h, t)}=1,{c('cum')}>={TOL}),1,0)",
    }


def _totals(ctx: BuildContext, s: Sheet) -> None:
    """Costs, gains, net, discounted net, cumulative (discounted and not), break-even flag."""
    f = ctx.fmt
    lay = ctx.lay
    v = ctx.v
    rows = lay.calc_totals
    s.text(lay.calc_total_header, 0, T.CALC_SECTION_TOTALS, f.section())
    for key, r in rows.items():
        s.text(r, 0, T.CALC_ROWS[key], f(bold=key in ("net", "cum")))
    series = {
        "costs": v.costs_t,
        "gains": v.gains_t,
        "net": v.net_t,
        "dnet": v.dnet_t,
        "cum": v.cum_t,
        "cum_u": v.cum_u_t,
        "flag": v.flag_t,
    }
    for t in range(YEARS):
        for key, formula in _total_formulas(ctx, t).items():
            fm = (
                f(num_format=INT) if key == "flag" else f(num_format=KR, bold=key in ("net", "cum"))
            )
            s.formula(rows[key], lay.year_col + t, formula, float(series[key][t]), fm)
    for key in ("costs", "gains", "net", "dnet"):
        r = rows[key]
        if key == "dnet":
            total = f"=SUM({rng(None, r, lay.year_col, r, lay.last_year_col, False)})"
            value = float(series[key].sum())
            s.formula(r, lay.calc_total_col, total, value, f(num_format=KR, bold=True))
        else:
            _sums(ctx, s, r, series[key], bold=True)


def _purses(ctx: BuildContext, s: Sheet) -> None:
    """Costs, gains and net per purse."""
    f = ctx.fmt
    lay = ctx.lay
    v = ctx.v
    kinds, purses = _label_column(ctx, 1), _label_column(ctx, 2)
    s.text(lay.calc_purse_header, 0, T.CALC_SECTION_PURSE, f.section())
    pnet = v.purse_gains - v.purse_costs
    for a, plabel in enumerate(PURSE_LABELS.values()):
        rc, rg, rn = (lay.calc_purse(kind, a) for kind in ("costs", "gains", "net"))
        for r, text, kind in (
            (rc, T.CALC_PURSE_COSTS, T.KIND_COST),
            (rg, T.CALC_PURSE_GAINS, T.KIND_GAIN),
            (rn, T.CALC_PURSE_NET, ""),
        ):
            s.text(r, 0, text + plabel.lower())
            s.text(r, 1, kind)
            s.text(r, 2, plabel)
        for t in range(YEARS):
            c = lay.year_col + t
            yc = col(c)
            for r, arr in ((rc, v.purse_costs), (rg, v.purse_gains)):
                formula = f"=SUMIFS({_span(ctx, t)},{kinds},$B{r + 1},{purses},$C{r + 1})"
                s.formula(r, c, formula, float(arr[a, t]), f(num_format=KR))
            net = f"={yc}{rg + 1}-{yc}{rc + 1}"
            s.formula(rn, c, net, float(pnet[a, t]), f(num_format=KR))
        for r, values in ((rc, v.purse_costs[a]), (rg, v.purse_gains[a]), (rn, pnet[a])):
            _sums(ctx, s, r, values, bold=False)


def _items(ctx: BuildContext, s: Sheet) -> None:
    """Costs and gains per budget item."""
    f = ctx.fmt
    lay = ctx.lay
    v = ctx.v
    kinds, items = _label_column(ctx, 1), _label_column(ctx, 3)
    s.text(lay.calc_item_header, 0, T.CALC_SECTION_ITEMS, f.section())
    for bi, (_, blabel, _) in enumerate(ctx.bkb.budget_items):
        for kind, text, arr in (
            ("costs", T.KIND_COST, v.item_costs[bi]),
            ("gains", T.KIND_GAIN, v.item_gains[bi]),
        ):
            r = lay.calc_item(kind, bi)
            prefix = T.CALC_PURSE_COSTS if kind == "costs" else T.CALC_PURSE_GAINS
            s.text(r, 0, prefix + blabel)
            s.text(r, 1, text)
            s.text(r, 3, blabel)
            for t in range(YEARS):
                formula = f"=SUMIFS({_span(ctx, t)},{kinds},$B{r + 1},{items},$D{r + 1})"
                s.formula(r, lay.year_col + t, formula, float(arr[t]), f(num_format=KR))
            _sums(ctx, s, r, arr, bold=False)


def _figures(ctx: BuildContext, s: Sheet) -> None:
    """Chart data: the year and the cumulative results, #N/A after the horizon."""
    lay = ctx.lay
    v = ctx.v
    R = lay.calc_rows
    rows = lay.calc_totals
    s.text(lay.calc_fig_header, 0, T.CALC_SECTION_FIG, ctx.fmt.section())
    nan = float("nan")
    years = [float(ctx.inp.start_year + t) for t in range(YEARS)]
    for key, src, arr in (
        ("fig_year", R["year"], years),
        ("fig_cum", rows["cum"], list(v.cum_t)),
        ("fig_cum_u", rows["cum_u"], list(v.cum_u_t)),
    ):
        r = lay.calc_fig(key)
        s.text(r, 0, T.CALC_ROWS[key])
        fmt = ctx.fmt(num_format=YEAR if key == "fig_year" else KR)
        for t in range(YEARS):
            value: Any = arr[t] if t < ctx.inp.horizon else nan
            formula = f"=IF({ctx.lay.year_cell(R['in_h'], t)}=1,{ctx.lay.year_cell(src, t)},NA())"
            s.formula(r, lay.year_col + t, formula, value, fmt)
