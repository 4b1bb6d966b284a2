"""*Beregning*: the whole calculation year by year (50 year columns, zero after the horizon).

The year rows are written from their specification, :mod:`som_xl.workbook.calc_rows`: each
row's formula from its template, its cached value from its trace field (the engine's trace,
:attr:`som_xl.workbook.values.Values.trace`), its total and present value from the same
field. This module writes what the specification leaves to the sheet, top to bottom:

* the header and the labels of the time rows (year, t, horizon, rate, discount factor,
  starters, ended courses, successes and g1, the gain at 100 % success);
* one block per consequence: its label, kind, purse and budget-item columns and the gain
  per unit (column E, a lookup of the price);
* the cost rows' label columns and factor (column E: sign × price index);
* the totals, splits and chart data's labels (:mod:`.calc_totals`).
"""

from __future__ import annotations

from typing import Any

from ...conventions import COST_BUDGET_ITEM, PURSE_LABELS, STATUS_LABELS
from .. import calc_rows
from .. import calc_spec as C
from .. import layout as L
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..layout import N_COST_ROWS, N_PART_COSTS, N_YEAR_COSTS, YEARS, a1, ref, rng
from ..style import C_NOTE, C_OUT_FONT, KR, q
from . import calc_totals

__all__ = ["write", "write_rows"]


def write(ctx: BuildContext) -> None:
    """Write *Beregning*: the labels, then every year row and lookup from the spec."""
    s = ctx.sheets[T.BEREGNING]
    spec = calc_rows.spec(ctx.lay, [label for _, label, _ in ctx.bkb.budget_items])
    _header(ctx, s, spec)
    s.text(ctx.lay.calc_cons_header, 0, T.CALC_SECTION_CONS, ctx.fmt.section())
    for i in range(ctx.lay.cons_blocks):
        _block_labels(ctx, s, i)
    s.text(ctx.lay.calc_cost_header, 0, T.CALC_SECTION_COSTS, ctx.fmt.section())
    for n in range(N_COST_ROWS):
        _cost_labels(ctx, s, n)
    _grey_empty_rows(ctx, s)
    calc_totals.write(ctx, s, spec)
    _assumed_labels(ctx, s)
    write_rows(ctx, s, spec)
    _illustrative(ctx, s)
    s.ws.freeze_panes(ctx.lay.calc_rows["t"] + 1, ctx.lay.year_col)


def write_rows(ctx: BuildContext, s: Sheet, spec: C.CalcSpec) -> None:
    """Every year row of the spec (formula and trace value) and every lookup cell."""
    src = C.Source.of(ctx.v.trace, ctx.inp, ctx.bkb, ctx.lay, ctx.v.assumed)
    for row in spec.rows:
        _write_row(ctx, s, row, src)
    for cell in spec.cells:
        s.formula(
            cell.row,
            cell.column,
            cell.formula(ctx.lay),
            cell.value(ctx.v),
            cell.look.format(ctx.fmt),
        )


def _write_row(ctx: BuildContext, s: Sheet, row: C.CalcRow, src: C.Source) -> None:
    """One year row: its 50 year columns, and its total and present value (left of them)."""
    lay = ctx.lay
    field = row.field(src)
    values: list[Any] = field.tolist()
    look = row.look.format(ctx.fmt)
    for t in range(YEARS):
        content = row.formula(lay, t)
        if content is C.Cell.CONSTANT:
            s.number(row.row, lay.year_col + t, values[t], look)
        elif isinstance(content, str):
            s.formula(row.row, lay.year_col + t, content, values[t], look)
    sums = look if row.sum_look is None else row.sum_look.format(ctx.fmt)
    if row.total:
        s.formula(
            row.row, lay.calc_total_col, C.total_formula(lay, row.row), row.total_value(src), sums
        )
    if row.pv:
        s.formula(row.row, lay.calc_pv_col, C.pv_formula(lay, row.row), row.pv_value(src), sums)


def _header(ctx: BuildContext, s: Sheet, spec: C.CalcSpec) -> None:
    """Widths, title, the header row and the labels of the time rows."""
    f = ctx.fmt
    lay = ctx.lay
    R = lay.calc_rows
    s.widths(
        (0, 0, 44),
        (1, 1, 11),
        (2, 2, 9),
        (3, 3, 22),
        (4, 4, 11),
        (lay.calc_total_col, lay.calc_pv_col, 14),
        (lay.year_col, lay.last_year_col, 12),
    )
    s.text(0, 0, T.CALC_TITLE, f.title())
    s.text(1, 0, T.CALC_INTRO, f.note())
    for c, label in enumerate(T.CALC_HEADERS):
        s.text(R["year"], c, label, f.header())
    s.text(R["year"], lay.calc_total_col, T.CALC_TOTAL, f.header())
    s.text(R["year"], lay.calc_pv_col, T.CALC_PV, f.header())
    for row in spec.rows:
        if row.group == "time" and row.key != "year":
            s.text(row.row, 0, row.label, row.label_format(ctx.fmt))


def _block_labels(ctx: BuildContext, s: Sheet, i: int) -> None:
    """Block i's label columns: the consequence (looked up), kind, purse and budget item."""
    f = ctx.fmt
    lay = ctx.lay
    v = ctx.v
    br = lay.calc_block_row(i)
    kr_ = lay.cons_block_row(i)
    pr = v.prices[v.cons[i].price_row] if v.cons[i].price_row >= 0 else None
    label = pr.label if pr is not None else T.EMPTY_ROW
    item = pr.item if pr is not None else ""
    klabel = ref(T.KONSEKVENSER, kr_, L.K_LABEL)
    top = f.block_top()
    s.formula(br, 0, f'=IF({klabel}="",{q(T.EMPTY_ROW)},{klabel})', label, f.block_top(bold=True))
    s.text(br, 1, T.KIND_UNITS, top)
    s.text(br, 2, "", top)
    s.formula(br, 3, f'={ref(T.KONSEKVENSER, kr_, L.K_ITEM)}&""', item, top)
    s.text(br, 4, "", top)
    s.text(br, lay.calc_pv_col, "", top)
    dr = lay.calc_during_row(i)
    s.formula(dr, 0, f"={a1(br, 0)}", label, f(font_color=C_NOTE))
    s.text(dr, 1, T.KIND_UNITS_DURING)
    s.formula(dr, 3, f"={a1(br, 3)}", item)
    for a, purse in enumerate(PURSE_LABELS.values()):
        r = lay.calc_gain_row(i, a)
        s.formula(r, 0, f"={a1(br, 0)}", label, f(font_color=C_NOTE))
        s.text(r, 1, T.KIND_GAIN)
        s.text(r, 2, purse)
        s.formula(r, 3, f"={a1(br, 3)}", item)


def _cost_labels(ctx: BuildContext, s: Sheet, n: int) -> None:
    """Cost row n's label columns: description, kind, purse and budget item (looked up)."""
    lay = ctx.lay
    r = lay.calc_cost_first + n
    cr = ctx.v.costs[n]
    s.text(r, 1, T.KIND_COST)
    if r == lay.calc_real_cost:  # the realised costs (Opfølgning): kommune, the cost item
        s.text(r, 0, cr.label)
        s.text(r, 2, PURSE_LABELS["kommune"])
        s.text(r, 3, COST_BUDGET_ITEM)
        return
    sheet, o = T.OMKOSTNINGER, lay.ycost_rows[n] if n < N_YEAR_COSTS else 0
    label, purse, item = L.C_LABEL, L.C_PURSE, L.C_ITEM
    if N_YEAR_COSTS <= n < N_YEAR_COSTS + N_PART_COSTS:
        o = lay.pcost_rows[n - N_YEAR_COSTS]
    elif n >= N_YEAR_COSTS + N_PART_COSTS:
        sheet, o = T.OMKOSTNINGSVURDERING, lay.ov_rows[n - N_YEAR_COSTS - N_PART_COSTS]
        label, purse, item = L.OV_LABEL, L.OV_PURSE, L.OV_ITEM

    def om(column: int) -> str:
        """A cell of the cost row on Omkostninger (or Omkostningsvurdering)."""
        return ref(sheet, o, column)

    s.formula(r, 0, f'=IF({om(label)}="","",{om(label)})', cr.label)
    kommune = q(PURSE_LABELS["kommune"])
    s.formula(r, 2, f'=IF({om(purse)}="",{kommune},{om(purse)})', cr.purse)
    s.formula(r, 3, f'=IF({om(item)}="",{q(COST_BUDGET_ITEM)},{om(item)})', cr.item)


def _grey_empty_rows(ctx: BuildContext, s: Sheet) -> None:
    """Empty consequence and cost rows in grey."""
    lay = ctx.lay
    first_a = f"$A{lay.calc_cons_first + 1}"
    s.ws.conditional_format(
        lay.calc_cons_first,
        0,
        lay.calc_cost_last,
        lay.last_year_col,
        {
            "type": "formula",
            "criteria": f'=OR({first_a}="",{first_a}={q(T.EMPTY_ROW)})',
            "format": ctx.fmt(font_color=C_OUT_FONT),
        },
    )


def illustrative_flags(ctx: BuildContext) -> list[list[int]]:
    """Per consequence block and purse: 1 where its gain rests on an illustrative value.

    The consequence's own status (Konsekvenser, column F) or its price's status for that
    purse (the knowledge base's status where no local price is given) is illustrative.
    """
    from .consequences import cons_status

    illustrative = STATUS_LABELS["illustrative"]
    out: list[list[int]] = []
    for i in range(ctx.lay.cons_blocks):
        row = ctx.v.cons[i]
        flags = [0, 0, 0]
        if row.price_row >= 0:
            own = cons_status(ctx, i) == illustrative
            pr = ctx.v.prices[row.price_row]
            kb = ctx.bkb.services[row.price_row] if row.price_row < len(ctx.bkb.services) else None
            for a in range(3):
                local = pr is not None and pr.local is not None and pr.local.prices[a] is not None
                price = kb is not None and not local and kb.status == "illustrative"
                flags[a] = int(own or price)
        out.append(flags)
    return out


def _assumed_labels(ctx: BuildContext, s: Sheet) -> None:
    """The units from assumed profile years: the heading, and per block its label, kind and
    budget item (column E, the first assumed year, comes from the spec's cells)."""
    lay = ctx.lay
    f = ctx.fmt
    s.text(lay.calc_assumed_header, 0, T.CALC_SECTION_ASSUMED, f.section())
    for i in range(lay.cons_blocks):
        r, br = lay.calc_assumed_row(i), lay.calc_block_row(i)
        pr = ctx.v.prices[ctx.v.cons[i].price_row] if ctx.v.cons[i].price_row >= 0 else None
        shown = pr.label if pr is not None else T.EMPTY_ROW
        s.formula(r, 0, f"={a1(br, 0)}", shown, f(font_color=C_NOTE))
        s.text(r, 1, T.KIND_UNITS_ASSUMED)
        s.formula(r, 3, f"={a1(br, 3)}", pr.item if pr is not None else "")


def _illustrative(ctx: BuildContext, s: Sheet) -> None:
    """Right of the year columns, per gain row: a flag (illustrative), |PV|, the PV from the
    assumed profile years and the illustrative part of the |PV|; below them the share."""
    f = ctx.fmt
    lay = ctx.lay
    fc, ac, nc, ic = (lay.last_year_col + n for n in (1, 2, 3, 4))
    s.ws.set_column(fc, ic, 12)
    for c, header in ((fc, T.CALC_ILLUSTRATIVE), (ac, T.CALC_ABS_PV), (nc, T.CALC_ASSUMED_PV),
                      (ic, T.CALC_ILL_PV)):  # fmt: skip
        s.text(lay.calc_rows["year"], c, header, f.header())
    src = C.Source.of(ctx.v.trace, ctx.inp, ctx.bkb, lay)
    parts = ctx.v.result.provenance_parts()
    flags = illustrative_flags(ctx)
    illustrative = q(STATUS_LABELS["illustrative"])
    d = lay.calc_rows["disc"]
    disc = rng(None, d, lay.year_col, d, lay.last_year_col)
    for i in range(lay.cons_blocks):
        kr_ = lay.cons_block_row(i)
        status = ref(T.KONSEKVENSER, kr_, L.K_STATUS)
        prow = ref(T.KONSEKVENSER, kr_, lay.cons_price_col + 6)
        ar = lay.calc_assumed_row(i)
        units = rng(None, ar, lay.year_col, ar, lay.last_year_col)
        j = src.blocks[i]
        for a, key in enumerate(("kommune", "region", "stat")):
            r = lay.calc_gain_row(i, a)
            pv = abs(float((C.Gain(i, a)(src) * src.trace.discount).sum()))
            s.formula(
                r,
                fc,
                f"=IF({status}={illustrative},1,IF({prow}=0,0,"
                f'IF(AND(INDEX(priser.lokal_{key},{prow})="",'
                f"INDEX(priser.vd_status,{prow})={illustrative}),1,0)))",
                flags[i][a],
                f(num_format="0"),
            )
            s.formula(r, ac, f"=ABS({a1(r, lay.calc_pv_col)})", pv, f(num_format=KR))
            # the PV of the gain from the assumed years: as the gain row's after-course part
            # (s × units × factor, the optimism bias on each year's flow), discounted. The
            # sign is written (g>0)-(g<0), not SIGN(g): Gnumeric does not take SIGN of a range
            # element by element inside SUMPRODUCT (#VALUE!), Excel and LibreOffice do.
            g = f"{units}*$E{r + 1}"
            sign = f"(({g})>0)-(({g})<0)"
            s.formula(
                r,
                nc,
                f"=som.prognose_succesrate*SUMPRODUCT({disc},{g}*(1-som.optimisme_gev*({sign})))",
                float(parts["assumed_pv"][j, a]) if j is not None else 0.0,
                f(num_format=KR),
            )
            big_a, rest = f"ABS({a1(r, nc)})", f"ABS({a1(r, lay.calc_pv_col)}-{a1(r, nc)})"
            s.formula(
                r,
                ic,
                f"=IF({a1(r, fc)}=1,{a1(r, ac)},IF({big_a}+{rest}=0,0,"
                f"{a1(r, ac)}*{big_a}/({big_a}+{rest})))",
                float(parts["illustrative"][j, a]) if j is not None else 0.0,
                f(num_format=KR),
            )
    r1, r2 = lay.calc_cons_first, lay.calc_gain_row(lay.cons_blocks - 1, 2)
    abs_rng, ill_rng = rng(None, r1, ac, r2, ac), rng(None, r1, ic, r2, ic)
    h = lay.calc_total_header
    s.text(h, fc, T.CALC_SHARE, f(bold=True))
    s.formula(
        h,
        ac,
        f"=IF(SUM({abs_rng})=0,0,SUM({ill_rng})/SUM({abs_rng}))",
        ctx.v.result.provenance["illustrative_share"],
        f(num_format="0.0%", bold=True),
    )
    ctx.name("som.andel_illustrativ", T.BEREGNING, h, ac)
