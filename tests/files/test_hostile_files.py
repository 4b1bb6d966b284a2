"""Hostile and damaged scenario files: exit 2 with one Danish message, fast, never English."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

from som_xl.cli import main
from som_xl.files import MAX_DATA_FILE_BYTES, MAX_NESTING

BASE = """\
name: Test
target_group: voksne_hjemloeshed
start_year: 2025
horizon_years: 5
participants: {2025: 10}
success_rate: 0.3
"""

#: English phrases of PyYAML, json and the operating system that must never reach a user.
ENGLISH = re.compile(
    r"found|expected|could not|constructor|while scanning|Permission|denied|symbolic|"
    r"Expecting|delimiter|Traceback|Error\b",
)

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _calc(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Run `som-xl calc` and return its message; it must exit 2 within 2 seconds."""
    start = time.perf_counter()
    code = main(["calc", str(path)])
    assert time.perf_counter() - start < 2.0
    assert code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert not ENGLISH.search(captured.err), captured.err
    return captured.err


def test_alias_bomb_under_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bombe.yaml"
    path.write_text(BASE.replace("name: Test\n", "") + BILLION_LAUGHS + "name: *i\n")
    err = _calc(path, capsys)
    assert "YAML-ankre og -aliaser (& og *) er ikke tilladt" in err
    assert "bombe.yaml, linje 6" in err  # the first anchor


def test_alias_bomb_under_costs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = BILLION_LAUGHS.replace("\n", "\n  ").strip()
    path = tmp_path / "bombe.yaml"
    path.write_text(BASE + "costs:\n  - " + bomb.replace("a: &a", "{x: &a") + "}\n")
    assert "YAML-ankre og -aliaser" in _calc(path, capsys)


def test_single_anchor_is_refused_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "anker.yaml"
    path.write_text(BASE + "costs:\n  - &c {label: A, kind: once, year: 2025, amount: 1}\n")
    assert "anker.yaml, linje 8" in _calc(path, capsys)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_deep_nesting(suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    depth = 5000  # far beyond Python's recursion limit
    path = tmp_path / f"dyb{suffix}"
    path.write_text('{"name": ' + "[" * depth + "]" * depth + "}")
    err = _calc(path, capsys)
    assert f"højst {MAX_NESTING} niveauer" in err


def test_nesting_just_within_the_limit_is_parsed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lige.json"
    inner = "[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1)
    path.write_text(json.dumps({"name": "x"})[:-1] + f', "extra": {inner}}}')
    err = _calc(path, capsys)  # parsed, then refused by validation: an unknown key
    assert "niveauer" not in err and "extra" in err


def test_huge_file_is_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "stor.yaml"
    with path.open("w") as handle:
        handle.write(BASE)
        handle.write("# " + "x" * (MAX_DATA_FILE_BYTES + 10) + "\n")
    err = _calc(path, capsys)
    assert "er for stor" in err and f"højst {MAX_DATA_FILE_BYTES / 1e6:g} MB" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BASE + "costs:\n\t- {label: A}\n", "tabulatortegn; brug mellemrum"),
        (BASE + "name2: !!python/object:os.system x\n", "ukendt YAML-type"),
        (BASE + "name2: @hej\n", "et tegn, der ikke kan stå her"),
        (BASE + "costs: [1, 2\n", "en liste [ ] er ikke afsluttet korrekt"),
        (BASE + "name2: 'ikke afsluttet\n", "en tekst er ikke afsluttet"),
        (BASE + "costs:\n  - {label: A}\n\t- {label: B}\n", "tabulatortegn"),
        (BASE + "  forkert: indrykning\n", "ugyldig YAML"),
    ],
)
def test_yaml_errors_are_danish(
    text: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fejl.yaml"
    path.write_text(text)
    err = _calc(path, capsys)
    assert expected in err and "fejl.yaml, linje" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"name": "x",}', "en nøgle skal stå i dobbelte anførselstegn"),
        ('{"name": }', "her mangler en værdi"),
        ('{"name": "x" "y": 1}', "her mangler et komma"),
        ("{'name': 1}", "en nøgle skal stå i dobbelte anførselstegn"),
        ('{"name": "x"} 3', "der står noget efter"),
    ],
)
def test_json_errors_are_danish(
    text: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fejl.json"
    path.write_text(text)
    assert expected in _calc(path, capsys)


def test_symlink_loop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loop = tmp_path / "loop.yaml"
    os.symlink(loop, loop)
    assert "for mange niveauer af symbolske links" in _calc(loop, capsys)


def test_a_folder_and_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "mappe.yaml"
    folder.mkdir()
    assert "er en mappe, ikke en fil" in _calc(folder, capsys)
    assert "findes ikke" in _calc(tmp_path / "mangler.yaml", capsys)


def test_input_file_is_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bombe.yaml"
    path.write_text(BASE + BILLION_LAUGHS)
    before = path.read_bytes(), path.stat().st_mtime_ns
    _calc(path, capsys)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_the_knowledge_base_is_far_within_the_value_limit() -> None:
    """Every knowledge-base file holds under a quarter of MAX_VALUES (room to grow)."""
    from som_xl.files import MAX_VALUES, _count, read_data_file
    from tests.paths import ROOT

    files = sorted((ROOT / "knowledge").rglob("*.yaml"))
    assert files
    for path in files:
        data, _ = read_data_file(path)
        assert _count(data) * 4 < MAX_VALUES, path.name


def test_a_python_warning_never_reaches_a_user(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Warnings are silenced for a user; when warnings are errors (the tests) they surface."""
    import warnings

    from som_xl.cli.commands import validate

    def noisy(args: object) -> int:
        warnings.warn("overflow encountered in multiply", RuntimeWarning, stacklevel=1)
        return 0

    monkeypatch.setattr(validate, "run", noisy)
    with warnings.catch_warnings():
        warnings.simplefilter("default")  # as a user's Python has it
        assert main(["validate", "x.yaml"]) == 0
    assert capsys.readouterr().err == ""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # as the test suite has it: the warning is a failure
        assert main(["validate", "x.yaml"]) == 1
    assert "Intern fejl" in capsys.readouterr().err
