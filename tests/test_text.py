"""Danish number formatting."""

from __future__ import annotations

from som_xl.present.text import kr, pct


def test_kr() -> None:
    assert kr(1234567.5) == "1.234.568"
    assert kr(2.5) == "3"  # half away from zero
    assert kr(-1234.5) == "-1.235"
    assert kr(-0.4) == "0"  # never "-0"
    assert kr(0.125, 2) == "0,13"
    assert kr(None) == "-"


def test_pct() -> None:
    assert pct(0.1234) == "12,3 %"
    assert pct(None) == "-"
