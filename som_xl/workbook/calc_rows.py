"""*Beregning* as a row specification: label, formula template and trace field on one line.

Every row of year columns on the calculation sheet is one line below: its key, its Danish
label, its row, its formula template (year column t's Excel formula, from the layout), the
field of the engine's trace it must equal, and its look (:class:`~.calc_spec.CalcRow`; the
vocabulary is in :mod:`som_xl.workbook.calc_spec`). The writer
(:mod:`som_xl.workbook.sheets.calculation`) writes each row from here: the formula from the
template, the cached value from the trace field. The tests
(``tests/workbook/test_calc_rows.py``) recalculate each row and compare it with the same
field, so a formula that drifts from its field fails without LibreOffice.

Every year row has a trace field. The cells without one are lookups of inputs, the factor
column (E) of the gain and cost rows: each a :class:`~.calc_spec.CalcCell` with
``field=None`` and the reason; the rows that use them are checked against the trace. The
text columns (A to D: description, kind, purse, budget item) are labels and lookups of
labels, written by the sheet's writer.

Examples
--------
>>> from .layout import Counts, Layout
>>> lay = Layout(Counts(1, 1, 1, 1, 10, 0, 1, 1, 1, 1, 1))
>>> succ = spec(lay, ("Skat",)).row("succ")
>>> succ.label, succ.field, succ.formula(lay, 1)
('Heraf med succes (× succesrate)', Row(attr='successes'), '=I11*som.prognose_succesrate')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..conventions import DIRECTION_LABELS, PURSE_LABELS, STATUS_LABELS
from . import layout as L
from . import text as T
from .calc_spec import (
    AssumedUnits,
    CalcCell,
    CalcRow,
    CalcSpec,
    Cell,
    CostRow,
    Figure,
    Gain,
    Group,
    Item,
    KommuneItem,
    Look,
    Purse,
    PurseNet,
    Row,
    Template,
    Total,
    TotalFlag,
    Units,
    UnitsDuring,
)
from .layout import (
    N_COMMITTEES,
    N_COST_ROWS,
    N_DURING,
    N_PART_COSTS,
    N_RESOURCES,
    N_YEAR_COSTS,
    Layout,
    col,
    ref,
    rng,
)
from .style import FACTOR, INT, KR, KR2, TOL, UNITS, YEAR, q

if TYPE_CHECKING:
    from .values import Values

__all__ = ["PURSES", "spec"]

#: The purses in the order of the sheet's gain rows and splits.
PURSES = tuple(PURSE_LABELS)


def spec(lay: Layout, budget_items: Sequence[str]) -> CalcSpec:
    """*Beregning*'s rows, top to bottom, for a layout and the budget items' labels.

    Parameters
    ----------
    lay : Layout
        Where everything is.
    budget_items : sequence of str
        The budget items' labels in the knowledge base's order (the rows per item).

    Returns
    -------
    CalcSpec

    Examples
    --------
    >>> from .layout import Counts
    >>> lay = Layout(Counts(1, 1, 1, 1, 10, 0, 1, 1, 1, 2, 1))
    >>> rows = spec(lay, ("Skat", "Sundhed")).rows
    >>> [r.key for r in rows][8:12]
    ['g1', 'gd', 'units.0', 'during.0']
    >>> rows[-1].key, rows[-1].field
    ('assumed.6', AssumedUnits(block=6))
    """
    blocks = [r for i in range(lay.cons_blocks) for r in _block_rows(lay, i)]
    costs = [_cost_row(lay, n) for n in range(N_COST_ROWS)]
    rows = (
        *_time_rows(lay),
        *blocks,
        *costs,
        *_total_rows(lay),
        *_purse_rows(lay),
        *_item_rows(lay, budget_items),
        *_kitem_rows(lay, budget_items),
        *_committee_rows(lay),
        *_figure_rows(lay),
        *(_assumed_row(lay, i) for i in range(lay.cons_blocks)),
    )
    cells = [c for i in range(lay.cons_blocks) for c in _gain_factors(lay, i)]
    cells += [_cost_factor(lay, n) for n in range(N_COST_ROWS)]
    cells += [_assumed_first(lay, i) for i in range(lay.cons_blocks)]
    return CalcSpec(rows, tuple(cells))


# --- the time rows ----------------------------------------------------------------------


def _time_rows(lay: Layout) -> list[CalcRow]:
    """Year, t, horizon, rate, discount factor, starters, ended, successes, g1."""
    R = lay.calc_rows
    label = T.CALC_ROWS
    pv_g1 = "pv_gains_at_full_success"
    return [
        CalcRow("year", label["year"], R["year"], _year, Row("years"), Look(YEAR, style="header")),
        CalcRow("t", label["t"], R["t"], _t, Row("t"), Look(INT, style="note"), label_bold=False),
        CalcRow("in_h", label["in_h"], R["in_h"], _in_h, Row("in_horizon"), Look(INT), label_bold=False),  # noqa: E501
        CalcRow("rate", label["rate"], R["rate"], _rate, Row("rates"), Look("0.00%"), label_bold=False),  # noqa: E501
        CalcRow("disc", label["disc"], R["disc"], _disc, Row("discount"), Look(FACTOR, True), label_bold=True),  # noqa: E501
        CalcRow("starters", label["starters"], R["starters"], _starters, Row("starters"), Look("#,##0.##"), label_bold=False),  # noqa: E501
        CalcRow("ended", label["ended"], R["ended"], _ended, Row("ended"), Look("#,##0.##"), label_bold=False),  # noqa: E501
        CalcRow("succ", label["succ"], R["succ"], _succ, Row("successes"), Look("#,##0.00", True), label_bold=True),  # noqa: E501
        CalcRow("g1", label["g1"], R["g1"], _g1, Row("gains_at_full_success"), Look(KR), pv=True, pv_field=pv_g1, label_bold=False),  # noqa: E501
        CalcRow("gd", label["gd"], R["gd"], _gd, Row("gains_during"), Look(KR), pv=True, pv_field="pv_gains_during", label_bold=False),  # noqa: E501
    ]  # fmt: skip


def _tcell(lay: Layout, key: str, t: int, abs_row: bool = True) -> str:
    """Year t's cell of a time row."""
    return lay.year_cell(lay.calc_rows[key], t, abs_row)


def _year(lay: Layout, t: int) -> str:
    return f"=som.startaar+{_tcell(lay, 't', t)}"


def _t(lay: Layout, t: int) -> Cell:
    return Cell.CONSTANT


def _in_h(lay: Layout, t: int) -> str:
    return f"=IF({_tcell(lay, 't', t)}<som.horisont,1,0)"


def _rate(lay: Layout, t: int) -> str | Cell:
    if t == 0:
        return Cell.EMPTY
    return (
        f"=IF(som.diskontering={q(T.FAST_RENTE)},som.diskonteringsrente,"
        "INDEX(vd.rentesatser,MATCH(som.diskontering,vd.rente_navne,0),"
        f"{_tcell(lay, 't', t)}))"
    )


def _disc(lay: Layout, t: int) -> str | Cell:
    if t == 0:
        return Cell.CONSTANT
    return f"={_tcell(lay, 'disc', t - 1, False)}/(1+{_tcell(lay, 'rate', t, False)})"


def _starters(lay: Layout, t: int) -> str:
    """The planned participants, or the realised ones where Opfølgning has them (§3.19)."""
    n = f"{_tcell(lay, 't', t)}+1"
    real = f"INDEX(som.real_deltagere,{n})"
    return f'=IF({_tcell(lay, "in_h", t)}=1,IF({real}="",INDEX(som.deltagere,{n}),{real}),0)'


def _ended(lay: Layout, t: int) -> str:
    R = lay.calc_rows
    starters = rng(None, R["starters"], lay.year_col, R["starters"], lay.last_year_col)
    tt = _tcell(lay, "t", t)
    return f"=IF({tt}+1-som.forloebsaar>=0,INDEX({starters},1,{tt}+2-som.forloebsaar),0)"


def _succ(lay: Layout, t: int) -> str:
    return f"={_tcell(lay, 'ended', t, False)}*som.prognose_succesrate"


def _convolution(lay: Layout, t: int, row: str, factor: Callable[[int], str]) -> str:
    """Σ_k row(t − k) × factor(k) within the horizon, term by term (=0 in year 0)."""
    k_len = lay.cons_years
    terms = [f"{_tcell(lay, row, t - k)}*{factor(k)}" for k in range(1, min(k_len, t) + 1)]
    return f"=IF({_tcell(lay, 'in_h', t)}=1,{'+'.join(terms)},0)" if terms else "=0"


def _g1(lay: Layout, t: int) -> str:
    """g1 = the gains after the course at 100 % success: Σ_i (U1_i × gain per unit − og ×
    |U1_i| × Σ|price|), U1_i block i's units at full success (its units row): the optimism
    bias on each consequence's flow of the year (§3.14)."""
    c = col(lay.year_col + t)
    pc = lay.cons_price_col
    terms = []
    for i in range(lay.cons_blocks):
        kr_ = lay.cons_block_row(i)
        u = f"{c}{lay.calc_block_row(i) + 1}"
        e = ref(T.KONSEKVENSER, kr_, pc + 3)
        prices = "+".join(f"ABS({ref(T.KONSEKVENSER, kr_, pc + a)})" for a in range(3))
        terms.append(f"{u}*{e}-som.optimisme_gev*ABS({u})*({prices})")
    return f"=IF({_tcell(lay, 'in_h', t)}=1,{'+'.join(terms)},0)"


def _during_sum(lay: Layout, t: int, row: str, factor: Callable[[int], str]) -> str:
    """Σ_l row(t − l + 1) × factor(l), l = 1..N_DURING, within the horizon (som-method §3.10)."""
    terms = [f"{_tcell(lay, row, t - n)}*{factor(n)}" for n in range(min(N_DURING, t + 1))]
    return f"=IF({_tcell(lay, 'in_h', t)}=1,{'+'.join(terms)},0)"


def _gd(lay: Layout, t: int) -> str:
    """gd = Σ_l starters(t − l + 1) × V(l), V(l) on Konsekvenser."""

    def v(n: int) -> str:
        return ref(T.KONSEKVENSER, lay.cons_summary_row, lay.cons_during_col + n)

    return _during_sum(lay, t, "starters", v)


# --- consequence blocks and cost rows -----------------------------------------------------


def _block_rows(lay: Layout, i: int) -> list[CalcRow]:
    """Block i: units after the course at 100 % success (Σ ended courses × profile × the
    drop-off factor), units during it (Σ starters × during-course values), then the gain
    per purse (s × units × factor + units during × factor, each with the optimism bias)."""
    br = lay.calc_block_row(i)
    return [
        CalcRow(f"units.{i}", T.KIND_UNITS, br, _units(i), Units(i), Look(UNITS, style="block"), total=True, group="units"),  # noqa: E501
        CalcRow(f"during.{i}", T.KIND_UNITS_DURING, lay.calc_during_row(i), _units_during(i), UnitsDuring(i), Look(UNITS), total=True, group="units"),  # noqa: E501
        *(CalcRow(f"gain.{i}.{p}", f"{T.KIND_GAIN}, {PURSE_LABELS[p].lower()}", lay.calc_gain_row(i, a), _gain(i, a), Gain(i, a), Look(KR), total=True, pv=True, group="gain")  # noqa: E501
          for a, p in enumerate(PURSES)),
    ]  # fmt: skip


def _units(i: int) -> Template:
    def units(lay: Layout, t: int) -> str:
        kr_ = lay.cons_block_row(i)

        def used(k: int) -> str:  # the value used × the drop-off factor (§3.12)
            c = lay.cons_profile_col + k - 1
            return f"{ref(T.KONSEKVENSER, kr_ + 2, c)}*{ref(T.KONSEKVENSER, lay.cons_drop_row, c)}"

        return _convolution(lay, t, "ended", used)

    return units


def _assumed_row(lay: Layout, i: int) -> CalcRow:
    """Block i's units from its assumed profile years at 100 % success (provenance, §4)."""
    r = lay.calc_assumed_row(i)
    return CalcRow(f"assumed.{i}", T.KIND_UNITS_ASSUMED, r, _assumed_units(i), AssumedUnits(i), Look(UNITS), total=True, group="assumed")  # noqa: E501  # fmt: skip


#: Why the first assumed year has no trace field (the row using it is checked instead).
ASSUMED_FIRST_REASON = (
    "a lookup: VD Konsekvenser's 'Antaget fra år' for a knowledge-base block shown with its "
    "own status (0 for 'egen', an illustrative row, an own or empty block); the trace has "
    "the assumed years' units only. Checked through assumed.i, which it selects the years of"
)


def _assumed_first(lay: Layout, i: int) -> CalcCell:
    """Column E of block i's assumed-units row: its first assumed profile year (0: none)."""
    r = lay.calc_assumed_row(i)
    return CalcCell(f"factor.assumed_from.{i}", f"{T.KIND_UNITS_ASSUMED}: første antagne år", r, L.B_FACTOR, _assumed_first_formula(i), None, ASSUMED_FIRST_REASON, Look(INT), _assumed_first_value(i))  # noqa: E501  # fmt: skip


def _assumed_first_formula(i: int) -> Callable[[Layout], str]:
    def formula(lay: Layout) -> str:
        if i >= lay.counts.max_cons:  # an own consequence: never assumed
            return "=0"
        kr_ = lay.cons_block_row(i)
        status = ref(T.KONSEKVENSER, kr_, L.K_STATUS)
        vdrow = ref(T.KONSEKVENSER, kr_, lay.cons_price_col + 5)
        shown = ",".join(f"{status}={q(x)}" for x in (STATUS_LABELS["illustrative"], T.EGEN))
        # SUM, not N: Gnumeric's N() of a blank cell is #NUM! (Excel and LibreOffice give 0)
        return f'=IF(OR({status}="",{shown},{vdrow}=0),0,SUM(INDEX(vd.k_antaget,{vdrow})))'

    return formula


def _assumed_first_value(i: int) -> Callable[[Values], float]:
    """The block's first assumed year as the sheet shows it: the knowledge base's, where the
    block shows the row's own status (no own value, during-course value or tail)."""

    def value(v: Values) -> float:
        inp = v.inputs
        if i >= v.layout.counts.max_cons or v.cons[i].price_row < 0 or v.vd_rows[i] <= 0:
            return 0.0
        if inp.overrides[i] or inp.during_of(i) or inp.tail_of(i)[0]:
            return 0.0
        c = v.bkb.consequences[v.vd_rows[i] - 1]
        return float(c.assumed_from or 0) if c.status != "illustrative" else 0.0

    return value


def _assumed_units(i: int) -> Template:
    """As the block's units (Σ ended courses × the value used × the drop-off factor), the
    years k before the first assumed year (column E; 0 = none) left out."""

    def units(lay: Layout, t: int) -> str:
        kr_ = lay.cons_block_row(i)
        first = f"$E{lay.calc_assumed_row(i) + 1}"

        def used(k: int) -> str:
            c = lay.cons_profile_col + k - 1
            value = ref(T.KONSEKVENSER, kr_ + 2, c)
            return f"({first}<={k})*{value}*{ref(T.KONSEKVENSER, lay.cons_drop_row, c)}"

        terms = [
            f"{_tcell(lay, 'ended', t - k)}*{used(k)}" for k in range(1, min(lay.cons_years, t) + 1)
        ]
        if not terms:
            return "=0"
        return f"=IF(AND({_tcell(lay, 'in_h', t)}=1,{first}>0),{'+'.join(terms)},0)"

    return units


def _units_during(i: int) -> Template:
    def units(lay: Layout, t: int) -> str:
        kr_ = lay.cons_block_row(i)
        return _during_sum(
            lay, t, "starters", lambda n: ref(T.KONSEKVENSER, kr_ + 2, lay.cons_during_col + n)
        )

    return units


def _gain(i: int, a: int) -> Template:
    def gain(lay: Layout, t: int) -> str:
        c = col(lay.year_col + t)
        factor = f"$E{lay.calc_gain_row(i, a) + 1}"
        after, during = f"{c}{lay.calc_block_row(i) + 1}", f"{c}{lay.calc_during_row(i) + 1}"
        # s × the units at full success, and the optimism bias on each flow (§3.14):
        # g × (1 − og × SIGN(g))
        g_a, g_d = f"{after}*{factor}", f"{during}*{factor}"
        og = "som.optimisme_gev"
        return f"=som.prognose_succesrate*({g_a}*(1-{og}*SIGN({g_a})))+{g_d}*(1-{og}*SIGN({g_d}))"

    return gain


#: Why the factor column has no trace field (the rows using it are checked instead).
GAIN_FACTOR_REASON = (
    "a lookup: the purse's price on Konsekvenser (from Priser), signed by the direction; the "
    "trace has it only for the consequences in the calculation (unit_gains), while the sheet "
    "shows it for every block. Checked through gain.i.purse = units × this cell"
)
COST_FACTOR_REASON = (
    "a lookup: the sign (Sparet = −1) × the price-index factor, from Omkostninger and "
    "VD Indeks; the trace's cost lines are already converted. Checked through cost.n = "
    "amount × this cell"
)


def _gain_factors(lay: Layout, i: int) -> list[CalcCell]:
    """Column E of block i's gain rows: the gain per unit for each purse."""
    return [
        CalcCell(f"factor.gain.{i}.{p}", f"{T.KIND_GAIN}, {PURSE_LABELS[p].lower()}: kr. pr. enhed", lay.calc_gain_row(i, a), L.B_FACTOR, _gain_factor(i, a), None, GAIN_FACTOR_REASON, Look(KR2), _unit_gain(i, a))  # noqa: E501
        for a, p in enumerate(PURSES)
    ]  # fmt: skip


def _unit_gain(i: int, a: int) -> Callable[[Values], float]:
    """Block i's price for purse a, signed: −1 for an expenditure, +1 for a revenue."""

    def value(v: Values) -> float:
        pr = v.prices[v.cons[i].price_row] if v.cons[i].price_row >= 0 else None
        sign = 1.0 if pr is not None and pr.direction == "revenue" else -1.0
        return float(v.cons_prices[i, a]) * sign

    return value


def _gain_factor(i: int, a: int) -> Callable[[Layout], str]:
    def factor(lay: Layout) -> str:
        kr_ = lay.cons_block_row(i)
        revenue = q(DIRECTION_LABELS["revenue"])
        return (
            f"=IF({ref(T.KONSEKVENSER, kr_, L.K_DIR)}={revenue},1,-1)"
            f"*{ref(T.KONSEKVENSER, kr_, lay.cons_price_col + a)}"
        )

    return factor


def _cost_row(lay: Layout, n: int) -> CalcRow:
    """Cost row n: a yearly amount or an amount per starter, times the factor (E)."""
    r = lay.calc_cost_first + n
    return CalcRow(f"cost.{n}", T.KIND_COST, r, _cost(n), CostRow(n), Look(KR), total=True, pv=True, group="cost")  # noqa: E501  # fmt: skip


def _cost_source(lay: Layout, n: int) -> int:
    """Cost row n's row on Omkostninger (or on Omkostningsvurdering for a resource row)."""
    if n < N_YEAR_COSTS:
        return lay.ycost_rows[n]
    if n < N_YEAR_COSTS + N_PART_COSTS:
        return lay.pcost_rows[n - N_YEAR_COSTS]
    return lay.ov_rows[n - N_YEAR_COSTS - N_PART_COSTS]


def real_costs(lay: Layout, t: int) -> str:
    """Year t's realised costs on Opfølgning (blank where none are given)."""
    return f"INDEX(som.real_omkostninger,{_tcell(lay, 't', t)}+1)"


def _biased(x: str) -> str:
    """The optimism bias on a cost (§3.14): a cost × (1 + oc), a saved cost × (1 − oc)."""
    return f"{x}*(1+som.optimisme_omk*SIGN({x}))"


def _cost(n: int) -> Template:
    """Cost row n; in a year with realised costs every planned row is 0 (§3.19)."""

    def cost(lay: Layout, t: int) -> str:
        r = lay.calc_cost_first + n
        in_h = _tcell(lay, "in_h", t)
        if r == lay.calc_real_cost:  # optimism bias on realised costs too (§3.19)
            return f"=IF({in_h}=1,{_biased(f'SUM({real_costs(lay, t)})')},0)"
        o = _cost_source(lay, n)
        planned = f'AND({in_h}=1,{real_costs(lay, t)}="")'
        if n < N_YEAR_COSTS:
            amount = ref(T.OMKOSTNINGER, o, lay.cost_year_col + t, False)
            x = f"{amount}*$E{r + 1}"
        elif n < N_YEAR_COSTS + N_PART_COSTS:
            amount = ref(T.OMKOSTNINGER, o, lay.cost_amount_col)
            x = f"{amount}*$E{r + 1}*{_tcell(lay, 'starters', t)}"
        else:
            qty = ref(T.OMKOSTNINGSVURDERING, o, lay.ov_year_col + t, False)
            x = f"{qty}*$E{r + 1}"
        return f"=IF({planned},{_biased(x)},0)"

    return cost


def _cost_factor(lay: Layout, n: int) -> CalcCell:
    """Column E of cost row n: the sign (saved = −1) × the price-index factor."""
    r = lay.calc_cost_first + n
    return CalcCell(f"factor.cost.{n}", f"{T.KIND_COST}: faktor", r, L.B_FACTOR, _cost_factor_formula(n), None, COST_FACTOR_REASON, Look(FACTOR), lambda v: v.costs[n].factor)  # noqa: E501  # fmt: skip


def _cost_factor_formula(n: int) -> Callable[[Layout], str]:
    def factor(lay: Layout) -> str:
        if n >= N_YEAR_COSTS + N_PART_COSTS + N_RESOURCES:
            return "=1"  # the realised costs: kr. as written
        o = _cost_source(lay, n)
        if n >= N_YEAR_COSTS + N_PART_COSTS:  # kr. per årsværk or time incl. overhead

            def ov(column: int) -> str:
                return ref(T.OMKOSTNINGSVURDERING, o, column)

            return (
                f'={ov(L.OV_WAGE)}*(1+{ov(L.OV_OVERHEAD)})*IF({ov(L.OV_YEAR)}="",1,'
                f"som.prisindeks/INDEX(vd.indeks,MATCH({ov(L.OV_YEAR)},vd.indeks_aar,0)))"
            )

        def om(column: int) -> str:
            return ref(T.OMKOSTNINGER, o, column)

        return (
            f'=IF({om(L.C_KIND)}={q(T.ART_SPARET)},-1,1)*IF({om(L.C_YEAR)}="",1,'
            f"som.prisindeks/INDEX(vd.indeks,MATCH({om(L.C_YEAR)},vd.indeks_aar,0)))"
        )

    return factor


# --- totals, splits and chart data --------------------------------------------------------


def _span(lay: Layout, t: int) -> str:
    """Year t's column over every consequence and cost row."""
    c = col(lay.year_col + t)
    return f"{c}${lay.calc_cons_first + 1}:{c}${lay.calc_cost_last + 1}"


def _label_column(lay: Layout, column: int) -> str:
    """A label column (kind, purse, budget item) over every consequence and cost row."""
    return rng(None, lay.calc_cons_first, column, lay.calc_cost_last, column)


def _total_rows(lay: Layout) -> list[CalcRow]:
    """Costs, gains, net, discounted net, cumulative (discounted and not), break-even flag."""
    label, rows = T.CALC_ROWS, lay.calc_totals
    bold = Look(KR, True)
    return [
        CalcRow("costs", label["costs"], rows["costs"], _sumifs(T.KIND_COST), Total("costs_t"), Look(KR, False), total=True, pv=True, sum_look=bold, group="total", label_bold=False),  # noqa: E501
        CalcRow("gains", label["gains"], rows["gains"], _sumifs(T.KIND_GAIN), Total("gains_t"), Look(KR, False), total=True, pv=True, sum_look=bold, group="total", label_bold=False),  # noqa: E501
        CalcRow("net", label["net"], rows["net"], _net, Total("net_t"), bold, total=True, pv=True, group="total", label_bold=True),  # noqa: E501
        CalcRow("dnet", label["dnet"], rows["dnet"], _dnet, Total("discounted_net_t"), Look(KR, False), total=True, sum_look=bold, group="total", label_bold=False),  # noqa: E501
        CalcRow("cum", label["cum"], rows["cum"], _cum("dnet", "cum"), Total("cumulative_discounted_net_t"), bold, group="total", label_bold=True),  # noqa: E501
        CalcRow("cum_u", label["cum_u"], rows["cum_u"], _cum("net", "cum_u"), Total("cumulative_net_t"), Look(KR, False), group="total", label_bold=False),  # noqa: E501
        CalcRow("flag", label["flag"], rows["flag"], _flag, TotalFlag(), Look(INT), group="total", label_bold=False),  # noqa: E501
    ]  # fmt: skip


def _total_cell(lay: Layout, key: str, t: int) -> str:
    """Year t's cell of a total row (relative row)."""
    return lay.year_cell(lay.calc_totals[key], t, False)


def _sumifs(kind: str) -> Template:
    def total(lay: Layout, t: int) -> str:
        return f"=SUMIFS({_span(lay, t)},{_label_column(lay, L.B_KIND)},{q(kind)})"

    return total


def _net(lay: Layout, t: int) -> str:
    return f"={_total_cell(lay, 'gains', t)}-{_total_cell(lay, 'costs', t)}"


def _dnet(lay: Layout, t: int) -> str:
    return f"={_total_cell(lay, 'net', t)}*{_tcell(lay, 'disc', t)}"


def _cum(flow: str, key: str) -> Template:
    def cum(lay: Layout, t: int) -> str:
        if t == 0:
            return f"={_total_cell(lay, flow, t)}"
        return f"={_total_cell(lay, key, t - 1)}+{_total_cell(lay, flow, t)}"

    return cum


def _flag(lay: Layout, t: int) -> str:
    """Break-even flag: counted from the first year with a cost or gain of any purse."""
    flows = _started(lay, lay.calc_purse("costs", 0), lay.calc_purse("gains", 2), t)
    cum = _total_cell(lay, "cum", t)
    return f"=IF(AND({_tcell(lay, 'in_h', t)}=1,{flows}>0,{cum}>={TOL}),1,0)"


def _started(lay: Layout, r1: int, r2: int, t: int) -> str:
    """How many non-zero cells rows r1..r2 hold from the first year to year t."""
    block = f"${col(lay.year_col)}${r1 + 1}:{col(lay.year_col + t)}${r2 + 1}"
    return f'COUNTIF({block},"<>0")'


def _group_cum(net_row: Callable[[Layout], int], row: Callable[[Layout], int]) -> Template:
    """Cumulative discounted net of a purse or committee."""

    def cum(lay: Layout, t: int) -> str:
        here = f"{lay.year_cell(net_row(lay), t, False)}*{_tcell(lay, 'disc', t)}"
        if t == 0:
            return f"={here}"
        return f"={lay.year_cell(row(lay), t - 1, False)}+{here}"

    return cum


def _group_flag(
    costs: Callable[[Layout], int], gains: Callable[[Layout], int], cum: Callable[[Layout], int]
) -> Template:
    """A group's break-even flag: inside the horizon, after its first flow, cum ≥ 0."""

    def flag(lay: Layout, t: int) -> str:
        c, g = costs(lay), gains(lay)
        started = f"{_started(lay, c, c, t)}+{_started(lay, g, g, t)}"
        here = lay.year_cell(cum(lay), t, False)
        return f"=IF(AND({_tcell(lay, 'in_h', t)}=1,{started}>0,{here}>={TOL}),1,0)"

    return flag


def _purse_rows(lay: Layout) -> list[CalcRow]:
    """Costs, gains and net per purse (the SUMIFS select by the kind and purse columns)."""
    out: list[CalcRow] = []
    for a, p in enumerate(PURSES):
        name = PURSE_LABELS[p].lower()
        costs, gains = _selected("costs", a, L.B_PURSE), _selected("gains", a, L.B_PURSE)
        # fmt: off
        out += [
            CalcRow(f"purse.costs.{p}", T.CALC_PURSE_COSTS + name, lay.calc_purse("costs", a), costs, Purse("costs_by_purse", a), Look(KR), total=True, pv=True, group="purse"),  # noqa: E501
            CalcRow(f"purse.gains.{p}", T.CALC_PURSE_GAINS + name, lay.calc_purse("gains", a), gains, Purse("gains_by_purse", a), Look(KR), total=True, pv=True, group="purse"),  # noqa: E501
            CalcRow(f"purse.net.{p}", T.CALC_PURSE_NET + name, lay.calc_purse("net", a), _purse_net(a), PurseNet(a), Look(KR), total=True, pv=True, group="purse"),  # noqa: E501
        ]
        # fmt: on
    for kind in ("cum", "flag"):
        for a, p in enumerate(PURSES):

            def row(k: str, a: int = a) -> Callable[[Layout], int]:
                return lambda la: la.calc_purse(k, a)

            name = PURSE_LABELS[p].lower()
            if kind == "cum":
                out.append(CalcRow(f"purse.cum.{p}", T.CALC_GROUP_CUM + name, lay.calc_purse("cum", a), _group_cum(row("net"), row("cum")), Group("cum", purse=a), Look(KR), group="purse"))  # noqa: E501  # fmt: skip
            else:
                out.append(CalcRow(f"purse.flag.{p}", T.CALC_GROUP_FLAG + name, lay.calc_purse("flag", a), _group_flag(row("costs"), row("gains"), row("cum")), Group("flag", purse=a), Look(INT), group="purse"))  # noqa: E501  # fmt: skip
    return out


def _selected(kind: str, index: int, column: int) -> Template:
    """Year t of the rows whose kind (B) and purse (C) or budget item (D) are this row's."""

    def selected(lay: Layout, t: int) -> str:
        r = lay.calc_purse(kind, index) if column == L.B_PURSE else lay.calc_item(kind, index)
        kinds, tags = _label_column(lay, L.B_KIND), _label_column(lay, column)
        mine = f"${col(column)}{r + 1}"
        return f"=SUMIFS({_span(lay, t)},{kinds},$B{r + 1},{tags},{mine})"

    return selected


def _purse_net(a: int) -> Template:
    def net(lay: Layout, t: int) -> str:
        yc = col(lay.year_col + t)
        return f"={yc}{lay.calc_purse('gains', a) + 1}-{yc}{lay.calc_purse('costs', a) + 1}"

    return net


def _item_rows(lay: Layout, budget_items: Sequence[str]) -> list[CalcRow]:
    """Costs and gains per budget item (the SUMIFS select by the kind and item columns)."""
    out: list[CalcRow] = []
    for b, label in enumerate(budget_items):
        costs, gains = _selected("costs", b, L.B_ITEM), _selected("gains", b, L.B_ITEM)
        # fmt: off
        out += [
            CalcRow(f"item.costs.{b}", T.CALC_PURSE_COSTS + label, lay.calc_item("costs", b), costs, Item("costs_by_budget_item", b), Look(KR), total=True, pv=True, group="item"),  # noqa: E501
            CalcRow(f"item.gains.{b}", T.CALC_PURSE_GAINS + label, lay.calc_item("gains", b), gains, Item("gains_by_budget_item", b), Look(KR), total=True, pv=True, group="item"),  # noqa: E501
        ]
        # fmt: on
    return out


def _kitem_rows(lay: Layout, budget_items: Sequence[str]) -> list[CalcRow]:
    """The kommune's costs and gains per budget item (SUMIFS by kind, purse and item)."""
    out: list[CalcRow] = []
    for b, label in enumerate(budget_items):
        # fmt: off
        out += [
            CalcRow(f"kitem.costs.{b}", T.CALC_KOMMUNE_COSTS + label, lay.calc_kitem("costs", b), _kitem("costs", b), KommuneItem("costs", b), Look(KR), total=True, pv=True, group="kitem"),  # noqa: E501
            CalcRow(f"kitem.gains.{b}", T.CALC_KOMMUNE_GAINS + label, lay.calc_kitem("gains", b), _kitem("gains", b), KommuneItem("gains", b), Look(KR), total=True, pv=True, group="kitem"),  # noqa: E501
        ]
        # fmt: on
    return out


def _kitem(kind: str, b: int) -> Template:
    def selected(lay: Layout, t: int) -> str:
        r = lay.calc_kitem(kind, b) + 1
        kinds = _label_column(lay, L.B_KIND)
        purses = _label_column(lay, L.B_PURSE)
        items = _label_column(lay, L.B_ITEM)
        return f"=SUMIFS({_span(lay, t)},{kinds},$B{r},{purses},$C{r},{items},$D{r})"

    return selected


def _committee_rows(lay: Layout) -> list[CalcRow]:
    """Per committee: the kommune's costs and gains over its budget items, net, cum, flag."""
    out: list[CalcRow] = []
    for c in range(N_COMMITTEES):

        def row(kind: str, c: int = c) -> Callable[[Layout], int]:
            return lambda la: la.calc_com(kind, c)

        label = T.CALC_COMMITTEE_ROWS
        # fmt: off
        out += [
            CalcRow(f"com.costs.{c}", label["costs"], lay.calc_com("costs", c), _com_sum("costs", c), Group("costs", committee=c), Look(KR), total=True, pv=True, group="com"),  # noqa: E501
            CalcRow(f"com.gains.{c}", label["gains"], lay.calc_com("gains", c), _com_sum("gains", c), Group("gains", committee=c), Look(KR), total=True, pv=True, group="com"),  # noqa: E501
            CalcRow(f"com.net.{c}", label["net"], lay.calc_com("net", c), _com_net(c), Group("net", committee=c), Look(KR, True), total=True, pv=True, group="com"),  # noqa: E501
            CalcRow(f"com.cum.{c}", label["cum"], lay.calc_com("cum", c), _group_cum(row("net"), row("cum")), Group("cum", committee=c), Look(KR), group="com"),  # noqa: E501
            CalcRow(f"com.flag.{c}", label["flag"], lay.calc_com("flag", c), _group_flag(row("costs"), row("gains"), row("cum")), Group("flag", committee=c), Look(INT), group="com"),  # noqa: E501
        ]
        # fmt: on
    return out


def _com_sum(kind: str, c: int) -> Template:
    """A committee's costs or gains: the kommune's item rows whose committee (E) is its own."""

    def total(lay: Layout, t: int) -> str:
        r = lay.calc_com(kind, c) + 1
        k1, k2 = lay.calc_kitem("costs", 0), lay.calc_kitem("gains", lay.counts.budget_items - 1)
        yc = col(lay.year_col + t)
        kinds = rng(None, k1, L.B_KIND, k2, L.B_KIND)
        coms = rng(None, k1, L.B_FACTOR, k2, L.B_FACTOR)
        return f"=SUMIFS({yc}${k1 + 1}:{yc}${k2 + 1},{kinds},$B{r},{coms},$E{r})"

    return total


def _com_net(c: int) -> Template:
    def net(lay: Layout, t: int) -> str:
        yc = col(lay.year_col + t)
        return f"={yc}{lay.calc_com('gains', c) + 1}-{yc}{lay.calc_com('costs', c) + 1}"

    return net


def _figure_rows(lay: Layout) -> list[CalcRow]:
    """Chart data: the year and the cumulative results within the horizon, #N/A after it."""
    label = T.CALC_ROWS
    # fmt: off
    return [
        CalcRow("fig_year", label["fig_year"], lay.calc_fig("fig_year"), _figure(lambda la: la.calc_rows["year"]), Figure(Row("years")), Look(YEAR), group="figure"),  # noqa: E501
        CalcRow("fig_cum", label["fig_cum"], lay.calc_fig("fig_cum"), _figure(lambda la: la.calc_totals["cum"]), Figure(Total("cumulative_discounted_net_t")), Look(KR), group="figure"),  # noqa: E501
        CalcRow("fig_cum_u", label["fig_cum_u"], lay.calc_fig("fig_cum_u"), _figure(lambda la: la.calc_totals["cum_u"]), Figure(Total("cumulative_net_t")), Look(KR), group="figure"),  # noqa: E501
    ]
    # fmt: on


def _figure(source: Callable[[Layout], int]) -> Template:
    """A chart row: #N/A after the horizon and while an input problem stands."""

    def figure(lay: Layout, t: int) -> str:
        inside = f"{_tcell(lay, 'in_h', t)}=1"
        return f"=IF(AND({inside},som.inputfejl=0),{lay.year_cell(source(lay), t)},NA())"

    return figure
