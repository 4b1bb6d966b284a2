"""What the commands print: a result as readable tables, JSON, or bytes to a file or stdout."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import InputError, Problem
from ..present import da
from ..present.tables import by_budget_item, by_purse, key_figures, years
from ..present.text import figure_lines, pct, text_table

if TYPE_CHECKING:
    from ..results import Result

__all__ = ["check_out", "emit", "print_json", "print_result"]

#: The columns of the split tables the command line shows (undiscounted, and the net at PV).
SPLIT_COLUMNS = ("costs", "gains", "net", "discounted_net")
#: The key figures under the tables.
FIGURES = (
    "net_result",
    "discounted_net_result",
    "break_even_year",
    "break_even_success_rate",
    "benefit_cost_ratio",
)


def _notes(result: Result) -> list[str]:
    r = result.resolved
    lines: list[str] = []
    n_ill = sum(1 for s in r.consequence_statuses if s == "illustrative")
    if n_ill:
        lines += [
            "",
            f"Bemærk: {n_ill} af {len(r.consequences)} konsekvenser er illustrative skøn, ikke "
            "SØMs officielle registerestimater. Erstat dem med lokale eller officielle tal.",
        ]
    illustrative = [s.id for s in r.services.values() if s.status == "illustrative"]
    if illustrative:
        lines += [
            "",
            "Bemærk: disse priser er illustrative (ikke offentliggjorte tal): "
            + ", ".join(illustrative),
        ]
    if r.kb_fingerprint:
        lines.append(f"{da.KEY_FIGURES['kb_fingerprint']}: {r.kb_fingerprint}")
    return lines


def _discount(label: str) -> str:
    """A fixed rate as a Danish percentage ("0.05" -> "5 %"); a schedule's name as it is."""
    try:
        return da.rate(float(label))
    except ValueError:
        return label


def print_result(result: Result, out: TextIO) -> None:
    """The scenario, the year, purse and budget-item tables and the key figures, as text."""
    r = result.resolved
    lines = [f"{da.KEY_FIGURES['scenario']}: {r.name}"]
    if r.target_group:
        lines.append(f"{da.KEY_FIGURES['target_group']}: {r.target_group_label} ({r.target_group})")
    lines += [
        f"Startår {r.start_year}, horisont {r.horizon_years} år, prisniveau {r.price_year}, "
        f"diskontering {_discount(r.discount_label)}, forløb {r.course_years} år, "
        f"succesrate {pct(r.success_rate)}",
        "",
        text_table(years(result)),
        "",
        text_table(by_purse(result), ("purse", *SPLIT_COLUMNS)),
        "",
        text_table(by_budget_item(result), ("budget_item", *SPLIT_COLUMNS)),
        "",
        *figure_lines(key_figures(result), FIGURES),
        *_notes(result),
    ]
    print("\n".join(lines), file=out)


def print_json(data: Any, out: TextIO) -> None:
    """JSON as the contract prints it: UTF-8 text, indented, no NaN."""
    json.dump(data, out, ensure_ascii=False, indent=2, allow_nan=False)
    print(file=out)


def check_out(out: Path, suffix: str, *protected: Path) -> None:
    """Refuse an output path that is a folder, has another suffix, or is one of the inputs."""
    if out.suffix.lower() != suffix:
        raise InputError(
            Problem(str(out), "", f"filnavnet skal ende på {suffix} (filen bliver en {suffix}-fil)")
        )
    if any(out.resolve() == p.resolve() for p in protected):
        raise InputError(Problem(str(out), "", "må ikke overskrive inddata-filen"))


def emit(data: bytes, out: Path | None, written: str) -> None:
    """Write bytes atomically to ``out`` and say so, or to standard output as they are."""
    if out is None:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (e.g. redirected to io.StringIO)
            sys.stdout.write(data.decode("utf-8"))
            return
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
        return
    from ..files import write_atomic

    write_atomic(out, data)
    print(f"{written}: {out}")
