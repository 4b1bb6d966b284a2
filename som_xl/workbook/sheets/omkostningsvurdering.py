"""*Omkostningsvurdering*: the cost model's steps (Socialstyrelsen; som-method §3.18).

Each resource row is either årsværk × årsløn or timer × timeløn, plus an overhead share, with
a purse, a budget item and the wage's price year; the quantities are typed under the years.
The rows are cost rows on *Beregning* (``calc_res_first``): year t's cost is the quantity ×
the row's kr. per unit (wage × (1 + overhead) × the price-index factor, Beregning's column
E), so every total of the workbook includes them. Below: the cost model's summary (this
sheet, the Omkostninger sheet, all costs) and the knowledge base's wages for reference.
"""

from __future__ import annotations

from ...conventions import STATUS_LABELS
from .. import layout as L
from .. import text as T
from ..context import BuildContext
from ..layout import N_PART_COSTS, N_RESOURCES, N_YEAR_COSTS, YEARS, a1, ref, rng, xref
from ..style import C_OUT, C_OUT_FONT, KR, YEAR, height

__all__ = ["write"]

#: The number format of a quantity (årsværk with decimals, timer as whole numbers).
QTY = "#,##0.##"


def write(ctx: BuildContext) -> None:
    """Write *Omkostningsvurdering*: the steps, the resource rows, the summary, the wages."""
    s = ctx.sheets[T.OMKOSTNINGSVURDERING]
    f = ctx.fmt
    lay = ctx.lay
    y0 = lay.ov_year_col
    s.widths(
        (0, 0, 3),
        (1, 1, 28),
        (2, 2, 11),
        (3, 3, 12),
        (4, 4, 10),
        (5, 5, 10),
        (6, 6, 22),
        (7, 7, 9),
        (8, 8, 14),
        (lay.ov_total_col, lay.ov_total_col, 14),
        (y0, y0 + YEARS - 1, 10),
    )
    s.text(0, 1, T.OV_TITLE, f.title())
    s.merged(1, 1, 8, T.OV_INTRO, f.wrap(), 45)
    for i, step in enumerate(T.OV_STEPS):
        s.merged(2 + i, 1, 8, step, f.wrap(), 30)
    _rows(ctx)
    _summary(ctx)
    _wages(ctx)
    # the inputs and each row's total stay in view while the years scroll
    s.ws.freeze_panes(lay.ov_first, lay.ov_total_col + 1)


def _rows(ctx: BuildContext) -> None:
    """The header and the resource rows: inputs, kr. per unit, total, quantities."""
    s = ctx.sheets[T.OMKOSTNINGSVURDERING]
    f = ctx.fmt
    lay = ctx.lay
    h, y0 = lay.ov_header, lay.ov_year_col
    s.text(h - 1, y0, T.OV_YEARS_HEADER, f.section())
    for i, label in enumerate(T.OV_COLS):
        s.text(h, 1 + i, label, f.header())
    s.text(h, lay.ov_total_col, T.OV_TOTAL, f.header())
    for t in range(YEARS):
        year = f"={xref(T.BEREGNING, lay.calc_rows['year'], lay.year_col + t)}"
        s.formula(h, y0 + t, year, ctx.inp.start_year + t, f.header(num_format=YEAR))
    s.ws.set_row(h, 60)
    first = N_YEAR_COSTS + N_PART_COSTS
    for m, r in enumerate(lay.ov_rows):
        res = ctx.inp.resources[m] if m < len(ctx.inp.resources) else None
        s.value(r, L.OV_LABEL, res.label if res else None, f.input())
        s.value(r, L.OV_FORM, res.form if res else None, f.input())
        s.value(r, L.OV_WAGE, res.wage if res else None, f.input(KR))
        s.value(r, L.OV_OVERHEAD, res.overhead if res else None, f.input("0.0%"))
        s.value(r, L.OV_PURSE, res.purse if res else None, f.input())
        s.value(r, L.OV_ITEM, res.item if res else None, f.input())
        s.value(r, L.OV_YEAR, res.price_year if res else None, f.input(YEAR))
        cost = ctx.v.costs[first + m]
        crow = lay.calc_res_first + m
        unit = f"={ref(T.BEREGNING, crow, L.B_FACTOR)}"
        s.formula(r, L.OV_UNIT, unit, cost.factor, f(num_format=KR))
        total = f"={ref(T.BEREGNING, crow, lay.calc_total_col)}"
        s.formula(r, lay.ov_total_col, total, float(cost.values.sum()), f(num_format=KR, bold=True))
        for t in range(YEARS):
            s.value(r, y0 + t, res.amounts.get(t) if res else None, f.input(QTY))
    r1, r2 = lay.ov_first, lay.ov_rows[-1]
    source = f'"{T.FORM_FTE},{T.FORM_HOURS}"'
    s.validate(r1, L.OV_FORM, r2, L.OV_FORM, "opgoerelse", {"validate": "list", "source": source})
    for column, key, lst in (
        (L.OV_PURSE, "costs[].purse", "=liste.aktoerer"),
        (L.OV_ITEM, "costs[].budget_item", "=liste.poster"),
        (L.OV_YEAR, "costs[].price_year", "=liste.prisaar"),
    ):
        s.field(r1, column, r2, column, key, source=lst)
    year_head = a1(h, y0, False).rstrip("0123456789")
    s.ws.conditional_format(
        h,
        y0,
        r2,
        y0 + YEARS - 1,
        {
            "type": "formula",
            "criteria": f"={year_head}${h + 1}>som.slutaar",
            "format": f(font_color=C_OUT_FONT, bg_color=C_OUT),
        },
    )


def _summary(ctx: BuildContext) -> None:
    """Step 5: this sheet's costs, the Omkostninger sheet's, and all costs (Beregning)."""
    s = ctx.sheets[T.OMKOSTNINGSVURDERING]
    f = ctx.fmt
    lay = ctx.lay
    r0 = lay.ov_sum_first
    tc = lay.calc_total_col
    first = N_YEAR_COSTS + N_PART_COSTS
    s.text(r0 - 1, 1, T.OV_SUM_TITLE, f.section())
    own = rng(T.BEREGNING, lay.calc_res_first, tc, lay.calc_res_first + N_RESOURCES - 1, tc)
    other = rng(T.BEREGNING, lay.calc_cost_first, tc, lay.calc_res_first - 1, tc)
    every = ref(T.BEREGNING, lay.calc_total("costs"), tc)
    values = (
        sum(float(c.values.sum()) for c in ctx.v.costs[first : first + N_RESOURCES]),
        sum(float(c.values.sum()) for c in ctx.v.costs[:first]),
        float(ctx.v.costs_t.sum()),
    )
    for i, (label, formula) in enumerate(
        zip(T.OV_SUM_ROWS, (f"=SUM({own})", f"=SUM({other})", f"={every}"), strict=True)
    ):
        bold = i == 2
        s.text(r0 + i, 1, label, f(bold=bold))
        s.formula(r0 + i, 3, formula, values[i], f(num_format=KR, bold=bold))
    ctx.name("som.omkostningsvurdering", T.OMKOSTNINGSVURDERING, r0, 3)


def _wages(ctx: BuildContext) -> None:
    """The knowledge base's wages with price year, status and source (for reference)."""
    s = ctx.sheets[T.OMKOSTNINGSVURDERING]
    f = ctx.fmt
    h = ctx.lay.ov_wage_header
    s.text(h, 1, T.OV_WAGES_TITLE, f.section())
    # printed: the source over F-H and the note over I to the sixth year column (within
    # the horizon's print area), wrapped
    note_end = ctx.lay.ov_year_col + min(ctx.inp.horizon, 6) - 1
    spans = ((5, 7), (8, note_end))
    # characters a line: about 1.1 per unit of column width (I, J, the years; F-H: 41)
    note_chars = int(1.1 * (14 + 14 + 10 * (note_end - ctx.lay.ov_year_col + 1)))
    *plain, source, note = T.OV_WAGES_COLS
    for i, label in enumerate(plain):
        s.text(h + 1, 1 + i, label, f.header())
    for (c1, c2), label in zip(spans, (source, note), strict=True):
        s.merged(h + 1, c1, c2, label, f.header())
    top = f(valign="top")
    for n, w in enumerate(ctx.bkb.wages):
        r = h + 2 + n
        s.text(r, 1, w.label, top)
        s.number(r, 2, w.annual_wage, f(num_format=KR, valign="top"))
        s.number(r, 3, w.price_year, f(num_format=YEAR, valign="top"))
        s.text(r, 4, STATUS_LABELS.get(w.status, w.status), f.status(w.status))
        s.merged(r, 5, 7, w.source, f.wrap())
        s.merged(r, 8, note_end, w.note, f.wrap())
        s.ws.set_row(r, max(height(len(w.source), 45), height(len(w.note), note_chars)))
