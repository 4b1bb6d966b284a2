"""A resolved scenario: every service, price and consequence settled (the resolver's result).

A :class:`Resolved` needs no knowledge base to calculate, and :meth:`Resolved.to_scenario`
writes it back as a scenario that needs none either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..conventions import PURSES, Direction

__all__ = ["Resolved", "ResolvedCost", "ResolvedService"]


@dataclass(frozen=True)
class ResolvedService:
    """A service with everything settled: prices per purse at the scenario's price level."""

    id: str
    label: str
    unit: str
    direction: Direction
    budget_item: str  # label
    prices: tuple[float, ...]  # kommune, region, stat; kr. per unit at the price level
    origin: str  # "kb" (national), "local" (own price for a kb service), "own"
    status: str  # published | derived | illustrative | local
    source_year: int
    source_prices: tuple[float, ...]


@dataclass(frozen=True)
class ResolvedCost:
    """A cost line at the scenario's price level."""

    label: str
    kind: str
    amount: float  # at the scenario's price level
    years: tuple[int, ...]  # once: (year,); annual: years; per_participant: start years, () = all
    purse: str
    budget_item: str


@dataclass(frozen=True)
class Resolved:
    """A scenario with everything settled; needs no knowledge base to calculate."""

    name: str
    target_group: str | None
    target_group_label: str | None
    success_measure: str | None
    start_year: int
    horizon_years: int
    price_year: int
    discount_label: str
    discount_schedule: tuple[tuple[int, float], ...]
    course_years: int
    participants: Mapping[int, float]
    success_rate: float
    services: Mapping[str, ResolvedService]
    consequences: tuple[tuple[str, tuple[float, ...]], ...]
    costs: tuple[ResolvedCost, ...]
    kb_fingerprint: str | None = None
    notes: tuple[str, ...] = field(default=())
    #: status of each consequence (published | derived | illustrative | own), parallel to
    #: ``consequences``; empty when unknown
    consequence_statuses: tuple[str, ...] = ()
    #: where each consequence came from, parallel to ``consequences``: a spec path such as
    #: ``("target_group",)`` (the knowledge base's default for the group),
    #: ``("consequences", 0)`` or ``("add_consequences", 1)``; empty when unknown
    consequence_origins: tuple[tuple[str | int, ...], ...] = ()

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.start_year + self.horizon_years))

    def to_scenario(self) -> dict[str, Any]:
        """A §4 scenario dict that reproduces this calculation with no knowledge base.

        Examples
        --------
        >>> from som_xl.inputs import parse_scenario, resolve
        >>> data = {"start_year": 2025, "horizon_years": 2, "participants": [10],
        ...         "success_rate": 0.5, "discount_rate": 0.04, "price_year": 2024,
        ...         "consequences": [{"service": "s", "profile": [-1]}],
        ...         "services": [{"id": "s", "label": "S", "unit": "dag",
        ...                       "direction": "expenditure", "budget_item": "Post",
        ...                       "prices": {"kommune": 100}}]}
        >>> out = resolve(parse_scenario(data), None).to_scenario()
        >>> out["discount_rate"], out["participants"], out["consequences"]
        (0.04, {2025: 10}, [{'service': 's', 'profile': [-1]}])
        """
        out: dict[str, Any] = {"name": self.name}
        if self.target_group:
            out["target_group"] = {
                "id": self.target_group,
                "label": self.target_group_label,
                "success_measure": self.success_measure,
            }
        out |= {
            "start_year": self.start_year,
            "horizon_years": self.horizon_years,
            "price_year": self.price_year,
            "discount_rate": (
                self.discount_schedule[0][1]
                if len(self.discount_schedule) == 1
                else [{"from_year": f, "rate": r} for f, r in self.discount_schedule]
            ),
            "course_years": self.course_years,
            "participants": {int(y): _plain(n) for y, n in self.participants.items()},
            "success_rate": self.success_rate,
            "costs": [_cost_dict(c) for c in self.costs],
            "consequences": [
                {"service": sid, "profile": [_plain(v) for v in prof]}
                for sid, prof in self.consequences
            ],
            "services": [
                {
                    "id": s.id,
                    "label": s.label,
                    "unit": s.unit,
                    "direction": s.direction,
                    "budget_item": s.budget_item,
                    "price_year": self.price_year,
                    "prices": dict(zip(PURSES, (_plain(p) for p in s.prices), strict=True)),
                }
                for s in self.services.values()
            ],
        }
        return out


def _plain(x: float) -> float | int:
    return int(x) if float(x).is_integer() else float(x)


def _cost_dict(c: ResolvedCost) -> dict[str, Any]:
    d: dict[str, Any] = {"label": c.label, "kind": c.kind, "amount": _plain(c.amount)}
    if c.kind == "once":
        d["year"] = c.years[0]
    elif c.years:  # annual, or per_participant limited to some start years
        d["years"] = list(c.years)
    d["purse"] = c.purse
    d["budget_item"] = c.budget_item
    return d
