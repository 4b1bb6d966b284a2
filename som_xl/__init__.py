"""som-xl: the Danish socio-economic investment model (SØM) as a tested Python engine.

Public API::

    from som_xl import load_kb, load_scenario, resolve, calculate
    kb = load_kb()
    spec, lines = load_scenario("examples/act.yaml")
    result = calculate(resolve(spec, kb))
    result.net_discounted
"""

from __future__ import annotations

from ._version import __version__
from .engine import BatchResult, Model, build_model, discount_factors, evaluate
from .errors import InputError, Problem
from .inputs import Resolved, ScenarioSpec, load_scenario, parse_scenario, resolve
from .kb import KnowledgeBase, load_kb
from .results import Result, calculate

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
