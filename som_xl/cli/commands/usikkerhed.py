"""``som-xl usikkerhed FIL [--json] [--draws N] [--seed S] [--standard]``: how sure is the result.

Monte Carlo over the scenario's ``uncertainty:`` block (som-method.md §3.20): the chance that
the discounted net result is positive, its mean and quantiles, in total and per purse, a
histogram, and the tornado with switching values.

Examples
--------
>>> from som_xl.cli import main
>>> main(["usikkerhed", "examples/cool_kids.yaml", "--standard", "--draws", "500"])
Usikkerhed: Cool Kids (eksempel efter Ikast-Brande)
500 trækninger, frø (seed) 2025
...
0
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ...present import da
from ...present.answer import FIXED_WORDS, uncertainty_caveat
from ...present.text import table
from ..output import print_json

if TYPE_CHECKING:
    from ...results.uncertainty import TornadoRow, UncertaintyResult

__all__ = ["add_parser", "print_uncertainty", "run"]

#: Rows of the terminal histogram, and the width of its longest bar.
BINS, BAR = 16, 40


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``som-xl usikkerhed`` to the command line's parser.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The subcommands of som-xl's parser (built by :mod:`som_xl.cli.main`).
    """
    c = sub.add_parser(
        "usikkerhed",
        help="hvor sikkert er resultatet: Monte Carlo, tornado og skifteværdier",
        description="Sandsynligheden for et positivt nettoresultat (nutidsværdi), fraktiler, "
        "fordeling på aktører (kommune, region, stat) og tornado med skifteværdier ud fra "
        "scenariets 'uncertainty:'-blok.",
    )
    c.add_argument("file", type=Path, metavar="FIL", help="scenariefil (.yaml/.json)")
    c.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    c.add_argument("--draws", type=int, default=None, metavar="N", help="antal trækninger")
    c.add_argument(
        "--seed",
        type=int,
        default=None,
        metavar="S",
        help=f"{da.SEED}: startværdien for de tilfældige trækninger (samme frø, samme resultat)",
    )
    c.add_argument(
        "--standard",
        action="store_true",
        help="brug standardintervallerne (som 'uncertainty: standard') hvor blokken ingen "
        "fordeling giver",
    )
    c.set_defaults(func=run)


class _Progress:
    """A progress bar on stderr, shown only when the run will take more than a second."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.start = time.perf_counter()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        elapsed = time.perf_counter() - self.start
        if not self.shown and (done >= total or elapsed * total / max(done, 1) <= 1.0):
            return
        self.shown = True
        width = 30
        filled = int(width * done / total)
        self.out.write(
            f"\rTrækninger: [{'#' * filled}{'.' * (width - filled)}] {da.kr(done)}/{da.kr(total)}"
        )
        if done >= total:
            self.out.write("\n")
        self.out.flush()


def _value(name: str, x: float | None) -> str:
    if x is None:
        return "ingen"
    return da.pct(x, 1) if name == "success_rate" else da.factor(x, 2)


def _tornado_rows(rows: tuple[TornadoRow, ...]) -> list[list[str]]:
    return [
        [
            r.label,
            _value(r.input, r.low),
            _value(r.input, r.high),
            da.kr(r.net_low),
            da.kr(r.net_high),
            _value(r.input, r.switching_value),
        ]
        for r in rows
    ]


def _histogram(u: UncertaintyResult) -> list[str]:
    import numpy as np

    x = u.net
    lo, hi = float(np.min(x)), float(np.max(x))
    if math.isclose(lo, hi, rel_tol=1e-12, abs_tol=1e-6):
        return [f"Alle trækninger giver {da.money(lo)}."]
    counts, edges = np.histogram(x, bins=BINS)
    top = max(int(counts.max()), 1)
    labels = [f"{da.kr(edges[i])} til {da.kr(edges[i + 1])}" for i in range(BINS)]
    width = max(len(s) for s in labels)
    lines = []
    for i, n in enumerate(counts):
        bar = "█" * round(BAR * int(n) / top)
        mark = " ←0" if edges[i] <= 0.0 < edges[i + 1] else ""
        lines.append(f"{labels[i].rjust(width)} │{bar} {da.pct(int(n) / len(x))}{mark}")
    return lines


def print_uncertainty(u: UncertaintyResult, out: TextIO) -> None:
    """The analysis as Danish text: key figures, purses, histogram and tornado.

    Parameters
    ----------
    u : UncertaintyResult
    out : TextIO
        Where to print.

    Examples
    --------
    >>> import sys
    >>> from som_xl.results.uncertainty import _example, analyse
    >>> res, spec = _example()
    >>> print_uncertainty(analyse(res, spec.uncertainty, draws=1000, seed=1), sys.stdout)
    Usikkerhed: Scenarie
    1.000 trækninger, frø (seed) 1
    <BLANKLINE>
    Nettoresultat (nutidsværdi), centralt skøn:  500 kr.
    Sandsynlighed for nettoresultat over 0:      ...
    """
    q = u.total.quantiles
    lines = [
        f"Usikkerhed: {u.scenario}",
        f"{da.kr(u.draws)} trækninger, {da.SEED} {u.seed}",
        "",
        f"Nettoresultat (nutidsværdi), centralt skøn:  {da.money(u.central)}",
        f"Sandsynlighed for nettoresultat over 0:      {da.chance(u.total.p_net_positive)}",
        f"Middelværdi af nettoresultatet:              {da.money(u.total.mean)}",
        f"90 %-interval (5 %- til 95 %-fraktil):       {da.kr(q['5'])} til {da.money(q['95'])}",
        "",
        "Fordelt på aktører (nutidsværdi, kr.):",
    ]
    headers = ["Aktør", "P(netto > 0)", "Middel", "5 %", "10 %", "50 %", "90 %", "95 %"]
    rows = [
        [
            label,
            da.chance(s.p_net_positive),
            da.kr(s.mean),
            *(da.kr(s.quantiles[k]) for k in ("5", "10", "50", "90", "95")),
        ]
        for label, s in [
            (da.TOTAL, u.total),
            *((da.PURSE_LABELS.get(p, p), s) for p, s in u.by_purse.items()),
        ]
    ]
    lines += [table(headers, rows, [False] + [True] * 7), ""]
    lines += ["Fordeling af nettoresultatet (nutidsværdi, kr.):", *_histogram(u), ""]
    if u.tornado:
        lines += [
            "Tornado: hvert input ved sin 10 %- og 90 %-fraktil, de andre centrale "
            "(største udsving først):",
            table(
                ["Input", "Lav", "Høj", "Netto ved lav", "Netto ved høj", "Skifteværdi"],
                _tornado_rows(u.tornado),
                [False, True, True, True, True, True],
            ),
            "Skifteværdien er den værdi af inputtet, hvor nettoresultatet (nutidsværdi) er 0 "
            "('ingen': ingen tilladt værdi giver 0).",
        ]
    else:
        lines.append(
            "Ingen input er usikre: tilføj fordelinger under 'uncertainty:' eller brug --standard."
        )
    caveat = uncertainty_caveat(u.fixed, u.illustrative_share)
    if caveat:
        lines += ["", caveat]
    for n in u.notes:
        source = f" Kilde: {n.source.rstrip('.')}." if n.source else ""
        what = FIXED_WORDS.get(n.input, n.input)
        lines += ["", f"Standardinterval for {what}: {n.text}.{source}"]
    if u.kb_fingerprint:
        lines.append(da.kb_line(u.kb_fingerprint, u.kb_version))
    print("\n".join(lines), file=out)


def run(args: argparse.Namespace) -> int:
    """Load a scenario file, run the uncertainty analysis and print it.

    Parameters
    ----------
    args : argparse.Namespace
        ``file``, ``json``, ``draws``, ``seed`` and ``standard``.

    Returns
    -------
    int
        0; a problem is raised as :class:`~som_xl.errors.InputError` (exit code 2).
    """
    from ...errors import InputError, Problem
    from ...inputs import load_scenario, resolve
    from ...inputs.uncertainty import MAX_DRAWS, UncertaintySpec, standard_uncertainty
    from ...kb import load_kb
    from ...results.uncertainty import analyse

    if args.draws is not None and not 1 <= args.draws <= MAX_DRAWS:
        allowed = f"skal ligge mellem 1 og {da.kr(MAX_DRAWS)}"
        raise InputError(Problem("--draws", "", allowed, args.draws, True))
    if args.seed is not None and args.seed < 0:
        raise InputError(Problem("--seed", "", "skal være et helt tal ≥ 0", args.seed, True))
    spec, lines = load_scenario(args.file)
    where = str(args.file)
    unc = spec.uncertainty
    if unc is None and not args.standard:
        raise InputError(
            Problem(
                where,
                "uncertainty",
                "scenariet har ingen 'uncertainty:'-blok; tilføj en ("
                "fx 'uncertainty: standard') eller kør med --standard",
            )
        )
    unc = unc if unc is not None else UncertaintySpec(standard=True)
    if args.standard and not unc.standard:
        unc = unc.model_copy(update={"standard": True})
    resolved = resolve(spec, load_kb, where, lines)
    needs_kb = unc.standard and resolved.kb_fingerprint is not None
    unc, notes = standard_uncertainty(spec, unc, load_kb() if needs_kb else None, where, lines)
    progress = _Progress(sys.stderr) if sys.stderr.isatty() else None
    result = analyse(
        resolved,
        unc,
        draws=args.draws,
        seed=args.seed,
        notes=notes,
        where=where,
        lines=lines,
        progress=progress,
    )
    if args.json:
        print_json(result.to_dict(), sys.stdout)
    else:
        print_uncertainty(result, sys.stdout)
    return 0
