"""The intermediate rows of one scenario's calculation: what each year column holds.

:func:`trace` returns a :class:`Trace`: every row the calculation passes through (starters,
ended courses, successes, units and gains per consequence, costs, yearly totals, discounting,
cumulative sums and the break-even flag), each a named field, so that a presentation (the
workbook's calculation sheet, a report) can refer to a row by its name and show the same
numbers the engine computed. It is opt-in: :func:`som_xl.engine.evaluate` never computes it.

A trace has ``C`` year columns: the horizon ``T`` by default, or more (:meth:`Trace.padded`)
for a sheet with a fixed number of year columns. Past the horizon the columns continue the
timeline as the workbook's formulas do: years, rates and discount factors go on; starters,
units, gains and costs are 0; courses that started inside the horizon still end (``ended``,
``successes``); the cumulative sums hold their last value; the break-even flag is 0.

Which numbers equal which: the totals (``costs``, ``gains``, ``costs_t``, ``gains_t``,
``net_t``, ``discounted_net_t``, ``cumulative_discounted_net_t``) are :func:`evaluate`'s, to
the last bit. The per-consequence rows (``units``, ``gains_by_consequence``) are computed the
way a sheet computes them (successes × profile, then × unit gain), so they add up to the
totals up to float rounding (≈ 1e-12 relative), not to the last bit.
:meth:`Trace.sheet_totals` adds the rows up as a sheet does (gains from the per-consequence
rows, costs from the cost lines): a sheet's cached values, equal to what its formulas give.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np

from .core import BREAK_EVEN_TOLERANCE, BatchResult, FloatArray, IndexArray, Model, evaluate
from .core import _convolve as convolve
from .discount import discount_factors, rates_by_year

__all__ = ["YEAR_ROWS", "SheetTotals", "Trace", "trace"]

#: The fields that are one row of C year columns, in the order a sheet shows them.
YEAR_ROWS = (
    "years",
    "t",
    "in_horizon",
    "rates",
    "discount",
    "starters",
    "ended",
    "successes",
    "gains_at_full_success",
    "gains_during",
    "costs_t",
    "gains_t",
    "net_t",
    "discounted_net_t",
    "cumulative_discounted_net_t",
    "cumulative_net_t",
    "break_even_t",
)


@dataclass(frozen=True, eq=False)
class Trace:
    """The intermediate rows of one scenario's calculation over ``C`` year columns.

    Axes: ``C`` year columns (t = 0 is the start year; ``C`` ≥ the horizon ``T``), ``J``
    consequences (the model's order), ``K`` profile years, ``A`` purses, ``B`` budget items,
    ``N`` cost lines. Money in kr. at the scenario's price level; gains are positive when the
    public sector gains. See the module docstring for the columns past the horizon.

    Examples
    --------
    >>> tr = trace(Model.simple([10, 10, 0], 0.5, [-2, -1], -100.0, costs=[1000, 0, 0]))
    >>> tr.successes.tolist(), tr.units.tolist()
    ([5.0, 5.0, 0.0], [[0.0, -10.0, -15.0]])
    >>> tr.net_t.tolist(), tr.break_even_t.tolist()
    ([-1000.0, 1000.0, 1500.0], [0.0, 1.0, 1.0])
    """

    # --- scenario constants -------------------------------------------------------------
    #: First calendar year.
    start_year: int
    #: The horizon T (years with flows).
    horizon: int
    #: Course length in years (a course started in year c ends in c + course_years − 1).
    course_years: int
    #: Net success rate s.
    success_rate: float
    #: Purse labels (A,), budget-item labels (B,), cost-line labels (N,).
    purses: tuple[str, ...]
    budget_items: tuple[str, ...]
    cost_labels: tuple[str, ...]

    # --- the timeline (C,) --------------------------------------------------------------
    #: Calendar year of each column.
    years: IndexArray
    #: Year index t = year − start_year.
    t: IndexArray
    #: 1.0 inside the horizon (t < T), else 0.0.
    in_horizon: FloatArray
    #: Discount rate r_t in force in year t; 0.0 at t = 0 (the start year is not discounted).
    rates: FloatArray
    #: Discount factor D(t) = D(t − 1) / (1 + r_t), D(0) = 1.
    discount: FloatArray

    # --- participants (C,) --------------------------------------------------------------
    #: Participants starting a course in year t.
    starters: FloatArray
    #: Participants whose course ends in year t: starters[t − course_years + 1].
    ended: FloatArray
    #: Successful citizens counted in year t: ended × s.
    successes: FloatArray

    # --- consequences -------------------------------------------------------------------
    #: (J, K) change in units per successful citizen, k = 1..K years after the course.
    profiles: FloatArray
    #: (J, A) gain per unit used, per purse: price × d (d = −1 expenditure, +1 revenue).
    unit_gains: FloatArray
    #: (J,) budget-item index of each consequence.
    consequence_items: IndexArray
    #: (K,) W(k): gain (all purses) per successful citizen in the k-th year after the
    #: course, Σ_j profiles[j, k] × Σ_a unit_gains[j, a].
    gain_per_success: FloatArray
    #: (J, C) change in units of each consequence's service: Σ_k successes[t − k] × profile[k].
    units: FloatArray
    #: (J, C, A) value of each consequence to each purse: units × unit_gains, plus
    #: units_during × unit_gains (som-method §3.10).
    gains_by_consequence: FloatArray
    #: (J, C) units at success rate 1: Σ_k ended[t − k] × profile[k], computed one
    #: consequence at a time (each independent of the others to the last bit).
    units_at_full_success: FloatArray
    #: (J, C, A) gains at success rate 1: units_at_full_success × unit_gains. The gains are
    #: linear in s: s × this is each consequence's gain as the engine sums it.
    gains_by_consequence_at_full_success: FloatArray
    #: (C,) gains after the course (all consequences and purses) at success rate 1, each
    #: consequence's flow with the optimism bias; its present value is the denominator of
    #: the break-even success rate.
    gains_at_full_success: FloatArray
    #: PV of the gains at success rate 1 (evaluate's figure).
    pv_gains_at_full_success: float
    #: (J, C) change in units during the course (som-method §3.10): Σ_l starters[t − l + 1] ×
    #: during[l], every participant (not scaled by s); zeros where none has any.
    units_during: FloatArray
    #: (L,) V(l): gain (all purses) per participant in the l-th course year,
    #: Σ_j during[j, l] × Σ_a unit_gains[j, a].
    gain_per_participant: FloatArray
    #: (C,) gains during the course (all consequences and purses): Σ_l starters[t − l + 1] ×
    #: V(l) inside the horizon.
    gains_during: FloatArray
    #: PV of the during-course gains (evaluate's figure; the break-even success rate, §3.8).
    pv_gains_during: float

    # --- costs --------------------------------------------------------------------------
    #: (N, C) each cost item's kr. per year (negative = saved); empty if the model has none.
    cost_lines: FloatArray
    #: (N,) purse index and budget-item index of each cost line.
    cost_purses: IndexArray
    cost_items: IndexArray

    # --- flows by purse and budget item (C, A, B) ---------------------------------------
    costs: FloatArray
    gains: FloatArray

    # --- yearly totals (C,) -------------------------------------------------------------
    costs_t: FloatArray
    gains_t: FloatArray
    #: gains − costs, summed over purses and budget items.
    net_t: FloatArray
    #: net_t × discount.
    discounted_net_t: FloatArray
    #: Running sum of discounted_net_t (holds its last value past the horizon).
    cumulative_discounted_net_t: FloatArray
    #: Running sum of net_t.
    cumulative_net_t: FloatArray
    #: 1.0 where the year is inside the horizon and cumulative_discounted_net_t ≥ 0 (within
    #: BREAK_EVEN_TOLERANCE), else 0.0; the break-even year is the first 1.0.
    break_even_t: FloatArray

    # --- the inputs ---------------------------------------------------------------------
    #: The model traced and evaluate's result for it.
    model: Model = field(repr=False)
    batch: BatchResult = field(repr=False)

    @property
    def columns(self) -> int:
        """Number of year columns C."""
        return int(self.years.shape[0])

    @property
    def net(self) -> FloatArray:
        """(C, A, B) gains − costs."""
        return np.asarray(self.gains - self.costs, dtype=np.float64)

    @property
    def costs_by_purse(self) -> FloatArray:
        """(C, A) costs summed over budget items."""
        return np.asarray(self.costs.sum(axis=2), dtype=np.float64)

    @property
    def gains_by_purse(self) -> FloatArray:
        """(C, A) gains summed over budget items."""
        return np.asarray(self.gains.sum(axis=2), dtype=np.float64)

    @property
    def costs_by_budget_item(self) -> FloatArray:
        """(C, B) costs summed over purses."""
        return np.asarray(self.costs.sum(axis=1), dtype=np.float64)

    @property
    def gains_by_budget_item(self) -> FloatArray:
        """(C, B) gains summed over purses."""
        return np.asarray(self.gains.sum(axis=1), dtype=np.float64)

    def field(self, name: str) -> FloatArray | IndexArray:
        """A row (or table) by its field name, as a workbook row specification names it.

        Examples
        --------
        >>> trace(Model.simple([10, 0], 0.5, [-2], -100.0)).field("successes").tolist()
        [5.0, 0.0]
        """
        if name not in _ARRAY_FIELDS:
            raise KeyError(f"no trace field {name!r}; fields: {', '.join(_ARRAY_FIELDS)}")
        value: FloatArray | IndexArray = getattr(self, name)
        return value

    def padded(self, columns: int) -> Trace:
        """The same trace over ``columns`` year columns (≥ the horizon), as a fixed-width sheet.

        Parameters
        ----------
        columns : int
            Number of year columns, at least the horizon.

        Returns
        -------
        Trace

        Examples
        --------
        >>> tr = trace(Model.simple([10, 10], 0.5, [-2], -100.0, rate=0.1, course_years=2))
        >>> wide = tr.padded(4)
        >>> wide.years.tolist(), wide.in_horizon.tolist(), wide.rates.tolist()
        ([2025, 2026, 2027, 2028], [1.0, 1.0, 0.0, 0.0], [0.0, 0.1, 0.1, 0.1])
        >>> wide.ended.tolist(), wide.units.tolist()
        ([0.0, 10.0, 10.0, 0.0], [[0.0, 0.0, 0.0, 0.0]])
        """
        return _build(self.model, self.batch, columns)

    def sheet_totals(self) -> SheetTotals:
        """The yearly totals as a sheet adds up its rows (see :class:`SheetTotals`).

        Examples
        --------
        >>> tr = trace(Model.simple([10, 0, 0], 0.5, [-2, -1], -100.0, costs=[1000, 0, 0]))
        >>> tr.sheet_totals().net_t.tolist()
        [-1000.0, 1000.0, 500.0]
        """
        return _sheet_totals(self)


@dataclass(frozen=True, eq=False)
class SheetTotals:
    """The yearly totals added up as a sheet adds them: from the rows it shows.

    The year's gains are the sum of the per-consequence gain rows (``gains_by_consequence``),
    its costs the sum of the cost lines; net, discounted and cumulative rows follow from
    those, as the workbook's formulas compute them. They equal the trace's own totals (which
    are :func:`evaluate`'s) up to float rounding, not to the last bit; a sheet whose cached
    values must be what its formulas give uses these. Field names as in :class:`Trace`.

    costs_t, gains_t, net_t, discounted_net_t, cumulative_discounted_net_t,
    cumulative_net_t, break_even_t: (C,)
    costs_by_purse, gains_by_purse: (C, A)
    costs_by_budget_item, gains_by_budget_item: (C, B)
    """

    costs_t: FloatArray
    gains_t: FloatArray
    net_t: FloatArray
    discounted_net_t: FloatArray
    cumulative_discounted_net_t: FloatArray
    cumulative_net_t: FloatArray
    break_even_t: FloatArray
    costs_by_purse: FloatArray
    gains_by_purse: FloatArray
    costs_by_budget_item: FloatArray
    gains_by_budget_item: FloatArray


def _sheet_totals(tr: Trace) -> SheetTotals:
    """Row sums in the order a sheet adds them (rows one after the other)."""
    gbc, lines = tr.gains_by_consequence, tr.cost_lines
    costs_t = lines.sum(axis=0) if lines.shape[0] else np.zeros(tr.columns)
    gains_t = gbc.sum(axis=(0, 2))
    net_t = gains_t - costs_t
    discounted = net_t * tr.discount
    cum = np.cumsum(discounted)
    n_purses, n_items = len(tr.purses), len(tr.budget_items)
    costs_purse = np.zeros((n_purses, tr.columns))
    for a in range(n_purses):
        if (tr.cost_purses == a).any():
            costs_purse[a] = lines[tr.cost_purses == a].sum(axis=0)
    costs_item = np.zeros((n_items, tr.columns))
    gains_item = np.zeros((n_items, tr.columns))
    for n in range(lines.shape[0]):
        costs_item[tr.cost_items[n]] += lines[n]
    for j in range(gbc.shape[0]):
        gains_item[tr.consequence_items[j]] += gbc[j].sum(axis=1)
    return SheetTotals(
        costs_t=costs_t,
        gains_t=gains_t,
        net_t=net_t,
        discounted_net_t=discounted,
        cumulative_discounted_net_t=cum,
        cumulative_net_t=np.cumsum(net_t),
        break_even_t=(
            (tr.in_horizon == 1)
            & (np.cumsum(_pad(tr.batch.has_flow[0].astype(np.float64), tr.columns)) > 0)
            & (cum >= -BREAK_EVEN_TOLERANCE)
        ).astype(np.float64),
        costs_by_purse=costs_purse.T,
        gains_by_purse=gbc.sum(axis=0),
        costs_by_budget_item=costs_item.T,
        gains_by_budget_item=gains_item.T,
    )


def trace(model: Model, *, batch: BatchResult | None = None, columns: int | None = None) -> Trace:
    """The intermediate rows of one scenario's calculation.

    A separate function rather than a flag on :func:`evaluate`: ``evaluate`` is batched (V
    variations, no per-consequence arrays) and keeps one return type, while a trace is one
    scenario's rows; it reuses ``evaluate``'s result, so its totals are ``evaluate``'s.

    Parameters
    ----------
    model : Model
        The scenario (the first variation only: a trace has no variation axis).
    batch : BatchResult, optional
        ``evaluate(model)`` if already computed (the trace then evaluates nothing).
    columns : int, optional
        Number of year columns C (default: the horizon); see :meth:`Trace.padded`.

    Returns
    -------
    Trace

    Examples
    --------
    One cohort of 10, half succeed, 2 and 1 fewer units (100 kr. each) in the two years after
    a one-year course; 1,000 kr. in the start year; 10 % discount rate:

    >>> tr = trace(Model.simple([10, 0, 0], 0.5, [-2, -1], -100.0, rate=0.1,
    ...                         costs=[1000, 0, 0]))
    >>> tr.successes.tolist()
    [5.0, 0.0, 0.0]
    >>> tr.units.tolist(), tr.gains_t.tolist()
    ([[0.0, -10.0, -5.0]], [0.0, 1000.0, 500.0])
    >>> tr.cumulative_discounted_net_t.round(2).tolist()
    [-1000.0, -90.91, 322.31]
    >>> tr.break_even_t.tolist()
    [0.0, 0.0, 1.0]
    """
    if batch is None:
        batch = evaluate(model)
    return _build(model, batch, model.horizon if columns is None else columns)


def _pad(x: FloatArray, columns: int, axis: int = 0) -> FloatArray:
    """Zeros after the horizon along ``axis``."""
    width = [(0, 0)] * x.ndim
    width[axis] = (0, columns - x.shape[axis])
    return np.pad(np.asarray(x, dtype=np.float64), width)


def _build(model: Model, batch: BatchResult, columns: int) -> Trace:
    horizon = model.horizon
    if columns < horizon:
        raise ValueError(f"a trace needs at least the horizon's {horizon} columns, not {columns}")
    t = np.arange(columns, dtype=np.intp)
    rates, discount = _discounting(model, columns)
    starters = _pad(model.participants, columns)
    ended = np.zeros(columns)
    lag = model.course_years - 1
    if lag < columns:
        ended[lag:] = starters[: columns - lag]
    s = float(model.success_rate)
    successes = ended * s
    cons = _consequences(model, ended[:horizon], successes[:horizon], columns)
    cons |= _during(model, starters[:horizon], columns, cons.pop("gains_by_consequence"))
    totals = _totals(batch, discount, horizon, columns)
    lines = model.cost_lines
    return Trace(
        start_year=model.start_year,
        horizon=horizon,
        course_years=model.course_years,
        success_rate=s,
        purses=model.purses,
        budget_items=model.budget_items,
        cost_labels=lines.labels if lines is not None else (),
        years=model.start_year + t,
        t=t,
        in_horizon=(t < horizon).astype(np.float64),
        rates=rates,
        discount=discount,
        starters=starters,
        ended=ended,
        successes=successes,
        profiles=model.profiles,
        unit_gains=model.unit_gains,
        consequence_items=model.consequence_items,
        pv_gains_at_full_success=float(batch.pv_gains_at_full_success[0]),
        pv_gains_during=float(batch.pv_gains_during[0]),
        cost_lines=_pad(lines.values, columns, 1) if lines is not None else np.zeros((0, columns)),
        cost_purses=lines.purses if lines is not None else np.zeros(0, dtype=np.intp),
        cost_items=lines.items if lines is not None else np.zeros(0, dtype=np.intp),
        costs=_pad(batch.costs[0], columns),
        gains=_pad(batch.gains[0], columns),
        **cons,
        **totals,
        model=model,
        batch=batch,
    )


def _discounting(model: Model, columns: int) -> tuple[FloatArray, FloatArray]:
    """Rates r_t (0 at t = 0) and factors D(t) over the columns; D = the model's inside."""
    horizon = model.horizon
    schedule = list(model.discount_schedule)
    discount = np.ones(columns)
    discount[:horizon] = model.discount[:horizon]
    if schedule:
        rates = rates_by_year(columns, schedule)
        discount[horizon:] = discount_factors(columns, schedule)[horizon:columns]
        return rates, discount
    if columns > horizon:
        raise ValueError("the model has no discount schedule: its years cannot be extended")
    # No schedule: the rates that give the model's factors, D(t − 1) / D(t) − 1.
    rates = np.zeros(columns)
    rates[1:] = discount[:-1] / discount[1:] - 1.0
    return rates, discount


def _consequences(
    model: Model, ended: FloatArray, successes: FloatArray, columns: int
) -> dict[str, FloatArray]:
    """Units and gains per consequence, and the gains at full success (zeros past T)."""
    horizon = model.horizon
    profiles, unit_gains = model.profiles, model.unit_gains
    # As the workbook's rows compute them: all consequences at once.
    units = convolve(successes[None, :], profiles[None, ...], horizon)[0]
    # One consequence at a time, so that each consequence's figures are independent of the
    # others to the last bit (a matrix product's rounding depends on its shape); these are
    # the per-consequence figures of the result contract.
    units1 = np.zeros_like(units)
    for j in range(profiles.shape[0]):
        units1[j] = convolve(ended[None, :], profiles[None, j : j + 1], horizon)[0, 0]
    # W(k) (a per-citizen summary) and the gains at full success: each consequence's flow
    # of the year with the optimism bias (§3.14), added one consequence after the other.
    og = float(model.gain_bias)
    w = _per_citizen(profiles, unit_gains, og)
    g1 = np.zeros(columns)
    for j in range(profiles.shape[0]):
        plain = units1[j] * unit_gains[j].sum()
        g1[:horizon] += plain - og * np.abs(units1[j]) * np.abs(unit_gains[j]).sum()
    s = float(model.success_rate)
    after1 = units1[:, :, None] * unit_gains[:, None, :]
    return {
        "gain_per_success": np.asarray(w, dtype=np.float64),
        "units": _pad(units, columns, 1),
        "gains_by_consequence": _pad(s * _bias(after1, og), columns, 1),
        "units_at_full_success": _pad(units1, columns, 1),
        "gains_by_consequence_at_full_success": _pad(after1, columns, 1),
        "gains_at_full_success": g1,
    }


def _bias(gains: FloatArray, og: float) -> FloatArray:
    """Each flow with the optimism bias on gains (§3.14): g × (1 − og × sign(g))."""
    return np.asarray(gains * (1.0 - og * np.sign(gains)), dtype=np.float64)


def _per_citizen(values: FloatArray, unit_gains: FloatArray, og: float) -> FloatArray:
    """(K,) Σ_j values[j, k] × Σ_a unit_gains[j, a] with the optimism bias on each purse's
    flow: − og × |values[j, k]| × Σ_a |unit_gains[j, a]| (W(k) and V(l))."""
    plain = (values * unit_gains.sum(axis=1)[:, None]).sum(axis=0)
    if not og:
        return np.asarray(plain, dtype=np.float64)
    absolute = (np.abs(values) * np.abs(unit_gains).sum(axis=1)[:, None]).sum(axis=0)
    return np.asarray(plain - og * absolute, dtype=np.float64)


def _during(
    model: Model, starters: FloatArray, columns: int, gains_after: FloatArray
) -> dict[str, FloatArray]:
    """Units and gains during the course (§3.10), and each consequence's gains: after the
    course plus during it, added as a sheet adds them."""
    horizon = model.horizon
    n_cons = model.profiles.shape[0]
    during = model.during if model.during is not None else np.zeros((n_cons, 0))
    units_d = convolve(starters[None, :], during[None, ...], horizon, offset=0)[0]
    unit_gains = model.unit_gains
    og = float(model.gain_bias)
    v = _per_citizen(during, unit_gains, og)
    gd = np.zeros(columns)
    for n in range(min(v.shape[0], horizon)):
        gd[n:horizon] += starters[: horizon - n] * v[n]
    gains_d = _pad(_bias(units_d[:, :, None] * unit_gains[:, None, :], og), columns, 1)
    return {
        "units_during": _pad(units_d, columns, 1),
        "gain_per_participant": np.asarray(v, dtype=np.float64),
        "gains_during": gd,
        "gains_by_consequence": gains_after + gains_d,
    }


def _totals(
    batch: BatchResult, discount: FloatArray, horizon: int, columns: int
) -> dict[str, FloatArray]:
    """The yearly totals, evaluate's to the last bit inside the horizon."""
    net_t = _pad(batch.by_year("net")[0], columns)
    discounted = net_t * discount
    cum = np.cumsum(discounted)
    inside = np.arange(columns) < horizon
    started = np.cumsum(_pad(batch.has_flow[0].astype(np.float64), columns)) > 0
    inside = inside & started  # break-even counts from the first year with a flow
    return {
        "costs_t": _pad(batch.by_year("costs")[0], columns),
        "gains_t": _pad(batch.by_year("gains")[0], columns),
        "net_t": net_t,
        "discounted_net_t": discounted,
        "cumulative_discounted_net_t": cum,
        "cumulative_net_t": np.cumsum(net_t),
        "break_even_t": (inside & (cum >= -BREAK_EVEN_TOLERANCE)).astype(np.float64),
    }


_ARRAY_FIELDS = tuple(
    f.name
    for f in fields(Trace)
    if f.name
    not in (
        "start_year",
        "horizon",
        "course_years",
        "success_rate",
        "purses",
        "budget_items",
        "cost_labels",
        "pv_gains_at_full_success",
        "pv_gains_during",
        "model",
        "batch",
    )
)
