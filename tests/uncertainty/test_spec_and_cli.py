"""The uncertainty block's Danish messages, the standard ranges, and `som-xl usikkerhed`."""

from __future__ import annotations

import json
import math
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from som_xl import parse_scenario
from som_xl.cli import main
from som_xl.errors import InputError
from som_xl.inputs.uncertainty import (
    Z_95,
    standard_uncertainty,
)
from tests.conftest import standalone

ROOT = Path(__file__).resolve().parents[2]


def _problems(unc: Any) -> str:
    with pytest.raises(InputError) as exc:
        parse_scenario(standalone(uncertainty=unc), "fil.yaml")
    return exc.value.text()


@pytest.mark.parametrize(
    ("unc", "key", "says"),
    [
        (
            {"costs": {"dist": "uniform", "low": 1.2, "high": 0.8}},
            "uncertainty.costs",
            "'low' (1,2) må ikke være større end 'high' (0,8)",
        ),
        (
            {"consequences": {"dist": "normal", "mean": 1, "sd": 0}},
            "uncertainty.consequences",
            "'sd' (0) skal være større end 0",
        ),
        (
            {"success_rate": {"dist": "beta", "mean": 0.5, "sd": 0.6}},
            "uncertainty.success_rate",
            "en beta-fordeling med mean 0,5 og sd 0,6 findes ikke",
        ),
        (
            {"success_rate": {"dist": "triangular", "low": 0.1, "mode": 0.5, "high": 1.4}},
            "uncertainty.success_rate",
            "'high' (1,4) skal ligge mellem 0 og 1",
        ),
        (
            {"success_rate": {"dist": "triangular", "low": 0.1, "mode": 0.5, "high": 0.4}},
            "uncertainty.success_rate",
            "'mode' (0,5) skal ligge mellem 'low' (0,1) og 'high' (0,4)",
        ),
        (
            {"costs": {"dist": "uniform", "low": -1, "high": 1}},
            "uncertainty.costs",
            "'low' (-1) skal ligge på mindst 0",
        ),
        (
            {"costs": {"dist": "normal", "mean": 1, "sd": 0.1, "low": 0}},
            "uncertainty.costs",
            "fordelingen normal bruger ikke low",
        ),
        (
            {"costs": {"dist": "gauss", "mean": 1, "sd": 0.1}},
            "uncertainty.costs.dist",
            "skal være en af: 'triangular', 'beta', 'uniform' eller 'normal'",
        ),
        ({"costs": {"mean": 1}}, "uncertainty.costs", "mangler 'dist'"),
        ({"draws": 0}, "uncertainty.draws", "skal være mindst 1"),
        ({"sedd": 1}, "uncertainty.sedd", "ukendt nøgle"),
        ("alle", "uncertainty", "skal være 'standard'"),
    ],
)
def test_bad_parameters_are_danish_problems(unc: Any, key: str, says: str) -> None:
    text = _problems(unc)
    assert f"nøgle '{key}'" in text and says in text, text


def test_the_block_as_in_som_method() -> None:
    text = """
    uncertainty:
      draws: 10000
      seed: 2025
      success_rate: {dist: triangular, low: 0.15, mode: 0.30, high: 0.40}
      costs: {dist: triangular, low: 0.9, mode: 1.0, high: 1.3}   # multiplier of every cost
      consequences: {dist: normal, mean: 1.0, sd: 0.2}            # multiplier of every gain
      services: {egen_botilbud: {dist: uniform, low: 0.8, high: 1.2}}  # one service's price
    """
    spec = parse_scenario(standalone(**yaml.safe_load(text)))
    u = spec.uncertainty
    assert u is not None and u.draws == 10000 and u.seed == 2025
    assert u.services["egen_botilbud"].low == 0.8


def test_standard_without_interval_is_the_stated_rule() -> None:
    spec = parse_scenario(standalone(success_rate=0.3, uncertainty="standard"))
    assert spec.uncertainty is not None
    u, notes = standard_uncertainty(spec, spec.uncertainty, None)
    d = u.success_rate
    assert d is not None and (d.dist, d.low, d.mode, d.high) == ("triangular", 0.0, 0.3, 0.6)
    assert notes[0].status == "illustrative" and notes[0].source is None
    # explicit entries win over the standard
    spec = parse_scenario(
        standalone(
            uncertainty={
                "standard": True,
                "success_rate": {"dist": "uniform", "low": 0.2, "high": 0.4},
            }
        )
    )
    assert spec.uncertainty is not None
    u, notes = standard_uncertainty(spec, spec.uncertainty, None)
    assert u.success_rate is not None and u.success_rate.dist == "uniform"
    # ... and the inputs it does not give get the standard: every cost 0,9-1-1,3 and every
    # gain 0,8-1-1,2, both stated rules (illustrative)
    assert [(n.input, n.status) for n in notes] == [
        ("costs", "illustrative"),
        ("consequences", "illustrative"),
    ]
    assert u.costs is not None and (u.costs.low, u.costs.mode, u.costs.high) == (0.9, 1.0, 1.3)
    c = u.consequences
    assert c is not None and (c.dist, c.low, c.mode, c.high) == ("triangular", 0.8, 1.0, 1.2)
    # a block that gives all three keeps them and gets no notes
    own = {"dist": "uniform", "low": 0.5, "high": 1.5}
    spec = parse_scenario(
        standalone(
            uncertainty={
                "standard": True,
                "success_rate": {"dist": "uniform", "low": 0.2, "high": 0.4},
                "costs": own,
                "consequences": own,
            }
        )
    )
    assert spec.uncertainty is not None
    u, notes = standard_uncertainty(spec, spec.uncertainty, None)
    assert notes == () and u == spec.uncertainty


def test_standard_from_an_effects_confidence_interval(kb: Any) -> None:
    # An effect with a 95 % interval 0.36-0.48 (as Housing First's RCT prints it): the
    # standard is a normal around the scenario's s with sd = 0.12 / 3.92 = 0.0306...
    base = kb.effects["housing_first_act_rct"]
    effect = SimpleNamespace(
        id=base.id,
        target_group=base.target_group,
        success_rate=base.success_rate,
        evidence_level=base.evidence_level,
        source=base.source,
        success_rate_low=0.36,
        success_rate_high=0.48,
        range_source=base.source,
        range_locator="abstract",
    )
    fake_kb = SimpleNamespace(effects={base.id: effect})
    spec = parse_scenario(
        standalone(
            success_rate=0.42,
            target_group="voksne_hjemloeshed",
            uncertainty={"standard": True, "effect": base.id},
        )
    )
    assert spec.uncertainty is not None
    u, notes = standard_uncertainty(spec, spec.uncertainty, fake_kb)  # type: ignore[arg-type]
    d = u.success_rate
    assert d is not None and d.dist == "normal" and d.mean == 0.42
    assert math.isclose(d.sd or 0, 0.12 / (2 * Z_95), rel_tol=1e-12)
    assert notes[0].status == "derived" and notes[0].source == f"{base.source}, abstract"
    # without naming it, the target group's effect whose success rate is the scenario's
    spec = parse_scenario(
        standalone(success_rate=0.42, target_group="voksne_hjemloeshed", uncertainty="standard")
    )
    assert spec.uncertainty is not None
    u, _ = standard_uncertainty(spec, spec.uncertainty, fake_kb)  # type: ignore[arg-type]
    assert u.success_rate is not None and u.success_rate.dist == "normal"


def test_unknown_effect_is_a_danish_problem(kb: Any) -> None:
    spec = parse_scenario(standalone(uncertainty={"standard": True, "effect": "act_hjemlose"}))
    assert spec.uncertainty is not None
    with pytest.raises(InputError) as exc:
        standard_uncertainty(spec, spec.uncertainty, kb, "fil.yaml")
    assert "uncertainty.effect" in exc.value.text() and "act_hjemloese" in exc.value.text()


# --- the command ------------------------------------------------------------------------------


def _file(tmp_path: Path, **changes: Any) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(standalone(**changes), allow_unicode=True), encoding="utf-8")
    return path


UNC = {
    "seed": 3,
    "success_rate": {"dist": "triangular", "low": 0.15, "mode": 0.3, "high": 0.4},
    "costs": {"dist": "triangular", "low": 0.9, "mode": 1.0, "high": 1.3},
    "consequences": {"dist": "normal", "mean": 1.0, "sd": 0.2},
    "services": {"egen_botilbud": {"dist": "uniform", "low": 0.8, "high": 1.2}},
}


def test_cli_json_fields_exactly_as_som_method(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, uncertainty=UNC)
    assert main(["usikkerhed", str(path), "--json", "--draws", "2000", "--seed", "9"]) == 0
    d = json.loads(capsys.readouterr().out)
    for key in ("draws", "seed", "p_net_positive", "mean", "quantiles", "by_purse", "tornado"):
        assert key in d
    assert (d["draws"], d["seed"]) == (2000, 9)
    assert list(d["quantiles"]) == ["5", "10", "50", "90", "95"]
    assert [p["purse"] for p in d["by_purse"]] == ["kommune", "region", "stat"]
    for p in d["by_purse"]:
        assert {"p_net_positive", "quantiles"} <= set(p)
        assert list(p["quantiles"]) == ["5", "10", "50", "90", "95"]
    names = {r["input"] for r in d["tornado"]}
    assert names == {"success_rate", "costs", "consequences", "services.egen_botilbud"}
    for r in d["tornado"]:
        assert {"input", "low", "high", "net_low", "net_high", "switching_value"} <= set(r)
    assert 0.0 <= d["p_net_positive"] <= 1.0


def test_cli_same_seed_same_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, uncertainty=UNC)
    main(["usikkerhed", str(path), "--json", "--draws", "500"])
    first = capsys.readouterr().out
    main(["usikkerhed", str(path), "--json", "--draws", "500"])
    assert capsys.readouterr().out == first
    main(["usikkerhed", str(path), "--json", "--draws", "500", "--seed", "4"])
    assert capsys.readouterr().out != first


def test_cli_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, uncertainty=UNC)
    assert main(["usikkerhed", str(path), "--draws", "1000"]) == 0
    out = capsys.readouterr().out
    assert "1.000 trækninger, frø (seed) 3" in out
    assert "Sandsynlighed for nettoresultat over 0:" in out
    assert "Kommune" in out and "Skifteværdi" in out and "│" in out


def test_cli_without_block_needs_a_choice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path)
    assert main(["usikkerhed", str(path)]) == 2
    assert "--standard" in capsys.readouterr().err
    assert main(["usikkerhed", str(path), "--standard", "--draws", "100"]) == 0
    out = capsys.readouterr().out
    assert "Standardinterval for succesraten" in out and "illustrativ" in out


@pytest.mark.parametrize("args", [["--draws", "0"], ["--seed", "-1"], ["--draws", "mange"]])
def test_cli_bad_options_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    path = _file(tmp_path, uncertainty=UNC)
    assert main(["usikkerhed", str(path), *args]) == 2
    assert capsys.readouterr().err.strip()


#: A scenario on the knowledge base (homelessness: 7 of its 8 consequences illustrative).
KB_SCENARIO = {
    "name": "Housing First",
    "target_group": "voksne_hjemloeshed",
    "participants": {2026: 20},
    "success_rate": 0.42,
    "horizon_years": 10,
    "start_year": 2026,
    "costs": [{"label": "Team", "kind": "per_participant", "year": 2026, "amount": 120000}],
}


def test_what_the_analysis_holds_fixed_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With only the success rate uncertain, the costs and the gains are held fixed: the
    JSON says so (``fixed``), with the illustrative share of the gains as ``calc`` gives it,
    and the text warns that the distribution then looks surer than it is."""
    path = tmp_path / "hf.yaml"
    only_rate = {"success_rate": {"dist": "uniform", "low": 0.3, "high": 0.5}}
    path.write_text(yaml.safe_dump({**KB_SCENARIO, "uncertainty": only_rate}), encoding="utf-8")
    assert main(["calc", str(path), "--json"]) == 0
    share = json.loads(capsys.readouterr().out)["provenance"]["illustrative_share"]
    assert 0.1 < share < 0.9
    assert main(["usikkerhed", str(path), "--json", "--draws", "200"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["fixed"] == ["costs", "consequences"]
    assert d["illustrative_share"] == pytest.approx(share, rel=1e-12)
    assert main(["usikkerhed", str(path), "--draws", "200"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Holdt faste (uden usikkerhed i analysen): omkostningerne og gevinsterne." in out
    assert "gevinsternes usikkerhed er ikke med, så fordelingen ser sikrere ud" in out
    # with the standard ranges nothing is held fixed, and the gains' factor is named
    assert main(["usikkerhed", str(path), "--standard", "--json", "--draws", "200"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["fixed"] == [] and {r["input"] for r in d["tornado"]} >= {"costs", "consequences"}
    assert [n["input"] for n in d["defaults"]] == ["costs", "consequences"]
