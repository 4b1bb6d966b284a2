"""The values the workbook's formulas compute for given inputs: the cached results.

Every formula cell gets its value as a cached result, so previews that do not recalculate
show the right numbers. Totals come from the engine (:func:`som_xl.results.calculate`);
per-consequence units and gains from :func:`som_xl.engine.consequence_detail`; the rest
(prices, factors, lookups) from :mod:`som_xl.workbook_model`, the same code the reader
uses. :func:`compute` cross-checks the workbook's row sums against the engine's totals.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from ..conventions import COST_BUDGET_ITEM
from ..engine import BREAK_EVEN_TOLERANCE, consequence_detail, discount_factors
from ..inputs import Resolved
from ..results import Result, calculate
from .layout import N_PART_COSTS, N_YEAR_COSTS, YEARS, Layout
from .model import (
    BookKB,
    ConsRow,
    Inputs,
    PriceRow,
    cons_rows,
    cost_sign,
    index_factor,
    price_rows,
    resolve_inputs,
    resolve_skoen,
)

__all__ = ["CostRow", "SkoenValues", "Values", "compute"]

Arr = NDArray[np.float64]


@dataclass(frozen=True)
class CostRow:
    label: str
    purse: str  # label
    item: str  # label
    factor: float  # sign × price-index factor
    values: Arr  # (YEARS,)


@dataclass(frozen=True)
class SkoenValues:
    resolved: Resolved | None  # None when no success rate is given or suggested
    result: Result | None
    rows: list[tuple[str, int, int, float]]  # service id, VD row, price row, unit gain
    per_row: Arr  # (M, YEARS) gains at 100 % success
    costs: Arr
    gains: Arr
    g1: Arr


@dataclass(frozen=True)
class Values:
    inputs: Inputs
    bkb: BookKB
    layout: Layout
    resolved: Resolved
    result: Result
    in_h: Arr
    rates: Arr  # rates[0] unused
    disc: Arr
    starters: Arr
    ended: Arr
    succ: Arr
    g1: Arr
    prices: list[PriceRow | None]
    cons: list[ConsRow]
    cons_prices: Arr  # (R, 3)
    cons_ug: Arr  # (R,) gain per unit, all purses
    w: Arr  # (K,) gain per successful citizen, k-th year
    units: Arr  # (R, YEARS)
    gains: Arr  # (R, YEARS, 3)
    costs: list[CostRow]
    costs_t: Arr
    gains_t: Arr
    purse_costs: Arr  # (3, YEARS)
    purse_gains: Arr
    item_costs: Arr  # (B, YEARS)
    item_gains: Arr
    vd_rows: list[int]  # per block: row in VD Konsekvenser (1-based in the table), 0 if none
    skoen: SkoenValues | None

    @property
    def net_t(self) -> Arr:
        return self.gains_t - self.costs_t

    @property
    def dnet_t(self) -> Arr:
        return self.net_t * self.disc

    @property
    def cum_t(self) -> Arr:
        return np.cumsum(self.dnet_t)

    @property
    def cum_u_t(self) -> Arr:
        return np.cumsum(self.net_t)

    @property
    def flag_t(self) -> Arr:
        return np.where((self.in_h == 1) & (self.cum_t >= -BREAK_EVEN_TOLERANCE), 1.0, 0.0)

    @property
    def pv_g1(self) -> float:
        return float(self.result.batch.pv_gains_at_full_success[0])


def _pad(x: Arr) -> Arr:
    out = np.zeros(YEARS)
    out[: len(x)] = x[:YEARS]
    return out


def _rates(schedule: tuple[tuple[int, float], ...]) -> Arr:
    rates = np.zeros(YEARS)
    for t in range(1, YEARS):
        rates[t] = [r for f, r in schedule if f <= t][-1]
    return rates


def compute(inp: Inputs, bkb: BookKB, layout: Layout) -> Values:
    """Everything the workbook computes for these inputs (raises InputError like the reader)."""
    resolved = resolve_inputs(inp, bkb, layout)
    result = calculate(resolved)
    model = result.model
    horizon = resolved.horizon_years
    in_h = np.array([1.0 if t < horizon else 0.0 for t in range(YEARS)])
    disc = discount_factors(YEARS, list(resolved.discount_schedule))
    rates = _rates(resolved.discount_schedule)

    starters = np.zeros(YEARS)
    for off, n in inp.participants.items():
        if off < horizon:
            starters[off] = n
    lag = inp.course_years - 1
    ended = np.zeros(YEARS)
    ended[lag:] = starters[: YEARS - lag]
    succ = ended * inp.success_rate

    prices = price_rows(inp, bkb)
    cons = cons_rows(inp, bkb, prices)
    k_len = bkb.profile_len
    n_rows = len(cons)
    cons_prices = np.zeros((n_rows, 3))
    signs = np.zeros(n_rows)
    for j, row in enumerate(cons):
        p = prices[row.price_row] if row.price_row >= 0 else None
        if p is not None:
            cons_prices[j] = p.applied
        signs[j] = 1.0 if p is not None and p.direction == "revenue" else -1.0
    unit_gains = cons_prices * signs[:, None]
    cons_ug = signs * cons_prices.sum(axis=1)
    profiles = np.array([row.applied for row in cons], dtype=np.float64).reshape(n_rows, k_len)
    w = (profiles * cons_ug[:, None]).sum(axis=0)

    # Per-row units and gains from the engine, on the workbook's own rows.
    rows_model = replace(
        model,
        profiles=profiles,
        unit_gains=unit_gains,
        consequence_items=np.zeros(n_rows, dtype=np.intp),
        costs=np.zeros((horizon, 3, 1)),
        budget_items=("",),
    )
    detail = consequence_detail(rows_model)
    units = np.zeros((n_rows, YEARS))
    units[:, :horizon] = detail.units
    gains = np.zeros((n_rows, YEARS, 3))
    gains[:, :horizon, :] = detail.gains

    g1 = np.zeros(YEARS)
    for t in range(1, horizon):
        g1[t] = sum(ended[t - k] * w[k - 1] for k in range(1, min(k_len, t) + 1))

    index = bkb.index_map
    cost_rows: list[CostRow] = []
    for n in range(N_YEAR_COSTS + N_PART_COSTS):
        is_year = n < N_YEAR_COSTS
        yc = inp.year_costs[n] if is_year else None
        pc = None if is_year else inp.part_costs[n - N_YEAR_COSTS]
        c = yc or pc
        values = np.zeros(YEARS)
        if c is None:
            cost_rows.append(CostRow("", "Kommune", COST_BUDGET_ITEM, 1.0, values))
            continue
        factor = cost_sign(c.kind) * index_factor(index, inp.price_year, c.price_year)
        if yc is not None:
            for off, amount in yc.amounts.items():
                if off < horizon:
                    values[off] = amount * factor
        elif pc is not None:
            values = pc.amount * factor * starters
        cost_rows.append(
            CostRow(c.label, c.purse or "Kommune", c.item or COST_BUDGET_ITEM, factor, values)
        )

    costs_t = np.sum([c.values for c in cost_rows], axis=0)
    gains_t = gains.sum(axis=(0, 2))
    purse_names = ["Kommune", "Region", "Stat"]
    purse_costs = np.array(
        [
            np.sum([c.values for c in cost_rows if c.purse.casefold() == p.casefold()], axis=0)
            if any(c.purse.casefold() == p.casefold() for c in cost_rows)
            else np.zeros(YEARS)
            for p in purse_names
        ]
    )
    purse_gains = gains.sum(axis=0).T
    items = [label for _, label, _ in bkb.budget_items]
    item_costs = np.zeros((len(items), YEARS))
    item_gains = np.zeros((len(items), YEARS))
    for b, label in enumerate(items):
        for cr in cost_rows:
            if cr.item.casefold() == label.casefold():
                item_costs[b] += cr.values
        for j, row in enumerate(cons):
            p = prices[row.price_row] if row.price_row >= 0 else None
            if p is not None and p.item.casefold() == label.casefold():
                item_gains[b] += gains[j].sum(axis=1)

    # Cross-check against the engine's totals (the workbook's sums must agree).
    rows = result.year_rows()
    _close(costs_t[:horizon], [r["costs"] for r in rows], "omkostninger")
    _close(gains_t[:horizon], [r["gains"] for r in rows], "gevinster")
    pv1 = float((g1 * disc).sum())
    _close(np.array([pv1]), [float(result.batch.pv_gains_at_full_success[0])], "gevinst ved 100 %")

    group = bkb.group_by_label(inp.target_group)
    keys = {c.key: n + 1 for n, c in enumerate(bkb.consequences)}
    vd_rows = [
        keys.get(f"{group.id}|{i + 1}", 0) if group is not None else 0
        for i in range(len(inp.switches))
    ]

    return Values(
        inputs=inp,
        bkb=bkb,
        layout=layout,
        resolved=resolved,
        result=result,
        in_h=in_h,
        rates=rates,
        disc=disc,
        starters=starters,
        ended=ended,
        succ=succ,
        g1=g1,
        prices=prices,
        cons=cons,
        cons_prices=cons_prices,
        cons_ug=cons_ug,
        w=w,
        units=units,
        gains=gains,
        costs=cost_rows,
        costs_t=costs_t,
        gains_t=gains_t,
        purse_costs=purse_costs,
        purse_gains=purse_gains,
        item_costs=item_costs,
        item_gains=item_gains,
        vd_rows=vd_rows,
        skoen=_skoen(inp, bkb, disc, in_h),
    )


def _close(a: Arr, b: list[float], what: str) -> None:
    if not np.allclose(a, np.asarray(b), rtol=1e-9, atol=1e-6):
        raise RuntimeError(f"projektmappens {what} stemmer ikke med motoren: {a} != {b}")


def _skoen(inp: Inputs, bkb: BookKB, disc: Arr, in_h: Arr) -> SkoenValues | None:
    resolved = resolve_skoen(inp, bkb)
    group = bkb.group_by_label(inp.skoen.target_group)
    if group is None:
        return None
    cons = bkb.group_consequences(group.id)
    keys = {c.key: n + 1 for n, c in enumerate(bkb.consequences)}
    max_cons = bkb.counts().max_cons
    index = bkb.index_map
    lag = inp.course_years - 1
    rows: list[tuple[str, int, int, float]] = []
    per_row = np.zeros((max_cons, YEARS))
    for i in range(max_cons):
        if i >= len(cons):
            rows.append(("", 0, 0, 0.0))
            continue
        c = cons[i]
        prow = next(n for n, s in enumerate(bkb.services) if s.id == c.service)
        s = bkb.services[prow]
        f = index_factor(index, inp.price_year, s.price_year)
        sign = 1.0 if s.direction == "revenue" else -1.0
        ug = sign * f * sum(s.prices)
        rows.append((c.service, keys[c.key], prow + 1, ug))
        for t in range(YEARS):
            k = t - lag
            if in_h[t] == 1 and 1 <= k <= len(c.profile):
                per_row[i, t] = inp.skoen.participants * c.profile[k - 1] * ug
    g1 = per_row.sum(axis=0)
    costs = np.zeros(YEARS)
    costs[0] = inp.skoen.participants * inp.skoen.cost
    if resolved is None:
        return SkoenValues(None, None, rows, per_row, costs, np.full(YEARS, np.nan), g1)
    result = calculate(resolved)
    gains = resolved.success_rate * g1
    _close(gains[: resolved.horizon_years], [r["gains"] for r in result.year_rows()], "skøn")
    return SkoenValues(resolved, result, rows, per_row, costs, gains, g1)
