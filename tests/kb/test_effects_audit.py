"""The effects audit (knowledge base 2026.12.4, docs/research/effects-audit.md), by hand.

Every effect with a success rate is recomputed here from the figures its locator quotes, and
every value the audit added or corrected is checked against the arithmetic from its source.

- housing_first_act_rct (Psychiatric Services, At Home/Chez Soi, abstract): stable housing after
  one year 73 % with Housing First, 31 % with treatment as usual; "covariate adjusted
  difference=42%, 95% confidence interval [CI]=36%−48%". Net: 0.73 − 0.31 = 0.42; the interval
  0.36-0.48 is symmetric around it (0.42 − 0.36 = 0.06 = 0.48 − 0.42). It is set as
  success_rate_low/high (the workbook's knowledge-base sheet carries them from layout 6).
- mi_kat_go_unge_stofmisbrug (sm.dk 2018 and CRF's own news): half stoffri after 9 months vs
  "omkring en tredjedel"; the three comparison arms 30.6-36.6 %. Net 0.50 − 0.33 = 0.17, inside
  0.50 − 0.366 = 0.134 and 0.50 − 0.306 = 0.194. Unchanged; the span is no confidence interval,
  so no success_rate_low/high.
- ips_psykisk_sygdom (JAMA Psychiatry 2019, Key Points): 0.599 − 0.465 = 0.134 (re-read).
- mentor_kontanthjaelp (STAR): (0.16 − 0.12) + (0.07 − 0.05) = 0.04 + 0.02 = 0.06.
- cool_kids (Acta Psychiatr Scand, abstract): 0.482 − 0.057 = 0.425.
- m_act_hjemloese (SØM erfaringsdatabase): 20 % assumed, 0.20.
- back2school (Johnsen et al. 2024, abstract): 74 in Back2School + 78 in TAU = 152 youths.
- sibs_soeskende: the effect found comes from an open trial (before-after) → evidence level 3.
"""

from __future__ import annotations

import pytest

from som_xl import parse_scenario
from som_xl.inputs.uncertainty import Z_95, standard_uncertainty
from som_xl.kb import KnowledgeBase
from tests.conftest import standalone


@pytest.mark.parametrize(
    ("effect", "by_hand"),
    [
        ("housing_first_act_rct", 0.73 - 0.31),
        ("ips_psykisk_sygdom", 0.599 - 0.465),
        ("mentor_kontanthjaelp", (0.16 - 0.12) + (0.07 - 0.05)),
        ("mi_kat_go_unge_stofmisbrug", 0.50 - 0.33),
        ("cool_kids", 0.482 - 0.057),
        ("m_act_hjemloese", 0.20),
    ],
)
def test_every_success_rate_follows_its_quoted_figures(
    kb: KnowledgeBase, effect: str, by_hand: float
) -> None:
    e = kb.effects[effect]
    assert e.success_rate == pytest.approx(by_hand, abs=1e-12)


def test_only_the_audited_effects_carry_a_success_rate(kb: KnowledgeBase) -> None:
    with_rate = {i for i, e in kb.effects.items() if e.success_rate is not None}
    assert with_rate == {
        "housing_first_act_rct",
        "ips_psykisk_sygdom",
        "mentor_kontanthjaelp",
        "mi_kat_go_unge_stofmisbrug",
        "cool_kids",
        "m_act_hjemloese",
    }


def test_housing_first_interval_is_set_from_the_source(kb: KnowledgeBase) -> None:
    """The source prints a 95 % CI 36-48 % for the same net difference (0.42); it is the
    effect's success_rate_low/high, cited in range_source/range_locator."""
    e = kb.effects["housing_first_act_rct"]
    assert (e.success_rate_low, e.success_rate_high) == (0.36, 0.48)
    assert e.range_source == e.source and "36%−48%" in (e.range_locator or "")
    # the interval is symmetric around the net rate: 0.42 − 0.36 = 0.06 = 0.48 − 0.42
    rate = e.success_rate or 0
    assert rate - e.success_rate_low == pytest.approx(0.06, abs=1e-12)
    assert e.success_rate_high - rate == pytest.approx(0.06, abs=1e-12)


def test_housing_first_interval_gives_the_standard_range(kb: KnowledgeBase) -> None:
    """`standard: true` on a homelessness scenario at the effect's rate: a normal around 0.42
    with sd = (0.48 − 0.36) / (2 × 1.959964) = 0.12 / 3.919928 = 0.030613, status derived,
    cited at the interval's source."""
    spec = parse_scenario(
        standalone(
            success_rate=0.42, target_group="voksne_hjemloeshed", uncertainty={"standard": True}
        )
    )
    assert spec.uncertainty is not None
    u, notes = standard_uncertainty(spec, spec.uncertainty, kb)
    d = u.success_rate
    assert d is not None and d.dist == "normal" and d.mean == 0.42
    assert d.sd == pytest.approx((0.48 - 0.36) / (2 * Z_95), rel=1e-12)
    assert d.sd == pytest.approx(0.030613, abs=1e-6)
    assert notes[0].status == "derived"
    assert (notes[0].source or "").startswith("psychservices_housing_first_rct_canada, ")
    assert "0,36-0,48 for effekten housing_first_act_rct" in notes[0].text
    # the scenario's own block still wins over the standard range
    spec = parse_scenario(
        standalone(
            success_rate=0.42,
            target_group="voksne_hjemloeshed",
            uncertainty={
                "standard": True,
                "success_rate": {"dist": "uniform", "low": 0.36, "high": 0.48},
            },
        )
    )
    assert spec.uncertainty is not None
    u, notes = standard_uncertainty(spec, spec.uncertainty, kb)
    assert u.success_rate is not None and u.success_rate.dist == "uniform"
    assert "success_rate" not in [n.input for n in notes]  # costs and gains get the standard


def test_mi_kat_go_lies_within_the_comparison_arms_span(kb: KnowledgeBase) -> None:
    e = kb.effects["mi_kat_go_unge_stofmisbrug"]
    low, high = 0.50 - 0.366, 0.50 - 0.306  # 0.134 and 0.194
    assert low == pytest.approx(0.134, abs=1e-12) and high == pytest.approx(0.194, abs=1e-12)
    assert e.success_rate is not None and low < e.success_rate < high
    assert e.success_rate_low is None and e.success_rate_high is None  # a span, not a CI
    assert "30,6 og 36,6" in (e.note or "")
    assert "au_crf_move_nyhed_2017" in e.also


def test_back2school_follows_the_primary_trial(kb: KnowledgeBase) -> None:
    e = kb.effects["back2school"]
    assert 74 + 78 == 152
    assert "152 børn og unge" in (e.context or "") and "74" in (e.context or "")
    assert "Odder" not in (e.context or "")
    assert "johnsen_back2school_rct_2024" in e.also
    assert kb.sources["johnsen_back2school_rct_2024"].year == 2024


def test_sibs_design_and_later_trial(kb: KnowledgeBase) -> None:
    e = kb.effects["sibs_soeskende"]
    assert e.evidence_level == 3  # open trial, before-after (Haukeland et al. 2020)
    assert "open trial" in (e.context or "") and "ikke statistisk signifikante" in e.effect_size
    assert {"haukeland_sibs_2020", "kirchhofer_sibs_rct_2025"} <= set(e.also)


def test_icm_share_is_quoted_with_its_source(kb: KnowledgeBase) -> None:
    e = kb.effects["icm_hjemloese"]
    assert "76 %" in e.effect_size
    assert "socialstyrelsen_metoden_icm_2015" in e.also
