"""A resolved scenario: every service, price and consequence settled (the resolver's result).

A :class:`Resolved` needs no knowledge base to calculate, and :meth:`Resolved.to_scenario`
writes it back as a scenario that needs none either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..conventions import PURSES, Direction
from .followup import Realised, observed_success_rate, with_realised_participants

__all__ = ["Intervention", "Resolved", "ResolvedCost", "ResolvedService"]


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
class Intervention:
    """The knowledge base's effect a scenario names (``intervention:``), for the answer."""

    id: str
    label: str  # the intervention's name
    target_group: str | None
    evidence_level: int
    outcome: str
    success_rate: float | None  # the knowledge base's net rate, where it gives one
    rate_used: bool  # the scenario's success rate is this one (written none, or the same)
    status: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``intervention`` in ``som-xl calc --json``)."""
        return {
            "id": self.id,
            "label": self.label,
            "target_group": self.target_group,
            "evidence_level": self.evidence_level,
            "outcome": self.outcome,
            "success_rate": self.success_rate,
            "success_rate_from_kb": self.rate_used,
            "status": self.status,
            "source": self.source,
        }


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
    #: units per participant in each course year (§3.10), parallel to ``consequences``
    consequence_during: tuple[tuple[float, ...], ...] = ()
    #: the first profile year (1-based) from which each consequence's values are an
    #: illustrative assumption (provenance, §4), parallel to ``consequences``; None = none,
    #: empty = none at all
    consequence_assumed_from: tuple[int | None, ...] = ()
    #: each consequence's tail (kind, rate) after its profile (§3.11); empty = all stop
    consequence_tails: tuple[tuple[str, float], ...] = ()
    #: drop-off δ on after-course values (§3.12)
    drop_off: float = 0.0
    #: optimism bias (costs, gains) (§3.14)
    optimism_bias: tuple[float, float] = (0.0, 0.0)
    #: the gross success rates (with, without) where the scenario gave them (§3.13)
    gross_success: tuple[float, float] | None = None
    #: committee of each budget item (§3.15), the kommune's flows only
    committees: Mapping[str, str] = field(default_factory=dict)
    #: baseline use per service id (§3.17)
    baseline: tuple[tuple[str, float], ...] = ()
    #: warnings for the user (Danish), e.g. a reduction beyond baseline use
    warnings: tuple[str, ...] = ()
    #: realised years (§3.19), in year order
    realised: tuple[Realised, ...] = ()
    #: the knowledge base's edition, where it was used and has one
    kb_version: str | None = None
    #: the intervention the scenario names (``intervention:``), if any
    intervention: Intervention | None = None

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.start_year + self.horizon_years))

    @property
    def forecast_participants(self) -> dict[int, float]:
        """Participants by year, the realised ones in place of the planned (§3.19)."""
        return with_realised_participants(self.participants, self.realised)

    @property
    def observed_success_rate(self) -> float | None:
        """The success rate observed in the realised years; None where none can be (§3.19)."""
        return observed_success_rate(self.forecast_participants, self.realised, self.course_years)

    @property
    def forecast_success_rate(self) -> float:
        """The net success rate the calculation uses: observed where there is one."""
        observed = self.observed_success_rate
        return self.success_rate if observed is None else observed

    def tail_of(self, j: int) -> tuple[str, float]:
        """Consequence j's tail; stop where none is settled."""
        return self.consequence_tails[j] if self.consequence_tails else ("stop", 0.0)

    def assumed_from_of(self, j: int) -> int | None:
        """Consequence j's first assumed profile year (provenance, §4); None where none."""
        return self.consequence_assumed_from[j] if self.consequence_assumed_from else None

    def during_of(self, j: int) -> tuple[float, ...]:
        """Consequence j's units per participant in each course year; () where none."""
        return self.consequence_during[j] if self.consequence_during else ()

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
            "success_rate": (
                {"with": self.gross_success[0], "without": self.gross_success[1]}
                if self.gross_success is not None
                else self.success_rate
            ),
            "costs": [_cost_dict(c) for c in self.costs],
            "consequences": [self._consequence_dict(j) for j in range(len(self.consequences))],
            "services": [
                {
                    "id": s.id,
                    "label": s.label,
                    "unit": s.unit,
                    "direction": s.direction,
                    "budget_item": s.budget_item,
                    "price_year": self.price_year,
                    "prices": dict(zip(PURSES, (_plain(p) for p in s.prices), strict=True)),
                    **({"status": s.status} if s.status in _KB_STATUSES else {}),
                }
                for s in self.services.values()
            ],
        }
        if self.drop_off:
            out["drop_off"] = self.drop_off
        if any(self.optimism_bias):
            out["optimism_bias"] = dict(zip(("costs", "gains"), self.optimism_bias, strict=True))
        if self.committees:
            out["committees"] = dict(self.committees)
        if self.baseline:
            out["baseline"] = {sid: _plain(u) for sid, u in self.baseline}
        if self.realised:
            out["realised"] = {r.year: _realised_dict(r) for r in self.realised}
        return out

    def _consequence_dict(self, j: int) -> dict[str, Any]:
        sid, prof = self.consequences[j]
        d: dict[str, Any] = {"service": sid, "profile": [_plain(v) for v in prof]}
        if not prof:
            del d["profile"]
        if self.consequence_statuses and self.consequence_statuses[j] in _KB_STATUSES:
            d["status"] = self.consequence_statuses[j]
            if self.assumed_from_of(j) is not None:
                d["assumed_from"] = self.assumed_from_of(j)
        if self.during_of(j):
            d["during_course"] = [_plain(v) for v in self.during_of(j)]
        kind, rate = self.tail_of(j)
        if kind != "stop":
            d["tail"] = {"kind": kind, "rate": rate} if kind == "decay" else kind
        return d


#: Statuses of knowledge-base values, written with a copied value so provenance survives.
_KB_STATUSES = ("published", "derived", "illustrative")


def _plain(x: float) -> float | int:
    return int(x) if float(x).is_integer() else float(x)


def _realised_dict(r: Realised) -> dict[str, Any]:
    d: dict[str, Any] = {}
    if r.participants is not None:
        d["participants"] = _plain(r.participants)
    if r.successes is not None:
        d["successes"] = _plain(r.successes)
    if r.costs is not None:
        d["costs"] = [_cost_dict(c) for c in r.costs if isinstance(c, ResolvedCost)]
    return d


def _cost_dict(c: ResolvedCost) -> dict[str, Any]:
    d: dict[str, Any] = {"label": c.label, "kind": c.kind, "amount": _plain(c.amount)}
    if c.kind == "once":
        d["year"] = c.years[0]
    elif c.years:  # annual, or per_participant limited to some start years
        d["years"] = list(c.years)
    d["purse"] = c.purse
    d["budget_item"] = c.budget_item
    return d
