"""Discount rates and factors (som-method.md §3.7): the start year is not discounted.

Year index ``t = y − start_year``. The rate in force in year ``i`` is ``r_i`` (``i ≥ 1``); the
discount factor is ``D(t) = Π_{i=1..t} 1/(1 + r_i)``, so ``D(0) = 1``. A schedule is either one
rate for every year or a list of ``(from_year, rate)`` steps, ``from_year`` counted in ``i``.
Factors are written out explicitly; Excel's ``NPV()`` (which discounts the first value one
period) is never leaned on.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

__all__ = ["Schedule", "discount_factors", "rate_path", "rates_by_year"]

FloatArray = NDArray[np.float64]

#: One rate for every year, or ``(from_year, rate)`` steps (``from_year`` ≥ 1).
Schedule = float | Sequence[tuple[int, float]]


def rate_path(horizon: int, schedule: Schedule) -> FloatArray:
    """The rates ``r_i`` for ``i = 1 … horizon − 1`` (at index ``i − 1``).

    Parameters
    ----------
    horizon : int
        Number of years, the start year included.
    schedule : float or sequence of (int, float)
        One rate, or ``(from_year, rate)`` steps; each step holds from its year until the next
        step. Years before the first step have rate 0.

    Returns
    -------
    ndarray of float, shape (max(horizon − 1, 0),)

    Examples
    --------
    >>> rate_path(4, 0.05).tolist()
    [0.05, 0.05, 0.05]
    >>> rate_path(5, [(1, 0.035), (3, 0.025)]).tolist()
    [0.035, 0.035, 0.025, 0.025]
    """
    n = max(horizon - 1, 0)
    if isinstance(schedule, int | float):
        return np.full(n, float(schedule))
    steps = sorted(schedule)
    rates = np.empty(n)
    i = np.arange(1, n + 1)
    for from_year, rate in steps:
        rates[i >= from_year] = rate
    if steps and steps[0][0] > 1:
        rates[i < steps[0][0]] = 0.0
    return rates


def rates_by_year(horizon: int, schedule: Schedule) -> FloatArray:
    """The rate row of a year table: ``r_t`` at index ``t``, with 0 at ``t = 0``.

    Parameters
    ----------
    horizon : int
        Number of years, the start year included.
    schedule : float or sequence of (int, float)
        As for :func:`rate_path`.

    Returns
    -------
    ndarray of float, shape (horizon,)
        ``[0, r_1, r_2, …]``: the start year is not discounted, so it has no rate.

    Examples
    --------
    >>> rates_by_year(3, 0.05).tolist()
    [0.0, 0.05, 0.05]
    """
    return np.concatenate(([0.0], rate_path(horizon, schedule)))[:horizon]


def discount_factors(horizon: int, schedule: Schedule) -> FloatArray:
    """The discount factors ``D(t) = Π_{i=1..t} 1/(1 + r_i)``, ``t = 0 … horizon − 1``.

    ``D(0) = 1``: the start year is not discounted. A longer horizon extends the factors
    without changing the earlier ones (to the last bit).

    Parameters
    ----------
    horizon : int
        Number of years, the start year included.
    schedule : float or sequence of (int, float)
        As for :func:`rate_path`.

    Returns
    -------
    ndarray of float, shape (max(horizon, 1),)

    Examples
    --------
    >>> discount_factors(3, 0.05).round(6).tolist()
    [1.0, 0.952381, 0.907029]
    >>> bool(discount_factors(80, 0.035)[5] == discount_factors(6, 0.035)[5])
    True
    """
    rates = rate_path(horizon, schedule)
    return np.concatenate(([1.0], np.cumprod(1.0 / (1.0 + rates))))
