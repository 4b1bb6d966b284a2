"""Results of the hand-calculated scenario and of every example, shared by the present tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from som_xl import calculate, load_kb, load_scenario, resolve
from som_xl.results import Result
from tests.conftest import STANDALONE, run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _example(path: Path) -> Result:
    spec, lines = load_scenario(path)
    return calculate(resolve(spec, load_kb, str(path), lines))


@pytest.fixture(scope="session")
def results() -> dict[str, Result]:
    """The standalone scenario and every example, by name."""
    out = {"standalone": run(STANDALONE)}
    out.update({p.stem: _example(p) for p in EXAMPLES})
    return out
