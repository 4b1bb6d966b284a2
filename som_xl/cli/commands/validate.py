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

__all__ = ["add_parser", "run", "summary"]


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
        help="skriv vidensdatabasens version, størrelser, status-optællinger og advarsler som JSON",
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
    from ...inputs import load_scenario, resolve
    from ...kb import load_kb

    spec, lines = load_scenario(args.file)
    resolve(spec, load_kb, str(args.file), lines)
    print(f"Scenariet er gyldigt: {args.file}")
    return 0
