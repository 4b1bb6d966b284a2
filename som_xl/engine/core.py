"""The SØM calculation (som-method.md §3) as pure, vectorised numpy functions.

The engine holds no domain numbers and does no I/O. It works on a :class:`Model` — one
scenario reduced to arrays — and evaluates any number of variations of it in one pass:
every numeric input may carry a leading variation axis ``V``. The intermediate rows of one
scenario's calculation are in :func:`som_xl.engine.tracing.trace`.

Axes: ``V`` variations, ``T`` horizon years (t = 0 is the start year), ``J`` consequences,
``K`` profile years (k = 1..K after the course ends), ``A`` purses (kommune, region, stat),
``B`` budget items, ``N`` cost lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from .discount import discount_factors, rate_path

__all__ = [
    "BREAK_EVEN_TOLERANCE",
    "BatchResult",
    "CostLines",
    "Model",
    "break_even_index",
    "discount_factors",  # lives in .discount; re-exported for older imports
    "evaluate",
    "rate_path",  # lives in .discount; re-exported for older imports
]

FloatArray = NDArray[np.float64]
IndexArray = NDArray[np.intp]

#: Cumulative results within this many kroner of zero count as break-even (float noise).
BREAK_EVEN_TOLERANCE = 1e-6


@dataclass(frozen=True)
class CostLines:
    """The scenario's cost items one by one, before they are added up into ``Model.costs``.

    labels: (N,)    the items' labels
    values: (N, T)  kr. per year at the scenario's price level (negative = saved)
    purses: (N,)    purse index of each item
    items:  (N,)    budget-item index of each item
    """

    labels: tuple[str, ...]
    values: FloatArray
    purses: IndexArray
    items: IndexArray


@dataclass(frozen=True)
class Model:
    """One scenario as arrays. Money in kr. at the scenario's price level.

    participants:  (T,)   citizens starting a course in year t
    success_rate:  ()     share reaching the success measure, net of deadweight
    profiles:      (J, K) change in units per successful citizen, k-th year after the course
    unit_gains:    (J, A) gain per unit *used* for each purse: price × d (d = −1 expenditure,
                          +1 revenue), so gain = units × unit_gains
    consequence_items: (J,) budget-item index of each consequence
    costs:         (T, A, B) costs per year, purse and budget item (negative = saved),
                          optimism bias already applied (som-method §3.14)
    discount:      (T,)   discount factor D(t)
    during:        (J, L) change in units per *participant* in the l-th year of the course
                          (§3.10; not scaled by s); None = none
    gain_bias:     ()     optimism bias on gains og (§3.14): a gain flow of one consequence,
                          year and purse g becomes g − og·|g|; 0 = none
    discount_schedule: the rates D(t) was made from, as ``(from_year, rate)`` steps (lets a
                   trace show the rates and extend the years past the horizon); () = unknown
    cost_lines:    the cost items one by one (their sum is ``costs``); None = unknown
    """

    start_year: int
    course_years: int
    participants: FloatArray
    success_rate: float
    profiles: FloatArray
    unit_gains: FloatArray
    consequence_items: IndexArray
    costs: FloatArray
    discount: FloatArray
    budget_items: tuple[str, ...]
    purses: tuple[str, ...] = ("kommune", "region", "stat")
    discount_schedule: tuple[tuple[int, float], ...] = ()
    cost_lines: CostLines | None = None
    during: FloatArray | None = None
    gain_bias: float = 0.0

    @property
    def horizon(self) -> int:
        """Number of years T, the start year included."""
        return int(self.participants.shape[0])

    @property
    def years(self) -> list[int]:
        """The calendar years ``start_year … start_year + T − 1``."""
        return list(range(self.start_year, self.start_year + self.horizon))

    @classmethod
    def simple(
        cls,
        participants: list[float],
        success_rate: float,
        profile: list[float],
        unit_gain: float,
        *,
        rate: float = 0.0,
        start_year: int = 2025,
        course_years: int = 1,
        costs: list[float] | None = None,
    ) -> Model:
        """A one-consequence, one-budget-item scenario for examples and quick checks.

        Parameters
        ----------
        participants : list of float
            Starters per year; its length is the horizon T.
        success_rate : float
            Net success rate ``s``.
        profile : list of float
            Units per successful citizen in the years 1, 2, … after the course.
        unit_gain : float
            Gain to the kommune per unit used (−price for an expenditure).
        rate : float, optional
            One discount rate for every year (default 0).
        start_year, course_years : int, optional
        costs : list of float, optional
            The kommune's costs per year (default none).

        Returns
        -------
        Model

        Examples
        --------
        >>> m = Model.simple([10, 0, 0], 0.5, [-2, -1], -100.0, costs=[1000, 0, 0])
        >>> m.horizon, m.years
        (3, [2025, 2026, 2027])
        """
        horizon = len(participants)
        cost = np.zeros((horizon, 3, 1))
        cost[:, 0, 0] = costs if costs is not None else 0.0
        lines = CostLines(
            ("Omkostninger",),
            cost[:, 0, 0][None, :].copy(),
            np.zeros(1, dtype=np.intp),
            np.zeros(1, dtype=np.intp),
        )
        return cls(
            start_year=start_year,
            course_years=course_years,
            participants=np.asarray(participants, dtype=np.float64),
            success_rate=success_rate,
            profiles=np.asarray([profile], dtype=np.float64),
            unit_gains=np.asarray([[unit_gain, 0.0, 0.0]]),
            consequence_items=np.zeros(1, dtype=np.intp),
            costs=cost,
            discount=discount_factors(horizon, [(1, rate)]),
            budget_items=("Post",),
            discount_schedule=((1, rate),),
            cost_lines=lines,
        )


@dataclass(frozen=True)
class BatchResult:
    """Results for V variations. Arrays lead with the variation axis.

    gains, costs:  (V, T, A, B)
    discount:      (V, T)
    success_rate:  (V,)
    pv_gains_at_full_success: (V,) PV of the after-course gains at success rate 1
    pv_gains_during: (V,) PV of the during-course gains (they do not scale with s)

    Examples
    --------
    >>> b = evaluate(Model.simple([10, 0, 0], 0.5, [-2, -1], -100.0, costs=[1000, 0, 0]))
    >>> b.by_year("net")[0].tolist()
    [-1000.0, 1000.0, 500.0]
    >>> float(b.pv_net[0]), int(b.break_even_index[0])
    (500.0, 1)
    """

    years: tuple[int, ...]
    purses: tuple[str, ...]
    budget_items: tuple[str, ...]
    gains: FloatArray
    costs: FloatArray
    discount: FloatArray
    success_rate: FloatArray
    pv_gains_at_full_success: FloatArray
    pv_gains_during: FloatArray

    @cached_property
    def net(self) -> FloatArray:
        return self.gains - self.costs

    def by_year(self, what: str) -> FloatArray:
        """(V, T) totals over purses and budget items of 'gains', 'costs' or 'net'."""
        arr: FloatArray = getattr(self, what)
        return np.asarray(arr.sum(axis=(2, 3)), dtype=np.float64)

    @cached_property
    def pv_gains(self) -> FloatArray:
        return np.asarray((self.by_year("gains") * self.discount).sum(axis=1), dtype=np.float64)

    @cached_property
    def pv_costs(self) -> FloatArray:
        return np.asarray((self.by_year("costs") * self.discount).sum(axis=1), dtype=np.float64)

    @cached_property
    def pv_net(self) -> FloatArray:
        return np.asarray((self.by_year("net") * self.discount).sum(axis=1), dtype=np.float64)

    @cached_property
    def net_undiscounted(self) -> FloatArray:
        return np.asarray(self.by_year("net").sum(axis=1), dtype=np.float64)

    @cached_property
    def cumulative_discounted_net(self) -> FloatArray:
        return np.asarray(np.cumsum(self.by_year("net") * self.discount, axis=1), dtype=np.float64)

    @cached_property
    def has_flow(self) -> NDArray[np.bool_]:
        """(V, T) True where the year has a non-zero cost or gain (any purse or item)."""
        return np.asarray(
            (self.gains != 0).any(axis=(2, 3)) | (self.costs != 0).any(axis=(2, 3)), dtype=bool
        )

    @cached_property
    def break_even_index(self) -> NDArray[np.intp]:
        """(V,) index t of the first year, counting from the first year with a flow, whose
        cumulative discounted net is ≥ 0; −1 if none (som-method §3.8)."""
        return break_even_index(self.cumulative_discounted_net, self.has_flow)

    @cached_property
    def break_even_success_rate(self) -> FloatArray:
        """(V,) s* = (PV(costs) − PV(during-course gains)) / PV(after-course gains at s = 1);
        NaN where that denominator is ≤ 0 (som-method §3.8, §3.10). Defined at s = 0 too."""
        return _ratio_where_positive(
            self.pv_costs - self.pv_gains_during, self.pv_gains_at_full_success
        )

    @cached_property
    def benefit_cost_ratio(self) -> FloatArray:
        """(V,) PV(gains) / PV(costs); NaN where PV(costs) ≤ 0."""
        return _ratio_where_positive(self.pv_gains, self.pv_costs)


def break_even_index(cumulative: FloatArray, has_flow: NDArray[np.bool_]) -> NDArray[np.intp]:
    """(V,) the first t ≥ the first year with a flow where ``cumulative`` ≥ 0; −1 if none.

    Parameters
    ----------
    cumulative : ndarray (V, T)
        Cumulative discounted net result by year.
    has_flow : ndarray (V, T) of bool
        Whether the year has any non-zero cost or gain (of the group in question).

    Returns
    -------
    ndarray (V,) of int
        The break-even year's index t, or −1 where there is none.

    Examples
    --------
    >>> cum = np.array([[0.0, -5.0, 2.0], [0.0, 0.0, 0.0], [-1.0, 0.0, 1.0]])
    >>> flow = np.array([[False, True, True], [False, False, False], [True, True, True]])
    >>> break_even_index(cum, flow).tolist()
    [2, -1, 1]
    """
    started = np.cumsum(has_flow, axis=1) > 0
    ok = started & (cumulative >= -BREAK_EVEN_TOLERANCE)
    first = np.argmax(ok, axis=1)
    return np.asarray(np.where(ok.any(axis=1), first, -1), dtype=np.intp)


def _ratio_where_positive(num: FloatArray, den: FloatArray) -> FloatArray:
    """num / den where den > 0 and the ratio is finite, else NaN (no warnings)."""
    safe = np.where(den > 0, den, 1.0)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        ratio = np.where(den > 0, num / safe, np.nan)
    return np.asarray(np.where(np.isfinite(ratio), ratio, np.nan), dtype=np.float64)


def _convolve(ended: FloatArray, profiles: FloatArray, horizon: int, offset: int = 1) -> FloatArray:
    """units[v, j, y] = Σ_i ended[v, y − i − offset] × profiles[v, j, i], y − i − offset ≥ 0.

    After the course (``offset`` 1): the k-th profile value (k = i + 1) lands k years after the
    course ends. During the course (``offset`` 0, ``ended`` = starters): the l-th value lands in
    the l-th course year. Written as one batched matrix product: profiles (V, J, K) @ lagged
    (V, K, T), where lagged[v, i, y] = ended[v, y − i − offset]. Years past the horizon drop out.
    """
    n_prof = min(profiles.shape[2], max(horizon - offset, 0))
    lagged = np.zeros((ended.shape[0], n_prof, horizon))
    for i in range(n_prof):
        lag = i + offset
        lagged[:, i, lag:] = ended[:, : horizon - lag]
    return np.asarray(profiles[:, :, :n_prof] @ lagged, dtype=np.float64)


def _v(x: FloatArray | float, ndim: int) -> FloatArray:
    """Give an array a leading variation axis if it has none."""
    a = np.asarray(x, dtype=np.float64)
    return a[None, ...] if a.ndim == ndim else a


def _spread_gains(
    units: FloatArray, unit_gains: FloatArray, items: IndexArray, n_purses: int, n_items: int
) -> FloatArray:
    """Gains at s = 1 per (V, T, A, B): units (V, J, T) × unit gains (V, J, A), summed into
    budget items, as one matrix product with the unit gains spread over budget items:
    (J, A·B) per variation."""
    n_var, n_cons, horizon = units.shape
    onehot = np.zeros((n_cons, n_items))
    onehot[np.arange(n_cons), items] = 1.0
    spread = (unit_gains[:, :, :, None] * onehot[None, :, None, :]).reshape(
        unit_gains.shape[0], n_cons, n_purses * n_items
    )
    units_t = units.transpose(0, 2, 1)  # (V, T, J)
    if n_cons == 0:  # no consequences: no gains
        return np.zeros((n_var, horizon, n_purses, n_items))
    if spread.shape[0] == 1:  # prices shared by all variations: one plain matrix product
        flat = units_t.reshape(-1, n_cons) @ spread[0]
        return np.asarray(flat.reshape(n_var, horizon, n_purses, n_items), dtype=np.float64)
    return np.asarray((units_t @ spread).reshape(-1, horizon, n_purses, n_items), dtype=np.float64)


def evaluate(
    model: Model,
    *,
    success_rate: FloatArray | float | None = None,
    participants: FloatArray | None = None,
    profiles: FloatArray | None = None,
    unit_gains: FloatArray | None = None,
    costs: FloatArray | None = None,
    discount: FloatArray | None = None,
    cost_factor: FloatArray | None = None,
    gain_factor: FloatArray | None = None,
    price_factor: FloatArray | None = None,
) -> BatchResult:
    """Evaluate a model, optionally with variations of its inputs (leading axis V).

    Each array keyword replaces the model's array of the same name; give it a leading axis of
    length V (or 1) to evaluate V variations in one pass. The factors multiply (§3.20): every
    cost (``cost_factor`` (V,)), every gain, during the course too (``gain_factor`` (V,)), the
    gains of each consequence through its service's price (``price_factor`` (V, J)); factors
    are ≥ 0, so the optimism bias (which depends on a flow's sign) is unchanged by them. No
    Python loop runs per variation. The intermediate rows of one scenario are in
    :func:`som_xl.engine.tracing.trace`, which this path never computes.

    Parameters
    ----------
    model : Model
    success_rate : float or ndarray (V,), optional
    participants : ndarray (T,) or (V, T), optional
    profiles : ndarray (J, K) or (V, J, K), optional
    unit_gains : ndarray (J, A) or (V, J, A), optional
    costs : ndarray (T, A, B) or (V, T, A, B), optional
    discount : ndarray (T,) or (V, T), optional
    cost_factor, gain_factor : ndarray (V,), optional
    price_factor : ndarray (V, J), optional

    Returns
    -------
    BatchResult
        V = the longest variation axis given (1 without variations).

    Examples
    --------
    >>> m = Model.simple([10, 0, 0], 0.5, [-2, -1], -100.0, costs=[1000, 0, 0])
    >>> evaluate(m).by_year("gains")[0].tolist()
    [0.0, 1000.0, 500.0]
    >>> evaluate(m, success_rate=np.array([0.25, 0.5, 1.0])).pv_net.tolist()
    [-250.0, 500.0, 2000.0]
    >>> evaluate(m, cost_factor=np.array([1.0, 2.0]), gain_factor=np.array([1.0, 0.5])).pv_net
    array([ 500., -1250.])
    """
    s = np.atleast_1d(
        np.asarray(model.success_rate if success_rate is None else success_rate, dtype=np.float64)
    )
    part = _v(model.participants if participants is None else participants, 1)  # (V,T)
    prof = _v(model.profiles if profiles is None else profiles, 2)  # (V,J,K)
    ug = _v(model.unit_gains if unit_gains is None else unit_gains, 2)  # (V,J,A)
    cst = _v(model.costs if costs is None else costs, 3)  # (V,T,A,B)
    disc = _v(model.discount if discount is None else discount, 1)  # (V,T)
    if price_factor is not None:
        ug = ug * _v(price_factor, 1)[:, :, None]
    if gain_factor is not None:
        ug = ug * np.atleast_1d(np.asarray(gain_factor, dtype=np.float64))[:, None, None]
    if cost_factor is not None:
        cst = cst * np.atleast_1d(np.asarray(cost_factor, dtype=np.float64))[:, None, None, None]

    horizon = model.horizon
    n_items = len(model.budget_items)
    n_purses = len(model.purses)
    lag = model.course_years - 1
    items = model.consequence_items

    # Successes at s = 1, by the year the course ends: e(c) = c + course_years − 1.
    ended = np.zeros((part.shape[0], horizon))
    if lag < horizon:
        ended[:, lag:] = part[:, : horizon - lag]

    # Units used per consequence and year at s = 1: a convolution of cohorts with profiles.
    units = _convolve(ended, prof, horizon)
    gains1 = _biased(units, ug, items, n_purses, n_items, model.gain_bias)
    if model.during is not None and model.during.size:
        units_d = _convolve(part, _v(model.during, 2), horizon, offset=0)
        gains_d = _biased(units_d, ug, items, n_purses, n_items, model.gain_bias)
    else:
        gains_d = np.zeros((1, horizon, n_purses, n_items))

    n_all = max(gains1.shape[0], gains_d.shape[0], s.shape[0], cst.shape[0], disc.shape[0])
    gains = s[:, None, None, None] * gains1 + gains_d
    gains = np.broadcast_to(gains, (n_all, *gains.shape[1:]))
    costs_b = np.broadcast_to(cst, (n_all, *cst.shape[1:]))
    disc_b = np.broadcast_to(disc, (n_all, horizon))
    pv1 = (gains1.sum(axis=(2, 3)) * disc).sum(axis=1)
    pvd = (gains_d.sum(axis=(2, 3)) * disc).sum(axis=1)
    return BatchResult(
        years=tuple(model.years),
        purses=model.purses,
        budget_items=model.budget_items,
        gains=np.asarray(gains),
        costs=np.asarray(costs_b),
        discount=np.asarray(disc_b),
        success_rate=np.broadcast_to(s, (n_all,)).copy(),
        pv_gains_at_full_success=np.broadcast_to(pv1, (n_all,)).copy(),
        pv_gains_during=np.broadcast_to(pvd, (n_all,)).copy(),
    )


def _biased(
    units: FloatArray,
    unit_gains: FloatArray,
    items: IndexArray,
    n_purses: int,
    n_items: int,
    bias: float,
) -> FloatArray:
    """Gains (V, T, A, B) with the optimism bias on each flow of one consequence, year and
    purse: g − bias·|g| (a gain shrinks, a loss grows; som-method §3.14). Σ_j |g_j| is the
    same matrix product on absolute values, so no per-consequence array is kept."""
    gains = _spread_gains(units, unit_gains, items, n_purses, n_items)
    if bias:
        gains = gains - bias * _spread_gains(
            np.abs(units), np.abs(unit_gains), items, n_purses, n_items
        )
    return gains


def consequence_gains(model: Model) -> FloatArray:
    """(J, T, A) each consequence's gains to each purse, as :func:`evaluate` counts them:
    s × its after-course gains plus its during-course gains, each flow with the optimism
    bias. One consequence at a time (a single scenario's breakdown, not a batch path).

    Parameters
    ----------
    model : Model

    Returns
    -------
    ndarray (J, T, A)

    Examples
    --------
    >>> m = Model.simple([10, 0, 0], 0.5, [-2, -1], -100.0)
    >>> consequence_gains(m)[0, :, 0].tolist()
    [0.0, 1000.0, 500.0]
    """
    horizon, n_purses = model.horizon, len(model.purses)
    n_cons = model.profiles.shape[0]
    out = np.zeros((n_cons, horizon, n_purses))
    lag = model.course_years - 1
    ended = np.zeros((1, horizon))
    if lag < horizon:
        ended[:, lag:] = model.participants[None, : horizon - lag]
    one = np.zeros(1, dtype=np.intp)
    for j in range(n_cons):
        ug = model.unit_gains[None, j : j + 1]
        units = _convolve(ended, model.profiles[None, j : j + 1], horizon)
        after = _biased(units, ug, one, n_purses, 1, model.gain_bias)[0, :, :, 0]
        out[j] = model.success_rate * after
        if model.during is not None and model.during.size:
            units_d = _convolve(
                model.participants[None, :], model.during[None, j : j + 1], horizon, 0
            )
            out[j] += _biased(units_d, ug, one, n_purses, 1, model.gain_bias)[0, :, :, 0]
    return out
