"""Two editions of the knowledge base compared value by value (``som-xl kb diff OLD NEW``).

Every record of both editions (services, target groups, consequences, effects, sources, …)
is flattened to its fields (``prices.kommune``, ``profile[3]``, ``baseline.x.units``) and
compared: a record only in the new edition is *added*, only in the old one *removed*, and a
field whose value differs is *changed*.

Examples
--------
>>> from som_xl.kb import load_kb
>>> kb = load_kb()
>>> diff_kb(kb, kb)
[]
>>> old = load_kb("tests/fixtures/kb_min")
>>> changes = diff_kb(old, kb)
>>> sorted({c.action for c in changes})
['added', 'changed', 'removed']
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .schema import KnowledgeBase

__all__ = ["KINDS", "Change", "diff_kb", "flatten", "records"]

#: The kinds compared, in this order, with their Danish names (singular).
KINDS: dict[str, str] = {
    "edition": "udgave",
    "services": "ydelse",
    "refusion_rules": "refusionsregel",
    "target_groups": "målgruppe",
    "consequences": "konsekvens",
    "effects": "effekt",
    "price_index": "prisindeks",
    "discount_rates": "diskonteringsrente",
    "defaults": "standardindstillinger",
    "budget_items": "udgiftspost",
    "units": "enhed",
    "sources": "kilde",
}


@dataclass(frozen=True)
class Change:
    """One difference: a record added or removed, or one field of a record changed."""

    kind: str
    record: str
    action: Literal["added", "removed", "changed"]
    field: str | None = None
    old: Any = None
    new: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "record": self.record,
            "action": self.action,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }


def _dump(obj: Any) -> Any:
    dump = getattr(obj, "model_dump", None)
    return dump(mode="json") if dump is not None else obj


def records(kb: KnowledgeBase) -> dict[str, dict[str, Any]]:
    """Every record of ``kb`` as JSON-able data, by kind and then by a key.

    Parameters
    ----------
    kb : KnowledgeBase

    Returns
    -------
    dict
        Kind (:data:`KINDS`) → key → the record's fields. Consequences are keyed
        ``group/service``; the price index, the defaults and the edition (version) are one
        record each.

    Examples
    --------
    >>> from som_xl.kb import load_kb
    >>> r = records(load_kb())
    >>> r["services"]["forsorgshjem_doegn"]["prices"]["kommune"] > 0
    True
    >>> sorted(r["edition"])
    ['version']
    """
    out: dict[str, dict[str, Any]] = {k: {} for k in KINDS}
    out["edition"]["version"] = {"version": kb.version}
    for kind in ("services", "refusion_rules", "target_groups", "effects", "discount_rates"):
        mapping: Mapping[str, Any] = getattr(kb, kind)
        out[kind] = {k: _dump(v) for k, v in mapping.items()}
    for kind in ("budget_items", "units", "sources"):
        out[kind] = {k: _dump(v) for k, v in getattr(kb, kind).items()}
    for gid, cons in kb.consequences.items():
        for c in cons:
            out["consequences"][f"{gid}/{c.service}"] = _dump(c)
    out["price_index"]["price_index"] = _dump(kb.price_index)
    out["defaults"]["defaults"] = _dump(kb.defaults)
    return out


def flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """``(path, leaf)`` pairs of nested dicts and lists: ``prices.kommune``, ``profile[2]``.

    Parameters
    ----------
    value : Any
        JSON-like data.
    prefix : str
        The path of ``value`` itself ("" at the top).

    Yields
    ------
    (str, Any)
        Each leaf's path and value; an empty dict or list is a leaf.

    Examples
    --------
    >>> dict(flatten({"a": {"b": 1}, "c": [5, 6], "d": []}))
    {'a.b': 1, 'c[0]': 5, 'c[1]': 6, 'd': []}
    """
    if isinstance(value, dict) and value:
        for k, v in value.items():
            yield from flatten(v, f"{prefix}.{k}" if prefix else str(k))
    elif isinstance(value, (list, tuple)) and value:
        for i, v in enumerate(value):
            yield from flatten(v, f"{prefix}[{i}]")
    else:
        yield prefix, value


def _leaves(record: Any) -> dict[str, Any]:
    """A record's leaves by path; an empty list or dict means the same as none, so a list
    that gains its first item shows only the new items (not also ``also: [] → (intet)``).

    Examples
    --------
    >>> _leaves({"also": [], "note": "x"})
    {'note': 'x'}
    """
    return {k: v for k, v in flatten(record) if not (isinstance(v, (list, tuple, dict)) and not v)}


def diff_kb(old: KnowledgeBase, new: KnowledgeBase) -> list[Change]:
    """The differences from ``old`` to ``new``, kind by kind, record by record, field by field.

    Parameters
    ----------
    old, new : KnowledgeBase

    Returns
    -------
    list of Change
        In :data:`KINDS` order; within a kind, records in the new edition's order (removed
        ones after), fields in the record's order. Empty when the editions hold the same
        values (the fingerprint may still differ, e.g. by comments).

    Examples
    --------
    >>> from som_xl.kb import load_kb
    >>> kb = load_kb()
    >>> diff_kb(kb, kb)
    []
    >>> [(c.action, c.record) for c in diff_kb(load_kb("tests/fixtures/kb_min"), kb)][:1]
    [('changed', 'version')]
    """
    a, b = records(old), records(new)
    out: list[Change] = []
    for kind in KINDS:
        ra, rb = a[kind], b[kind]
        for key, rec in rb.items():
            if key not in ra:
                out.append(Change(kind, key, "added", new=rec))
                continue
            fa, fb = _leaves(ra[key]), _leaves(rec)
            for field in [*fb, *(f for f in fa if f not in fb)]:
                va, vb = fa.get(field), fb.get(field)
                if va != vb:
                    out.append(Change(kind, key, "changed", field, va, vb))
        out += [Change(kind, key, "removed", old=rec) for key, rec in ra.items() if key not in rb]
    return out
