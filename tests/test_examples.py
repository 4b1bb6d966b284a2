"""Every example runs with `som-xl calc`; the self-contained one matches hand arithmetic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from som_xl.cli import main

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*.yaml"))


def test_there_are_examples() -> None:
    names = {p.stem for p in EXAMPLES}
    assert {
        "rr2_adhd",
        "cool_kids",
        "skaeve_boliger",
        "modificeret_act",
        "efterforloeb_aalborg",
        "egen_beregning",
        "udvidet_85_helsingoer",
    } <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_runs(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calc", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["costs"]["undiscounted"] > 0
    head = path.read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("#"), "eksemplet skal forklare, hvad der er offentliggjort og antaget"
    assert main(["calc", str(path)]) == 0
    assert "Nettoresultat" in capsys.readouterr().out


def test_self_contained_example_by_hand(capsys: pytest.CaptureFixture[str]) -> None:
    path = Path(__file__).parents[1] / "examples" / "egen_beregning.yaml"
    assert main(["calc", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # See the arithmetic in the file's header.
    assert [y["net"] for y in data["years"]] == pytest.approx([-600000, -100000, 750000, 250000, 0])
    assert data["net_result"]["undiscounted"] == pytest.approx(300000)
    assert data["net_result"]["discounted"] == pytest.approx(
        -600000 - 100000 / 1.04 + 750000 / 1.04**2 + 250000 / 1.04**3
    )
    assert data["break_even_year"] == 2028
    assert data["kb_fingerprint"] is None


def test_readme_scenario_example_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import re

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Scenario files") :]
    match = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert match
    f = tmp_path / "readme.yaml"
    f.write_text(match.group(1), encoding="utf-8")
    assert main(["calc", str(f), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {x["budget_item"] for x in data["by_budget_item"]} >= {"Sundhed: psykiatri"}
