"""The scenario's ``uncertainty:`` block (som-method.md §3.20), as written and validated.

Distributions: ``triangular {low, mode, high}``, ``beta {mean, sd}``, ``uniform {low, high}``
and ``normal {mean, sd}``. The success rate is drawn as a value (bounded to 0–1); costs,
gains (``consequences``) and single services' prices as multipliers of their central value
1 (bounded below by 0). A normal distribution is truncated to those bounds; the other forms
must lie inside them. ``low == high`` (and ``low == mode == high``) is allowed: no variance.

``uncertainty: standard`` (or ``{standard: true}``) asks for the defaults of
:func:`standard_uncertainty`: a success-rate range from the chosen effect's confidence
interval where the knowledge base has one, else a stated rule, and the stated ranges of
:data:`STANDARD_FACTORS` for every cost and every gain (the workbook's *Usikkerhed* sheet
starts from the same); explicit entries win.

Examples
--------
>>> u = UncertaintySpec.model_validate({"seed": 7, "success_rate":
...     {"dist": "triangular", "low": 0.15, "mode": 0.3, "high": 0.4}})
>>> u.draws, u.seed, u.success_rate.dist
(10000, 7, 'triangular')
>>> UncertaintySpec.model_validate("standard").standard
True
>>> from som_xl.validation import validate_model
>>> _, problems = validate_model(UncertaintySpec, {"costs": {"dist": "uniform", "low": 2,
...     "high": 1}}, "fil.yaml", prefix=("uncertainty",))
>>> print(problems[0])
fil.yaml, nøgle 'uncertainty.costs': 'low' (2) må ikke være større end 'high' (1)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeVar

from pydantic import Field, model_validator

from ..errors import InputError, Problem, suggest
from ..validation import Strict
from .origins import FileOrigins

if TYPE_CHECKING:
    from ..files import LineMap
    from ..kb import KnowledgeBase
    from .spec import ScenarioSpec

__all__ = [
    "DEFAULT_DRAWS",
    "DEFAULT_SEED",
    "MAX_DRAWS",
    "Distribution",
    "FactorDistribution",
    "RateDistribution",
    "RateRange",
    "StandardNote",
    "UncertaintySpec",
    "interval_sd",
    "range_distribution",
    "standard_rate_range",
    "standard_uncertainty",
]

#: Draws when the block gives none (som-method.md §3.20).
DEFAULT_DRAWS = 10_000
#: The seed when the block gives none: a fixed one, so every run is reproducible.
DEFAULT_SEED = 2025
#: At most this many draws (they are evaluated in chunks; see som_xl.results.uncertainty).
MAX_DRAWS = 1_000_000

DistName = Literal["triangular", "beta", "uniform", "normal"]
Finite = Annotated[float, Field(allow_inf_nan=False)]

_PARAMS: dict[str, tuple[str, ...]] = {
    "triangular": ("low", "mode", "high"),
    "beta": ("mean", "sd"),
    "uniform": ("low", "high"),
    "normal": ("mean", "sd"),
}
_EXAMPLES: dict[str, str] = {
    "triangular": "{dist: triangular, low: 0.15, mode: 0.30, high: 0.40}",
    "beta": "{dist: beta, mean: 0.3, sd: 0.05}",
    "uniform": "{dist: uniform, low: 0.8, high: 1.2}",
    "normal": "{dist: normal, mean: 1.0, sd: 0.2}",
}


def _n(x: float) -> str:
    """A parameter as Danish text (2.0 -> 2, 0.3 -> 0,3), as present.da.number writes it
    (the inputs do not load the presentation layer)."""
    return format(x, "g").replace(".", ",")


class Distribution(Strict):
    """One input's distribution; the subclasses know the input's bounds."""

    #: The input's bounds (values outside are impossible) and its Danish name.
    lower: ClassVar[float] = 0.0
    upper: ClassVar[float] = math.inf
    what: ClassVar[str] = "værdien"

    dist: DistName
    low: Finite | None = None
    mode: Finite | None = None
    high: Finite | None = None
    mean: Finite | None = None
    sd: Finite | None = None

    @model_validator(mode="before")
    @classmethod
    def _mapping(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError(
                "en fordeling skal være en opslagstabel, fx " + _EXAMPLES["triangular"]
            )
        if "dist" not in data:
            raise ValueError(
                "mangler 'dist' (triangular, beta, uniform eller normal), fx "
                + _EXAMPLES["triangular"]
            )
        return data

    @model_validator(mode="after")
    def _parameters(self) -> Distribution:
        need = _PARAMS[self.dist]
        missing = [p for p in need if getattr(self, p) is None]
        extra = [p for p in ("low", "mode", "high", "mean", "sd") if p not in need]
        extra = [p for p in extra if getattr(self, p) is not None]
        example = _EXAMPLES[self.dist]
        if missing:
            raise ValueError(f"fordelingen {self.dist} mangler {', '.join(missing)}; fx {example}")
        if extra:
            raise ValueError(
                f"fordelingen {self.dist} bruger ikke {', '.join(extra)}; "
                f"den har {', '.join(need)}, fx {example}"
            )
        bounds = self._bounds_text()
        if self.dist in ("triangular", "uniform"):
            low, high = float(self.low or 0.0), float(self.high or 0.0)
            if low > high:
                raise ValueError(f"'low' ({_n(low)}) må ikke være større end 'high' ({_n(high)})")
            if self.dist == "triangular":
                mode = float(self.mode or 0.0)
                if not low <= mode <= high:
                    raise ValueError(
                        f"'mode' ({_n(mode)}) skal ligge mellem 'low' ({_n(low)}) og "
                        f"'high' ({_n(high)})"
                    )
            for name in ("low", "high"):
                value = float(getattr(self, name))
                if not self.lower <= value <= self.upper:
                    raise ValueError(f"'{name}' ({_n(value)}) skal ligge {bounds}")
        else:
            mean, sd = float(self.mean or 0.0), float(self.sd or 0.0)
            if sd <= 0:
                raise ValueError(
                    f"'sd' ({_n(sd)}) skal være større end 0 (brug uniform med low = high "
                    "for en fast værdi)"
                )
            if self.dist == "beta":
                if not (0.0 < mean < 1.0 and sd * sd < mean * (1.0 - mean)):
                    raise ValueError(
                        f"en beta-fordeling med mean {_n(mean)} og sd {_n(sd)} findes ikke: "
                        "den kræver 0 < mean < 1 og sd² < mean × (1 − mean)"
                        + (
                            f" (her sd < {_n(math.sqrt(mean * (1 - mean)))})"
                            if 0 < mean < 1
                            else ""
                        )
                    )
            elif not self.lower <= mean <= self.upper:
                raise ValueError(f"'mean' ({_n(mean)}) skal ligge {bounds}")
        return self

    @classmethod
    def _bounds_text(cls) -> str:
        if math.isinf(cls.upper):
            return f"på mindst {_n(cls.lower)} ({cls.what} kan ikke være negativ)"
        return f"mellem {_n(cls.lower)} og {_n(cls.upper)} ({cls.what})"

    @property
    def fixed(self) -> bool:
        """No variance: every draw is the same value."""
        if self.dist in ("triangular", "uniform"):
            return self.low == self.high
        return False


class RateDistribution(Distribution):
    """A success rate's distribution: values in 0–1 (a normal one truncated to 0–1)."""

    lower: ClassVar[float] = 0.0
    upper: ClassVar[float] = 1.0
    what: ClassVar[str] = "en succesrate er en andel"


class FactorDistribution(Distribution):
    """A multiplier of a central value 1: values ≥ 0 (a normal one truncated at 0)."""

    lower: ClassVar[float] = 0.0
    upper: ClassVar[float] = math.inf
    what: ClassVar[str] = "en faktor på den centrale værdi"


_D = TypeVar("_D", bound=Distribution)


class UncertaintySpec(Strict):
    """The ``uncertainty:`` block of a scenario (som-method.md §3.20)."""

    standard: bool = False
    effect: Annotated[str, Field(min_length=1)] | None = None
    draws: Annotated[int, Field(ge=1, le=MAX_DRAWS)] = DEFAULT_DRAWS
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)] = DEFAULT_SEED
    success_rate: RateDistribution | None = None
    costs: FactorDistribution | None = None
    consequences: FactorDistribution | None = None
    services: dict[Annotated[str, Field(min_length=1)], FactorDistribution] = Field(
        default_factory=dict
    )

    @model_validator(mode="before")
    @classmethod
    def _standard(cls, data: Any) -> Any:
        """``uncertainty: standard`` is ``{standard: true}``."""
        if isinstance(data, str):
            if data.strip().lower() == "standard":
                return {"standard": True}
            raise ValueError(
                "skal være 'standard' (vidensdatabasens standardintervaller) eller en "
                "opslagstabel med draws, seed, success_rate, costs, consequences og services"
            )
        if data is None:
            return {"standard": True}
        return data

    @property
    def empty(self) -> bool:
        """No input is uncertain (and no defaults are asked for)."""
        return not (
            self.standard or self.success_rate or self.costs or self.consequences or self.services
        )


@dataclass(frozen=True)
class StandardNote:
    """Where a default range came from: the input, the rule in Danish, and its source."""

    input: str
    text: str
    source: str | None
    status: str  # "derived" (from a published interval) | "illustrative" (a stated rule)


#: The stated rule for the success rate where the knowledge base gives no interval for it:
#: a triangular distribution of these factors on the scenario's rate (at most 1).
RULE_FACTORS = (0.0, 1.0, 2.0)
#: The stated ranges (low, typical, high) of the multipliers of every cost and every gain in
#: the standard: costs as som-method.md §3.20's example (costs overrun more often than they
#: fall short), gains ±20 % (the project's rule). Both are illustrative, not published: the
#: knowledge base gives no ranges for prices or profiles.
STANDARD_FACTORS: dict[str, tuple[float, float, float]] = {
    "costs": (0.9, 1.0, 1.3),
    "consequences": (0.8, 1.0, 1.2),
}
#: How the notes name the inputs of STANDARD_FACTORS.
_FACTOR_WORDS = {
    "costs": ("alle omkostninger", "eksemplet i metodebeskrivelsen, som-method §3.20"),
    "consequences": ("alle gevinster", "projektets regel"),
}
#: The stated rule where the knowledge base gives no interval for the success rate.
RULE_TEXT = (
    "projektets regel (illustrativ, ikke en offentliggjort værdi): trekantfordeling fra 0 "
    "(ingen nettoeffekt) over den angivne succesrate til den dobbelte (højst 1)"
)
#: A 95 % confidence interval's half-width in standard deviations of a normal distribution.
Z_95 = 1.959963984540054


#: The forms a range (low, typical, high) can take: a triangular distribution, or a normal
#: one around the typical value whose low-high is a 95 % interval (see range_distribution).
RangeDist = Literal["triangular", "normal"]


def interval_sd(low: float, high: float) -> float:
    """The sd of a normal distribution whose 95 % interval is ``low``-``high``.

    ``(high − low) / (2 × 1,96)``: a 95 % interval reaches 1,96 standard deviations either
    side of the mean.

    Parameters
    ----------
    low, high : float
        The interval's bounds.

    Returns
    -------
    float

    Examples
    --------
    >>> round(interval_sd(0.36, 0.48), 6)
    0.030613
    """
    return (high - low) / (2 * Z_95)


def range_distribution(cls: type[_D], dist: RangeDist, low: float, mode: float, high: float) -> _D:
    """The distribution a range (low, typical, high) stands for.

    ``triangular``: low, mode and high as given. ``normal``: a normal distribution with the
    typical value as its mean and the spread of a 95 % interval ``low``-``high``
    (:func:`interval_sd`), truncated to the input's bounds. The success rate's standard
    (:func:`standard_rate_range`) and the workbook's sheet *Usikkerhed* both turn their
    ranges into distributions here.

    Parameters
    ----------
    cls : RateDistribution or FactorDistribution
        The kind of input (its bounds).
    dist : "triangular" or "normal"
        The form.
    low, mode, high : float
        The range; for ``normal`` the 95 % interval's bounds and the mean.

    Returns
    -------
    Distribution
        Raises pydantic's ValidationError (with a Danish message) where the range makes no
        distribution of that kind, e.g. ``low == high`` for ``normal`` (no spread).

    Examples
    --------
    >>> d = range_distribution(RateDistribution, "normal", 0.36, 0.42, 0.48)
    >>> d.dist, d.mean, round(d.sd, 6)
    ('normal', 0.42, 0.030613)
    >>> range_distribution(FactorDistribution, "triangular", 0.9, 1.0, 1.3).high
    1.3
    """
    if dist == "normal":
        return cls.model_validate({"dist": "normal", "mean": mode, "sd": interval_sd(low, high)})
    return cls.model_validate({"dist": "triangular", "low": low, "mode": mode, "high": high})


def _net_rate(spec: ScenarioSpec, kb: KnowledgeBase | None) -> float:
    """The scenario's net success rate (with − without where it gives both, §3.13; the
    named intervention's where it writes none)."""
    written = spec.net_success_rate
    if written is not None:
        return written
    effect = kb.effects.get(spec.intervention or "") if kb is not None else None
    return float(getattr(effect, "success_rate", None) or 0.0)


def _chosen_effect(
    rate: float,
    group: str | None,
    kb: KnowledgeBase,
    effect: str | None,
    intervention: str | None = None,
) -> Any:
    """The effect named in the uncertainty block, else the scenario's intervention where the
    scenario's success rate is that effect's, else the target group's effect whose success rate
    is the scenario's. An interval describes its own effect's rate: a user's own rate beside a
    named intervention takes the project's rule (user trial)."""
    if effect is not None:
        return kb.effects.get(effect)
    if intervention is not None:
        named = kb.effects.get(intervention)
        own = getattr(named, "success_rate", None)
        return named if own is not None and math.isclose(own, rate, abs_tol=1e-12) else None
    if group is None:
        return None
    found = [
        e
        for e in kb.effects.values()
        if e.target_group == group
        and e.success_rate is not None
        and math.isclose(e.success_rate, rate, abs_tol=1e-12)
    ]
    found.sort(key=lambda e: e.evidence_level)
    return found[0] if found else None


def standard_uncertainty(
    spec: ScenarioSpec,
    unc: UncertaintySpec,
    kb: KnowledgeBase | None,
    where: str = "scenariet",
    lines: LineMap | None = None,
) -> tuple[UncertaintySpec, tuple[StandardNote, ...]]:
    """The block with the standard ranges filled in where it gives none (``standard: true``).

    The success rate: where the chosen effect (``effect:``, else the target group's effect
    whose success rate equals the scenario's) has a confidence interval
    (``success_rate_low``/``success_rate_high``, a 95 % interval), a normal distribution
    around the scenario's success rate with the interval's spread
    (sd = (high − low) / (2 × 1,96)), truncated to 0–1; otherwise the stated rule
    :data:`RULE_TEXT`. Every cost and every gain: the stated ranges of
    :data:`STANDARD_FACTORS` (illustrative; the knowledge base gives no ranges for prices or
    profiles), so that the answer does not look surer than the placeholders behind it allow.
    Single services' prices get no default. Each input the block gives keeps its own.

    Parameters
    ----------
    spec : ScenarioSpec
        The scenario (its success rate and target group).
    unc : UncertaintySpec
        The block as written.
    kb : KnowledgeBase or None
        The knowledge base (None: the stated rule).
    where, lines : str, LineMap or None
        The place problems name (an unknown ``effect``) and the file's line map.

    Returns
    -------
    (UncertaintySpec, tuple of StandardNote)
        The block to use, and a note for each default it filled in.

    Examples
    --------
    >>> from som_xl.inputs import parse_scenario
    >>> spec = parse_scenario({"start_year": 2025, "horizon_years": 3, "participants": [1],
    ...     "success_rate": 0.3, "consequences": [{"service": "s", "profile": [1]}]})
    >>> u, notes = standard_uncertainty(spec, UncertaintySpec(standard=True), None)
    >>> (u.success_rate.low, u.success_rate.mode, u.success_rate.high), notes[0].status
    ((0.0, 0.3, 0.6), 'illustrative')
    >>> (u.costs.low, u.costs.high), (u.consequences.low, u.consequences.high)
    ((0.9, 1.3), (0.8, 1.2))
    >>> [n.input for n in notes]
    ['success_rate', 'costs', 'consequences']
    """
    if not unc.standard:
        return unc, ()
    update: dict[str, Distribution] = {}
    notes: list[StandardNote] = []
    if unc.success_rate is None:
        update["success_rate"], note = _standard_rate(spec, unc, kb, where, lines)
        notes.append(note)
    for name, (low, mode, high) in STANDARD_FACTORS.items():
        if getattr(unc, name) is None:
            update[name] = FactorDistribution(dist="triangular", low=low, mode=mode, high=high)
            what, rule = _FACTOR_WORDS[name]
            text = (
                f"{rule} (illustrativ, ikke en offentliggjort værdi): trekantfordeling af en "
                f"faktor på {what}, {_n(low)}-{_n(mode)}-{_n(high)} (lav, typisk, høj)"
            )
            notes.append(StandardNote(name, text, None, "illustrative"))
    return unc.model_copy(update=update), tuple(notes)


@dataclass(frozen=True)
class RateRange:
    """The success rate's standard range, as rates: its form and (low, typical, high).

    For ``normal`` low and high are the effect's 95 % interval and typical the mean (the
    scenario's success rate); for ``triangular`` the stated rule's range. The distribution is
    :func:`range_distribution` of it; the workbook's sheet *Usikkerhed* writes the same range
    into its cells.
    """

    dist: RangeDist
    low: float
    mode: float
    high: float
    note: StandardNote
    #: The chosen effect's id (None where no effect was chosen: the stated rule).
    effect: str | None = None

    def distribution(self) -> RateDistribution:
        """The success rate's distribution."""
        return range_distribution(RateDistribution, self.dist, self.low, self.mode, self.high)


def standard_rate_range(
    rate: float,
    target_group: str | None,
    kb: KnowledgeBase | None,
    effect: str | None = None,
    intervention: str | None = None,
) -> RateRange:
    """The success rate's standard range (see :func:`standard_uncertainty`).

    Parameters
    ----------
    rate : float
        The scenario's net success rate.
    target_group : str or None
        The scenario's knowledge-base target group (None for a group of its own).
    kb : KnowledgeBase or None
        The knowledge base (None: the stated rule).
    effect : str, optional
        The effect whose interval to use (``uncertainty.effect``; it must exist); by default
        the scenario's intervention if ``rate`` is its rate, else the target group's effect
        whose success rate is ``rate``.
    intervention : str, optional
        The scenario's ``intervention:`` (an effect id).

    Returns
    -------
    RateRange
        ``normal`` from the effect's 95 % interval where it has one, else the stated rule
        ``triangular`` (:data:`RULE_FACTORS` on the rate, at most 1), with its note.

    Examples
    --------
    >>> r = standard_rate_range(0.3, None, None)
    >>> r.dist, (r.low, r.mode, r.high), r.note.status
    ('triangular', (0.0, 0.3, 0.6), 'illustrative')
    """
    s = rate
    chosen = _chosen_effect(s, target_group, kb, effect, intervention) if kb is not None else None
    eid = str(getattr(chosen, "id", ""))
    low = getattr(chosen, "success_rate_low", None) if chosen is not None else None
    high = getattr(chosen, "success_rate_high", None) if chosen is not None else None
    if low is not None and high is not None and high > low:
        sd = interval_sd(float(low), float(high))
        text = (
            f"normalfordeling om succesraten med spredningen fra intervallet "
            f"{_n(float(low))}-{_n(float(high))} for effekten {eid}, læst som et "
            f"95 %-konfidensinterval (sd = (høj − lav) / 3,92 = {_n(round(sd, 4))}), "
            "afkortet til 0-1. Intervallet dækker kun undersøgelsens statistiske usikkerhed, "
            "ikke om effekten kan overføres til jeres kommune"
        )
        context = str(getattr(chosen, "context", None) or "").strip().rstrip(".")
        if context:
            text += f" (effektens kontekst i vidensdatabasen: {context})"
        source = getattr(chosen, "range_source", None) or getattr(chosen, "source", None)
        locator = getattr(chosen, "range_locator", None)
        if source is not None and locator:
            source = f"{source}, {locator}"
        note = StandardNote("success_rate", text, source, "derived")
        return RateRange("normal", float(low), min(max(s, 0.0), 1.0), float(high), note, eid)
    a, m, h = RULE_FACTORS
    level = (
        f"; effekten {eid} har evidensniveau {chosen.evidence_level} men intet "
        "konfidensinterval i vidensdatabasen"
        if chosen is not None
        else ""
    )
    note = StandardNote("success_rate", RULE_TEXT + level, None, "illustrative")
    return RateRange(
        "triangular",
        min(1.0, a * s),
        min(1.0, m * s),
        min(1.0, h * s),
        note,
        eid if chosen is not None else None,
    )


def _standard_rate(
    spec: ScenarioSpec,
    unc: UncertaintySpec,
    kb: KnowledgeBase | None,
    where: str,
    lines: LineMap | None,
) -> tuple[RateDistribution, StandardNote]:
    """The success rate's standard distribution and its note (see :func:`standard_uncertainty`)."""
    if kb is not None and unc.effect is not None and unc.effect not in kb.effects:
        raise InputError(
            Problem(
                FileOrigins(where, lines).place(("uncertainty", "effect")),
                "uncertainty.effect",
                f"ukendt effekt; {suggest(unc.effect, kb.effects)}",
                unc.effect,
                True,
            )
        )
    group = spec.target_group if isinstance(spec.target_group, str) else None
    r = standard_rate_range(_net_rate(spec, kb), group, kb, unc.effect, spec.intervention)
    return r.distribution(), r.note
