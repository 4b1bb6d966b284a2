"""Shared fixtures: a standalone scenario builder and the knowledge base."""

from __future__ import annotations

import copy
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from som_xl import calculate, load_kb, parse_scenario, resolve
from som_xl.kb import KnowledgeBase
from som_xl.present._example import EXAMPLE
from som_xl.results import Result

# Property tests: no timing deadline or speed health checks (CI machines vary); in CI the
# examples are derived deterministically, so a run can be repeated exactly.
settings.register_profile(
    "som",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=bool(os.environ.get("CI")),
)
settings.load_profile("som")

#: A scenario that defines all its services and consequences itself (no knowledge base); its
#: figures are worked out by hand in tests/engine/test_engine_hand.py. The package's doctests
#: use the same scenario (som_xl/present/_example.py), so there is one copy of it.
STANDALONE: dict[str, Any] = copy.deepcopy(EXAMPLE)


def standalone(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(STANDALONE)
    data.update(changes)
    return data


def run(data: dict[str, Any], kb: KnowledgeBase | None = None) -> Result:
    return calculate(resolve(parse_scenario(data), kb))


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_kb()
