"""Danish number formatting and plain-text tables (shared by the adapters)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["kr", "pct", "table"]


def kr(value: float | None, decimals: int = 0) -> str:
    """1234567.8 -> '1.234.568' (Danish thousands separator and decimal comma)."""
    if value is None:
        return "-"
    # Round half away from zero, as a reader expects (format() rounds half to even), and
    # never show "-0".
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "§").replace(".", ",").replace("§", ".")


def pct(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "-"
    return kr(value * 100, decimals) + " %"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool] = ()) -> str:
    """A simple aligned text table."""
    cols = len(headers)
    right = list(right) + [False] * (cols - len(right))
    widths = [
        max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
        for i, h in enumerate(headers)
    ]

    def line(cells: Sequence[str]) -> str:
        parts = [
            str(c).rjust(w) if r else str(c).ljust(w)
            for c, w, r in zip(cells, widths, right, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    return "\n".join(out)
