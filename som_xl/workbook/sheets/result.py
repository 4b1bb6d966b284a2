"""*Resultat*: key figures, the net result by purse and by budget item, year by year, charts.

Everything on this sheet refers to *Beregning*; nothing is calculated here that is not
also there. The charts are in :mod:`som_xl.workbook.sheets.result_charts`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from ...conventions import PURSE_LABELS
from .. import text as T
from ..cells import Sheet, excel_round
from ..context import BuildContext
from ..layout import YEARS, a1, ref, rng
from ..style import C_SECTION, KR, YEAR, q
from . import key_figures, result_charts

__all__ = ["write"]

Arr = NDArray[np.float64]

_ECHO = (
    '="Scenarie: "&som.navn&"  ·  Målgruppe: "&som.maalgruppe'
    '&"  ·  "&som.startaar&"-"&som.slutaar'
    '&"  ·  Prisniveau "&som.prisaar&"  ·  Succesrate "&ROUND(som.succesrate*100,1)&" %"'
)


def write(ctx: BuildContext) -> None:
    """Write *Resultat*."""
    s = ctx.sheets[T.RESULTAT]
    f = ctx.fmt
    lay = ctx.lay
    v = ctx.v
    s.widths((0, 0, 2), (1, 1, 38), (2, 2, 17), (3, 8, 15), (5, 5, 19), (9, 11, 14))
    s.text(0, 1, T.RESULT_TITLE, f.title())
    s.formula(1, 1, _ECHO, _echo_value(ctx), f(italic=True))
    s.text(lay.res_key_first - 1, 1, T.RESULT_KEY_HEADER, f.section())
    values = key_figures.key_values(v.result)
    g1 = lay.calc_rows["g1"]
    key_figures.write(ctx, s, lay.res_key, T.BEREGNING, lay.calc_totals, g1, values, "som.", 1)
    nv = a1(lay.res_key("nettoresultat_nv"), 2, True)
    s.formula(
        lay.res_verdict,
        1,
        f"=IF({nv}>=0,{q(T.VERDICT_POSITIVE)},{q(T.VERDICT_NEGATIVE)})",
        T.VERDICT_POSITIVE if v.result.net_discounted >= 0 else T.VERDICT_NEGATIVE,
        f(bold=True, font_color=C_SECTION),
    )
    _split(
        ctx,
        s,
        (lay.res_purse_header, lay.res_purse_first, T.RESULT_PURSE_HEADER),
        list(PURSE_LABELS.values()),
        [lay.calc_purse("costs", a) for a in range(3)],
        [lay.calc_purse("gains", a) for a in range(3)],
        (list(v.purse_costs), list(v.purse_gains)),
    )
    n_items = len(ctx.bkb.budget_items)
    _split(
        ctx,
        s,
        (lay.res_item_header, lay.res_item_first, T.RESULT_ITEM_HEADER),
        [label for _, label, _ in ctx.bkb.budget_items],
        [lay.calc_item("costs", i) for i in range(n_items)],
        [lay.calc_item("gains", i) for i in range(n_items)],
        (list(v.item_costs), list(v.item_gains)),
    )
    _years(ctx, s)
    result_charts.write(ctx, s)
    s.ws.freeze_panes(2, 0)


def _echo_value(ctx: BuildContext) -> str:
    """The scenario line below the title, as its formula shows it."""
    inp = ctx.inp
    rate_text = f"{excel_round(inp.success_rate * 100, 1):g}".replace(".", ",")
    return (
        f"Scenarie: {inp.name}  ·  Målgruppe: {inp.target_group}  ·  {inp.start_year}-"
        f"{inp.start_year + inp.horizon - 1}  ·  Prisniveau {inp.price_year}"
        f"  ·  Succesrate {rate_text} %"
    )


def _split(
    ctx: BuildContext,
    s: Sheet,
    where: tuple[int, int, str],
    labels: list[str],
    rows_c: list[int],
    rows_g: list[int],
    arrays: tuple[list[Arr], list[Arr]],
) -> None:
    """A split table: costs, gains and net, undiscounted and present value, and a total.

    ``where`` is (heading row, first data row, heading); ``rows_c`` and ``rows_g`` are the
    Beregning rows of each line's costs and gains, ``arrays`` their values year by year.
    """
    f = ctx.fmt
    lay = ctx.lay
    header_row, first, title = where
    tc, pvc = lay.calc_total_col, lay.calc_pv_col
    disc = ctx.v.disc
    s.text(header_row, 1, title, f.section())
    for c, label in enumerate(["", *T.RESULT_SPLIT_COLS]):
        s.text(first - 1, 1 + c, label, f.header())
    s.ws.set_row(first - 1, 30)
    columns: list[list[float]] = [[] for _ in range(6)]
    for n, label in enumerate(labels):
        r = first + n
        costs, gains = arrays[0][n], arrays[1][n]
        cu, gu = float((costs * 1.0).sum()), float((gains * 1.0).sum())
        cd, gd = float((costs * disc).sum()), float((gains * disc).sum())
        s.text(r, 1, label)
        cells = [
            (f"={ref(T.BEREGNING, rows_c[n], tc)}", cu),
            (f"={ref(T.BEREGNING, rows_g[n], tc)}", gu),
            (f"={a1(r, 3)}-{a1(r, 2)}", gu - cu),
            (f"={ref(T.BEREGNING, rows_c[n], pvc)}", cd),
            (f"={ref(T.BEREGNING, rows_g[n], pvc)}", gd),
            (f"={a1(r, 6)}-{a1(r, 5)}", gd - cd),
        ]
        for c, (formula, value) in enumerate(cells):
            s.formula(r, 2 + c, formula, value, f(num_format=KR, bold=c in (2, 5)))
            columns[c].append(value)
    tr = first + len(labels)
    s.text(tr, 1, T.RESULT_TOTAL, f(bold=True, top=1))
    for c in range(6):
        column = 2 + c
        s.formula(
            tr,
            column,
            f"=SUM({rng(None, first, column, tr - 1, column, False)})",
            sum(columns[c]),
            f(num_format=KR, bold=True, top=1),
        )


def _years(ctx: BuildContext, s: Sheet) -> None:
    """Year by year: the totals row first, then one row per year (blank after the horizon)."""
    f = ctx.fmt
    lay = ctx.lay
    v = ctx.v
    inp = ctx.inp
    yh = lay.res_year_header
    s.text(yh, 1, T.RESULT_YEAR_HEADER, f.section())
    for c, label in enumerate(T.RESULT_YEAR_COLS):
        s.text(yh + 1, 1 + c, label, f.header())
    s.ws.set_row(yh + 1, 30)
    R = lay.calc_rows
    rows = lay.calc_totals
    pnet = v.purse_gains - v.purse_costs
    src = [
        (R["year"], [float(inp.start_year + t) for t in range(YEARS)], YEAR),
        (rows["costs"], list(v.costs_t), KR),
        (rows["gains"], list(v.gains_t), KR),
        (rows["net"], list(v.net_t), KR),
        (R["disc"], list(v.disc), "0.0000"),
        (rows["dnet"], list(v.dnet_t), KR),
        (rows["cum"], list(v.cum_t), KR),
        *((lay.calc_purse("net", a), list(pnet[a]), KR) for a in range(3)),
    ]
    first = lay.res_year_first + 1
    tr = lay.res_year_first
    for t in range(YEARS):
        r = first + t
        inh = ref(T.BEREGNING, R["in_h"], lay.year_col + t)
        for c, (row, arr, nf) in enumerate(src):
            value: Any = arr[t] if t < inp.horizon else ""
            fm = f(num_format=nf, align="left") if c == 0 else f(num_format=nf, bold=c == 6)
            formula = f'=IF({inh}=1,{ref(T.BEREGNING, row, lay.year_col + t)},"")'
            s.formula(r, 1 + c, formula, value, fm)
    s.text(tr, 1, T.RESULT_TOTAL, f(bold=True, bottom=1))
    for c, (_, arr, nf) in enumerate(src):
        if c in (4, 6):
            s.text(tr, 1 + c, "", f(bottom=1))
            continue
        if c == 0:
            continue
        s.formula(
            tr,
            1 + c,
            f"=SUM({rng(None, first, 1 + c, first + YEARS - 1, 1 + c, False)})",
            float(sum(arr[: inp.horizon])),
            f(num_format=nf, bold=True, bottom=1),
        )
