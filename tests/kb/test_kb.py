"""The knowledge base: strict loading (broken files with expected messages) and health."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from som_xl.errors import InputError
from som_xl.kb import KnowledgeBase, kb_health, load_kb
from tests.paths import TESTS

HERE = TESTS
FIXTURE = HERE / "fixtures" / "kb_min"
BROKEN = sorted((HERE / "broken" / "kb").glob("*.yaml"))


def _expect(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            key, _, value = line[2:].partition(":")
            out[key.strip()] = value.strip()
    return out


def test_fixture_loads() -> None:
    kb = load_kb(FIXTURE)
    assert set(kb.services) == {"forsorgshjem_doegn", "skattepligtig_indkomst_kr"}


@pytest.mark.parametrize("case", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_knowledge(case: Path, tmp_path: Path) -> None:
    expect = _expect(case)
    spec: dict[str, Any] = yaml.safe_load(case.read_text(encoding="utf-8"))
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    target = root / spec["file"]
    if spec.get("delete"):
        target.unlink()
    else:
        old, new = spec["replace"]
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{case.name}: teksten findes ikke i {spec['file']}"
        target.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_kb(root)
    message = info.value.text()
    assert expect["forventet"] in message
    assert str(target) in message
    if "nøgle" in expect:
        assert f"nøgle '{expect['nøgle']}'" in message
    assert re.search(r"linje \d+", message) or spec.get("delete")


def test_all_problems_together(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    f = root / "services.yaml"
    f.write_text(
        f.read_text(encoding="utf-8")
        .replace("unit: doegn", "unit: nat")
        .replace("budget_item: skat", "budget_item: skatter"),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_kb(root)
    assert len(info.value.problems) == 2


# --- the shipped knowledge base -----------------------------------------------------------


def test_counts(kb: KnowledgeBase) -> None:
    assert len(kb.target_groups) >= 12
    assert len(kb.services) >= 40
    assert len(kb.effects) >= 15
    assert len(kb.price_index.values) >= 10
    assert {"fm"} <= set(kb.discount_rates)
    assert all(kb.consequences.get(g) for g in kb.target_groups)


def test_required_target_groups(kb: KnowledgeBase) -> None:
    labels = " | ".join(g.label.lower() for g in kb.target_groups.values())
    for words in (
        "hjemløs",
        "adhd",
        "seksuelle overgreb",
        "angst",
        "kriminalitet",
        "anbragt",
        "skolefravær",
        "søskende",
        "0-5",
    ):
        alt = words.replace("0-5", "små børn")
        assert words in labels or alt in labels, f"målgruppe mangler: {words}"


def test_every_value_sourced(kb: KnowledgeBase) -> None:
    for name, value in kb.cited_values():
        assert value.source in kb.sources, name
        if value.status == "derived":
            assert value.derivation, name
        if value.status == "illustrative":
            assert value.note, name
    for source in kb.sources.values():
        assert source.url.startswith(("http://", "https://")) or source.id == "som_xl_antagelse"


def test_nothing_unused(kb: KnowledgeBase) -> None:
    assert kb_health(kb) == []


def test_fm_schedule_values(kb: KnowledgeBase) -> None:
    steps = [(s.from_year, s.rate) for s in kb.discount_rates["fm"].schedule]
    assert steps == [(1, 0.035), (36, 0.025), (71, 0.015)]


def test_prices_are_sane(kb: KnowledgeBase) -> None:
    for s in kb.services.values():
        prices = s.prices.as_tuple()
        assert all(p >= 0 for p in prices), s.id
        assert any(p > 0 for p in prices), s.id


def test_loaded_once(kb: KnowledgeBase) -> None:
    assert load_kb() is load_kb()
