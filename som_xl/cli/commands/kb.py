"""``som-xl kb list | show | search``: browse the knowledge base.

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
    k = sub.add_parser("kb", help="vidensdatabasen: list, show, search")
    k.add_argument("action", choices=["list", "show", "search"])
    k.add_argument(
        "what",
        nargs="?",
        default=None,
        help="list: maalgrupper|ydelser|konsekvenser|effekter|kilder; show: id; search: ord",
    )
    k.set_defaults(func=run)


def _list(kb: KnowledgeBase, what: str | None) -> None:
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
    print(text_table(kb_table(kb, kind)))


def _search(kb: KnowledgeBase, what: str | None) -> None:
    from ...errors import InputError, Problem
    from ...inputs.rules import norm
    from ...present.kb_tables import kb_table
    from ...present.text import format_cell, text_table

    # Every word must match somewhere in the row; æ/ae, ø/oe, å/aa and case are alike.
    words = norm(what or "").split("_") if norm(what or "") else []
    if not words:
        raise InputError(Problem("som-xl kb search", "", "angiv et søgeord"))
    found = False
    for kind in SEARCHED:
        t = kb_table(kb, kind)
        hits = []
        for i, row in enumerate(t.rows):
            text = norm(" ".join(format_cell(v, t.format_of(i, j)) for j, v in enumerate(row)))
            if all(w in text for w in words):
                hits.append(i)
        if hits:
            found = True
            print(f"== {t.title} ==")
            print(text_table(t.take(hits)))
            print()
    if not found:
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
    if isinstance(v, dict) and set(v) == set(da.PURSE_LABELS):
        return ", ".join(f"{da.PURSE_LABELS[a]} {kr(x, 2)}" for a, x in v.items())
    return v


def _show(kb: KnowledgeBase, ident: str) -> None:
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
        print(f"{da.KB_SINGULAR[kind]}: {ident}")
        for k, v in obj.model_dump(mode="json", exclude_none=True).items():
            if k == "id" or v in ((), []):
                continue
            print(f"  {da.KB_FIELDS.get(k, k)}: {_value(kb, k, v)}")
        if kind == "target_groups":
            print(f"  {da.KB_KINDS['consequences'].lower()}:")
            for c in kb.consequences.get(ident, ()):
                print(f"    {c.service}: {list(c.profile)} ({da.STATUS_LABELS[c.status]})")
        if hasattr(obj, "source") and obj.source in kb.sources:
            s = kb.sources[obj.source]
            print(f"  {da.KB_SINGULAR['sources']}: {s.title}, {s.publisher} {s.year}, {s.url}")
        return
    known = [k for coll in collections.values() for k in coll]
    raise InputError(
        Problem("som-xl kb show", "", f"ukendt id; {suggest(ident, known)}", ident, True)
    )


def run(args: argparse.Namespace) -> int:
    """List a kind of record, show one record, or search every kind for a word.

    Parameters
    ----------
    args : argparse.Namespace
        ``action``: ``"list"``, ``"show"`` or ``"search"``; ``what``: the kind to list
        (:data:`KINDS`), the id to show or the word to search for.

    Returns
    -------
    int
        0; an unknown kind or id, or no word, is raised as
        :class:`~som_xl.errors.InputError` (exit code 2).
    """
    from ...kb import load_kb

    kb = load_kb()
    if args.action == "list":
        _list(kb, args.what)
    elif args.action == "search":
        _search(kb, args.what)
    else:
        _show(kb, args.what or "")
    return 0
