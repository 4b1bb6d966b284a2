"""The result tables as som-xl computed them before the trace (kept as a reference).

``consequence_rows`` evaluated the engine once per consequence; ``split`` split the flows by
purse or budget item inline. The new code must give the same numbers, to the last bit.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from som_xl.engine import Model, evaluate
from som_xl.results import Result


def consequence_rows(result: Result) -> list[dict[str, Any]]:
    m, r = result.model, result.resolved
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


def split(result: Result, axis: int) -> list[dict[str, Any]]:
    b = result.batch
    labels, key = (b.purses, "purse") if axis == 2 else (b.budget_items, "budget_item")
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
