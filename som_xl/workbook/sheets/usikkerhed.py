"""*Usikkerhed*: how sure is the result (som-method.md §3.20), in the workbook.

Three parts:

1. the uncertain inputs' ranges as live input cells: a triangular distribution (low, typical,
   high) for the success rate, a multiplier of every cost and a multiplier of every gain;
   their 10 % and 90 % values are native formulas;
2. a live tornado: each input at its 10 % and 90 % value with the others central, as one-way
   recalculations of the calculation's present values (every input enters the net result
   linearly: ``net(s) = NV + (s − s₀) × PV(g1)``, ``net(c) = PV(gains) − c × PV(costs)``,
   ``net(g) = g × PV(gains) − PV(costs)``), and each input's switching value;
3. the Monte Carlo table and chart, computed by Python when the workbook is built (the
   engine, :func:`som_xl.results.uncertainty.analyse`), stamped with its seed, draws and
   the inputs it was computed from; a formula compares the live inputs with the stamp and
   says plainly when the table is stale.

The sheet is written last (its strings come after every other sheet's) and is placed after
*Resultat* in the tab order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from xlsxwriter.utility import xl_rowcol_to_cell

from ...inputs.uncertainty import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    RULE_FACTORS,
    STANDARD_FACTORS,
    UncertaintySpec,
)
from ...present import da
from ...results.uncertainty import QUANTILES, UncertaintyResult, analyse
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..layout import a1, ref
from ..style import C_WARNING, KR, PCT, q

__all__ = [
    "SHEET",
    "STATUS_CELL",
    "absolute",
    "default_ranges",
    "monte_carlo",
    "net_at",
    "write",
]

#: The sheet's name.
SHEET = "Usikkerhed"
#: Rows and columns (0-based).
R_TITLE, R_INTRO = 0, 1
R_IN_HEAD = 4  # the inputs' header row; the inputs follow
INPUTS = ("success_rate", "costs", "consequences")
LABELS = {
    "success_rate": "Succesrate",
    "costs": "Omkostninger (faktor)",
    "consequences": "Gevinster (faktor)",
}
FACTOR_LABEL = "Succesrate (faktor på succesraten)"
R_FACTOR = R_IN_HEAD + 1  # the success rate's factors (yellow); its rates on the next row
ROWS = {"success_rate": R_IN_HEAD + 2, "costs": R_IN_HEAD + 3, "consequences": R_IN_HEAD + 4}
R_CHECK = R_IN_HEAD + 5
R_TOR_HEAD = R_CHECK + 3
R_MC_HEAD = R_TOR_HEAD + len(INPUTS) + 5
#: The status cell: it compares the live inputs with the Monte Carlo table's stamp, so a
#: changed copy of the workbook differs here from a rebuilt one on purpose (tests skip it).
R_STATUS = R_MC_HEAD + 4 + len(INPUTS)
STATUS_CELL = (SHEET, xl_rowcol_to_cell(R_STATUS, 1))
N_BINS = 20
C_LOW, C_MODE, C_HIGH, C_Q10, C_Q90 = 1, 2, 3, 4, 5

INTRO = (
    "Hvor sikkert er resultatet? De gule celler er intervaller (trekantsfordeling: lav, "
    "typisk, høj) for succesraten og for faktorer på alle omkostninger og alle gevinster. "
    "Tornadoen regner live: hvert input ved sin 10 %- og 90 %-værdi med de andre centrale. "
    "Monte Carlo-tabellen er beregnet af som-xl, da projektmappen blev bygget, og er "
    "stemplet med de input, den bygger på."
)
DEFAULTS_NOTE = (
    "Standardintervallerne er illustrative: succesraten efter projektets regel (faktor 0 til "
    "2 på succesraten: fra ingen nettoeffekt til den dobbelte, højst 100 %), omkostningerne "
    "som eksemplet i metodebeskrivelsen (faktor 0,9-1,3), gevinsterne efter projektets regel "
    "(faktor 0,8-1,2). Erstat dem med jeres egne vurderinger."
)
FRESH = "Monte Carlo-tabellen passer til de nuværende input."
STALE = (
    "Tabellen er forældet: input er ændret, siden den blev beregnet. Gem projektmappen, og "
    "kør som-xl read FIL.xlsx --usikkerhed (eller som-xl rapport): den regner med de "
    "nuværende input. (som-xl build laver en ny projektmappe uden jeres tal.)"
)


def default_ranges() -> dict[str, tuple[float, float, float]]:
    """The sheet's default (low, typical, high) per input, as the yellow cells hold them.

    Returns
    -------
    dict
        The standard of ``som-xl usikkerhed --standard`` (one definition,
        :data:`~som_xl.inputs.uncertainty.RULE_FACTORS` and
        :data:`~som_xl.inputs.uncertainty.STANDARD_FACTORS`): the success rate as factors on
        the scenario's success rate by the project's stated rule (0, 1, 2: from no net effect
        to twice the rate, at most 1); costs 0.9, 1, 1.3 (som-method.md §3.20's example);
        gains 0.8, 1, 1.2 (the project's rule). Where the effect has a confidence interval,
        the command line draws the success rate from it instead (a normal distribution the
        sheet's triangular cells cannot hold).

    Examples
    --------
    >>> default_ranges()["success_rate"]
    (0.0, 1.0, 2.0)
    """
    return {"success_rate": RULE_FACTORS, **STANDARD_FACTORS}


def absolute(
    ranges: Mapping[str, tuple[float, float, float]], success_rate: float
) -> dict[str, tuple[float, float, float]]:
    """The ranges with the success rate's factors applied to the success rate (at most 1).

    Examples
    --------
    >>> absolute(default_ranges(), 0.3)["success_rate"]
    (0.0, 0.3, 0.6)
    """
    out = dict(ranges)
    a, m, h = ranges["success_rate"]
    out["success_rate"] = tuple(min(1.0, x * success_rate) for x in (a, m, h))  # type: ignore[assignment]
    return out


def _spec(ranges: Mapping[str, tuple[float, float, float]]) -> UncertaintySpec:
    return UncertaintySpec.model_validate(
        {
            "draws": DEFAULT_DRAWS,
            "seed": DEFAULT_SEED,
            **{
                k: {"dist": "triangular", "low": a, "mode": b, "high": c}
                for k, (a, b, c) in ranges.items()
            },
        }
    )


def monte_carlo(
    ctx: BuildContext,
) -> tuple[dict[str, tuple[float, float, float]], UncertaintyResult]:
    """The default ranges (as the cells hold them) and the analysis of the workbook's scenario.

    Parameters
    ----------
    ctx : BuildContext
        The build context (its resolved scenario).

    Returns
    -------
    (dict, UncertaintyResult)
    """
    ranges = default_ranges()
    return ranges, analyse(ctx.v.resolved, _spec(absolute(ranges, ctx.v.resolved.success_rate)))


def _q(p: float, low: str, mode: str, high: str) -> str:
    """The p-quantile of a triangular distribution as a native formula (x^0.5: the tests'
    formula engine has no SQRT)."""
    return (
        f"=IF({high}={low},{low},IF({p}<=({mode}-{low})/({high}-{low}),"
        f"{low}+({p}*({high}-{low})*({mode}-{low}))^0.5,"
        f"{high}-({1 - p:.1f}*({high}-{low})*({high}-{mode}))^0.5))"
    )


def net_at(net: str, delta: str, g1: str) -> str:
    """A net result at another success rate, as a native formula: ``net + Δs × PV(g1)``.

    After-course gains are linear in the success rate and nothing else depends on it
    (som-method §3.8; the optimism bias of §3.14 keeps each flow's sign for s ≥ 0), so the
    net result at ``s`` is the net at the rate the calculation uses plus ``(s − s₀)`` times
    the present value of the gains at s = 1. The tornado and the sheet *Varianter* use it,
    for the total and for a purse's or committee's part (with that group's PV(g1)).

    Examples
    --------
    >>> net_at("som.nettoresultat_nv", "(B5-som.prognose_succesrate)", "Beregning!$G$13")
    'som.nettoresultat_nv+(B5-som.prognose_succesrate)*Beregning!$G$13'
    """
    return f"{net}+{delta}*{g1}"


def write(ctx: BuildContext) -> None:
    """Write *Usikkerhed*: input ranges, live tornado, stamped Monte Carlo table and chart."""
    s = Sheet(ctx.wb, ctx.fmt, SHEET)
    ctx.sheets[SHEET] = s
    ctx.place_after(s, T.RESULTAT)
    f = ctx.fmt
    ranges, mc = monte_carlo(ctx)
    s.widths((0, 0, 34), (1, 9, 15))
    s.text(R_TITLE, 0, "Usikkerhed: hvor sikkert er resultatet?", f.title())
    s.merged(R_INTRO, 0, 9, INTRO, f.wrap(), 48)
    s.merged(R_INTRO + 1, 0, 9, DEFAULTS_NOTE, f.note(text_wrap=True), 30)

    # 1. inputs
    s.text(R_IN_HEAD - 1, 0, "1. Usikre input (trekantsfordeling)", f.section())
    for c, h in enumerate(("Input", "Lav", "Typisk", "Høj", "10 %-værdi", "90 %-værdi")):
        s.text(R_IN_HEAD, c, h, f.header())
    cells: dict[str, tuple[str, str, str, str, str]] = {}
    yellow: list[str] = []
    rows_mc = {t.input: t for t in mc.tornado}
    for key in INPUTS:
        r = ROWS[key]
        fmt_out = f(num_format=PCT if key == "success_rate" else "0.00")
        r_in = R_FACTOR if key == "success_rate" else r
        s.text(r_in, 0, FACTOR_LABEL if key == "success_rate" else LABELS[key])
        for c, v in zip((C_LOW, C_MODE, C_HIGH), ranges[key], strict=True):
            s.number(r_in, c, v, f.input("0.00"))
            yellow.append(a1(r_in, c, True))
        _validation(s, r_in, key)
        if key == "success_rate":  # the factors times the scenario's success rate, at most 1
            s.text(r, 0, LABELS[key])
            for c, v in zip((C_LOW, C_MODE, C_HIGH), absolute(ranges, _s0(ctx))[key], strict=True):
                x = f"{a1(r_in, c, True)}*som.succesrate_netto"
                s.formula(r, c, f"=IF({x}>1,1,{x})", v, fmt_out)
        low, mode, high = (a1(r, c, True) for c in (C_LOW, C_MODE, C_HIGH))
        row = rows_mc[key]
        s.formula(r, C_Q10, _q(0.1, low, mode, high), row.low, fmt_out)
        s.formula(r, C_Q90, _q(0.9, low, mode, high), row.high, fmt_out)
        cells[key] = (low, mode, high, a1(r, C_Q10, True), a1(r, C_Q90, True))
    order = ",".join(
        f"AND({cells[k][0]}<={cells[k][1]},{cells[k][1]}<={cells[k][2]})" for k in INPUTS
    )
    s.formula(
        R_CHECK,
        0,
        f'=IF(AND({order}),"","Fejl: lav ≤ typisk ≤ høj skal gælde i hver række.")',
        "",
        f(font_color=C_WARNING, bold=True),
    )

    # 2. tornado (live)
    _tornado(ctx, s, cells, mc)
    # 3. Monte Carlo (stamped)
    _monte_carlo_table(ctx, s, yellow, ranges, mc)


def _s0(ctx: BuildContext) -> float:
    return float(ctx.v.resolved.success_rate)


def _validation(s: Sheet, r: int, key: str) -> None:
    """The yellow cells of one input: numbers 0-100, with a Danish help text."""
    label = FACTOR_LABEL if key == "success_rate" else LABELS[key]
    s.ws.data_validation(
        r,
        C_LOW,
        r,
        C_HIGH,
        {
            "validate": "decimal",
            "criteria": "between",
            "minimum": 0,
            "maximum": 100,
            "input_title": label[:32],
            "input_message": "Lav ≤ typisk ≤ høj; en faktor ≥ 0 (1 = uændret)."
            + (" Ganges på succesraten (højst 1)." if key == "success_rate" else ""),
            "error_title": label[:32],
            "error_message": "Skal være et tal mellem 0 og 100.",
        },
    )


def _tornado(
    ctx: BuildContext, s: Sheet, cells: Mapping[str, tuple[str, ...]], mc: UncertaintyResult
) -> None:
    f = ctx.fmt
    lay = ctx.lay
    nv, costs, gains = "som.nettoresultat_nv", "som.omkostninger_nv", "som.gevinster_nv"
    s0 = "som.prognose_succesrate"  # the rate Beregning uses (the observed one, §3.19)
    g1 = ref(T.BEREGNING, lay.calc_rows["g1"], lay.calc_pv_col)
    s.text(R_TOR_HEAD - 1, 0, "2. Tornado (regner live)", f.section())
    heads = ("Input", "Lav", "Høj", "Netto ved lav", "Netto ved høj", "Udsving", "Skifteværdi")
    for c, h in enumerate(heads):
        s.text(R_TOR_HEAD, c, h, f.header())
    net = {
        "success_rate": lambda x: net_at(nv, f"({x}-{s0})", g1),
        "costs": lambda x: f"{gains}-{x}*{costs}",
        "consequences": lambda x: f"{x}*{gains}-{costs}",
    }
    switch = {
        "success_rate": (
            f'=IF({g1}=0,"ingen",IF(AND({s0}-{nv}/{g1}>=0,{s0}-{nv}/{g1}<=1),'
            f'{s0}-{nv}/{g1},"ingen"))'
        ),
        "costs": f'=IF({costs}=0,"ingen",IF({gains}/{costs}>=0,{gains}/{costs},"ingen"))',
        "consequences": f'=IF({gains}=0,"ingen",IF({costs}/{gains}>=0,{costs}/{gains},"ingen"))',
    }
    rows = {t.input: t for t in mc.tornado}
    for i, key in enumerate(INPUTS):
        r = R_TOR_HEAD + 1 + i
        t = rows[key]
        pct = key == "success_rate"
        fmt_x = f(num_format=PCT if pct else "0.00")
        low, high = cells[key][3], cells[key][4]
        s.text(r, 0, LABELS[key])
        s.formula(r, 1, f"={low}", t.low, fmt_x)
        s.formula(r, 2, f"={high}", t.high, fmt_x)
        s.formula(r, 3, "=" + net[key](a1(r, 1)), t.net_low, f(num_format=KR))
        s.formula(r, 4, "=" + net[key](a1(r, 2)), t.net_high, f(num_format=KR))
        s.formula(r, 5, f"=ABS({a1(r, 4)}-{a1(r, 3)})", t.swing, f(num_format=KR))
        sv: Any = t.switching_value if t.switching_value is not None else "ingen"
        s.formula(r, 6, switch[key], sv, f(num_format=PCT if pct else "0.00", align="right"))
    s.merged(
        R_TOR_HEAD + 1 + len(INPUTS),
        0,
        9,
        "Skifteværdien er den værdi af inputtet, hvor nettoresultatet (nutidsværdi) er 0; "
        "'ingen' hvor ingen tilladt værdi giver 0. Succesratens skifteværdi er "
        "break-even-succesraten.",
        f.note(text_wrap=True),
        30,
    )


def _monte_carlo_table(
    ctx: BuildContext,
    s: Sheet,
    yellow: list[str],
    ranges: dict[str, tuple[float, float, float]],
    mc: UncertaintyResult,
) -> None:
    f = ctx.fmt
    r0 = R_MC_HEAD
    s.text(r0 - 1, 0, "3. Monte Carlo (beregnet, da projektmappen blev bygget)", f.section())
    # the stamp: draws, seed, and the inputs the table was computed from
    s.text(r0, 0, "Trækninger")
    s.number(r0, 1, mc.draws, f(num_format="#,##0"))
    s.text(r0 + 1, 0, da.cap(da.SEED))
    s.number(r0 + 1, 1, mc.seed)
    s.text(r0 + 2, 0, "Beregnet med")
    s.text(r0 + 2, 1, "Lav", f.header())
    s.text(r0 + 2, 2, "Typisk", f.header())
    s.text(r0 + 2, 3, "Høj", f.header())
    checks = []
    for i, key in enumerate(INPUTS):
        r = r0 + 3 + i
        s.text(r, 0, FACTOR_LABEL if key == "success_rate" else LABELS[key])
        for c, v in enumerate(ranges[key]):
            s.number(r, 1 + c, v, f(num_format="0.00"))
            checks.append(f"{yellow[3 * i + c]}={a1(r, 1 + c, True)}")
    r = r0 + 3 + len(INPUTS)
    s.text(r, 0, "Nettoresultat (nutidsværdi), centralt")
    s.number(r, 1, mc.central, f(num_format=KR))
    stamp_nv = a1(r, 1, True)
    checks.append(
        f"ABS(som.nettoresultat_nv-{stamp_nv})<=0.000001*IF(ABS({stamp_nv})>1,ABS({stamp_nv}),1)"
    )
    r += 1
    assert r == R_STATUS
    s.text(r, 0, "Status")
    s.formula(
        r,
        1,
        f"=IF(AND({','.join(checks)}),{q(FRESH)},{q(STALE)})",
        FRESH,
        f(bold=True),
    )
    # stale: in red (a fresh table's status stays black)
    s.ws.conditional_format(
        r,
        1,
        r,
        1,
        {
            "type": "text",
            "criteria": "containing",
            "value": "forældet",
            "format": f(bold=True, font_color=C_WARNING),
        },
    )
    # the table: P(net > 0), mean and quantiles, in total and per purse (whole kroner: the
    # last digits of a sum of 10,000 draws depend on the order of the additions)
    r += 2
    heads = ["", "P(netto > 0)", "Middelværdi", *(f"{p} %-fraktil" for p in QUANTILES)]
    for c, h in enumerate(heads):
        s.text(r, c, h, f.header())
    groups = [(da.TOTAL, mc.total)]
    groups += [(da.PURSE_LABELS.get(p, p), v) for p, v in mc.by_purse.items()]
    for i, (label, summary) in enumerate(groups):
        rr = r + 1 + i
        s.text(rr, 0, label)
        s.number(rr, 1, summary.p_net_positive, f(num_format=PCT))
        s.number(rr, 2, round(summary.mean), f(num_format=KR))
        for c, p in enumerate(QUANTILES):
            s.number(rr, 3 + c, round(summary.quantiles[str(p)]), f(num_format=KR))
    # the distribution: N_BINS bins and a column chart
    r += len(groups) + 2
    for c, h in enumerate(("Fra (kr.)", "Til (kr.)", "Andel")):
        s.text(r, c, h, f.header())
    counts, edges = np.histogram(mc.net, bins=N_BINS)
    for i in range(N_BINS):
        rr = r + 1 + i
        s.number(rr, 0, round(float(edges[i])), f(num_format=KR))
        s.number(rr, 1, round(float(edges[i + 1])), f(num_format=KR))
        s.number(rr, 2, float(counts[i]) / mc.draws, f(num_format=PCT))
    chart = ctx.wb.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": "Andel af trækningerne",
            "categories": [SHEET, r + 1, 0, r + N_BINS, 0],
            "values": [SHEET, r + 1, 2, r + N_BINS, 2],
            "gap": 5,
        }
    )
    chart.set_title(
        {"name": "Nettoresultat (nutidsværdi) i trækningerne", "name_font": {"size": 12}}
    )
    chart.set_x_axis({"num_format": "#,##0", "num_font": {"size": 8, "rotation": -45}})
    chart.set_y_axis({"num_format": "0%"})
    chart.set_legend({"none": True})
    chart.set_size({"width": 620, "height": 320})
    s.ws.insert_chart(r, 4, chart, {"x_offset": 10, "y_offset": 4})
    s.ws.set_h_pagebreaks([r])  # printed: the distribution and its chart on a page of their own
