"""The scenario model (docs/method.md): validate a scenario as written.

``load_scenario(path)`` → :class:`ScenarioSpec` (validated input, as written); the resolver
(:mod:`som_xl.inputs.resolve`) settles it against the knowledge base.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from ..conventions import (
    COST_BUDGET_ITEM,
    MAX_AMOUNT,
    MAX_DISCOUNT_RATE,
    MAX_PARTICIPANTS,
    MAX_UNITS,
    MIN_DISCOUNT_RATE,
    Direction,
    Purse,
)
from ..errors import InputError, Problem, format_path
from ..files import LineMap, read_data_file
from ..validation import Strict, validate_model

__all__ = [
    "ConsequenceSpec",
    "CostItem",
    "OwnTargetGroup",
    "ScenarioSpec",
    "ServiceSpec",
    "load_scenario",
    "parse_scenario",
]

_DOTTED_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+$")
_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}([.,]\d{3})+([.,]\d+)?$")


def _number(
    what: str, hint: str = "", limit: float | None = None, nonnegative: bool = False
) -> Callable[[Any], Any]:
    """A before-validator that explains numbers written as Danish text, with limits."""

    def check(value: Any) -> Any:
        value = parse(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            if limit is not None and abs(value) > limit:
                raise ValueError(f"{what} er urealistisk stort (højst {limit:.0e} i absolut værdi)")
            if nonnegative and value < 0:
                raise ValueError(f"{what} kan ikke være negativ")
        return value

    def parse(value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError(f"{what} skal være et tal, ikke {str(value).lower()}")
        if isinstance(value, str):
            text = value.strip()
            if "%" in text:
                raise ValueError(f"{what} skal være et tal uden %-tegn{hint}")
            if "," in text or _THOUSANDS.match(text):
                raise ValueError(
                    f"{what} skal skrives som et tal med punktum som decimaltegn og uden "
                    "tusindtalsseparator, fx 1000.50 (ikke 1.000,50)"
                )
            try:
                return float(text)
            except ValueError:
                raise ValueError(f"{what} skal være et tal") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"{what} skal være et endeligt tal")
        return value

    return check


_SHARE_HINT = "; skriv en andel mellem 0 og 1, fx 0.30 for 30 %"
Amount = Annotated[float, BeforeValidator(_number("beløbet", limit=MAX_AMOUNT))]
Price = Annotated[
    float,
    BeforeValidator(_number("prisen", "; fortegnet styres af 'direction'", MAX_AMOUNT, True)),
]
Share = Annotated[float, BeforeValidator(_number("andelen", _SHARE_HINT))]
Year = Annotated[int, Field(ge=1900, le=2200), BeforeValidator(_number("året"))]
Num = Annotated[float, BeforeValidator(_number("værdien", limit=MAX_UNITS))]


def _whole_people(value: Any) -> Any:
    value = _number("antallet af deltagere", limit=MAX_PARTICIPANTS)(value)
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError("antallet af deltagere kan ikke være negativt")
        if abs(value - round(value)) > 1e-9:
            raise ValueError("antallet af deltagere skal være et helt antal personer")
    return value


People = Annotated[float, BeforeValidator(_whole_people)]


class ServiceSpec(Strict):
    """An own service, or own (local) prices for a knowledge-base service (same id)."""

    id: Annotated[str, Field(min_length=1)]
    label: str | None = None
    unit: str | None = None
    direction: Direction | None = None
    budget_item: str | None = None
    price_year: Year | None = None
    prices: dict[Purse, Price] | None = None


class ConsequenceSpec(Strict):
    service: Annotated[str, Field(min_length=1)]
    profile: tuple[Num, ...] = Field(min_length=1)

    @field_validator("profile", mode="before")
    @classmethod
    def _list(cls, value: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise ValueError(
                "profile skal være en liste af tal, ét pr. år efter forløbet, fx [-60, -50, -40]"
            )
        return value


class CostItem(Strict):
    label: Annotated[str, Field(min_length=1)]
    kind: Literal["once", "annual", "per_participant"]
    amount: Amount
    year: Year | None = None
    years: tuple[Year, ...] | None = None
    purse: Purse = "kommune"
    budget_item: str = COST_BUDGET_ITEM
    price_year: Year | None = None

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


def _discount_rate(value: Any) -> Any:
    """A discount rate as a share within the shared limits; text numbers are checked too."""
    value = _number("diskonteringsrenten", "; skriv en andel, fx 0.035 for 3,5 %")(value)
    if isinstance(value, int | float):
        if value >= 1:
            raise ValueError(
                f"diskonteringsrenten skal være en andel, fx 0.035 for 3,5 %, ikke {value:g}"
            )
        if not MIN_DISCOUNT_RATE <= value <= MAX_DISCOUNT_RATE:
            raise ValueError(
                f"diskonteringsrenten skal være en andel mellem {MIN_DISCOUNT_RATE:g} og "
                f"{MAX_DISCOUNT_RATE:g}, fx 0.035"
            )
    return value


Rate = Annotated[float, BeforeValidator(_discount_rate)]


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
    from_year: Annotated[int, Field(ge=1)]
    rate: Rate


class OwnTargetGroup(Strict):
    id: Annotated[str, Field(min_length=1)]
    label: str | None = None
    success_measure: str | None = None


class ScenarioSpec(Strict):
    name: str = "Scenarie"
    target_group: str | OwnTargetGroup | None = None
    start_year: Year
    horizon_years: Annotated[int, Field(ge=1, le=100), BeforeValidator(_number("horisonten"))]
    price_year: Year | None = None
    discount_rate: (
        Annotated[
            Annotated[Rate, Tag("form:rate")]
            | Annotated[str, Tag("form:name")]
            | Annotated[tuple[RateStepSpec, ...], AfterValidator(_steps), Tag("form:steps")],
            Discriminator(_rate_kind),
        ]
        | None
    ) = None
    course_years: Annotated[int, Field(ge=1, le=50), BeforeValidator(_number("forløbslængden"))] = 1
    participants: dict[Year, People]
    success_rate: Share
    costs: tuple[CostItem, ...] = ()
    consequences: tuple[ConsequenceSpec, ...] | None = None
    add_consequences: tuple[ConsequenceSpec, ...] = ()
    drop_consequences: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    services: tuple[ServiceSpec, ...] = ()
    price_index: dict[Year, Annotated[float, Field(gt=0)]] | None = None

    @field_validator("success_rate")
    @classmethod
    def _share(cls, value: float) -> float:
        if value > 1 and value <= 100:
            raise ValueError(
                f"succesraten skal være en andel mellem 0 og 1; {value:g} % skrives {value / 100:g}"
            )
        if not 0 <= value <= 1:
            raise ValueError("succesraten skal være en andel mellem 0 og 1, fx 0.30")
        return value

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
    data: object, where: str = "scenariet", lines: LineMap | None = None
) -> ScenarioSpec:
    """Validate a parsed scenario (dict); raise InputError with every problem."""
    if not isinstance(data, dict):
        raise InputError(
            Problem(where, "", "scenariet skal være en opslagstabel (nøgle: værdi) øverst i filen")
        )
    spec, problems = validate_model(ScenarioSpec, data, where, lines)
    if problems or spec is None:
        raise InputError(problems)
    problems = _check_years(spec, where, lines)
    if problems:
        raise InputError(problems)
    return spec


def load_scenario(path: Path | str) -> tuple[ScenarioSpec, LineMap]:
    """Read and validate a YAML or JSON scenario file."""
    path = Path(path)
    data, lines = read_data_file(path, what="scenariefilen")
    return parse_scenario(data, str(path), lines), lines


def _check_years(spec: ScenarioSpec, where: str, lines: LineMap | None) -> list[Problem]:
    first, last = spec.start_year, spec.start_year + spec.horizon_years - 1
    allowed = f"tilladt: {first}-{last} (startår og horisont)"
    problems: list[Problem] = []

    def bad(path: list[str | int], value: object, msg: str) -> None:
        line = lines.line(path) if lines else None
        place = f"{where}, linje {line}" if line else where
        problems.append(Problem(place, format_path(path), msg, value, True))

    # YAML reads 1.000 as one; a Danish writer meant one thousand. Ask rather than guess.
    if lines is not None:
        money: list[list[str | int]] = [["costs", i, "amount"] for i in range(len(spec.costs))]
        for i, s in enumerate(spec.services):
            money += [["services", i, "prices", p] for p in (s.prices or {})]
        for path in money:
            raw = lines.raw(path)
            if raw is not None and _DOTTED_THOUSANDS.match(raw):
                bad(
                    path,
                    raw,
                    f"ligner et tal med tusindtalspunktum: skriv {raw.replace('.', '')}, hvis "
                    f"du mener {raw.replace('.', '')} kr., eller {float(raw)!r}, hvis du mener "
                    "et decimaltal",
                )
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
    if spec.target_group is None and spec.consequences is None and not spec.add_consequences:
        bad([], None, "scenariet skal have 'target_group' eller 'consequences' (eller begge)")
        problems[-1] = Problem(problems[-1].where, "target_group", problems[-1].message)
    return problems
