"""One scenario's result: the result contract shared by the CLI, the workbook and the UDFs.

``calculate(resolved)`` runs the engine once and returns a :class:`Result` whose tables
(year rows, split by purse and by budget item, per consequence, tidy rows) are the only
result shapes the adapters use, so they cannot drift apart. ``to_dict()`` is the JSON
contract; ``frame(name)`` gives the same tables as pandas DataFrames.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from .._version import __version__
from ..engine import build_model
from ..engine.core import BatchResult, Model, evaluate
from ..engine.tracing import Trace, trace
from ..errors import InputError, Problem
from ..inputs import Resolved
from .grouping import by_budget_item, by_purse, summary_table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["YEAR_FIELDS", "Result", "calculate"]

#: The fields of a year row of the result contract (``Result.year_rows()``), in order.
YEAR_FIELDS: tuple[str, ...] = (
    "year",
    "costs",
    "gains",
    "net",
    "discount_factor",
    "discounted_net",
    "cumulative_discounted_net",
)


def _num(x: float) -> float | None:
    """A JSON-safe float: NaN/inf become None."""
    x = float(x)
    return x if math.isfinite(x) else None


@dataclass(frozen=True)
class Result:
    """The result of one scenario: headline figures, tables and the calculation's trace.

    Examples
    --------
    >>> from som_xl.inputs import parse_scenario, resolve
    >>> spec = parse_scenario({
    ...     "start_year": 2025, "horizon_years": 3, "price_year": 2024,
    ...     "discount_rate": 0.0, "participants": {2025: 10}, "success_rate": 0.5,
    ...     "consequences": [{"service": "x", "profile": [-2, -1]}],
    ...     "services": [{"id": "x", "label": "X", "unit": "stk", "direction": "expenditure",
    ...                   "budget_item": "Post", "price_year": 2024,
    ...                   "prices": {"kommune": 100, "region": 0, "stat": 0}}],
    ...     "costs": [{"label": "Drift", "kind": "once", "year": 2025, "amount": 1000}]})
    >>> r = calculate(resolve(spec, None))
    >>> r.net_undiscounted, r.break_even_year
    (500.0, 2026)
    >>> [row["net"] for row in r.year_rows()]
    [-1000.0, 1000.0, 500.0]
    >>> r.consequence_rows()[0]["gains"]
    1500.0
    """

    resolved: Resolved
    model: Model
    batch: BatchResult

    # --- headline figures -----------------------------------------------------------
    @property
    def net_undiscounted(self) -> float:
        """Net result (gains − costs) over the horizon, undiscounted."""
        return float(self.batch.net_undiscounted[0])

    @property
    def net_discounted(self) -> float:
        """Present value of the net result."""
        return float(self.batch.pv_net[0])

    @property
    def pv_costs(self) -> float:
        """Present value of the costs."""
        return float(self.batch.pv_costs[0])

    @property
    def pv_gains(self) -> float:
        """Present value of the gains."""
        return float(self.batch.pv_gains[0])

    @property
    def break_even_year(self) -> int | None:
        """First year whose cumulative discounted net result is ≥ 0; None if none."""
        idx = int(self.batch.break_even_index[0])
        return None if idx < 0 else self.model.start_year + idx

    @property
    def break_even_success_rate(self) -> float | None:
        """The success rate at which the discounted net result is 0; None if undefined."""
        return _num(self.batch.break_even_success_rate[0])

    @property
    def benefit_cost_ratio(self) -> float | None:
        """PV(gains) / PV(costs); None where PV(costs) ≤ 0."""
        return _num(self.batch.benefit_cost_ratio[0])

    @cached_property
    def trace(self) -> Trace:
        """The intermediate rows of the calculation (from this result's one evaluation)."""
        return trace(self.model, batch=self.batch)

    # --- tables ---------------------------------------------------------------------
    def year_rows(self) -> list[dict[str, float | int]]:
        """Per year: year, costs, gains, net, discount_factor, discounted_net,
        cumulative_discounted_net."""
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

    def by_purse(self) -> list[dict[str, Any]]:
        """Per purse: totals, present values and the net per year (see ``summary_table``)."""
        b = self.batch
        costs, gains = by_purse(b.costs[0], b.purses), by_purse(b.gains[0], b.purses)
        return summary_table(costs, gains, b.discount[0], "purse")

    def by_budget_item(self) -> list[dict[str, Any]]:
        """Per budget item: totals, present values and the net per year."""
        b = self.batch
        items = b.budget_items
        costs, gains = by_budget_item(b.costs[0], items), by_budget_item(b.gains[0], items)
        return summary_table(costs, gains, b.discount[0], "budget_item")

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
        """Per consequence: service, label, budget item, gains in total and discounted.

        From the trace: each consequence's gains are s × its gains at success rate 1 (the
        engine's arithmetic), so no consequence is evaluated on its own.
        """
        tr, r = self.trace, self.resolved
        out = []
        for j, (sid, _prof) in enumerate(r.consequences):
            gains = tr.success_rate * tr.gains_by_consequence_at_full_success[j]  # (T, A)
            svc = r.services[sid]
            out.append(
                {
                    "service": sid,
                    "label": svc.label,
                    "budget_item": svc.budget_item,
                    "gains": float(gains.sum()),
                    "discounted_gains": float((gains.sum(axis=1) * tr.discount).sum()),
                }
            )
        return out

    def frame(self, name: str) -> pd.DataFrame:
        """One of the result's tables as a pandas DataFrame (columns = the JSON keys).

        Parameters
        ----------
        name : str
            ``"years"``, ``"by_purse"``, ``"by_budget_item"``, ``"consequences"`` or
            ``"rows"`` (see :mod:`som_xl.results.frames`).

        Returns
        -------
        pandas.DataFrame

        Examples
        --------
        >>> from som_xl.inputs import parse_scenario, resolve
        >>> spec = parse_scenario({
        ...     "start_year": 2025, "horizon_years": 2, "discount_rate": 0.0,
        ...     "price_year": 2024, "participants": {2025: 10}, "success_rate": 0.5,
        ...     "consequences": [{"service": "x", "profile": [-2]}],
        ...     "services": [{"id": "x", "label": "X", "unit": "stk",
        ...                   "direction": "expenditure", "budget_item": "Post",
        ...                   "price_year": 2024, "prices": {"kommune": 100}}]})
        >>> calculate(resolve(spec, None)).frame("years")[["year", "gains"]]
           year   gains
        0  2025     0.0
        1  2026  1000.0
        """
        from .frames import frame

        return frame(self, name)

    def to_dict(self) -> dict[str, Any]:
        """The JSON result contract (``som-xl calc --json``)."""
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
    """Run the engine once on a resolved scenario.

    Parameters
    ----------
    resolved : Resolved
        A scenario resolved against the knowledge base (:func:`som_xl.inputs.resolve`).

    Returns
    -------
    Result

    Raises
    ------
    InputError
        If a sum overflows (the amounts are too large to calculate with).

    Examples
    --------
    >>> from som_xl.inputs import parse_scenario, resolve
    >>> spec = parse_scenario({
    ...     "start_year": 2025, "horizon_years": 3, "discount_rate": 0.05,
    ...     "price_year": 2024, "participants": {2025: 10}, "success_rate": 0.5,
    ...     "costs": [{"label": "Drift", "kind": "once", "year": 2025, "amount": 1000}],
    ...     "consequences": [{"service": "x", "profile": [-2, -1]}],
    ...     "services": [{"id": "x", "label": "X", "unit": "stk",
    ...                   "direction": "expenditure", "budget_item": "Post",
    ...                   "price_year": 2024, "prices": {"kommune": 100}}]})
    >>> result = calculate(resolve(spec, None))
    >>> result.net_undiscounted, round(result.net_discounted, 2), result.break_even_year
    (500.0, 405.9, 2027)
    >>> result.to_dict()["scenario"] == result.resolved.name
    True

    See :class:`Result` for its tables.
    """
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
