"""The knowledge base: load and validate it strictly, once per process."""

from .load import kb_health, knowledge_dir, load_kb
from .schema import (
    BudgetItem,
    Consequence,
    Defaults,
    DiscountSchedule,
    Effect,
    KnowledgeBase,
    PriceIndex,
    Service,
    Source,
    TargetGroup,
)

__all__ = [
    "BudgetItem",
    "Consequence",
    "Defaults",
    "DiscountSchedule",
    "Effect",
    "KnowledgeBase",
    "PriceIndex",
    "Service",
    "Source",
    "TargetGroup",
    "kb_health",
    "knowledge_dir",
    "load_kb",
]
