"""``som-xl opfoelgning``: plan against realised figures and the new forecast (som-method §3.19).

The scenario (tests/fixtures/opfoelgning.yaml), by hand. Plan: 10 participants in 2025 and
in 2026 at 10.000 kr. each, 30 % success, one course year, 1.000 kr. a shelter day saved
(-20, -10, -5 days in the years after the course):
  cohort 2025 (3 successes): 2026 60.000, 2027 30.000, 2028 15.000
  cohort 2026 (3 successes): 2027 60.000, 2028 30.000
  net: 2025 -100.000, 2026 -40.000, 2027 90.000, 2028 45.000; total -5.000.
Realised 2025: 8 participants, 2 successes, 90.000 kr. Observed rate 2/8 = 25 %.
New forecast: cohort 2025 has 2 successes (2026 40.000, 2027 20.000, 2028 10.000), cohort
2026 keeps its 10 participants at the observed 25 % (2027 50.000, 2028 25.000):
  net: 2025 -90.000, 2026 -60.000, 2027 70.000, 2028 35.000; total -45.000.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from som_xl.cli import main
from tests.paths import TESTS

FILE = TESTS / "fixtures" / "opfoelgning.yaml"


def test_text_shows_plan_realised_and_forecast(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["opfoelgning", str(FILE)]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line[:2] == "20"}
    assert rows["2025"][1:] == [
        "10", "8", "2", "90.000", "100.000", "90.000", "-100.000", "-90.000"
    ]  # fmt: skip
    assert rows["2026"][-2:] == ["-40.000", "-60.000"]
    assert rows["2027"][-2:] == ["90.000", "70.000"]
    assert rows["2028"][-2:] == ["45.000", "35.000"]
    lines = {line[:28].strip(): line[28:].split() for line in out.splitlines()}
    assert lines["Observeret succesrate"] == ["25,0", "%"]
    assert lines["Nettoresultat (udiskonteret)"] == ["-5.000", "-45.000"]


def test_json_carries_the_same_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["opfoelgning", str(FILE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["realised"]["observed_success_rate"] == pytest.approx(0.25)
    assert data["plan"]["net_result"]["undiscounted"] == pytest.approx(-5_000)
    assert data["forecast"]["net_result"]["undiscounted"] == pytest.approx(-45_000)


def test_a_scenario_without_realised_years_is_refused_in_danish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = FILE.read_text("utf-8").split("realised:")[0]
    path = tmp_path / "plan.yaml"
    path.write_text(text, "utf-8")
    assert main(["opfoelgning", str(path)]) == 2
    err = capsys.readouterr().err
    assert "ingen realiserede tal" in err and "realised:" in err


DEADWEIGHT = "planens dødvægt b = 15 %"


def _gross(tmp_path: Path, without: float) -> Path:
    """The fixture with a gross success rate (user trial: with 0.45, without 0.15)."""
    text = FILE.read_text("utf-8").replace(
        "success_rate: 0.3", f"success_rate: {{with: 0.45, without: {without}}}"
    )
    path = tmp_path / "brutto.yaml"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("command", ["opfoelgning", "calc"])
def test_deadweight_with_realised_successes_warns_in_text_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """The observed rate replaces the net rate (§3.19, kept); the user is told that counted
    successes may include the deadweight b = 15 % and the forecast may be too optimistic."""
    path = _gross(tmp_path, 0.15)
    assert main([command, str(path)]) == 0
    out = capsys.readouterr().out
    assert "Advarsel: Den observerede succesrate bruges som nettosuccesrate" in out
    assert DEADWEIGHT in out and "træk b fra selv" in out
    assert main([command, str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any(DEADWEIGHT in w for w in data["warnings"])


def test_no_deadweight_warning_without_deadweight(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["opfoelgning", str(_gross(tmp_path, 0)), "--json"]) == 0
    assert not any("dødvægt" in w for w in json.loads(capsys.readouterr().out)["warnings"])


def test_provenance_as_calc_gives_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """User trial: opfoelgning carried no provenance. With the knowledge base (an example
    with illustrative values and a realised year) its JSON has calc's keys and values, and
    its text the knowledge base's line and the illustrative note."""
    path = tmp_path / "act.yaml"
    example = (TESTS.parent / "examples" / "modificeret_act.yaml").read_text("utf-8")
    path.write_text(example + "realised: {2025: {participants: 12, successes: 3}}\n", "utf-8")
    assert main(["calc", str(path), "--json"]) == 0
    calc = json.loads(capsys.readouterr().out)
    assert main(["opfoelgning", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("kb_version", "kb_fingerprint", "som_xl_version", "provenance"):
        assert data[key] == calc[key] and data[key], key
    assert 0 < data["provenance"]["illustrative_share"] < 1
    assert main(["opfoelgning", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"Vidensdatabase: version {calc['kb_version']}" in out
    assert "af gevinsternes nutidsværdi bygger på illustrative værdier" in out


def _without_costs(tmp_path: Path) -> Path:
    """The fixture with a second realised year, 2026, without costs: 9 started, 3 succeeded.

    Observed rate (3 + 2) / (8 + 9) = 5 / 17. The forecast keeps the plan's costs of 2026,
    10.000 kr. per participant × 9 realised participants = 90.000 kr. (§3.19), which is no
    realised figure.
    """
    text = FILE.read_text("utf-8") + "  2026: {participants: 9, successes: 3}\n"
    path = tmp_path / "uden_omkostninger.yaml"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("command", ["opfoelgning", "calc"])
def test_a_realised_year_without_costs_shows_them_as_not_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """User trial: the plan's costs of a realised year without costs were shown as realised.
    JSON: its realised costs are null (the calculation keeps them: the forecast's costs of
    2026 are 90.000); text: 'ikke oplyst' and a note that the forecast uses the plan's."""
    path = _without_costs(tmp_path)
    assert main([command, str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    years = {y["year"]: y for y in data["realised"]["years"]}
    assert years[2025]["costs"] == pytest.approx(90_000)
    assert years[2026]["costs"] is None
    assert years[2026]["planned_costs"] == pytest.approx(100_000)
    assert data["forecast"]["costs_by_year"][:2] == pytest.approx([90_000, 90_000])
    assert data["realised"]["observed_success_rate"] == pytest.approx(5 / 17)
    assert main([command, str(path)]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line for line in out.splitlines() if line[:2] == "20"}
    assert rows["2026"].split()[1:6] == ["10", "9", "3", "ikke", "oplyst"]
    assert "ikke oplyst" not in rows["2025"]
    assert "Omkostninger ikke oplyst for 2026: den nye prognose bruger planens" in out


def test_net_results_do_not_change_with_the_display(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """calc's net result of the scenario with 2026 without costs equals the forecast's, by
    hand: the observed rate 5/17 for both cohorts; cohort 2025, 8 × 5/17 = 40/17 successes,
    gains 20.000 + 10.000 + 5.000 = 35.000 each (2026-2028); cohort 2026, 9 × 5/17 = 45/17,
    30.000 each (2027-2028); costs 90.000 + 90.000 (2026: the plan's 10.000 × 9).
    Net: (40 × 35.000 + 45 × 30.000) / 17 − 180.000 = 2.750.000 / 17 − 180.000 = −18.235,29."""
    path = _without_costs(tmp_path)
    assert main(["calc", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = 2_750_000 / 17 - 180_000
    assert data["net_result"]["undiscounted"] == pytest.approx(expected)
    assert data["forecast"]["net_result"]["undiscounted"] == pytest.approx(expected)
