"""Follow-up (opfølgning, som-method §3.19): realised figures for past years.

In a realised year the realised participants replace the planned ones and the realised
costs replace every planned cost of that year; the observed success rate
``Σ successes / Σ participants whose course has ended`` (by the last realised year)
replaces the net success rate for every cohort. The planned rate stays where no course has
ended yet. :class:`Realised` is the resolver's settled form; the engine's model applies it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .profiles import danish_number

__all__ = [
    "DEADWEIGHT_WARNING",
    "Realised",
    "deadweight_warning",
    "observed_success_rate",
    "with_realised_participants",
]

#: The warning where realised successes meet a gross success rate with deadweight (user
#: trial: the observed rate Σ successes / Σ participants replaces the net rate as §3.19
#: prescribes, but counted successes may include citizens who would have succeeded anyway).
#: ``{b}`` is the plan's deadweight as a Danish percentage; the workbook's *Opfølgning* sheet
#: shows the same text with its own live percentage in place of ``{b}``.
DEADWEIGHT_WARNING = (
    "Den observerede succesrate bruges som nettosuccesrate, som metoden foreskriver. Tæller "
    "de realiserede succeser borgere, der ville have klaret sig alligevel (planens dødvægt "
    "b = {b}), er den nye prognose for optimistisk med op til b; tæl kun de succeser, der "
    "skyldes indsatsen, eller træk b fra selv."
)


@dataclass(frozen=True)
class Realised:
    """One realised year: participants, successes and costs (None = not given).

    ``costs`` are cost lines at the price level (``ResolvedCost``), the year's only costs
    when given.
    """

    year: int
    participants: float | None = None
    successes: float | None = None
    costs: tuple[object, ...] | None = None


def with_realised_participants(
    planned: Mapping[int, float], realised: Sequence[Realised]
) -> dict[int, float]:
    """The participants by year with the realised ones in place of the planned.

    Parameters
    ----------
    planned : mapping of year to participants
    realised : sequence of Realised

    Returns
    -------
    dict of int to float

    Examples
    --------
    >>> with_realised_participants({2025: 20, 2026: 20}, [Realised(2025, participants=14)])
    {2025: 14, 2026: 20}
    """
    out = dict(planned)
    for r in realised:
        if r.participants is not None:
            out[r.year] = r.participants
    return dict(sorted(out.items()))


def observed_success_rate(
    participants: Mapping[int, float], realised: Sequence[Realised], course_years: int
) -> float | None:
    """Σ successes / Σ participants whose course has ended by the last realised year.

    Parameters
    ----------
    participants : mapping of year to participants
        With the realised participants in place (:func:`with_realised_participants`).
    realised : sequence of Realised
    course_years : int
        A course started in year c ends in c + course_years − 1.

    Returns
    -------
    float or None
        None where no successes are given or no course has ended (the planned rate stays).

    Examples
    --------
    Courses of one year; 14 started in 2025 and 18 in 2026, 4 and 6 succeeded:

    >>> real = [Realised(2025, 14, 4), Realised(2026, 18, 6)]
    >>> observed_success_rate({2025: 14, 2026: 18, 2027: 20}, real, 1)
    0.3125
    >>> observed_success_rate({2025: 14}, [Realised(2025, 14, 4)], 2) is None  # not ended
    True
    """
    given = [r for r in realised if r.successes is not None]
    if not given:
        return None
    last = max(r.year for r in realised)
    ended = sum(n for c, n in participants.items() if c + course_years - 1 <= last)
    if ended <= 0:
        return None
    return sum(float(r.successes or 0.0) for r in given) / ended


def deadweight_warning(without: float | None, realised: Sequence[Realised]) -> tuple[str, ...]:
    """The follow-up's warning where the plan's success rate is gross with deadweight.

    Given where realised successes are entered and the rate without the intervention
    (``success_rate: {without: b}``) is above 0.

    Parameters
    ----------
    without : float or None
        The success rate without the intervention (the deadweight b); None for a net rate.
    realised : sequence of Realised

    Returns
    -------
    tuple of str
        The warning, or nothing.

    Examples
    --------
    >>> print(deadweight_warning(0.15, [Realised(2026, 35, 9)])[0])  # doctest: +ELLIPSIS
    Den observerede ... (planens dødvægt b = 15 %), er den nye prognose for optimistisk ...
    >>> deadweight_warning(0.0, [Realised(2026, 35, 9)]), deadweight_warning(0.15, [])
    ((), ())
    """
    if not without or without <= 0 or all(r.successes is None for r in realised):
        return ()
    return (DEADWEIGHT_WARNING.format(b=f"{danish_number(without * 100)} %"),)
