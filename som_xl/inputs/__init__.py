"""Scenario inputs: the scenario model, the one resolver and the quick estimate."""

from .resolve import Resolved, ResolvedCost, ResolvedService, resolve
from .spec import CostItem, ScenarioSpec, ServiceSpec, load_scenario, parse_scenario

__all__ = [
    "CostItem",
    "Resolved",
    "ResolvedCost",
    "ResolvedService",
    "ScenarioSpec",
    "ServiceSpec",
    "load_scenario",
    "parse_scenario",
    "resolve",
]
