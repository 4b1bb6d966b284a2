"""*Omkostninger*: yearly amounts and amounts per participant.

Each cost row has a label, kind (start-up, running, other, saved), purse, budget item and
an optional price year, then its total beside them (column ``cost_total_col``, frozen with
the labels so it stays in view while the years scroll; it comes from the row's cost row on
*Beregning*), then the amounts: one per year, or one per participant with the participants.
The sums below (Omkostningsvurdering's costs, all costs) sit in the same total column.
"""

from __future__ import annotations

from .. import layout as L
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..layout import N_PART_COSTS, N_RESOURCES, N_YEAR_COSTS, YEARS, a1, ref, xref
from ..model import PartCost, YearCost
from ..style import C_OUT, C_OUT_FONT, INT, KR, YEAR

__all__ = ["write"]


def write(ctx: BuildContext) -> None:
    """Write *Omkostninger*: the yearly amounts, then the amounts per participant."""
    s = ctx.sheets[T.OMKOSTNINGER]
    f = ctx.fmt
    lay = ctx.lay
    yc0 = lay.cost_year_col
    s.widths(
        (0, 0, 3),
        (1, 1, 28),
        (2, 2, 16),
        (3, 3, 10),
        (4, 4, 24),
        (5, 5, 9),
        (lay.cost_total_col, lay.cost_total_col, 16),
        (yc0, yc0 + YEARS - 1, 12),
    )
    s.text(0, 1, T.COSTS_TITLE, f.title())
    s.merged(1, 1, lay.cost_total_col, T.COSTS_INTRO, f.wrap(), 45)  # within the frozen columns
    _year_costs(ctx, s)
    _part_costs(ctx, s)
    _with_resources(ctx, s)
    # the labels and the totals stay in view while the years scroll
    s.ws.freeze_panes(lay.ycost_first, lay.cost_total_col + 1)


def _head_inputs(ctx: BuildContext, s: Sheet, r: int, cost: YearCost | PartCost | None) -> None:
    """The label, kind, purse, budget item and price year of a cost row (blank if None)."""
    f = ctx.fmt
    s.value(r, L.C_LABEL, cost.label if cost else None, f.input())
    s.value(r, L.C_KIND, cost.kind if cost else None, f.input())
    s.value(r, L.C_PURSE, cost.purse if cost else None, f.input())
    s.value(r, L.C_ITEM, cost.item if cost else None, f.input())
    s.value(r, L.C_YEAR, cost.price_year if cost else None, f.input(YEAR))


def _year_costs(ctx: BuildContext, s: Sheet) -> None:
    """Yearly amounts: a year header from Beregning, the rows, their validation."""
    f = ctx.fmt
    lay = ctx.lay
    inp = ctx.inp
    yc0 = lay.cost_year_col
    h = lay.ycost_first - 1
    s.text(h - 1, 1, T.COSTS_YEAR_HEADER, f.section())
    for i, label in enumerate(T.COSTS_COLS):
        s.text(h, 1 + i, label, f.header())
    s.text(h, lay.cost_total_col, T.COSTS_TOTAL, f.header())
    for t in range(YEARS):
        year = f"={xref(T.BEREGNING, lay.calc_rows['year'], lay.year_col + t)}"
        s.formula(h, yc0 + t, year, inp.start_year + t, f.header(num_format=YEAR))
    s.ws.set_row(h, 30)
    for n, r in enumerate(lay.ycost_rows):
        yc = inp.year_costs[n]
        _head_inputs(ctx, s, r, yc)
        for t in range(YEARS):
            s.value(r, yc0 + t, yc.amounts.get(t) if yc else None, f.input(KR))
        total = float(ctx.v.costs[n].values.sum())
        calc = f"={ref(T.BEREGNING, lay.calc_cost_first + n, lay.calc_total_col)}"
        s.formula(r, lay.cost_total_col, calc, total, f(num_format=KR, bold=True))
    r1, r2 = lay.ycost_first, lay.ycost_rows[-1]
    _head_validation(s, r1, r2)
    year_head = a1(h, yc0, False).rstrip("0123456789")
    within = f"{year_head}${h + 1}<=som.slutaar"  # only years within the horizon count
    s.field(r1, yc0, r2, yc0 + YEARS - 1, "costs[].amount", cell=a1(r1, yc0), also=within)
    s.ws.conditional_format(
        h,
        yc0,
        r2,
        yc0 + YEARS - 1,
        {
            "type": "formula",
            "criteria": f"={year_head}${h + 1}>som.slutaar",
            "format": f(font_color=C_OUT_FONT, bg_color=C_OUT),
        },
    )
    s.note(r1, L.C_KIND, T.NOTES["omk_art"])
    s.note(r1, yc0, T.NOTES["beloeb"])


def _part_costs(ctx: BuildContext, s: Sheet) -> None:
    """Amounts per participant: the rows, their totals, the participants they apply to."""
    f = ctx.fmt
    lay = ctx.lay
    inp = ctx.inp
    h2 = lay.pcost_first - 1
    s.text(h2 - 1, 1, T.COSTS_PART_HEADER, f.section())
    for i, label in enumerate(T.COSTS_COLS):
        s.text(h2, 1 + i, label, f.header())
    for column, label in (
        (lay.cost_total_col, T.COSTS_TOTAL),
        (lay.cost_amount_col, T.COSTS_PER_PARTICIPANT),
        (L.C_PART_COUNT, T.COSTS_PARTICIPANTS),
    ):
        s.text(h2, column, label, f.header())
    s.ws.set_row(h2, 30)
    plan = ctx.v.plan if ctx.v.plan is not None else ctx.v.trace
    total_participants = float(plan.starters.sum())  # the planned ones (Indsats og målgruppe)
    for n, r in enumerate(lay.pcost_rows):
        pc = inp.part_costs[n]
        _head_inputs(ctx, s, r, pc)
        s.value(r, lay.cost_amount_col, pc.amount if pc else None, f.input(KR))
        participants = f"={ctx.participants_total}"
        s.formula(r, L.C_PART_COUNT, participants, total_participants, f(num_format=INT))
        crow = lay.calc_cost_first + N_YEAR_COSTS + n
        total = float(ctx.v.costs[N_YEAR_COSTS + n].values.sum())
        calc = f"={ref(T.BEREGNING, crow, lay.calc_total_col)}"
        s.formula(r, lay.cost_total_col, calc, total, f(num_format=KR, bold=True))
    p1, p2 = lay.pcost_first, lay.pcost_rows[-1]
    _head_validation(s, p1, p2)
    s.note(p1, lay.cost_amount_col, T.NOTES["beloeb_pr_deltager"])
    amount = lay.cost_amount_col
    s.field(p1, amount, p2, amount, "costs[].amount", place="per_participant")


def _head_validation(s: Sheet, r1: int, r2: int) -> None:
    """Dropdowns for kind, purse, budget item and price year on rows r1..r2.

    The kind (start-up, running, other, saved) is the workbook's own list; the others are
    scenario fields, chosen from the workbook's lists.
    """
    s.validate(r1, L.C_KIND, r2, L.C_KIND, "art", {"validate": "list", "source": "=liste.art"})
    for column, key, source in (
        (L.C_PURSE, "costs[].purse", "=liste.aktoerer"),
        (L.C_ITEM, "costs[].budget_item", "=liste.poster"),
        (L.C_YEAR, "costs[].price_year", "=liste.prisaar"),
    ):
        s.field(r1, column, r2, column, key, source=source)


def _with_resources(ctx: BuildContext, s: Sheet) -> None:
    """Below the rows, in the total column: the costs of Omkostningsvurdering and all costs
    (from Beregning)."""
    f = ctx.fmt
    lay = ctx.lay
    tc = lay.cost_total_col
    r = lay.pcost_rows[-1] + 2
    first = N_YEAR_COSTS + N_PART_COSTS
    own = sum(float(c.values.sum()) for c in ctx.v.costs[first : first + N_RESOURCES])
    s.text(r, 1, T.COSTS_FROM_OV)
    s.formula(r, tc, "=som.omkostningsvurdering", own, f(num_format=KR))
    every = ref(T.BEREGNING, lay.calc_total("costs"), lay.calc_total_col)
    s.text(r + 1, 1, T.COSTS_ALL, f(bold=True))
    s.formula(r + 1, tc, f"={every}", float(ctx.v.costs_t.sum()), f(num_format=KR, bold=True))
