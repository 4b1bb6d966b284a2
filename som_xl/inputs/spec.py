"""The scenario model (docs/method.md): validate a scenario as written.

``load_scenario(path)`` → :class:`ScenarioSpec` (validated input, as written); the resolver
(:mod:`som_xl.inputs.resolve`) settles it against the knowledge base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Discriminator,
    Field,
    InstanceOf,
    Tag,
    field_validator,
    model_validator,
)

from ..conventions import COST_BUDGET_ITEM, Direction, Purse, Status, assumed_from_problem
from ..errors import InputError, Problem
from ..files import LineMap, read_data_file
from ..validation import _MESSAGES as MESSAGES
from ..validation import Strict, danish_bound, validate_model
from . import fields as F
from .fields import CostKind
from .origins import FileOrigins, Origins
from .rules import thousands_question
from .uncertainty import UncertaintySpec

__all__ = [
    "ConsequenceSpec",
    "CostItem",
    "FromIntervention",
    "GrossSuccess",
    "OptimismBias",
    "OwnTargetGroup",
    "RateStepSpec",
    "RealisedYear",
    "ResourceItem",
    "ScenarioSpec",
    "ServiceSpec",
    "TailSpec",
    "load_scenario",
    "parse_scenario",
]


def _f(key: str) -> Any:
    """The validator of a field in the table (som_xl.inputs.fields): one bound, one place."""
    return F.validator(key)


class ServiceSpec(Strict):
    """An own service, or own (local) prices for a knowledge-base service (same id)."""

    id: Annotated[str, _f("services[].id")]
    label: Annotated[str, _f("services[].label")] | None = None
    unit: Annotated[str, _f("services[].unit")] | None = None
    direction: Direction | None = None
    budget_item: Annotated[str, _f("services[].budget_item")] | None = None
    price_year: Annotated[int, _f("services[].price_year")] | None = None
    prices: (
        dict[
            Annotated[Purse, _f("<purse>")],
            Annotated[float, _f("services[].prices.<purse>")],
        ]
        | None
    ) = None
    status: Status | None = None


Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Committee = Annotated[str, Field(min_length=1)]
Units = Annotated[float, _f("consequences[].profile[]")]


class TailSpec(Strict):
    """What a profile does after its last value (som-method §3.11)."""

    kind: Literal["stop", "hold", "decay"]
    rate: Annotated[float, _f("consequence_tail.rate")] | None = None
    reason: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _word(cls, value: Any) -> Any:
        """``tail: hold`` is short for ``tail: {kind: hold}``."""
        return {"kind": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _rate_fits_kind(self) -> TailSpec:
        if self.kind == "decay" and self.rate is None:
            raise ValueError(
                "en hale af typen 'decay' skal have 'rate' (andelen, profilen falder med pr. år, "
                "fx {kind: decay, rate: 0.2})"
            )
        if self.kind != "decay" and self.rate is not None:
            raise ValueError("kun en hale af typen 'decay' har 'rate'")
        return self


def _number_list(what: str, example: str) -> Any:
    def check(value: Any) -> Any:
        if value is not None and not isinstance(value, list | tuple):
            raise ValueError(f"{what} skal være en liste af tal, {example}")
        return value

    return check


class ConsequenceSpec(Strict):
    """One consequence: a service and its profile (also an item of add_consequences).

    The profile is written in units (``profile``) or relative to the target group's baseline
    use (``relative``, §3.17); ``during_course`` gives units per participant in each course
    year (§3.10) and ``tail`` what follows the profile's last year (§3.11).
    """

    service: Annotated[str, _f("consequences[].service")]
    profile: tuple[Units, ...] | None = None
    relative: tuple[Annotated[float, _f("consequences[].relative[]")], ...] | None = None
    during_course: tuple[Units, ...] | None = None
    tail: TailSpec | None = None
    #: the status of values copied from the knowledge base (``som-xl calc --scenario-out``
    #: writes it), so that provenance survives the copy
    status: Status | None = None
    #: the first profile year (1-based) from which a copied published or derived row's
    #: values are an illustrative assumption (the knowledge base's, written beside status)
    assumed_from: int | None = None

    _profile_list = field_validator("profile", mode="before")(
        _number_list("profile", "ét pr. år efter forløbet, fx [-60, -50, -40]")
    )
    _relative_list = field_validator("relative", mode="before")(
        _number_list("relative", "én andel af udgangsforbruget pr. år, fx [-0.5, -0.4]")
    )
    _during_list = field_validator("during_course", mode="before")(
        _number_list("during_course", "ét tal pr. forløbsår, fx [-20]")
    )

    @model_validator(mode="after")
    def _one_profile(self) -> ConsequenceSpec:
        if self.profile is not None and self.relative is not None:
            raise ValueError(
                "skriv enten 'profile' (enheder) eller 'relative' (andele), ikke begge"
            )
        for name in ("profile", "relative", "during_course"):
            if getattr(self, name) == ():
                raise ValueError(f"'{name}' må ikke være en tom liste")
        if self.assumed_from is not None:
            values = self.profile if self.profile is not None else self.relative
            n = len(values) if values is not None else None
            problem = assumed_from_problem(self.assumed_from, self.status, n)
            if problem:
                raise ValueError(problem)
        return self  # no values at all: the target group's (checked by the resolver)


class GrossSuccess(Strict):
    """Success with and without the intervention (§3.13): the net rate is with − without."""

    with_: Annotated[float, _f("success_rate")] = Field(alias="with")
    without: Annotated[float, _f("success_rate")]

    @model_validator(mode="after")
    def _order(self) -> GrossSuccess:
        if self.without > self.with_:
            raise ValueError(
                f"succesraten uden indsatsen ({danish_bound(self.without)}) er større end med "
                f"indsatsen ({danish_bound(self.with_)}); nettoeffekten with - without kan ikke "
                "være negativ"
            )
        return self

    @property
    def net(self) -> float:
        return self.with_ - self.without


class OptimismBias(Strict):
    """Optimism bias (§3.14): costs up by ``costs``, gains down by ``gains`` (shares)."""

    costs: Annotated[float, _f("optimism_bias.costs")] = 0.0
    gains: Annotated[float, _f("optimism_bias.gains")] = 0.0


class ResourceItem(Strict):
    """One resource line of the cost assessment (§3.18): FTE × annual wage or hours × hourly
    wage, plus overhead, in each listed year."""

    label: Annotated[str, _f("resources[].label")]
    years: tuple[Annotated[int, _f("resources[].years[]")], ...] = Field(min_length=1)
    fte: Annotated[float, _f("resources[].fte")] | None = None
    annual_wage: Annotated[float, _f("resources[].annual_wage")] | None = None
    hours: Annotated[float, _f("resources[].hours")] | None = None
    hourly_wage: Annotated[float, _f("resources[].hourly_wage")] | None = None
    overhead: Annotated[float, _f("resources[].overhead")] = 0.0
    purse: Purse = "kommune"
    budget_item: Annotated[str, _f("resources[].budget_item")] = COST_BUDGET_ITEM
    price_year: Annotated[int, _f("resources[].price_year")] | None = None

    @model_validator(mode="after")
    def _one_form(self) -> ResourceItem:
        by_fte = self.fte is not None or self.annual_wage is not None
        by_hours = self.hours is not None or self.hourly_wage is not None
        if by_fte and by_hours:
            raise ValueError("skriv enten 'fte' og 'annual_wage' eller 'hours' og 'hourly_wage'")
        if by_fte and (self.fte is None or self.annual_wage is None):
            raise ValueError("'fte' og 'annual_wage' skal stå sammen (årsværk × årsløn)")
        if by_hours and (self.hours is None or self.hourly_wage is None):
            raise ValueError("'hours' og 'hourly_wage' skal stå sammen (timer × timeløn)")
        if not by_fte and not by_hours:
            raise ValueError(
                "en ressource skal have 'fte' og 'annual_wage' eller 'hours' og 'hourly_wage'"
            )
        return self

    @property
    def annual_cost(self) -> float:
        """fte × annual_wage × (1 + overhead), or hours × hourly_wage × (1 + overhead)."""
        if self.fte is not None and self.annual_wage is not None:
            return self.fte * self.annual_wage * (1 + self.overhead)
        assert self.hours is not None and self.hourly_wage is not None
        return self.hours * self.hourly_wage * (1 + self.overhead)


class CostItem(Strict):
    """One cost line (som-method.md §3.5)."""

    label: Annotated[str, _f("costs[].label")]
    kind: CostKind
    amount: Annotated[float, _f("costs[].amount")]
    year: Annotated[int, _f("costs[].year")] | None = None
    years: tuple[Annotated[int, _f("costs[].years[]")], ...] | None = None
    purse: Purse = "kommune"
    budget_item: Annotated[str, _f("costs[].budget_item")] = COST_BUDGET_ITEM
    price_year: Annotated[int, _f("costs[].price_year")] | None = None

    @model_validator(mode="after")
    def _years_fit_kind(self) -> CostItem:
        if self.kind == "once" and self.year is None:
            raise ValueError("en omkostning af typen 'once' skal have 'year' (året den falder i)")
        if self.years is not None and not self.years:
            raise ValueError("'years' må ikke være en tom liste")
        if self.kind == "annual" and not self.years:
            raise ValueError(
                "en omkostning af typen 'annual' skal have 'years' "
                "(en liste af år, fx [2025, 2026])"
            )
        if self.kind == "once" and self.years is not None:
            raise ValueError("en omkostning af typen 'once' har 'year', ikke 'years'")
        if self.kind == "annual" and self.year is not None:
            raise ValueError("en omkostning af typen 'annual' har 'years', ikke 'year'")
        if self.kind == "per_participant" and self.year is not None and self.years is not None:
            raise ValueError(
                "en omkostning af typen 'per_participant' har enten 'years' (kun de startår) "
                "eller 'year' (kun det startår) eller ingen af dem (alle startår)"
            )
        return self


Rate = Annotated[float, _f("discount_rate")]
_RATE = F.field("discount_rate")


def _discount_rate(value: Any) -> Any:
    """A discount rate as a share within the table's bounds; text numbers are checked too."""
    value = _RATE.parse(value)
    if isinstance(value, int | float):
        message = _RATE.check(value)
        if message is not None:
            raise ValueError(message)
    return value


def _steps(value: tuple[Any, ...]) -> tuple[Any, ...]:
    if not value:
        raise ValueError("renteforløbet skal have mindst ét trin, fx [{from_year: 1, rate: 0.035}]")
    return value


def _rate_kind(value: Any) -> str:
    """Which form of discount_rate was written, so errors speak of that form only."""
    if isinstance(value, list | tuple):
        return "form:steps"
    if isinstance(value, str) and not re.fullmatch(r"\s*[-+]?\d+([.,]\d*)?\s*%?\s*", value):
        return "form:name"
    return "form:rate"


class RateStepSpec(Strict):
    """One step of an own discount schedule: the rate from a year of the calculation on."""

    from_year: Annotated[int, _f("discount_rate[].from_year")]
    rate: Annotated[float, _f("discount_rate[].rate")]


@dataclass(frozen=True)
class FromIntervention:
    """No success rate written: the named intervention's (``intervention:``) is used.

    The resolver settles it from the knowledge base's effect
    (:func:`som_xl.inputs.resolve.settle_success`); a YAML or JSON file cannot write one.
    """

    effect: str


def _success_kind(value: Any) -> str:
    """A net success rate, the gross rates {with, without}, or the intervention's."""
    if isinstance(value, FromIntervention):
        return "form:effect"
    return "form:gross" if isinstance(value, dict | GrossSuccess) else "form:rate"


def _group_kind(value: Any) -> str:
    """A target group is a knowledge-base id, or a mapping for one's own: speak of that form."""
    return "form:own" if isinstance(value, dict | OwnTargetGroup) else "form:id"


Baseline = dict[
    Annotated[str, _f("consequences[].service")], Annotated[float, _f("baseline.<service>")]
]


class OwnTargetGroup(Strict):
    """A target group of one's own (not in the knowledge base)."""

    id: Annotated[str, _f("target_group.id")]
    label: Annotated[str, _f("target_group.label")] | None = None
    success_measure: Annotated[str, _f("target_group.success_measure")] | None = None
    baseline: Baseline | None = None


def _realised_costs_kind(value: Any) -> str:
    """A realised year's costs are one amount or a list of cost items: speak of that form."""
    return "form:items" if isinstance(value, list | tuple) else "form:amount"


class RealisedYear(Strict):
    """What happened in a past year (§3.19): participants, successes and costs."""

    participants: Annotated[float, _f("participants.<year>")] | None = None
    successes: Annotated[float, Field(ge=0, le=1e7, allow_inf_nan=False)] | None = None
    costs: (
        Annotated[
            Annotated[float, _f("realised.<year>.costs"), Tag("form:amount")]
            | Annotated[tuple[CostItem, ...], Tag("form:items")],
            Discriminator(_realised_costs_kind),
        ]
        | None
    ) = None


class ScenarioSpec(Strict):
    """A scenario as written (som-method.md §4), each value checked by its field's rules."""

    name: Annotated[str, _f("name")] = "Scenarie"
    target_group: (
        Annotated[
            Annotated[str, _f("target_group"), Tag("form:id")]
            | Annotated[OwnTargetGroup, Tag("form:own")],
            Discriminator(_group_kind),
        ]
        | None
    ) = None
    start_year: Annotated[int, _f("start_year")]
    horizon_years: Annotated[int, _f("horizon_years")]
    price_year: Annotated[int, _f("price_year")] | None = None
    discount_rate: (
        Annotated[
            Annotated[Rate, Tag("form:rate")]
            | Annotated[str, Tag("form:name")]
            | Annotated[tuple[RateStepSpec, ...], AfterValidator(_steps), Tag("form:steps")],
            Discriminator(_rate_kind),
        ]
        | None
    ) = None
    course_years: Annotated[int, _f("course_years")] = 1
    participants: dict[Annotated[int, _f("<year>")], Annotated[float, _f("participants.<year>")]]
    intervention: Annotated[str, _f("intervention")] | None = None
    success_rate: Annotated[
        Annotated[Annotated[float, _f("success_rate")], Tag("form:rate")]
        | Annotated[GrossSuccess, Tag("form:gross")]
        | Annotated[InstanceOf[FromIntervention], Tag("form:effect")],
        Discriminator(_success_kind),
    ]
    costs: tuple[CostItem, ...] = ()
    resources: tuple[ResourceItem, ...] = ()
    consequence_tail: TailSpec | None = None
    drop_off: Annotated[float, _f("drop_off")] = 0.0
    optimism_bias: OptimismBias | None = None
    committees: dict[
        Annotated[str, _f("costs[].budget_item")], Annotated[str, Field(min_length=1)]
    ] = Field(default_factory=dict)
    baseline: Baseline | None = None
    realised: dict[Annotated[int, _f("<year>")], RealisedYear] = Field(default_factory=dict)
    consequences: tuple[ConsequenceSpec, ...] | None = None
    add_consequences: tuple[ConsequenceSpec, ...] = ()
    drop_consequences: tuple[Annotated[str, _f("drop_consequences[]")], ...] = ()
    services: tuple[ServiceSpec, ...] = ()
    price_index: (
        dict[Annotated[int, _f("<year>")], Annotated[float, _f("price_index.<year>")]] | None
    ) = None
    uncertainty: UncertaintySpec | None = None  # som-method §3.20 (inputs/uncertainty.py)
    variants: dict[Annotated[str, Field(min_length=1)], dict[str, Any]] | None = None

    @field_validator("discount_rate", mode="before")
    @classmethod
    def _rate(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            if "%" in text:
                raise ValueError(
                    "diskonteringsrenten skal være en andel uden %-tegn, fx 0.035, eller 'fm'"
                )
            if re.fullmatch(r"[-+]?\d+([.,]\d*)?", text):
                return _discount_rate(text)  # a number written as text
            return text  # the name of a schedule, e.g. "fm"
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _discount_rate(value)
        return value

    @property
    def net_success_rate(self) -> float | None:
        """The net success rate s (with − without where the gross rates are given); None
        where the intervention's rate is used (the resolver settles it)."""
        rate = self.success_rate
        if isinstance(rate, FromIntervention):
            return None
        return rate.net if isinstance(rate, GrossSuccess) else float(rate)

    @model_validator(mode="before")
    @classmethod
    def _rate_from_intervention(cls, data: Any) -> Any:
        """No ``success_rate`` but an ``intervention``: the intervention's rate is used."""
        if isinstance(data, dict) and "success_rate" not in data:
            named = data.get("intervention")
            if isinstance(named, str) and named.strip():
                data = {**data, "success_rate": FromIntervention(named.strip())}
        return data

    @model_validator(mode="before")
    @classmethod
    def _participants_as_list(cls, data: Any) -> Any:
        """participants: [20, 20, 20] means 20 a year from the start year on."""
        if isinstance(data, dict) and isinstance(data.get("participants"), list):
            start = data.get("start_year")
            if isinstance(start, int) and not isinstance(start, bool):
                data = dict(data)
                data["participants"] = {start + i: n for i, n in enumerate(data["participants"])}
        return data

    @field_validator("participants", mode="before")
    @classmethod
    def _participants(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueError(
                "participants skal være en opslagstabel år: antal, fx {2025: 20, 2026: 20}, "
                "eller en liste af antal fra startåret, fx [20, 20, 20]"
            )
        return value


def parse_scenario(
    data: object,
    where: str = "scenariet",
    lines: LineMap | None = None,
    *,
    origins: Origins | None = None,
) -> ScenarioSpec:
    """Validate a parsed scenario (a dict); raise InputError with every problem.

    Parameters
    ----------
    data : object
        The scenario as parsed from YAML or JSON, or built by a face (a workbook, a function).
    where, lines : str, LineMap or None
        The file and its line map: problems name ``"fil.yaml, linje 12"``.
    origins : Origins, optional
        Names the place of each value instead (a cell, an argument); see
        :mod:`som_xl.inputs.origins`.

    Returns
    -------
    ScenarioSpec
        The scenario as written, each value checked by its field's rules.

    Examples
    --------
    >>> spec = parse_scenario({"start_year": 2025, "horizon_years": 10, "success_rate": 0.3,
    ...                        "participants": [20, 20], "target_group": "voksne_hjemloeshed"})
    >>> spec.participants
    {2025: 20.0, 2026: 20.0}
    >>> parse_scenario({"start_year": 2025, "horizon_years": 60, "success_rate": 0.3,
    ...                 "participants": {2025: 1}, "target_group": "x"}, "fil.yaml")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: fil.yaml, nøgle 'horizon_years': skal ligge mellem 1 og 50 (værdi: 60)
    """
    origins = origins if origins is not None else FileOrigins(where, lines)
    if not isinstance(data, dict):
        raise InputError(
            Problem(
                origins.place(()),
                "",
                "scenariet skal være en opslagstabel (nøgle: værdi) øverst i filen",
            )
        )
    spec, problems = validate_model(ScenarioSpec, data, where, lines, origins=origins)
    if problems or spec is None:
        raise InputError([_or_intervention(p) for p in problems])
    problems = _check_years(spec, origins, lines)
    if problems:
        raise InputError(problems)
    return spec


def _or_intervention(p: Problem) -> Problem:
    """A missing success rate: say that a named intervention gives one too."""
    if p.key == "success_rate" and p.message == MISSING:
        return replace(p, message=f"{MISSING}{MISSING_RATE_HINT}")
    return p


#: pydantic's "missing" as the validation layer words it
MISSING = MESSAGES["missing"]
MISSING_RATE_HINT = (
    "; skriv nettosuccesraten (fx 0.30) eller navngiv indsatsen med 'intervention' (en effekt "
    "i vidensdatabasen, fx cool_kids), så bruges dens succesrate"
)


def load_scenario(path: Path | str) -> tuple[ScenarioSpec, LineMap]:
    """Read and validate a YAML or JSON scenario file; return the spec and its line map.

    Parameters
    ----------
    path : Path or str
        The scenario file: ``.json`` is read as JSON, anything else as YAML.

    Returns
    -------
    spec : ScenarioSpec
        The scenario, each value checked by its field's rules (:func:`parse_scenario`).
    lines : LineMap
        The line of every key path, for problems found later (the resolver's).

    Raises
    ------
    InputError
        With every problem found: a file that cannot be read or parsed, or values that
        break the rules, each naming the file (and the line, where it has one).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "s.yaml"
    >>> _ = path.write_text("start_year: 2025\\nhorizon_years: 0\\n", encoding="utf-8")
    >>> load_scenario(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: 3 fejl i input:
      - .../s.yaml, linje 2, nøgle 'horizon_years': skal ligge mellem 1 og 50 (værdi: 0)
      - ..., nøgle 'participants': mangler (skal udfyldes)
      - ..., nøgle 'success_rate': mangler (skal udfyldes); skriv nettosuccesraten ... succesrate
    """
    path = Path(path)
    data, lines = read_data_file(path, what="scenariefilen")
    return parse_scenario(data, str(path), lines), lines


def _check_years(spec: ScenarioSpec, origins: Origins, lines: LineMap | None) -> list[Problem]:
    """Relations between fields: years within the horizon; what the field table cannot see."""
    first, last = spec.start_year, spec.start_year + spec.horizon_years - 1
    allowed = f"tilladt: {first}-{last} (startår og horisont)"
    problems: list[Problem] = []

    def bad(path: list[str | int], value: object, msg: str, has_value: bool = True) -> None:
        problems.append(Problem(origins.place(path), origins.key(path), msg, value, has_value))

    # YAML reads 1.000 as one; a Danish writer meant one thousand. Ask rather than guess.
    if lines is not None:
        money: list[list[str | int]] = [["costs", i, "amount"] for i in range(len(spec.costs))]
        for i, s in enumerate(spec.services):
            money += [["services", i, "prices", p] for p in (s.prices or {})]
        for path in money:
            raw = lines.raw(path)
            question = thousands_question(raw) if raw is not None else None
            if question is not None:
                bad(path, raw, question)
    for year in spec.participants:
        if not first <= year <= last:
            bad(["participants", year], year, f"deltagerår uden for horisonten; {allowed}")
    if not spec.participants:
        bad(["participants"], {}, "der skal være deltagere i mindst ét år")
    for i, cost in enumerate(spec.costs):
        if cost.year is not None and not first <= cost.year <= last:
            bad(["costs", i, "year"], cost.year, f"året ligger uden for horisonten; {allowed}")
        for j, y in enumerate(cost.years or ()):
            if not first <= y <= last:
                bad(["costs", i, "years", j], y, f"året ligger uden for horisonten; {allowed}")
    for key in ("consequences", "add_consequences"):
        for i, c in enumerate(getattr(spec, key) or ()):
            if c.during_course is not None and len(c.during_course) > spec.course_years:
                bad(
                    [key, i, "during_course"],
                    len(c.during_course),
                    f"during_course har {len(c.during_course)} værdier, men forløbet varer "
                    f"{spec.course_years} år (course_years); højst én værdi pr. forløbsår",
                )
    for i, res in enumerate(spec.resources):
        for j, y in enumerate(res.years):
            if not first <= y <= last:
                bad(["resources", i, "years", j], y, f"året ligger uden for horisonten; {allowed}")
    for year, real in spec.realised.items():
        if not first <= year <= last:
            bad(["realised", year], year, f"opfølgningsåret ligger uden for horisonten; {allowed}")
        if (
            real.successes is not None
            and real.participants is not None
            and real.successes > real.participants
        ):
            bad(
                ["realised", year, "successes"],
                real.successes,
                f"flere succeser end deltagere ({real.participants:g}) i året",
            )
    if spec.target_group is None and spec.consequences is None and not spec.add_consequences:
        message = "scenariet skal have 'target_group' eller 'consequences' (eller begge)"
        bad(["target_group"], None, message, has_value=False)
    return problems
