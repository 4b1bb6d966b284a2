"""The workbook's inputs as a scenario document: the one resolver gives the workbook's numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from som_xl.inputs import parse_scenario, resolve
from som_xl.kb import KnowledgeBase, load_kb
from som_xl.results import calculate
from som_xl.workbook.build import build_workbook
from som_xl.workbook.model import resolve_inputs
from som_xl.workbook.read import read_content
from som_xl.workbook.scenario import inputs_to_scenario
from tests.workbook_edit import edit
from tests.workbook_scenarios import FIXTURE_KB, SCENARIOS


@pytest.fixture(scope="module")
def fixture_kb() -> KnowledgeBase:
    return load_kb(FIXTURE_KB)


@pytest.fixture(scope="module")
def base(fixture_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("scn") / "SOM.xlsx", kb=fixture_kb)


@pytest.mark.parametrize("name", ["default", *SCENARIOS])
def test_same_numbers_as_the_workbook_resolver(
    name: str, base: Path, tmp_path: Path, fixture_kb: KnowledgeBase
) -> None:
    path = base if name == "default" else edit(base, tmp_path / f"{name}.xlsx", SCENARIOS[name])
    content = read_content(path)
    old = calculate(resolve_inputs(content.inputs, content.bkb, content.layout))
    scn = inputs_to_scenario(content.inputs, content.bkb, content.layout)
    new = calculate(resolve(parse_scenario(scn.data), fixture_kb))
    a, b = old.to_dict(), new.to_dict()
    for key in ("net_result", "costs", "gains", "break_even_year", "break_even_success_rate"):
        if a[key] is None or b[key] is None:
            assert a[key] is b[key], key
        else:
            assert a[key] == pytest.approx(b[key], rel=1e-12, abs=1e-6), key
    for x, y in zip(a["years"], b["years"], strict=True):
        assert x == pytest.approx(y, rel=1e-12, abs=1e-6)
    for x, y in zip(a["by_purse"], b["by_purse"], strict=True):
        assert x["discounted_net"] == pytest.approx(y["discounted_net"], rel=1e-12, abs=1e-6)
    assert {r["budget_item"]: r["net"] for r in a["by_budget_item"]} == pytest.approx(
        {r["budget_item"]: r["net"] for r in b["by_budget_item"]}, rel=1e-12, abs=1e-6
    )
