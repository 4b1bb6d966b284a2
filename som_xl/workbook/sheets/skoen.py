"""*Hurtigt skøn*: the budgetøkonomisk skøn on one sheet.

One cohort in the start year, a cost per participant, the target group's knowledge-base
consequences at national prices and the workbook's settings. Its calculation block sits
on the sheet itself (below the key figures and the list of services likely affected) and
uses the time rows and discount factors of *Beregning*.

Without a success rate (none typed in, none suggested) the figures that need one show
``T.NO_SUCCESS_RATE`` instead of an error. The list of services likely affected is sorted
live, largest first, as ``som-xl skoen`` sorts them: by the size of the value the list
shows (each consequence's present value at 100 % success times the success rate), ties in
the block's order (at a rate of 0 all of them); two helper columns right of
the calculation block give each row its place (:func:`_order`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...conventions import DIRECTION_LABELS
from ...engine import BREAK_EVEN_TOLERANCE
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..layout import N_DURING, YEARS, a1, col, rng, xref
from ..style import C_KEY, C_NOTE, INT, KR, KR2, KR_KEY, PCT, TOL, YEAR, q
from ..values import SkoenValues
from . import key_figures

__all__ = ["write"]

#: The totals of the calculation block, in row order.
_TOTALS = ("g1", "gd", "costs", "gains", "net", "dnet", "cum", "flag")


def write(ctx: BuildContext) -> None:
    """Write *Hurtigt skøn*: inputs, calculation block, key figures, services affected."""
    s = ctx.sheets[T.SKOEN]
    f = ctx.fmt
    lay = ctx.lay
    s.widths(
        (0, 0, 44),
        (1, 1, 30),
        (2, 2, 22),
        (3, 3, 12),
        (4, 4, 17),  # "Beregningsrække" in bold (14 cut it off)
        (lay.year_col, lay.last_year_col, 12),
        (lay.calc_total_col, lay.calc_pv_col, 14),
    )
    s.text(0, 0, T.SKOEN_TITLE, f.title())
    s.merged(1, 0, 4, T.SKOEN_INTRO, f.wrap(), 30)
    for key, r in lay.skoen_rows.items():
        s.text(r, 0, T.SKOEN_INPUTS[key], f(bold=key != "forslag"))
    _inputs(ctx, s)
    _calc_rows(ctx, s)
    _totals(ctx, s)
    s.text(lay.skoen_key_first - 1, 0, T.SKOEN_RESULT_HEADER, f.section())
    sv = _skoen(ctx)
    res = sv.result
    values = (
        key_figures.key_values(res) if res is not None else dict.fromkeys(T.RESULT_KEYS, "#VALUE!")
    )
    tr = {key: lay.skoen_total(key) for key in _TOTALS}
    key_figures.write(
        ctx, s, lay.skoen_key, T.SKOEN, tr, tr["g1"], values, "som.skoen_", 0, keys=T.SKOEN_KEYS
    )
    _rate_guard(ctx, s, tr, values)
    _services(ctx, s)
    s.ws.freeze_panes(3, 0)


#: The key figures that need a success rate (the costs and the break-even rate do not).
_NEED_RATE = ("nettoresultat", "nettoresultat_nv", "gevinster_nv", "breakeven_aar", "bcr")
#: Without a success rate: the quick estimate's figures that need one show this.
_HAS_RATE = "ISNUMBER(som.skoen_succesrate)"


def _rate_guard(ctx: BuildContext, s: Sheet, tr: dict[str, int], values: dict[str, Any]) -> None:
    """The key figures that need a success rate, rewritten to show ``T.NO_SUCCESS_RATE``
    without one (the same formulas as :mod:`.key_figures`, inside an IF)."""
    lay = ctx.lay
    formulas = key_figures._formulas(ctx, lay.skoen_key, T.SKOEN, tr, tr["g1"], 0, None)
    f = ctx.fmt
    key_fmt: dict[str, Any] = {"bold": True, "bg_color": C_KEY, "border": 1}
    fmts = {  # as key_figures.write formats them
        "breakeven_aar": f(num_format=YEAR, align="right", **key_fmt),
        "bcr": f(num_format="0.00", align="right", **key_fmt),
    }
    has_rate = _skoen(ctx).result is not None
    for key in _NEED_RATE:
        value = values[key] if has_rate else T.NO_SUCCESS_RATE
        formula = f"=IF({_HAS_RATE},{formulas[key][1:]},{q(T.NO_SUCCESS_RATE)})"
        fmt = fmts.get(key, f(num_format=KR_KEY, **key_fmt))
        s.formula(lay.skoen_key(key), 1, formula, value, fmt)


def _skoen(ctx: BuildContext) -> SkoenValues:
    """The quick estimate's values (always computed by the builder)."""
    sv = ctx.v.skoen
    assert sv is not None
    return sv


def _inputs(ctx: BuildContext, s: Sheet) -> None:
    """Target group, participants, cost and success rate, the suggestion and the rate used."""
    f = ctx.fmt
    rows = ctx.lay.skoen_rows
    sk = ctx.inp.skoen
    c = 1
    group = ctx.bkb.group_by_label(sk.target_group)
    assert group is not None
    s.value(rows["maalgruppe"], c, sk.target_group, f.input())
    s.field_cell(rows["maalgruppe"], c, "target_group", source="=vd.mg_navn")
    m = f"MATCH({a1(rows['maalgruppe'], c, True)},vd.mg_navn,0)"
    s.formula(rows["maalgruppe"], 2, f"=INDEX(vd.mg_id,{m})", group.id, f(font_color=C_NOTE))
    s.value(rows["deltagere"], c, sk.participants, f.input(INT, align="left"))
    s.field_cell(rows["deltagere"], c, "participants.<year>", place="quick")
    s.value(rows["pris"], c, sk.cost, f.input(KR, align="left"))
    s.field_cell(rows["pris"], c, "costs[].amount", place="quick")
    s.value(rows["succesrate"], c, sk.success_rate, f.input(PCT, align="left"))
    s.field_cell(rows["succesrate"], c, "success_rate")
    s.note(rows["succesrate"], c, T.NOTES["skoen_succesrate"])
    suggestion: Any = group.success_rate if group.success_rate is not None else ""
    s.formula(
        rows["forslag"],
        c,
        f'=IF(INDEX(vd.mg_succesrate,{m})="","",INDEX(vd.mg_succesrate,{m}))',
        suggestion,
        f(num_format=PCT, align="left", italic=True),
    )
    s.formula(rows["forslag"], 2, f'=INDEX(vd.mg_indsats,{m})&""', group.effect, f.note())
    used: Any = (
        sk.success_rate
        if sk.success_rate is not None
        else (group.success_rate if group.success_rate is not None else T.NO_SUCCESS_RATE)
    )
    srate, sugg = a1(rows["succesrate"], c), a1(rows["forslag"], c)
    s.formula(
        rows["anvendt"],
        c,
        f'=IF({srate}="",IF({sugg}="",{q(T.NO_SUCCESS_RATE)},{sugg}),{srate})',
        used,
        f(num_format=PCT, align="left", bold=True, bg_color=C_KEY),
    )
    for key, name in (
        ("maalgruppe", "som.skoen_maalgruppe"),
        ("deltagere", "som.skoen_deltagere"),
        ("pris", "som.skoen_pris"),
        ("anvendt", "som.skoen_succesrate"),
    ):
        ctx.name(name, T.SKOEN, rows[key], c)


def _calc_rows(ctx: BuildContext, s: Sheet) -> None:
    """The calculation block: one row per consequence of the group, gains at 100 % success."""
    f = ctx.fmt
    lay = ctx.lay
    sv = _skoen(ctx)
    R = lay.calc_rows
    y0 = lay.year_col
    ch = lay.skoen_calc_header
    s.text(ch, 0, T.SKOEN_CALC_HEADER, f.section())
    heads = ("Ydelse", "Ydelses-id", "VD-række", "Prisrække", "Gevinst pr. enhed")
    for i, label in enumerate(heads):
        s.text(ch + 1, i, label, f.header())
    s.ws.set_row(ch + 1, 30)
    for t in range(YEARS):
        year = f"={xref(T.BEREGNING, R['year'], y0 + t)}"
        s.formula(ch + 1, y0 + t, year, ctx.inp.start_year + t, f.header(num_format=YEAR))
    s.text(ch + 1, lay.calc_total_col, T.CALC_TOTAL, f.header())
    s.text(ch + 1, lay.calc_pv_col, T.CALC_PV, f.header())
    gid = a1(lay.skoen_rows["maalgruppe"], 2, True)
    for i in range(lay.counts.max_cons):
        r = lay.skoen_calc_first + i
        sid, vdrow, prow, ug = sv.rows[i]
        label = ctx.bkb.services[prow - 1].label if prow else ""
        s.formula(r, 2, f'=IFERROR(MATCH({gid}&"|"&{i + 1},vd.k_noegle,0),0)', vdrow)
        s.formula(r, 1, f'=IF({a1(r, 2)}=0,"",INDEX(vd.k_ydelse,{a1(r, 2)}))', sid)
        s.formula(r, 3, f'=IF({a1(r, 1)}="",0,IFERROR(MATCH({a1(r, 1)},priser.id,0),0))', prow)
        s.formula(r, 0, f'=IF({a1(r, 3)}=0,"",INDEX(priser.navn,{a1(r, 3)}))', label)
        p = a1(r, 3)
        s.formula(
            r,
            4,
            f"=IF({p}=0,0,IF(INDEX(priser.retning,{p})={q(DIRECTION_LABELS['revenue'])},1,-1)"
            f"*INDEX(priser.faktor_nat,{p})"
            f"*(INDEX(priser.nat_kommune,{p})+INDEX(priser.nat_region,{p})"
            f"+INDEX(priser.nat_stat,{p})))",
            ug,
            f(num_format=KR2),
        )
        _calc_row_years(ctx, s, i)


def _calc_row_years(ctx: BuildContext, s: Sheet, i: int) -> None:
    """Year by year: participants × profile(k) × gain per unit, k years after the course."""
    lay = ctx.lay
    sv = _skoen(ctx)
    R = lay.calc_rows
    y0 = lay.year_col
    r = lay.skoen_calc_first + i
    kr = ctx.fmt(num_format=KR)
    for t in range(YEARS):
        kk = f"{xref(T.BEREGNING, R['t'], y0 + t)}+1-som.forloebsaar"
        inh = xref(T.BEREGNING, R["in_h"], y0 + t)
        vd = f"$C{r + 1}"
        n = f"INDEX(vd.k_aar,{vd})"
        tail = (  # after the profile: its tail (som-method §3.11), the quick estimate's only
            f"INDEX(vd.k_profil,{vd},{n})*IF(INDEX(vd.k_hale,{vd})={q(T.TAIL_LABELS['hold'])},1,"
            f"IF(INDEX(vd.k_hale,{vd})={q(T.TAIL_LABELS['decay'])},"
            f"(1-INDEX(vd.k_halerate,{vd}))^({kk}-{n}),0))"
        )
        formula = (  # the group's recommended consequences only (som-method §3.9)
            f"=IF(AND({inh}=1,{vd}>0,{kk}>=1),IF(INDEX(vd.k_anbefalet,{vd})={q(T.NEJ)},0,"
            f"som.skoen_deltagere*IF({kk}<={n},INDEX(vd.k_profil,{vd},{kk}),{tail})"
            f"*$E{r + 1}),0)"
        )
        s.formula(r, y0 + t, formula, float(sv.per_row[i, t]), kr)
    total = f"=SUM({rng(None, r, y0, r, lay.last_year_col, False)})"
    s.formula(r, lay.calc_total_col, total, float(sv.per_row[i].sum()), kr)
    pv = float((sv.per_row[i] * ctx.v.disc).sum())
    s.formula(r, lay.calc_pv_col, ctx.pv(r, other_sheet=True), pv, kr)


def _series(ctx: BuildContext) -> dict[str, Any]:
    """The totals' values year by year, by key."""
    v = ctx.v
    sv = _skoen(ctx)
    dnet = (sv.gains - sv.costs) * v.disc
    cum = np.cumsum(dnet)
    return {
        "g1": sv.g1,
        "gd": sv.gd,
        "costs": sv.costs,
        "gains": sv.gains,
        "net": sv.gains - sv.costs,
        "dnet": dnet,
        "cum": cum,
        "flag": np.where((v.in_h == 1) & (cum >= -BREAK_EVEN_TOLERANCE), 1.0, 0.0),
    }


def _total_formulas(ctx: BuildContext, t: int) -> dict[str, str]:
    """The formulas of the totals in year t, by key."""
    lay = ctx.lay
    R = lay.calc_rows
    y0 = lay.year_col
    tr = {key: lay.skoen_total(key) for key in _TOTALS}
    first = lay.skoen_calc_first
    last = first + lay.counts.max_cons - 1
    cc = col(y0 + t)
    d = xref(T.BEREGNING, R["disc"], y0 + t)
    inh = xref(T.BEREGNING, R["in_h"], y0 + t)
    tt = xref(T.BEREGNING, R["t"], y0 + t)
    return {
        "g1": f"=SUM({cc}{first + 1}:{cc}{last + 1})",
        "gd": _during_formula(ctx, t),
        "costs": f"=IF({tt}=0,som.skoen_deltagere*som.skoen_pris,0)",
        "gains": f"=som.skoen_succesrate*{cc}{tr['g1'] + 1}+{cc}{tr['gd'] + 1}",
        "net": f"={cc}{tr['gains'] + 1}-{cc}{tr['costs'] + 1}",
        "dnet": f"={cc}{tr['net'] + 1}*{d}",
        "cum": f"={cc}{tr['dnet'] + 1}"
        if t == 0
        else f"={col(y0 + t - 1)}{tr['cum'] + 1}+{cc}{tr['dnet'] + 1}",
        "flag": f"=IF(AND({inh}=1,{cc}{tr['cum'] + 1}>={TOL}),1,0)",
    }


def _during_formula(ctx: BuildContext, t: int) -> str:
    """Gains during the course in year t (§3.10): every participant (all start in year 0)
    × the recommended consequences' units in course year t + 1 × their gain per unit."""
    lay = ctx.lay
    if t >= N_DURING:
        return "=0"
    first = lay.skoen_calc_first
    terms = []
    for i in range(lay.counts.max_cons):
        vd, e = f"$C{first + i + 1}", f"$E{first + i + 1}"
        terms.append(
            f"IF({vd}=0,0,IF(INDEX(vd.k_anbefalet,{vd})={q(T.NEJ)},0,"
            f"INDEX(vd.k_under,{vd},{t + 1})*{e}))"
        )
    inh = xref(T.BEREGNING, lay.calc_rows["in_h"], lay.year_col + t)
    return f"=IF(AND({inh}=1,{t + 1}<=som.forloebsaar),som.skoen_deltagere*({'+'.join(terms)}),0)"


def _totals(ctx: BuildContext, s: Sheet) -> None:
    """The block's totals; without a success rate the rates' rows show #VALUE! as Excel does."""
    f = ctx.fmt
    lay = ctx.lay
    tr = {key: lay.skoen_total(key) for key in _TOTALS}
    for key, r in tr.items():
        s.text(r, 0, T.CALC_ROWS[key], f(bold=key in ("net", "cum")))
    has_rate = _skoen(ctx).resolved is not None
    series = _series(ctx)
    for t in range(YEARS):
        for key, formula in _total_formulas(ctx, t).items():
            value: Any = float(series[key][t])
            if not has_rate and key in ("gains", "net", "dnet", "cum", "flag"):
                value = "#VALUE!"
            fmt = f(num_format=INT if key == "flag" else KR, bold=key in ("net", "cum"))
            s.formula(tr[key], lay.year_col + t, formula, value, fmt)
    for key in ("g1", "gd", "costs", "gains", "net", "dnet"):
        r = tr[key]
        known = has_rate or key in ("g1", "gd", "costs")
        total: Any = float(series[key].sum()) if known else "#VALUE!"
        formula = f"=SUM({rng(None, r, lay.year_col, r, lay.last_year_col, False)})"
        s.formula(r, lay.calc_total_col, formula, total, f(num_format=KR, bold=True))
        if key != "dnet":
            pv: Any = float((series[key] * ctx.v.disc).sum()) if known else "#VALUE!"
            s.formula(
                r, lay.calc_pv_col, ctx.pv(r, other_sheet=True), pv, f(num_format=KR, bold=True)
            )


def _order(ctx: BuildContext, s: Sheet) -> list[int]:
    """Two helper columns right of the calculation block: each row's size (the value the
    list shows, |success rate × PV at 100 % success|, or |PV at 100 %| without a rate; -1
    for an empty row) and its place in the list, largest first, ties in the block's order,
    as ``som-xl skoen`` sorts (a stable sort of |discounted gains|: at a rate of 0 every
    value ties and the block's order stands). Returns the block's rows in list order
    (0-based)."""
    f = ctx.fmt
    lay = ctx.lay
    sv = _skoen(ctx)
    n = lay.counts.max_cons
    c_size, c_place = lay.last_year_col + 2, lay.last_year_col + 3
    first = lay.skoen_calc_first
    s.widths((c_size, c_place, 16))
    s.text(lay.skoen_calc_header + 1, c_size, T.SKOEN_ORDER_COLS[0], f.header())
    s.text(lay.skoen_calc_header + 1, c_place, T.SKOEN_ORDER_COLS[1], f.header())
    rate = sv.resolved.success_rate if sv.resolved is not None else 1.0
    sizes = [
        abs(rate * float((sv.per_row[i] * ctx.v.disc).sum())) if sv.rows[i][0] else -1.0
        for i in range(n)
    ]
    sizes_rng = rng(None, first, c_size, first + n - 1, c_size)
    for i in range(n):
        r = first + i
        pv = a1(r, lay.calc_pv_col)
        size = f'=IF({a1(r, 1)}="",-1,IF({_HAS_RATE},ABS(som.skoen_succesrate*{pv}),ABS({pv})))'
        s.formula(r, c_size, size, sizes[i], f(num_format=KR, font_color=C_NOTE))
        above = rng(None, first, c_size, r, c_size)
        place = (
            f"=SUMPRODUCT(({sizes_rng}>{a1(r, c_size)})*1)+SUMPRODUCT(({above}={a1(r, c_size)})*1)"
        )
        value = sum(1 for x in sizes if x > sizes[i]) + sum(
            1 for x in sizes[: i + 1] if x == sizes[i]
        )
        s.formula(r, c_place, place, value, f(num_format=INT, font_color=C_NOTE))
    return sorted(range(n), key=lambda i: (-sizes[i], i))


def _services(ctx: BuildContext, s: Sheet) -> None:
    """The services likely affected, largest first: budget item, present value and rank
    (without a success rate the values are blank)."""
    f = ctx.fmt
    lay = ctx.lay
    sv = _skoen(ctx)
    b = ctx.bkb
    n = lay.counts.max_cons
    sh = lay.skoen_services_header
    s.text(sh, 0, T.SKOEN_SERVICES_HEADER, f.section())
    for i, label in enumerate(T.SKOEN_SERVICES_COLS):
        s.text(sh + 1, i, label, f.header())
    s.text(sh + 1, 4, T.SKOEN_ORDER_COLS[2], f.header())
    order = _order(ctx, s)
    cf, cl = lay.skoen_calc_first, lay.skoen_calc_first + n - 1
    place = rng(None, cf, lay.last_year_col + 3, cl, lay.last_year_col + 3)

    def calc(c: int, idx: str) -> str:
        return f"INDEX({rng(None, cf, c, cl, c)},{idx})"

    has_rate = sv.resolved is not None
    rate = sv.resolved.success_rate if sv.resolved else float("nan")
    for k in range(n):
        r = lay.skoen_services_first + k
        i = order[k]
        sid, _, prow, _ = sv.rows[i]
        idx = a1(r, 4)
        s.formula(r, 4, f"=MATCH({k + 1},{place},0)", i + 1, f(num_format=INT, font_color=C_NOTE))
        label = b.services[prow - 1].label if prow else ""
        s.formula(r, 0, f'={calc(0, idx)}&""', label)
        item = b.services[prow - 1].budget_item if prow else ""
        s.formula(r, 1, f'=IF({calc(3, idx)}=0,"",INDEX(priser.post,{calc(3, idx)}))', item)
        pv: Any = float((sv.per_row[i] * ctx.v.disc).sum()) * rate if has_rate and sid else ""
        s.formula(
            r,
            2,
            f'=IF({a1(r, 0)}="","",IF({_HAS_RATE},'
            f'som.skoen_succesrate*{calc(lay.calc_pv_col, idx)},""))',
            pv,
            f(num_format=KR),
        )
        s.formula(
            r,
            3,
            f'=IF({a1(r, 0)}="","",{k + 1})',
            k + 1 if sid else "",
            f(num_format=INT, align="center"),
        )
