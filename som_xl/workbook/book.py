"""The knowledge base as the workbook shows it: :class:`BookKB` and :func:`book_kb`.

The workbook shows labels where a user reads them (a service's unit, budget item and source
title; a target group's area), labels made unique where two values share one (``Label
(id)``), a display name per effect study, and each target group's suggested intervention
and success rate. :func:`book_kb` makes this view from a
:class:`~som_xl.kb.KnowledgeBase`; the VD sheets hold it (column specifications in
:mod:`som_xl.workbook.kb_columns`), the reader reads it back, and
:func:`som_xl.workbook.kb_read.knowledge_base` maps it back to a ``KnowledgeBase``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..conventions import COST_BUDGET_ITEM, Direction
from ..errors import InputError, Problem
from ..kb import KnowledgeBase
from . import text as T
from .layout import MIN_PROFILE, N_DURING, Counts

__all__ = [
    "BookBaseline",
    "BookConsequence",
    "BookEffect",
    "BookGroup",
    "BookKB",
    "BookSchedule",
    "BookService",
    "BookSource",
    "BookWage",
    "book_kb",
    "by_text",
    "lookup_safe",
]

Prices3 = tuple[float, float, float]


@dataclass(frozen=True)
class BookService:
    id: str
    label: str  # unique among services (the dropdowns show labels)
    unit: str  # unit label
    direction: Direction
    budget_item: str  # label
    price_year: int
    prices: Prices3
    status: str  # published | derived | illustrative
    source: str  # source title
    locator: str
    note: str  # derivation or note
    description: str


@dataclass(frozen=True)
class BookGroup:
    id: str
    label: str
    area: str  # Danish label
    age_min: int
    age_max: int | None
    register_definition: str
    success_measure: str
    status: str
    source: str
    locator: str
    note: str
    effect: str  # display name of the suggested effect, "" if none
    success_rate: float | None  # its success rate
    n_cons: int


@dataclass(frozen=True)
class BookConsequence:
    group: str  # target-group id
    nr: int  # 1-based position within the group
    service: str  # service id
    profile: tuple[float, ...]
    status: str
    source: str
    locator: str
    note: str
    #: Units per participant in each course year (som-method §3.10); () for none.
    during: tuple[float, ...] = ()
    #: The tail after the profile (som-method §3.11): stop, hold, decay or '' for none,
    #: its yearly rate (decay only) and why.
    tail: str = ""
    tail_rate: float | None = None
    tail_reason: str = ""
    #: SØM recommends including the consequence for the group (and why, where it says).
    recommended: bool = True
    recommended_reason: str = ""
    #: The first profile year from which a published or derived row's values are an
    #: illustrative assumption (provenance, som-method §4); None for none.
    assumed_from: int | None = None

    @property
    def key(self) -> str:
        """The key the workbook looks a consequence up by: 'målgruppe-id|nr.'."""
        return f"{self.group}|{self.nr}"


@dataclass(frozen=True)
class BookBaseline:
    """A target group's baseline use of one service (som-method §3.17): units a citizen
    uses per year before the intervention, with its citation."""

    group: str  # target-group id
    service: str  # service id
    units: float
    status: str
    source: str  # source title
    locator: str
    note: str

    @property
    def key(self) -> str:
        """The key the workbook looks a baseline up by: 'målgruppe-id|ydelses-id'."""
        return f"{self.group}|{self.service}"


@dataclass(frozen=True)
class BookEffect:
    display: str  # unique name in the dropdown
    id: str
    intervention: str
    target_group: str  # id, "" if none
    evidence_level: int
    outcome: str
    effect_size: str
    success_rate: float | None
    context: str
    status: str
    source: str
    locator: str
    note: str
    #: the success rate's 95 % interval and where it is cited (§3.20; None/"" if none)
    success_rate_low: float | None = None
    success_rate_high: float | None = None
    range_source: str = ""  # the source's title, as in ``source``
    range_locator: str = ""


@dataclass(frozen=True)
class BookSchedule:
    id: str
    label: str
    steps: tuple[tuple[int, float], ...]
    status: str
    source: str


@dataclass(frozen=True)
class BookSource:
    id: str
    title: str
    publisher: str
    year: int
    url: str
    accessed: str
    note: str


@dataclass(frozen=True)
class BookWage:
    """A default wage shown on Omkostningsvurdering (reference only; not read back)."""

    label: str
    annual_wage: float
    price_year: int
    status: str
    source: str  # source title and address
    note: str


@dataclass(frozen=True)
class BookKB:
    services: tuple[BookService, ...]
    groups: tuple[BookGroup, ...]
    consequences: tuple[BookConsequence, ...]
    effects: tuple[BookEffect, ...]
    schedules: tuple[BookSchedule, ...]
    sources: tuple[BookSource, ...]
    index: tuple[tuple[int, float], ...]
    index_label: str
    index_base: str
    index_status: str
    index_source: str
    budget_items: tuple[tuple[str, str, str], ...]  # id, label, area
    fingerprint: str
    #: Each budget item's default committee ("" if none), in budget_items' order.
    item_committees: tuple[str, ...] = ()
    #: The knowledge base's edition (knowledge/VERSION, e.g. "2026.12"; "" if none).
    version: str = ""
    #: Default wages for Omkostningsvurdering (som-method §3.18); shown for reference, not
    #: read back (the sheet's yellow cells hold the wages used), so not compared.
    wages: tuple[BookWage, ...] = field(default=(), compare=False)
    #: Each target group's baseline use per service (som-method §3.17).
    baselines: tuple[BookBaseline, ...] = ()

    @property
    def profile_len(self) -> int:
        """Profile columns: the longest profile, at least ``MIN_PROFILE``."""
        return max([MIN_PROFILE, *(len(c.profile) for c in self.consequences)])

    def counts(self) -> Counts:
        """The sizes that decide the layout."""
        return Counts(
            services=len(self.services),
            groups=len(self.groups),
            cons_rows=len(self.consequences),
            max_cons=max([1, *(g.n_cons for g in self.groups)]),
            profile=self.profile_len,
            effects=len(self.effects),
            schedules=len(self.schedules),
            steps=sum(len(s.steps) for s in self.schedules),
            index_years=len(self.index),
            budget_items=len(self.budget_items),
            sources=len(self.sources),
            baselines=len(self.baselines),
        )

    def group_by_label(self, label: str) -> BookGroup | None:
        """A target group by its label (case-insensitively, as MATCH), else None."""
        found: BookGroup | None = by_text({g.label: g for g in self.groups}, label)
        return found

    def group_consequences(self, group_id: str) -> list[BookConsequence]:
        """A target group's consequences in their order (Nr.)."""
        return sorted((c for c in self.consequences if c.group == group_id), key=lambda c: c.nr)

    def service(self, sid: str) -> BookService:
        """A service by id."""
        return next(s for s in self.services if s.id == sid)

    def schedule_by_label(self, label: str) -> BookSchedule | None:
        """A discount schedule by its label (case-insensitively), else None."""
        found: BookSchedule | None = by_text({s.label: s for s in self.schedules}, label)
        return found

    @property
    def index_map(self) -> dict[int, float]:
        """The price index: year → index."""
        return dict(self.index)

    @property
    def item_labels(self) -> list[str]:
        """Budget-item labels offered in the workbook (the cost item always among them)."""
        labels = [label for _, label, _ in self.budget_items]
        return labels if COST_BUDGET_ITEM in labels else [*labels, COST_BUDGET_ITEM]

    @property
    def discount_choices(self) -> list[str]:
        """The discount dropdown: each schedule's label, then 'Fast rente'."""
        return [s.label for s in self.schedules] + [T.FAST_RENTE]

    @property
    def effect_choices(self) -> list[str]:
        """The intervention dropdown: 'Ingen', then each effect's display name."""
        return [T.INGEN_INDSATS] + [e.display for e in self.effects]


def by_text(options: Mapping[str, Any], text: str) -> Any:
    """Look a label up as Excel's MATCH(..., 0) does: case-insensitively.

    >>> by_text({"Fast rente": 1}, "fast RENTE")
    1
    """
    if text in options:
        return options[text]
    folded = {k.casefold(): v for k, v in options.items()}
    return folded.get(text.casefold())


def _unique(names: Sequence[str], ids: Sequence[str]) -> list[str]:
    """Labels made unique by adding the id to the ones that repeat."""
    seen: dict[str, int] = {}
    for n in names:
        seen[n.casefold()] = seen.get(n.casefold(), 0) + 1
    return [f"{n} ({i})" if seen[n.casefold()] > 1 else n for n, i in zip(names, ids, strict=True)]


def _note(value: Any) -> str:
    """A value's derivation, note and further sources as one text."""
    parts = [value.derivation or "", value.note or ""]
    if value.also:
        parts.append("Se også: " + ", ".join(value.also))
    return " ".join(p for p in parts if p)


def lookup_safe(text: str) -> bool:
    """Text that Excel's MATCH, COUNTIF and SUMIFS find literally (no wildcards, operators)."""
    return not any(ch in text for ch in "*?~") and text[:1] not in ("=", "<", ">")


def _check_lookup_texts(bkb: BookKB) -> None:
    """Raise InputError for labels Excel's lookups would not find literally."""
    texts = [
        *(("ydelse", s.label) for s in bkb.services),
        *(("målgruppe", g.label) for g in bkb.groups),
        *(("effekt", e.display) for e in bkb.effects),
        *(("diskonteringsrente", s.label) for s in bkb.schedules),
        *(("udgiftspost", label) for _, label, _ in bkb.budget_items),
    ]
    bad = [
        Problem("vidensdatabasen", what, T.BUILD_LOOKUP_TEXT, text, True)
        for what, text in texts
        if not lookup_safe(text)
    ]
    if bad:
        raise InputError(bad)


def book_kb(kb: KnowledgeBase) -> BookKB:
    """The knowledge base as the workbook shows it (raises InputError for unusable labels).

    Parameters
    ----------
    kb : KnowledgeBase
        A loaded knowledge base.

    Returns
    -------
    BookKB
        Its records in file order, with the workbook's labels.
    """
    bkb = _book_kb(kb)
    _check_lookup_texts(bkb)
    return bkb


def _book_kb(kb: KnowledgeBase) -> BookKB:
    """The view, record kind by record kind (no label checks)."""
    title = {s.id: s.title for s in kb.sources.values()}
    group_labels = _unique([g.label for g in kb.target_groups.values()], list(kb.target_groups))
    glabel = dict(zip(kb.target_groups, group_labels, strict=True))
    display = _effect_names(kb, glabel)
    pi = kb.price_index
    return BookKB(
        services=_services(kb, title),
        groups=_groups(kb, title, glabel, display),
        consequences=_consequences(kb, title),
        effects=_effects(kb, title, display),
        schedules=_schedules(kb, title),
        sources=tuple(
            BookSource(s.id, s.title, s.publisher, s.year, s.url, s.accessed, s.note or "")
            for s in kb.sources.values()
        ),
        index=tuple(sorted((int(y), float(v)) for y, v in pi.values.items())),
        index_label=pi.label,
        index_base=pi.base,
        index_status=pi.status,
        index_source=title.get(pi.source, pi.source),
        budget_items=tuple((b.id, b.label, b.area) for b in kb.budget_items.values()),
        item_committees=tuple(b.committee or "" for b in kb.budget_items.values()),
        fingerprint=kb.fingerprint,
        version=kb.version,
        wages=tuple(
            BookWage(
                w.label,
                w.annual_wage,
                w.price_year,
                w.status,
                f"{title.get(w.source, w.source)} ({kb.sources[w.source].url})"
                if w.source in kb.sources
                else w.source,
                _note(w),
            )
            for w in kb.wages.values()
        ),
        baselines=tuple(
            BookBaseline(
                g.id,
                sid,
                float(b.units),
                b.status,
                title.get(b.source, b.source),
                b.locator or "",
                _note(b),
            )
            for g in kb.target_groups.values()
            for sid, b in g.baseline.items()
        ),
    )


def _services(kb: KnowledgeBase, title: Mapping[str, str]) -> tuple[BookService, ...]:
    """Services with unique labels, unit and budget-item labels, source titles."""
    labels = _unique([s.label for s in kb.services.values()], list(kb.services))
    return tuple(
        BookService(
            id=s.id,
            label=label,
            unit=kb.units[s.unit].label,
            direction=s.direction,
            budget_item=kb.budget_item_label(s.budget_item),
            price_year=s.price_year,
            prices=s.prices.as_tuple(),
            status=s.status,
            source=title.get(s.source, s.source),
            locator=s.locator or "",
            note=_note(s),
            description=s.description or "",
        )
        for s, label in zip(kb.services.values(), labels, strict=True)
    )


def _effect_names(kb: KnowledgeBase, glabel: Mapping[str, str]) -> dict[str, str]:
    """Each effect study's display name: 'intervention – target group', made unique."""
    names = _unique(
        [
            f"{e.intervention} – {glabel[e.target_group]}"
            if e.target_group is not None and e.target_group in glabel
            else e.intervention
            for e in kb.effects.values()
        ],
        list(kb.effects),
    )
    return dict(zip(kb.effects, names, strict=True))


def _groups(
    kb: KnowledgeBase,
    title: Mapping[str, str],
    glabel: Mapping[str, str],
    display: Mapping[str, str],
) -> tuple[BookGroup, ...]:
    """Target groups with their suggested intervention and its success rate."""
    from ..inputs.quick import default_effect

    groups = []
    for g in kb.target_groups.values():
        eff = default_effect(kb, g.id)
        groups.append(
            BookGroup(
                id=g.id,
                label=glabel[g.id],
                area=T.AREA_LABELS.get(g.area, g.area),
                age_min=g.age_min,
                age_max=g.age_max,
                register_definition=g.register_definition,
                success_measure=g.success_measure,
                status=g.status,
                source=title.get(g.source, g.source),
                locator=g.locator or "",
                note=_note(g),
                effect=display[eff.id] if eff else "",
                success_rate=eff.success_rate if eff else None,
                n_cons=len(kb.consequences.get(g.id, ())),
            )
        )
    return tuple(groups)


def _consequences(kb: KnowledgeBase, title: Mapping[str, str]) -> tuple[BookConsequence, ...]:
    """Every target group's consequences, numbered within the group."""
    return tuple(
        BookConsequence(
            group=gid,
            nr=n + 1,
            service=c.service,
            profile=tuple(float(v) for v in c.profile),
            status=c.status,
            source=title.get(c.source, c.source),
            locator=c.locator or "",
            note=_note(c),
            during=_during(c.during_course, gid, c.service),
            tail=c.tail.kind if c.tail is not None else "",
            tail_rate=c.tail.rate if c.tail is not None else None,
            tail_reason=(c.tail.reason or "") if c.tail is not None else "",
            recommended=c.recommended,
            recommended_reason=c.recommended_reason or "",
            assumed_from=c.assumed_from,
        )
        for gid in kb.target_groups
        for n, c in enumerate(kb.consequences.get(gid, ()))
    )


def _during(values: Sequence[float] | None, group: str, service: str) -> tuple[float, ...]:
    """A consequence's during-course units, within the workbook's N_DURING columns."""
    during = tuple(float(v) for v in values or ())
    if len(during) > N_DURING:
        raise ValueError(
            f"{group}/{service}: during_course har {len(during)} værdier; arbejdsbogen har "
            f"plads til {N_DURING} forløbsår"
        )
    return during


def _effects(
    kb: KnowledgeBase, title: Mapping[str, str], display: Mapping[str, str]
) -> tuple[BookEffect, ...]:
    """Effect studies with their display names."""
    return tuple(
        BookEffect(
            display=display[e.id],
            id=e.id,
            intervention=e.intervention,
            target_group=e.target_group or "",
            evidence_level=e.evidence_level,
            outcome=e.outcome,
            effect_size=e.effect_size,
            success_rate=e.success_rate,
            context=e.context or "",
            status=e.status,
            source=title.get(e.source, e.source),
            locator=e.locator or "",
            note=_note(e),
            success_rate_low=e.success_rate_low,
            success_rate_high=e.success_rate_high,
            range_source=title.get(e.range_source, e.range_source) if e.range_source else "",
            range_locator=e.range_locator or "",
        )
        for e in kb.effects.values()
    )


def _schedules(kb: KnowledgeBase, title: Mapping[str, str]) -> tuple[BookSchedule, ...]:
    """Discount schedules with unique labels and their steps."""
    schedules = kb.discount_rates.values()
    labels = _unique([d.label for d in schedules], list(kb.discount_rates))
    return tuple(
        BookSchedule(
            id=d.id,
            label=label,
            steps=tuple((s.from_year, s.rate) for s in d.schedule),
            status=d.status,
            source=title.get(d.source, d.source),
        )
        for d, label in zip(schedules, labels, strict=True)
    )
