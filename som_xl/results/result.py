"""One scenario's result: the result contract shared by the CLI, the workbook and the UDFs.

``calculate(resolved)`` runs the engine once and returns a :class:`Result` whose tables
(year rows, split by purse and by budget item, tidy rows) are the only result shapes the
adapters use, so they cannot drift apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._version import __version__
from ..engine import build_model
from ..engine.core import BatchResult, Model, evaluate
from ..errors import InputError, Problem
from ..inputs import Resolved

__all__ = ["Result", "calculate"]


def _num(x: float) -> float | None:
    """A JSON-safe float: NaN/inf become None."""
    x = float(x)
    return x if math.isfinite(x) else None


@dataclass(frozen=True)
class Result:
    resolved: Resolved
    model: Model
    batch: BatchResult

    # --- headline figures -----------------------------------------------------------
    @property
    def net_undiscounted(self) -> float:
        return float(self.batch.net_undiscounted[0])

    @property
    def net_discounted(self) -> float:
        return float(self.batch.pv_net[0])

    @property
    def pv_costs(self) -> float:
        return float(self.batch.pv_costs[0])

    @property
    def pv_gains(self) -> float:
        return float(self.batch.pv_gains[0])

    @property
    def break_even_year(self) -> int | None:
        idx = int(self.batch.break_even_index[0])
        return None if idx < 0 else self.model.start_year + idx

    @property
    def break_even_success_rate(self) -> float | None:
        return _num(self.batch.break_even_success_rate[0])

    @property
    def benefit_cost_ratio(self) -> float | None:
        return _num(self.batch.benefit_cost_ratio[0])

    # --- tables ---------------------------------------------------------------------
    def year_rows(self) -> list[dict[str, float | int]]:
        b = self.batch
        costs, gains, net = b.by_year("costs")[0], b.by_year("gains")[0], b.by_year("net")[0]
        disc = b.discount[0]
        cum = b.cumulative_discounted_net[0]
        return [
            {
                "year": year,
                "costs": float(costs[t]),
                "gains": float(gains[t]),
                "net": float(net[t]),
                "discount_factor": float(disc[t]),
                "discounted_net": float(net[t] * disc[t]),
                "cumulative_discounted_net": float(cum[t]),
            }
            for t, year in enumerate(b.years)
        ]

    def _split(self, axis: int, labels: tuple[str, ...], key: str) -> list[dict[str, Any]]:
        b = self.batch
        other = 3 if axis == 2 else 2
        disc = b.discount[0][:, None]
        out = []
        costs = b.costs[0].sum(axis=other - 1)  # (T, n)
        gains = b.gains[0].sum(axis=other - 1)
        for i, label in enumerate(labels):
            c, g = costs[:, i], gains[:, i]
            out.append(
                {
                    key: label,
                    "costs": float(c.sum()),
                    "gains": float(g.sum()),
                    "net": float((g - c).sum()),
                    "discounted_costs": float((c * disc[:, 0]).sum()),
                    "discounted_gains": float((g * disc[:, 0]).sum()),
                    "discounted_net": float(((g - c) * disc[:, 0]).sum()),
                    "net_by_year": [float(v) for v in (g - c)],
                }
            )
        return out

    def by_purse(self) -> list[dict[str, Any]]:
        return self._split(2, self.batch.purses, "purse")

    def by_budget_item(self) -> list[dict[str, Any]]:
        return self._split(3, self.batch.budget_items, "budget_item")

    def rows(self) -> list[dict[str, Any]]:
        """Tidy rows: year × purse × budget item × kind (cost | gain), non-zero only."""
        b = self.batch
        out = []
        for t, year in enumerate(b.years):
            for a, purse in enumerate(b.purses):
                for k, item in enumerate(b.budget_items):
                    for kind, arr in (("cost", b.costs), ("gain", b.gains)):
                        v = float(arr[0, t, a, k])
                        if v != 0.0:
                            out.append(
                                {
                                    "year": year,
                                    "purse": purse,
                                    "budget_item": item,
                                    "kind": kind,
                                    "value": v,
                                    "discounted_value": v * float(b.discount[0, t]),
                                }
                            )
        return out

    def consequence_rows(self) -> list[dict[str, Any]]:
        """Per consequence: service, units changed in total, value in total (undiscounted)."""
        m, r = self.model, self.resolved
        out = []
        for j, (sid, _prof) in enumerate(r.consequences):
            single = Model(
                start_year=m.start_year,
                course_years=m.course_years,
                participants=m.participants,
                success_rate=m.success_rate,
                profiles=m.profiles[j : j + 1],
                unit_gains=m.unit_gains[j : j + 1],
                consequence_items=np.zeros(1, dtype=np.intp),
                costs=np.zeros((m.horizon, len(m.purses), 1)),
                discount=m.discount,
                budget_items=(r.services[sid].budget_item,),
            )
            g = evaluate(single)
            svc = r.services[sid]
            out.append(
                {
                    "service": sid,
                    "label": svc.label,
                    "budget_item": svc.budget_item,
                    "gains": float(g.gains[0].sum()),
                    "discounted_gains": float(g.pv_gains[0]),
                }
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        r = self.resolved
        return {
            "scenario": r.name,
            "target_group": r.target_group,
            "start_year": r.start_year,
            "horizon_years": r.horizon_years,
            "price_year": r.price_year,
            "discount_rate": r.discount_label,
            "course_years": r.course_years,
            "success_rate": r.success_rate,
            "net_result": {
                "undiscounted": self.net_undiscounted,
                "discounted": self.net_discounted,
            },
            "costs": {
                "undiscounted": float(self.batch.by_year("costs")[0].sum()),
                "discounted": self.pv_costs,
            },
            "gains": {
                "undiscounted": float(self.batch.by_year("gains")[0].sum()),
                "discounted": self.pv_gains,
            },
            "break_even_year": self.break_even_year,
            "break_even_success_rate": self.break_even_success_rate,
            "benefit_cost_ratio": self.benefit_cost_ratio,
            "years": self.year_rows(),
            "by_purse": self.by_purse(),
            "by_budget_item": self.by_budget_item(),
            "consequences": self.consequence_rows(),
            "rows": self.rows(),
            "kb_fingerprint": r.kb_fingerprint,
            "som_xl_version": __version__,
        }


def calculate(resolved: Resolved) -> Result:
    """Run the engine on one resolved scenario (InputError if a sum overflows)."""
    model = build_model(resolved)
    batch = evaluate(model)
    if not (np.isfinite(batch.gains).all() and np.isfinite(batch.costs).all()) or not (
        np.isfinite(batch.pv_net).all()
    ):
        raise InputError(
            Problem(
                resolved.name,
                "",
                "beløbene er for store til at regne med (resultatet bliver uendeligt); "
                "tjek beløb, priser, profiler og deltagertal",
            )
        )
    return Result(resolved, model, batch)
