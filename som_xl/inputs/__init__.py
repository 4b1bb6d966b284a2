"""Scenario inputs: the field table, the scenario model, the one resolver, the quick estimate.

- :mod:`.fields`: every input once (type, bounds, Danish label, help, aliases);
- :mod:`.spec`: the scenario model built from the table; ``parse_scenario``/``load_scenario``;
- :mod:`.origins`: where each value came from (file and line, cell, argument);
- :mod:`.resolve`: the resolver in named steps → :class:`Resolved`;
- :mod:`.quick`: the quick estimate as a spec builder.
"""

from .origins import FileOrigins, MappedOrigins, Origins
from .resolve import Resolved, ResolvedCost, ResolvedService, resolve
from .spec import CostItem, ScenarioSpec, ServiceSpec, load_scenario, parse_scenario

__all__ = [
    "CostItem",
    "FileOrigins",
    "MappedOrigins",
    "Origins",
    "Resolved",
    "ResolvedCost",
    "ResolvedService",
    "ScenarioSpec",
    "ServiceSpec",
    "load_scenario",
    "parse_scenario",
    "resolve",
]
