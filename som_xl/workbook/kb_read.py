"""A real :class:`~som_xl.kb.KnowledgeBase` from the workbook's knowledge-base sheets.

The reader reads the VD sheets into the workbook's view of the knowledge base
(:class:`~som_xl.workbook.model.BookKB`, labels where a user reads them); this module maps
that view back to the knowledge base's records, labels to ids:

* a source title → the source's id (from *VD Kilder*),
* a budget-item label → its id (from the budget-item table on *VD Indeks og renter*),
* a target group's area label → the area id (``Voksne`` → ``voksne``),
* a unit label → a unit id made from the label (``døgn`` → ``doegn``; the workbook holds no
  unit ids, and the knowledge base's ids follow this rule),
* the combined text of a value's derivation, note and "Se også: …" → ``derivation`` when
  the status is derived, else ``note``, and ``also``.

What the workbook does not carry is left empty: units no service uses, the locator,
derivation and note of the price index and the discount schedules. A label the workbook
made unique (``Label (id)``) stays so. The knowledge base's ``defaults`` are the workbook's
settings (what a scenario built from this knowledge base gets when it does not say), and
its fingerprint is the one the workbook was stamped with. Records are built without
validating again: they come from a validated knowledge base through locked sheets, and the
reader has checked the types of the cells it read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal, cast

from ..kb import (
    BudgetItem,
    Consequence,
    Defaults,
    DiscountSchedule,
    Effect,
    KnowledgeBase,
    PriceIndex,
    Service,
    Source,
    TargetGroup,
)
from ..kb.schema import Baseline, Prices, RateStep, Tail, Unit
from . import text as T
from .model import (
    BookConsequence,
    BookEffect,
    BookGroup,
    BookKB,
    BookSchedule,
    BookService,
    BookSource,
    Inputs,
)

__all__ = ["ALSO", "knowledge_base", "split_note", "unit_id", "workbook_defaults"]

#: How a value's note names further sources (see ``model._note``).
ALSO = "Se også: "

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def unit_id(label: str) -> str:
    """The id of a unit from its label: lower case, æ ø å spelt out, other signs dropped.

    Parameters
    ----------
    label : str
        The unit's label as the workbook shows it.

    Returns
    -------
    str
        An id of the form the knowledge base uses (``[a-z0-9][a-z0-9_]*``).

    Examples
    --------
    >>> unit_id("døgn"), unit_id("kr."), unit_id("måned"), unit_id("Ny enhed")
    ('doegn', 'kr', 'maaned', 'ny_enhed')
    """
    text = label.strip().lower().translate(_DANISH)
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_") or "enhed"


def split_note(
    text: str, status: str, sources: set[str]
) -> tuple[str | None, str | None, tuple[str, ...]]:
    """A value's combined note back into (derivation, note, also).

    The workbook shows ``derivation``, ``note`` and ``"Se også: a, b"`` joined by spaces in
    one column. A derived value gets the text as its derivation, any other as its note;
    a trailing "Se også: …" whose every id is a known source becomes ``also``.

    Parameters
    ----------
    text : str
        The column's text.
    status : str
        The value's status id.
    sources : set of str
        The source ids the workbook holds.

    Returns
    -------
    tuple
        ``(derivation, note, also)``; empty texts are None.

    Examples
    --------
    >>> split_note("Udregnet. Se også: dst", "derived", {"dst"})
    ('Udregnet.', None, ('dst',))
    >>> split_note("Skøn.", "illustrative", set())
    (None, 'Skøn.', ())
    """
    also: tuple[str, ...] = ()
    at = text.rfind(ALSO)
    if at >= 0 and (at == 0 or text[at - 1] == " "):
        ids = tuple(text[at + len(ALSO) :].split(", "))
        if all(i in sources for i in ids):
            also, text = ids, text[: max(at - 1, 0)]
    if not text:
        return None, None, also
    return (text, None, also) if status == "derived" else (None, text, also)


def workbook_defaults(inp: Inputs, bkb: BookKB) -> Defaults:
    """The workbook's settings as the knowledge base's defaults.

    The discount is the chosen schedule's id, or the fixed rate when 'Fast rente' is chosen.
    """
    schedule = bkb.schedule_by_label(inp.discount)
    return Defaults.model_construct(
        start_year=inp.start_year,
        horizon_years=inp.horizon,
        price_year=inp.price_year,
        discount_rate=schedule.id if schedule is not None else inp.fixed_rate,
        course_years=inp.course_years,
    )


class _Ids:
    """The label → id maps the workbook's sheets give."""

    def __init__(self, bkb: BookKB) -> None:
        """The maps of a knowledge base as the workbook shows it."""
        self.sources = {s.id for s in bkb.sources}
        self.titles: dict[str, str] = {}
        for s in bkb.sources:
            self.titles.setdefault(s.title, s.id)
        self.items: dict[str, str] = {}
        for iid, label, _ in bkb.budget_items:
            self.items.setdefault(label, iid)
        self.areas = {label: area for area, label in T.AREA_LABELS.items()}

    def cited(self, status: str, source: str, locator: str, note: str) -> dict[str, Any]:
        """The citation block of a value."""
        derivation, text, also = split_note(note, status, self.sources)
        return {
            "status": status,
            "source": self.titles.get(source, source),
            "locator": locator or None,
            "derivation": derivation,
            "note": text,
            "also": also,
        }

    def bare(self, status: str, source: str) -> dict[str, Any]:
        """The citation block of a value whose locator and note the workbook does not hold."""
        return self.cited(status, source, "", "")


def knowledge_base(bkb: BookKB, defaults: Defaults, path: Path) -> KnowledgeBase:
    """The knowledge base the workbook's sheets hold, with ids for the workbook's labels.

    Parameters
    ----------
    bkb : BookKB
        The knowledge-base sheets as read (:func:`som_xl.workbook.read.read_content`).
    defaults : Defaults
        The defaults to carry (see :func:`workbook_defaults`).
    path : Path
        The workbook, recorded as the knowledge base's path.

    Returns
    -------
    KnowledgeBase
        Records keyed by id in the sheets' order; see the module docstring for what the
        workbook does not carry.
    """
    ids = _Ids(bkb)
    units: dict[str, Unit] = {}
    for s in bkb.services:
        units.setdefault(unit_id(s.unit), Unit.model_construct(id=unit_id(s.unit), label=s.unit))
    return KnowledgeBase(
        sources={s.id: _source(s) for s in bkb.sources},
        units=units,
        budget_items={
            iid: BudgetItem.model_construct(
                id=iid, label=label, area=area, committee=committee or None
            )
            for (iid, label, area), committee in zip(
                bkb.budget_items,
                bkb.item_committees or ("",) * len(bkb.budget_items),
                strict=True,
            )
        },
        services={s.id: _service(s, ids) for s in bkb.services},
        target_groups={g.id: _group(g, bkb, ids) for g in bkb.groups},
        consequences=_consequences(bkb, ids),
        effects={e.id: _effect(e, ids) for e in bkb.effects},
        price_index=PriceIndex.model_construct(
            label=bkb.index_label,
            base=bkb.index_base,
            values=dict(bkb.index),
            **ids.bare(bkb.index_status, bkb.index_source),
        ),
        discount_rates={s.id: _schedule(s, ids) for s in bkb.schedules},
        defaults=defaults,
        fingerprint=bkb.fingerprint,
        version=bkb.version,
        path=path,
    )


def _source(s: BookSource) -> Source:
    """A source (the workbook holds every field)."""
    return Source.model_construct(
        id=s.id,
        title=s.title,
        publisher=s.publisher,
        year=s.year,
        url=s.url,
        accessed=s.accessed,
        note=s.note or None,
    )


def _service(s: BookService, ids: _Ids) -> Service:
    """A service: unit, budget item and source back to ids."""
    return Service.model_construct(
        id=s.id,
        label=s.label,
        unit=unit_id(s.unit),
        direction=s.direction,
        budget_item=ids.items.get(s.budget_item, s.budget_item),
        price_year=s.price_year,
        prices=Prices.model_construct(kommune=s.prices[0], region=s.prices[1], stat=s.prices[2]),
        description=s.description or None,
        **ids.cited(s.status, s.source, s.locator, s.note),
    )


def _group(g: BookGroup, bkb: BookKB, ids: _Ids) -> TargetGroup:
    """A target group: area label back to its id, with its baseline use (§3.17)."""
    baseline = {
        b.service: Baseline.model_construct(
            units=b.units, **ids.cited(b.status, b.source, b.locator, b.note)
        )
        for b in bkb.baselines
        if b.group == g.id
    }
    return TargetGroup.model_construct(
        baseline=baseline,
        id=g.id,
        label=g.label,
        area=cast(Any, ids.areas.get(g.area, g.area)),  # not validated again
        age_min=g.age_min,
        age_max=g.age_max,
        register_definition=g.register_definition,
        success_measure=g.success_measure,
        **ids.cited(g.status, g.source, g.locator, g.note),
    )


def _consequences(bkb: BookKB, ids: _Ids) -> dict[str, tuple[Consequence, ...]]:
    """Each target group's consequences in their order (Nr.), groups in the sheets' order."""
    order = [g.id for g in bkb.groups]
    order += [c.group for c in bkb.consequences if c.group not in order]
    return {
        gid: tuple(_consequence(c, ids) for c in bkb.group_consequences(gid))
        for gid in dict.fromkeys(order)
    }


def _consequence(c: BookConsequence, ids: _Ids) -> Consequence:
    """One consequence: the service, its profile, its units during the course and its tail."""
    return Consequence.model_construct(
        service=c.service,
        profile=c.profile,
        during_course=c.during or None,
        tail=_tail(c),
        recommended=c.recommended,
        recommended_reason=c.recommended_reason or None,
        assumed_from=c.assumed_from,
        **ids.cited(c.status, c.source, c.locator, c.note),
    )


def _tail(c: BookConsequence) -> Tail | None:
    """A consequence's tail from its VD columns (None where it names none)."""
    kinds: dict[str, Literal["stop", "hold", "decay"]] = {
        "stop": "stop",
        "hold": "hold",
        "decay": "decay",
    }
    kind = kinds.get(c.tail)
    if kind is None:
        return None
    rate = c.tail_rate if kind == "decay" else None
    return Tail.model_construct(kind=kind, rate=rate, reason=c.tail_reason or None)


def _effect(e: BookEffect, ids: _Ids) -> Effect:
    """An effect study: an empty target group or context is none."""
    return Effect.model_construct(
        id=e.id,
        intervention=e.intervention,
        target_group=e.target_group or None,
        evidence_level=cast(Any, e.evidence_level),  # not validated again
        outcome=e.outcome,
        effect_size=e.effect_size,
        success_rate=e.success_rate,
        context=e.context or None,
        success_rate_low=e.success_rate_low,
        success_rate_high=e.success_rate_high,
        range_source=ids.titles.get(e.range_source, e.range_source) or None,
        range_locator=e.range_locator or None,
        **ids.cited(e.status, e.source, e.locator, e.note),
    )


def _schedule(s: BookSchedule, ids: _Ids) -> DiscountSchedule:
    """A discount schedule and its steps."""
    return DiscountSchedule.model_construct(
        id=s.id,
        label=s.label,
        schedule=tuple(RateStep.model_construct(from_year=y, rate=r) for y, r in s.steps),
        **ids.bare(s.status, s.source),
    )
