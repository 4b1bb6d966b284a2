"""*Usikkerhed*: how sure is the result (som-method.md §3.20), in the workbook.

Three parts:

1. the uncertain inputs' ranges as live input cells: for the success rate (as factors on
   it), a multiplier of every cost and a multiplier of every gain, a distribution (a choice
   list: ``trekant`` or ``normal (95 %-interval)``) and its low, typical and high value
   (for the normal one the 95 % interval's bounds and the mean,
   :func:`~som_xl.inputs.uncertainty.range_distribution`); their 10 % and 90 % values are
   native formulas (the normal one's by ``NORM.INV``, truncated as the engine truncates);
2. a live tornado: each input at its 10 % and 90 % value with the others central, as one-way
   recalculations of the calculation's present values (every input enters the net result
   linearly: ``net(s) = NV + (s − s₀) × PV(g1)``, ``net(c) = PV(gains) − c × PV(costs)``,
   ``net(g) = g × PV(gains) − PV(costs)``), and each input's switching value;
3. the Monte Carlo table and chart, computed by Python when the workbook is built (the
   engine, :func:`som_xl.results.uncertainty.analyse`), stamped with its seed, draws and
   the inputs it was computed from; a formula compares the live inputs with the stamp and
   says plainly when the table is stale. Besides the rows and the total net result, the
   stamp holds each purse's present values of costs and gains and the present value of the
   gains at 100 % success (hidden cells, :data:`C_STAMP`): every input the table depends on
   (participants, costs and who pays, horizon, discount rate, price year, consequences)
   flows through them.

The defaults are the standard of ``som-xl usikkerhed --standard`` for the workbook's
scenario (:func:`~som_xl.inputs.uncertainty.standard_rate_range`). The success rate's row
follows the live inputs: its yellow cells are formulas (until the user types over them) that
look the chosen effect's 95 % interval up on *VD Effekter* by the engine's rule (hidden cells,
:func:`_rate_effect`). The target group, intervention and net success rate the workbook was
built for are stamped in hidden cells; while they match, the note under the introduction
(A3) names the default's source, else it names the rule the live default now follows
(:func:`live_note`), and the Monte Carlo table's status says it is stale. While an input
problem stands (``som.inputfejl``), every calculated cell shows the workbook's short
input-error text instead of an error. The cells are turned into an uncertainty block by
:func:`spec_of`, both for the table stamped at build time and by the reader (``som-xl
read … --usikkerhed``, ``som-xl rapport``).

The sheet is written last (its strings come after every other sheet's) and is placed after
*Resultat* in the tab order.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np
from xlsxwriter.utility import xl_range_abs, xl_rowcol_to_cell

from ...conventions import PURSES
from ...inputs.uncertainty import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    RULE_FACTORS,
    RULE_TEXT,
    STANDARD_FACTORS,
    Z_95,
    FactorDistribution,
    RangeDist,
    RateDistribution,
    RateRange,
    UncertaintySpec,
    range_distribution,
)
from ...present import da
from ...results.uncertainty import QUANTILES, UncertaintyResult, analyse
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..layout import a1, ref
from ..style import C_WARNING, CHANCE, KR, PCT, height, q

__all__ = [
    "BUILD_CELLS",
    "DIST_LABELS",
    "LIVE_DEFAULT_CELLS",
    "SHEET",
    "STATUS_CELL",
    "SheetRange",
    "absolute",
    "chance_formula",
    "chance_value",
    "default_note",
    "default_ranges",
    "live_note",
    "monte_carlo",
    "net_at",
    "spec_of",
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
#: The Monte Carlo table's header row; a row per group follows (the total, then each purse),
#: P(net > 0) in column B.
R_MC_TABLE = R_STATUS + 2
MC_GROUPS = ("total", *PURSES)
N_BINS = 20
#: Characters per line of the merged A:J (the introduction and the note A3; about 175
#: widths of "0", more of average text).
NOTE_WIDTH = 200
C_DIST, C_LOW, C_MODE, C_HIGH, C_Q10, C_Q90 = 1, 2, 3, 4, 5, 6
#: The note under the introduction (A3): the defaults' source, or the warning that the
#: inputs changed since they were set.
NOTE_CELL = (SHEET, xl_rowcol_to_cell(R_INTRO + 1, 0))
#: Hidden stamp columns (label, value): what the defaults and the Monte Carlo table were
#: built for.
C_STAMP_LABEL, C_STAMP = 11, 12
#: Stamp rows: target group, intervention, net success rate, then 1 while they all match.
R_BUILT = R_IN_HEAD
R_BUILT_MATCH = R_BUILT + 3
#: The Monte Carlo stamp's present values: per purse costs and gains, then g1.
R_PV_STAMP = R_BUILT_MATCH + 2
#: The success rate's live default (hidden, column C_STAMP): the row of the chosen effect on
#: VD Effekter (0: none) and 1 where its 95 % interval is used; beside them (column C_KEYS,
#: a row per effect from R_IN_HEAD) each effect's key for the target group's choice.
R_EFFECT = R_PV_STAMP + 2 * len(PURSES) + 2
R_EFFECT_OK = R_EFFECT + 1
C_KEYS = 13
#: Cells whose value depends on the inputs the workbook was built for: a changed copy
#: differs here from a workbook rebuilt for its inputs on purpose (tests skip them).
BUILD_CELLS = frozenset(
    {STATUS_CELL, NOTE_CELL, (SHEET, xl_rowcol_to_cell(R_BUILT_MATCH, C_STAMP))}
)
#: The success rate's yellow cells, which hold live defaults (formulas a user may type over,
#: so unlocked) unless a scenario file gives the row.
LIVE_DEFAULT_CELLS = frozenset(
    (SHEET, xl_rowcol_to_cell(R_FACTOR, c)) for c in (C_DIST, C_LOW, C_MODE, C_HIGH)
)
#: The distributions a row offers, by their Danish names in the choice list.
DIST_LABELS: dict[RangeDist, str] = {
    "triangular": "trekant",
    "normal": "normal (95 %-interval)",
}

INTRO = (
    "Hvor sikkert er resultatet? De gule celler er de usikre input: succesraten (som "
    "faktorer på succesraten) og faktorer på alle omkostninger og alle gevinster. Vælg "
    "fordeling i hver række: trekant (lav, typisk, høj) eller normal (95 %-interval): lav og "
    "høj er grænserne for et 95 %-interval, typisk er middelværdien, spredningen er "
    "(høj − lav) / 3,92, og fordelingen afkortes til 0-100 % (succesraten) eller ved 0 "
    "(faktorerne). Tornadoen regner live: hvert input ved sin 10 %- og 90 %-værdi med de "
    "andre centrale. Monte Carlo-tabellen er beregnet af som-xl, da projektmappen blev "
    "bygget, og er stemplet med de input, den bygger på."
)
CHECK_MESSAGE = (
    "Fejl: vælg trekant eller normal (95 %-interval) i hver række, og lad lav ≤ typisk ≤ høj "
    "gælde; ved normal skal lav være mindre end høj (for succesraten også efter loftet på "
    "100 %)."
)
FRESH = "Monte Carlo-tabellen passer til de nuværende input."
#: The guard while ``som.inputfejl`` > 0 (the same condition and text as *Resultat*).
GUARD = "som.inputfejl>0"
STALE = (
    "Tabellen er forældet: input er ændret, siden den blev beregnet. Gem projektmappen, og "
    "kør som-xl read FIL.xlsx --usikkerhed (eller som-xl rapport): den regner med de "
    "nuværende input. (som-xl build laver en ny projektmappe uden jeres tal.)"
)

#: What *Resultat* shows for a P(net > 0) while the table is stale, or when there is none.
STALE_SHORT = "forældet — se Usikkerhed"
NO_TABLE = "Ingen Monte Carlo-tabel"


class SheetRange(NamedTuple):
    """One row of yellow cells: the distribution and its low, typical and high value
    (for the success rate factors on the success rate)."""

    dist: RangeDist
    low: float
    mode: float
    high: float


def _stored(x: float) -> float:
    """A number as the file stores it (xlsxwriter writes 16 significant digits), so the table
    stamped at build time analyses the values the reader reads back."""
    return float(f"{x:.16G}")


def default_ranges(standard: RateRange, success_rate: float) -> dict[str, SheetRange]:
    """The sheet's default rows, as the yellow cells hold them.

    The standard of ``som-xl usikkerhed --standard`` (one definition,
    :func:`~som_xl.inputs.uncertainty.standard_rate_range` and
    :data:`~som_xl.inputs.uncertainty.STANDARD_FACTORS`): the success rate normal from the
    effect's 95 % interval where the knowledge base has one (the interval's bounds and the
    rate as factors on the rate, so the rates row shows the interval itself; the factors
    as the file stores them, 16 significant digits, so low and high times the rate may
    differ from the interval in the 16th digit), else
    triangular by the project's stated rule (factors 0, 1, 2: from no net effect to twice
    the rate, at most 1); costs triangular 0.9, 1, 1.3 (som-method.md §3.20's example);
    gains triangular 0.8, 1, 1.2 (the project's rule).

    Parameters
    ----------
    standard : RateRange
        The success rate's standard range for the workbook's scenario (as rates).
    success_rate : float
        The scenario's net success rate (the factors are on it). At 0 no factor can carry an
        interval, and the row holds the stated rule.

    Returns
    -------
    dict
        A :class:`SheetRange` per input of :data:`INPUTS`.

    Examples
    --------
    >>> from som_xl.inputs.uncertainty import standard_rate_range
    >>> default_ranges(standard_rate_range(0.3, None, None), 0.3)["success_rate"]
    SheetRange(dist='triangular', low=0.0, mode=1.0, high=2.0)
    """
    s = success_rate
    if standard.dist == "normal" and s > 0:
        rate = SheetRange(
            "normal", *(_stored(x / s) for x in (standard.low, standard.mode, standard.high))
        )
    else:
        rate = SheetRange("triangular", *RULE_FACTORS)
    factors = {k: SheetRange("triangular", *v) for k, v in STANDARD_FACTORS.items()}
    return {"success_rate": rate, **factors}


def absolute(ranges: Mapping[str, SheetRange], success_rate: float) -> dict[str, SheetRange]:
    """The rows with the success rate's factors applied to the success rate (at most 1).

    Parameters
    ----------
    ranges : mapping
        A :class:`SheetRange` per input, as the yellow cells hold them.
    success_rate : float
        The scenario's net success rate.

    Returns
    -------
    dict
        The same rows, the success rate's as rates (the sheet's rates row).

    Examples
    --------
    >>> absolute({"success_rate": SheetRange("triangular", 0, 1, 2)}, 0.3)["success_rate"]
    SheetRange(dist='triangular', low=0.0, mode=0.3, high=0.6)
    """
    out = dict(ranges)
    d, *factors = ranges["success_rate"]
    out["success_rate"] = SheetRange(d, *(min(1.0, x * success_rate) for x in factors))
    return out


def spec_of(
    ranges: Mapping[str, SheetRange],
    success_rate: float,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> UncertaintySpec:
    """The uncertainty block the sheet's rows stand for (som-method §3.20).

    The table stamped at build time and the reader (``som-xl read … --usikkerhed``) both
    use it, so they analyse the same distributions; each row becomes
    :func:`~som_xl.inputs.uncertainty.range_distribution` of it, as the command line's
    standard does.

    Parameters
    ----------
    ranges : mapping
        A :class:`SheetRange` per input of :data:`INPUTS`, as the yellow cells hold them.
    success_rate : float
        The scenario's net success rate (the success rate's row holds factors on it).
    draws, seed : int
        The Monte Carlo draws and seed.

    Returns
    -------
    UncertaintySpec
        Raises pydantic's ValidationError where a row makes no distribution (e.g. a normal
        one without spread).

    Examples
    --------
    >>> rows = {"success_rate": SheetRange("normal", 0.36 / 0.42, 1.0, 0.48 / 0.42),
    ...         "costs": SheetRange("triangular", 0.9, 1.0, 1.3),
    ...         "consequences": SheetRange("triangular", 0.8, 1.0, 1.2)}
    >>> u = spec_of(rows, 0.42)
    >>> u.success_rate.dist, u.success_rate.mean, round(u.success_rate.sd, 4)
    ('normal', 0.42, 0.0306)
    """
    rows = absolute(ranges, success_rate)
    return UncertaintySpec(
        draws=draws,
        seed=seed,
        success_rate=range_distribution(RateDistribution, *rows["success_rate"]),
        costs=range_distribution(FactorDistribution, *rows["costs"]),
        consequences=range_distribution(FactorDistribution, *rows["consequences"]),
    )


def default_note(standard: RateRange) -> str:
    """The sheet's note on where its default ranges come from (Danish).

    Parameters
    ----------
    standard : RateRange
        The success rate's standard range (its note names the rule or the interval and its
        source).

    Returns
    -------
    str

    Examples
    --------
    >>> from som_xl.inputs.uncertainty import standard_rate_range
    >>> default_note(standard_rate_range(0.3, None, None))[:60]
    'Standardintervallerne er som i som-xl usikkerhed --standard.'
    """
    note = standard.note
    source = f". Kilde: {note.source.rstrip('.')}" if note.source else ""
    return (
        f"Standardintervallerne er som i som-xl usikkerhed --standard. Succesraten: "
        f"{note.text}{source}{_factors_text()}"
    )


#: The live note's parts (A3 while the inputs differ from the build's).
LIVE_HEAD = (
    "Standardintervallerne følger jeres valg af målgruppe, indsats og succesrate (de gule "
    "celler for succesraten er formler, til I skriver jeres egne tal). Succesraten: "
)
LIVE_NORMAL = (
    "normalfordeling om succesraten med spredningen fra 95 %-konfidensintervallet for "
    "effekten {effect} (se arket VD Effekter: intervallet, dets kilde og effektens kontekst). "
    "Intervallet dækker kun undersøgelsens statistiske usikkerhed, ikke om effekten kan "
    "overføres til jeres kommune"
)
LIVE_RULE = (
    RULE_TEXT + "; vidensdatabasen har intet konfidensinterval for en effekt med denne "
    "succesrate (et interval bruges kun, når succesraten er effektens egen)"
)


def live_note(effect: str, ok: str) -> str:
    """The note A3 shows while the target group, intervention or net success rate differ
    from those the workbook was built for: a native formula (without its ``=``) that names
    the rule the success rate's live default follows (Danish).

    Parameters
    ----------
    effect, ok : str
        The cells holding the chosen effect's row on VD Effekter (0: none) and 1 where its
        interval is used.

    Returns
    -------
    str

    Examples
    --------
    >>> live_note("$M$19", "$M$20")[:30]
    '"Standardintervallerne følger '
    """
    head, tail = LIVE_NORMAL.split("{effect}")
    normal = f"{_text(head)}&INDEX(vd.e_navn,{effect})&{_text(tail)}"
    return f"{_text(LIVE_HEAD)}&IF({ok}=1,{normal},{_text(LIVE_RULE)})&{_text(_factors_text())}"


def _factors_text() -> str:
    """The note's sentence on the costs' and gains' ranges."""
    costs, gains = (
        "-".join(da.number(x) for x in STANDARD_FACTORS[k]) for k in ("costs", "consequences")
    )
    return (
        f". Omkostningerne: trekant, faktor {costs} (eksemplet i metodebeskrivelsen); "
        f"gevinsterne: trekant, faktor {gains} (projektets regel); begge illustrative. Erstat "
        "dem med jeres egne vurderinger."
    )


def _text(text: str) -> str:
    """A long text in a formula: literals of at most 255 characters (Excel's limit) joined
    with &."""
    parts = [text[i : i + 250] for i in range(0, len(text), 250)] or [""]
    return "&".join(q(p) for p in parts)


def _guarded(formula: str, blank: bool = False) -> str:
    """A formula that shows the input-error text (or nothing) while an input problem
    stands."""
    text = '""' if blank else q(T.INPUT_ERROR_SHORT)
    return f"=IF({GUARD},{text},{formula[1:]})"


def monte_carlo(ctx: BuildContext) -> tuple[dict[str, SheetRange], UncertaintyResult]:
    """The rows (as the cells hold them: the defaults, or a scenario file's own where
    :attr:`~..model.Inputs.uncertainty` gives them) and the analysis of the workbook's scenario.

    Parameters
    ----------
    ctx : BuildContext
        The build context (its resolved scenario and the success rate's standard range).

    Returns
    -------
    (dict, UncertaintyResult)
    """
    s0 = _s0(ctx)
    ranges = default_ranges(ctx.v.standard_rate, s0)
    for key, (dist, low, mode, high) in (ctx.inp.uncertainty or {}).items():
        ranges[key] = SheetRange("normal" if dist == "normal" else "triangular", low, mode, high)
    return ranges, analyse(ctx.v.resolved, spec_of(ranges, s0))


def _triangular_q(p: float, low: str, mode: str, high: str) -> str:
    """The p-quantile of a triangular distribution as a native formula (x^0.5: the tests'
    formula engine has no SQRT)."""
    return (
        f"IF({high}={low},{low},IF({p}<=({mode}-{low})/({high}-{low}),"
        f"{low}+({p}*({high}-{low})*({mode}-{low}))^0.5,"
        f"{high}-({1 - p:.1f}*({high}-{low})*({high}-{mode}))^0.5))"
    )


def _normal_q(p: float, low: str, mode: str, high: str, upper: float) -> str:
    """The p-quantile of the normal distribution of a row (mean = typical, sd = (high − low)
    / (2 × 1,96)) truncated to 0 … ``upper``, as the engine computes it
    (:func:`som_xl.results.distributions.quantile`): ``NORM.INV(Φ(0) + p × (Φ(upper) −
    Φ(0)))``, then bounded to the interval; #N/A without spread (low = high), as every
    engine shows it (NORM.DIST's error for sd = 0 is #NUM! in Excel, #VALUE! in LibreOffice)."""
    sd = f"({high}-{low})/{2 * Z_95!r}"
    lo = f"_xlfn.NORM.DIST(0,{mode},{sd},TRUE)"
    hi = "1" if math.isinf(upper) else f"_xlfn.NORM.DIST({upper:g},{mode},{sd},TRUE)"
    x = f"_xlfn.NORM.INV({lo}+{p}*({hi}-{lo}),{mode},{sd})"
    bounded = f"MAX(0,{x})" if math.isinf(upper) else f"MAX(0,MIN({upper:g},{x}))"
    return f"IF({high}>{low},{bounded},NA())"


def _q(p: float, dist: str, low: str, mode: str, high: str, upper: float) -> str:
    """The p-quantile of a row's distribution as a native formula (#N/A for another choice)."""
    tri, normal = (q(DIST_LABELS[d]) for d in ("triangular", "normal"))
    return (
        f"=IF({dist}={tri},{_triangular_q(p, low, mode, high)},"
        f"IF({dist}={normal},{_normal_q(p, low, mode, high, upper)},NA()))"
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


def chance_formula(group: str) -> str:
    """P(net > 0) of a group of the Monte Carlo table, for another sheet (*Resultat*).

    The table's own cell while the status cell says the table is fresh (the sheet's flag,
    not a second comparison), else ``STALE_SHORT``; ``NO_TABLE`` where the cell holds no
    number.

    Parameters
    ----------
    group : str
        ``"total"`` or a purse (:data:`MC_GROUPS`).

    Returns
    -------
    str
        A native formula.

    Examples
    --------
    >>> chance_formula("kommune")[:30]
    '=IF(ISNUMBER(Usikkerhed!$B$32)'
    """
    p = ref(SHEET, R_MC_TABLE + 1 + MC_GROUPS.index(group), 1)
    status = ref(SHEET, R_STATUS, 1)
    return f"=IF(ISNUMBER({p}),IF({status}={q(FRESH)},{p},{q(STALE_SHORT)}),{q(NO_TABLE)})"


def chance_value(mc: UncertaintyResult, group: str) -> float:
    """The cached value of :func:`chance_formula` (the table is fresh when built)."""
    return float((mc.total if group == "total" else mc.by_purse[group]).p_net_positive)


def write(ctx: BuildContext) -> None:
    """Write *Usikkerhed*: input ranges, live tornado, stamped Monte Carlo table and chart."""
    s = Sheet(ctx.wb, ctx.fmt, SHEET)
    ctx.sheets[SHEET] = s
    ctx.place_after(s, T.RESULTAT)
    f = ctx.fmt
    ranges, mc = monte_carlo(ctx)
    note = default_note(ctx.v.standard_rate)
    s.widths((0, 0, 34), (1, 1, 21), (2, 9, 15))
    s.text(R_TITLE, 0, "Usikkerhed: hvor sikkert er resultatet?", f.title())
    s.merged(R_INTRO, 0, 9, INTRO, f.wrap(), height(len(INTRO), NOTE_WIDTH))
    effect, ok = _rate_effect(ctx, s)
    _built_for(ctx, s, note, effect, ok)
    live = "success_rate" not in (ctx.inp.uncertainty or {})

    # 1. inputs
    s.text(R_IN_HEAD - 1, 0, "1. Usikre input", f.section())
    heads = ("Input", "Fordeling", "Lav", "Typisk", "Høj", "10 %-værdi", "90 %-værdi")
    for c, h in enumerate(heads):
        s.text(R_IN_HEAD, c, h, f.header())
    cells: dict[str, tuple[str, str, str, str, str]] = {}
    yellow: list[str] = []
    checks: list[str] = []
    rows_mc = {t.input: t for t in mc.tornado}
    absolute_ranges = absolute(ranges, _s0(ctx))
    tri, normal = (q(DIST_LABELS[d]) for d in ("triangular", "normal"))
    for key in INPUTS:
        r = ROWS[key]
        fmt_out = f(num_format=PCT if key == "success_rate" else "0.00")
        r_in = R_FACTOR if key == "success_rate" else r
        s.text(r_in, 0, FACTOR_LABEL if key == "success_rate" else LABELS[key])
        if key == "success_rate" and live:
            _live_rate_row(ctx, s, r_in, ranges[key], effect, ok)
        else:
            s.text(r_in, C_DIST, DIST_LABELS[ranges[key].dist], f.input())
            for c, v in zip((C_LOW, C_MODE, C_HIGH), ranges[key][1:], strict=True):
                s.number(r_in, c, v, f.input("0.00"))
        yellow += [a1(r_in, c, True) for c in (C_DIST, C_LOW, C_MODE, C_HIGH)]
        _validation(s, r_in, key)
        if key == "success_rate":  # the factors times the scenario's success rate, at most 1
            s.text(r, 0, LABELS[key])
            for c, v in zip((C_LOW, C_MODE, C_HIGH), absolute_ranges[key][1:], strict=True):
                x = f"{a1(r_in, c, True)}*som.succesrate_netto"
                s.formula(r, c, _guarded(f"=IF({x}>1,1,{x})"), v, fmt_out)
        dist = a1(r_in, C_DIST, True)
        given = [a1(r_in, c, True) for c in (C_LOW, C_MODE, C_HIGH)]
        low, mode, high = (a1(r, c, True) for c in (C_LOW, C_MODE, C_HIGH))
        upper = 1.0 if key == "success_rate" else math.inf
        row = rows_mc[key]
        q10, q90 = (_q(p, dist, low, mode, high, upper) for p in (0.1, 0.9))
        if key == "success_rate":  # the others do not depend on the calculation
            q10, q90 = _guarded(q10), _guarded(q90)
        s.formula(r, C_Q10, q10, row.low, fmt_out)
        s.formula(r, C_Q90, q90, row.high, fmt_out)
        cells[key] = (low, mode, high, a1(r, C_Q10, True), a1(r, C_Q90, True))
        # the order on the cells typed in; a normal one's spread on the values used
        order = f"{given[0]}<={given[1]},{given[1]}<={given[2]}"
        checks.append(
            f"IF({dist}={tri},AND({order}),IF({dist}={normal},AND({order},{low}<{high}),FALSE))"
        )
    s.formula(
        R_CHECK,
        0,
        _guarded(f'=IF(AND({",".join(checks)}),"",{q(CHECK_MESSAGE)})', blank=True),
        "",
        f(font_color=C_WARNING, bold=True),
    )

    # 2. tornado (live)
    _tornado(ctx, s, cells, mc)
    # 3. Monte Carlo (stamped)
    _monte_carlo_table(ctx, s, yellow, ranges, mc)


def _s0(ctx: BuildContext) -> float:
    return float(ctx.v.resolved.success_rate)


def _rate_effect(ctx: BuildContext, s: Sheet) -> tuple[str, str]:
    """The hidden cells the success rate's live default reads: the chosen effect's row on VD
    Effekter (0: none) and 1 where its 95 % interval is used. Returns their addresses.

    The rule of :func:`~som_xl.inputs.uncertainty.standard_rate_range`: with an intervention
    chosen, that effect where the net success rate is its own (else none: a user's own rate
    takes the stated rule); with none, the target group's effect whose success rate is the
    net success rate, the best evidence level first (then the first on VD Effekter). Its
    interval is used where it has both bounds, high above low, and the rate is above 0.
    """
    f = ctx.fmt
    cl, c = C_STAMP_LABEL, C_STAMP
    rate = "som.succesrate_netto"
    tol = "<=0.000000000001"  # the engine's abs_tol 1e-12
    effects = ctx.bkb.effects
    s.ws.set_column(C_KEYS, C_KEYS, 12, None, {"hidden": True})
    s.text(R_IN_HEAD - 1, C_KEYS, "Nøgle pr. effekt", f(bold=True))
    chosen = ctx.v.standard_rate.effect
    group = ctx.bkb.group_by_label(ctx.inp.target_group)
    for i, e in enumerate(effects, start=1):
        r_e = f"INDEX(vd.e_succesrate,{i})"
        key = (
            f"=IFERROR(IF(INDEX(vd.e_mg_id,{i})=som.maalgruppe_id,IF(ISNUMBER({r_e}),"
            f'IF(ABS({r_e}-{rate}){tol},INDEX(vd.e_evidens,{i})*1000+{i},""),""),""),"")'
        )
        fits = (
            group is not None
            and e.target_group == group.id
            and e.success_rate is not None
            and math.isclose(e.success_rate, _s0(ctx), abs_tol=1e-12)
        )
        s.formula(R_IN_HEAD + i - 1, C_KEYS, key, e.evidence_level * 1000 + i if fits else "")
    keys = xl_range_abs(R_IN_HEAD, C_KEYS, R_IN_HEAD + max(len(effects), 1) - 1, C_KEYS)
    by_group = f"IF(COUNT({keys})=0,0,MIN({keys})-1000*INT(MIN({keys})/1000))"
    mi = "MATCH(som.indsats,vd.e_navn,0)"
    named = (
        f"IF(ISNUMBER(INDEX(vd.e_succesrate,{mi})),"
        f"IF(ABS(INDEX(vd.e_succesrate,{mi})-{rate}){tol},{mi},0),0)"
    )
    row = next((i for i, e in enumerate(effects, start=1) if e.id == chosen), 0)
    s.text(R_EFFECT - 1, cl, "Succesratens standard følger", f(bold=True))
    s.text(R_EFFECT, cl, "Effektens række i VD Effekter (0 = ingen)")
    s.formula(
        R_EFFECT,
        c,
        f"=IFERROR(IF(som.indsats={q(T.INGEN_INDSATS)},{by_group},{named}),0)",
        row,
    )
    m = a1(R_EFFECT, c, True)
    lo, hi = f"INDEX(vd.e_lav,{m})", f"INDEX(vd.e_hoej,{m})"
    s.text(R_EFFECT_OK, cl, "Intervallet bruges (1 = ja)")
    s.formula(
        R_EFFECT_OK,
        c,
        f"=IFERROR(IF({m}=0,0,IF(AND(ISNUMBER({lo}),ISNUMBER({hi}),{rate}>0),"
        f"IF({hi}>{lo},1,0),0)),0)",
        1 if ctx.v.standard_rate.dist == "normal" and _s0(ctx) > 0 else 0,
    )
    return m, a1(R_EFFECT_OK, c, True)


def _live_rate_row(
    ctx: BuildContext, s: Sheet, r: int, default: SheetRange, effect: str, ok: str
) -> None:
    """The success rate's yellow cells as live defaults: normal from the chosen effect's 95 %
    interval as factors on the net success rate where :func:`_rate_effect` uses it, else the
    stated rule (triangular, factors :data:`RULE_FACTORS`). A user's own numbers replace
    the formulas."""
    f = ctx.fmt
    rate = "som.succesrate_netto"
    tri, normal = (q(DIST_LABELS[d]) for d in ("triangular", "normal"))
    a, m, h = (repr(float(x)) for x in RULE_FACTORS)
    s.formula(r, C_DIST, f"=IF({ok}=1,{normal},{tri})", DIST_LABELS[default.dist], f.input())
    fmt = f.input("0.00")
    s.formula(r, C_LOW, f"=IF({ok}=1,INDEX(vd.e_lav,{effect})/{rate},{a})", default.low, fmt)
    s.formula(r, C_MODE, f"=IF({ok}=1,1,{m})", default.mode, fmt)
    s.formula(r, C_HIGH, f"=IF({ok}=1,INDEX(vd.e_hoej,{effect})/{rate},{h})", default.high, fmt)


def _built_for(ctx: BuildContext, s: Sheet, note: str, effect: str, ok: str) -> None:
    """A3: the defaults' note while the target group, intervention and net success rate are
    those the workbook was built for (stamped in hidden cells), else :func:`live_note`."""
    f = ctx.fmt
    inp = ctx.inp
    c, cl = C_STAMP, C_STAMP_LABEL
    s.ws.set_column(cl, c, 30, None, {"hidden": True})
    s0 = _s0(ctx)
    s.text(R_BUILT - 1, cl, "Standardintervallerne er sat for", f(bold=True))
    stamps = (("Målgruppe", inp.target_group), ("Indsats", inp.intervention), ("Succesrate", s0))
    for i, (label, value) in enumerate(stamps):
        s.text(R_BUILT + i, cl, label)
        s.value(R_BUILT + i, c, value)
    group, intervention, rate = (a1(R_BUILT + i, c, True) for i in range(3))
    same = (
        f"som.maalgruppe={group},som.indsats={intervention},"
        f"ABS(som.succesrate_netto-{rate})<=0.000000001"
    )
    s.text(R_BUILT_MATCH, cl, "Uændret (1 = ja)")
    s.formula(R_BUILT_MATCH, c, f"=IF(IFERROR(AND({same}),FALSE),1,0)", 1)
    match = a1(R_BUILT_MATCH, c, True)
    fmt = f.note(text_wrap=True, valign="top")
    s.ws.merge_range(R_INTRO + 1, 0, R_INTRO + 1, 9, "", fmt)
    s.formula(R_INTRO + 1, 0, f"=IF({match}=1,{_text(note)},{live_note(effect, ok)})", note, fmt)
    # sized for the note the workbook opens with, or the live one if that is longer (the
    # longest effect name); top-aligned, so a shorter text leaves no band above it
    longest = max((len(e.display) for e in ctx.bkb.effects), default=0)
    live_chars = len(LIVE_HEAD) + len(LIVE_NORMAL) + longest + len(_factors_text())
    s.ws.set_row(R_INTRO + 1, height(max(len(note), live_chars), NOTE_WIDTH))


def _pv_stamps(ctx: BuildContext) -> list[tuple[str, str, float]]:
    """The present values the Monte Carlo table depends on: label, live formula, value now.

    Each purse's costs and gains (so who pays, participants, costs, horizon, discount rate,
    price year and consequences are all covered) and the gains at 100 % success (the part
    the success rate's draws multiply)."""
    lay = ctx.lay
    v = ctx.v
    pvc = lay.calc_pv_col
    out: list[tuple[str, str, float]] = []
    for a, purse in enumerate(da.PURSE_LABELS.values()):
        for kind, series, word in (
            ("costs", v.purse_costs, "omkostninger"),
            ("gains", v.purse_gains, "gevinster"),
        ):
            value = float((series[a] * v.disc).sum())
            out.append(
                (f"{purse}: {word} (NV)", ref(T.BEREGNING, lay.calc_purse(kind, a), pvc), value)
            )
    g1 = float(v.trace.pv_gains_at_full_success)
    out.append(("Gevinster ved 100 % succes (NV)", ref(T.BEREGNING, lay.calc_rows["g1"], pvc), g1))
    return out


def _close(live: str, stamp: str) -> str:
    """The live value equals the stamp (to a relative 1e-6: the table is stamped as the
    engine computes it, the sheet sums the same flows in another order)."""
    return f"ABS({live}-{stamp})<=0.000001*IF(ABS({stamp})>1,ABS({stamp}),1)"


def _validation(s: Sheet, r: int, key: str) -> None:
    """The yellow cells of one input: the distribution from a list, numbers 0-100, with
    Danish help texts."""
    label = FACTOR_LABEL if key == "success_rate" else LABELS[key]
    s.ws.data_validation(
        r,
        C_DIST,
        r,
        C_DIST,
        {
            "validate": "list",
            "source": list(DIST_LABELS.values()),
            "input_title": "Fordeling"[:32],
            "input_message": "trekant: lav, typisk, høj. normal (95 %-interval): lav og høj er "
            "grænserne for et 95 %-interval, typisk er middelværdien.",
            "error_title": "Fordeling",
            "error_message": "Vælg trekant eller normal (95 %-interval).",
        },
    )
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
        s.formula(r, 1, _guarded(f"={low}"), t.low, fmt_x)
        s.formula(r, 2, _guarded(f"={high}"), t.high, fmt_x)
        s.formula(r, 3, _guarded("=" + net[key](a1(r, 1))), t.net_low, f(num_format=KR))
        s.formula(r, 4, _guarded("=" + net[key](a1(r, 2))), t.net_high, f(num_format=KR))
        swing = _guarded(f"=ABS({a1(r, 4)}-{a1(r, 3)})")
        s.formula(r, 5, swing, t.swing, f(num_format=KR))
        sv: Any = t.switching_value if t.switching_value is not None else "ingen"
        fmt_sv = f(num_format=PCT if pct else "0.00", align="right")
        s.formula(r, 6, _guarded(switch[key]), sv, fmt_sv)
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
    ranges: dict[str, SheetRange],
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
    for c, h in ((C_DIST, "Fordeling"), (C_LOW, "Lav"), (C_MODE, "Typisk"), (C_HIGH, "Høj")):
        s.text(r0 + 2, c, h, f.header())
    checks = []
    for i, key in enumerate(INPUTS):
        r = r0 + 3 + i
        dist, *values = ranges[key]
        s.text(r, 0, FACTOR_LABEL if key == "success_rate" else LABELS[key])
        s.text(r, C_DIST, DIST_LABELS[dist])
        for c, v in zip((C_LOW, C_MODE, C_HIGH), values, strict=True):
            s.number(r, c, v, f(num_format="0.00"))
        stamped = (a1(r, c, True) for c in (C_DIST, C_LOW, C_MODE, C_HIGH))
        # the distribution's name equal, the numbers to 1e-12 (a live default computes
        # low / rate; the stamp holds the value rounded to the 16 digits the file stores)
        pairs = list(zip(yellow[4 * i : 4 * i + 4], stamped, strict=True))
        checks.append(f"{pairs[0][0]}={pairs[0][1]}")
        checks += [f"IFERROR(ABS({y}-{x})<=0.000000000001,FALSE)" for y, x in pairs[1:]]
    r = r0 + 3 + len(INPUTS)
    s.text(r, 0, "Nettoresultat (nutidsværdi), centralt")
    s.number(r, 1, mc.central, f(num_format=KR))
    checks.append(_close("som.nettoresultat_nv", a1(r, 1, True)))
    s.text(R_PV_STAMP - 1, C_STAMP_LABEL, "Monte Carlo-tabellen er beregnet med", f(bold=True))
    for i, (label, live, value) in enumerate(_pv_stamps(ctx)):
        s.text(R_PV_STAMP + i, C_STAMP_LABEL, label)
        s.number(R_PV_STAMP + i, C_STAMP, value)
        checks.append(_close(live, a1(R_PV_STAMP + i, C_STAMP, True)))
    r += 1
    assert r == R_STATUS
    s.text(r, 0, "Status")
    s.formula(
        r,
        1,
        _guarded(f"=IF(AND({','.join(checks)}),{q(FRESH)},{q(STALE)})"),
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
    assert r == R_MC_TABLE
    heads = ["", "P(netto > 0)", "Middelværdi", *(f"{p} %-fraktil" for p in QUANTILES)]
    for c, h in enumerate(heads):
        s.text(r, c, h, f.header())
    groups = [(da.TOTAL, mc.total)]
    groups += [(da.PURSE_LABELS[p], mc.by_purse[p]) for p in MC_GROUPS[1:]]
    for i, (label, summary) in enumerate(groups):
        rr = r + 1 + i
        s.text(rr, 0, label)
        s.number(rr, 1, summary.p_net_positive, f(num_format=CHANCE))
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
