"""*Udvalg*: the kommune's committees, which budget item belongs to which, and their results.

Committees are the kommune's (som-method §3.15): a committee's result is the sum of the
*kommune's* costs and gains over the budget items mapped to it; region and stat flows belong
to no committee. The user edits the committee names and the mapping (yellow; defaults from
the knowledge base). The sums are on *Beregning* (rows per committee); here are, per
committee, the totals, present values, break-even year and gain per cost krone, a budget
view (budget year and three overslagsår per purse and committee) and the net result per
committee year by year.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...conventions import PURSE_LABELS
from .. import calc_spec as C
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..layout import N_COMMITTEES, YEARS, a1, ref, rng
from ..style import KR, YEAR, q
from .guard import GUARD

__all__ = ["group_figures", "write"]


def group_figures(
    ctx: BuildContext, flag_row: int, costs: np.ndarray, gains: np.ndarray
) -> tuple[dict[str, str], dict[str, Any]]:
    """Formulas and values of a group's break-even year and benefit-cost ratio.

    ``flag_row`` is the group's flag row on Beregning; the formulas use the cells named
    ``{costs_nv}`` and ``{gains_nv}`` (filled in by the caller with ``str.format``).
    """
    lay = ctx.lay
    y0, yl = lay.year_col, lay.last_year_col
    years = rng(T.BEREGNING, lay.calc_rows["year"], y0, lay.calc_rows["year"], yl)
    flags = rng(T.BEREGNING, flag_row, y0, flag_row, yl)
    src = C.Source.of(ctx.v.trace, ctx.inp, ctx.bkb, lay)
    disc = ctx.v.disc
    cum = np.cumsum((gains - costs) * disc)
    flag = C.flag(src, costs, gains, cum)
    hits = np.flatnonzero(flag == 1)
    be: Any = int(ctx.inp.start_year + hits[0]) if hits.size else T.NO_BREAK_EVEN
    cd, gd = float((costs * disc).sum()), float((gains * disc).sum())
    bcr: Any = gd / cd if cd > 0 else T.NO_BCR
    formulas = {
        "be": f"=IF({GUARD},{q(T.INPUT_ERROR_SHORT)},"
        f"IFERROR(INDEX({years},1,MATCH(1,{flags},0)),{q(T.NO_BREAK_EVEN)}))",
        "bcr": f"=IF({GUARD},{q(T.INPUT_ERROR_SHORT)},"
        f"IF({{costs_nv}}>0,{{gains_nv}}/{{costs_nv}},{q(T.NO_BCR)}))",
    }
    return formulas, {"be": be, "bcr": bcr}


def write(ctx: BuildContext) -> None:
    """Write *Udvalg*."""
    s = ctx.sheets[T.UDVALG]
    f = ctx.fmt
    s.widths((0, 0, 2), (1, 1, 40), (2, 7, 25), (8, 8, 26), (9, 9, 40))
    s.text(0, 1, T.UDVALG_TITLE, f.title())
    s.ws.set_row(0, 24)
    s.merged(1, 1, 9, T.UDVALG_INTRO, f.wrap(), 45)
    _names(ctx, s)
    _mapping(ctx, s)
    src = C.Source.of(ctx.v.trace, ctx.inp, ctx.bkb, ctx.lay)
    _results(ctx, s, src)
    _budget(ctx, s, src)
    _years(ctx, s, src)
    s.ws.freeze_panes(2, 0)
    s.ws.repeat_rows(0, 1)


def _names(ctx: BuildContext, s: Sheet) -> None:
    """The committee names (yellow)."""
    f = ctx.fmt
    lay = ctx.lay
    r0 = lay.udv_com_first
    s.text(r0 - 2, 1, T.UDVALG_NAMES_HEADER, f.section())
    s.text(r0 - 1, 1, T.UDVALG_NAME, f.header())
    for c in range(N_COMMITTEES):
        name = ctx.inp.committees[c] if c < len(ctx.inp.committees) else ""
        s.value(r0 + c, 1, name or None, f.input())
    ctx.name("udvalg.navne", T.UDVALG, r0, 1, r0 + N_COMMITTEES - 1, 1)
    s.note(r0, 1, T.NOTES["udvalg"])


def _mapping(ctx: BuildContext, s: Sheet) -> None:
    """Each budget item and its committee (yellow, chosen from the names above)."""
    f = ctx.fmt
    lay = ctx.lay
    r0 = lay.udv_map_first
    s.text(r0 - 2, 1, T.UDVALG_MAP_HEADER, f.section())
    s.text(r0 - 1, 1, T.UDVALG_ITEM, f.header())
    s.text(r0 - 1, 2, T.UDVALG_NAME, f.header())
    items = [label for _, label, _ in ctx.bkb.budget_items]
    for b, label in enumerate(items):
        s.text(r0 + b, 1, label)
        s.value(r0 + b, 2, ctx.inp.committee_of.get(label) or None, f.input())
    last = r0 + len(items) - 1
    ctx.name("udvalg.post_udvalg", T.UDVALG, r0, 2, last, 2)
    s.validate(r0, 2, last, 2, "udvalg", {"validate": "list", "source": "=udvalg.navne"})


def _results(ctx: BuildContext, s: Sheet, src: C.Source) -> None:
    """Per committee: costs, gains, net, their present values, break-even year and BCR."""
    f = ctx.fmt
    lay = ctx.lay
    r0 = lay.udv_res_first
    s.text(r0 - 2, 1, T.UDVALG_RESULT_HEADER, f.section())
    for c, label in enumerate([T.UDVALG_NAME, *T.RESULT_SPLIT_COLS, *T.RESULT_GROUP_COLS]):
        s.text(r0 - 1, 1 + c, label, f.header())
    s.ws.set_row(r0 - 1, 30)
    tc, pvc = lay.calc_total_col, lay.calc_pv_col
    disc = ctx.v.disc
    totals = np.zeros(6)
    for c in range(N_COMMITTEES):
        r = r0 + c
        slot = ref(T.UDVALG, lay.udv_com_first + c, 1)
        name = ctx.inp.committees[c] if c < len(ctx.inp.committees) else ""
        s.formula(r, 1, f'=IF({slot}="","",{slot})', name)
        costs = C.Group("costs", committee=c)(src)
        gains = C.Group("gains", committee=c)(src)
        cu, gu = float(costs.sum()), float(gains.sum())
        cd, gd = float((costs * disc).sum()), float((gains * disc).sum())
        rc, rg = lay.calc_com("costs", c), lay.calc_com("gains", c)
        cells = [
            (f"{ref(T.BEREGNING, rc, tc)}", cu),
            (f"{ref(T.BEREGNING, rg, tc)}", gu),
            (f"{a1(r, 3)}-{a1(r, 2)}", gu - cu),
            (f"{ref(T.BEREGNING, rc, pvc)}", cd),
            (f"{ref(T.BEREGNING, rg, pvc)}", gd),
            (f"{a1(r, 6)}-{a1(r, 5)}", gd - cd),
        ]
        blank = f'{a1(r, 1)}=""'
        for k, (formula, value) in enumerate(cells):
            shown: Any = value if name else ""
            s.formula(
                r,
                2 + k,
                f'=IF({blank},"",{formula})',
                shown,
                f(num_format=KR, bold=k in (2, 5)),
            )
            if name:
                totals[k] += value
        formulas, values = group_figures(ctx, lay.calc_com("flag", c), costs, gains)
        be = formulas["be"].replace("=IF(", f'=IF({blank},"",IF(', 1) + ")"
        bcr = formulas["bcr"].format(costs_nv=a1(r, 5), gains_nv=a1(r, 6))
        bcr = bcr.replace("=IF(", f'=IF({blank},"",IF(', 1) + ")"
        s.formula(r, 8, be, values["be"] if name else "", f(num_format=YEAR, align="left"))
        s.formula(r, 9, bcr, values["bcr"] if name else "", f(num_format="0.00", align="left"))
    tr = r0 + N_COMMITTEES
    s.text(tr, 1, T.UDVALG_TOTAL, f(bold=True, top=1))
    for k in range(6):
        column = 2 + k
        s.formula(
            tr,
            column,
            f"=SUM({rng(None, r0, column, tr - 1, column, False)})",
            float(totals[k]),
            f(num_format=KR, bold=True, top=1),
        )
    s.text(tr + 1, 1, T.UDVALG_TOTAL_NOTE, f.note())


def _budget(ctx: BuildContext, s: Sheet, src: C.Source) -> None:
    """Budget year and three overslagsår: the net result per purse and committee."""
    f = ctx.fmt
    lay = ctx.lay
    inp = ctx.inp
    yr = lay.udv_budget_year_row
    s.text(yr - 1, 1, T.UDVALG_BUDGET_HEADER, f.section())
    s.text(yr, 1, T.UDVALG_BUDGET_YEAR, f(bold=True))
    s.value(yr, 2, inp.budget_year, f.input(YEAR))
    s.field_cell(yr, 2, "start_year")
    by = inp.budget_year if inp.budget_year is not None else inp.start_year
    year_cell = a1(yr, 3, True)
    s.formula(yr, 3, f'=IF({a1(yr, 2)}="",som.startaar,{a1(yr, 2)})', by, f(num_format=YEAR))
    s.text(yr, 4, T.UDVALG_BUDGET_NOTE, f.note())
    ctx.name("som.budgetaar", T.UDVALG, yr, 3)
    h = lay.udv_budget_first - 1
    s.text(h, 1, "", f.header())
    for k in range(4):
        s.formula(h, 2 + k, f"={year_cell}+{k}", by + k, f.header(num_format=YEAR))
    rows: list[tuple[str, Any, int, np.ndarray]] = []
    for a, purse in enumerate(PURSE_LABELS.values()):
        net = C.Group("net", purse=a)(src)
        rows.append((purse, purse, lay.calc_purse("net", a), net))
    for c in range(N_COMMITTEES):
        name = inp.committees[c] if c < len(inp.committees) else ""
        slot = ref(T.UDVALG, lay.udv_com_first + c, 1)
        net = C.Group("net", committee=c)(src)
        rows.append((f'=IF({slot}="","",{slot})', name, lay.calc_com("net", c), net))
    y0, yl = lay.year_col, lay.last_year_col
    for n, (label, shown, calc_row, net) in enumerate(rows):
        r = lay.udv_budget_first + n
        if label.startswith("="):
            s.formula(r, 1, label, shown)
        else:
            s.text(r, 1, label)
        values = rng(T.BEREGNING, calc_row, y0, calc_row, yl)
        for k in range(4):
            year = a1(h, 2 + k, True)
            t = by + k - inp.start_year
            inside = 0 <= t < inp.horizon
            value: Any = float(net[t]) if inside and (shown or n < 3) else ""
            formula = (
                f'=IF(OR({GUARD},{a1(r, 1)}="",{year}<som.startaar,{year}>som.slutaar),"",'
                f"INDEX({values},1,{year}-som.startaar+1))"
            )
            s.formula(r, 2 + k, formula, value, f(num_format=KR))
    s.text(lay.udv_budget_first + len(rows), 1, T.UDVALG_BUDGET_EXPLAIN, f.note())


def _years(ctx: BuildContext, s: Sheet, src: C.Source) -> None:
    """The net result per committee year by year (blank after the horizon)."""
    f = ctx.fmt
    lay = ctx.lay
    inp = ctx.inp
    r0 = lay.udv_year_first
    s.text(r0 - 2, 1, T.UDVALG_YEARS_HEADER, f.section())
    s.text(r0 - 1, 1, T.RESULT_YEAR_COLS[0], f.header())
    names = []
    for c in range(N_COMMITTEES):
        slot = ref(T.UDVALG, lay.udv_com_first + c, 1)
        name = inp.committees[c] if c < len(inp.committees) else ""
        names.append(name)
        s.formula(r0 - 1, 2 + c, f'=IF({slot}="","",{slot})', name, f.header())
    s.ws.set_row(r0 - 1, 45)
    nets = [C.Group("net", committee=c)(src) for c in range(N_COMMITTEES)]
    R = lay.calc_rows
    for t in range(YEARS):
        r = r0 + t
        inh = ref(T.BEREGNING, R["in_h"], lay.year_col + t)
        inside = t < inp.horizon
        s.formula(
            r,
            1,
            f'=IF({inh}=1,{ref(T.BEREGNING, R["year"], lay.year_col + t)},"")',
            inp.start_year + t if inside else "",
            f(num_format=YEAR, align="left"),
        )
        for c in range(N_COMMITTEES):
            cell = ref(T.BEREGNING, lay.calc_com("net", c), lay.year_col + t)
            head = a1(r0 - 1, 2 + c, True)
            value: Any = float(nets[c][t]) if inside and names[c] else ""
            s.formula(
                r,
                2 + c,
                f'=IF(OR({GUARD},{inh}<>1,{head}=""),"",{cell})',
                value,
                f(num_format=KR),
            )
