"""Compile a resolved scenario into the engine's arrays (docs/method.md)."""

from __future__ import annotations

import numpy as np

from ..conventions import PURSES
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
    for y, n in res.participants.items():
        participants[pos[y]] = n
    cost_idx = [_index(items, c.budget_item) for c in res.costs]
    costs = _costs(res.costs, cost_idx, years, participants, len(items))

    return Model(
        start_year=res.start_year,
        course_years=res.course_years,
        participants=participants,
        success_rate=res.success_rate,
        profiles=profiles,
        unit_gains=unit_gains,
        consequence_items=cons_items,
        costs=costs,
        discount=discount_factors(horizon, list(res.discount_schedule)),
        budget_items=tuple(items),
        purses=PURSES,
        discount_schedule=tuple(res.discount_schedule),
        cost_lines=_cost_lines(res.costs, cost_idx, years, participants),
    )


def _index(items: list[str], label: str) -> int:
    """The index of a budget item, numbered in the order of first appearance."""
    if label not in items:
        items.append(label)
    return items.index(label)


def _consequences(res: Resolved, items: list[str]) -> tuple[FloatArray, FloatArray, IndexArray]:
    """Profiles (J, K), unit gains (J, A) and budget-item indexes (J,) of the consequences."""
    n_cons = len(res.consequences)
    width = max((len(p) for _, p in res.consequences), default=1)
    profiles = np.zeros((n_cons, max(width, 1)))
    unit_gains = np.zeros((n_cons, len(PURSES)))
    cons_items = np.zeros(n_cons, dtype=np.intp)
    for j, (sid, prof) in enumerate(res.consequences):
        svc = res.services[sid]
        profiles[j, : len(prof)] = prof
        sign = -1.0 if svc.direction == "expenditure" else 1.0
        unit_gains[j] = np.asarray(svc.prices) * sign
        cons_items[j] = _index(items, svc.budget_item)
    return profiles, unit_gains, cons_items


def _costs(
    costs: tuple[ResolvedCost, ...],
    items: list[int],
    years: list[int],
    participants: FloatArray,
    n_items: int,
) -> FloatArray:
    """Costs (T, A, B): every cost item added into its year, purse and budget item."""
    horizon = len(years)
    pos = {y: i for i, y in enumerate(years)}
    out = np.zeros((horizon, len(PURSES), n_items))
    for c, b in zip(costs, items, strict=True):
        a = PURSES.index(c.purse)
        if c.kind == "per_participant":
            mask = np.ones(horizon) if not c.years else np.isin(years, c.years).astype(float)
            out[:, a, b] += c.amount * participants * mask
        else:
            for y in c.years:
                out[pos[y], a, b] += c.amount
    return out


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
