"""Where the report's data comes from: a scenario file or a filled-in workbook.

A scenario file is loaded, resolved and calculated as ``som-xl calc`` does; a workbook is
read as ``som-xl read`` does (its yellow cells and knowledge-base sheets), and its checklist
answers on *Forudsætninger* are read too. Either way the figures are the engine's.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import WORKBOOK_SUFFIXES, LineMap
from .data import (
    ReportData,
    Uncertainty,
    Variant,
    consequence_statuses,
    report_data,
    uncertainty_from_dict,
)

if TYPE_CHECKING:
    from ..inputs import Resolved, ScenarioSpec
    from ..inputs.uncertainty import UncertaintySpec
    from ..kb import KnowledgeBase
    from ..workbook.layout import Layout

__all__ = [
    "WORKBOOK_SUFFIXES",
    "analyse_uncertainty",
    "load_report_data",
    "read_checklist",
    "scenario_variants",
]


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


def analyse_uncertainty(
    spec: ScenarioSpec,
    resolved: Resolved,
    *,
    standard: bool = False,
    where: str = "scenariet",
    lines: LineMap | None = None,
) -> Uncertainty | None:
    """The scenario's uncertainty analysis (som-method §3.20), or None without one.

    Parameters
    ----------
    spec : ScenarioSpec
        The scenario: its ``uncertainty:`` block, success rate and target group.
    resolved : Resolved
        The same scenario, resolved.
    standard : bool
        Fill in the standard ranges where the block gives none (as ``uncertainty:
        standard`` or ``som-xl usikkerhed --standard``), also without a block.
    where : str
        The place problems name.
    lines : LineMap, optional
        The scenario file's line map: problems then name the line too.

    Returns
    -------
    Uncertainty or None
        None where nothing is uncertain.

    Examples
    --------
    >>> from som_xl.inputs import parse_scenario, resolve
    >>> from som_xl.present._example import EXAMPLE
    >>> spec = parse_scenario({**EXAMPLE, "uncertainty": {"draws": 500, "seed": 3,
    ...     "costs": {"dist": "uniform", "low": 0.8, "high": 1.6}}})
    >>> u = analyse_uncertainty(spec, resolve(spec, None))
    >>> u.draws, u.seed, [t.input for t in u.tornado]
    (500, 3, ['costs'])
    >>> analyse_uncertainty(parse_scenario(EXAMPLE), resolve(parse_scenario(EXAMPLE), None))
    """
    from ..inputs.uncertainty import UncertaintySpec, standard_uncertainty
    from ..kb import load_kb
    from ..results.uncertainty import analyse

    unc: UncertaintySpec | None = spec.uncertainty
    if standard:
        unc = (
            UncertaintySpec(standard=True)
            if unc is None
            else unc.model_copy(update={"standard": True})
        )
    if unc is None or unc.empty:
        return None
    needs_kb = unc.standard and resolved.kb_fingerprint is not None
    unc, notes = standard_uncertainty(spec, unc, load_kb() if needs_kb else None, where, lines)
    u = analyse(resolved, unc, notes=notes, where=where, lines=lines)
    return uncertainty_from_dict(u.to_dict(), u.net)


def _sheet_uncertainty(
    path: Path, resolved: Resolved, kb: KnowledgeBase | None
) -> Uncertainty | None:
    """The analysis of the ranges on the workbook's sheet *Usikkerhed* (None without it)."""
    from ..results.uncertainty import analyse
    from ..workbook.read_sheets import default_rate, read_uncertainty

    unc = read_uncertainty(path, resolved.success_rate, default_rate(resolved, kb))
    if unc is None or unc.empty:
        return None
    u = analyse(resolved, unc, where=str(path))
    return uncertainty_from_dict(u.to_dict(), u.net)


def scenario_variants(path: Path) -> tuple[Variant, ...] | None:
    """The scenario file's base scenario and its ``variants:``, calculated; None without any.

    Parameters
    ----------
    path : Path
        The scenario file, or a workbook (its sheet *Varianter*, as ``som-xl sammenlign``).

    Returns
    -------
    tuple of Variant or None

    Examples
    --------
    >>> scenario_variants(Path("examples/cool_kids.yaml")) is None
    True
    """
    from ..kb import load_kb
    from ..results.compare import compare, load_cases

    cases = load_cases([path])
    if len(cases) < 2:
        return None
    cmp = compare(cases, load_kb)
    return tuple(
        Variant(
            name=c.case.label,
            net_undiscounted=c.result.net_undiscounted,
            net_discounted=c.result.net_discounted,
            break_even_year=c.result.break_even_year,
            benefit_cost_ratio=c.result.benefit_cost_ratio,
        )
        for c in cmp.cases
    )


def load_report_data(path: Path, *, date: str, standard: bool = False) -> ReportData:
    """Calculate a scenario file or workbook and gather the report's data.

    Parameters
    ----------
    path : Path
        A scenario file (YAML or JSON) or a workbook (``.xlsx``).
    date : str
        The report's date, ``YYYY-MM-DD``.
    standard : bool
        Run the uncertainty analysis with the standard ranges where the scenario gives none
        (:func:`analyse_uncertainty`).

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
    >>> d.name, d.checklist is None, d.stamp.input_name, d.uncertainty is None
    ('Cool Kids (eksempel efter Ikast-Brande)', True, 'cool_kids.yaml', True)
    """
    from ..results import calculate

    path = Path(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from ..inputs import parse_scenario
        from ..workbook.read import read_checked

        content = read_checked(path)  # with the workbook's own checks, as som-xl read
        resolved = content.resolve()
        # the reader passes every consequence row as the scenario's own; a row equal to the
        # knowledge base's rests on that value, so the data status counts it as such
        resolved = dataclasses.replace(
            resolved, consequence_statuses=consequence_statuses(resolved, content.kb)
        )
        result = calculate(resolved)
        uncertainty = None if standard else _sheet_uncertainty(path, resolved, content.kb)
        if standard:
            # the workbook has no uncertainty block: the standard ranges around its success
            # rate, for its target group (the knowledge base's effects)
            spec = parse_scenario(resolved.to_scenario(), str(path))
            if resolved.target_group:
                spec = spec.model_copy(update={"target_group": resolved.target_group})
            uncertainty = analyse_uncertainty(spec, resolved, standard=True, where=str(path))
        return report_data(
            result,
            kb=content.kb,
            date=date,
            input_name=path.name,
            where="projektmappen",
            checklist=read_checklist(path, content.layout),
            uncertainty=uncertainty,
            variants=scenario_variants(path) if content.variants else None,
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
        uncertainty=analyse_uncertainty(
            spec, resolved, standard=standard, where=str(path), lines=lines
        ),
        variants=scenario_variants(path) if spec.variants else None,
    )
