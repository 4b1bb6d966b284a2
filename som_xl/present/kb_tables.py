"""The knowledge base as labelled tables: target groups, services, consequences, effects, sources.

Headers are the knowledge base's field names from :data:`som_xl.present.da.KB_FIELDS`
(capitalised); a record's name column is headed by its kind ("Målgruppe", "Ydelse").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from . import da
from .labelled import Cell, Format, Table, make_table

if TYPE_CHECKING:
    from ..kb import KnowledgeBase

__all__ = ["KB_TABLES", "kb_table"]


def _make(
    kind: str, columns: tuple[str, ...], formats: tuple[Format, ...], rows: list[tuple[Cell, ...]]
) -> Table:
    headers = [
        da.cap(da.KB_SINGULAR[kind])
        if c == "label"
        else da.PURSE_LABELS.get(c) or da.cap(da.KB_FIELDS[c])
        for c in columns
    ]
    return make_table(kind, columns, formats, rows, headers=headers, title=da.KB_KINDS[kind])


def _target_groups(kb: KnowledgeBase) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (
            g.id,
            g.label,
            f"{g.age_min}-{g.age_max if g.age_max is not None else ''}",
            da.STATUS_LABELS[g.status],
        )
        for g in kb.target_groups.values()
    ]
    return _make("target_groups", ("id", "label", "age", "status"), ("text",) * 4, rows)


def _services(kb: KnowledgeBase) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (
            s.id,
            s.label,
            kb.units[s.unit].label,
            *s.prices.as_tuple(),
            s.price_year,
            da.STATUS_LABELS[s.status],
        )
        for s in kb.services.values()
    ]
    columns = ("id", "label", "unit", "kommune", "region", "stat", "price_year", "status")
    formats: tuple[Format, ...] = (
        "text",
        "text",
        "text",
        "price",
        "price",
        "price",
        "year",
        "text",
    )
    return _make("services", columns, formats, rows)


def _consequences(kb: KnowledgeBase) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (
            gid,
            c.service,
            ", ".join(f"{v:g}" for v in c.profile),
            da.STATUS_LABELS[c.status],
            str(c.assumed_from) if c.assumed_from is not None else "",
        )
        for gid, cons in kb.consequences.items()
        for c in cons
    ]
    columns = ("target_group", "service", "profile", "status", "assumed_from")
    return _make("consequences", columns, ("text",) * 5, rows)


def _effects(kb: KnowledgeBase) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (
            e.id,
            e.intervention,
            e.target_group or "",
            e.evidence_level,
            e.success_rate,
            da.STATUS_LABELS[e.status],
        )
        for e in kb.effects.values()
    ]
    columns = ("id", "intervention", "target_group", "evidence_level", "success_rate", "status")
    formats: tuple[Format, ...] = ("text", "text", "text", "int", "pct", "text")
    return _make("effects", columns, formats, rows)


def _sources(kb: KnowledgeBase) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (s.id, s.title, s.publisher, s.year) for s in kb.sources.values()
    ]
    formats: tuple[Format, ...] = ("text", "text", "text", "year")
    return _make("sources", ("id", "title", "publisher", "year"), formats, rows)


#: Every knowledge-base table by its kind (the keys of da.KB_KINDS).
KB_TABLES: dict[str, Callable[[KnowledgeBase], Table]] = {
    "target_groups": _target_groups,
    "services": _services,
    "consequences": _consequences,
    "effects": _effects,
    "sources": _sources,
}


def kb_table(kb: KnowledgeBase, kind: str) -> Table:
    """One kind of knowledge-base record as a labelled table.

    Parameters
    ----------
    kb : KnowledgeBase
    kind : str
        ``"target_groups"``, ``"services"``, ``"consequences"``, ``"effects"`` or
        ``"sources"``.

    Returns
    -------
    Table
        One row per record; ``title`` is the kind in Danish.

    Examples
    --------
    >>> from som_xl.kb import load_kb
    >>> t = kb_table(load_kb(), "services")
    >>> t.title, t.headers[:4], t.formats[3]
    ('Ydelser', ('Id', 'Ydelse', 'Enhed', 'Kommune'), 'price')
    """
    return KB_TABLES[kind](kb)
