"""Where the report's data comes from: a scenario file or a filled-in workbook.

A scenario file is loaded, resolved and calculated as ``som-xl calc`` does; a workbook is
read as ``som-xl read`` does (its yellow cells and knowledge-base sheets), and its checklist
answers on *Forudsætninger* are read too. Either way the figures are the engine's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .data import ReportData, report_data

if TYPE_CHECKING:
    from ..workbook.layout import Layout

__all__ = ["WORKBOOK_SUFFIXES", "load_report_data", "read_checklist"]

#: A file with one of these suffixes is read as a workbook.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def read_checklist(path: Path, layout: Layout) -> list[tuple[str, str]]:
    """The checklist's questions and answers on *Forudsætninger* (answers as typed).

    Parameters
    ----------
    path : Path
        The workbook (already read once by :func:`som_xl.workbook.read.read_content`).
    layout : Layout
        Where the checklist is.

    Returns
    -------
    list of (question, answer)
        The workbook's own question text; '' where a question is not answered.
    """
    import openpyxl

    from ..workbook import text as T

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb[T.FORUDSAETNINGER]
        out = []
        for i, default in enumerate(T.CHECK_QUESTIONS):
            row = layout.check_first + i + 1  # 1-based
            question = ws.cell(row=row, column=2).value
            answer = ws.cell(row=row, column=3).value
            out.append(
                (
                    str(question).strip() if question else default,
                    "" if answer is None else str(answer).strip(),
                )
            )
        return out
    finally:
        wb.close()


def load_report_data(path: Path, *, date: str) -> ReportData:
    """Calculate a scenario file or workbook and gather the report's data.

    Parameters
    ----------
    path : Path
        A scenario file (YAML or JSON) or a workbook (``.xlsx``).
    date : str
        The report's date, ``YYYY-MM-DD``.

    Returns
    -------
    ReportData

    Raises
    ------
    InputError
        A problem with the file.

    Examples
    --------
    >>> d = load_report_data(Path("examples/cool_kids.yaml"), date="2026-01-02")
    >>> d.name, d.checklist is None, d.stamp.input_name
    ('Cool Kids (eksempel efter Ikast-Brande)', True, 'cool_kids.yaml')
    """
    from ..results import calculate

    path = Path(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from ..workbook.read import read_content

        content = read_content(path)
        resolved = content.resolve()
        result = calculate(resolved)
        return report_data(
            result,
            kb=content.kb,
            date=date,
            input_name=path.name,
            where="projektmappen",
            checklist=read_checklist(path, content.layout),
        )
    from ..inputs import load_scenario, resolve
    from ..kb import load_kb

    spec, lines = load_scenario(path)
    resolved = resolve(spec, load_kb, str(path), lines)
    result = calculate(resolved)
    return report_data(
        result,
        kb=load_kb() if resolved.kb_fingerprint else None,
        date=date,
        input_name=path.name,
        where="scenariefilen",
    )
