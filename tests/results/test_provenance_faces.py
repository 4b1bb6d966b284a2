"""Every face shows the provenance share with the assumed profile years counted: the CLI's
text and JSON, the report's sentence and the Excel functions' views (the workbook's live
formula: tests/workbook/test_workbook_libreoffice.py, case assumed_from)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from som_xl.cli import main
from som_xl.functions.views import key_figures_view, result_view
from som_xl.inputs import parse_scenario, resolve
from som_xl.kb import KnowledgeBase
from som_xl.present import da
from som_xl.report.data import report_data
from som_xl.report.document import _data_status
from som_xl.results import Result, calculate

SCENARIO = """\
name: ADHD 14-17
target_group: boern_adhd_adfaerd_14_17
start_year: 2025
horizon_years: 10
discount_rate: 0.035
participants: {2025: 20, 2026: 20}
success_rate: 0.3
costs:
  - {label: Drift, kind: annual, years: [2025, 2026], amount: 1000000}
"""


@pytest.fixture
def result(kb: KnowledgeBase) -> Result:
    import yaml

    return calculate(resolve(parse_scenario(yaml.safe_load(SCENARIO)), kb))


def test_the_share_moves_and_the_net_result_does_not(result: Result) -> None:
    old = calculate(dataclasses.replace(result.resolved, consequence_assumed_from=()))
    assert result.provenance["illustrative_share"] > old.provenance["illustrative_share"]
    assert result.to_dict()["net_result"] == old.to_dict()["net_result"]
    assert result.year_rows() == old.year_rows()


def test_cli_text_and_json(
    result: Result, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "adhd.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    share = result.provenance["illustrative_share"]
    assert main(["calc", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["provenance"]["illustrative_share"] == pytest.approx(share, rel=1e-12)
    assert data["provenance"]["assumed_years"] == [
        {"service": "boernepsykiatri_patient_aar", "assumed_from": 2}
    ]
    assert main(["calc", str(path)]) == 0
    text = capsys.readouterr().out
    assert f"Bemærk: {da.pct(share)} af gevinsternes nutidsværdi" in text
    assert da.assumed_from_text(2) in text


def test_report_sentence(result: Result, kb: KnowledgeBase) -> None:
    data = report_data(result, kb=kb, date="2026-12-01", input_name="adhd.yaml")
    share = result.provenance["illustrative_share"]
    assert data.illustrative_share == pytest.approx(share, rel=1e-12)
    assert _data_status(data).startswith(f"{da.pct(share)} af gevinsternes nutidsværdi")
    texts = [a for a in data.assumptions if a.group == "consequence"]
    assert any(da.assumed_from_text(2) in a.value for a in texts)


def test_function_views(result: Result) -> None:
    share = result.provenance["illustrative_share"]
    assert result_view(result, "illustrativ andel") == pytest.approx(share, rel=1e-12)
    rows = key_figures_view(result)
    assert rows[-2][1] == pytest.approx(share, rel=1e-12)
