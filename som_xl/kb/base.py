"""The knowledge base (vidensdatabase): loaded once, validated strictly, immutable.

Files live in ``knowledge/`` (installed as ``som_xl/knowledge``); their schema is in
``knowledge/README.md``. :func:`load_kb` reports every problem at once, each naming the
file, line, key and value.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from ..conventions import MAX_DISCOUNT_RATE, MIN_DISCOUNT_RATE, PURSES, Direction, Status
from ..errors import InputError, Problem, format_path, suggest
from ..files import LineMap, read_data_file
from ..inputs import fields
from ..validation import Strict, validate_model

__all__ = [
    "BudgetItem",
    "Consequence",
    "DiscountSchedule",
    "Effect",
    "KnowledgeBase",
    "PriceIndex",
    "Service",
    "Source",
    "TargetGroup",
    "Unit",
    "kb_health",
    "knowledge_dir",
    "load_kb",
]

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(min_length=1)]


def _excel_safe(text: str) -> str:
    """Labels are looked up by Excel's MATCH in the workbook: no wildcards or formula start."""
    if any(ch in text for ch in "*?~") or text[:1] in ("=", "<", ">", "+", "-", "@"):
        raise ValueError(
            "teksten må ikke indeholde *, ? eller ~ og ikke begynde med =, <, >, +, - eller @ "
            "(den bruges til opslag i Excel)"
        )
    return text


Label = Annotated[str, StringConstraints(min_length=1), AfterValidator(_excel_safe)]
Year = Annotated[int, Field(ge=1900, le=2200)]
Number = Annotated[float, Field(allow_inf_nan=False)]


class Source(Strict):
    id: Id
    title: Text
    publisher: Text
    year: Year
    url: Text
    accessed: Text
    note: str | None = None


class Cited(Strict):
    """The citation block carried by every value."""

    status: Status
    source: Id
    locator: str | None = None
    derivation: str | None = None
    note: str | None = None
    also: tuple[Id, ...] = ()

    @model_validator(mode="after")
    def _status_needs_text(self) -> Cited:
        if self.status == "derived" and not self.derivation:
            raise ValueError("status 'derived' kræver 'derivation' med udregningen skrevet ud")
        if self.status == "illustrative" and not self.note:
            raise ValueError("status 'illustrative' kræver 'note' om hvad værdien bygger på")
        return self


class Unit(Strict):
    id: Id
    label: Label


class BudgetItem(Strict):
    id: Id
    label: Label
    area: Text


class Prices(Strict):
    kommune: Number
    region: Number
    stat: Number

    def as_tuple(self) -> tuple[float, float, float]:
        return (self.kommune, self.region, self.stat)


class Service(Cited):
    id: Id
    label: Label
    unit: Id
    direction: Direction
    budget_item: Id
    price_year: Year
    prices: Prices
    description: str | None = None


class TargetGroup(Cited):
    id: Id
    label: Label
    area: Literal["voksne", "boern_unge"]
    age_min: Annotated[int, Field(ge=0, le=120)]
    age_max: Annotated[int, Field(ge=0, le=120)] | None
    register_definition: Text
    success_measure: Text


class Consequence(Cited):
    service: Id
    profile: tuple[Number, ...] = Field(min_length=1, max_length=50)


class Effect(Cited):
    id: Id
    intervention: Label
    target_group: Id | None = None
    evidence_level: Literal[1, 2, 3]
    outcome: Text
    effect_size: Text
    success_rate: Annotated[float, Field(ge=0, le=1)] | None = None
    context: str | None = None


class PriceIndex(Cited):
    label: Text
    base: Text
    values: dict[Year, Annotated[float, Field(gt=0, allow_inf_nan=False)]]


class RateStep(Strict):
    from_year: Annotated[int, Field(ge=1)]
    rate: Annotated[float, Field(ge=MIN_DISCOUNT_RATE, le=MAX_DISCOUNT_RATE)]


class DiscountSchedule(Cited):
    id: Id
    label: Text
    schedule: tuple[RateStep, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> DiscountSchedule:
        starts = [s.from_year for s in self.schedule]
        if starts[0] != 1 or starts != sorted(set(starts)):
            raise ValueError("schedule skal starte med from_year: 1 og have stigende from_year")
        return self


class Defaults(Strict):
    """Default settings of new scenarios: bounds as every scenario's (the field table)."""

    start_year: Annotated[int, fields.validator("start_year")]
    horizon_years: Annotated[int, fields.validator("horizon_years")]
    price_year: Annotated[int, fields.validator("price_year")]
    discount_rate: Annotated[float, fields.validator("discount_rate")] | str
    course_years: Annotated[int, fields.validator("course_years")]


# --- file models ------------------------------------------------------------------------


class _SourcesFile(Strict):
    sources: tuple[Source, ...]


class _UnitsFile(Strict):
    units: tuple[Unit, ...]


class _BudgetItemsFile(Strict):
    budget_items: tuple[BudgetItem, ...]


class _ServicesFile(Strict):
    services: tuple[Service, ...]


class _TargetGroupsFile(Strict):
    target_groups: tuple[TargetGroup, ...]


class _ConsequencesFile(Strict):
    consequences: dict[Id, tuple[Consequence, ...]]


class _EffectsFile(Strict):
    effects: tuple[Effect, ...]


class _PriceIndexFile(Strict):
    price_index: PriceIndex


class _DiscountFile(Strict):
    discount_rates: tuple[DiscountSchedule, ...]


class _DefaultsFile(Strict):
    defaults: Defaults


_FILES: dict[str, type[Strict]] = {
    "units.yaml": _UnitsFile,
    "budget_items.yaml": _BudgetItemsFile,
    "services.yaml": _ServicesFile,
    "target_groups.yaml": _TargetGroupsFile,
    "consequences.yaml": _ConsequencesFile,
    "effects.yaml": _EffectsFile,
    "price_index.yaml": _PriceIndexFile,
    "discount_rates.yaml": _DiscountFile,
    "defaults.yaml": _DefaultsFile,
}


@dataclass(frozen=True)
class KnowledgeBase:
    """The validated knowledge base. Mappings are keyed by id, in file order."""

    sources: Mapping[str, Source]
    units: Mapping[str, Unit]
    budget_items: Mapping[str, BudgetItem]
    services: Mapping[str, Service]
    target_groups: Mapping[str, TargetGroup]
    consequences: Mapping[str, tuple[Consequence, ...]]
    effects: Mapping[str, Effect]
    price_index: PriceIndex
    discount_rates: Mapping[str, DiscountSchedule]
    defaults: Defaults
    fingerprint: str
    path: Path = field(compare=False)

    def budget_item_label(self, item_id: str) -> str:
        return self.budget_items[item_id].label

    def cited_values(self) -> list[tuple[str, Cited]]:
        """Every value that carries a citation block, with a Danish name for it."""
        out: list[tuple[str, Cited]] = []
        out += [(f"ydelse {s.id}", s) for s in self.services.values()]
        out += [(f"målgruppe {g.id}", g) for g in self.target_groups.values()]
        for gid, cons in self.consequences.items():
            out += [(f"konsekvens {gid}/{c.service}", c) for c in cons]
        out += [(f"effekt {e.id}", e) for e in self.effects.values()]
        out.append(("prisindeks", self.price_index))
        out += [(f"diskonteringsrente {d.id}", d) for d in self.discount_rates.values()]
        return out

    def status_counts(self) -> dict[str, int]:
        counts = {"published": 0, "derived": 0, "illustrative": 0}
        for _, value in self.cited_values():
            counts[value.status] += 1
        return counts


def knowledge_dir() -> Path:
    """Where the knowledge files are: $SOM_XL_KNOWLEDGE, the installed package, or the repo.

    Returns
    -------
    Path
        ``$SOM_XL_KNOWLEDGE`` when set; else the ``knowledge`` folder installed with the
        package; else the repository's ``knowledge`` folder (an editable install).

    Examples
    --------
    >>> (knowledge_dir() / "services.yaml").is_file()
    True
    """
    env = os.environ.get("SOM_XL_KNOWLEDGE")
    if env:
        return Path(env)
    package = Path(__file__).resolve().parents[1]  # som_xl/
    installed = package / "knowledge"
    if (installed / "services.yaml").exists():
        return installed
    return package.parent / "knowledge"


@lru_cache(maxsize=8)
def _load_cached(path: Path) -> KnowledgeBase:
    return _load(path)


def load_kb(path: Path | str | None = None) -> KnowledgeBase:
    """Load and validate the knowledge base (cached: once per process and folder).

    Every file is validated strictly (unknown keys are errors), then the references between
    them (services, units, budget items, sources, target groups); all problems are reported
    together.

    Parameters
    ----------
    path : Path or str, optional
        The folder with the knowledge files; default :func:`knowledge_dir`.

    Returns
    -------
    KnowledgeBase
        The same object for the same folder for the rest of the process.

    Raises
    ------
    InputError
        If the folder is missing or a file or a reference is invalid (Danish problems with
        file and line).

    Examples
    --------
    >>> kb = load_kb()
    >>> kb.services["kontanthjaelp_uge"].unit, kb.services["kontanthjaelp_uge"].direction
    ('uge', 'expenditure')
    >>> load_kb() is kb
    True
    >>> load_kb("ingen/mappe")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: .../ingen/mappe: mappen med vidensdatabasen findes ikke
    """
    return _load_cached(Path(path).resolve() if path is not None else knowledge_dir().resolve())


def _load(root: Path) -> KnowledgeBase:
    problems: list[Problem] = []
    parsed: dict[str, Any] = {}
    lines: dict[str, LineMap] = {}
    digest = hashlib.sha256()

    if not root.is_dir():
        raise InputError(Problem(str(root), "", "mappen med vidensdatabasen findes ikke"))

    source_files = sorted((root / "sources").glob("*.yaml"))
    for path in [*(root / name for name in _FILES), *source_files]:
        rel = path.relative_to(root).as_posix()
        if path.exists():
            digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
        model = _SourcesFile if path.parent.name == "sources" else _FILES[path.name]
        try:
            data, linemap = read_data_file(path, what="vidensdatabasefilen")
        except InputError as exc:
            problems += exc.problems
            continue
        obj, errs = validate_model(model, data, str(path), linemap)
        problems += errs
        if obj is not None:
            parsed[rel] = obj
            lines[rel] = linemap

    if problems:
        raise InputError(problems)

    def where(rel: str, path: list[str | int]) -> tuple[str, str]:
        line = lines[rel].line(path)
        return (f"{root / rel}, linje {line}" if line else str(root / rel), format_path(path))

    def dup_check(rel: str, key: str, items: tuple[Any, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for i, item in enumerate(items):
            if item.id in out:
                w, k = where(rel, [key, i, "id"])
                problems.append(Problem(w, k, "id'et findes allerede", item.id, True))
            out[item.id] = item
        return out

    sources: dict[str, Source] = {}
    for rel in sorted(r for r in parsed if r.startswith("sources/")):
        for i, src in enumerate(parsed[rel].sources):
            if src.id in sources:
                w, k = where(rel, ["sources", i, "id"])
                problems.append(Problem(w, k, "kilde-id'et findes allerede", src.id, True))
            sources[src.id] = src

    units = dup_check("units.yaml", "units", parsed["units.yaml"].units)
    items = dup_check("budget_items.yaml", "budget_items", parsed["budget_items.yaml"].budget_items)
    services = dup_check("services.yaml", "services", parsed["services.yaml"].services)
    groups = dup_check(
        "target_groups.yaml", "target_groups", parsed["target_groups.yaml"].target_groups
    )
    effects = dup_check("effects.yaml", "effects", parsed["effects.yaml"].effects)
    schedules = dup_check(
        "discount_rates.yaml", "discount_rates", parsed["discount_rates.yaml"].discount_rates
    )
    consequences: dict[str, tuple[Consequence, ...]] = dict(
        parsed["consequences.yaml"].consequences
    )
    price_index: PriceIndex = parsed["price_index.yaml"].price_index
    defaults: Defaults = parsed["defaults.yaml"].defaults

    def ref(
        rel: str, path: list[str | int], value: str, known: Mapping[str, Any], what: str
    ) -> None:
        if value not in known:
            w, k = where(rel, path)
            problems.append(Problem(w, k, f"ukendt {what}; {suggest(value, known)}", value, True))

    def cite(rel: str, path: list[str | int], value: Cited) -> None:
        ref(rel, [*path, "source"], value.source, sources, "kilde")
        for j, extra in enumerate(value.also):
            ref(rel, [*path, "also", j], extra, sources, "kilde")

    for i, s in enumerate(services.values()):
        base: list[str | int] = ["services", i]
        ref("services.yaml", [*base, "unit"], s.unit, units, "enhed")
        ref("services.yaml", [*base, "budget_item"], s.budget_item, items, "udgiftspost")
        cite("services.yaml", base, s)
    for i, g in enumerate(groups.values()):
        cite("target_groups.yaml", ["target_groups", i], g)
        if g.age_max is not None and g.age_max < g.age_min:
            w, k = where("target_groups.yaml", ["target_groups", i, "age_max"])
            problems.append(Problem(w, k, "age_max er mindre end age_min", g.age_max, True))
    for gid, cons in consequences.items():
        ref("consequences.yaml", ["consequences", gid], gid, groups, "målgruppe")
        seen: set[str] = set()
        for i, c in enumerate(cons):
            base = ["consequences", gid, i]
            ref("consequences.yaml", [*base, "service"], c.service, services, "ydelse")
            if c.service in seen:
                w, k = where("consequences.yaml", [*base, "service"])
                problems.append(
                    Problem(w, k, "ydelsen står to gange for målgruppen", c.service, True)
                )
            seen.add(c.service)
            cite("consequences.yaml", base, c)
    for gid in groups:
        if gid not in consequences:
            w, _ = where("consequences.yaml", ["consequences"])
            problems.append(Problem(w, f"consequences.{gid}", "målgruppen har ingen konsekvenser"))
    for i, e in enumerate(effects.values()):
        if e.target_group is not None:
            ref("effects.yaml", ["effects", i, "target_group"], e.target_group, groups, "målgruppe")
        cite("effects.yaml", ["effects", i], e)
    cite("price_index.yaml", ["price_index"], price_index)
    for i, d in enumerate(schedules.values()):
        cite("discount_rates.yaml", ["discount_rates", i], d)
    for i, s in enumerate(services.values()):
        if s.price_year not in price_index.values:
            w, k = where("services.yaml", ["services", i, "price_year"])
            problems.append(
                Problem(
                    w,
                    k,
                    "prisåret findes ikke i prisindekset (price_index.yaml)",
                    s.price_year,
                    True,
                )
            )
    if defaults.price_year not in price_index.values:
        w, k = where("defaults.yaml", ["defaults", "price_year"])
        problems.append(
            Problem(w, k, "prisåret findes ikke i prisindekset", defaults.price_year, True)
        )
    if isinstance(defaults.discount_rate, str) and defaults.discount_rate not in schedules:
        w, k = where("defaults.yaml", ["defaults", "discount_rate"])
        problems.append(
            Problem(
                w,
                k,
                f"ukendt renteforløb; {suggest(defaults.discount_rate, schedules)}",
                defaults.discount_rate,
                True,
            )
        )

    if problems:
        raise InputError(problems)

    return KnowledgeBase(
        sources=sources,
        units=units,
        budget_items=items,
        services=services,
        target_groups=groups,
        consequences=consequences,
        effects=effects,
        price_index=price_index,
        discount_rates=schedules,
        defaults=defaults,
        fingerprint=digest.hexdigest()[:16],
        path=root,
    )


def kb_health(kb: KnowledgeBase) -> list[str]:
    """Whole-model health: unused sources, units and budget items (Danish, one per line).

    These are warnings (``som-xl validate`` prints them), not errors: the knowledge base
    loads either way.

    Parameters
    ----------
    kb : KnowledgeBase

    Returns
    -------
    list of str
        One Danish line per unused source, unit or budget item and per service no target
        group's consequences use; empty when all is used.

    Examples
    --------
    >>> kb_health(load_kb())
    []
    >>> kb_health(load_kb("tests/fixtures/kb"))[:2]
    ["enheden 'time' bruges ikke", "enheden 'maaned' bruges ikke"]
    """
    used_sources: set[str] = set()
    for _, value in kb.cited_values():
        used_sources.add(value.source)
        used_sources.update(value.also)
    out = [f"kilden '{s}' bruges ikke" for s in kb.sources if s not in used_sources]
    used_units = {s.unit for s in kb.services.values()}
    out += [f"enheden '{u}' bruges ikke" for u in kb.units if u not in used_units]
    used_items = {s.budget_item for s in kb.services.values()} | {"indsats"}
    out += [f"udgiftsposten '{b}' bruges ikke" for b in kb.budget_items if b not in used_items]
    used_services = {c.service for cons in kb.consequences.values() for c in cons}
    out += [
        f"ydelsen '{s}' indgår ikke i nogen målgruppes konsekvenser"
        for s in kb.services
        if s not in used_services
    ]
    return out


_ = PURSES  # purses are validated through Prices' fields
