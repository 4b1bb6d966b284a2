"""Structural conventions of the calculation (som-method.md §3): names, not numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    # The input bounds are defined by the field table (som_xl.inputs.fields); these names
    # stay importable from here. Imported lazily (see __getattr__): the table needs PURSES.
    from .inputs.fields import (
        MAX_AMOUNT,
        MAX_DISCOUNT_RATE,
        MAX_PARTICIPANTS,
        MAX_UNITS,
        MIN_DISCOUNT_RATE,
    )

__all__ = [
    "COST_BUDGET_ITEM",
    "DIRECTIONS",
    "DIRECTION_LABELS",
    "MAX_AMOUNT",
    "MAX_DISCOUNT_RATE",
    "MAX_PARTICIPANTS",
    "MAX_UNITS",
    "MIN_DISCOUNT_RATE",
    "NO_COMMITTEE",
    "PURSES",
    "PURSE_LABELS",
    "STATUSES",
    "STATUS_LABELS",
    "Direction",
    "Purse",
    "Status",
    "assumed_from_problem",
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

#: Budget item of cost lines that name none (som-method.md §3.5).


def assumed_from_problem(assumed_from: int, status: str | None, profile_len: int | None) -> str:
    """The Danish problem with a consequence's ``assumed_from`` ('' where there is none).

    ``assumed_from`` is the first profile year (1-based) from which a published or derived
    row's values are an illustrative assumption (som-method §4, provenance): a whole number
    from 2 to the profile's length; an illustrative row (or one's own) has no such year.

    Parameters
    ----------
    assumed_from : int
        The value given.
    status : str or None
        The row's status (None: one's own).
    profile_len : int or None
        The profile's length (None: the row has no profile of its own).

    Returns
    -------
    str
        The problem in Danish, or ''.

    Examples
    --------
    >>> assumed_from_problem(2, "derived", 10)
    ''
    >>> assumed_from_problem(11, "derived", 10)
    "'assumed_from' skal være et helt tal fra 2 til profilens længde (10)"
    >>> assumed_from_problem(2, "illustrative", 10)[:40]
    "'assumed_from' gælder kun en række med s"
    """
    top = f" ({profile_len})" if profile_len is not None else ""
    if isinstance(assumed_from, bool) or not isinstance(assumed_from, int) or assumed_from < 2:
        return f"'assumed_from' skal være et helt tal fra 2 til profilens længde{top}"
    if profile_len is not None and assumed_from > profile_len:
        return f"'assumed_from' skal være et helt tal fra 2 til profilens længde{top}"
    if status not in ("published", "derived"):
        return (
            "'assumed_from' gælder kun en række med status published eller derived (dens "
            "værdier er offentliggjorte eller afledte til og med året før); en illustrativ "
            "række er illustrativ i alle år, så fjern 'assumed_from'"
        )
    return ""


COST_BUDGET_ITEM: Final[str] = "Indsatsens omkostninger"
#: The committee of a budget item that no mapping names (§3.15).
NO_COMMITTEE: Final[str] = "Uden udvalg"

_FROM_FIELDS = frozenset(
    {"MAX_AMOUNT", "MAX_DISCOUNT_RATE", "MAX_PARTICIPANTS", "MAX_UNITS", "MIN_DISCOUNT_RATE"}
)


def __getattr__(name: str) -> object:
    """Labels from the vocabulary and bounds from the field table, loaded on first use."""
    if name in _FROM_DA:
        from .present import da

        return getattr(da, name)
    if name in _FROM_FIELDS:
        from .inputs import fields

        return getattr(fields, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
