"""``som-xl sammenlign FIL [FIL ...] [--json] [--basis NAVN]``: scenarios side by side.

A file is a scenario file (YAML/JSON) or a filled-in workbook (``.xlsx``, read as
``som-xl read`` reads it). Each file's scenario and its named ``variants:`` (e.g. lav /
central / høj) are calculated
and shown side by side with the difference from the base case (the first, or ``--basis``),
in total, per purse and per committee (where the result has committees), with a warning
where two interventions of a portfolio share a target group.

Examples
--------
>>> from som_xl.cli import main
>>> main(["sammenlign", "examples/cool_kids.yaml", "examples/rr2_adhd.yaml"])
Sammenligning (nutidsværdi, kr.); basis: Cool Kids (eksempel efter Ikast-Brande)
...
0
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ...present import da
from ...present.text import table
from ..output import print_json

if TYPE_CHECKING:
    from ...results.compare import Comparison

__all__ = ["add_parser", "print_comparison", "run"]

#: Labels longer than this become letters (A, B, …) in the table's header, with a legend.
SHORT = 24


def _letter(i: int) -> str:
    return chr(ord("A") + i) if i < 26 else f"S{i + 1}"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``som-xl sammenlign`` to the command line's parser.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The subcommands of som-xl's parser (built by :mod:`som_xl.cli.main`).
    """
    c = sub.add_parser(
        "sammenlign",
        help="sammenlign scenarier, projektmapper og navngivne varianter side om side",
        description="Scenarierne i filerne og deres 'variants:' side om side med forskellen "
        "fra basis, i alt, pr. aktør og pr. udvalg. En fil kan være en scenariefil (.yaml/"
        ".json) eller en udfyldt projektmappe (.xlsx), som læses som med 'som-xl read'; "
        "de kan blandes.",
    )
    c.add_argument(
        "files",
        type=Path,
        nargs="+",
        metavar="FIL",
        help="scenariefil (.yaml/.json) eller udfyldt projektmappe (.xlsx)",
    )
    c.add_argument("--json", action="store_true", help="skriv sammenligningen som JSON")
    c.add_argument(
        "--basis", default=None, metavar="NAVN", help="scenariet eller varianten der er basis"
    )
    c.set_defaults(func=run)


def print_comparison(cmp: Comparison, out: TextIO) -> None:
    """The cases as columns, each non-base case followed by its difference from the base.

    Parameters
    ----------
    cmp : Comparison
    out : TextIO
        Where to print.

    Examples
    --------
    >>> import sys
    >>> from som_xl.present._example import EXAMPLE
    >>> from som_xl.results.compare import cases_from_data, compare
    >>> data = {**EXAMPLE, "variants": {"lav": {"success_rate": 0.1}}}
    >>> print_comparison(compare(cases_from_data(data, "f.yaml"), None), sys.stdout)
    Sammenligning (nutidsværdi, kr.); basis: Håndregnet eksempel
    <BLANKLINE>
    ...
    Nettoresultat (nutidsværdi)               76.336  -125.983     -202.319
    ...
    """
    base = next(c for c in cmp.cases if c.case.label == cmp.base)
    long = any(len(c.case.label) > SHORT for c in cmp.cases)
    names = {id(c): (_letter(i) if long else c.case.label) for i, c in enumerate(cmp.cases)}
    headers = [""]
    for c in cmp.cases:
        headers.append(names[id(c)])
        if c is not base:
            headers.append(f"{names[id(c)]} − {names[id(base)] if long else 'basis'}")

    def row(label: str, get: object) -> list[str]:
        cells = [label]
        for c in cmp.cases:
            v, d = get(c)  # type: ignore[operator]
            cells.append(v)
            if c is not base:
                cells.append(d)
        return cells

    def money(value: float, ref: float) -> tuple[str, str]:
        return da.kr(value), da.kr(value - ref)

    def success(c: object) -> tuple[str, str]:
        s = c.result.resolved.success_rate  # type: ignore[attr-defined]
        return da.pct(s), da.pct(s - base.result.resolved.success_rate).replace(" %", " %-point")

    rows = [
        row(da.KEY_FIGURES["success_rate"], success),
        row("Nettoresultat (nutidsværdi)", lambda c: money(c.net, base.net)),
        row("Omkostninger (nutidsværdi)", lambda c: money(c.costs, base.costs)),
        row("Gevinster (nutidsværdi)", lambda c: money(c.gains, base.gains)),
    ]
    purses = list(base.by_purse)
    for p in purses:
        label = f"{da.PURSE_LABELS.get(p, p)} (nutidsværdi)"
        rows.append(
            row(label, lambda c, p=p: money(c.by_purse.get(p, 0.0), base.by_purse.get(p, 0.0)))
        )
    committees: list[str] = []
    for c in cmp.cases:
        committees += [k for k in c.by_committee if k not in committees]
    for k in committees:
        rows.append(
            row(
                f"Udvalg: {k}",
                lambda c, k=k: money(c.by_committee.get(k, 0.0), base.by_committee.get(k, 0.0)),
            )
        )

    def year(c: object) -> tuple[str, str]:
        y = c.result.break_even_year  # type: ignore[attr-defined]
        return (str(y) if y is not None else da.not_defined("break_even_year")), ""

    def rate(c: object) -> tuple[str, str]:
        s = c.result.break_even_success_rate  # type: ignore[attr-defined]
        return (da.pct(s) if s is not None else da.not_defined("break_even_success_rate")), ""

    words = da.KEY_FIGURES  # the words of `som-xl calc`
    rows += [row(words["break_even_year"], year), row(words["break_even_success_rate"], rate)]
    lines = [f"Sammenligning (nutidsværdi, kr.); basis: {cmp.base}", ""]
    if long:
        lines += [f"{names[id(c)]}: {c.case.label} ({c.case.file})" for c in cmp.cases] + [""]
    lines.append(table(headers, rows, [False] + [True] * (len(headers) - 1)))
    for w in cmp.warnings:
        lines += ["", f"Advarsel: {w}"]
    fingerprint, version = cmp.kb
    if fingerprint:
        lines += ["", da.kb_line(fingerprint, version)]
    print("\n".join(lines), file=out)


def run(args: argparse.Namespace) -> int:
    """Load the files and their variants, calculate them and print the comparison.

    Parameters
    ----------
    args : argparse.Namespace
        ``files``, ``json`` and ``basis``.

    Returns
    -------
    int
        0; a problem is raised as :class:`~som_xl.errors.InputError` (exit code 2).
    """
    from ...kb import load_kb
    from ...results.compare import compare, load_cases

    cmp = compare(load_cases(args.files), load_kb, base=args.basis)
    if args.json:
        print_json(cmp.to_dict(), sys.stdout)
    else:
        print_comparison(cmp, sys.stdout)
    return 0
