"""Draws and quantiles of the uncertainty block's distributions (som-method.md §3.20).

numpy's Generator draws; the quantiles (the tornado's 10 % and 90 % values) are exact:
closed forms for triangular and uniform, the standard library's ``NormalDist`` for a
(truncated) normal, and a small regularised incomplete beta function for beta. scipy is not
used: it would add about 0.2 s and 100 MB to every start of the command line and the Excel
functions for two quantiles per input, which these few lines give exactly.

A normal distribution is truncated to the input's bounds by drawing again where a draw falls
outside (all draws stay reproducible from the seed).
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
from numpy.typing import NDArray

from ..errors import InputError, Problem
from ..inputs.uncertainty import Distribution

__all__ = ["beta_cdf", "beta_parameters", "quantile", "sample"]

FloatArray = NDArray[np.float64]
_STD = NormalDist()
#: Below this share of a normal distribution inside the bounds, truncation is refused.
MIN_INSIDE = 1e-4


def beta_parameters(mean: float, sd: float) -> tuple[float, float]:
    """The shape parameters (a, b) of the beta distribution with this mean and sd.

    Parameters
    ----------
    mean, sd : float
        0 < mean < 1 and sd² < mean × (1 − mean) (checked where the block is read).

    Returns
    -------
    (float, float)
        a = mean × ν and b = (1 − mean) × ν with ν = mean × (1 − mean) / sd² − 1.

    Examples
    --------
    >>> beta_parameters(0.5, 0.5 / math.sqrt(5))  # a = b = 2: variance 1/20
    (2.0, 2.0)
    """
    nu = mean * (1.0 - mean) / (sd * sd) - 1.0
    return mean * nu, (1.0 - mean) * nu


def _betacf(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def beta_cdf(x: float, a: float, b: float) -> float:
    """The regularised incomplete beta function I_x(a, b): P(X ≤ x) for X ~ Beta(a, b).

    Parameters
    ----------
    x : float
        The point (0 below 0, 1 above 1).
    a, b : float
        The shape parameters (> 0).

    Returns
    -------
    float
        By the continued fraction of Numerical Recipes §6.4 (modified Lentz), to about 1e-15.

    Examples
    --------
    >>> beta_cdf(0.5, 2.0, 2.0), round(beta_cdf(0.3, 2.0, 1.0), 12)  # x² for Beta(2, 1)
    (0.5, 0.09)
    """
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    ln = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    front = math.exp(ln + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def _beta_ppf(p: float, a: float, b: float) -> float:
    """The p-quantile of Beta(a, b) by bisection (the CDF is monotone): 1e-13 exact."""
    lo, hi = 0.0, 1.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if beta_cdf(mid, a, b) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-14:
            break
    return 0.5 * (lo + hi)


def _normal_inside(d: Distribution) -> tuple[float, float]:
    """Φ at the input's lower and upper bound, for a normal distribution's mean and sd."""
    mean, sd = float(d.mean or 0.0), float(d.sd or 1.0)
    lo = _STD.cdf((d.lower - mean) / sd)
    hi = 1.0 if math.isinf(d.upper) else _STD.cdf((d.upper - mean) / sd)
    return lo, hi


def quantile(d: Distribution, p: float) -> float:
    """The p-quantile (0 < p < 1) of a distribution, truncated to its input's bounds.

    Parameters
    ----------
    d : Distribution
        A distribution of the uncertainty block (its class gives the input's bounds).
    p : float
        The probability, 0 < p < 1.

    Returns
    -------
    float
        Exact: closed forms (uniform, triangular), the inverse normal CDF of the standard
        library for a normal truncated to the bounds, bisection on the beta CDF.

    Examples
    --------
    >>> from som_xl.inputs.uncertainty import FactorDistribution, RateDistribution
    >>> quantile(FactorDistribution(dist="uniform", low=0.8, high=1.2), 0.9)
    1.16
    >>> round(quantile(RateDistribution(dist="triangular", low=0, mode=0, high=1), 0.75), 12)
    0.5
    >>> round(quantile(FactorDistribution(dist="normal", mean=1, sd=0.2), 0.5), 6)  # cut at 0
    1.0
    """
    if d.dist == "uniform":
        low, high = float(d.low or 0.0), float(d.high or 0.0)
        return low + p * (high - low)
    if d.dist == "triangular":
        low, mode, high = float(d.low or 0.0), float(d.mode or 0.0), float(d.high or 0.0)
        if high == low:
            return low
        cut = (mode - low) / (high - low)
        if p <= cut:
            return low + math.sqrt(p * (high - low) * (mode - low))
        return high - math.sqrt((1.0 - p) * (high - low) * (high - mode))
    if d.dist == "beta":
        a, b = beta_parameters(float(d.mean or 0.0), float(d.sd or 1.0))
        return _beta_ppf(p, a, b)
    lo, hi = _normal_inside(d)
    u = min(max(lo + p * (hi - lo), 1e-300), 1.0 - 1e-16)
    value = float(d.mean or 0.0) + float(d.sd or 1.0) * _STD.inv_cdf(u)
    return min(max(value, d.lower), d.upper)


def sample(
    d: Distribution, rng: np.random.Generator, n: int, where: str = "", key: str = ""
) -> FloatArray:
    """n draws from a distribution (truncated to its input's bounds), from ``rng``.

    Parameters
    ----------
    d : Distribution
        A distribution of the uncertainty block.
    rng : numpy.random.Generator
        The seeded generator (the draws are reproducible from its seed).
    n : int
        How many draws.
    where, key : str
        The place and key a problem names (a normal distribution almost wholly outside its
        bounds).

    Returns
    -------
    ndarray (n,)

    Examples
    --------
    >>> from som_xl.inputs.uncertainty import RateDistribution
    >>> x = sample(RateDistribution(dist="normal", mean=0.05, sd=0.1),
    ...            np.random.default_rng(1), 1000)
    >>> bool(x.min() >= 0), x.shape
    (True, (1000,))
    """
    if d.dist == "uniform":
        low, high = float(d.low or 0.0), float(d.high or 0.0)
        return np.asarray(rng.uniform(low, high, n), dtype=np.float64)
    if d.dist == "triangular":
        low, mode, high = float(d.low or 0.0), float(d.mode or 0.0), float(d.high or 0.0)
        if high == low:
            return np.full(n, low)
        return np.asarray(rng.triangular(low, mode, high, n), dtype=np.float64)
    if d.dist == "beta":
        a, b = beta_parameters(float(d.mean or 0.0), float(d.sd or 1.0))
        return np.asarray(rng.beta(a, b, n), dtype=np.float64)
    lo, hi = _normal_inside(d)
    if hi - lo < MIN_INSIDE:
        raise InputError(
            Problem(
                where,
                key,
                f"normalfordelingen (mean {d.mean}, sd {d.sd}) ligger næsten helt uden for "
                f"grænserne ({d.lower:g} til {d.upper:g}); flyt mean eller brug en anden "
                "fordeling",
            )
        )
    mean, sd = float(d.mean or 0.0), float(d.sd or 1.0)
    out = rng.normal(mean, sd, n)
    bad = (out < d.lower) | (out > d.upper)
    while bad.any():
        out[bad] = rng.normal(mean, sd, int(bad.sum()))
        bad = (out < d.lower) | (out > d.upper)
    return np.asarray(out, dtype=np.float64)
