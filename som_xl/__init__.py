"""som-xl: the Danish socio-economic investment model (SØM) as a tested Python engine.

Public API::

    from som_xl import load_kb, load_scenario, resolve, calculate
    kb = load_kb()
    spec, lines = load_scenario("examples/act.yaml")
    result = calculate(resolve(spec, kb))
    result.net_discounted

The names are imported on first use (PEP 562), so ``import som_xl`` and the command line's
start-up (``som-xl --help``) load neither numpy nor pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .engine import BatchResult, Model, build_model, discount_factors, evaluate
    from .errors import InputError, Problem
    from .inputs import Resolved, ScenarioSpec, load_scenario, parse_scenario, resolve
    from .kb import KnowledgeBase, load_kb
    from .results import Result, calculate

#: Public name → the submodule that defines it.
_LAZY = {
    "BatchResult": ".engine",
    "Model": ".engine",
    "build_model": ".engine",
    "discount_factors": ".engine",
    "evaluate": ".engine",
    "InputError": ".errors",
    "Problem": ".errors",
    "Resolved": ".inputs",
    "ScenarioSpec": ".inputs",
    "load_scenario": ".inputs",
    "parse_scenario": ".inputs",
    "resolve": ".inputs",
    "KnowledgeBase": ".kb",
    "load_kb": ".kb",
    "Result": ".results",
    "calculate": ".results",
}

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


def __getattr__(name: str) -> Any:
    """Import a public name on first use.

    Examples
    --------
    >>> import som_xl
    >>> som_xl.calculate.__name__
    'calculate'
    """
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'som_xl' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
