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

from .engine import BatchResult, Model, discount_factors, evaluate  # noqa: E402
from .errors import InputError, Problem  # noqa: E402
from .kb import KnowledgeBase, load_kb  # noqa: E402
from .results import Result, calculate  # noqa: E402
from .scenario import Resolved, ScenarioSpec, build_model, load_scenario, parse_scenario, resolve  # noqa: E402

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
