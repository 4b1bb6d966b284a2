"""*Varianter*: up to three named variants of the workbook's scenario beside it, live.

Each variant overrides the net success rate (the key most variants change: lav / central /
høj). The sheet shows, beside the base case, what ``som-xl sammenlign`` prints for a
scenario file with ``variants: {navn: {success_rate: x}}``: the discounted net result, costs
and gains, the net per purse and per committee, the break-even year and break-even success
rate, and each figure's difference from the base.

The mechanism is the tornado's on *Usikkerhed* (:func:`.usikkerhed.net_at`): after-course
gains are linear in the success rate ``s`` and nothing else depends on it, so
``net(s) = NV + (s − s₀) × PV(g1)``, with g1 (*Beregning*) the after-course gains at s = 1
and ``s₀`` the rate the calculation uses. The optimism bias on gains (som-method §3.14) is
sign-dependent per consequence, year and purse; for s ≥ 0 the sign of each flow is the sign
of its value at s = 1, so the biased flows scale with s too and g1 carries the bias already.
Per purse and per committee the same holds for that group's part of g1: hidden helper rows
split PV(g1) by consequence block (``f × Σ D·U − og × |f| × Σ D·|U|`` with U the block's
units at full success, f its gain per unit for the purse and D the discount factor), which
adds up to *Beregning*'s PV(g1). Realised years (§3.19): where an observed success rate
exists it replaces the rate for every cohort, in the engine as here, so a variant's rate
then changes nothing (the sheet says so).

Limit: the break-even year is counted from the first year with a cost (any purse) or a
non-zero total gain at the variant's rate; the engine counts from the first non-zero cell
of any purse and budget item. They differ only where gains of different purses cancel to 0
in a year before any cost.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from ...conventions import NO_COMMITTEE, PURSE_LABELS
from ...present import da
from .. import calc_rows
from .. import calc_spec as C
from .. import layout as L
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..layout import N_COMMITTEES, N_VARIANTS, VAR_FIRST, VAR_NAME, VAR_RATE, YEARS, a1, col, ref
from ..model import Inputs
from ..style import C_WARNING, KR, PCT, TOL, q
from .usikkerhed import SHEET as USIKKERHED
from .usikkerhed import net_at

__all__ = [
    "BASE_NAME",
    "FLAG_COL",
    "ROWS",
    "R_CMP_HEAD",
    "SHEET",
    "file_variants",
    "value_col",
    "write",
]

SHEET = T.VARIANTER
#: The base case's label where the scenario has no name (as the workbook's scenario).
BASE_NAME = T.SCENARIO_DEFAULT_NAME
R_TITLE, R_INTRO, R_NOTE = 0, 1, 2
R_IN_HEAD = VAR_FIRST - 1
C_APPLIED, C_MESSAGE = 3, 4
#: The hidden column of the rows' problem flags (1 = a problem), read by Kontrol.
FLAG_COL = 10
R_CHECK = VAR_FIRST + N_VARIANTS
R_CMP_HEAD = R_CHECK + 3
#: The comparison's rows (key, label) below its header; committees are filled in per slot.
ROWS: tuple[str, ...] = (
    "rate",
    "net",
    "costs",
    "gains",
    *(f"purse.{p}" for p in PURSE_LABELS),
    *(f"com.{c}" for c in range(N_COMMITTEES)),
    "com.none",
    "year",
    "be_rate",
)
LABELS = {
    "rate": "Anvendt netto-succesrate",
    "net": "Nettoresultat (nutidsværdi)",
    "costs": "Omkostninger (nutidsværdi)",
    "gains": "Gevinster (nutidsværdi)",
    "year": da.KEY_FIGURES["break_even_year"],
    "be_rate": da.KEY_FIGURES["break_even_success_rate"],
}
R_HELP = R_CMP_HEAD + len(ROWS) + 5

INTRO = (
    "Sammenlign op til tre varianter af scenariet med basis (scenariet som det står i "
    "projektmappen). Skriv et navn (fx lav, central, høj) og variantens netto-succesrate "
    "(0-1, fx 0,25 for 25 %) i de gule celler; resten af scenariet er det samme. Tabellen "
    "regner live og viser det samme som 'som-xl sammenlign' på scenariefilen fra "
    "'som-xl read --scenario-out'. En tom række er ingen variant."
)
NOTE = (
    "Gevinsterne efter forløbet følger succesraten lineært (som tornadoen på arket "
    "Usikkerhed); omkostningerne og gevinsterne under forløbet gør ikke. Er der realiserede "
    "år med en observeret succesrate (arket Opfølgning), bruger beregningen den for alle "
    "hold, og en variants succesrate ændrer da intet."
)
MSG_NAME, MSG_RATE = T.VAR_MSG_NAME, T.VAR_MSG_RATE
MSG_TWICE, MSG_BASE = T.VAR_MSG_TWICE, T.VAR_MSG_BASE
CHECK_WHAT = "Varianter: navn og netto-succesrate"
CHECK_MSG = (
    "en variant skal have et navn og en netto-succesrate mellem 0 og 1; hvert navn én gang "
    "og ikke scenariets eget navn"
)


#: The longest name a row takes (the name cell's validation).
MAX_NAME = 60
#: The note on a scenario file's variant the sheet cannot hold.
NOTE_ONLY_IN_FILE = (
    "Varianten '{name}' {why}; den er ikke skrevet i arket Varianter og findes kun i "
    "scenariefilen (sammenlign med 'som-xl sammenlign FIL')."
)


def file_variants(inp: Inputs, variants: Mapping[str, Any] | None) -> Inputs:
    """The inputs with a scenario file's ``variants:`` in the sheet's rows, where they fit.

    The sheet holds a name and a net success rate: a variant that changes only
    ``success_rate`` (a number 0-1) fills the next free row, up to :data:`N_VARIANTS`.
    Every other variant gets a Danish note (``variant_notes``, shown on the sheet): it
    stays in the file and in ``som-xl sammenlign``.

    Parameters
    ----------
    inp : Inputs
        The workbook's inputs (its base scenario).
    variants : mapping, optional
        ``{name: {key: value}}`` as in a scenario file.

    Returns
    -------
    Inputs
        ``inp`` with ``variants`` and ``variant_notes`` set.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> base = SimpleNamespace(name="Basis")
    >>> rows, notes = _sort_out(base, {"lav": {"success_rate": 0.1},
    ...                                "dyr": {"success_rate": 0.2, "horizon_years": 5}})
    >>> rows
    [('lav', 0.1)]
    >>> notes[0].startswith("Varianten 'dyr' ændrer også horizon_years; den er ikke skrevet")
    True
    """
    rows, notes = _sort_out(inp, variants or {})
    return dataclasses.replace(inp, variants=rows, variant_notes=notes)


def _sort_out(inp: Any, variants: Mapping[str, Any]) -> tuple[list[tuple[str, float]], list[str]]:
    rows: list[tuple[str, float]] = []
    notes: list[str] = []
    taken = {str(inp.name).strip().casefold()}
    for name, overrides in variants.items():
        name = str(name).strip()
        keys = sorted(str(k) for k in overrides) if isinstance(overrides, Mapping) else []
        given = overrides.get("success_rate") if isinstance(overrides, Mapping) else None
        number = isinstance(given, int | float) and not isinstance(given, bool)
        rate = float(given) if number and given is not None else math.nan
        why = None
        if [k for k in keys if k != "success_rate"]:
            others = ", ".join(k for k in keys if k != "success_rate")
            why = f"ændrer {'også ' if 'success_rate' in keys else ''}{others}"
        elif not 0 <= rate <= 1:  # NaN too
            why = "har ikke en netto-succesrate mellem 0 og 1 (success_rate)"
        elif len(name) > MAX_NAME or name.casefold() in taken:
            why = (
                f"har et navn, som arket ikke kan tage (højst {MAX_NAME} tegn, hvert navn én gang)"
            )
        elif len(rows) == N_VARIANTS:
            why = f"er nummer {len(rows) + 1}, og arket har plads til {N_VARIANTS}"
        if why is not None:
            notes.append(NOTE_ONLY_IN_FILE.format(name=name, why=why))
            continue
        taken.add(name.casefold())
        rows.append((name, rate))
    return rows, notes


def value_col(v: int) -> int:
    """Variant v's value column in the comparison (its difference from the base is next)."""
    return 2 + 2 * v


def write(ctx: BuildContext) -> None:
    """Write *Varianter*: the variant rows, the live comparison and its hidden helper rows."""
    s = Sheet(ctx.wb, ctx.fmt, SHEET)
    ctx.sheets[SHEET] = s
    ctx.place_after(s, USIKKERHED)
    f = ctx.fmt
    s.widths((0, 0, 34), (1, 1, 18), (2, 2, 15), (3, 3, 18), (4, 9, 15))
    s.text(R_TITLE, 0, "Varianter: sammenlign scenariet med navngivne varianter", f.title())
    s.ws.set_row(R_TITLE, 24)
    s.merged(R_INTRO, 0, 9, INTRO, f.wrap(), 48)
    s.merged(R_NOTE, 0, 9, NOTE, f.note(text_wrap=True), 32)
    cases = _cases(ctx)
    _inputs(ctx, s, cases)
    helper = _helpers(ctx, s)
    _comparison(ctx, s, helper, cases)
    s.ws.print_area(0, 0, R_CMP_HEAD + len(ROWS) + 2, 9)


def _cases(ctx: BuildContext) -> list[Any]:
    """The filled rows as ``som-xl sammenlign`` calculates them (the cells' cached values):
    the workbook's scenario with ``variants: {navn: {success_rate: x}}``, as read back."""
    if not ctx.inp.variants:
        return []
    from ...results.compare import cases_from_data, compare

    data = {
        **ctx.v.resolved.to_scenario(),
        "variants": {name: {"success_rate": rate} for name, rate in ctx.inp.variants},
    }
    return list(compare(cases_from_data(data, SHEET), None).cases[1:])


def _base_label() -> str:
    return f'IF(som.navn="",{q(BASE_NAME)},som.navn)'


def _inputs(ctx: BuildContext, s: Sheet, cases: list[Any]) -> None:
    """The yellow rows (name, net success rate), each row's problem and its hidden flag."""
    f = ctx.fmt
    s.text(R_IN_HEAD - 1, 0, "1. Varianter (gule celler)", f.section())
    heads = ("Variant", "Navn", "Netto-succesrate", "Anvendt succesrate", "Fejl")
    for c, h in enumerate(heads):
        s.text(R_IN_HEAD, c, h, f.header())
    last = VAR_FIRST + N_VARIANTS - 1
    names = L.rng(None, VAR_FIRST, VAR_NAME, last, VAR_NAME)
    for v in range(N_VARIANTS):
        r = VAR_FIRST + v
        name, rate = a1(r, VAR_NAME), a1(r, VAR_RATE)
        s.text(r, 0, f"Variant {v + 1}")
        filled = v < len(ctx.inp.variants)
        if filled:
            s.text(r, VAR_NAME, ctx.inp.variants[v][0], f.input())
            s.number(r, VAR_RATE, ctx.inp.variants[v][1], f.input(PCT))
        else:
            s.text(r, VAR_NAME, "", f.input())
            s.text(r, VAR_RATE, "", f.input(PCT))
        empty = f'AND({name}="",{rate}="")'
        rate_ok = f"AND(ISNUMBER({rate}),{rate}>=0,{rate}<=1)"
        once = f"SUMPRODUCT(({names}={name})*1)=1"  # text = is case-blind
        not_base = f"{name}<>{_base_label()}"
        message = (
            f'IF({empty},"",IF({name}="",{q(MSG_NAME)},IF({rate_ok},IF({once},'
            f'IF({not_base},"",{q(MSG_BASE)}),{q(MSG_TWICE)}),{q(MSG_RATE)})))'
        )
        s.wide(r, C_MESSAGE, 9, "", f(font_color=C_WARNING, bold=True), f"=IFERROR({message},)")
        flag = a1(r, FLAG_COL)
        s.formula(r, FLAG_COL, f'=IF({a1(r, C_MESSAGE)}="",0,1)', 0, f(num_format="0"))
        applied = (
            f'=IF(OR({empty},{flag}<>0),"",IF(ISNUMBER(som.observeret_succesrate),'
            f"som.prognose_succesrate,{rate}))"
        )
        rate_used = cases[v].result.resolved.forecast_success_rate if filled else ""
        s.formula(r, C_APPLIED, applied, rate_used, f(num_format=PCT))
    s.ws.data_validation(
        VAR_FIRST,
        VAR_RATE,
        last,
        VAR_RATE,
        {
            "validate": "decimal",
            "criteria": "between",
            "minimum": 0,
            "maximum": 1,
            "input_title": "Netto-succesrate",
            "input_message": "Variantens netto-succesrate, 0-1 (fx 0,25 for 25 %). Erstatter "
            "scenariets succesrate; resten er det samme.",
            "error_title": "Netto-succesrate",
            "error_message": "Skal være et tal mellem 0 og 1 (fx 0,25 for 25 %).",
        },
    )
    s.ws.data_validation(
        VAR_FIRST,
        VAR_NAME,
        last,
        VAR_NAME,
        {
            "validate": "length",
            "criteria": "between",
            "minimum": 0,
            "maximum": 60,
            "input_title": "Variantens navn",
            "input_message": "Fx lav, central eller høj. Hvert navn én gang, ikke scenariets "
            "eget navn. Tom række = ingen variant.",
        },
    )
    flags = L.rng(None, VAR_FIRST, FLAG_COL, last, FLAG_COL)
    s.formula(
        R_CHECK,
        0,
        f'=IF(SUM({flags})=0,"","Fejl: ret de røde rækker ovenfor (se også arket Kontrol).")',
        "",
        f(font_color=C_WARNING, bold=True),
    )
    if ctx.inp.variant_notes:  # a scenario file's variants the rows cannot hold
        text = " ".join(ctx.inp.variant_notes)
        s.merged(
            R_CHECK + 1,
            0,
            9,
            text,
            f(italic=True, text_wrap=True, valign="top", font_color=C_WARNING),
            15 * (1 + len(text) // 150),
        )
    s.ws.set_column(FLAG_COL, FLAG_COL, 6, None, {"hidden": True})


def _delta(v: int) -> str:
    """Variant v's applied rate minus the rate the calculation uses (Δs)."""
    return f"({a1(VAR_FIRST + v, C_APPLIED, True)}-som.prognose_succesrate)"


def _active(v: int) -> str:
    return f'{a1(VAR_FIRST + v, C_APPLIED, True)}<>""'


class _Helper:
    """Where the hidden helper rows put PV(g1) per purse and committee, and the years."""

    def __init__(self) -> None:
        self.g1_purse: list[str] = []
        self.g1_com: list[str] = []
        self.year: list[str] = []
        self.values: dict[str, Any] = {}


def _helpers(ctx: BuildContext, s: Sheet) -> _Helper:
    """Hidden rows: PV(g1) by block and purse, by purse and committee; per variant the
    cumulative discounted net by year at its rate and its break-even flags."""
    lay, v = ctx.lay, ctx.v
    out = _Helper()
    src = C.Source.of(v.trace, ctx.inp, ctx.bkb, lay)
    cells = {c.key: c for c in calc_rows.spec(lay, [b[1] for b in ctx.bkb.budget_items]).cells}
    disc = np.asarray(v.disc, dtype=float)
    y0, yl = lay.year_col, lay.last_year_col
    d_rng = L.rng(T.BEREGNING, lay.calc_rows["disc"], y0, lay.calc_rows["disc"], yl)
    k1, k2 = lay.calc_kitem("costs", 0), lay.calc_kitem("gains", lay.counts.budget_items - 1)
    kitem_items = L.rng(T.BEREGNING, k1, L.B_ITEM, k2, L.B_ITEM)
    kitem_coms = L.rng(T.BEREGNING, k1, L.B_FACTOR, k2, L.B_FACTOR)
    r0 = R_HELP
    s.text(r0, 0, "Hjælperækker (skjulte): PV af gevinst ved 100 % succes pr. blok")
    for c, h in enumerate(("Blok", "Σ D·U", "Σ D·|U|", "f kommune", "f region", "f stat",
                           "Udvalg", "PV g1 kommune", "PV g1 region", "PV g1 stat")):  # fmt: skip
        s.text(r0 + 1, c, h)
    first = r0 + 2
    n = lay.cons_blocks
    pv = np.zeros((n, 3))
    coms: list[str] = []
    for i in range(n):
        r = first + i
        u_row = lay.calc_block_row(i)
        u = L.rng(T.BEREGNING, u_row, y0, u_row, yl)
        units = np.asarray(C.Units(i)(src), dtype=float)
        pu, pa = float(units @ disc), float(np.abs(units) @ disc)
        s.text(r, 0, f"Blok {i + 1}")
        s.formula(r, 1, f"=SUMPRODUCT({u},{d_rng})", pu)
        s.formula(r, 2, f"=SUMPRODUCT(({u}>0)*{u}*{d_rng})-SUMPRODUCT(({u}<0)*{u}*{d_rng})", pa)
        og = float(ctx.inp.optimism[1] or 0.0)
        for a, p in enumerate(PURSE_LABELS):
            fa = float(cells[f"factor.gain.{i}.{p}"].value(v))
            s.formula(r, 3 + a, f"={ref(T.BEREGNING, lay.calc_gain_row(i, a), L.B_FACTOR)}", fa)
            pv[i, a] = fa * pu - og * abs(fa) * pa
            s.formula(
                r,
                7 + a,
                f"={a1(r, 3 + a)}*{a1(r, 1)}-som.optimisme_gev*ABS({a1(r, 3 + a)})*{a1(r, 2)}",
                pv[i, a],
            )
        pr = v.prices[v.cons[i].price_row] if v.cons[i].price_row >= 0 else None
        com = ctx.inp.committee_of.get(pr.item, "") if pr is not None else ""
        coms.append(com)
        item = ref(T.BEREGNING, u_row, L.B_ITEM)
        s.formula(r, 6, f'=IFERROR(INDEX({kitem_coms},MATCH({item},{kitem_items},0))&"","")', com)
    last = first + n - 1
    # PV(g1) per purse, per committee slot
    r = last + 1
    s.text(r, 0, "PV g1 pr. aktør")
    for a in range(3):
        column = L.rng(None, first, 7 + a, last, 7 + a, True)
        s.formula(r, 7 + a, f"=SUM({column})", float(pv[:, a].sum()))
        out.g1_purse.append(a1(r, 7 + a, True))
    r += 1
    s.text(r, 0, "PV g1 pr. udvalg (kommunens)")
    com_col = L.rng(None, first, 6, last, 6, True)
    kom_col = L.rng(None, first, 7, last, 7, True)
    for c in range(N_COMMITTEES):
        slot = ref(T.UDVALG, lay.udv_com_first + c, 1)
        name = ctx.inp.committees[c] if c < len(ctx.inp.committees) else ""
        value = float(sum(pv[i, 0] for i in range(n) if name and coms[i] == name))
        s.formula(r, 1 + c, f'=IF({slot}="",0,SUMPRODUCT(({com_col}={slot})*{kom_col}))', value)
        out.g1_com.append(a1(r, 1 + c, True))
    # the cumulative discounted g1, then per variant: gains, cumulative net, flags
    r += 1
    g1 = np.asarray(v.g1, dtype=float)
    cg1 = np.cumsum(g1 * disc)
    s.text(r, 0, "Akk. PV g1")
    g1_row, disc_row = lay.calc_rows["g1"], lay.calc_rows["disc"]
    for t in range(YEARS):
        here = f"{L.xref(T.BEREGNING, g1_row, y0 + t)}*{L.xref(T.BEREGNING, disc_row, y0 + t)}"
        formula = f"={here}" if t == 0 else f"={a1(r, t)}+{here}"
        s.formula(r, 1 + t, formula, float(cg1[t]))
    cg1_row = r
    years = L.rng(T.BEREGNING, lay.calc_rows["year"], y0, lay.calc_rows["year"], yl)
    gains_row, cum_row = lay.calc_totals["gains"], lay.calc_totals["cum"]
    in_h = lay.calc_rows["in_h"]
    for k in range(N_VARIANTS):
        rg, rc, rf = r + 1 + 3 * k, r + 2 + 3 * k, r + 3 + 3 * k
        s.text(rg, 0, f"Variant {k + 1}: gevinster")
        s.text(rc, 0, f"Variant {k + 1}: akk. nettoresultat (nutidsværdi)")
        s.text(rf, 0, f"Variant {k + 1}: break-even")
        for t in range(YEARS):
            c = 1 + t
            gains = f"{L.xref(T.BEREGNING, gains_row, y0 + t)}+{_delta(k)}*{L.xref(T.BEREGNING, g1_row, y0 + t)}"  # noqa: E501
            s.formula(rg, c, f'=IF({_active(k)},{gains},"")', "")
            cum = f"{L.xref(T.BEREGNING, cum_row, y0 + t)}+{_delta(k)}*{a1(cg1_row, c)}"
            s.formula(rc, c, f'=IF({_active(k)},{cum},"")', "")
            costs = "+".join(
                f"COUNTIF({ref(T.BEREGNING, lay.calc_purse('costs', a), y0)}:"
                f'{col(y0 + t)}${lay.calc_purse("costs", a) + 1},"<>0")'
                for a in range(3)
            )
            started = f'{costs}+COUNTIF(${col(1)}{rg + 1}:{a1(rg, c)},"<>0")'
            inside = f"{L.xref(T.BEREGNING, in_h, y0 + t)}=1"
            flag = f"IF(AND({inside},{started}>0,{a1(rc, c)}>={TOL}),1,0)"
            s.formula(rf, c, f'=IF({_active(k)},{flag},"")', "")
        flags = L.rng(None, rf, 1, rf, YEARS, True)
        out.year.append(
            f'IF({_active(k)},IFERROR(INDEX({years},1,MATCH(1,{flags},0)),{q(T.NO_BREAK_EVEN)}),"")'
        )
    for rr in range(R_HELP, r + 3 * N_VARIANTS + 1):
        # no row format: Gnumeric writes a styled row out as 16.384 cells (user trial)
        s.ws.set_row(rr, None, None, {"hidden": True})
    return out


def _comparison(ctx: BuildContext, s: Sheet, h: _Helper, cases: list[Any]) -> None:
    """The base case and each variant side by side, with the differences from the base."""
    f, lay, res = ctx.fmt, ctx.lay, ctx.v.result
    s.text(R_CMP_HEAD - 1, 0, "2. Sammenligning (nutidsværdi, kr.; regner live)", f.section())
    s.text(R_CMP_HEAD, 0, "", f.header())
    s.text(R_CMP_HEAD, 1, "Basis", f.header())
    s.formula(R_CMP_HEAD - 1, 3, f'="Basis: "&{_base_label()}', f"Basis: {ctx.v.resolved.name}",
              f.note())  # fmt: skip
    for k in range(N_VARIANTS):
        name = a1(VAR_FIRST + k, VAR_NAME, True)
        shown = ctx.inp.variants[k][0] if k < len(cases) else ""
        s.formula(R_CMP_HEAD, value_col(k), f'=IF({_active(k)},{name}&"","")', shown,
                  f.header())  # fmt: skip
        s.formula(R_CMP_HEAD, value_col(k) + 1, f'=IF({_active(k)},{name}&" − basis","")',
                  f"{shown} − basis" if shown else "", f.header())  # fmt: skip
    by_purse = {row["purse"]: float(row["discounted_net"]) for row in res.by_purse()}
    by_com = {str(row["committee"]): float(row["discounted_net"]) for row in res.by_committee()}
    pvc = lay.calc_pv_col
    g1 = ref(T.BEREGNING, lay.calc_rows["g1"], pvc)
    money = f(num_format=KR)
    for n, key in enumerate(ROWS):
        r = R_CMP_HEAD + 1 + n
        label: str | None = LABELS.get(key)
        value: Any
        label_formula: str | None = None
        fmt = money
        scale: str | None = g1  # the group's PV(g1): the figure's change per unit of s
        be: Any = res.break_even_success_rate
        cached: list[Any] = []
        if key == "rate":
            base, value, scale, fmt = (
                "som.prognose_succesrate",
                ctx.v.resolved.forecast_success_rate,
                None,
                f(num_format=PCT),
            )
            cached = [c.result.resolved.forecast_success_rate for c in cases]
        elif key == "net":
            base, value = "som.nettoresultat_nv", res.net_discounted
            cached = [c.net for c in cases]
        elif key == "costs":
            base, value, scale = "som.omkostninger_nv", res.pv_costs, "0"
            cached = [c.costs for c in cases]
        elif key == "gains":
            base, value = "som.gevinster_nv", res.pv_gains
            cached = [c.gains for c in cases]
        elif key.startswith("purse."):
            p = key.split(".")[1]
            a = list(PURSE_LABELS).index(p)
            label = f"{PURSE_LABELS[p]} (nutidsværdi)"
            base, value, scale = (
                ref(T.BEREGNING, lay.calc_purse("net", a), pvc),
                by_purse.get(p, 0.0),
                h.g1_purse[a],
            )
            cached = [c.by_purse.get(p, 0.0) for c in cases]
        elif key == "com.none":  # the kommune's flows of budget items without a committee
            _no_committee(ctx, s, r, by_com.get(NO_COMMITTEE), fmt, cases)
            continue
        elif key.startswith("com."):
            c = int(key.split(".")[1])
            slot = ref(T.UDVALG, lay.udv_com_first + c, 1)
            name = ctx.inp.committees[c] if c < len(ctx.inp.committees) else ""
            label_formula = f'=IF({slot}="","","Udvalg: "&{slot})'
            label = f"Udvalg: {name}" if name else ""
            base = ref(T.BEREGNING, lay.calc_com("net", c), pvc)
            value, scale = by_com.get(name, 0.0), h.g1_com[c]
            s.formula(r, 0, label_formula, label)
            cached = [c.by_committee.get(name, 0.0) if name else "" for c in cases]
            _row(s, r, f'IF({slot}="","",{base})', value if name else "", scale, fmt, slot, cached)
            continue
        elif key == "year":
            base = "som.breakeven_aar"
            value = res.break_even_year if res.break_even_year is not None else T.NO_BREAK_EVEN
            s.text(r, 0, LABELS[key])
            s.formula(r, 1, f"={base}", value, f(align="right"))
            for k in range(N_VARIANTS):
                year: Any = ""
                if k < len(cases):
                    y = cases[k].result.break_even_year
                    year = y if y is not None else T.NO_BREAK_EVEN
                s.formula(r, value_col(k), f"={h.year[k]}", year, f(align="right"))
            continue
        else:  # the break-even success rate does not depend on s (som-method §3.8)
            base = "som.breakeven_succesrate"
            value = be if be is not None else T.NO_BREAK_EVEN_RATE
            s.text(r, 0, LABELS[key])
            s.formula(r, 1, f"={base}", value, f(num_format=PCT, align="right"))
            for k in range(N_VARIANTS):
                s.formula(r, value_col(k), f'=IF({_active(k)},{base},"")',
                          value if k < len(cases) else "",
                          f(num_format=PCT, align="right"))  # fmt: skip
            continue
        s.text(r, 0, label or "")
        _row(s, r, base, value, scale, fmt, None, cached)
    r_note = R_CMP_HEAD + len(ROWS) + 2
    s.merged(
        r_note,
        0,
        9,
        "Forskellen er variantens tal minus basis. Break-even-succesraten afhænger ikke af "
        "succesraten og er den samme for alle varianter.",
        f.note(text_wrap=True),
        30,
    )


def _no_committee(
    ctx: BuildContext, s: Sheet, r: int, value: float | None, fmt: Any, cases: list[Any]
) -> None:
    """'Udvalg: Uden udvalg' where a budget item has no committee (as the engine's split):
    the kommune's net minus the named committees', for the base and each variant."""
    lay = ctx.lay
    k1, k2 = lay.calc_kitem("costs", 0), lay.calc_kitem("gains", lay.counts.budget_items - 1)
    coms = L.rng(T.BEREGNING, k1, L.B_FACTOR, k2, L.B_FACTOR)
    show = f'SUMPRODUCT(({coms}="")*1)>0'
    items = [b[1] for b in ctx.bkb.budget_items]
    shown = any(not ctx.inp.committee_of.get(item, "") for item in items)
    label = f"Udvalg: {NO_COMMITTEE}"
    s.formula(r, 0, f'=IF({show},{q(label)},"")', label if shown else "")
    kommune = R_CMP_HEAD + 1 + ROWS.index("purse.kommune")
    first = R_CMP_HEAD + 1 + ROWS.index("com.0")
    last = first + N_COMMITTEES - 1
    base = (value or 0.0) if shown else ""
    for k, c in enumerate((1, *(value_col(k) for k in range(N_VARIANTS)))):
        rest = f"{a1(kommune, c)}-SUM({L.rng(None, first, c, last, c)})"
        if c == 1:
            s.formula(r, c, f'=IFERROR(IF({show},{rest},""),"")', base, fmt)
            continue
        cell: Any = ""
        if shown and k - 1 < len(cases):
            cell = cases[k - 1].by_committee.get(NO_COMMITTEE, 0.0)
        active = f'AND({show},{a1(kommune, c)}<>"")'
        s.formula(r, c, f'=IFERROR(IF({active},{rest},""),"")', cell, fmt)
        diff = f"{a1(r, c)}-{a1(r, 1)}"
        s.formula(r, c + 1, f'=IFERROR(IF({a1(r, c)}="","",{diff}),"")', _minus(cell, base), fmt)


def _minus(a: Any, b: Any) -> Any:
    """A cached difference: a − b where both are numbers, else blank."""
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) - float(b)
    return ""


def _row(
    s: Sheet,
    r: int,
    base: str,
    value: Any,
    scale: str | None,
    fmt: Any,
    slot: str | None,
    cached: list[Any],
) -> None:
    """One figure: the base (B), then per variant its value and its difference from B
    (``cached``: the filled variants' values, as the engine computes them)."""
    s.formula(r, 1, f"={base}", value, fmt)
    shown = f'{slot}<>""' if slot else "TRUE"
    for k in range(N_VARIANTS):
        vc = value_col(k)
        if scale is None:  # the rate itself
            figure = a1(VAR_FIRST + k, C_APPLIED, True)
        else:
            figure = net_at(f"{a1(r, 1)}", _delta(k), scale)
        cell = cached[k] if k < len(cached) else ""
        s.formula(r, vc, f'=IFERROR(IF(AND({_active(k)},{shown}),{figure},""),"")', cell, fmt)
        diff = f"{a1(r, vc)}-{a1(r, 1)}"
        s.formula(r, vc + 1, f'=IFERROR(IF({a1(r, vc)}="","",{diff}),"")', _minus(cell, value), fmt)
