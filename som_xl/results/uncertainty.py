"""How sure is the result: Monte Carlo, tornado and switching values (som-method.md §3.20).

:func:`analyse` draws every uncertain input (seeded numpy Generator; the draws do not depend
on how they are evaluated), evaluates all draws at once (:func:`net_values`: one engine pass
over a basis and a small matrix product, checked against the engine on 64 draws, with the
engine on every draw in chunks as the fallback, so 100,000 draws fit in little memory), and
summarises the discounted net result in total and per purse: ``P(net > 0)``, the mean and the
5/10/50/90/95 % quantiles. The tornado puts each input at its distribution's 10 % and 90 %
quantile with the others central (the scenario's own success rate, multipliers 1) and gives
its switching value: the value at which the discounted net result is 0.

Every input enters the net result linearly (the success rate scales the gains after the
course, a multiplier scales its flows), so a switching value follows exactly from two
evaluations; it is checked by a third, and refined by the secant method where a flow changes
sign (optimism bias treats gains and losses differently). None where no value in the input's
allowed range gives 0.

Examples
--------
>>> from som_xl.inputs import parse_scenario, resolve
>>> spec = parse_scenario({
...     "start_year": 2025, "horizon_years": 3, "price_year": 2024, "discount_rate": 0.0,
...     "participants": {2025: 10}, "success_rate": 0.5,
...     "consequences": [{"service": "x", "profile": [-2, -1]}],
...     "services": [{"id": "x", "label": "X", "unit": "stk", "direction": "expenditure",
...                   "budget_item": "Post", "price_year": 2024, "prices": {"kommune": 100}}],
...     "costs": [{"label": "Drift", "kind": "once", "year": 2025, "amount": 1000}],
...     "uncertainty": {"draws": 1000, "seed": 1,
...                     "success_rate": {"dist": "uniform", "low": 0, "high": 1}}})
>>> u = analyse(resolve(spec, None), spec.uncertainty)
>>> u.central, u.tornado[0].switching_value  # net = 3000 s − 1000: s* = 1/3
(500.0, 0.3333333333333333)
>>> abs(u.total.p_net_positive - 2 / 3) < 0.05  # P(s > 1/3) for s uniform on 0-1
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..engine import build_model
from ..engine.core import Model, evaluate
from ..errors import InputError, Problem, suggest
from ..files import LineMap
from ..inputs import Resolved
from ..inputs.origins import FileOrigins
from ..inputs.uncertainty import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    Distribution,
    StandardNote,
    UncertaintySpec,
)
from .distributions import quantile, sample
from .result import Result

__all__ = [
    "QUANTILES",
    "Summary",
    "TornadoRow",
    "UncertainInput",
    "UncertaintyResult",
    "analyse",
    "net_values",
    "summarise",
    "tornado",
    "uncertain_inputs",
]

FloatArray = NDArray[np.float64]
#: The reported quantiles in per cent (the JSON keys "5", "10", "50", "90", "95").
QUANTILES: tuple[int, ...] = (5, 10, 50, 90, 95)
#: The tornado's low and high value: these quantiles of each input's distribution.
TORNADO_LOW, TORNADO_HIGH = 0.10, 0.90
#: Elements of one (V, T, A, B) array in a chunk: about 3 MB of float64 (as fast as larger
#: chunks, and the extra memory stays a few MB; benchmarks/bench_uncertainty.py).
CHUNK_ELEMENTS = 400_000
#: The inputs a result says it held fixed when the block gives them no distribution (a
#: single service's price is named only where it is drawn).
FIXABLE = ("success_rate", "costs", "consequences")
MAX_CHUNK = 10_000

ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class UncertainInput:
    """One uncertain input: its tornado name, Danish label, distribution and central value."""

    name: str  # success_rate | costs | consequences | services.<id>
    label: str
    dist: Distribution
    central: float
    lower: float
    upper: float


@dataclass(frozen=True)
class Summary:
    """P(net > 0), the mean and the quantiles of one set of discounted net results."""

    p_net_positive: float
    mean: float
    quantiles: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {
            "p_net_positive": self.p_net_positive,
            "mean": self.mean,
            "quantiles": dict(self.quantiles),
        }


@dataclass(frozen=True)
class TornadoRow:
    """One input at its low and high value, the net result at each, and its switching value."""

    input: str
    label: str
    low: float
    high: float
    net_low: float
    net_high: float
    switching_value: float | None

    @property
    def swing(self) -> float:
        return abs(self.net_high - self.net_low)

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "label": self.label,
            "low": self.low,
            "high": self.high,
            "net_low": self.net_low,
            "net_high": self.net_high,
            "switching_value": self.switching_value,
        }


@dataclass(frozen=True)
class UncertaintyResult:
    """The uncertainty analysis of one scenario (``som-xl usikkerhed --json``)."""

    scenario: str
    draws: int
    seed: int
    central: float
    total: Summary
    by_purse: dict[str, Summary]
    tornado: tuple[TornadoRow, ...]
    inputs: tuple[UncertainInput, ...]
    net: FloatArray = field(repr=False)  # (V,) the draws' discounted net results
    notes: tuple[StandardNote, ...] = ()
    kb_fingerprint: str | None = None
    kb_version: str | None = None
    #: The inputs of FIXABLE the analysis holds at their central value (no distribution).
    fixed: tuple[str, ...] = ()
    #: The share of the gains' present value that rests on illustrative knowledge-base
    #: values (``provenance.illustrative_share`` of the central result).
    illustrative_share: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of som-method.md §4 (and a little more)."""
        return {
            "scenario": self.scenario,
            "draws": self.draws,
            "seed": self.seed,
            "central": self.central,
            "p_net_positive": self.total.p_net_positive,
            "mean": self.total.mean,
            "quantiles": dict(self.total.quantiles),
            "by_purse": [{"purse": p, **s.to_dict()} for p, s in self.by_purse.items()],
            "tornado": [r.to_dict() for r in self.tornado],
            "inputs": [
                {
                    "input": i.name,
                    "label": i.label,
                    "central": i.central,
                    **{k: v for k, v in i.dist.model_dump().items() if v is not None},
                }
                for i in self.inputs
            ],
            "defaults": [
                {"input": n.input, "text": n.text, "source": n.source, "status": n.status}
                for n in self.notes
            ],
            "fixed": list(self.fixed),
            "illustrative_share": self.illustrative_share,
            "kb_fingerprint": self.kb_fingerprint,
            "kb_version": self.kb_version,
        }


def _example() -> tuple[Resolved, Any]:
    """The module's worked example: net = 3000 × s − 1000 × c (no discounting)."""
    from ..inputs import parse_scenario, resolve

    spec = parse_scenario(
        {
            "start_year": 2025,
            "horizon_years": 3,
            "price_year": 2024,
            "discount_rate": 0.0,
            "participants": {2025: 10},
            "success_rate": 0.5,
            "consequences": [{"service": "x", "profile": [-2, -1]}],
            "services": [
                {
                    "id": "x",
                    "label": "X",
                    "unit": "stk",
                    "direction": "expenditure",
                    "budget_item": "Post",
                    "price_year": 2024,
                    "prices": {"kommune": 100},
                }
            ],
            "costs": [{"label": "Drift", "kind": "once", "year": 2025, "amount": 1000}],
            "uncertainty": {
                "success_rate": {"dist": "uniform", "low": 0, "high": 1},
                "costs": {"dist": "triangular", "low": 0.5, "mode": 1, "high": 1.5},
            },
        }
    )
    return resolve(spec, None), spec


# --- inputs -----------------------------------------------------------------------------------


def uncertain_inputs(
    unc: UncertaintySpec,
    resolved: Resolved,
    where: str = "scenariet",
    lines: LineMap | None = None,
) -> tuple[UncertainInput, ...]:
    """The block's uncertain inputs in tornado order; an unknown service is a problem.

    Parameters
    ----------
    unc : UncertaintySpec
        The block (with the standard ranges filled in, where asked for).
    resolved : Resolved
        The scenario: its success rate, and the services its consequences use.
    where : str
        The place problems name (the scenario file).
    lines : LineMap, optional
        The file's line map: problems then name the line too.

    Returns
    -------
    tuple of UncertainInput

    Examples
    --------
    >>> res, spec = _example()
    >>> [i.name for i in uncertain_inputs(spec.uncertainty, res)]
    ['success_rate', 'costs']
    """
    out: list[UncertainInput] = []
    if unc.success_rate is not None:
        out.append(
            UncertainInput(
                "success_rate", "Succesrate", unc.success_rate, resolved.success_rate, 0.0, 1.0
            )
        )
    if unc.costs is not None:
        out.append(UncertainInput("costs", "Omkostninger (faktor)", unc.costs, 1.0, 0.0, math.inf))
    if unc.consequences is not None:
        out.append(
            UncertainInput(
                "consequences", "Gevinster (faktor)", unc.consequences, 1.0, 0.0, math.inf
            )
        )
    used = [sid for sid, _ in resolved.consequences]
    problems = []
    for sid, dist in unc.services.items():
        if sid not in used:
            problems.append(
                Problem(
                    FileOrigins(where, lines).place(("uncertainty", "services", sid)),
                    f"uncertainty.services.{sid}",
                    "ydelsen er ikke blandt scenariets konsekvenser; " + suggest(sid, used),
                    sid,
                    True,
                )
            )
            continue
        label = f"Pris: {resolved.services[sid].label} (faktor)"
        out.append(UncertainInput(f"services.{sid}", label, dist, 1.0, 0.0, math.inf))
    if problems:
        raise InputError(problems)
    return tuple(out)


# --- the engine, many variations --------------------------------------------------------------


def _chunk_size(model: Model) -> int:
    per_draw = model.horizon * len(model.purses) * max(len(model.budget_items), 1)
    return int(max(64, min(MAX_CHUNK, CHUNK_ELEMENTS // max(per_draw, 1))))


def _evaluate(
    model: Model, s: FloatArray, cost: FloatArray, gain: FloatArray, price: FloatArray | None
) -> tuple[FloatArray, FloatArray]:
    """(V,) discounted net results and (V, A) per purse for one chunk of variations.

    The success rates (and price factors) go through the engine, draw by draw. The gain and
    cost factors multiply every gain and every cost (the engine's ``gain_factor`` and
    ``cost_factor`` do exactly that, optimism bias included, as factors are ≥ 0), so they are
    applied to the present values per purse: the same figures, without a (V, T, A, B) array
    per factor (tests/uncertainty: equal to the engine's factors to the last digits).
    """
    kwargs: dict[str, Any] = {"success_rate": s}
    if price is not None:
        kwargs["price_factor"] = price
    batch = evaluate(model, **kwargs)
    disc = batch.discount[0]  # the discount factors do not vary here
    gains = np.einsum("vta,t->va", batch.gains.sum(axis=3), disc)  # (V, A)
    costs = np.einsum("ta,t->a", batch.costs[0].sum(axis=2), disc)  # (A,): costs do not vary
    gains = np.broadcast_to(gains, (s.shape[0], gains.shape[1]))
    by_purse = gain[:, None] * gains - cost[:, None] * costs[None, :]
    return np.asarray(by_purse.sum(axis=1), dtype=np.float64), np.asarray(by_purse)


def net_values(
    model: Model,
    s: FloatArray,
    cost: FloatArray,
    gain: FloatArray,
    price: FloatArray | None = None,
    *,
    chunk: int | None = None,
    progress: ProgressFn | None = None,
    direct: bool = False,
) -> tuple[FloatArray, FloatArray]:
    """Discounted net results of V variations, per purse and in total.

    The engine's gains are ``s × (after-course gains at s = 1) + during-course gains``, each
    consequence's scaled by its price factor, and every gain and cost by the gain and cost
    factors (``evaluate``; the break-even success rate of §3.8 rests on the same linearity).
    So one engine pass over a basis (s = 0 and s = 1, per consequence where prices vary) gives
    every draw's present values per purse as a small matrix product: the headline-only path.
    It is checked against the engine evaluating 64 of the draws directly; where they differ
    (an engine whose success rate does not enter linearly), every draw is evaluated directly,
    in chunks.

    Parameters
    ----------
    model : Model
    s, cost, gain : ndarray (V,)
        Success rates, cost multipliers and gain multipliers.
    price : ndarray (V, J), optional
        Price multipliers per consequence (None: all 1).
    chunk : int, optional
        Variations per engine call on the direct path (default: about 3 MB per
        (V, T, A, B) array).
    progress : callable, optional
        Called with (done, total) as the draws are done.
    direct : bool, optional
        Evaluate every draw with the engine (no basis).

    Returns
    -------
    total : ndarray (V,)
    by_purse : ndarray (V, A)

    Examples
    --------
    >>> res, _ = _example()
    >>> total, purse = net_values(build_model(res), np.array([0.0, 0.5]), np.ones(2),
    ...                           np.ones(2))
    >>> total.tolist(), purse[:, 0].tolist()  # net = 3000 s − 1000, all on the kommune
    ([-1000.0, 500.0], [-1000.0, 500.0])
    """
    n = int(s.shape[0])
    if not direct:
        by_purse = _linear(model, s, cost, gain, price)
        check = np.unique(np.linspace(0, n - 1, min(n, 64)).astype(np.intp))
        p = None if price is None else price[check]
        _, want = _evaluate(model, s[check], cost[check], gain[check], p)
        scale = max(1.0, float(np.max(np.abs(want))))
        if np.allclose(by_purse[check], want, rtol=1e-9, atol=1e-9 * scale):
            if progress is not None:
                progress(n, n)
            return np.asarray(by_purse.sum(axis=1), dtype=np.float64), by_purse
    size = chunk or _chunk_size(model)
    total = np.empty(n)
    purse = np.empty((n, len(model.purses)))
    for start in range(0, n, size):
        stop = min(n, start + size)
        p = None if price is None else price[start:stop]
        total[start:stop], purse[start:stop] = _evaluate(
            model, s[start:stop], cost[start:stop], gain[start:stop], p
        )
        if progress is not None:
            progress(stop, n)
    return total, purse


def _linear(
    model: Model, s: FloatArray, cost: FloatArray, gain: FloatArray, price: FloatArray | None
) -> FloatArray:
    """(V, A) present values per purse from one engine pass over a basis (see net_values)."""
    n_cons = model.unit_gains.shape[0]
    if price is None:  # the basis: s = 0 and s = 1
        batch = evaluate(model, success_rate=np.array([0.0, 1.0]))
    else:  # each consequence alone, at s = 0 and at s = 1
        eye = np.eye(n_cons)
        batch = evaluate(
            model,
            success_rate=np.repeat([0.0, 1.0], n_cons),
            price_factor=np.vstack([eye, eye]),
        )
    disc = batch.discount[0]
    pv = np.einsum("vta,t->va", batch.gains.sum(axis=3), disc)  # (basis, A)
    costs = np.einsum("ta,t->a", batch.costs[0].sum(axis=2), disc)  # (A,)
    if price is None:
        during, after = pv[0][None, :], (pv[1] - pv[0])[None, :]  # (1, A)
        gains = during + s[:, None] * after
    else:
        during, after = pv[:n_cons], pv[n_cons:] - pv[:n_cons]  # (J, A)
        gains = price @ during + s[:, None] * (price @ after)
    out = gain[:, None] * gains - cost[:, None] * costs[None, :]
    return np.asarray(out, dtype=np.float64)


@dataclass
class _Variations:
    """Input values of V variations: success rate, multipliers, and price multipliers (V, J)."""

    s: FloatArray
    cost: FloatArray
    gain: FloatArray
    price: FloatArray | None


def _central(n: int, resolved: Resolved, n_cons: int, with_price: bool) -> _Variations:
    """The inputs at their central values: the success rate the calculation uses (the
    observed one where a follow-up has one, §3.19), multipliers 1."""
    return _Variations(
        np.full(n, float(resolved.forecast_success_rate)),
        np.ones(n),
        np.ones(n),
        np.ones((n, n_cons)) if with_price else None,
    )


def _set(
    v: _Variations, rows: slice | FloatArray | int, inp: UncertainInput, x: Any, resolved: Resolved
) -> None:
    """Put values of one input into rows of the variations."""
    if inp.name == "success_rate":
        v.s[rows] = x
    elif inp.name == "costs":
        v.cost[rows] = x
    elif inp.name == "consequences":
        v.gain[rows] = x
    else:
        sid = inp.name.removeprefix("services.")
        cols = [j for j, (c, _) in enumerate(resolved.consequences) if c == sid]
        assert v.price is not None
        for j in cols:
            v.price[rows, j] = x


def _net(model: Model, v: _Variations, **kw: Any) -> tuple[FloatArray, FloatArray]:
    return net_values(model, v.s, v.cost, v.gain, v.price, **kw)


# --- summaries --------------------------------------------------------------------------------


def summarise(values: FloatArray) -> Summary:
    """P(value > 0), the mean and the quantiles (numpy's default, linear interpolation).

    Parameters
    ----------
    values : ndarray (V,)
        Discounted net results of the draws.

    Returns
    -------
    Summary

    Examples
    --------
    >>> s = summarise(np.array([-1.0, 1.0, 2.0, 3.0]))
    >>> s.p_net_positive, s.mean, s.quantiles["50"]
    (0.75, 1.25, 1.5)
    """
    qs = np.quantile(values, [q / 100 for q in QUANTILES])
    return Summary(
        float(np.mean(values > 0.0)),
        float(np.mean(values)),
        {str(q): float(x) for q, x in zip(QUANTILES, qs, strict=True)},
    )


# --- tornado ----------------------------------------------------------------------------------


def tornado(
    model: Model, resolved: Resolved, inputs: Sequence[UncertainInput]
) -> tuple[TornadoRow, ...]:
    """Each input at its 10 % and 90 % quantile, the others central; sorted by swing.

    Parameters
    ----------
    model : Model
    resolved : Resolved
    inputs : sequence of UncertainInput

    Returns
    -------
    tuple of TornadoRow
        Largest swing first; ``switching_value`` None where no value in the input's range
        gives a discounted net result of 0.

    Examples
    --------
    >>> res, spec = _example()
    >>> rows = tornado(build_model(res), res, uncertain_inputs(spec.uncertainty, res))
    >>> [(r.input, r.low, r.high, r.net_low, r.net_high) for r in rows]  # doctest: +ELLIPSIS
    [('success_rate', 0.1, 0.9, -700.0, 1700.0),
     ('costs', 0.7236..., 1.2763..., 776.39..., 223.60...)]
    >>> [r.switching_value for r in rows]  # 3000 s = 1000; 1500 = 1000 c
    [0.3333333333333333, 1.5]
    """
    if not inputs:
        return ()
    n_cons = len(resolved.consequences)
    with_price = any(i.name.startswith("services.") for i in inputs)
    k = len(inputs)
    # rows 4i..4i+3: input i at its low, its high, 0 and 1 (the others central).
    v = _central(4 * k, resolved, n_cons, with_price)
    lows = [quantile(i.dist, TORNADO_LOW) for i in inputs]
    highs = [quantile(i.dist, TORNADO_HIGH) for i in inputs]
    for n, inp in enumerate(inputs):
        for r, x in enumerate((lows[n], highs[n], 0.0, 1.0)):
            _set(v, 4 * n + r, inp, x, resolved)
    net, _ = _net(model, v)
    switching = _switching(model, resolved, inputs, net[2::4], net[3::4], with_price)
    rows = [
        TornadoRow(
            inp.name,
            inp.label,
            lows[n],
            highs[n],
            float(net[4 * n]),
            float(net[4 * n + 1]),
            switching[n],
        )
        for n, inp in enumerate(inputs)
    ]
    rows.sort(key=lambda r: -r.swing)
    return tuple(rows)


def _switching(
    model: Model,
    resolved: Resolved,
    inputs: Sequence[UncertainInput],
    at0: FloatArray,
    at1: FloatArray,
    with_price: bool,
) -> list[float | None]:
    """Each input's value at which the net result is 0 (linear solve, checked, refined)."""
    n_cons = len(resolved.consequences)
    out: list[float | None] = []
    for n, inp in enumerate(inputs):
        f0, f1 = float(at0[n]), float(at1[n])
        scale = max(abs(f0), abs(f1), 1.0)

        def f(x: float, inp: UncertainInput = inp) -> float:
            v = _central(1, resolved, n_cons, with_price)
            _set(v, 0, inp, x, resolved)
            return float(_net(model, v)[0][0])

        if f1 == f0:
            out.append(0.0 if f0 == 0.0 and inp.lower == 0.0 else None)
            continue
        x = -f0 / (f1 - f0)
        fx = f(x) if inp.lower <= x <= inp.upper else math.nan
        root: float | None = x
        if math.isfinite(fx) and abs(fx) > 1e-9 * scale:
            root = _secant(f, 0.0, f0, 1.0, f1, x, fx, scale)
            fx = f(root) if root is not None and inp.lower <= root <= inp.upper else math.nan
        if root is None or not (inp.lower <= root <= inp.upper) or not math.isfinite(fx):
            out.append(None)
            continue
        out.append(float(root))
    return out


def _secant(
    f: Callable[[float], float],
    x0: float,
    f0: float,
    x1: float,
    f1: float,
    x: float,
    fx: float,
    scale: float,
) -> float | None:
    """Refine a root of a piecewise-linear f from three points (secant steps)."""
    pts = sorted([(x0, f0), (x1, f1), (x, fx)])
    a, fa = pts[0]
    for _ in range(60):
        # keep the two latest points
        b, fb = x, fx
        if fb == fa:
            return None
        x = b - fb * (b - a) / (fb - fa)
        if not math.isfinite(x):
            return None
        a, fa = b, fb
        fx = f(x)
        if abs(fx) <= 1e-9 * scale:
            return x
    return None


# --- the analysis -----------------------------------------------------------------------------


def analyse(
    resolved: Resolved,
    unc: UncertaintySpec | None,
    *,
    draws: int | None = None,
    seed: int | None = None,
    notes: Sequence[StandardNote] = (),
    where: str = "scenariet",
    lines: LineMap | None = None,
    chunk: int | None = None,
    progress: ProgressFn | None = None,
    model: Model | None = None,
) -> UncertaintyResult:
    """Monte Carlo (P(net > 0), mean, quantiles; total and per purse) and the tornado.

    Parameters
    ----------
    resolved : Resolved
        The scenario.
    unc : UncertaintySpec or None
        The uncertainty block (with any standard ranges filled in: see
        :func:`~som_xl.inputs.uncertainty.standard_uncertainty`); None: nothing is uncertain.
    draws, seed : int, optional
        Override the block's.
    notes : sequence of StandardNote
        Where standard ranges came from (carried into the result).
    where : str
        The place problems name.
    lines : LineMap, optional
        The scenario file's line map: problems then name the line too.
    chunk : int, optional
        Draws per engine call (the draws themselves do not depend on it).
    progress : callable, optional
        Called with (done, total) after each chunk.
    model : Model, optional
        The compiled scenario, if already built.

    Returns
    -------
    UncertaintyResult

    Examples
    --------
    >>> res, spec = _example()
    >>> u = analyse(res, spec.uncertainty, draws=2000, seed=5)
    >>> u.draws, u.seed, u.central, sorted(u.by_purse)
    (2000, 5, 500.0, ['kommune', 'region', 'stat'])
    >>> u.total.quantiles["5"] <= u.total.quantiles["50"] <= u.total.quantiles["95"]
    True
    """
    unc = unc if unc is not None else UncertaintySpec()
    n = int(draws if draws is not None else unc.draws or DEFAULT_DRAWS)
    seed = int(seed if seed is not None else unc.seed if unc.seed is not None else DEFAULT_SEED)
    if n < 1:
        raise InputError(Problem("--draws", "", "skal være mindst 1", n, True))
    model = model if model is not None else build_model(resolved)
    inputs = uncertain_inputs(unc, resolved, where, lines)
    n_cons = len(resolved.consequences)
    with_price = any(i.name.startswith("services.") for i in inputs)

    rng = np.random.default_rng(seed)
    v = _central(n, resolved, n_cons, with_price)
    for inp in inputs:  # one stream, inputs in a fixed order: reproducible from the seed
        path = ("uncertainty", *inp.name.split(".", 1))
        place = FileOrigins(where, lines).place(path)
        _set(v, slice(None), inp, sample(inp.dist, rng, n, place, ".".join(path)), resolved)
    total, purse = _net(model, v, chunk=chunk, progress=progress)

    central_v = _central(1, resolved, n_cons, False)
    central = float(_net(model, central_v)[0][0])
    drawn = {i.name for i in inputs}
    return UncertaintyResult(
        scenario=resolved.name,
        draws=n,
        seed=seed,
        central=central,
        total=summarise(total),
        by_purse={p: summarise(purse[:, a]) for a, p in enumerate(model.purses)},
        tornado=tornado(model, resolved, inputs),
        inputs=inputs,
        net=total,
        notes=tuple(notes),
        kb_fingerprint=resolved.kb_fingerprint,
        kb_version=resolved.kb_version,
        fixed=tuple(k for k in FIXABLE if k not in drawn),
        illustrative_share=float(
            Result(resolved, model, evaluate(model)).provenance["illustrative_share"]
        ),
    )
