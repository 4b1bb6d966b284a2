"""Profiles against baseline use (som-method §3.17) and the tails after them (§3.11).

A step of the resolver (:mod:`som_xl.inputs.resolve`): relative profiles become units, the
scenario-wide tail fills in where a consequence names none, and every after-course value
that reduces use by more than the citizen's baseline use is a warning (not an error: the
user may know better, but should see it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .context import Context
from .origins import Path
from .spec import ScenarioSpec

__all__ = [
    "ConsequenceLine",
    "Profiles",
    "apply_tail",
    "danish_number",
    "exceeds",
    "reduction_warning",
    "settle_profiles",
]

#: The tail of a consequence that names none, where the scenario names none either.
DEFAULT_TAIL: tuple[str, float] = ("stop", 0.0)


@dataclass(frozen=True)
class ConsequenceLine:
    """One consequence as settled: service, profile, status and where it came from.

    ``relative`` (shares of the baseline use, §3.17) is turned into ``profile`` by
    :func:`som_xl.inputs.profiles.settle_profiles`; ``tail`` is ``None`` where the consequence
    names none (the scenario-wide default then applies, §3.11).
    """

    service: str
    profile: tuple[float, ...]
    status: str  # published | derived | illustrative (knowledge base) | own
    origin: Path  # ("target_group",), ("consequences", i) or ("add_consequences", i)
    during: tuple[float, ...] = ()
    tail: tuple[str, float] | None = None
    relative: tuple[float, ...] | None = None
    recommended: bool = True
    reason: str | None = None
    #: the first profile year (1-based) from which the values are an illustrative
    #: assumption (provenance, som-method §4); None = none
    assumed_from: int | None = None

    @property
    def service_path(self) -> Path:
        """The spec path of the service id (the target group for its default profiles)."""
        return self.origin if len(self.origin) == 1 else (*self.origin, "service")


@dataclass(frozen=True)
class Profiles:
    """The settled consequences' profiles, tails, baseline use and warnings."""

    lines: tuple[ConsequenceLine, ...]  # relative profiles turned into units
    tails: tuple[tuple[str, float], ...]
    baseline: tuple[tuple[str, float], ...]
    warnings: tuple[str, ...]


def settle_profiles(
    spec: ScenarioSpec,
    ctx: Context,
    lines: Sequence[ConsequenceLine],
    group_baseline: Sequence[tuple[str, float]],
    units: dict[str, str] | None = None,
) -> Profiles:
    """Relative profiles in units, each consequence's tail, and warnings against baseline use.

    Parameters
    ----------
    spec : ScenarioSpec
        The scenario: its ``baseline`` overrides the group's service by service, its
        ``consequence_tail`` applies where a consequence names no tail.
    ctx : Context
        Collects a problem where a relative profile has no baseline to be relative to.
    lines : sequence of ConsequenceLine
        The settled consequences.
    group_baseline : sequence of (service id, units)
        The target group's baseline use (knowledge base or one's own group).
    units : dict, optional
        Service id → unit label, for the warnings' wording.

    Returns
    -------
    Profiles

    Examples
    --------
    >>> from som_xl.inputs import parse_scenario
    >>> spec = parse_scenario({"start_year": 2025, "horizon_years": 3, "participants": [1],
    ...     "success_rate": 0.5, "consequences": [{"service": "s", "relative": [-0.5, -1.5]}],
    ...     "baseline": {"s": 100}})
    >>> line = ConsequenceLine("s", (), "own", ("consequences", 0), relative=(-0.5, -1.5))
    >>> p = settle_profiles(spec, Context(None), [line], [], {"s": "døgn"})
    >>> p.lines[0].profile, p.tails
    ((-50.0, -150.0), (('stop', 0.0),))
    >>> print(p.warnings[0])
    Konsekvensen for s reducerer forbruget med 150 døgn i år 2 efter forløbet, mere end \
udgangsforbruget på 100 døgn pr. borger pr. år.
    """
    baseline = dict(group_baseline)
    baseline.update({k: float(v) for k, v in (spec.baseline or {}).items()})
    default = spec.consequence_tail
    default_tail = (default.kind, float(default.rate or 0.0)) if default else DEFAULT_TAIL
    out, tails, warnings = [], [], []
    for line in lines:
        relative = getattr(line, "relative", None)
        sid: str = line.service
        origin = line.origin
        if relative is not None:
            if sid not in baseline:
                where = ctx.origins.name("baseline") or "'baseline'"
                ctx.problem(
                    [*origin, "relative"],
                    f"en relativ profil kræver et udgangsforbrug for ydelsen '{sid}' "
                    f"(under {where} i scenariet eller i målgruppen)",
                    list(relative),
                )
                profile: tuple[float, ...] = ()
            else:
                profile = tuple(r * baseline[sid] for r in relative)
            line = replace(line, profile=profile, relative=None)
        if len(line.during) > spec.course_years:  # §3.10: the knowledge base's values (a
            # scenario's own are checked with the file); the course must be long enough
            n = len(line.during)
            ctx.problem(
                ["course_years"],
                f"konsekvensen for '{sid}' har {n} værdier under forløbet (during_course) i "
                f"vidensdatabasen, men forløbet varer {spec.course_years} år; sæt course_years "
                f"til mindst {n}, eller skriv konsekvensen selv",
                spec.course_years,
            )
        tail = line.tail
        tails.append(tail if tail is not None else default_tail)
        if sid in baseline:
            unit = (units or {}).get(sid, "enheder")
            for k, value in enumerate(line.profile, start=1):
                if exceeds(value, baseline[sid]):
                    warnings.append(reduction_warning(sid, value, k, baseline[sid], unit))
        out.append(line)
    return Profiles(tuple(out), tuple(tails), tuple(baseline.items()), tuple(warnings))


def apply_tail(
    profile: Sequence[float], tail: tuple[str, float], length: int, drop_off: float = 0.0
) -> list[float]:
    """A profile over ``length`` years after the course: its values, then its tail (§3.11),
    then the drop-off (§3.12) on every value.

    Parameters
    ----------
    profile : sequence of float
        Values for the years k = 1..K after the course.
    tail : (kind, rate)
        ``("stop", 0)``: 0 after K; ``("hold", 0)``: profile[K] every year;
        ``("decay", q)``: profile[K] × (1 − q)^(k − K).
    length : int
        Number of years wanted (values past K follow the tail; a profile longer than
        ``length`` is cut).
    drop_off : float, optional
        δ: every value × (1 − δ)^(k − 1), k = 1, 2, …

    Returns
    -------
    list of float

    Examples
    --------
    >>> apply_tail([-10, -8], ("decay", 0.5), 5)
    [-10, -8, -4.0, -2.0, -1.0]
    >>> apply_tail([-10, -8], ("hold", 0.0), 4, drop_off=0.5)
    [-10.0, -4.0, -2.0, -1.0]
    >>> apply_tail([-10, -8], ("stop", 0.0), 3)
    [-10, -8, 0.0]
    """
    values: list[float] = list(profile[:length])
    if profile:
        last = profile[-1]
        kind, rate = tail
        for k in range(len(profile) + 1, length + 1):
            if kind == "hold":
                values.append(float(last))
            elif kind == "decay":
                values.append(last * (1.0 - rate) ** (k - len(profile)))
            else:
                values.append(0.0)
    if drop_off:
        values = [v * (1.0 - drop_off) ** k for k, v in enumerate(values)]
    return values


#: How far below the baseline a value may go before it is a warning (rounding noise).
TOLERANCE = 1e-9


def exceeds(value: float, baseline: float) -> bool:
    """Whether a profile value reduces use by more than the baseline (§3.17).

    Parameters
    ----------
    value : float
        A profile value (units per successful citizen and year; negative = less use).
    baseline : float
        The citizen's baseline use of the service per year.

    Returns
    -------
    bool
        True where ``value < -baseline`` (beyond rounding noise, :data:`TOLERANCE`).

    Examples
    --------
    >>> exceeds(-130, 129), exceeds(-129, 129), exceeds(-5, 0)
    (True, False, True)
    """
    return value < -baseline - TOLERANCE


def reduction_warning(service: str, value: float, k: int, baseline: float, unit: str) -> str:
    """The Danish warning for a reduction beyond the baseline use (every face shows this).

    Parameters
    ----------
    service : str
        The service id.
    value : float
        The profile value that exceeds the baseline (negative).
    k : int
        The year after the course it belongs to (1-based).
    baseline : float
        The baseline use per citizen and year.
    unit : str
        The service's unit, e.g. ``døgn``.

    Returns
    -------
    str
        The warning, numbers written as Danish writes them (:func:`danish_number`).

    Examples
    --------
    >>> print(reduction_warning("forsorgshjem_doegn", -140.5, 2, 129, "døgn"))
    Konsekvensen for forsorgshjem_doegn reducerer forbruget med 140,5 døgn i år 2 efter \
forløbet, mere end udgangsforbruget på 129 døgn pr. borger pr. år.
    """
    return (
        f"Konsekvensen for {service} reducerer forbruget med {danish_number(-value)} {unit} "
        f"i år {k} efter forløbet, mere end udgangsforbruget på "
        f"{danish_number(baseline)} {unit} pr. borger pr. år."
    )


def danish_number(x: float) -> str:
    """A number in Danish: thousand dots, a decimal comma, at most two decimals, none needless.

    Parameters
    ----------
    x : float
        The number.

    Returns
    -------
    str
        E.g. ``1.234.567,5``.

    Examples
    --------
    >>> danish_number(1234567.5), danish_number(129.0), danish_number(0.25)
    ('1.234.567,5', '129', '0,25')
    """
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "X").replace(".", ",").replace("X", ".")
