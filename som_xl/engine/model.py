"""Compile a resolved scenario into the engine's arrays (docs/method.md)."""

from __future__ import annotations

import numpy as np

from ..conventions import PURSES
from ..inputs.resolve import Resolved
from .core import Model, discount_factors

__all__ = ["build_model"]


def build_model(res: Resolved) -> Model:
    """Arrays for the engine (som-method.md §3)."""
    years = res.years
    horizon = len(years)
    pos = {y: i for i, y in enumerate(years)}

    items: list[str] = []

    def item_index(label: str) -> int:
        if label not in items:
            items.append(label)
        return items.index(label)

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
        cons_items[j] = item_index(svc.budget_item)

    participants = np.zeros(horizon)
    for y, n in res.participants.items():
        participants[pos[y]] = n

    cost_idx = [item_index(c.budget_item) for c in res.costs]
    costs = np.zeros((horizon, len(PURSES), len(items)))
    for c, b in zip(res.costs, cost_idx, strict=True):
        a = PURSES.index(c.purse)
        if c.kind == "per_participant":
            mask = np.ones(horizon) if not c.years else np.isin(years, c.years).astype(float)
            costs[:, a, b] += c.amount * participants * mask
        else:
            for y in c.years:
                costs[pos[y], a, b] += c.amount

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
    )
