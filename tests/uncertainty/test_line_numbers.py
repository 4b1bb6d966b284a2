"""Problems in ``variants:`` and ``uncertainty.services`` name the file's line (user trial).

Other scenario problems name ``fil.yaml, linje N``; these two blocks named only the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from som_xl.cli import main

HEAD = """\
name: Linjer
target_group: voksne_hjemloeshed
start_year: 2025
horizon_years: 10
participants: {2025: 20}
success_rate: 0.3
costs:
  - {label: Drift, kind: once, year: 2025, amount: 100000}
"""  # 8 lines


def _run(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str, text: str) -> str:
    path = tmp_path / "s.yaml"
    path.write_text(HEAD + text, encoding="utf-8")
    assert main([*args, str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err.replace(str(path), "s.yaml")


def test_variants_name_their_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _run(
        tmp_path,
        capsys,
        "sammenlign",
        text=(
            "variants:\n"  # 9
            "  lav:\n"  # 10
            "    succes_rate: 0.1\n"  # 11: a misspelled key
            "  høj:\n"  # 12
            "    success_rate: mange\n"  # 13: a bad value
        ),
    )
    assert "s.yaml, variant 'lav', linje 11, nøgle 'succes_rate': ukendt nøgle" in err
    assert "s.yaml, variant 'høj', linje 13, nøgle 'success_rate'" in err


def test_a_variants_resolver_problem_names_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A value the field rules let through but the resolver refuses (an unknown schedule)."""
    err = _run(
        tmp_path,
        capsys,
        "sammenlign",
        text="variants:\n  fast:\n    discount_rate: fn\n",  # line 11
    )
    assert "s.yaml, variant 'fast', linje 11, nøgle 'discount_rate'" in err
    assert "mente du 'fm'" in err


def test_uncertainty_services_name_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    block = (
        "uncertainty:\n"  # 9
        "  services:\n"  # 10
        "    forsorgshjem_doegm:\n"  # 11: a misspelled service (the block's key)
        "      {dist: uniform, low: 0.9, high: 1.1}\n"  # 12
    )
    err = _run(tmp_path, capsys, "usikkerhed", text=block)
    assert "s.yaml, linje 11, nøgle 'uncertainty.services.forsorgshjem_doegm'" in err
    assert "mente du 'forsorgshjem_doegn'" in err

    bad = (
        "uncertainty:\n"  # 9
        "  services:\n"  # 10
        "    forsorgshjem_doegn:\n"  # 11
        "      dist: uniform\n"  # 12
        "      lowe: 0.9\n"  # 13: a misspelled key
        "      high: mange\n"  # 14: a bad value
    )
    err = _run(tmp_path, capsys, "usikkerhed", text=bad)
    assert "s.yaml, linje 13, nøgle 'uncertainty.services.forsorgshjem_doegn.lowe'" in err
    assert "s.yaml, linje 14, nøgle 'uncertainty.services.forsorgshjem_doegn.high'" in err
