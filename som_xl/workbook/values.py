"""The values the workbook's formulas compute for given inputs: its cached results.

Every formula cell gets its value as a cached result, so viewers that do not recalculate
show the right numbers. Nothing here calculates on its own: the inputs become a scenario
(:func:`~som_xl.workbook.scenario.inputs_to_scenario`), the one resolver settles it, the
engine evaluates it, and :func:`som_xl.engine.trace` gives every intermediate row the sheets
show (starters, successes, units and gains per consequence, cost lines, totals). This module
only lays those rows out as the sheets do: one block per consequence row of the Konsekvenser
sheet, one row per cost row of the Omkostninger sheet, 50 year columns. The lookups the
sheets show beside them (prices at the price level, factors) come from
:mod:`som_xl.workbook.model`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..conventions import COST_BUDGET_ITEM, PURSE_LABELS
from ..engine import Trace
from ..errors import InputError
from ..inputs import Resolved, parse_scenario, resolve
from ..inputs.origins import MappedOrigins
from ..inputs.quick import quick_spec
from ..inputs.resolve import REALISED_COST_LABEL
from ..inputs.uncertainty import RateRange, standard_rate_range
from ..kb import KnowledgeBase
from ..results import Result, calculate
from . import text as T
from .checks import check_inputs
from .layout import N_COST_ROWS, N_DURING, N_PART_COSTS, N_RESOURCES, N_YEAR_COSTS, YEARS, Layout
from .model import (
    BookKB,
    ConsRow,
    Inputs,
    PriceRow,
    cons_rows,
    cost_sign,
    index_factor,
    price_rows,
)
from .scenario import WorkbookScenario, inputs_to_scenario

__all__ = ["CostRow", "SkoenValues", "Values", "compute", "resolve_workbook"]

Arr = NDArray[np.float64]


@dataclass(frozen=True)
class CostRow:
    """One cost row of the Beregning sheet: label, purse, item, factor and yearly kr."""

    label: str
    purse: str  # label
    item: str  # label
    factor: float  # sign × price-index factor
    values: Arr  # (YEARS,)


@dataclass(frozen=True)
class SkoenValues:
    """The quick estimate's rows (Hurtigt skøn), from its own trace."""

    resolved: Resolved | None  # None when no success rate is given or suggested
    result: Result | None
    rows: list[tuple[str, int, int, float]]  # service id, VD row, price row, unit gain
    per_row: Arr  # (M, YEARS) gains at 100 % success
    costs: Arr
    gains: Arr
    g1: Arr
    gd: Arr  # gains during the course (all participants, §3.10)


@dataclass(frozen=True)
class Values:
    """Everything the workbook's sheets show for one set of inputs (cached values)."""

    inputs: Inputs
    bkb: BookKB
    layout: Layout
    resolved: Resolved
    result: Result
    trace: Trace  # padded to YEARS columns
    prices: list[PriceRow | None]
    cons: list[ConsRow]
    cons_prices: Arr  # (R, 3)
    cons_ug: Arr  # (R,) gain per unit, all purses
    units: Arr  # (R, YEARS)
    gains: Arr  # (R, YEARS, 3)
    costs: list[CostRow]
    purse_costs: Arr  # (3, YEARS)
    purse_gains: Arr
    item_costs: Arr  # (B, YEARS)
    item_gains: Arr
    vd_rows: list[int]  # per block: row in VD Konsekvenser (1-based in the table), 0 if none
    skoen: SkoenValues | None
    #: The success rate's standard range for the scenario, as ``som-xl usikkerhed --standard``
    #: gives it (the sheet Usikkerhed's default)
    standard_rate: RateRange
    #: The plan without the realised years (som-method §3.19), padded; the trace itself
    #: where nothing is realised.
    plan: Trace | None = None
    #: The trace of the assumed profile years (provenance, §4: ``Result.assumed_model``),
    #: padded; None where no consequence has any.
    assumed: Trace | None = None

    # The trace's rows under the names the sheets use.
    @property
    def in_h(self) -> Arr:
        return self.trace.in_horizon

    @property
    def rates(self) -> Arr:
        return self.trace.rates

    @property
    def disc(self) -> Arr:
        return self.trace.discount

    @property
    def starters(self) -> Arr:
        return self.trace.starters

    @property
    def ended(self) -> Arr:
        return self.trace.ended

    @property
    def succ(self) -> Arr:
        return self.trace.successes

    @property
    def g1(self) -> Arr:
        return self.trace.gains_at_full_success

    @property
    def w(self) -> Arr:
        """W(k) over the sheet's profile columns, as the sheet adds its blocks: Σ_i (value
        used × gain per unit − og × |value| × Σ|price|) × (1 − δ)^(k − 1). The profile
        columns reach year 49 whatever the horizon (the trace's profiles stop at the
        horizon), so the sum is the sheet's own."""
        og = self.inputs.optimism[1] or 0.0
        w = np.zeros(self.layout.cons_years)
        for i, row in enumerate(self.cons):
            used = np.asarray(row.applied)
            absolute = float(np.abs(self.cons_prices[i]).sum())
            w = w + (used * float(self.cons_ug[i]) - og * np.abs(used) * absolute)
        k = np.arange(self.layout.cons_years)
        return np.asarray(w * (1.0 - (self.inputs.drop_off or 0.0)) ** k, dtype=np.float64)

    @property
    def v_during(self) -> Arr:
        """V(l) over the sheet's N_DURING during-course columns (som-method §3.10)."""
        v = self.trace.gain_per_participant[:N_DURING]
        return np.concatenate((v, np.zeros(N_DURING - v.shape[0])))

    @property
    def costs_t(self) -> Arr:
        return self.trace.sheet_totals().costs_t

    @property
    def gains_t(self) -> Arr:
        return self.trace.sheet_totals().gains_t

    @property
    def net_t(self) -> Arr:
        return self.trace.sheet_totals().net_t

    @property
    def dnet_t(self) -> Arr:
        return self.trace.sheet_totals().discounted_net_t

    @property
    def cum_t(self) -> Arr:
        return self.trace.sheet_totals().cumulative_discounted_net_t

    @property
    def cum_u_t(self) -> Arr:
        return self.trace.sheet_totals().cumulative_net_t

    @property
    def flag_t(self) -> Arr:
        return self.trace.sheet_totals().break_even_t

    @property
    def pv_g1(self) -> float:
        return float(self.trace.pv_gains_at_full_success)


def resolve_workbook(
    inp: Inputs, bkb: BookKB, layout: Layout, kb: KnowledgeBase
) -> tuple[Resolved, WorkbookScenario]:
    """The workbook's inputs settled by the one resolver; problems name their cells.

    The workbook's own checks (:func:`~som_xl.workbook.checks.check_inputs`: its lists and
    own services) come first; the resolver then checks what every face shares.

    Parameters
    ----------
    inp, bkb, layout:
        The yellow cells, the knowledge base as the workbook holds it, and where things are.
    kb:
        The knowledge base (the builder's, or the one the reader rebuilt from the sheets).

    Returns
    -------
    (Resolved, WorkbookScenario)
        The settled scenario and the scenario document with its cells.
    """
    problems = check_inputs(inp, bkb, layout)
    scn = inputs_to_scenario(inp, bkb, layout)
    origins = MappedOrigins(T.WORKBOOK_PLACE, scn.places, words={}, names=T.WORKBOOK_PARTS)
    try:
        spec = parse_scenario(scn.data, origins=origins)
    except InputError as exc:  # report the workbook's own problems and these together
        raise InputError([*problems, *(p for p in exc.problems if p not in problems)]) from None
    if problems:
        raise InputError(problems)
    resolved = resolve(spec, kb, origins=origins)
    return resolved, scn


def compute(inp: Inputs, bkb: BookKB, layout: Layout, kb: KnowledgeBase) -> Values:
    """Everything the workbook computes for these inputs (InputError naming cells)."""
    resolved, scn = resolve_workbook(inp, bkb, layout, kb)
    result = calculate(resolved)
    tr = result.trace.padded(YEARS)
    prices = price_rows(inp, bkb)
    cons = cons_rows(inp, bkb, prices)
    cons_prices = np.zeros((len(cons), 3))
    cons_ug = np.zeros(len(cons))
    for j, row in enumerate(cons):
        p = prices[row.price_row] if row.price_row >= 0 else None
        if p is not None:
            cons_prices[j] = p.applied
            cons_ug[j] = (1.0 if p.direction == "revenue" else -1.0) * sum(p.applied)
    units = np.zeros((len(cons), YEARS))
    gains = np.zeros((len(cons), YEARS, 3))
    for block, line in enumerate(scn.blocks):
        if line is not None:
            units[block] = tr.units[line]
            gains[block] = tr.gains_by_consequence[line]
    totals = tr.sheet_totals()
    items = [label.casefold() for _, label, _ in bkb.budget_items]
    model_items = [items.index(label.casefold()) for label in tr.budget_items]
    item_costs = np.zeros((len(items), YEARS))
    item_gains = np.zeros((len(items), YEARS))
    for b, i in enumerate(model_items):
        item_costs[i] += totals.costs_by_budget_item[:, b]
        item_gains[i] += totals.gains_by_budget_item[:, b]
    return Values(
        inputs=inp,
        bkb=bkb,
        layout=layout,
        resolved=resolved,
        result=result,
        trace=tr,
        prices=prices,
        cons=cons,
        cons_prices=cons_prices,
        cons_ug=cons_ug,
        units=units,
        gains=gains,
        costs=_cost_rows(inp, bkb, scn, tr),
        purse_costs=totals.costs_by_purse.T.copy(),
        purse_gains=totals.gains_by_purse.T.copy(),
        item_costs=item_costs,
        item_gains=item_gains,
        vd_rows=_vd_rows(inp, bkb),
        skoen=_skoen(inp, bkb, kb, tr.discount),
        standard_rate=_standard_rate(scn, resolved, kb),
        plan=_plan(result, tr),
        assumed=_assumed(result),
    )


def _assumed(result: Result) -> Trace | None:
    """The trace of the assumed profile years, padded (None where there are none)."""
    from ..engine import trace

    model = result.assumed_model
    return None if model is None else trace(model).padded(YEARS)


def _standard_rate(scn: WorkbookScenario, resolved: Resolved, kb: KnowledgeBase) -> RateRange:
    """The success rate's standard range, from what the command line's standard reads: the
    scenario's net success rate, its knowledge-base target group and its intervention."""
    group = scn.data.get("target_group")
    named = resolved.intervention.id if resolved.intervention is not None else None
    return standard_rate_range(
        resolved.success_rate, group if isinstance(group, str) else None, kb, None, named
    )


def _plan(result: Result, tr: Trace) -> Trace:
    """The plan's trace (§3.19): the scenario calculated without its realised years."""
    if not result.resolved.realised:
        return tr
    from dataclasses import replace

    return calculate(replace(result.resolved, realised=())).trace.padded(YEARS)


def _cost_rows(inp: Inputs, bkb: BookKB, scn: WorkbookScenario, tr: Trace) -> list[CostRow]:
    """Each cost row of the sheet: the sum of its cost lines, with its label and factor."""
    index = bkb.index_map
    out: list[CostRow] = []
    for n in range(N_COST_ROWS):
        values = np.zeros(YEARS)
        for i in scn.cost_rows[n]:
            values = values + tr.cost_lines[i]
        if n >= N_YEAR_COSTS + N_PART_COSTS:
            out.append(_other_cost_row(inp, bkb, n - N_YEAR_COSTS - N_PART_COSTS, values))
            continue
        c = inp.year_costs[n] if n < N_YEAR_COSTS else inp.part_costs[n - N_YEAR_COSTS]
        if c is None:
            out.append(CostRow("", PURSE_LABELS["kommune"], COST_BUDGET_ITEM, 1.0, values))
            continue
        factor = cost_sign(c.kind) * index_factor(index, inp.price_year, c.price_year)
        purse = c.purse or PURSE_LABELS["kommune"]
        out.append(CostRow(c.label, purse, c.item or COST_BUDGET_ITEM, factor, values))
    return out


def _other_cost_row(inp: Inputs, bkb: BookKB, m: int, values: Arr) -> CostRow:
    """A resource row (m < N_RESOURCES; factor: kr. per unit) or the realised costs' row."""
    kommune = PURSE_LABELS["kommune"]
    if m == N_RESOURCES:
        return CostRow(REALISED_COST_LABEL, kommune, COST_BUDGET_ITEM, 1.0, values)
    res = inp.resources[m] if m < len(inp.resources) else None
    if res is None:
        return CostRow("", kommune, COST_BUDGET_ITEM, 0.0, values)
    factor = index_factor(bkb.index_map, inp.price_year, res.price_year)
    unit = (res.wage or 0.0) * (1 + (res.overhead or 0.0)) * factor
    return CostRow(res.label, res.purse or kommune, res.item or COST_BUDGET_ITEM, unit, values)


def _vd_rows(inp: Inputs, bkb: BookKB) -> list[int]:
    """Per consequence block: its row in VD Konsekvenser (1-based), 0 if none."""
    group = bkb.group_by_label(inp.target_group)
    keys = {c.key: n + 1 for n, c in enumerate(bkb.consequences)}
    return [
        keys.get(f"{group.id}|{i + 1}", 0) if group is not None else 0
        for i in range(len(inp.switches))
    ]


def _skoen(inp: Inputs, bkb: BookKB, kb: KnowledgeBase, disc: Arr) -> SkoenValues | None:
    """The quick estimate: its spec from :func:`~som_xl.inputs.quick.quick_spec`, traced."""
    sk = inp.skoen
    group = bkb.group_by_label(sk.target_group)
    if group is None:
        return None
    cons = bkb.group_consequences(group.id)
    keys = {c.key: n + 1 for n, c in enumerate(bkb.consequences)}
    rate = sk.success_rate if sk.success_rate is not None else group.success_rate
    spec, _ = quick_spec(
        kb,
        group.id,
        sk.participants,
        sk.cost,
        rate if rate is not None else 0.0,
        start_year=inp.start_year,
        horizon_years=inp.horizon,
        price_year=inp.price_year,
        discount_rate=_discount(inp, bkb),
        course_years=inp.course_years,
    )
    resolved = resolve(spec, kb)
    result = calculate(resolved)
    tr = result.trace.padded(YEARS)
    max_cons = bkb.counts().max_cons
    rows: list[tuple[str, int, int, float]] = []
    per_row = np.zeros((max_cons, YEARS))
    j = 0  # the trace's consequences: the group's recommended ones (som-method §3.9)
    for i in range(max_cons):
        if i >= len(cons):
            rows.append(("", 0, 0, 0.0))
            continue
        c = cons[i]
        prow = next(n for n, s in enumerate(bkb.services) if s.id == c.service)
        if c.recommended:
            unit_gain = float(tr.unit_gains[j].sum())
            per_row[i] = tr.gains_by_consequence_at_full_success[j].sum(axis=1)
            j += 1
        else:  # not in the estimate: the sheet's price lookup only (national prices)
            svc = bkb.services[prow]
            sign = 1.0 if svc.direction == "revenue" else -1.0
            factor = index_factor(bkb.index_map, inp.price_year, svc.price_year)
            unit_gain = sign * factor * (svc.prices[0] + svc.prices[1] + svc.prices[2])
        rows.append((c.service, keys[c.key], prow + 1, unit_gain))
    costs = tr.sheet_totals().costs_t
    g1 = tr.gains_at_full_success
    gd = tr.gains_during
    if rate is None:
        return SkoenValues(None, None, rows, per_row, costs, np.full(YEARS, np.nan), g1, gd)
    return SkoenValues(resolved, result, rows, per_row, costs, tr.sheet_totals().gains_t, g1, gd)


def _discount(inp: Inputs, bkb: BookKB) -> float | str:
    """The discount rate as a scenario gives it: a schedule id or a fixed rate."""
    if inp.discount.casefold() == T.FAST_RENTE.casefold():
        return inp.fixed_rate
    schedule = bkb.schedule_by_label(inp.discount)
    return schedule.id if schedule is not None else inp.fixed_rate
