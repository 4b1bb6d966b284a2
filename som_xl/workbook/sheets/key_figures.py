"""The key figures block, shared by *Resultat* and *Hurtigt skøn*.

Net result (undiscounted and present value), the kommune's own net result (present value),
costs and gains (present value), break-even year, break-even success rate, gain per cost
krone and the chance of a positive net result (the kommune's and the whole public sector's,
from *Usikkerhed*'s Monte Carlo table): label, formula and explanation on one row each, in
the order of :data:`som_xl.workbook.text.RESULT_KEYS`. *Hurtigt skøn* has no split by purse
and no Monte Carlo table: it shows :data:`som_xl.workbook.text.SKOEN_KEYS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ...present.tables import kommune_net
from ...results import Result
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..layout import a1, ref, rng
from ..style import C_KEY, CHANCE, KR_KEY, PCT, YEAR, q
from . import usikkerhed

__all__ = ["key_values", "write"]


def key_values(res: Result) -> dict[str, Any]:
    """The cached values of the key figures (texts where a figure does not exist)."""
    be = res.break_even_year
    bes = res.break_even_success_rate
    bcr = res.benefit_cost_ratio
    return {
        "nettoresultat": res.net_undiscounted,
        "nettoresultat_nv": res.net_discounted,
        "nettoresultat_nv_kommune": kommune_net(res),
        "omkostninger_nv": res.pv_costs,
        "gevinster_nv": res.pv_gains,
        "breakeven_aar": be if be is not None else T.NO_BREAK_EVEN,
        "breakeven_succesrate": bes if bes is not None else T.NO_BREAK_EVEN_RATE,
        "bcr": bcr if bcr is not None else T.NO_BCR,
    }


def _formulas(
    ctx: BuildContext,
    first: Callable[[str], int],
    sheet: str,
    rows: Mapping[str, int],
    g1_row: int,
    lc: int,
    kommune: str | None,
) -> dict[str, str]:
    """The formula of each key figure, by key."""
    lay = ctx.lay
    tc, pvc = lay.calc_total_col, lay.calc_pv_col
    y0, yl = lay.year_col, lay.last_year_col
    flag = rows["flag"]
    costs_nv = a1(first("omkostninger_nv"), lc + 1, True)
    gains_nv = a1(first("gevinster_nv"), lc + 1, True)
    years = rng(T.BEREGNING, lay.calc_rows["year"], y0, lay.calc_rows["year"], yl)
    g1_pv = ref(sheet, g1_row, pvc)
    gd_row = lay.calc_rows["gd"] if sheet == T.BEREGNING else rows["gd"]
    payable = f"({costs_nv}-{ref(sheet, gd_row, pvc)})"
    return {
        **({"nettoresultat_nv_kommune": f"={kommune}"} if kommune is not None else {}),
        "nettoresultat": f"={ref(sheet, rows['net'], tc)}",
        "nettoresultat_nv": f"={ref(sheet, rows['net'], pvc)}"
        if sheet == T.BEREGNING
        else f"={ref(sheet, rows['dnet'], tc)}",
        "omkostninger_nv": f"={ref(sheet, rows['costs'], pvc)}",
        "gevinster_nv": f"={ref(sheet, rows['gains'], pvc)}",
        "breakeven_aar": (
            # INDEX(row, 1, n): Gnumeric reads INDEX(one-row range, n) as a row number
            f"=IFERROR(INDEX({years},1,"
            f"MATCH(1,{rng(sheet, flag, y0, flag, yl)},0)),{q(T.NO_BREAK_EVEN)})"
        ),
        # (PV(costs) − PV(during-course gains)) / PV(gains at s = 1): defined at s = 0 too
        # (som-method §3.8)
        "breakeven_succesrate": f"=IF({g1_pv}>0,{payable}/{g1_pv},{q(T.NO_BREAK_EVEN_RATE)})",
        "bcr": f"=IF({costs_nv}>0,{gains_nv}/{costs_nv},{q(T.NO_BCR)})",
    }


def write(
    ctx: BuildContext,
    s: Sheet,
    first: Callable[[str], int],
    sheet: str,
    rows: Mapping[str, int],
    g1_row: int,
    values: Mapping[str, Any],
    prefix: str,
    lc: int,
    guard: str | None = None,
    *,
    keys: Sequence[str] = tuple(T.RESULT_KEYS),
    kommune: str | None = None,
) -> None:
    """The key figures: label in column lc, value in lc + 1, explanation in lc + 2.

    The chance of a positive net result (``sandsynlighed``) has two values, the kommune's in
    lc + 1 and the whole public sector's in lc + 2, and its explanation in lc + 3.

    Parameters
    ----------
    ctx : BuildContext
        The build context.
    s : Sheet
        The sheet the block is written on.
    first : callable
        The row of a key figure, by key.
    sheet : str
        The sheet whose total rows the figures refer to (Beregning or Hurtigt skøn).
    rows : mapping
        The total rows on that sheet, by key (costs, gains, net, dnet, flag).
    g1_row : int
        The row of g1, the gain at 100 % success, on that sheet.
    values : mapping
        The cached value of each figure (see :func:`key_values`).
    prefix : str
        Prefix of the defined names: ``som.`` names every figure, others only the net
        results.
    lc : int
        The label column.
    guard : str, optional
        An Excel condition under which every figure shows ``T.INPUT_ERROR_SHORT`` instead
        of a number (the input checks, :mod:`.guard`).
    keys : sequence of str
        The figures shown (keys of ``T.RESULT_KEYS``, in their order).
    kommune : str, optional
        The cell of the kommune's net result at present value (the purse table's Kommune,
        Netto (NV)); needed where ``keys`` has ``nettoresultat_nv_kommune``.
    """
    f = ctx.fmt
    formulas = _formulas(ctx, first, sheet, rows, g1_row, lc, kommune)
    fmts = {
        "breakeven_aar": f(num_format=YEAR, bold=True, bg_color=C_KEY, align="right", border=1),
        "breakeven_succesrate": f(
            num_format=PCT, bold=True, bg_color=C_KEY, align="right", border=1
        ),
        "bcr": f(num_format="0.00", bold=True, bg_color=C_KEY, align="right", border=1),
    }
    for key in keys:
        label, help_text = T.RESULT_KEYS[key]
        r = first(key)
        if key == "sandsynlighed":
            _chances(ctx, s, r, lc, values[key], guard)
            continue
        s.text(r, lc, label, f(bold=True))
        fmt = fmts.get(key, f(num_format=KR_KEY, bold=True, bg_color=C_KEY, border=1))
        formula = formulas[key]
        if guard is not None:
            formula = f"=IF({guard},{q(T.INPUT_ERROR_SHORT)},{formula[1:]})"
        s.formula(r, lc + 1, formula, values[key], fmt)
        s.text(r, lc + 2, help_text, f.note())
        if prefix == "som." or key in ("nettoresultat", "nettoresultat_nv"):
            ctx.name(f"{prefix}{key}", s.name, r, lc + 1)


def _chances(
    ctx: BuildContext, s: Sheet, r: int, lc: int, values: Sequence[float], guard: str | None
) -> None:
    """P(net > 0) of the kommune (lc + 1) and of the whole public sector (lc + 2): the cells
    of *Usikkerhed*'s Monte Carlo table in its number format, stale or missing as it says."""
    f = ctx.fmt
    label, help_text = T.RESULT_KEYS["sandsynlighed"]
    s.text(r, lc, label, f(bold=True, text_wrap=True, valign="top"))
    s.ws.set_row(r, 30)
    # wrapped: a text (stale, no table, an input error) in two lines of the narrow cell
    fmt = f(
        num_format=CHANCE,
        bold=True,
        bg_color=C_KEY,
        align="right",
        valign="top",
        text_wrap=True,
        border=1,
    )
    for c, (group, value) in enumerate(zip(("kommune", "total"), values, strict=True)):
        formula = usikkerhed.chance_formula(group)
        if guard is not None:
            formula = f"=IF({guard},{q(T.INPUT_ERROR_SHORT)},{formula[1:]})"
        s.formula(r, lc + 1 + c, formula, value, fmt)
    s.text(r, lc + 3, help_text, f.note(valign="top"))
