"""Scenario comparison: files and named variants side by side, with the difference from a base.

A scenario file may carry ``variants:``, a mapping from a variant's name to overrides of the
base scenario's keys (``{lav: {success_rate: 0.1}, høj: {success_rate: 0.4}}``); each override
replaces the key's whole value. :func:`load_cases` reads files (scenario files or filled-in
workbooks) into cases (each file's base scenario, then its variants); :func:`compare`
calculates them and gives, per case, the discounted net result, costs and gains, the net
per purse (and per committee where the result offers ``by_committee``), and the difference
from the base case; with a warning where two interventions of a portfolio (cases from
different files) share a target group.

Examples
--------
>>> from som_xl.present._example import EXAMPLE
>>> data = {**EXAMPLE, "variants": {"lav": {"success_rate": 0.1}, "høj": {"success_rate": 0.5}}}
>>> cases = cases_from_data(data, "eksempel.yaml")
>>> [c.label for c in cases]
['Håndregnet eksempel', 'lav', 'høj']
>>> cmp = compare(cases, None)
>>> [round(c.net) for c in cmp.cases], [round(c.difference) for c in cmp.cases]
([76336, -125983, 278656], [0, -202319, 202319])
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem, suggest
from ..files import WORKBOOK_SUFFIXES, LineMap, read_data_file
from ..inputs import parse_scenario, resolve
from ..inputs.spec import ScenarioSpec
from .result import Result, calculate

__all__ = ["Case", "CaseResult", "Comparison", "cases_from_data", "compare", "load_cases"]


@dataclass(frozen=True)
class Case:
    """One scenario to compare: a file's base scenario or one of its variants."""

    label: str
    file: str
    variant: str | None
    spec: ScenarioSpec
    lines: LineMap | None = None

    @property
    def place(self) -> str:
        """Where its problems are: the file, and the variant where it is one."""
        return self.file if self.variant is None else f"{self.file}, variant '{self.variant}'"


@dataclass(frozen=True)
class CaseResult:
    """One case's figures (discounted), and its difference from the base case."""

    case: Case
    result: Result
    net: float
    costs: float
    gains: float
    by_purse: dict[str, float]
    by_committee: dict[str, float]
    difference: float
    difference_by_purse: dict[str, float]
    difference_by_committee: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        r = self.result
        return {
            "label": self.case.label,
            "file": self.case.file,
            "variant": self.case.variant,
            "target_group": r.resolved.target_group,
            "success_rate": r.resolved.success_rate,
            "discounted_net": self.net,
            "discounted_costs": self.costs,
            "discounted_gains": self.gains,
            "break_even_year": r.break_even_year,
            "break_even_success_rate": r.break_even_success_rate,
            "by_purse": dict(self.by_purse),
            "by_committee": dict(self.by_committee),
            "difference": {
                "discounted_net": self.difference,
                "by_purse": dict(self.difference_by_purse),
                "by_committee": dict(self.difference_by_committee),
            },
        }


@dataclass(frozen=True)
class Comparison:
    """The cases side by side; the first listed or the named one is the base."""

    base: str
    cases: tuple[CaseResult, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def kb(self) -> tuple[str | None, str | None]:
        """The knowledge base's fingerprint and edition (None, None where no case used it)."""
        for c in self.cases:
            r = c.result.resolved
            if r.kb_fingerprint:
                return r.kb_fingerprint, r.kb_version
        return None, None

    def to_dict(self) -> dict[str, Any]:
        fingerprint, version = self.kb
        return {
            "base": self.base,
            "cases": [c.to_dict() for c in self.cases],
            "warnings": list(self.warnings),
            "kb_fingerprint": fingerprint,
            "kb_version": version,
        }


def cases_from_data(data: Any, where: str, lines: LineMap | None = None) -> list[Case]:
    """A parsed scenario file's cases: its base scenario, then each named variant.

    Parameters
    ----------
    data : Any
        The parsed file (a mapping).
    where : str
        The file's name, for problems and the cases' ``file``.
    lines : LineMap, optional
        The file's line map (problems in the base scenario name their line).

    Returns
    -------
    list of Case
        Raises InputError with every problem, each naming the file and the variant.

    Examples
    --------
    >>> from som_xl.present._example import EXAMPLE
    >>> cases_from_data({**EXAMPLE, "variants": {"x": {"succes_rate": 1}}}, "f.yaml")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: f.yaml, variant 'x', nøgle 'succes_rate': ukendt nøgle ...
    """
    base = parse_scenario(data, where, lines)
    cases = [Case(base.name, where, None, base, lines)]
    problems: list[Problem] = []
    assert isinstance(data, dict)
    for name, overrides in (base.variants or {}).items():
        place = f"{where}, variant '{name}'"
        if "variants" in overrides:
            problems.append(Problem(place, "variants", "en variant kan ikke have egne varianter"))
            continue
        merged = {k: v for k, v in data.items() if k != "variants"}
        merged.update(overrides)
        try:
            own = lines.overlay(("variants", name), overrides) if lines is not None else None
            spec = parse_scenario(merged, place, own)
            cases.append(Case(str(name), where, str(name), spec, own))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return cases


def load_cases(paths: Sequence[Path]) -> list[Case]:
    """Every file's cases, in order (each file's base, then its variants).

    Parameters
    ----------
    paths : sequence of Path
        Scenario files (YAML or JSON) or filled-in workbooks (``.xlsx``, read as
        ``som-xl read`` reads them, refused where their sheet *Kontrol* reports input errors).

    Returns
    -------
    list of Case
        Labels are made unique (a file's name is added where two cases share a label, and a
        number "1: ", "2: " where they still do: the same file given twice).

    Examples
    --------
    >>> [c.label for c in load_cases([Path("examples/cool_kids.yaml")])]
    ['Cool Kids (eksempel efter Ikast-Brande)']
    """
    cases: list[Case] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            data, lines = _read(Path(path))
            cases += cases_from_data(data, str(path), lines)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    seen = Counter(c.label for c in cases)
    named = [
        Case(f"{c.label} ({Path(c.file).name})", c.file, c.variant, c.spec, c.lines)
        if seen[c.label] > 1
        else c
        for c in cases
    ]
    # the same file twice (or two files of one name): number them "1: …", "2: …"
    still = Counter(c.label for c in named)
    n: Counter[str] = Counter()
    out = []
    for c in named:
        if still[c.label] > 1:
            n[c.label] += 1
            c = Case(f"{n[c.label]}: {c.label}", c.file, c.variant, c.spec, c.lines)
        out.append(c)
    return out


def _read(path: Path) -> tuple[Any, LineMap | None]:
    """A scenario file's data and line map, or a workbook's scenario as ``som-xl read`` reads
    it (its problems name sheet and cell; the workbook's scenario name is its label)."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from ..workbook.read import read_checked

        return read_checked(path).scenario(), None
    return read_data_file(path, what="scenariefilen")


def _committees(result: Result) -> dict[str, float]:
    """Discounted net per committee, where the result offers ``by_committee`` (som-method §3.15)."""
    rows = getattr(result, "by_committee", None)
    if rows is None:
        return {}
    out: dict[str, float] = {}
    for row in rows() if callable(rows) else rows:
        out[str(row.get("committee"))] = float(row.get("discounted_net", 0.0))
    return out


def compare(
    cases: Sequence[Case],
    kb: Any,
    *,
    base: str | None = None,
    calc: Callable[..., Result] = calculate,
) -> Comparison:
    """Calculate every case; the difference of each from the base case, in total and by group.

    Parameters
    ----------
    cases : sequence of Case
        From :func:`load_cases` or :func:`cases_from_data`.
    kb : KnowledgeBase, a loader of one, or None
        For the resolver.
    base : str, optional
        The base case's label (default: the first case).
    calc : callable, optional
        The calculation (default :func:`~som_xl.results.calculate`).

    Returns
    -------
    Comparison

    Examples
    --------
    >>> from som_xl.present._example import EXAMPLE
    >>> cmp = compare(cases_from_data({**EXAMPLE, "variants": {"b": {"success_rate": 0.4}}},
    ...                               "f.yaml"), None, base="b")
    >>> cmp.base, [round(c.difference) for c in cmp.cases]
    ('b', [-101160, 0])
    """
    if not cases:
        raise InputError(Problem("sammenlign", "", "der er ingen scenarier at sammenligne"))
    labels = [c.label for c in cases]
    if base is not None and base not in labels:
        raise InputError(
            Problem("--basis", "", f"ukendt scenarie; {suggest(base, labels)}", base, True)
        )
    results = [calc(resolve(c.spec, kb, c.place, c.lines)) for c in cases]
    b = labels.index(base) if base is not None else 0
    ref = results[b]
    ref_purse = {row["purse"]: float(row["discounted_net"]) for row in ref.by_purse()}
    ref_comm = _committees(ref)
    out = []
    for c, r in zip(cases, results, strict=True):
        purse = {row["purse"]: float(row["discounted_net"]) for row in r.by_purse()}
        comm = _committees(r)
        out.append(
            CaseResult(
                c,
                r,
                r.net_discounted,
                r.pv_costs,
                r.pv_gains,
                purse,
                comm,
                r.net_discounted - ref.net_discounted,
                {p: v - ref_purse.get(p, 0.0) for p, v in purse.items()},
                {k: v - ref_comm.get(k, 0.0) for k, v in comm.items()},
            )
        )
    return Comparison(labels[b], tuple(out), tuple(_shared_groups(cases, results)))


def _shared_groups(cases: Sequence[Case], results: Sequence[Result]) -> list[str]:
    """A warning for each target group shared by interventions of different files."""
    by_group: dict[str, list[tuple[str, str]]] = {}
    for c, r in zip(cases, results, strict=True):
        g = r.resolved.target_group
        if g is not None and c.variant is None:
            by_group.setdefault(g, []).append((c.label, c.file))
    warnings = []
    for g, members in by_group.items():
        if len({f for _, f in members}) > 1:
            names = " og ".join(f"'{label}'" for label, _ in members)
            warnings.append(
                f"{names} har samme målgruppe ({g}). Lægges de sammen som en portefølje, kan "
                "de samme borgere og de samme gevinster tælle med flere gange."
            )
    return warnings
