"""The README's scenario examples calculate: every YAML block of its "Scenario files" section
runs through ``som-xl calc`` (and ``som-xl usikkerhed`` where it has an uncertainty block), so
the documentation cannot drift from the code.

The section's first block is a whole scenario; each later block is a piece of one, put into
the first (a key of the same name replaced), as the README says.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from som_xl.cli import main
from tests.paths import ROOT

SECTION = ("## Scenario files", "## The knowledge base")


def yaml_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = text.index(SECTION[0]), text.index(SECTION[1])
    return re.findall(r"```yaml\n(.*?)```", text[start:end], flags=re.S)


BLOCKS = yaml_blocks()
BASE: dict[str, Any] = yaml.safe_load(BLOCKS[0])


def scenario(block: str) -> dict[str, Any]:
    piece = yaml.safe_load(block)
    assert isinstance(piece, dict)
    return piece if "start_year" in piece else {**BASE, **piece}


def calc(data: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    path = tmp_path / "readme.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rc = main(["calc", str(path), "--json"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    return json.loads(out)


def test_the_section_has_the_new_keys() -> None:
    keys = set().union(*(scenario(b) for b in BLOCKS))
    for key in (
        "consequence_tail",
        "drop_off",
        "optimism_bias",
        "committees",
        "baseline",
        "resources",
        "realised",
        "uncertainty",
        "variants",
    ):
        assert key in keys, key
    text = "\n".join(BLOCKS)
    for word in ("during_course", "tail:", "relative:", "with:", "without:"):
        assert word in text, word


@pytest.mark.parametrize("block", BLOCKS, ids=[f"blok{i}" for i in range(len(BLOCKS))])
def test_readme_block_calculates(
    block: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = scenario(block)
    result = calc(data, tmp_path, capsys)
    assert result["net_result"]["discounted"] is not None
    if "realised" in data:
        assert {"plan", "realised", "forecast"} <= set(result)
    if "committees" in data:
        names = {c["committee"] for c in result["by_committee"]}
        assert {"Socialudvalget", "Beskæftigelsesudvalget"} <= names
    if "baseline" in data:
        # the example says: 132 nights fewer in year 3 is more than the 120 of baseline use
        assert any("forsorgshjem_doegn" in w and "år 3" in w for w in result["warnings"])
    if "uncertainty" in data:
        path = tmp_path / "readme.yaml"
        assert main(["usikkerhed", str(path), "--json", "--draws", "200"]) == 0
        assert 0 <= json.loads(capsys.readouterr().out)["p_net_positive"] <= 1


def test_gross_success_example_is_the_net_rate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """{with: 0.35, without: 0.05} calculates as the net 0.30 of the first example."""
    gross = next(b for b in BLOCKS if "without:" in b)
    assert calc(scenario(gross), tmp_path, capsys)["net_result"] == pytest.approx(
        calc(BASE, tmp_path, capsys)["net_result"]
    )
