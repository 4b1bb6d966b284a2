"""A text dump of a workbook's structure, for golden files reviewed in diffs.

Per sheet: settings (freeze, protection, print set-up), merged ranges, every non-empty or
input cell with its formula or constant, number format and protection, comments, data
validations and conditional formats; then the defined names. Formulas that repeat along a
row (the same formula, shifted) are shown once for the whole run, e.g. ``F12:BC12``.
Cached values are left out: LibreOffice checks them (tests/workbook/test_workbook_libreoffice.py).

Regenerate the committed golden file::

    SOM_XL_UPDATE_GOLDEN=1 .venv/bin/pytest tests/workbook/test_workbook.py -k golden
    # or: .venv/bin/python -m tests.workbook_dump > tests/golden/workbook_fixture.txt
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.formula.translate import Translator

__all__ = ["dump"]


def _const(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)


def dump(data: bytes | Path) -> str:
    src = io.BytesIO(data) if isinstance(data, bytes) else data
    wb = openpyxl.load_workbook(src)
    out: list[str] = []
    for ws in wb.worksheets:
        ps = ws.page_setup
        fit = ws.sheet_properties.pageSetUpPr
        out.append(f"== {ws.title}")
        out.append(
            f"freeze={ws.freeze_panes} protected={bool(ws.protection.sheet)} "
            f"password={ws.protection.password is not None} paper={ps.paperSize} "
            f"orientation={ps.orientation} fit={bool(fit and fit.fitToPage)} "
            f"fit_width={ps.fitToWidth} fit_height={ps.fitToHeight}"
        )
        for merged in sorted(str(m) for m in ws.merged_cells.ranges):
            out.append(f"merge {merged}")
        for row in ws.iter_rows():
            run: tuple[str, str, str, str] | None = None  # first, last, formula, tail
            for cell in row:
                value = cell.value
                unlocked = not cell.protection.locked
                if value is None and not unlocked:
                    continue
                tail = f"[{cell.number_format}]" + (" input" if unlocked else "")
                if value is None and cell.comment is None:
                    value = ""  # a blank input cell: runs like a formula
                if value == "" or (isinstance(value, str) and value.startswith("=")):
                    if run is not None and run[3] == tail and _next(run[1], cell.coordinate):
                        shifted = (
                            Translator(run[2], origin=run[0]).translate_formula(cell.coordinate)
                            if value
                            else ""
                        )
                        if shifted == value:
                            run = (run[0], cell.coordinate, run[2], tail)
                            continue
                    if run is not None:
                        out.append(_run_line(run))
                    run = (cell.coordinate, cell.coordinate, value, tail)
                    continue
                if run is not None:
                    out.append(_run_line(run))
                    run = None
                text = "" if value is None else _const(value)
                out.append(f"{cell.coordinate} {text} {tail}".replace("  ", " "))
                if cell.comment is not None:
                    out.append(f"  comment: {cell.comment.text!r}")
            if run is not None:
                out.append(_run_line(run))
        for dv in sorted(ws.data_validations.dataValidation, key=lambda d: str(d.sqref)):
            out.append(
                f"validation {dv.sqref} type={dv.type} op={dv.operator} f1={dv.formula1} "
                f"f2={dv.formula2} blank={dv.allow_blank} prompt={dv.promptTitle!r}: "
                f"{dv.prompt!r} error={dv.errorTitle!r}: {dv.error!r}"
            )
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                out.append(f"conditional {cf.sqref} {rule.type} {rule.operator} {rule.formula}")
    out.append("== names")
    for name in sorted(wb.defined_names):
        out.append(f"{name} = {wb.defined_names[name].attr_text}")
    return "\n".join(out) + "\n"


def _next(last: str, coord: str) -> bool:
    """coord is the cell right of last (same row)."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    c1, r1 = coordinate_from_string(last)
    c2, r2 = coordinate_from_string(coord)
    return r1 == r2 and column_index_from_string(c2) == column_index_from_string(c1) + 1


def _run_line(run: tuple[str, str, str, str]) -> str:
    first, last, formula, tail = run
    where = first if first == last else f"{first}:{last}"
    return f"{where} {formula} {tail}".replace("  ", " ")


if __name__ == "__main__":  # pragma: no cover
    from som_xl.kb import load_kb
    from som_xl.workbook.build import build_workbook_bytes

    fixture = Path(__file__).parent / "fixtures" / "kb"
    sys.stdout.write(dump(build_workbook_bytes(load_kb(fixture))))
