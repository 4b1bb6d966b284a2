"""``som-xl kb list | show | search | diff``: browse the knowledge base, compare two editions.

Examples
--------
>>> from som_xl.cli import main
>>> main(["kb", "show", "kontanthjaelp_uge"])
ydelse: kontanthjaelp_uge
...
  navn: Kontanthjælp
  enhed: uge
  retning: udgift
  udgiftspost: Indkomstoverførsler
...
0
>>> main(["kb", "search", "Voksne i hjemløshed"])
== Målgrupper ==
Id                  Målgruppe            Alder  Status
------------------  -------------------  -----  ...
voksne_hjemloeshed  Voksne i hjemløshed  18-64  ...
<BLANKLINE>
0
>>> main(["kb", "diff", "knowledge", "knowledge"])
Vidensdatabasen: version ... (fingeraftryk ...) → version ... (fingeraftryk ...)
Ingen forskelle i værdierne.
0
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ...present import da

if TYPE_CHECKING:
    from ...kb import KnowledgeBase

__all__ = ["add_parser", "run"]

#: What a user may type after 'kb list' → the kind of record.
KINDS = {
    "maalgrupper": "target_groups",
    "target_groups": "target_groups",
    "ydelser": "services",
    "services": "services",
    "priser": "services",
    "effekter": "effects",
    "effects": "effects",
    "kilder": "sources",
    "sources": "sources",
    "konsekvenser": "consequences",
    "consequences": "consequences",
}
#: The kinds 'kb search' looks through, in this order.
SEARCHED = ("target_groups", "services", "effects", "sources")
#: The kinds 'kb show' finds an id among, in this order.
SHOWN = ("target_groups", "services", "effects", "sources")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``som-xl kb`` to the command line's parser.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The subcommands of som-xl's parser (built by :mod:`som_xl.cli.main`).
    """
    k = sub.add_parser("kb", help="vidensdatabasen: list, show, search, diff")
    k.add_argument(
        "action",
        choices=["list", "show", "search", "diff"],
        help="list: en liste; show: ét id med kilde; search: søg; diff: sammenlign to udgaver",
    )
    k.add_argument(
        "what",
        nargs="?",
        metavar="HVAD",
        default=None,
        help=(
            "list: maalgrupper|ydelser|konsekvenser|effekter|kilder; show: id; search: ord; "
            "diff: mappen med den gamle udgave"
        ),
    )
    k.add_argument(
        "other", nargs="?", default=None, metavar="NY", help="diff: mappen med den nye udgave"
    )
    k.add_argument(
        "--json",
        action="store_true",
        help="skriv som JSON (list og search: tabellernes rækker; show: posten; diff: forskellene)",
    )
    k.set_defaults(func=run)


def _list(kb: KnowledgeBase, what: str | None, as_json: bool = False) -> None:
    from ...errors import InputError, Problem, suggest
    from ...present.kb_tables import kb_table
    from ...present.text import text_table

    kind = KINDS.get(what or "")
    if kind is None:
        raise InputError(
            Problem(
                "som-xl kb list",
                "",
                "vælg hvad der skal vises; " + suggest(what or "", sorted(set(KINDS))),
                what,
                what is not None,
            )
        )
    if as_json:
        _print_tables([kb_table(kb, kind)])
        return
    print(text_table(kb_table(kb, kind)))


def _print_tables(tables: list[Any]) -> None:
    """Tables as JSON: per table its kind, title, columns (keys) and rows as records."""
    import sys

    from ..output import print_json

    out = [
        {
            "kind": t.name,
            "title": t.title,
            "columns": list(t.columns),
            "rows": [dict(zip(t.columns, row, strict=True)) for row in t.rows],
        }
        for t in tables
    ]
    print_json(out, sys.stdout)


def _search(kb: KnowledgeBase, what: str | None, as_json: bool = False) -> None:
    from ...errors import InputError, Problem
    from ...inputs.rules import norm
    from ...present.kb_tables import kb_table
    from ...present.text import format_cell, text_table

    # Every word must match somewhere in the row; æ/ae, ø/oe, å/aa and case are alike.
    words = norm(what or "").split("_") if norm(what or "") else []
    if not words:
        raise InputError(Problem("som-xl kb search", "", "angiv et søgeord"))
    matched = []
    for kind in SEARCHED:
        t = kb_table(kb, kind)
        hits = []
        for i, row in enumerate(t.rows):
            text = norm(" ".join(format_cell(v, t.format_of(i, j)) for j, v in enumerate(row)))
            if all(w in text for w in words):
                hits.append(i)
        if hits:
            matched.append(t.take(hits))
    if as_json:
        _print_tables(matched)
        return
    for t in matched:
        print(f"== {t.title} ==")
        print(text_table(t))
        print()
    if not matched:
        print(f"Intet i vidensdatabasen matcher '{what}'.")


def _value(kb: KnowledgeBase, key: str, v: Any) -> Any:
    """A field's value as 'kb show' writes it: Danish words for codes, names for ids."""
    from ...present.da import kr

    if key == "status":
        return da.STATUS_LABELS[v]
    if key == "direction":
        return da.DIRECTION_LABELS[v]
    if key == "budget_item" and v in kb.budget_items:
        return kb.budget_items[v].label
    if key == "unit" and v in kb.units:
        return kb.units[v].label
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    if key == "refusion" and isinstance(v, dict):
        return _refusion(kb, v)
    if isinstance(v, dict) and set(v) == set(da.PURSE_LABELS):
        return ", ".join(f"{da.PURSE_LABELS[a]} {kr(x, 2)}" for a, x in v.items())
    return v


def _refusion(kb: KnowledgeBase, v: dict[str, Any]) -> str:
    """A service's refusion rule in words (its fields: rule, reference_units/_year and
    the weeks' bookkeeping for a ladder).

    >>> from som_xl.kb import load_kb
    >>> print(_refusion(load_kb(), {"rule": "sel_110_dagegraense", "prior_weeks": 0.0,
    ...     "weeks_per_unit": 1.0, "reference_units": 129.0, "reference_year": 2027}))
    ... # doctest: +NORMALIZE_WHITESPACE
    reglen sel_110_dagegraense (Statsrefusion af ophold på forsorgshjem og herberg (SEL § 110));
    prisen er reglen anvendt ved 129 enheder pr. borger-år i 2027
    """

    def num(x: Any) -> str:
        return f"{float(x):g}".replace(".", ",")

    rule = kb.refusion_rules.get(str(v.get("rule")))
    text = f"reglen {v.get('rule')}" + (f" ({rule.label})" if rule is not None else "")
    if "reference_units" in v:
        text += f"; prisen er reglen anvendt ved {num(v['reference_units'])} enheder pr. borger-år"
        if "reference_year" in v:
            text += f" i {v['reference_year']}"
    if rule is not None and rule.kind == "ladder":
        text += (
            f"; {num(v.get('prior_weeks', 0))} uger på ydelse før året, "
            f"{num(v.get('weeks_per_unit', 1))} uge(r) pr. enhed"
        )
    return text


def _show(kb: KnowledgeBase, ident: str, as_json: bool = False) -> None:
    from ...errors import InputError, Problem, suggest

    collections: dict[str, Any] = {
        "target_groups": kb.target_groups,
        "services": kb.services,
        "effects": kb.effects,
        "sources": kb.sources,
    }
    for kind in SHOWN:
        if ident not in collections[kind]:
            continue
        obj = collections[kind][ident]
        if as_json:
            import sys

            from ..output import print_json

            record = {"kind": kind, **obj.model_dump(mode="json", exclude_none=True)}
            if kind == "target_groups":
                record["consequences"] = [
                    c.model_dump(mode="json", exclude_none=True)
                    for c in kb.consequences.get(ident, ())
                ]
            print_json(record, sys.stdout)
            return
        print(f"{da.KB_SINGULAR[kind]}: {ident}")
        for k, v in obj.model_dump(mode="json", exclude_none=True).items():
            if k == "id" or v in ((), []):
                continue
            print(f"  {da.KB_FIELDS.get(k, k)}: {_value(kb, k, v)}")
        if kind == "target_groups":
            print(f"  {da.KB_KINDS['consequences'].lower()}:")
            for c in kb.consequences.get(ident, ()):
                status = da.STATUS_LABELS[c.status]
                if c.assumed_from is not None:
                    status += f"; {da.assumed_from_text(c.assumed_from)}"
                print(f"    {c.service}: {list(c.profile)} ({status})")
        if hasattr(obj, "source") and obj.source in kb.sources:
            s = kb.sources[obj.source]
            print(f"  {da.KB_SINGULAR['sources']}: {s.title}, {s.publisher} {s.year}, {s.url}")
        return
    known = [k for coll in collections.values() for k in coll]
    if not ident:
        example = (
            "angiv et id, fx som-xl kb show forsorgshjem_doegn "
            "(som-xl kb list ydelser viser id'erne)"
        )
        raise InputError(Problem("som-xl kb show", "", example))
    raise InputError(
        Problem("som-xl kb show", "", f"ukendt id; {suggest(ident, known)}", ident, True)
    )


#: Danish words for a change's action.
_ACTIONS = {"added": "ny", "removed": "fjernet", "changed": "ændret"}


def _short(value: Any, width: int = 70) -> str:
    if isinstance(value, float):
        value = str(value).replace(".", ",")  # a decimal comma, every digit kept
    text = "(intet)" if value is None or value == "" else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _diff(old_dir: str | None, new_dir: str | None, as_json: bool) -> None:
    import sys

    from ...errors import InputError, Problem
    from ...kb import load_kb
    from ...kb.diff import KINDS, diff_kb
    from ..output import print_json

    if not old_dir or not new_dir:
        raise InputError(
            Problem(
                "som-xl kb diff",
                "",
                "angiv to mapper med vidensdatabaser: som-xl kb diff GAMMEL NY",
                old_dir or None,
                old_dir is not None,
            )
        )
    old, new = load_kb(old_dir), load_kb(new_dir)
    changes = diff_kb(old, new)
    if as_json:
        print_json(
            {
                "old": {
                    "path": str(old.path),
                    "version": old.version,
                    "fingerprint": old.fingerprint,
                },
                "new": {
                    "path": str(new.path),
                    "version": new.version,
                    "fingerprint": new.fingerprint,
                },
                "counts": {a: sum(c.action == a for c in changes) for a in _ACTIONS},
                "changes": [c.to_dict() for c in changes],
            },
            sys.stdout,
        )
        return
    v_old, v_new = old.version or "uden version", new.version or "uden version"
    print(
        f"Vidensdatabasen: version {v_old} (fingeraftryk {old.fingerprint}) → "
        f"version {v_new} (fingeraftryk {new.fingerprint})"
    )
    if not changes:
        print("Ingen forskelle i værdierne.")
        return
    kind = None
    for c in changes:
        if c.kind != kind:
            kind = c.kind
            print(f"== {KINDS[kind]} ==")
        if c.action == "changed":
            print(f"  ændret {c.record}: {c.field}: {_short(c.old)} → {_short(c.new)}")
        else:
            print(f"  {_ACTIONS[c.action]} {c.record}")
    words = {"added": "nye", "removed": "fjernede", "changed": "ændrede"}
    counts = ", ".join(f"{sum(c.action == a for c in changes)} {w}" for a, w in words.items())
    noun = "forskel" if len(changes) == 1 else "forskelle"
    print(f"I alt {len(changes)} {noun} ({counts}).")


def run(args: argparse.Namespace) -> int:
    """List a kind of record, show one record, or search every kind for a word.

    Parameters
    ----------
    args : argparse.Namespace
        ``action``: ``"list"``, ``"show"``, ``"search"`` or ``"diff"``; ``what``: the kind to
        list (:data:`KINDS`), the id to show, the word to search for or (diff) the old
        edition's folder; ``other``: (diff) the new edition's folder; ``json``: JSON output.

    Returns
    -------
    int
        0; an unknown kind or id, no word, or a diff without two folders is raised as
        :class:`~som_xl.errors.InputError` (exit code 2).
    """
    from ...kb import load_kb

    if args.action == "diff":
        _diff(args.what, args.other, args.json)
        return 0
    kb = load_kb()
    if args.action == "list":
        _list(kb, args.what, args.json)
    elif args.action == "search":
        _search(kb, args.what, args.json)
    else:
        _show(kb, args.what or "", args.json)
    return 0
