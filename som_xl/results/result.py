"""One scenario's result: the result contract shared by the CLI, the workbook and the UDFs.

``calculate(resolved)`` runs the engine once and returns a :class:`Result` whose tables
(year rows, split by purse and by budget item, per consequence, tidy rows) are the only
result shapes the adapters use, so they cannot drift apart. ``to_dict()`` is the JSON
contract; ``frame(name)`` gives the same tables as pandas DataFrames.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from .._version import __version__
from ..conventions import NO_COMMITTEE
from ..engine import build_model
from ..engine.core import BatchResult, Model, consequence_gains, evaluate
from ..errors import InputError, Problem
from ..inputs import Resolved
from .grouping import BUDGET_ITEM_AXIS, by_budget_item, by_purse, group, summary_table

if TYPE_CHECKING:
    import pandas as pd

    from ..engine.tracing import Trace

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
        from ..engine.tracing import trace  # on first use (issue 9: start-up)

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
        """Per purse: totals, present values, the net per year, break-even year and
        benefit–cost ratio (see ``summary_table``; som-method §3.16)."""
        b = self.batch
        costs, gains = by_purse(b.costs[0], b.purses), by_purse(b.gains[0], b.purses)
        active = by_purse(np.abs(b.costs[0]) + np.abs(b.gains[0]), b.purses)
        return summary_table(costs, gains, b.discount[0], "purse", activity=active, years=b.years)

    def by_committee(self) -> list[dict[str, Any]]:
        """Per committee (udvalg): the kommune's flows over the committee's budget items,
        costs included, with break-even year and benefit–cost ratio (§3.15–3.16)."""
        b = self.batch
        kommune = [b.purses.index("kommune")] if "kommune" in b.purses else []
        committees = self.resolved.committees
        keys = [committees.get(item, NO_COMMITTEE) for item in b.budget_items]
        order = list(dict.fromkeys(keys))
        costs, gains = b.costs[0][:, kommune, :], b.gains[0][:, kommune, :]
        split = [group(x, BUDGET_ITEM_AXIS, keys, order=order) for x in (costs, gains)]
        active = group(np.abs(costs) + np.abs(gains), BUDGET_ITEM_AXIS, keys, order=order)
        return summary_table(
            split[0], split[1], b.discount[0], "committee", activity=active, years=b.years
        )

    @cached_property
    def consequence_gains(self) -> np.ndarray:
        """(J, T, A) each consequence's gains per year and purse (during the course too)."""
        return consequence_gains(self.model)

    @cached_property
    def assumed_model(self) -> Model | None:
        """The model with only the assumed profile years (provenance, §4); None where no
        consequence has any.

        A consequence with ``assumed_from`` = k (a published or derived row whose values from
        profile year k on are an illustrative assumption) keeps its profile from year k on
        (its tail and the drop-off are in the model's profile already); its years
        1 … k − 1, its during-course values and every other consequence are 0. Costs, the
        cohorts, the success rate and the optimism bias are the model's.
        """
        r = self.resolved
        marked = [(j, af) for j in range(len(r.consequences)) if (af := r.assumed_from_of(j))]
        if not marked:
            return None
        m = self.model
        profiles = np.zeros_like(m.profiles)
        for j, af in marked:
            profiles[j, af - 1 :] = m.profiles[j, af - 1 :]
        during = None if m.during is None else np.zeros_like(m.during)
        return replace(m, profiles=profiles, during=during)

    @cached_property
    def assumed_gains(self) -> np.ndarray:
        """(J, T, A) each consequence's gains from its assumed profile years (provenance,
        §4): the engine's gains of :attr:`assumed_model` (zero for a consequence without
        ``assumed_from``)."""
        model = self.assumed_model
        if model is None:
            return np.zeros_like(self.consequence_gains)
        return consequence_gains(model)

    def provenance_parts(self) -> dict[str, np.ndarray]:
        """Per consequence and purse (J, A): the gains' |PV| (``abs_pv``), the PV of the
        gains from the assumed profile years (``assumed_pv``, signed) and the illustrative
        part of the |PV| (``illustrative``): all of it where the consequence's status or
        its price's is illustrative, else the part from its assumed years, |PV| × |A| /
        (|A| + |PV − A|) with A = ``assumed_pv`` (= |A| where both parts have one sign).
        """
        r = self.resolved
        disc = self.batch.discount[0][None, :, None]
        pv = (self.consequence_gains * disc).sum(axis=1)  # (J, A)
        assumed = (self.assumed_gains * disc).sum(axis=1)
        weight = np.abs(assumed) + np.abs(pv - assumed)
        part = np.divide(
            np.abs(pv) * np.abs(assumed), weight, out=np.zeros_like(pv), where=weight > 0
        )
        flags = np.array(
            [
                st == "illustrative" or r.services[sid].status == "illustrative"
                for (sid, _), st in zip(r.consequences, self._statuses, strict=True)
            ],
            dtype=bool,
        ).reshape(-1, 1)
        return {
            "abs_pv": np.abs(pv),
            "assumed_pv": assumed,
            "illustrative": np.where(flags, np.abs(pv), part),
        }

    @property
    def provenance(self) -> dict[str, Any]:
        """How much of the result rests on illustrative knowledge-base values.

        ``illustrative_share``: Σ |PV| of the gains (per consequence and purse) whose
        profile or price is illustrative, plus the part of a row's |PV| from its assumed
        profile years (``assumed_from``, :attr:`assumed_gains`), over Σ |PV| of all gains;
        0 without gains. Where a row's two parts (before and from its assumed year) have
        present values of opposite signs, its |PV| is split in proportion to their |PV|s.
        """
        parts = self.provenance_parts()
        total = float(parts["abs_pv"].sum())
        share = float(parts["illustrative"].sum()) / total if total > 0 else 0.0
        r = self.resolved
        return {
            "illustrative_share": share,
            "consequences": len(r.consequences),
            "illustrative_consequences": int(
                sum(1 for st in self._statuses if st == "illustrative")
            ),
            "illustrative_prices": sorted(
                {sid for sid, _ in r.consequences if r.services[sid].status == "illustrative"}
            ),
            "assumed_years": [
                {"service": sid, "assumed_from": af}
                for j, (sid, _) in enumerate(r.consequences)
                if (af := r.assumed_from_of(j)) is not None
            ],
        }

    @property
    def _statuses(self) -> tuple[str, ...]:
        r = self.resolved
        return r.consequence_statuses or ("own",) * len(r.consequences)

    @property
    def warnings(self) -> list[str]:
        """Danish warnings for the user (e.g. a reduction beyond baseline use)."""
        return list(self.resolved.warnings)

    def followup(self) -> dict[str, Any] | None:
        """Plan, realised and forecast side by side (§3.19); None without realised years."""
        r = self.resolved
        if not r.realised:
            return None
        plan = calculate(replace(r, realised=()))
        real_years = []
        for x in r.realised:
            row: dict[str, Any] = {
                "year": x.year,
                "participants": x.participants,
                "planned_participants": float(r.participants.get(x.year, 0.0)),
                "successes": x.successes,
            }
            t = x.year - r.start_year
            # costs not given: the forecast keeps the plan's costs of the year (§3.19), which
            # are no realised figure; None says so (docs/method.md §3.24)
            given = x.costs is not None
            row["costs"] = float(self.batch.by_year("costs")[0][t]) if given else None
            row["planned_costs"] = float(plan.batch.by_year("costs")[0][t])
            real_years.append(row)
        return {
            "plan": plan._headline(),
            "realised": {
                "years": real_years,
                "observed_success_rate": r.observed_success_rate,
            },
            "forecast": self._headline(),
        }

    def _headline(self) -> dict[str, Any]:
        """The headline figures of a plan or a forecast."""
        b = self.batch
        return {
            "success_rate": float(self.model.success_rate),
            "participants": dict(
                zip(b.years, (float(n) for n in self.model.participants), strict=True)
            ),
            "costs_by_year": [float(v) for v in b.by_year("costs")[0]],
            "gains_by_year": [float(v) for v in b.by_year("gains")[0]],
            "net_result": {
                "undiscounted": self.net_undiscounted,
                "discounted": self.net_discounted,
            },
            "break_even_year": self.break_even_year,
            "break_even_success_rate": self.break_even_success_rate,
            "benefit_cost_ratio": self.benefit_cost_ratio,
        }

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
        engine's arithmetic); with during-course values or an optimism bias, from
        :func:`~som_xl.engine.core.consequence_gains`.
        """
        tr, r = self.trace, self.resolved
        plain = self.model.during is None and not self.model.gain_bias
        out = []
        for j, (sid, _prof) in enumerate(r.consequences):
            gains = (
                tr.success_rate * tr.gains_by_consequence_at_full_success[j]
                if plain
                else self.consequence_gains[j]
            )  # (T, A)
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
            "success_rate": float(self.model.success_rate),
            "intervention": r.intervention.to_dict() if r.intervention is not None else None,
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
            "by_committee": self.by_committee(),
            "by_budget_item": self.by_budget_item(),
            "consequences": self.consequence_rows(),
            "rows": self.rows(),
            "provenance": self.provenance,
            "warnings": self.warnings,
            **(self.followup() or {}),
            **self.origin(),
        }

    def origin(self) -> dict[str, Any]:
        """Where the result comes from: the knowledge base's fingerprint and version and
        som-xl's version (the last keys of :meth:`to_dict`; ``som-xl opfoelgning --json``
        carries them too)."""
        r = self.resolved
        return {
            "kb_fingerprint": r.kb_fingerprint,
            "kb_version": r.kb_version,
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
