"""Structural conventions of the calculation (som-method.md §3): names, not numbers."""

from __future__ import annotations

from typing import Final, Literal

__all__ = [
    "COST_BUDGET_ITEM",
    "DIRECTIONS",
    "DIRECTION_LABELS",
    "PURSES",
    "PURSE_LABELS",
    "STATUSES",
    "STATUS_LABELS",
    "Direction",
    "Purse",
    "Status",
]

Purse = Literal["kommune", "region", "stat"]
PURSES: Final[tuple[Purse, ...]] = ("kommune", "region", "stat")
PURSE_LABELS: Final[dict[str, str]] = {"kommune": "Kommune", "region": "Region", "stat": "Stat"}

Direction = Literal["expenditure", "revenue"]
DIRECTIONS: Final[tuple[Direction, ...]] = ("expenditure", "revenue")
DIRECTION_LABELS: Final[dict[str, str]] = {"expenditure": "udgift", "revenue": "indtægt"}

Status = Literal["published", "derived", "illustrative"]
STATUSES: Final[tuple[Status, ...]] = ("published", "derived", "illustrative")
STATUS_LABELS: Final[dict[str, str]] = {
    "published": "offentliggjort",
    "derived": "afledt",
    "illustrative": "illustrativ",
}

#: Budget item of cost lines that name none (som-method.md §3.5).
COST_BUDGET_ITEM: Final[str] = "Indsatsens omkostninger"
