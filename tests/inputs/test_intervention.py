"""``intervention:`` names the knowledge base's effect: its success rate, interval and source.

A scenario may name the intervention (an effect id) instead of writing its success rate, or
beside it. The resolver then uses the effect's net success rate where the scenario writes
none, reports the effect on every face (JSON ``intervention``, the text's "Indsats:" line,
the report's assumptions), warns where the effect was studied for another target group, and
the uncertainty analysis's standard takes the effect's 95 % interval.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from som_xl import calculate, parse_scenario, resolve
from som_xl.cli import main
from som_xl.errors import InputError
from som_xl.inputs.spec import FromIntervention, load_scenario
from som_xl.inputs.uncertainty import Z_95, UncertaintySpec, standard_uncertainty
from som_xl.kb import KnowledgeBase


def _doc(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Cool Kids",
        "target_group": "boern_angst_depression_6_13",
        "intervention": "cool_kids",
        "start_year": 2025,
        "horizon_years": 10,
        "price_year": 2024,
        "discount_rate": "fm",
        "participants": {2025: 11, 2026: 11},
        "costs": [{"label": "Forløb", "kind": "per_participant", "amount": 25000}],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_no_rate_written_uses_the_effects_rate(kb: KnowledgeBase) -> None:
    """Cool Kids' net rate in the knowledge base is 0,482 − 0,057 = 0,425 (Arendt 2016)."""
    assert kb.effects["cool_kids"].success_rate == pytest.approx(0.425)
    spec = parse_scenario(_doc())
    assert spec.success_rate == FromIntervention("cool_kids")
    res = resolve(spec, kb)
    assert res.success_rate == pytest.approx(0.425)
    assert res.intervention is not None and res.intervention.rate_used
    # the same scenario with the rate written gives the same result to the krone
    written = calculate(resolve(parse_scenario(_doc(success_rate=0.425, intervention=None)), kb))
    named = calculate(res)
    assert named.net_discounted == pytest.approx(written.net_discounted, abs=1e-6)
    block = named.to_dict()["intervention"]
    assert block["id"] == "cool_kids"
    assert block["success_rate"] == pytest.approx(0.425)
    assert block["success_rate_from_kb"] is True
    assert block["evidence_level"] == kb.effects["cool_kids"].evidence_level
    assert block["source"] == kb.effects["cool_kids"].source
    assert written.to_dict()["intervention"] is None


def test_a_written_rate_wins_and_the_result_says_so(kb: KnowledgeBase) -> None:
    res = resolve(parse_scenario(_doc(success_rate=0.26)), kb)
    assert res.success_rate == pytest.approx(0.26)
    assert res.intervention is not None and not res.intervention.rate_used
    # written equal to the knowledge base's: it is the knowledge base's rate
    same = resolve(parse_scenario(_doc(success_rate=0.425)), kb)
    assert same.intervention is not None and same.intervention.rate_used


def test_gross_rates_beside_an_intervention(kb: KnowledgeBase) -> None:
    res = resolve(parse_scenario(_doc(success_rate={"with": 0.5, "without": 0.2})), kb)
    assert res.success_rate == pytest.approx(0.3)
    assert res.gross_success == (0.5, 0.2)


def test_unknown_intervention_names_the_line_and_a_suggestion(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        "target_group: boern_angst_depression_6_13\nintervention: cool_kid\n"
        "start_year: 2025\nhorizon_years: 5\nparticipants: {2025: 10}\n",
        encoding="utf-8",
    )
    spec, lines = load_scenario(path)
    with pytest.raises(InputError) as err:
        resolve(spec, kb, str(path), lines)
    text = str(err.value)
    assert "linje 2" in text and "'intervention'" in text
    assert "ukendt indsats" in text and "mente du 'cool_kids'" in text


def test_an_effect_without_a_rate_needs_the_users_rate(kb: KnowledgeBase) -> None:
    """ACT has no control group, so the knowledge base gives it no net success rate."""
    assert kb.effects["act_hjemloese"].success_rate is None
    doc = _doc(target_group="voksne_hjemloeshed", intervention="act_hjemloese")
    with pytest.raises(InputError, match=r"ingen standard-succesrate.*angiv 'success_rate'"):
        resolve(parse_scenario(doc), kb)
    # with a rate of one's own it is fine, and the result says the kb has none
    res = resolve(parse_scenario({**doc, "success_rate": 0.3}), kb)
    assert res.intervention is not None and res.intervention.success_rate is None


def test_neither_rate_nor_intervention_is_missing() -> None:
    with pytest.raises(InputError, match="'success_rate': mangler"):
        parse_scenario(_doc(intervention=None))


def test_another_target_group_gives_a_warning(kb: KnowledgeBase) -> None:
    pmto = kb.effects["pmto"]
    assert pmto.target_group != "boern_angst_depression_6_13"
    res = resolve(parse_scenario(_doc(intervention="pmto", success_rate=0.3)), kb)
    assert any("'pmto'" in w and pmto.target_group in w for w in res.warnings)
    own = resolve(parse_scenario(_doc()), kb)
    assert not any("Indsatsen" in w for w in own.warnings)


def test_the_standard_interval_is_the_named_effects(kb: KnowledgeBase) -> None:
    """Cool Kids' 95 % interval 0,267-0,559: sd = (0,559 − 0,267) / (2 × 1,96) = 0,0745."""
    e = kb.effects["cool_kids"]
    assert (e.success_rate_low, e.success_rate_high) == (0.267, 0.559)
    spec = parse_scenario(_doc())
    unc, notes = standard_uncertainty(spec, UncertaintySpec(standard=True), kb)
    rate = unc.success_rate
    assert rate is not None and rate.dist == "normal"
    assert rate.mean == pytest.approx(0.425)
    assert rate.sd == pytest.approx((0.559 - 0.267) / (2 * Z_95))
    assert rate.sd == pytest.approx(0.0745, abs=5e-5)
    assert "cool_kids" in notes[0].text


def test_every_face_of_the_command_line_names_it(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(_doc()), encoding="utf-8")
    assert main(["calc", str(path)]) == 0
    text = capsys.readouterr().out
    assert "Indsats: Cool Kids" in text and "succesraten 42,5 % er vidensdatabasens" in text
    assert main(["calc", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["intervention"]["id"] == "cool_kids"
