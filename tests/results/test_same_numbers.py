"""The tables computed from the trace and the grouping give the old numbers, to the last bit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import som_xl.engine.tracing
import som_xl.results.result
from som_xl import load_kb, load_scenario, resolve
from som_xl.results import Result, calculate
from tests.conftest import run, standalone
from tests.engine.test_trace_properties import many_consequences
from tests.results import reference

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))


def _example(path: Path) -> Result:
    spec = load_scenario(path)
    return calculate(resolve(spec[0] if isinstance(spec, tuple) else spec, load_kb()))


def _json(x: Any) -> str:
    """As JSON, without the per-group break-even figures (not in the reference, tested in
    tests/results/test_groups.py)."""
    if isinstance(x, list):
        x = [
            {k: v for k, v in r.items() if k not in ("break_even_year", "benefit_cost_ratio")}
            for r in x
        ]
    return json.dumps(x, ensure_ascii=False)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples(path: Path) -> None:
    r = _example(path)
    assert _json(r.consequence_rows()) == _json(reference.consequence_rows(r))
    assert _json(r.by_purse()) == _json(reference.split(r, 2))
    assert _json(r.by_budget_item()) == _json(reference.split(r, 3))


@settings(max_examples=80)
@given(many_consequences())
def test_random_scenarios(data: dict[str, Any]) -> None:
    r = run(data)
    assert _json(r.consequence_rows()) == _json(reference.consequence_rows(r))
    assert _json(r.by_purse()) == _json(reference.split(r, 2))
    assert _json(r.by_budget_item()) == _json(reference.split(r, 3))


def test_to_dict_evaluates_nothing_more(monkeypatch: pytest.MonkeyPatch) -> None:
    r = run(standalone())
    calls: list[int] = []
    original = som_xl.results.result.evaluate

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(som_xl.results.result, "evaluate", counting)
    monkeypatch.setattr(som_xl.engine.tracing, "evaluate", counting)
    r.to_dict()
    assert calls == []
