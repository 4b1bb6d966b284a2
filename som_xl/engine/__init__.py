"""The calculation (docs/method.md) in numpy: pure functions, no domain numbers, no I/O.

``core`` evaluates a :class:`Model` (V variations in one pass), ``tracing`` gives the
intermediate rows of one scenario's calculation, ``discount`` the rates and factors, and
``model`` compiles a resolved scenario into a :class:`Model`. ``tracing``'s names are
imported on first use (PEP 562): a command that prints a result needs no trace (issue 9:
start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .core import (
    BREAK_EVEN_TOLERANCE,
    BatchResult,
    CostLines,
    Model,
    evaluate,
)
from .discount import discount_factors, rate_path, rates_by_year
from .model import build_model

if TYPE_CHECKING:
    from .tracing import YEAR_ROWS, SheetTotals, Trace, trace

__all__ = [
    "BREAK_EVEN_TOLERANCE",
    "YEAR_ROWS",
    "BatchResult",
    "CostLines",
    "Model",
    "SheetTotals",
    "Trace",
    "build_model",
    "discount_factors",
    "evaluate",
    "rate_path",
    "rates_by_year",
    "trace",
]

#: The names of :mod:`.tracing`, imported on first use.
_TRACING = ("YEAR_ROWS", "SheetTotals", "Trace", "trace")


def __getattr__(name: str) -> Any:
    """Import a name of :mod:`.tracing` on first use.

    Examples
    --------
    >>> import som_xl.engine
    >>> som_xl.engine.trace.__name__
    'trace'
    """
    if name not in _TRACING:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import tracing

    value = getattr(tracing, name)
    globals()[name] = value
    return value
