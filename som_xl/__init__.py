"""som-xl: the Danish socio-economic investment model (SØM) as a tested Python engine.

Public API::

    from som_xl import load_kb, load_scenario, resolve, calculate
    kb = load_kb()
    spec, lines = load_scenario("examples/act.yaml")
    result = calculate(resolve(spec, kb))
    result.net_discounted
"""

from __future__ import annotations

__version__ = "0.1.0"

from .engine import BatchResult, Model, discount_factors, evaluate
from .errors import InputError, Problem
from .kb import KnowledgeBase, load_kb
from .results import Result, calculate
from .scenario import Resolved, ScenarioSpec, build_model, load_scenario, parse_scenario, resolve

__all__ = [
    "BatchResult",
    "InputError",
    "KnowledgeBase",
    "Model",
    "Problem",
    "Resolved",
    "Result",
    "ScenarioSpec",
    "__version__",
    "build_model",
    "calculate",
    "discount_factors",
    "evaluate",
    "load_kb",
    "load_scenario",
    "parse_scenario",
    "resolve",
]
