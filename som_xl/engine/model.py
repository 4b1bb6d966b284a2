"""Compile a resolved scenario into the engine's arrays (docs/method.md)."""

from __future__ import annotations

import numpy as np

from ..conventions import PURSES
from ..inputs.profiles import apply_tail
from ..inputs.resolve import Resolved, ResolvedCost
from .core import CostLines, FloatArray, IndexArray, Model
from .discount import discount_factors

__all__ = ["build_model"]


def build_model(res: Resolved) -> Model:
    """Compile a resolved scenario into the engine's arrays (som-method.md §3).

    Budget items are numbered in the order they first appear: the consequences' services
    first, then the costs.

    Parameters
    ----------
    res : Resolved
        A scenario resolved against the knowledge base (:func:`som_xl.inputs.resolve`).

    Returns
    -------
    Model

    Examples
    --------
    >>> from som_xl.inputs import parse_scenario, resolve
    >>> spec = parse_scenario({
    ...     "start_year": 2025, "horizon_years": 3, "price_year": 2024,
    ...     "discount_rate": 0.05, "participants": {2025: 10}, "success_rate": 0.5,
    ...     "consequences": [{"service": "x", "profile": [-2, -1]}],
    ...     "services": [{"id": "x", "label": "X", "unit": "stk", "direction": "expenditure",
    ...                   "budget_item": "Post", "price_year": 2024,
    ...                   "prices": {"kommune": 100, "region": 0, "stat": 0}}],
    ...     "costs": [{"label": "Drift", "kind": "once", "year": 2025, "amount": 1000}]})
    >>> m = build_model(resolve(spec, None))
    >>> m.budget_items, m.unit_gains[:, 0].tolist(), m.costs.sum(axis=(1, 2)).tolist()
    (('Post', 'Indsatsens omkostninger'), [-100.0], [1000.0, 0.0, 0.0])
    """
    years = res.years
    horizon = len(years)
    items: list[str] = []  # budget items, in the order they first appear
    profiles, unit_gains, cons_items = _consequences(res, items)
    pos = {y: i for i, y in enumerate(years)}
    participants = np.zeros(horizon)
    for y, n in res.forecast_participants.items():
        participants[pos[y]] = n
    lines = _all_cost_lines(res, items, years, participants)
    n_items = len(items)
    costs = np.zeros((horizon, len(PURSES), n_items))
    for n in range(lines.values.shape[0]):
        costs[:, lines.purses[n], lines.items[n]] += lines.values[n]

    return Model(
        start_year=res.start_year,
        course_years=res.course_years,
        participants=participants,
        success_rate=res.forecast_success_rate,
        profiles=profiles,
        unit_gains=unit_gains,
        consequence_items=cons_items,
        costs=costs,
        discount=discount_factors(horizon, list(res.discount_schedule)),
        budget_items=tuple(items),
        purses=PURSES,
        discount_schedule=tuple(res.discount_schedule),
        cost_lines=lines,
        during=_during(res),
        gain_bias=float(res.optimism_bias[1]),
    )


def _during(res: Resolved) -> FloatArray | None:
    """Units per participant in each course year (J, L) (§3.10); None where none has any."""
    during = [res.during_of(j) for j in range(len(res.consequences))]
    width = max((len(d) for d in during), default=0)
    if width == 0:
        return None
    out = np.zeros((len(during), width))
    for j, d in enumerate(during):
        out[j, : len(d)] = d
    return out


def _all_cost_lines(
    res: Resolved, items: list[str], years: list[int], participants: FloatArray
) -> CostLines:
    """The planned cost lines, with every realised year's costs in place of the planned ones
    (§3.19), and the optimism bias on each line and year (§3.14): a cost × (1 + oc), a saved
    cost × (1 − oc)."""
    realised = [r for r in res.realised if r.costs is not None]
    real_costs = [c for r in realised for c in (r.costs or ()) if isinstance(c, ResolvedCost)]
    every = (*res.costs, *real_costs)
    idx = [_index(items, c.budget_item) for c in every]
    lines = _cost_lines(every, idx, years, participants)
    values = lines.values.copy()
    replaced = [years.index(r.year) for r in realised]
    if replaced:
        values[: len(res.costs), replaced] = 0.0
    bias = float(res.optimism_bias[0])
    if bias:
        values = np.where(values >= 0, values * (1.0 + bias), values * (1.0 - bias))
    return CostLines(lines.labels, values, lines.purses, lines.items)


def _index(items: list[str], label: str) -> int:
    """The index of a budget item, numbered in the order of first appearance."""
    if label not in items:
        items.append(label)
    return items.index(label)


def _consequences(res: Resolved, items: list[str]) -> tuple[FloatArray, FloatArray, IndexArray]:
    """Profiles (J, K), unit gains (J, A) and budget-item indexes (J,) of the consequences."""
    n_cons = len(res.consequences)
    rows = [_effective_profile(res, j) for j in range(n_cons)]
    width = max((len(p) for p in rows), default=1)
    profiles = np.zeros((n_cons, max(width, 1)))
    unit_gains = np.zeros((n_cons, len(PURSES)))
    cons_items = np.zeros(n_cons, dtype=np.intp)
    for j, (sid, _written) in enumerate(res.consequences):
        svc = res.services[sid]
        prof = rows[j]
        profiles[j, : len(prof)] = prof
        sign = -1.0 if svc.direction == "expenditure" else 1.0
        unit_gains[j] = np.asarray(svc.prices) * sign
        cons_items[j] = _index(items, svc.budget_item)
    return profiles, unit_gains, cons_items


def _effective_profile(res: Resolved, j: int) -> list[float]:
    """Consequence j's after-course values as the engine uses them: the written profile,
    then its tail to the horizon (§3.11), with the drop-off (§3.12). A profile that stops and
    has no drop-off is used as written."""
    _sid, written = res.consequences[j]
    tail = res.tail_of(j)
    if tail[0] == "stop" and not res.drop_off:
        return list(written)
    length = max(res.horizon_years - 1, len(written), 1)
    return apply_tail(written, tail, length, res.drop_off)


def _cost_lines(
    costs: tuple[ResolvedCost, ...], items: list[int], years: list[int], participants: FloatArray
) -> CostLines:
    """Each cost item's kr. per year, with the same arithmetic as the summed costs."""
    horizon = len(years)
    pos = {y: i for i, y in enumerate(years)}
    values = np.zeros((len(costs), horizon))
    for n, c in enumerate(costs):
        if c.kind == "per_participant":
            mask = np.ones(horizon) if not c.years else np.isin(years, c.years).astype(float)
            values[n] = c.amount * participants * mask
        else:
            for y in c.years:
                values[n, pos[y]] += c.amount
    return CostLines(
        labels=tuple(c.label for c in costs),
        values=values,
        purses=np.asarray([PURSES.index(c.purse) for c in costs], dtype=np.intp),
        items=np.asarray(items, dtype=np.intp),
    )
