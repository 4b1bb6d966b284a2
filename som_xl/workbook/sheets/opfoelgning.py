"""*Opfølgning*: plan against realised figures per year, and the new forecast (§3.19).

The user types realised participants, successes and costs per year (yellow). The rest of
the workbook then computes the forecast, as ``som-xl opfoelgning`` does: *Beregning*'s
starters take the realised participants (``som.real_deltagere``), its successes the applied
success rate (``som.prognose_succesrate``: the observed rate where a course has ended, else
the planned one), its cost rows are 0 in a year with realised costs and the realised costs
have a row of their own (``som.real_omkostninger``). This sheet shows the plan beside it,
computed in helper columns from the plan's own participants: costs from the Omkostninger and
Omkostningsvurdering rows (their amounts × Beregning's factors), gains as the planned success
rate × Σ ended(t − k) × W(k) (W on Konsekvenser, as Beregning's g1), net, present value and
break-even flag. Cached values come from the engine: the forecast's trace and the plan's
(:attr:`som_xl.workbook.values.Values.plan`).
"""

from __future__ import annotations

from typing import Any

from ...inputs.followup import DEADWEIGHT_WARNING, deadweight_warning
from .. import layout as L
from .. import text as T
from ..context import BuildContext
from ..layout import (
    N_DURING,
    N_PART_COSTS,
    N_RESOURCES,
    N_YEAR_COSTS,
    YEARS,
    Layout,
    a1,
    col,
    ref,
    rng,
)
from ..style import C_OUT, C_OUT_FONT, C_WARNING, INT, KR, PCT, TOL, YEAR, q
from .consequences import _danish
from .guard import GUARD

__all__ = ["write"]


def _c(lay: Layout, column: int, t: int, absolute: bool = False) -> str:
    """Year offset t's cell in a column of the year table."""
    return a1(lay.opf_first + t, column, absolute)


def _col(lay: Layout, column: int) -> str:
    """A whole column of the year table (absolute)."""
    return rng(None, lay.opf_first, column, lay.opf_last, column)


def write(ctx: BuildContext) -> None:
    """Write *Opfølgning*: the guide, the key figures, the year table and its helpers."""
    s = ctx.sheets[T.OPFOELGNING]
    f = ctx.fmt
    lay = ctx.lay
    s.widths((0, 0, 3), (1, 1, 46), (2, 12, 15), (13, 13, 44), (14, 21, 13))
    s.text(0, 1, T.OPF_TITLE, f.title())
    for i, line in enumerate(T.OPF_GUIDE):
        s.merged(1 + i, 1, 12, line, f.wrap(bold=i == 0), 30 if i else None)
    _table(ctx)
    _keys(ctx)
    s.ws.freeze_panes(lay.opf_first, 2)


def _keys(ctx: BuildContext) -> None:
    """Planned, observed and applied success rate; plan against forecast."""
    s = ctx.sheets[T.OPFOELGNING]
    f = ctx.fmt
    lay = ctx.lay
    res = ctx.v.resolved
    k = lay.opf_key_first
    last = f"MAX({_col(lay, L.OPF_GIVEN)})"
    t_col, fc_part = _col(lay, L.OPF_T), _col(lay, L.OPF_FC_PART)
    ended = f"=IF({last}<0,0,SUMPRODUCT(({t_col}+som.forloebsaar-1<={last})*{fc_part}))"
    s.text(k + 3, 1, T.OPF_ENDED)
    s.formula(k + 3, 2, ended, _ended(ctx), f(num_format="#,##0.##"))
    succ = _col(lay, L.OPF_SUCC)
    observed = res.observed_success_rate
    n_ended = a1(k + 3, 2)
    formulas = (
        ("=som.succesrate_netto", res.success_rate),
        (
            f"=IF(AND(COUNT({succ})>0,{n_ended}>0),SUM({succ})/{n_ended},{q(T.OPF_NO_OBSERVED)})",
            observed if observed is not None else T.OPF_NO_OBSERVED,
        ),
        (
            f"=IF(ISNUMBER({a1(k + 1, 2)}),{a1(k + 1, 2)},som.succesrate_netto)",
            res.forecast_success_rate,
        ),
    )
    for i, (label, (formula, value)) in enumerate(zip(T.OPF_KEYS, formulas, strict=True)):
        s.text(k + i, 1, label, f(bold=i == 2))
        s.formula(k + i, 2, formula, value, f(num_format=PCT, bold=i == 2, align="right"))
    ctx.name("som.observeret_succesrate", T.OPFOELGNING, k + 1, 2)
    ctx.name("som.prognose_succesrate", T.OPFOELGNING, k + 2, 2)
    _deadweight_note(ctx, k)
    _compare(ctx, k + 5)


def _texts(text: str) -> str:
    """A text as Excel literals joined by &, each under Excel's 255 characters."""
    return "&".join(q(text[i : i + 200]) for i in range(0, len(text), 200))


def _deadweight_note(ctx: BuildContext, k: int) -> None:
    """Beside the key figures (D:M of their four rows): the follow-up's deadweight warning,
    live, where the deadweight (Indstillinger) is above 0 and realised successes are
    entered; the same text as the command line's (:data:`DEADWEIGHT_WARNING`)."""
    s = ctx.sheets[T.OPFOELGNING]
    res = ctx.v.resolved
    before, after = DEADWEIGHT_WARNING.split("{b}")
    shown = f'{_texts(before)}&{_danish("som.doedvaegt*100")}&" %"&{_texts(after)}'
    succ = _col(ctx.lay, L.OPF_SUCC)
    formula = f'=IF(AND(som.doedvaegt>0,COUNT({succ})>0),{shown},"")'
    without = res.gross_success[1] if res.gross_success else None
    cached = next(iter(deadweight_warning(without, res.realised)), "")
    fmt = ctx.fmt.wrap(bold=True, font_color=C_WARNING)
    s.ws.merge_range(k, 3, k + 3, 12, "", fmt)
    s.formula(k, 3, formula, cached, fmt)


def _ended(ctx: BuildContext) -> float:
    """Participants whose course has ended by the last realised year (the forecast's)."""
    res = ctx.v.resolved
    if not res.realised:
        return 0.0
    last = max(r.year for r in res.realised)
    part = res.forecast_participants
    return float(sum(n for c, n in part.items() if c + res.course_years - 1 <= last))


def _compare(ctx: BuildContext, h: int) -> None:
    """Net result (undiscounted, present value) and break-even year: plan, forecast."""
    s = ctx.sheets[T.OPFOELGNING]
    f = ctx.fmt
    lay = ctx.lay
    plan = ctx.v.plan if ctx.v.plan is not None else ctx.v.trace
    pt = plan.sheet_totals()
    result = ctx.v.result
    for i, label in enumerate(T.OPF_COMPARE):
        s.text(h, 1 + i, label, f.header())
    flags = pt.break_even_t
    hit = [t for t in range(YEARS) if flags[t] == 1]
    plan_be: Any = ctx.inp.start_year + hit[0] if hit else T.NO_BREAK_EVEN
    fc_be: Any = result.break_even_year if result.break_even_year is not None else T.NO_BREAK_EVEN
    rows = (
        (f"=SUM({_col(lay, L.OPF_PLAN_NET)})", float(pt.net_t.sum()), "=som.nettoresultat",
         result.net_undiscounted),
        (f"=SUM({_col(lay, L.OPF_PLAN_DNET)})", float(pt.discounted_net_t.sum()),
         "=som.nettoresultat_nv", result.net_discounted),
        (f"=IFERROR(INDEX({_col(lay, L.OPF_YEAR)},MATCH(1,{_col(lay, L.OPF_PLAN_FLAG)},0)),"
         f"{q(T.NO_BREAK_EVEN)})", plan_be, "=som.breakeven_aar", fc_be),
    )  # fmt: skip
    for i, (label, (pf, pv, ff, fv)) in enumerate(zip(T.OPF_COMPARE_ROWS, rows, strict=True)):
        r = h + 1 + i
        fmt = f(num_format=YEAR if i == 2 else KR, align="right")
        s.text(r, 1, label)
        s.formula(r, 2, pf, pv, fmt)
        s.formula(r, 3, ff, fv, fmt)
        if i < 2:
            # to the øre: plan and forecast agree to rounding when nothing is realised
            # blank while an input error withholds the forecast (its cell shows a text)
            difference = f'=IF({GUARD},"",ROUND({a1(r, 3)}-{a1(r, 2)},2))'
            s.formula(r, 4, difference, round(fv - pv, 2) + 0.0, fmt)
    ctx.name("som.plan_nettoresultat", T.OPFOELGNING, h + 1, 2)
    ctx.name("som.plan_nettoresultat_nv", T.OPFOELGNING, h + 2, 2)


def _table(ctx: BuildContext) -> None:
    """The year table: inputs, plan and forecast per year; the plan's helper columns."""
    s = ctx.sheets[T.OPFOELGNING]
    f = ctx.fmt
    lay = ctx.lay
    h = lay.opf_header
    for i, label in enumerate(T.OPF_COLS):
        s.text(h, 1 + i, label, f.header())
    for i, label in enumerate(T.OPF_HELPER_COLS):
        s.text(h, L.OPF_T + i, label, f.header())
    s.text(h - 1, L.OPF_T, T.OPF_HELPER_NOTE, f.note())
    s.ws.set_row(h, 45)
    v = ctx.v
    plan = v.plan if v.plan is not None else v.trace
    pt, ft = plan.sheet_totals(), v.trace.sheet_totals()
    cached: dict[int, Any] = {
        L.OPF_PLAN_PART: plan.starters,
        L.OPF_FC_PART: v.trace.starters,
        L.OPF_PLAN_COSTS: pt.costs_t,
        L.OPF_FC_COSTS: ft.costs_t,
        L.OPF_PLAN_GAINS: pt.gains_t,
        L.OPF_FC_GAINS: ft.gains_t,
        L.OPF_PLAN_NET: pt.net_t,
        L.OPF_FC_NET: ft.net_t,
        L.OPF_IN_H: v.trace.in_horizon,
        L.OPF_PLAN_ENDED: plan.ended,
        L.OPF_PLAN_G1: _g1_cached(plan),
        L.OPF_PLAN_DNET: pt.discounted_net_t,
        L.OPF_PLAN_CUM: pt.cumulative_discounted_net_t,
        L.OPF_PLAN_FLAG: pt.break_even_t,
    }
    looks = {L.OPF_IN_H: INT, L.OPF_PLAN_FLAG: INT}
    looks |= dict.fromkeys((L.OPF_PLAN_PART, L.OPF_FC_PART, L.OPF_PLAN_ENDED), "#,##0.##")
    for t in range(YEARS):
        r = lay.opf_first + t
        real = ctx.inp.realised.get(t)
        s.number(r, L.OPF_T, t, f(num_format=INT, font_color=C_OUT_FONT))
        s.formula(r, L.OPF_YEAR, f"=som.startaar+{_c(lay, L.OPF_T, t)}", ctx.inp.start_year + t,
                  f(num_format=YEAR, bold=True))  # fmt: skip
        for column, value in (
            (L.OPF_PART, real.participants if real else None),
            (L.OPF_SUCC, real.successes if real else None),
            (L.OPF_COSTS, real.costs if real else None),
        ):
            s.value(r, column, value, f.input(KR if column == L.OPF_COSTS else "#,##0"))
        given = t if real is not None and _any(real) else -1
        s.formula(r, L.OPF_GIVEN, f"=IF(COUNT({_c(lay, L.OPF_PART, t)}:"
                  f"{_c(lay, L.OPF_COSTS, t)})>0,{_c(lay, L.OPF_T, t)},-1)", given,
                  f(num_format=INT))  # fmt: skip
        for column, formula in _formulas(lay, t).items():
            look = looks.get(column, KR)
            s.formula(r, column, formula, float(cached[column][t]), f(num_format=look))
        _note(ctx, t, real is not None and _any(real) and real.costs is None)
    first, last = lay.opf_first, lay.opf_last
    s.field(first, L.OPF_PART, last, L.OPF_SUCC, "participants.<year>")
    s.field(first, L.OPF_COSTS, last, L.OPF_COSTS, "costs[].amount")
    ctx.name("som.real_deltagere", T.OPFOELGNING, first, L.OPF_PART, last, L.OPF_PART)
    ctx.name("som.real_succeser", T.OPFOELGNING, first, L.OPF_SUCC, last, L.OPF_SUCC)
    ctx.name("som.real_omkostninger", T.OPFOELGNING, first, L.OPF_COSTS, last, L.OPF_COSTS)
    in_h = f"${col(L.OPF_IN_H)}{first + 1}"
    s.ws.conditional_format(
        first,
        L.OPF_YEAR,
        last,
        L.OPF_NOTE,
        {
            "type": "formula",
            "criteria": f"={in_h}=0",
            "format": f(font_color=C_OUT_FONT, bg_color=C_OUT),
        },
    )


def _note(ctx: BuildContext, t: int, shown: bool) -> None:
    """Bemærk: "ikke oplyst" where the year has realised figures but no costs, live (the
    forecast keeps the plan's costs of that year, §3.19; they are no realised figure)."""
    lay = ctx.lay
    given, costs = _c(lay, L.OPF_GIVEN, t), _c(lay, L.OPF_COSTS, t)
    formula = f'=IF(AND({given}>=0,{costs}=""),{q(T.OPF_COSTS_NOT_GIVEN)},"")'
    cached = T.OPF_COSTS_NOT_GIVEN if shown else ""
    ctx.sheets[T.OPFOELGNING].formula(lay.opf_first + t, L.OPF_NOTE, formula, cached,
                                      ctx.fmt(italic=True, font_color=C_WARNING))  # fmt: skip


def _any(real: Any) -> bool:
    return any(x is not None for x in (real.participants, real.successes, real.costs))


def _formulas(lay: Layout, t: int) -> dict[int, str]:
    """Year offset t's formulas, by column."""

    def c(column: int, tt: int = t) -> str:
        return _c(lay, column, tt)

    in_h = f"{c(L.OPF_IN_H)}=1"
    beregning = {
        L.OPF_FC_COSTS: ref(T.BEREGNING, lay.calc_total("costs"), lay.year_col + t),
        L.OPF_FC_GAINS: ref(T.BEREGNING, lay.calc_total("gains"), lay.year_col + t),
    }
    disc = ref(T.BEREGNING, lay.calc_rows["disc"], lay.year_col + t)
    prev_cum = f"{c(L.OPF_PLAN_CUM, t - 1)}+" if t > 0 else ""
    started = (
        f'COUNTIF({_c(lay, L.OPF_PLAN_COSTS, 0, True)}:{c(L.OPF_PLAN_COSTS)},"<>0")'
        f'+COUNTIF({_c(lay, L.OPF_PLAN_GAINS, 0, True)}:{c(L.OPF_PLAN_GAINS)},"<>0")'
    )
    plan_part = _col(lay, L.OPF_PLAN_PART)
    # no realised figure at all: the plan is what Beregning computes (exact in every case)
    none = f"COUNT({_col(lay, L.OPF_PART)},{_col(lay, L.OPF_SUCC)},{_col(lay, L.OPF_COSTS)})=0"
    return {
        L.OPF_IN_H: f"=IF({c(L.OPF_T)}<som.horisont,1,0)",
        L.OPF_PLAN_PART: f"=IF({in_h},INDEX(som.deltagere,{c(L.OPF_T)}+1),0)",
        L.OPF_FC_PART: f'=IF({in_h},IF({c(L.OPF_PART)}="",{c(L.OPF_PLAN_PART)},{c(L.OPF_PART)}),0)',
        L.OPF_PLAN_ENDED: f"=IF({c(L.OPF_T)}+1-som.forloebsaar>=0,"
        f"INDEX({plan_part},{c(L.OPF_T)}+2-som.forloebsaar),0)",
        L.OPF_PLAN_G1: _plan_g1(lay, t),
        L.OPF_PLAN_COSTS: f"=IF({none},{beregning[L.OPF_FC_COSTS]},"
        f"IF({in_h},{_plan_costs(lay, t)},0))",
        L.OPF_FC_COSTS: f"={beregning[L.OPF_FC_COSTS]}",
        L.OPF_PLAN_GAINS: f"=IF({none},{beregning[L.OPF_FC_GAINS]},"
        f"som.succesrate_netto*{c(L.OPF_PLAN_G1)}+{_plan_gd(lay, t)})",
        L.OPF_FC_GAINS: f"={beregning[L.OPF_FC_GAINS]}",
        L.OPF_PLAN_NET: f"={c(L.OPF_PLAN_GAINS)}-{c(L.OPF_PLAN_COSTS)}",
        L.OPF_FC_NET: f"={c(L.OPF_FC_GAINS)}-{c(L.OPF_FC_COSTS)}",
        L.OPF_PLAN_DNET: f"={c(L.OPF_PLAN_NET)}*{disc}",
        L.OPF_PLAN_CUM: f"={prev_cum}{c(L.OPF_PLAN_DNET)}",
        L.OPF_PLAN_FLAG: f"=IF(AND({in_h},{started}>0,{c(L.OPF_PLAN_CUM)}>={TOL}),1,0)",
    }


def _g1_cached(plan: Any) -> Any:
    """Σ_k ended(t − k) × W(k) of the plan, as the sheet's formula computes it (W carries the
    optimism bias per citizen and year, so it equals the engine's g1 where each
    consequence keeps its sign)."""
    import numpy as np

    ended = np.asarray(plan.ended, dtype=float)
    w = np.asarray(plan.gain_per_success, dtype=float)
    out = np.zeros(len(ended))
    for t in range(len(ended)):
        for k in range(1, min(len(w), t) + 1):
            out[t] += ended[t - k] * w[k - 1]
    return out * np.asarray(plan.in_horizon, dtype=float)  # 0 after the horizon


def _plan_g1(lay: Layout, t: int) -> str:
    """The plan's gains after the course at 100 % success: Σ_k ended(t − k) × W(k), W on
    Konsekvenser (tails and drop-off included; without the optimism bias on gains)."""
    terms = [
        f"{_c(lay, L.OPF_PLAN_ENDED, t - k)}*"
        + ref(T.KONSEKVENSER, lay.cons_summary_row, lay.cons_profile_col + k - 1)
        for k in range(1, min(lay.cons_years, t) + 1)
    ]
    return f"=IF({_c(lay, L.OPF_IN_H, t)}=1,{'+'.join(terms)},0)" if terms else "=0"


def _plan_gd(lay: Layout, t: int) -> str:
    """The plan's gains during the course: Σ_l plan starters(t − l + 1) × V(l) (§3.10)."""
    return "+".join(
        f"{_c(lay, L.OPF_PLAN_PART, t - n)}*"
        + ref(T.KONSEKVENSER, lay.cons_summary_row, lay.cons_during_col + n)
        for n in range(min(N_DURING, t + 1))
    )


def _plan_costs(lay: Layout, t: int) -> str:
    """The plan's costs in year t: every cost row's amount × its factor on Beregning."""

    def factors(first: int, count: int) -> str:
        r = lay.calc_cost_first + first
        return rng(T.BEREGNING, r, L.B_FACTOR, r + count - 1, L.B_FACTOR)

    yc = lay.cost_year_col + t
    yearly = rng(T.OMKOSTNINGER, lay.ycost_first, yc, lay.ycost_rows[-1], yc)
    part = rng(T.OMKOSTNINGER, lay.pcost_first, lay.cost_amount_col, lay.pcost_rows[-1],
               lay.cost_amount_col)  # fmt: skip
    oc = lay.ov_year_col + t
    res = rng(T.OMKOSTNINGSVURDERING, lay.ov_first, oc, lay.ov_rows[-1], oc)
    n_year, n_part = N_YEAR_COSTS, N_PART_COSTS
    n = _c(lay, L.OPF_PLAN_PART, t)
    parts = (
        (yearly, factors(0, n_year), ""),
        (part, factors(n_year, n_part), f"*{n}"),
        (res, factors(n_year + n_part, N_RESOURCES), ""),
    )
    # every line x × (1 + oc × sign(x)) (§3.14), amounts ≥ 0 and the sign in the factor:
    # (1 + oc) × Σ x − 2 × oc × Σ_{x<0} x, without ABS of a range (not portable)
    plain = "+".join(f"SUMPRODUCT({a},{e}){m}" for a, e, m in parts)
    saved = "+".join(f"SUMPRODUCT(({e}<0)*{a}*{e}){m}" for a, e, m in parts)
    return f"(1+som.optimisme_omk)*({plain})-2*som.optimisme_omk*({saved})"
