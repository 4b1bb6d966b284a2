"""*Beregning*: the whole calculation year by year (50 year columns, zero after the horizon).

Row groups, top to bottom, each written by one function here or in
:mod:`som_xl.workbook.sheets.calc_totals`:

* time rows: year, t, within the horizon, rate, discount factor, starters, ended courses,
  successes, and g1 (the gain at 100 % success);
* one block per consequence: units, then the gain per purse;
* the cost rows;
* totals, by purse, by budget item, and the chart data.

Every formula cell carries the value :mod:`som_xl.workbook.values` computed for it.
"""

from __future__ import annotations

from ...conventions import COST_BUDGET_ITEM, DIRECTION_LABELS, PURSE_LABELS
from .. import layout as L
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..layout import N_PART_COSTS, N_YEAR_COSTS, YEARS, a1, col, ref, rng
from ..style import C_NOTE, C_OUT_FONT, FACTOR, INT, KR, KR2, UNITS, YEAR, q
from . import calc_totals

__all__ = ["write"]


def write(ctx: BuildContext) -> None:
    """Write *Beregning*, row group by row group."""
    s = ctx.sheets[T.BEREGNING]
    _header(ctx, s)
    _year_rows(ctx, s)
    _discount_rows(ctx, s)
    _people_rows(ctx, s)
    _g1_row(ctx, s)
    s.text(ctx.lay.calc_cons_header, 0, T.CALC_SECTION_CONS, ctx.fmt.section())
    for i in range(ctx.lay.cons_blocks):
        _units_row(ctx, s, i)
        _gain_rows(ctx, s, i)
    s.text(ctx.lay.calc_cost_header, 0, T.CALC_SECTION_COSTS, ctx.fmt.section())
    for n in range(N_YEAR_COSTS + N_PART_COSTS):
        _cost_row(ctx, s, n)
    _grey_empty_rows(ctx, s)
    calc_totals.write(ctx, s)
    s.ws.freeze_panes(ctx.lay.calc_rows["t"] + 1, ctx.lay.year_col)


def _header(ctx: BuildContext, s: Sheet) -> None:
    """Widths, title, the header row and the labels of the time rows."""
    f = ctx.fmt
    lay = ctx.lay
    R = lay.calc_rows
    s.widths(
        (0, 0, 44),
        (1, 1, 11),
        (2, 2, 9),
        (3, 3, 26),
        (4, 4, 11),
        (lay.year_col, lay.last_year_col, 12),
        (lay.calc_total_col, lay.calc_pv_col, 14),
    )
    s.text(0, 0, T.CALC_TITLE, f.title())
    s.text(1, 0, T.CALC_INTRO, f.note())
    for c, label in enumerate(T.CALC_HEADERS):
        s.text(R["year"], c, label, f.header())
    s.text(R["year"], lay.calc_total_col, T.CALC_TOTAL, f.header())
    s.text(R["year"], lay.calc_pv_col, T.CALC_PV, f.header())
    for key, row in R.items():
        if key != "year":
            s.text(row, 0, T.CALC_ROWS[key], f(bold=key in ("disc", "succ")))


def _year_rows(ctx: BuildContext, s: Sheet) -> None:
    """The year (header row), t, and whether year t is within the horizon."""
    f = ctx.fmt
    lay = ctx.lay
    R = lay.calc_rows
    for t in range(YEARS):
        c = lay.year_col + t
        s.formula(
            R["year"],
            c,
            f"=som.startaar+{lay.year_cell(R['t'], t)}",
            ctx.inp.start_year + t,
            f.header(num_format=YEAR),
        )
        s.number(R["t"], c, t, f(num_format=INT, font_color=C_NOTE))
        s.formula(
            R["in_h"],
            c,
            f"=IF({lay.year_cell(R['t'], t)}<som.horisont,1,0)",
            ctx.v.in_h[t],
            f(num_format=INT),
        )


def _discount_rows(ctx: BuildContext, s: Sheet) -> None:
    """The rate in force (schedule or fixed) and the discount factor D(t) = D(t−1)/(1+r)."""
    f = ctx.fmt
    lay = ctx.lay
    v = ctx.v
    R = lay.calc_rows
    s.text(R["rate"], lay.year_col, "")
    s.number(R["disc"], lay.year_col, 1.0, f(num_format=FACTOR, bold=True))
    for t in range(1, YEARS):
        c = lay.year_col + t
        s.formula(
            R["rate"],
            c,
            f"=IF(som.diskontering={q(T.FAST_RENTE)},som.diskonteringsrente,"
            "INDEX(vd.rentesatser,MATCH(som.diskontering,vd.rente_navne,0),"
            f"{lay.year_cell(R['t'], t)}))",
            float(v.rates[t]),
            f(num_format="0.00%"),
        )
        s.formula(
            R["disc"],
            c,
            f"={lay.year_cell(R['disc'], t - 1, False)}/(1+{lay.year_cell(R['rate'], t, False)})",
            float(v.disc[t]),
            f(num_format=FACTOR, bold=True),
        )


def _people_rows(ctx: BuildContext, s: Sheet) -> None:
    """Starters (from the participants), courses ended, and successes."""
    f = ctx.fmt
    lay = ctx.lay
    v = ctx.v
    R = lay.calc_rows
    starters_row = rng(None, R["starters"], lay.year_col, R["starters"], lay.last_year_col)
    for t in range(YEARS):
        c = lay.year_col + t
        tt = lay.year_cell(R["t"], t)
        s.formula(
            R["starters"],
            c,
            f"=IF({lay.year_cell(R['in_h'], t)}=1,INDEX(som.deltagere,{tt}+1),0)",
            float(v.starters[t]),
            f(num_format="#,##0.##"),
        )
        s.formula(
            R["ended"],
            c,
            f"=IF({tt}+1-som.forloebsaar>=0,INDEX({starters_row},{tt}+2-som.forloebsaar),0)",
            float(v.ended[t]),
            f(num_format="#,##0.##"),
        )
        s.formula(
            R["succ"],
            c,
            f"={lay.year_cell(R['ended'], t, False)}*som.succesrate",
            float(v.succ[t]),
            f(num_format="#,##0.00", bold=True),
        )


def _g1_row(ctx: BuildContext, s: Sheet) -> None:
    """g1: the gain at 100 % success, Σ_k ended(t−k) × W(k), and its present value."""
    lay = ctx.lay
    R = lay.calc_rows
    fmt = ctx.fmt(num_format=KR)
    k_len = ctx.bkb.profile_len

    def w_cell(k: int) -> str:
        """W(k) on Konsekvenser: the gain per successful citizen in year k."""
        return ref(T.KONSEKVENSER, lay.cons_summary_row, lay.cons_profile_col + k - 1)

    for t in range(YEARS):
        terms = [
            f"{lay.year_cell(R['ended'], t - k)}*{w_cell(k)}" for k in range(1, min(k_len, t) + 1)
        ]
        g1 = f"=IF({lay.year_cell(R['in_h'], t)}=1,{'+'.join(terms)},0)" if terms else "=0"
        s.formula(R["g1"], lay.year_col + t, g1, float(ctx.v.g1[t]), fmt)
    s.formula(R["g1"], lay.calc_pv_col, ctx.pv(R["g1"]), ctx.v.pv_g1, fmt)


def _units_row(ctx: BuildContext, s: Sheet, i: int) -> None:
    """Units of consequence i in year t: Σ_k succeeded(t−k) × profile(k), term by term."""
    f = ctx.fmt
    lay = ctx.lay
    v = ctx.v
    R = lay.calc_rows
    br = lay.calc_block_row(i)
    kr_ = lay.cons_block_row(i)
    pr = v.prices[v.cons[i].price_row] if v.cons[i].price_row >= 0 else None
    label = pr.label if pr is not None else T.EMPTY_ROW
    klabel = ref(T.KONSEKVENSER, kr_, L.K_LABEL)
    top = f.block_top()
    s.formula(br, 0, f'=IF({klabel}="",{q(T.EMPTY_ROW)},{klabel})', label, f.block_top(bold=True))
    s.text(br, 1, T.KIND_UNITS, top)
    s.text(br, 2, "", top)
    item = pr.item if pr is not None else ""
    s.formula(br, 3, f'={ref(T.KONSEKVENSER, kr_, L.K_ITEM)}&""', item, top)
    s.text(br, 4, "", top)
    units = f.block_top(num_format=UNITS)
    for t in range(YEARS):
        terms = [
            f"{lay.year_cell(R['succ'], t - k)}*"
            f"{ref(T.KONSEKVENSER, kr_ + 2, lay.cons_profile_col + k - 1)}"
            for k in range(1, min(ctx.bkb.profile_len, t) + 1)
        ]
        formula = f"=IF({lay.year_cell(R['in_h'], t)}=1,{'+'.join(terms)},0)" if terms else "=0"
        s.formula(br, lay.year_col + t, formula, float(v.units[i, t]), units)
    total = f"=SUM({rng(None, br, lay.year_col, br, lay.last_year_col, False)})"
    s.formula(br, lay.calc_total_col, total, float(v.units[i].sum()), units)
    s.text(br, lay.calc_pv_col, "", top)


def _gain_rows(ctx: BuildContext, s: Sheet, i: int) -> None:
    """The gain of consequence i per purse: units × the gain per unit, with totals."""
    f = ctx.fmt
    lay = ctx.lay
    v = ctx.v
    br = lay.calc_block_row(i)
    kr_ = lay.cons_block_row(i)
    pr = v.prices[v.cons[i].price_row] if v.cons[i].price_row >= 0 else None
    label = pr.label if pr is not None else T.EMPTY_ROW
    item = pr.item if pr is not None else ""
    revenue = q(DIRECTION_LABELS["revenue"])
    sign = 1.0 if pr is not None and pr.direction == "revenue" else -1.0
    kr = f(num_format=KR)
    for a, purse in enumerate(PURSE_LABELS.values()):
        r = br + 1 + a
        s.formula(r, 0, f"={a1(br, 0)}", label, f(font_color=C_NOTE))
        s.text(r, 1, T.KIND_GAIN)
        s.text(r, 2, purse)
        s.formula(r, 3, f"={a1(br, 3)}", item)
        s.formula(
            r,
            4,
            f"=IF({ref(T.KONSEKVENSER, kr_, L.K_DIR)}={revenue},1,-1)"
            f"*{ref(T.KONSEKVENSER, kr_, lay.cons_price_col + a)}",
            float(v.cons_prices[i, a]) * sign,
            f(num_format=KR2),
        )
        for t in range(YEARS):
            c = col(lay.year_col + t)
            s.formula(r, lay.year_col + t, f"={c}{br + 1}*$E{r + 1}", float(v.gains[i, t, a]), kr)
        total = f"=SUM({rng(None, r, lay.year_col, r, lay.last_year_col, False)})"
        s.formula(r, lay.calc_total_col, total, float(v.gains[i, :, a].sum()), kr)
        pv = float((v.gains[i, :, a] * v.disc).sum())
        s.formula(r, lay.calc_pv_col, ctx.pv(r), pv, kr)


def _cost_row(ctx: BuildContext, s: Sheet, n: int) -> None:
    """Cost row n: a yearly amount or an amount per starter, converted and signed."""
    lay = ctx.lay
    R = lay.calc_rows
    r = lay.calc_cost_first + n
    is_year = n < N_YEAR_COSTS
    o = lay.ycost_rows[n] if is_year else lay.pcost_rows[n - N_YEAR_COSTS]
    cr = ctx.v.costs[n]
    kr = ctx.fmt(num_format=KR)

    def om(column: int) -> str:
        """A cell of the cost row on Omkostninger."""
        return ref(T.OMKOSTNINGER, o, column)

    s.formula(r, 0, f'=IF({om(L.C_LABEL)}="","",{om(L.C_LABEL)})', cr.label)
    s.text(r, 1, T.KIND_COST)
    kommune = q(PURSE_LABELS["kommune"])
    s.formula(r, 2, f'=IF({om(L.C_PURSE)}="",{kommune},{om(L.C_PURSE)})', cr.purse)
    s.formula(r, 3, f'=IF({om(L.C_ITEM)}="",{q(COST_BUDGET_ITEM)},{om(L.C_ITEM)})', cr.item)
    s.formula(
        r,
        4,
        f'=IF({om(L.C_KIND)}={q(T.ART_SPARET)},-1,1)*IF({om(L.C_YEAR)}="",1,'
        f"som.prisindeks/INDEX(vd.indeks,MATCH({om(L.C_YEAR)},vd.indeks_aar,0)))",
        cr.factor,
        ctx.fmt(num_format=FACTOR),
    )
    for t in range(YEARS):
        in_h = lay.year_cell(R["in_h"], t)
        if is_year:
            amount = ref(T.OMKOSTNINGER, o, lay.cost_year_col + t, False)
            formula = f"=IF({in_h}=1,{amount}*$E{r + 1},0)"
        else:
            starters = lay.year_cell(R["starters"], t)
            formula = f"=IF({in_h}=1,{om(lay.cost_amount_col)}*$E{r + 1}*{starters},0)"
        s.formula(r, lay.year_col + t, formula, float(cr.values[t]), kr)
    total = f"=SUM({rng(None, r, lay.year_col, r, lay.last_year_col, False)})"
    s.formula(r, lay.calc_total_col, total, float(cr.values.sum()), kr)
    s.formula(r, lay.calc_pv_col, ctx.pv(r), float((cr.values * ctx.v.disc).sum()), kr)


def _grey_empty_rows(ctx: BuildContext, s: Sheet) -> None:
    """Empty consequence and cost rows in grey."""
    lay = ctx.lay
    first_a = f"$A{lay.calc_cons_first + 1}"
    s.ws.conditional_format(
        lay.calc_cons_first,
        0,
        lay.calc_cost_last,
        lay.calc_pv_col,
        {
            "type": "formula",
            "criteria": f'=OR({first_a}="",{first_a}={q(T.EMPTY_ROW)})',
            "format": ctx.fmt(font_color=C_OUT_FONT),
        },
    )
