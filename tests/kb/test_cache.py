"""The knowledge base's disk cache: served only while nothing it depends on has changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from som_xl.kb import knowledge_dir
from som_xl.kb.cache import cache_key, cached_load
from som_xl.kb.load import _load


class Counting:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, root: Path) -> Any:
        self.calls += 1
        return _load(root)


@pytest.fixture
def kb_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOM_XL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SOM_XL_NO_CACHE", raising=False)
    root = tmp_path / "knowledge"
    shutil.copytree(knowledge_dir(), root)
    return root


def test_second_load_comes_from_the_cache_and_equals_a_real_load(kb_copy: Path) -> None:
    load = Counting()
    first = cached_load(kb_copy, load)
    second = cached_load(kb_copy, load)
    assert load.calls == 1
    assert second == first == _load(kb_copy)
    assert second.fingerprint == first.fingerprint


def test_a_changed_file_is_loaded_again(kb_copy: Path) -> None:
    load = Counting()
    before = cached_load(kb_copy, load)
    path = kb_copy / "defaults.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# ændret\n", encoding="utf-8")
    after = cached_load(kb_copy, load)
    assert load.calls == 2
    assert after.fingerprint != before.fingerprint


def test_a_damaged_cache_file_falls_back_to_loading(kb_copy: Path, tmp_path: Path) -> None:
    load = Counting()
    cached_load(kb_copy, load)
    target = tmp_path / "cache" / f"kb-{cache_key(kb_copy)}.pickle"
    target.write_bytes(b"not a pickle")
    assert cached_load(kb_copy, load) == _load(kb_copy)
    assert load.calls == 2


def test_no_cache_and_unwritable_cache(
    kb_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOM_XL_NO_CACHE", "1")
    load = Counting()
    cached_load(kb_copy, load)
    cached_load(kb_copy, load)
    assert load.calls == 2
    monkeypatch.delenv("SOM_XL_NO_CACHE")
    blocker = tmp_path / "fil"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("SOM_XL_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert cached_load(kb_copy, load) == _load(kb_copy)


def test_a_broken_knowledge_base_is_never_cached(kb_copy: Path, tmp_path: Path) -> None:
    from som_xl.errors import InputError

    (kb_copy / "defaults.yaml").write_text("defaults: [", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError):
            cached_load(kb_copy, _load)
    assert not list((tmp_path / "cache").glob("*.pickle"))


def test_only_the_newest_are_kept(kb_copy: Path, tmp_path: Path) -> None:
    from som_xl.kb import cache

    folder = tmp_path / "cache"
    folder.mkdir()
    for i in range(cache.KEEP + 3):
        old = folder / f"kb-{i:032d}.pickle"
        old.write_bytes(b"x")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))  # written long ago
    cached_load(kb_copy, _load)
    left = list(folder.glob("kb-*.pickle"))
    assert len(left) == cache.KEEP
    assert folder / f"kb-{cache_key(kb_copy)}.pickle" in left
