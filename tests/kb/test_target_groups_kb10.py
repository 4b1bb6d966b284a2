"""The target groups read at SØM's own published material in the kb10 round (issue 12).

One group moves from illustrative to published, because SØM's case page on social.dk names the
group, its age band and its success measure (the register delimitation is still the project's
own wording, and the note says so); a second was read but kept (below):

- boern_angst_depression_6_13 — Socialstyrelsen, "Økonomisk analyse af Cool Kids" (2019):
  "målgruppen 'Børn og unge med angst, depression eller anden affektiv lidelse (6-13 år)'. I SØM
  er succesmålet for målgruppen "mindre kontakt med psykiatrien"";
- voksne_alkoholmisbrug — Aarhus Kommune, "Økonomisk analyse af fremskudt alkoholbehandling"
  (2020): "målgruppen 'Voksne med alkoholmisbrug: 18-64 år' ... I SØM er succesmålet for
  målgruppen "afslutter behandlingsforløb som færdigbehandlet"".

The anxiety group has no derived consequence profile, so SØM's wording could be adopted; the
alcohol group got four derived profiles in the same round (kb10-adults), so it is kept. Where SØM's
success measure was read but differs from one a derived profile relies on, the group stays
illustrative with the difference in its note and its success measure unchanged:
voksne_alkoholmisbrug, kvinder_krisecenter (SØM 2018: "Voldsudsatte kvinder", no contact with
a psychologist or psychiatrist) and boern_anbragt_familiepleje_6_13 (SØM: "undgå at blive
anbragt på institution").
"""

from __future__ import annotations

import pytest

from som_xl.kb import KnowledgeBase

PUBLISHED_NOW = {
    "boern_angst_depression_6_13": (
        "sbst_soem_erfaring_cool_kids_2019",
        "Børn og unge med angst, depression eller anden affektiv lidelse (6-13 år)",
        (6, 13),
        "Mindre kontakt med psykiatrien.",
        "mindre kontakt med psykiatrien",
    ),
}

#: SØM's measure read, but a derived profile relies on the project's measure: unchanged text
KEPT_FOR_DERIVED = {
    "kvinder_krisecenter": (
        "Intet nyt ophold på kvindekrisecenter i året efter forløbet.",
        "krisecenter_doegn",
        "kora_soem_eksempel_krisecenter_2018",
        "ingen kontakt til psykolog eller psykiater i et år efter voldshandlingen",
    ),
    # merged with kb10-adults: the alcohol group's four derived profiles rest on the project's
    # measure, so SØM's (Aarhus Kommune 2020) is noted, not adopted
    "voksne_alkoholmisbrug": (
        "Ingen ny alkoholbehandling og ingen alkoholrelateret hospitalskontakt i året efter "
        "forløbet.",
        "alkoholbehandling_forloeb",
        "sbst_soem_erfaring_alkohol_aarhus_2020",
        "afslutter behandlingsforløb som færdigbehandlet",
    ),
    "boern_anbragt_familiepleje_6_13": (
        "Hjemgivet og ikke genanbragt i året efter forløbet.",
        "anbringelse_plejefamilie_doegn",
        "sbst_soem_erfaring_keep_2019",
        "undgå at blive anbragt på institution",
    ),
    "boern_anbragt_familiepleje_14_17": (
        "Hjemgivet og ikke genanbragt i året efter forløbet.",
        "anbringelse_plejefamilie_doegn",
        "sbst_soem_erfaring_keep_2019",
        "undgå at blive anbragt på institution",
    ),
}

#: every group's status after kb10: only the two above changed (voksne_hjemloeshed and
#: voksne_adhd were published before)
STATUSES = {
    "voksne_hjemloeshed": "published",
    "voksne_adhd": "published",
    "boern_angst_depression_6_13": "published",
}


def test_the_group_is_published_with_soem_wording(kb: KnowledgeBase) -> None:
    for gid, (source, label, ages, measure, quoted) in PUBLISHED_NOW.items():
        g = kb.target_groups[gid]
        assert g.status == "published" and g.source == source
        assert g.label == label and (g.age_min, g.age_max) == ages
        assert g.success_measure == measure
        # the locator quotes SØM's group name and success measure as printed at the source
        assert g.locator is not None and quoted in g.locator
        assert label.split(" (")[0] in g.locator
        # the note says what is still the project's own
        assert g.note is not None and "Registerafgrænsningens ordlyd" in g.note
        assert "projektets egen" in g.note
        assert source in kb.sources and kb.sources[source].url


def test_no_derived_profile_relied_on_the_replaced_measures(kb: KnowledgeBase) -> None:
    for gid in PUBLISHED_NOW:
        assert all(c.status != "derived" for c in kb.consequences[gid])


@pytest.mark.parametrize("gid", sorted(KEPT_FOR_DERIVED))
def test_differing_soem_measures_are_noted_not_adopted(kb: KnowledgeBase, gid: str) -> None:
    measure, service, source, soem_measure = KEPT_FOR_DERIVED[gid]
    g = kb.target_groups[gid]
    assert g.status == "illustrative"
    assert g.success_measure == measure
    # the derived profile that rests on the project's measure is still there
    (c,) = [c for c in kb.consequences[gid] if c.service == service]
    assert c.status == "derived"
    assert g.note is not None and soem_measure in g.note and service in g.note
    assert source in g.also and source in kb.sources


def test_no_other_group_is_relabelled(kb: KnowledgeBase) -> None:
    assert len(kb.target_groups) == 29
    for gid, g in kb.target_groups.items():
        assert g.status == STATUSES.get(gid, "illustrative"), gid
    counts = [g.status for g in kb.target_groups.values()]
    assert counts.count("published") == 3 and counts.count("illustrative") == 26


def test_the_older_groups_keep_their_text(kb: KnowledgeBase) -> None:
    # the two groups published before kb10 and the drug-user group are untouched
    assert kb.target_groups["voksne_hjemloeshed"].source == "sbst_soem_vidensdatabasen_maalgrupper"
    assert kb.target_groups["voksne_adhd"].success_measure.startswith("Øget beskæftigelse")
    stof = kb.target_groups["voksne_stofmisbrug"]
    assert stof.status == "illustrative" and "andelen der gennemfører" in (stof.note or "")


def test_angst_14_17_is_not_relabelled_from_the_6_13_page(kb: KnowledgeBase) -> None:
    g = kb.target_groups["boern_angst_depression_14_17"]
    assert g.status == "illustrative"
    assert g.success_measure.startswith("Mindre kontakt med børne- og ungdomspsykiatrien")
    assert g.note is not None and "for 14-17 år er navn og succesmål ikke læst" in g.note


def test_adult_disability_group_records_what_soem_says(kb: KnowledgeBase) -> None:
    g = kb.target_groups["voksne_handicap_botilbud"]
    assert g.status == "illustrative" and g.source == "som_xl_antagelse"
    assert g.note is not None and "voksne med handicap" in g.note
    for sid in ("socialdk_soem_redskab_2022", "sbst_soem_effektviden_v30_2022"):
        assert sid in g.also and sid in kb.sources


def test_recommended_flags_are_unchanged(kb: KnowledgeBase) -> None:
    # no published SØM list of recommended consequences was readable: every row stays
    # recommended (the default), so the examples' default consequences do not change
    assert all(c.recommended for rows in kb.consequences.values() for c in rows)


def test_cli_shows_the_new_texts(capsys: pytest.CaptureFixture[str]) -> None:
    from som_xl.cli import main

    assert main(["kb", "show", "boern_angst_depression_6_13"]) == 0
    out = capsys.readouterr().out
    assert "succesmål: Mindre kontakt med psykiatrien." in out
    assert "status: offentliggjort" in out
    assert "mindre kontakt med psykiatrien" in out  # the locator's quotation
    assert main(["kb", "show", "kvinder_krisecenter"]) == 0
    out = capsys.readouterr().out
    assert "succesmål: Intet nyt ophold på kvindekrisecenter i året efter forløbet." in out
    assert "Voldsudsatte kvinder" in out


def test_groups_named_without_a_readable_measure_stay_illustrative(kb: KnowledgeBase) -> None:
    # SSP Odense (2021) names 'Kriminalitetstruede børn og unge (12-17 år)' and SBST (2024)
    # describes success only as the child being 'afhjulpet'; neither gives the measure
    crime = kb.target_groups["boern_kriminalitetstruede_12_17"]
    assert crime.status == "illustrative"
    assert crime.success_measure == "Ingen ny sigtelse i året efter forløbet."
    assert "sbst_soem_erfaring_ssp_odense_2021" in crime.also
    school = kb.target_groups["boern_bekymrende_skolefravaer"]
    assert school.status == "illustrative"
    assert "sbst_skolefravaer_potentiale_2024" in school.also
