"""The report's data: one model built from a result, the knowledge base and the inputs.

:func:`report_data` gathers everything the decision report shows from the result contract
(``Result.to_dict()``, so the report's figures are the ``som-xl calc --json`` figures), the
resolved scenario (the assumptions), the knowledge base (their sources and statuses), the
workbook's checklist and, where the scenario has them, the uncertainty analysis and scenario
variants. Figures that an engine version does not give (per-purse break-even years,
committees, provenance, warnings, uncertainty) are ``None`` here, and the report says so or
leaves the section out.

Nothing here formats or draws: :mod:`.document` turns this model into the report's text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from .._version import __version__

if TYPE_CHECKING:
    from ..inputs import Resolved
    from ..kb import KnowledgeBase
    from ..present.labelled import Table
    from ..results import Result

__all__ = [
    "Assumption",
    "ReportData",
    "Stamp",
    "Tornado",
    "Uncertainty",
    "Variant",
    "consequence_statuses",
    "distribution_text",
    "report_data",
    "scenario_hash",
    "uncertainty_from_dict",
]

#: The quantiles of the uncertainty analysis (som-method §4), as the JSON names them.
QUANTILES: tuple[str, ...] = ("5", "10", "50", "90", "95")


@dataclass(frozen=True)
class Assumption:
    """One input the result rests on, with its value, source and status.

    ``status`` is a knowledge-base status (``published``, ``derived``, ``illustrative``),
    ``local`` (a local price), ``own`` (an own service or consequence) or ``input`` (a value
    the user gave: settings, success rate, costs).
    """

    group: str  # "setting" | "cost" | "consequence" | "price"
    label: str
    value: str
    status: str
    source: str


@dataclass(frozen=True)
class Tornado:
    """One row of the one-way sensitivity analysis (som-method §3.20)."""

    input: str
    low: float
    high: float
    net_low: float
    net_high: float
    switching_value: float | None
    #: the input's Danish name ('' where the analysis gave none)
    label: str = ""

    @property
    def swing(self) -> float:
        """How far the discounted net result moves between the low and the high value."""
        return abs(self.net_high - self.net_low)


@dataclass(frozen=True)
class Uncertainty:
    """The uncertainty analysis: P(net > 0), mean, quantiles, per purse, tornado, draws."""

    draws: int
    seed: int | None
    p_net_positive: float
    mean: float
    quantiles: Mapping[str, float]
    by_purse: Sequence[Mapping[str, Any]] = ()
    tornado: Sequence[Tornado] = ()
    #: the discounted net result of every draw (for the histogram); None if not kept
    samples: np.ndarray | None = None
    #: the uncertain inputs: (Danish name, distribution in words)
    inputs: tuple[tuple[str, str], ...] = ()
    #: where standard ranges came from: (input, rule in words, status)
    notes: tuple[tuple[str, str, str], ...] = ()
    #: the inputs held at their central value (``success_rate``, ``costs``, ``consequences``)
    fixed: tuple[str, ...] = ()
    #: the share of the gains' present value resting on illustrative values; None: not given
    illustrative_share: float | None = None


@dataclass(frozen=True)
class Variant:
    """One scenario variant's headline figures, for the comparison."""

    name: str
    net_undiscounted: float
    net_discounted: float
    break_even_year: int | None
    benefit_cost_ratio: float | None


@dataclass(frozen=True)
class Stamp:
    """What reproduces the report: version, knowledge base, scenario hash, seed, date."""

    version: str
    kb_fingerprint: str | None
    kb_version: str | None
    scenario_hash: str
    seed: int | None
    date: str
    input_name: str


@dataclass(frozen=True)
class ReportData:
    """Everything the report shows, built by :func:`report_data`.

    ``result`` is the result contract (``Result.to_dict()``) as it is; the other fields add
    what the contract does not hold.
    """

    result: dict[str, Any]
    target_group_label: str | None
    success_measure: str | None
    participants: Mapping[int, float]
    assumptions: tuple[Assumption, ...]
    stamp: Stamp
    checklist: tuple[tuple[str, str], ...] | None = None
    uncertainty: Uncertainty | None = None
    variants: tuple[Variant, ...] | None = None
    #: the share of the present value of gains resting on illustrative values, if computed
    illustrative_share: float | None = None
    #: (illustrative consequences, consequences, illustrative prices in use, prices in use)
    illustrative_counts: tuple[int, int, int, int] = (0, 0, 0, 0)
    warnings: tuple[str, ...] = ()
    #: per committee (the kommune's flows by udvalg), if the engine gives them
    committees: tuple[Mapping[str, Any], ...] | None = None
    #: largest cost lines first: (label, amount at the price level, kind)
    cost_lines: tuple[tuple[str, float, str], ...] = field(default=())
    #: the discount rate as a reader names it ("3,5 %", or the schedule's name)
    discount_text: str = ""
    #: service id -> label, for the tornado's price inputs
    service_labels: Mapping[str, str] = field(default_factory=dict)
    #: where the inputs came from: "scenariefilen" or "projektmappen"
    where: str = "scenariefilen"
    #: a follow-up (``realised:``): plan against realised per year and the plan's and the new
    #: forecast's key figures, the tables ``som-xl opfoelgning`` prints; None without one
    followup: tuple[Table, Table] | None = None

    @property
    def name(self) -> str:
        """The scenario's name."""
        return str(self.result["scenario"])

    @property
    def years(self) -> list[int]:
        """The calculation's years."""
        return [int(row["year"]) for row in self.result["years"]]

    @property
    def discount_factors(self) -> np.ndarray:
        """The discount factor of each year."""
        return np.array([row["discount_factor"] for row in self.result["years"]], dtype=float)

    def purse(self, name: str) -> Mapping[str, Any] | None:
        """One purse's row of ``by_purse`` (None if the result has no such purse)."""
        for row in self.result["by_purse"]:
            if row["purse"] == name:
                return dict(row)
        return None

    def cumulative_by_purse(self) -> dict[str, np.ndarray]:
        """The cumulative discounted net result per purse, year by year."""
        df = self.discount_factors
        return {
            str(row["purse"]): np.cumsum(np.asarray(row["net_by_year"], dtype=float) * df)
            for row in self.result["by_purse"]
        }


def scenario_hash(resolved: Resolved) -> str:
    """sha256 of the resolved scenario's canonical JSON (sorted keys, no spaces, UTF-8).

    The resolved scenario (``Resolved.to_scenario()``) holds every value the calculation
    used, prices included, so the same hash means the same calculation whether the inputs
    came from a scenario file or a workbook.

    Examples
    --------
    >>> from som_xl.inputs import parse_scenario, resolve
    >>> from som_xl.present._example import EXAMPLE
    >>> h = scenario_hash(resolve(parse_scenario(EXAMPLE), None))
    >>> len(h), h == scenario_hash(resolve(parse_scenario(EXAMPLE), None))
    (64, True)
    """
    text = json.dumps(
        _json_keys(resolved.to_scenario()),
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _json_keys(value: Any) -> Any:
    """Dict keys as strings, recursively (JSON's own rule, made explicit for sorting)."""
    if isinstance(value, Mapping):
        return {str(k): _json_keys(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_keys(v) for v in value]
    return value


def uncertainty_from_dict(
    data: Mapping[str, Any], samples: Sequence[float] | np.ndarray | None = None
) -> Uncertainty:
    """The uncertainty analysis from its JSON form (som-method §4, ``som-xl usikkerhed``).

    Parameters
    ----------
    data : mapping
        ``draws``, ``seed``, ``p_net_positive``, ``mean``, ``quantiles`` (keys ``"5"`` …
        ``"95"``), optionally ``by_purse`` and ``tornado`` (rows with ``input``, ``low``,
        ``high``, ``net_low``, ``net_high``, ``switching_value``).
    samples : array, optional
        The discounted net result of each draw, for the histogram.

    Returns
    -------
    Uncertainty

    Examples
    --------
    >>> u = uncertainty_from_dict({"draws": 3, "seed": 1, "p_net_positive": 2 / 3,
    ...     "mean": 5.0, "quantiles": {"5": -1, "10": 0, "50": 5, "90": 9, "95": 10},
    ...     "tornado": [{"input": "costs", "low": 0.9, "high": 1.3, "net_low": 8,
    ...                  "net_high": -2, "switching_value": 1.2}]})
    >>> u.tornado[0].swing, u.quantiles["50"]
    (10.0, 5.0)
    """
    tornado = tuple(
        Tornado(
            input=str(row["input"]),
            low=float(row["low"]),
            high=float(row["high"]),
            net_low=float(row["net_low"]),
            net_high=float(row["net_high"]),
            switching_value=(
                None if row.get("switching_value") is None else float(row["switching_value"])
            ),
            label=str(row.get("label") or ""),
        )
        for row in data.get("tornado") or ()
    )
    seed = data.get("seed")
    return Uncertainty(
        draws=int(data["draws"]),
        seed=None if seed is None else int(seed),
        p_net_positive=float(data["p_net_positive"]),
        mean=float(data["mean"]),
        quantiles={k: float(data["quantiles"][k]) for k in QUANTILES if k in data["quantiles"]},
        by_purse=tuple(data.get("by_purse") or ()),
        tornado=tornado,
        samples=None if samples is None else np.asarray(samples, dtype=float),
        inputs=tuple(
            (str(i.get("label") or i.get("input")), distribution_text(i))
            for i in data.get("inputs") or ()
        ),
        notes=tuple(
            (str(n.get("input")), str(n.get("text")), str(n.get("status") or ""))
            for n in data.get("defaults") or ()
        ),
        fixed=tuple(str(f) for f in data.get("fixed") or ()),
        illustrative_share=(
            None if data.get("illustrative_share") is None else float(data["illustrative_share"])
        ),
    )


_DIST_WORDS = {
    "triangular": "trekantfordeling",
    "beta": "betafordeling",
    "uniform": "ligefordeling",
    "normal": "normalfordeling",
}
_PARAM_WORDS = {"low": "lav", "mode": "typisk", "high": "høj", "mean": "middel", "sd": "spredning"}


def distribution_text(data: Mapping[str, Any]) -> str:
    """A distribution in Danish words.

    Parameters
    ----------
    data : mapping
        ``dist`` and its parameters (``low``, ``mode``, ``high``, ``mean``, ``sd``).

    Returns
    -------
    str

    Examples
    --------
    >>> distribution_text({"dist": "triangular", "low": 0.15, "mode": 0.3, "high": 0.4})
    'trekantfordeling: lav 0,15, typisk 0,3, høj 0,4'
    """
    from ..present import da

    params = ", ".join(
        f"{word} {da.number(float(data[key]))}"
        for key, word in _PARAM_WORDS.items()
        if data.get(key) is not None
    )
    name = _DIST_WORDS.get(str(data.get("dist")), str(data.get("dist", "")))
    return f"{name}: {params}" if params else name


# --- assumptions ------------------------------------------------------------------------


def _source_text(kb: KnowledgeBase | None, source_id: str | None) -> str:
    """A source as a reader cites it: publisher, title, year."""
    if not source_id:
        return ""
    if kb is None or source_id not in kb.sources:
        return source_id
    s = kb.sources[source_id]
    if s.title.casefold().startswith(f"{s.publisher}:".casefold()):
        return f"{s.title} ({s.year})"  # the title names its publisher already
    return f"{s.publisher}: {s.title} ({s.year})"


def _rate_assumption(resolved: Resolved, kb: KnowledgeBase | None, given: str) -> Assumption:
    """The success rate: as the user gave it, or the named intervention's from the kb."""
    from ..present import da

    label, value = "Succesrate (netto efter dødvægt)", da.pct(resolved.success_rate)
    i = resolved.intervention
    if i is not None and i.rate_used:
        where = f"{i.label} ({i.id}), {_source_text(kb, i.source)}"
        return Assumption("setting", label, value, i.status, where)
    return Assumption("setting", label, value, "input", given)


def _assumptions(resolved: Resolved, kb: KnowledgeBase | None, where: str) -> list[Assumption]:
    """Every input the result rests on: settings, costs, consequences, prices."""
    from ..present import da

    given = f"angivet i {where}"
    out: list[Assumption] = [
        Assumption("setting", "Startår og tidshorisont",
                   f"{resolved.start_year}, {resolved.horizon_years} år", "input", given),
        _rate_assumption(resolved, kb, given),
        Assumption("setting", "Forløbets længde", f"{resolved.course_years} år", "input", given),
    ]  # fmt: skip
    # discount rate: a knowledge-base schedule carries its own source
    schedule = kb.discount_rates.get(resolved.discount_label) if kb is not None else None
    if schedule is not None:
        out.append(
            Assumption(
                "setting",
                "Diskonteringsrente",
                schedule.label,
                schedule.status,
                _source_text(kb, schedule.source),
            )
        )
    else:
        rates = "; ".join(
            f"fra år {f}: {da.rate(r)}" if len(resolved.discount_schedule) > 1 else da.rate(r)
            for f, r in resolved.discount_schedule
        )
        out.append(Assumption("setting", "Diskonteringsrente", rates, "input", given))
    moved = [s for s in resolved.services.values() if s.source_year != resolved.price_year]
    if kb is not None and moved:
        out.append(
            Assumption(
                "setting",
                f"Prisindeks (priser flyttet til {resolved.price_year}-niveau)",
                kb.price_index.label,
                kb.price_index.status,
                _source_text(kb, kb.price_index.source),
            )
        )
    else:
        out.append(Assumption("setting", "Prisniveau", str(resolved.price_year), "input", given))
    for c in resolved.costs:
        years = ", ".join(str(y) for y in c.years) if c.years else "hvert startår (pr. deltager)"
        out.append(
            Assumption(
                "cost",
                c.label,
                f"{da.money(c.amount)} ({_COST_KINDS.get(c.kind, c.kind)}; {years}; "
                f"{da.PURSE_LABELS.get(c.purse, c.purse)})",
                "input",
                given,
            )
        )
    kb_cons = _kb_consequences(resolved, kb)
    statuses = consequence_statuses(resolved, kb)
    for j, ((sid, profile), status) in enumerate(zip(resolved.consequences, statuses, strict=True)):
        svc = resolved.services[sid]
        shown = ", ".join(da.number(v) for v in profile[:5]) + (" …" if len(profile) > 5 else "")
        if (af := resolved.assumed_from_of(j)) is not None:
            shown += f" ({da.assumed_from_text(af)})"
        cons = kb_cons.get(sid)
        from_kb = cons is not None and status in ("published", "derived", "illustrative")
        out.append(
            Assumption(
                "consequence",
                svc.label,
                f"{shown} {svc.unit} pr. succes, år 1, 2, …",
                status or "own",
                _source_text(kb, cons.source) if from_kb and cons is not None else given,
            )
        )
    for svc in resolved.services.values():
        kb_svc = kb.services.get(svc.id) if kb is not None else None
        prices = ", ".join(
            f"{da.PURSE_LABELS[p]} {da.kr(v, 2 if abs(v) < 10 else 0)}"
            for p, v in zip(("kommune", "region", "stat"), svc.prices, strict=True)
            if v
        )
        source = (
            _source_text(kb, kb_svc.source) if kb_svc is not None and svc.origin == "kb" else given
        )
        out.append(
            Assumption(
                "price",
                f"{svc.label} (pr. {svc.unit})",
                f"{prices or '0'} kr.",
                svc.status if svc.origin != "own" else "own",
                source,
            )
        )
    return out


_COST_KINDS = {"once": "engang", "annual": "årlig", "per_participant": "pr. deltager"}


def _kb_consequences(resolved: Resolved, kb: KnowledgeBase | None) -> dict[str, Any]:
    """The knowledge base's consequences of the scenario's target group, by service."""
    if kb is None or not resolved.target_group:
        return {}
    return {c.service: c for c in kb.consequences.get(resolved.target_group, ())}


def consequence_statuses(resolved: Resolved, kb: KnowledgeBase | None) -> tuple[str, ...]:
    """Each consequence's status, parallel to ``resolved.consequences``.

    A consequence given as the scenario's own (as the workbook reader passes every row)
    whose profile is the knowledge base's profile for the target group and service, value
    for value, rests on that knowledge-base value and gets its status; an edited profile
    stays ``own``.

    Parameters
    ----------
    resolved : Resolved
    kb : KnowledgeBase or None

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> consequence_statuses(example_result().resolved, None)
    ('own', 'own')
    """
    kb_cons = _kb_consequences(resolved, kb)
    given = resolved.consequence_statuses or ("",) * len(resolved.consequences)
    out = []
    for (sid, profile), status in zip(resolved.consequences, given, strict=True):
        cons = kb_cons.get(sid)
        if (
            status in ("own", "")
            and cons is not None
            and tuple(float(v) for v in cons.profile) == tuple(float(v) for v in profile)
        ):
            status = cons.status
        out.append(status or "own")
    return tuple(out)


def _illustrative_counts(resolved: Resolved, kb: KnowledgeBase | None) -> tuple[int, int, int, int]:
    """Illustrative consequences and prices among those the calculation uses."""
    n_ill = sum(1 for s in consequence_statuses(resolved, kb) if s == "illustrative")
    used = {sid for sid, _ in resolved.consequences}
    prices = [resolved.services[sid].status for sid in sorted(used)]
    return (
        n_ill,
        len(resolved.consequences),
        sum(1 for s in prices if s == "illustrative"),
        len(prices),
    )


def _cost_lines(result: Result) -> tuple[tuple[str, float, str], ...]:
    """Cost lines with their total over the horizon, largest first (per participant: × starts)."""
    r = result.resolved
    lines = []
    for c in r.costs:
        if c.kind == "per_participant":
            years = c.years or tuple(r.participants)
            total = c.amount * sum(r.participants.get(y, 0) for y in years)
        else:
            total = c.amount * len(c.years)
        lines.append((c.label, float(total), c.kind))
    return tuple(sorted(lines, key=lambda line: -abs(line[1])))


def report_data(
    result: Result,
    *,
    kb: KnowledgeBase | None = None,
    date: str,
    input_name: str,
    where: str = "scenariefilen",
    checklist: Sequence[tuple[str, str]] | None = None,
    uncertainty: Uncertainty | None = None,
    variants: Sequence[Variant] | None = None,
) -> ReportData:
    """Build the report's data from a result.

    Parameters
    ----------
    result : Result
        The calculated scenario.
    kb : KnowledgeBase, optional
        The knowledge base the scenario was resolved against (for the sources of its
        values); None for a scenario that needs none.
    date : str
        The report's date, ``YYYY-MM-DD``.
    input_name : str
        The input file's name, for the stamp.
    where : str
        Where the user's own values were given ("scenariefilen", "projektmappen").
    checklist : sequence of (question, answer), optional
        The workbook's checklist (*Forudsætninger*).
    uncertainty : Uncertainty, optional
    variants : sequence of Variant, optional

    Returns
    -------
    ReportData

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> d = report_data(example_result(), date="2026-01-02", input_name="eksempel.yaml")
    >>> d.name, d.stamp.date, d.result["break_even_year"], d.uncertainty is None
    ('Håndregnet eksempel', '2026-01-02', 2028, True)
    """
    contract = result.to_dict()
    r = result.resolved
    seed = uncertainty.seed if uncertainty is not None else None
    provenance = contract.get("provenance")
    share = None
    if isinstance(provenance, Mapping) and provenance.get("illustrative_share") is not None:
        share = float(provenance["illustrative_share"])
    committees = contract.get("by_committee")
    followup = None
    if contract.get("realised") is not None:
        from ..present.followup import followup_figures, followup_years

        followup = (followup_years(result), followup_figures(result))
    return ReportData(
        result=contract,
        target_group_label=r.target_group_label,
        success_measure=r.success_measure,
        participants=dict(r.participants),
        assumptions=tuple(_assumptions(r, kb, where)),
        stamp=Stamp(
            version=__version__,
            kb_fingerprint=r.kb_fingerprint,
            kb_version=_opt_str(contract.get("kb_version")),
            scenario_hash=scenario_hash(r),
            seed=seed,
            date=date,
            input_name=input_name,
        ),
        checklist=None if checklist is None else tuple(checklist),
        uncertainty=uncertainty,
        variants=None if variants is None else tuple(variants),
        illustrative_share=share,
        illustrative_counts=_illustrative_counts(r, kb),
        warnings=tuple(str(w) for w in contract.get("warnings") or ()),
        committees=None if committees is None else tuple(committees),
        cost_lines=_cost_lines(result),
        discount_text=_discount_text(r, kb),
        service_labels={sid: s.label for sid, s in r.services.items()},
        where=where,
        followup=followup,
    )


def _discount_text(resolved: Resolved, kb: KnowledgeBase | None) -> str:
    """The discount rate in words: a knowledge-base schedule's name, or the rate(s)."""
    from ..present import da

    schedule = kb.discount_rates.get(resolved.discount_label) if kb is not None else None
    if schedule is not None:
        return schedule.label
    steps = resolved.discount_schedule
    if len(steps) == 1:
        return da.rate(steps[0][1])
    return "; ".join(f"fra år {f}: {da.rate(r)}" for f, r in steps)


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)
