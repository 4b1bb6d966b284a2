"""The release: the edition (version), `kb diff` value by value and `validate --json`."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from som_xl.cli import main
from som_xl.errors import InputError
from som_xl.kb import KnowledgeBase, load_kb
from som_xl.kb.diff import diff_kb, flatten
from som_xl.kb.load import knowledge_dir


def test_version_is_calendar_versioning(kb: KnowledgeBase) -> None:
    text = (knowledge_dir() / "VERSION").read_text(encoding="utf-8").strip()
    assert kb.version == text
    year, month = text.split(".")[:2]
    assert 2026 <= int(year) <= 2100 and 1 <= int(month) <= 12
    assert (knowledge_dir() / "CHANGELOG.md").read_text(encoding="utf-8").count(text) >= 1


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(knowledge_dir(), root)
    return root


def test_bad_version_is_a_danish_error(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "VERSION").write_text("2.0\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_kb(root)
    assert "kalenderversion" in info.value.text() and "VERSION" in info.value.text()


def test_version_is_in_the_fingerprint(tmp_path: Path, kb: KnowledgeBase) -> None:
    root = _copy(tmp_path)
    (root / "VERSION").write_text("2099.01\n", encoding="utf-8")
    other = load_kb(root)
    assert other.version == "2099.01" and other.fingerprint != kb.fingerprint


def test_diff_value_by_value(tmp_path: Path, kb: KnowledgeBase) -> None:
    """One price changed, one consequence removed, the version moved: exactly those."""
    root = _copy(tmp_path)
    f = root / "services.yaml"
    text = f.read_text(encoding="utf-8")
    old = "prices: {kommune: 981.2, region: 0, stat: 525.64}"
    assert old in text
    f.write_text(text.replace(old, "prices: {kommune: 981.2, region: 0, stat: 600}"), "utf-8")
    (root / "VERSION").write_text("2099.01\n", encoding="utf-8")
    changes = diff_kb(kb, load_kb(root))
    assert [(c.kind, c.record, c.action, c.field, c.old, c.new) for c in changes] == [
        ("edition", "version", "changed", "version", kb.version, "2099.01"),
        ("services", "forsorgshjem_doegn", "changed", "prices.stat", 525.64, 600.0),
    ]
    assert diff_kb(kb, kb) == []


def test_diff_added_and_removed() -> None:
    old, new = load_kb("tests/fixtures/kb_min"), load_kb()
    changes = diff_kb(old, new)
    added = {c.record for c in changes if c.action == "added" and c.kind == "services"}
    assert "kontanthjaelp_uge" in added
    back = diff_kb(new, old)
    removed = {c.record for c in back if c.action == "removed" and c.kind == "services"}
    assert removed == added


def test_flatten_paths() -> None:
    assert dict(flatten({"p": {"k": 1.0}, "profile": [1, 2]})) == {
        "p.k": 1.0,
        "profile[0]": 1,
        "profile[1]": 2,
    }


def test_kb_diff_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _copy(tmp_path)
    (root / "VERSION").write_text("2099.01\n", encoding="utf-8")
    assert main(["kb", "diff", str(knowledge_dir()), str(root)]) == 0
    out = capsys.readouterr().out
    assert "→ version 2099.01" in out and "== udgave ==" in out and "I alt 1 forskel (" in out
    assert main(["kb", "diff", str(knowledge_dir()), str(root), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"] == {"added": 0, "removed": 0, "changed": 1}
    assert data["new"]["version"] == "2099.01"
    assert main(["kb", "diff", str(root)]) == 2
    assert "som-xl kb diff GAMMEL NY" in capsys.readouterr().err
    assert main(["kb", "diff", str(root), str(tmp_path / "ingen")]) == 2
    assert "findes ikke" in capsys.readouterr().err


def test_kb_diff_prints_numbers_the_danish_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A changed price reads "525,64 → 600,5" (decimal comma), not Python's "525.64 → 600.5"."""
    root = _copy(tmp_path)
    f = root / "services.yaml"
    text = f.read_text(encoding="utf-8")
    old = "prices: {kommune: 981.2, region: 0, stat: 525.64}"
    f.write_text(text.replace(old, "prices: {kommune: 981.2, region: 0, stat: 600.5}"), "utf-8")
    assert main(["kb", "diff", str(knowledge_dir()), str(root)]) == 0
    out = capsys.readouterr().out
    assert "prices.stat: 525,64 → 600,5" in out


def test_validate_json_counts(capsys: pytest.CaptureFixture[str], kb: KnowledgeBase) -> None:
    assert main(["validate", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == kb.version and data["fingerprint"] == kb.fingerprint
    assert data["status_counts"] == kb.status_counts()
    assert set(data["status_counts"]) == {"published", "derived", "illustrative"}
    prices = data["price_status_counts"]
    assert sum(prices.values()) == len(kb.services) == data["sizes"]["services"]
    # Every cited value is counted once: services, groups, baselines, consequences,
    # effects, the index, discount schedules, refusion rules and default wages.
    s = data["sizes"]
    expected = (
        s["services"]
        + s["target_groups"]
        + s["baselines"]
        + s["consequences"]
        + s["effects"]
        + 1
        + len(kb.discount_rates)
        + s["refusion_rules"]
        + len(kb.wages)
    )
    assert sum(data["status_counts"].values()) == expected
    assert data["warnings"] == []


def test_diff_list_gaining_its_first_item(kb: KnowledgeBase) -> None:
    """A source list going from empty to one item shows that item only (an empty list is no
    change of its own, so no 'also: [] → (intet)' line)."""
    sid = next(k for k, s in kb.services.items() if not s.also)
    services = dict(kb.services)
    old = kb.services[sid]
    services[sid] = type(old).model_validate({**old.model_dump(), "also": ["dst_herberger_2020"]})
    changes = diff_kb(kb, dataclasses.replace(kb, services=services))
    assert [(c.record, c.field, c.old, c.new) for c in changes] == [
        (sid, "also[0]", None, "dst_herberger_2020")
    ]
