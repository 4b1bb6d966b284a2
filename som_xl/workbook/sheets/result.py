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
from ..layout import N_CHECK_LINES, YEARS, Layout, a1, ref, rng
from ..style import C_SECTION, C_WARNING, KR, YEAR, q
from . import key_figures, result_charts, usikkerhed
from .consequences import block_warning
from .guard import GUARD
from .udvalg import group_figures

__all__ = ["chance_cells", "write"]

#: The key figures' label column (their values follow in the next columns).
KEY_COL = 1

Arr = NDArray[np.float64]

#: The scenario line; a part whose input is wrong says so instead of making the line #VALUE!
#: (user trial: a start year typed as text showed #VALUE! here; Kontrol names the cell).
_ECHO = (
    '="Scenarie: "&som.navn&"  ·  Målgruppe: "&som.maalgruppe'
    '&"  ·  "&IFERROR(som.startaar&"-"&som.slutaar,"startår og horisont: ret inputfejl")'
    '&"  ·  Prisniveau "&IFERROR(som.prisaar&"","ret inputfejl")'
    '&"  ·  Succesrate "&IFERROR(ROUND(som.succesrate*100,1)&" %","ret inputfejl")'
)


def write(ctx: BuildContext) -> None:
    """Write *Resultat*."""
    s = ctx.sheets[T.RESULTAT]
    f = ctx.fmt
    lay = ctx.lay
    v = ctx.v
    s.widths((0, 0, 2), (1, 1, 38), (2, 2, 17), (3, 8, 15), (5, 5, 19), (9, 9, 24), (10, 11, 14))
    s.text(0, 1, T.RESULT_TITLE, f.title())
    s.ws.set_row(0, 24)
    s.formula(1, 1, _ECHO, _echo_value(ctx), f(italic=True))
    _checks(ctx, s)
    s.text(lay.res_key_first - 1, 1, T.RESULT_KEY_HEADER, f.section())
    _, mc = usikkerhed.monte_carlo(ctx)  # the table's P(net > 0), as Usikkerhed writes it
    values = {
        **key_figures.key_values(v.result),
        "sandsynlighed": [usikkerhed.chance_value(mc, g) for g in ("kommune", "total")],
    }
    g1 = lay.calc_rows["g1"]
    kommune = a1(lay.res_purse_first + list(PURSE_LABELS).index("kommune"), 7, True)
    key_figures.write(
        ctx,
        s,
        lay.res_key,
        T.BEREGNING,
        lay.calc_totals,
        g1,
        values,
        "som.",
        KEY_COL,
        GUARD,
        kommune=kommune,
    )
    nv = a1(lay.res_key("nettoresultat_nv"), 2, True)
    s.formula(
        lay.res_verdict,
        1,
        f'=IF({GUARD},"",IF({nv}>=0,{q(T.VERDICT_POSITIVE)},{q(T.VERDICT_NEGATIVE)}))',
        T.VERDICT_POSITIVE if v.result.net_discounted >= 0 else T.VERDICT_NEGATIVE,
        f(bold=True, font_color=C_SECTION),
    )
    _provenance(ctx, s)
    _split(
        ctx,
        s,
        (lay.res_purse_header, lay.res_purse_first, T.RESULT_PURSE_HEADER),
        list(PURSE_LABELS.values()),
        [lay.calc_purse("costs", a) for a in range(3)],
        [lay.calc_purse("gains", a) for a in range(3)],
        (list(v.purse_costs), list(v.purse_gains)),
        [lay.calc_purse("flag", a) for a in range(3)],
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


def chance_cells(lay: Layout) -> tuple[tuple[str, str], ...]:
    """The cells (sheet, A1) of P(net > 0) on *Resultat*, the kommune's and the total's: they
    follow *Usikkerhed*'s status cell, so a changed copy shows them stale where a rebuilt
    workbook shows numbers."""
    r = lay.res_key("sandsynlighed")
    return tuple((T.RESULTAT, a1(r, KEY_COL + 1 + c)) for c in range(2))


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
    flags: list[int] | None = None,
) -> None:
    """A split table: costs, gains and net, undiscounted and present value, and a total.

    ``where`` is (heading row, first data row, heading); ``rows_c`` and ``rows_g`` are the
    Beregning rows of each line's costs and gains, ``arrays`` their values year by year;
    ``flags`` (per purse) their break-even flag rows: the break-even year and the gain per
    cost krone follow in two more columns, named ``som.breakeven_aar_<purse>`` and
    ``som.bcr_<purse>``. Every cell is blank while an input problem stands.
    """
    f = ctx.fmt
    lay = ctx.lay
    header_row, first, title = where
    tc, pvc = lay.calc_total_col, lay.calc_pv_col
    disc = ctx.v.disc
    s.text(header_row, 1, title, f.section())
    heads = ["", *T.RESULT_SPLIT_COLS, *(T.RESULT_GROUP_COLS if flags else ())]
    for c, label in enumerate(heads):
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
            guarded = f'=IF({GUARD},"",{formula[1:]})'
            s.formula(r, 2 + c, guarded, value, f(num_format=KR, bold=c in (2, 5)))
            columns[c].append(value)
        if flags:
            formulas, fig = group_figures(ctx, flags[n], costs, gains)
            purse = list(PURSE_LABELS)[n]
            s.formula(r, 8, formulas["be"], fig["be"], f(num_format=YEAR, align="left"))
            bcr = formulas["bcr"].format(costs_nv=a1(r, 5), gains_nv=a1(r, 6))
            s.formula(r, 9, bcr, fig["bcr"], f(num_format="0.00", align="left"))
            ctx.name(f"som.breakeven_aar_{purse}", s.name, r, 8)
            ctx.name(f"som.bcr_{purse}", s.name, r, 9)
    tr = first + len(labels)
    s.text(tr, 1, T.RESULT_TOTAL, f(bold=True, top=1))
    for c in range(6):
        column = 2 + c
        s.formula(
            tr,
            column,
            f'=IF({GUARD},"",SUM({rng(None, first, column, tr - 1, column, False)}))',
            sum(columns[c]),
            f(num_format=KR, bold=True, top=1),
        )
    if flags:
        s.text(tr, 8, "", f(top=1))
        s.text(tr, 9, "", f(top=1))


def _checks(ctx: BuildContext, s: Sheet) -> None:
    """The input check at the top: a status line and the first problems (blank if none)."""
    f = ctx.fmt
    r0 = ctx.lay.res_check_row
    warnings = [block_warning(ctx, i) for i in range(ctx.lay.cons_blocks)]
    shown = [w for w in warnings if w]
    s.formula(
        r0,
        1,
        f"=IF(som.inputfejl>0,som.inputfejl&{q(T.RESULT_CHECK_BAD)},"
        f"IF(som.advarsler>0,som.advarsler&{q(T.RESULT_CHECK_WARN)},{q(T.RESULT_CHECK_OK)}))",
        f"{len(shown)}{T.RESULT_CHECK_WARN}" if shown else T.RESULT_CHECK_OK,
        f(italic=True, font_color=C_SECTION),
    )
    s.ws.conditional_format(
        r0,
        1,
        r0,
        1,
        {
            "type": "formula",
            "criteria": "=som.inputfejl>0",
            "format": f(bold=True, italic=False, font_color=C_WARNING, bg_color="#FCE4D6"),
        },
    )
    # the errors first, then the warnings (§3.17: a reduction beyond the baseline use)
    s.ws.conditional_format(
        r0,
        1,
        r0,
        1,
        {
            "type": "formula",
            "criteria": "=AND(som.inputfejl=0,som.advarsler>0)",
            "format": f(bold=True, italic=False, font_color="#C65911"),
        },
    )
    for k in range(1, N_CHECK_LINES + 1):
        w = f"{k}-som.inputfejl"
        found = f"MATCH({w},kontrol.advarsel_loebende,0)"
        warning = f"{q(T.RESULT_WARN_PREFIX)}&INDEX(kontrol.advarsel,{found})"
        s.formula(
            r0 + k,
            1,
            f"=IF(som.inputfejl>={k},INDEX(kontrol.besked,MATCH({k},kontrol.loebende,0)),"
            f'IF(som.inputfejl+som.advarsler>={k},{warning},""))',
            T.RESULT_WARN_PREFIX + shown[k - 1] if k <= len(shown) else "",
            f(font_color=C_WARNING),
        )
    total = "(som.inputfejl+som.advarsler)"
    more = len(shown) - N_CHECK_LINES
    s.formula(
        r0 + N_CHECK_LINES + 1,
        1,
        f'=IF({total}<={N_CHECK_LINES},"",'
        f'"… og "&({total}-{N_CHECK_LINES})&{q(T.RESULT_CHECK_MORE)})',
        f"… og {more}{T.RESULT_CHECK_MORE}" if more > 0 else "",
        f(font_color=C_WARNING),
    )


def _provenance(ctx: BuildContext, s: Sheet) -> None:
    """One sentence when part of the gains rests on illustrative values (blank if none)."""
    f = ctx.fmt
    lay = ctx.lay
    share = float(ctx.v.result.provenance["illustrative_share"])
    sentence = (
        f"{T.PROVENANCE_PREFIX}{excel_round(share * 100, 0):g}{T.PROVENANCE_SENTENCE}"
        if share > 0
        else ""
    )
    s.formula(
        lay.res_provenance,
        1,
        f'=IF(OR({GUARD},som.andel_illustrativ<=0),"",'
        f"{q(T.PROVENANCE_PREFIX)}&ROUND(som.andel_illustrativ*100,0)&{q(T.PROVENANCE_SENTENCE)})",
        sentence,
        f(bold=True, font_color=C_WARNING),
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
            formula = (
                f'=IF(AND({inh}=1,som.inputfejl=0),{ref(T.BEREGNING, row, lay.year_col + t)},"")'
            )
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
            f'=IF({GUARD},"",SUM({rng(None, first, 1 + c, first + YEARS - 1, 1 + c, False)}))',
            float(sum(arr[: inp.horizon])),
            f(num_format=nf, bold=True, bottom=1),
        )
