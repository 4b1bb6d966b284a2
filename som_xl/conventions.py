"""Structural conventions of the calculation (som-method.md §3): names, not numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Literal

__all__ = [
    "COST_BUDGET_ITEM",
    "DIRECTIONS",
    "DIRECTION_LABELS",
    "MAX_AMOUNT",
    "MAX_DISCOUNT_RATE",
    "MAX_PARTICIPANTS",
    "MAX_UNITS",
    "MIN_DISCOUNT_RATE",
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

Direction = Literal["expenditure", "revenue"]
DIRECTIONS: Final[tuple[Direction, ...]] = ("expenditure", "revenue")

Status = Literal["published", "derived", "illustrative"]
STATUSES: Final[tuple[Status, ...]] = ("published", "derived", "illustrative")

# The Danish labels (PURSE_LABELS, DIRECTION_LABELS, STATUS_LABELS) live in the one
# vocabulary, som_xl.present.da. They stay importable from here, loaded on first use, so the
# engine (which imports this module) never loads the presentation layer.
if TYPE_CHECKING:
    from .present.da import DIRECTION_LABELS, PURSE_LABELS, STATUS_LABELS

_FROM_DA = frozenset({"DIRECTION_LABELS", "PURSE_LABELS", "STATUS_LABELS"})


def __getattr__(name: str) -> object:
    if name in _FROM_DA:
        from .present import da

        return getattr(da, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Budget item of cost lines that name none (som-method.md §3.5).
COST_BUDGET_ITEM: Final[str] = "Indsatsens omkostninger"

#: Discount rates (shares) accepted everywhere: scenario files, the workbook, the functions
#: and the knowledge base. 0 % to 20 % covers every rate a public body uses.
MIN_DISCOUNT_RATE: Final[float] = 0.0
MAX_DISCOUNT_RATE: Final[float] = 0.2

#: Magnitude limits that keep sums finite (far beyond any real budget).
MAX_AMOUNT: Final[float] = 1e12  # kr. in one cost line or one unit price
MAX_UNITS: Final[float] = 1e9  # units in one profile year (taxable income is counted in kr.)
MAX_PARTICIPANTS: Final[float] = 1e7
