"""The calculation (docs/method.md) in numpy: pure functions, no domain numbers, no I/O."""

from .core import (
    BREAK_EVEN_TOLERANCE,
    BatchResult,
    Model,
    consequence_detail,
    discount_factors,
    evaluate,
    rate_path,
)
from .model import build_model

__all__ = [
    "BREAK_EVEN_TOLERANCE",
    "BatchResult",
    "Model",
    "build_model",
    "consequence_detail",
    "discount_factors",
    "evaluate",
    "rate_path",
]
