"""The calculation (docs/method.md) in numpy: pure functions, no domain numbers, no I/O.

``core`` evaluates a :class:`Model` (V variations in one pass), ``tracing`` gives the
intermediate rows of one scenario's calculation, ``discount`` the rates and factors, and
``model`` compiles a resolved scenario into a :class:`Model`.
"""

from .core import (
    BREAK_EVEN_TOLERANCE,
    BatchResult,
    CostLines,
    Model,
    evaluate,
)
from .discount import discount_factors, rate_path, rates_by_year
from .model import build_model
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
