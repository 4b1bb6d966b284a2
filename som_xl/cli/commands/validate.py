"""``som-xl validate [FIL] [--json]``: check the knowledge base, or a scenario file against it.

Examples
--------
>>> from som_xl.cli import main
>>> main(["validate", "examples/cool_kids.yaml"])
Scenariet er gyldigt: examples/cool_kids.yaml
0
>>> main(["validate"])
Vidensdatabasen er gyldig (.../knowledge, version ..., fingeraftryk ...).
  ... målgrupper, ... ydelser, ... konsekvenser, ... effekter, ... kilder, ... refusionsregler
  værdier: ... offentliggjorte, ... afledte, ... illustrative
  priser: ... offentliggjorte, ... afledte, ... illustrative
0
>>> main(["validate", "--json"])  # doctest: +ELLIPSIS
{
  "valid": true,
  "path": ".../knowledge",
  "version": "...",
  "fingerprint": "...",
  "sizes": {
...
  "status_counts": {
    "published": ...,
    "derived": ...,
    "illustrative": ...
  },
  "price_status_counts": {
...
0
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...present import da

if TYPE_CHECKING:
    from ...kb import KnowledgeBase

__all__ = ["add_parser", "check_scenario", "run", "summary"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``som-xl validate`` to the command line's parser.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The subcommands of som-xl's parser (built by :mod:`som_xl.cli.main`).
    """
    v = sub.add_parser("validate", help="tjek vidensdatabasen eller et scenarie")
    v.add_argument(
        "file",
        type=Path,
        nargs="?",
        default=None,
        metavar="FIL",
        help="scenariefil (.yaml/.json); uden FIL tjekkes vidensdatabasen",
    )
    v.add_argument(
        "--json",
        action="store_true",
        help=(
            "skriv som JSON: vidensdatabasens version, størrelser, status-optællinger og "
            "advarsler, eller for en FIL om den er gyldig, dens varianter og advarsler"
        ),
    )
    v.set_defaults(func=run)


#: Danish names of the kinds counted (for the text output).
_SIZE_WORDS = {"refusion_rules": "refusionsregler", "baselines": "grundforbrug"}


def summary(kb: KnowledgeBase) -> dict[str, Any]:
    """The knowledge base's edition, sizes and status counts, as ``validate --json`` prints.

    Parameters
    ----------
    kb : KnowledgeBase

    Returns
    -------
    dict
        ``valid``, ``path``, ``version``, ``fingerprint``, ``sizes`` (records per kind),
        ``status_counts`` (every cited value: services, target groups, baselines,
        consequences, effects, the price index, discount schedules, refusion rules),
        ``price_status_counts`` (the services' prices), ``shares`` (published or derived,
        and published prices, as fractions) and ``warnings`` (:func:`kb_health`).

    Examples
    --------
    >>> from som_xl.kb import load_kb
    >>> info = summary(load_kb())
    >>> sorted(info["status_counts"])
    ['derived', 'illustrative', 'published']
    >>> sum(info["price_status_counts"].values()) == info["sizes"]["services"]
    True
    """
    from ...kb import kb_health

    counts = kb.status_counts()
    prices = kb.price_status_counts()
    total = sum(counts.values())
    n_prices = sum(prices.values())
    return {
        "valid": True,
        "path": str(kb.path),
        "version": kb.version,
        "fingerprint": kb.fingerprint,
        "sizes": {
            "target_groups": len(kb.target_groups),
            "services": len(kb.services),
            "consequences": sum(len(c) for c in kb.consequences.values()),
            "effects": len(kb.effects),
            "sources": len(kb.sources),
            "refusion_rules": len(kb.refusion_rules),
            "baselines": sum(len(g.baseline) for g in kb.target_groups.values()),
        },
        "status_counts": counts,
        "price_status_counts": prices,
        "shares": {
            "published_or_derived": (
                (counts["published"] + counts["derived"]) / total if total else 0.0
            ),
            "prices_published": prices["published"] / n_prices if n_prices else 0.0,
            "prices_published_or_derived": (
                (prices["published"] + prices["derived"]) / n_prices if n_prices else 0.0
            ),
        },
        "warnings": kb_health(kb),
    }


def _knowledge_base(as_json: bool) -> None:
    from ...kb import load_kb
    from ..output import print_json

    kb = load_kb()
    info = summary(kb)
    if as_json:
        print_json(info, sys.stdout)
        return
    words = {**{k: v.lower() for k, v in da.KB_KINDS.items()}, **_SIZE_WORDS}
    sizes = {k: n for k, n in info["sizes"].items() if k != "baselines"}
    version = kb.version or "uden version"
    print(
        f"Vidensdatabasen er gyldig ({kb.path}, version {version}, fingeraftryk {kb.fingerprint})."
    )
    print("  " + ", ".join(f"{n} {words[k]}" for k, n in sizes.items()))
    for label, key in (("værdier", "status_counts"), ("priser", "price_status_counts")):
        counts = info[key]
        print(f"  {label}: " + ", ".join(f"{n} {da.STATUS_PLURALS[s]}" for s, n in counts.items()))
    for line in info["warnings"]:
        print(f"  advarsel: {line}")


def run(args: argparse.Namespace) -> int:
    """Check the knowledge base (with its health warnings), or a scenario file against it.

    Parameters
    ----------
    args : argparse.Namespace
        ``file``: the scenario file, or None for the knowledge base; ``json``: print the
        knowledge base's summary (:func:`summary`) as JSON.

    Returns
    -------
    int
        0; a problem is raised as :class:`~som_xl.errors.InputError` (exit code 2).
    """
    if args.file is None:
        _knowledge_base(getattr(args, "json", False))
        return 0
    _scenario(Path(args.file), getattr(args, "json", False))
    return 0


def _scenario(path: Path, as_json: bool) -> None:
    """A scenario file and each of its ``variants:`` settled against the knowledge base.

    Every problem of the base scenario and of every variant is raised together (as
    ``sammenlign`` would find them); the resolver's warnings (an intervention studied for
    another target group, a reduction beyond baseline use, ...) are printed, not hidden.
    """
    from ..output import print_json

    variants, warnings = check_scenario(path)
    if as_json:
        info = {"valid": True, "file": str(path), "variants": variants, "warnings": warnings}
        print_json(info, sys.stdout)
        return
    also = f" (og {len(variants)} varianter)" if len(variants) > 1 else ""
    also = " (og 1 variant)" if len(variants) == 1 else also
    print(f"Scenariet er gyldigt: {path}{also}")
    for w in warnings:
        print(f"Advarsel: {w}")


def check_scenario(path: Path) -> tuple[list[str], list[str]]:
    """Settle a scenario file and each of its ``variants:``; every problem raised together.

    ``validate`` prints what it finds; ``calc`` calls it for a file with variants, so a
    misspelled key in a variant is an error there too (user trial).

    Parameters
    ----------
    path : Path
        The scenario file.

    Returns
    -------
    (list of str, list of str)
        The variants' names, and the warnings (a variant's own prefixed with its name).

    Raises
    ------
    InputError
        With every problem of the base scenario and its variants.

    Examples
    --------
    >>> check_scenario(Path("examples/cool_kids.yaml"))
    ([], [])
    """
    from ...errors import InputError, Problem
    from ...inputs import resolve
    from ...kb import load_kb
    from ...results.compare import load_cases

    cases = load_cases([path])
    problems: list[Problem] = []
    warnings: list[str] = []
    base: set[str] = set()
    for c in cases:
        try:
            resolved = resolve(c.spec, load_kb, c.place, c.lines)
        except InputError as exc:
            problems += exc.problems
            continue
        if c.variant is None:
            base = set(resolved.warnings)
            warnings += resolved.warnings
        else:  # a variant's own warnings only (the base scenario's are said once)
            own = [w for w in resolved.warnings if w not in base]
            warnings += [f"variant '{c.variant}': {w}" for w in own]
    if problems:
        raise InputError(problems)
    return [c.variant for c in cases if c.variant is not None], warnings
