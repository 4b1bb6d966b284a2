"""The youth round (kb10): what the published figures say about the children's rows for weeks on
uddannelseshjælp and taxable income as young adults.

No value was derived in this round: no group's success measure fixes education or benefits as a
young adult, and the only Danish comparisons read compare formerly placed young adults with all
others (not a success with a non-success). The rows stay illustrative; their notes now give the
comparison figures and the arithmetic below, and these tests keep the notes and the profiles
consistent with those figures.

Sources (read through the search tool, quoted in knowledge/sources/kb.yaml):
- kl_tidligere_anbragte_voksenliv_2015: "mere end hver femte er på kontanthjælp" (formerly placed,
  age 30); "Blandt andre 30-årige er kun 2 pct. på førtidspension og 5 pct. på kontanthjælp";
  43 % employed against three in four; 70 % against 21 % without youth education at 25.
- sim_sent_anbragte_2020: 21 % (first placed at 0-2) and 25 % (first placed at 15-17) on
  kontanthjælp at 25-29.
- ds_ae_kontanthjaelp_boernesager_2017: of kontanthjælp recipients aged 18-37, 20 % had been
  placed (about 5 % of all 18-37-year-olds) and 14,2 % had a preventive case by age 15 (about 3 %).

By hand:
- gap on kontanthjælp at 30, formerly placed against others: more than 0.20 − 0.05 = 0.15, i.e.
  more than 0.15 × 52 = 7.8 weeks a year. A success can at most avoid the whole gap, so a
  profile value of at most 7.8 weeks a year is within what the published gap covers;
- over-representation among recipients: placed 0.20 / 0.05 = 4.0; preventive case
  0.142 / 0.03 = 4.733 — children with a preventive measure are as over-represented as placed
  children, so the figures show no extra gap from avoiding a placement;
- placement channel of the prevention groups: year-1 placement risk r = 0.0759 (kb9) × 7.8 =
  0.592 weeks a year, below the illustrative −0.9 … −5;
- employment gap at 30: 0.75 − 0.43 = 0.32.
"""

from __future__ import annotations

from som_xl.kb import Consequence, KnowledgeBase

KL = "kl_tidligere_anbragte_voksenliv_2015"
SIM = "sim_sent_anbragte_2020"
DSAE = "ds_ae_kontanthjaelp_boernesager_2017"
VIVE = "vive_panelanalyse_skolefravaer_2020"
PREVENTION = ("boern_forebyggende_foranstaltning_6_13", "boern_forebyggende_foranstaltning_14_17")
PLACED = (
    "boern_anbragt_familiepleje_6_13",
    "boern_anbragt_familiepleje_14_17",
    "boern_anbragt_institution_6_13",
    "boern_anbragt_institution_14_17",
)
ABSENCE = "boern_bekymrende_skolefravaer"

GAP_WEEKS = (0.20 - 0.05) * 52  # 7.8


def _children_rows(kb: KnowledgeBase, service: str) -> list[tuple[str, Consequence]]:
    return [
        (group, c)
        for group, rows in kb.consequences.items()
        if group.startswith(("boern_", "smaa_boern_"))
        for c in rows
        if c.service == service
    ]


def test_the_arithmetic() -> None:
    assert round(GAP_WEEKS, 6) == 7.8
    assert round(0.20 / 0.05, 6) == 4.0
    assert round(0.142 / 0.03, 3) == 4.733
    # kb9's yearly placement risk: 0.80 × 3,871 / 40,800
    r = 0.80 * 3871 / 40800
    assert round(r, 4) == 0.0759
    assert round(0.0759 * GAP_WEEKS, 2) == 0.59
    assert round(0.75 - 0.43, 2) == 0.32


def test_education_benefit_rows_stay_within_the_published_gap(kb: KnowledgeBase) -> None:
    rows = _children_rows(kb, "uddannelseshjaelp_uge")
    assert len(rows) == 16
    for group, c in rows:
        assert c.status == "illustrative", group
        assert all(-GAP_WEEKS <= v <= 0 for v in c.profile), group
        assert c.note is not None and "Ikke afledt (kb10)" in c.note, group
        if group != ABSENCE:
            assert "0,15 × 52 = 7,8" in c.note and KL in c.also, group


def test_income_rows_stay_illustrative_with_the_comparison(kb: KnowledgeBase) -> None:
    rows = _children_rows(kb, "skattepligtig_indkomst_kr")
    assert len(rows) == 10
    for group, c in rows:
        assert c.status == "illustrative", group
        assert c.note is not None and "Ikke afledt (kb10)" in c.note, group
        if group != ABSENCE:
            assert "75 − 43 = 32 procentpoint" in c.note and KL in c.also, group


def test_group_specific_reasons(kb: KnowledgeBase) -> None:
    for group in PREVENTION:
        (c,) = [c for c in kb.consequences[group] if c.service == "uddannelseshjaelp_uge"]
        assert c.note is not None and "0,0759 × 7,8 = 0,59" in c.note and DSAE in c.also
    for group in PLACED:
        (c,) = [c for c in kb.consequences[group] if c.service == "uddannelseshjaelp_uge"]
        assert c.note is not None and "hjemgivelse" in c.note and SIM in c.also
    for c in kb.consequences[ABSENCE]:
        if c.service in ("uddannelseshjaelp_uge", "skattepligtig_indkomst_kr"):
            assert VIVE in c.also and "sbst_skolefravaer_gevinster_2024" in c.also


def test_new_sources_are_registered(kb: KnowledgeBase) -> None:
    for sid, year in ((KL, 2015), (SIM, 2020), (DSAE, 2017), (VIVE, 2020)):
        s = kb.sources[sid]
        assert s.year == year and s.url.startswith("https://") and s.note
