"""SOM_NETTORESULTAT's ranges -> a §4 scenario dict, with each value's place in the sheet.

:func:`scenario_from_ranges` reads the settings and participants here, the costs in
:mod:`.costs`, and own consequences and services in :mod:`.overrides`. The dict goes
unchanged through ``parse_scenario`` → ``resolve`` → ``calculate``; the places
(:mod:`.places`) let the resolver name its problems "omkostninger, række 3 (beløb)".
Settings names, values and their bounds are the field table's (:mod:`som_xl.inputs.fields`).
Every parser collects all problems of its range before it raises.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from som_xl.errors import InputError, Problem, suggest
from som_xl.inputs import fields as F

from .cells import (
    Cell,
    Grid,
    blank,
    check_errors,
    fail,
    grid,
    has_digit,
    optional_grid,
    text,
    whole,
)
from .costs import costs
from .extras import EXTRA_SETTINGS, committees, nest, realised, resources
from .fieldcells import below, read, year, year_like
from .lookup import knowledge, lookup
from .overrides import consequences, services, split_baseline
from .places import Places
from .years import YearPairs, strip_labels, year_pairs

__all__ = ["ALL_SETTINGS", "SETTINGS", "participants", "scenario_from_ranges", "settings"]

#: The basic settings SOM_NETTORESULTAT reads (scenario keys); their Danish names and
#: aliases, bounds and number rules are those of the field table.
SETTINGS = (
    "name",
    "target_group",
    "start_year",
    "horizon_years",
    "price_year",
    "discount_rate",
    "course_years",
    "success_rate",
    "intervention",
)
#: Every setting SOM_NETTORESULTAT reads: the basic ones and those of som-method §3.10–3.19
#: (:data:`~.extras.EXTRA_SETTINGS`, field table keys).
ALL_SETTINGS = (*SETTINGS, *EXTRA_SETTINGS)


def _setting_pairs(cells: Grid, arg: str) -> list[tuple[str, Cell, Cell]]:
    """(place, name, value) from two columns (name | value) or two rows."""
    if len(cells[0]) >= 2:
        return [(f"{arg}, række {i + 1}", row[0], row[1]) for i, row in enumerate(cells)]
    if len(cells) == 2:
        return [(f"{arg}, kolonne {j + 1}", cells[0][j], cells[1][j]) for j in range(len(cells[0]))]
    raise fail(arg, "skal være to kolonner: navn og værdi (fx 'startår' | 2025)")


def _setting_value(key: str, v: Cell, where: str) -> Cell:
    """A setting's value read by its field; a discount rate may name a schedule ("fm")."""
    if key in ("name", "target_group", "intervention"):
        return text(v)
    if key == "discount_rate" and isinstance(v, str) and not has_digit(v):
        return v.strip().lower()  # a schedule such as "fm"; the resolver knows them
    return whole(read(key, v, where, *key.split(".")))


def settings(
    rng: Cell, arg: str, allowed: Iterable[str] | None = None
) -> tuple[dict[str, Any], Places]:
    """Name/value pairs (two columns, or two rows) -> scenario keys and their places.

    Parameters
    ----------
    rng : Cell
        The range; empty or missing gives no settings.
    arg : str
        The argument's name, for places.
    allowed : iterable of str, optional
        The field keys allowed (default: :data:`ALL_SETTINGS`); a name is any of the
        field's Danish names in the field table (``fields.key_for``). A nested key such as
        ``optimism_bias.costs`` is placed at its path (:func:`~.extras.nest` nests it).

    Returns
    -------
    tuple of dict and Places
        Scenario key -> value, and ``(key,)`` -> "indstillinger, række 3 (startår)".

    Raises
    ------
    InputError
        Unknown or repeated names, a value without a name, a bad discount rate.

    Examples
    --------
    >>> data, places = settings([["Startår", 2025.0], ["Rente", "FM"]], "indstillinger")
    >>> data
    {'start_year': 2025, 'discount_rate': 'fm'}
    >>> places[("discount_rate",)]
    'indstillinger, række 2 (diskonteringsrente)'
    """
    cells = optional_grid(rng, arg)
    out: dict[str, Any] = {}
    places: Places = {}
    if cells is None:
        return out, places
    allowed_keys = tuple(allowed) if allowed is not None else ALL_SETTINGS
    problems = []
    for where, name, v in _setting_pairs(cells, arg):
        if name is None:
            if v is not None:
                problems.append(Problem(where, "", "værdien mangler et navn", v, True))
            continue
        key = F.key_for(text(name))
        if key not in allowed_keys:
            known = [F.field(k).word for k in allowed_keys]
            problems.append(
                Problem(where, "", f"ukendt indstilling; {suggest(name, known)}", name, True)
            )
            continue
        if key in out:
            problems.append(Problem(where, "", "indstillingen står to gange", name, True))
            continue
        if v is None:
            continue
        try:
            out[key] = _setting_value(key, v, where)
        except InputError as exc:
            problems += exc.problems
            continue
        path = tuple(key.split("."))
        places[path] = below(where, *path)
    if problems:
        raise InputError(problems)
    return out, places


def unset(places: Places, arg: str, keys: Iterable[str]) -> None:
    """Name the settings not given by the settings argument and the field.

    A setting left to the knowledge base's default is still the user's to change; a
    problem with it (a default price year the index lacks) names where it would go.

    Examples
    --------
    >>> places: Places = {}
    >>> unset(places, "indstillinger", ["horizon_years"])
    >>> places
    {('horizon_years',): 'indstillinger (horisont)'}
    """
    for key in keys:
        places.setdefault((key,), below(arg, key))


def _participant_pairs(cells: Grid, start_year: Cell, arg: str) -> YearPairs:
    """(year, count, place) from two columns, two rows or one line of counts.

    Labels decide first: under a header row ("År" | "Antal") two columns are years and
    counts, beside a label column two rows are; without labels, a line of two is a year
    and its count when the first reads as a year and the second does not.
    """
    cells, row_no, col_no, hint = strip_labels(cells)
    n_rows, n_cols = len(cells), len(cells[0]) if cells else 0
    if (hint == "columns" and n_cols == 2) or (hint == "rows" and n_rows == 2):
        return year_pairs(cells, row_no, col_no, hint, arg, "antal")
    line = cells[0] if n_rows == 1 else [r[0] for r in cells] if n_cols == 1 else []
    if len(line) == 2 and year_like(line[0]) and not year_like(line[1]):
        # one start year and its count in a row (2025 | 20) or a column
        where = f"{arg}, række {row_no[0]}" if n_rows == 1 else f"{arg}, kolonne {col_no[0]}"
        return [(line[0], line[1], where)]
    if n_rows == 1 or n_cols == 1:
        places = (
            [f"{arg}, kolonne {c}" for c in col_no]
            if n_rows == 1
            else [f"{arg}, række {r}" for r in row_no]
        )
        if start_year is None:
            raise fail(
                arg,
                "én række antal kræver 'startår' i indstillingerne "
                "(eller angiv år og antal i to kolonner)",
            )
        first = int(start_year)  # read by the settings
        return [(first + i, c, p) for i, (c, p) in enumerate(zip(line, places, strict=True))]
    return year_pairs(cells, row_no, col_no, hint, arg, "antal")


def participants(rng: Cell, start_year: Cell, arg: str) -> tuple[dict[int, Any], Places]:
    """Participants per start year from two columns, two rows or one line of counts.

    Parameters
    ----------
    rng : Cell
        The range: years and counts (see :func:`~.years.year_pairs`), or one row or column
        of counts from ``start_year``. A header row or label column is ignored.
    start_year : Cell
        The settings' start year, for one line of counts (may be None).
    arg : str
        The argument's name, for places.

    Returns
    -------
    tuple of dict and Places
        Year -> count, and ``("participants", year)`` -> "deltagere, kolonne 2".

    Raises
    ------
    InputError
        Missing, not years, repeated years, too large counts, or no participants at all.

    Examples
    --------
    >>> counts, places = participants([["År", 2025, 2026], ["Antal", 12.0, 15.0]], None, "deltagere")
    >>> counts, places[("participants", 2026)]
    ({2025: 12, 2026: 15}, 'deltagere, kolonne 3')
    >>> participants([[12, 15]], 2030, "deltagere")[0]
    {2030: 12, 2031: 15}
    >>> participants([["År", "Antal"], [1999, 10]], 2030, "deltagere")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: deltagere, række 2: skal ligge mellem 2000 og 2100 (værdi: 1999)
    """  # noqa: E501
    cells = grid(rng)
    if not cells or blank(c for row in cells for c in row):
        raise fail(arg, "mangler; angiv deltagere pr. startår, fx to kolonner: år | antal")
    check_errors(cells, arg)
    out: dict[int, Any] = {}
    places: Places = {("participants",): arg}
    problems: list[Problem] = []
    for found, count, where in _participant_pairs(cells, start_year, arg):
        if count is None:
            continue
        try:
            y = year(found, where)
            if y in out:
                raise fail(where, "året står to gange", y, True)
            out[y] = whole(read("participants.<year>", count, where))
        except InputError as exc:
            problems += exc.problems
            continue
        places[("participants", y)] = where
    if problems:
        raise InputError(problems)
    if not out:
        raise fail(arg, "der er ingen deltagere; angiv antal i mindst ét år")
    return out, places


def scenario_from_ranges(
    indstillinger: Cell,
    deltagere: Cell,
    omkostninger: Cell = None,
    konsekvenser: Cell = None,
    ydelser: Cell = None,
    udvalg: Cell = None,
    realiseret: Cell = None,
    ressourcer: Cell = None,
) -> tuple[dict[str, Any], Places]:
    """SOM_NETTORESULTAT's ranges as a §4 scenario dict, with each value's place in the sheet.

    Missing settings: the start year is the first participant year, the horizon the
    knowledge base's default; price year and discount rate are left to the resolver.

    Parameters
    ----------
    indstillinger, deltagere, omkostninger, konsekvenser, ydelser : Cell
        The function's range arguments (see ``SOM_NETTORESULTAT``'s help).
    udvalg, realiseret, ressourcer : Cell, optional
        Committees per budget item, realised years and resources (:mod:`.extras`).

    Returns
    -------
    tuple of dict and Places
        The scenario (for ``parse_scenario``) and where each value came from.

    Raises
    ------
    InputError
        Every problem of every range; then a missing success rate or target group.

    Examples
    --------
    >>> data, places = scenario_from_ranges(
    ...     [["Horisont", 3], ["Succesrate", 0.5]],
    ...     [[2025, 10]],
    ...     [["Betegnelse", "Beløb", "År"], ["Drift", 1000, "2025-2026"]],
    ...     [["Ydelse", "År 1"], ["egen", -1]],
    ... )
    >>> data["participants"], data["costs"], data["consequences"]
    ({2025: 10}, [{'label': 'Drift', 'amount': 1000, 'kind': 'annual', 'years': [2025, 2026]}], [{'service': 'egen', 'profile': [-1]}])
    >>> places[("costs", 0)], places[("start_year",)], places[("price_year",)]
    ('omkostninger, række 2', 'deltagere (første år)', 'indstillinger (prisår)')
    """  # noqa: E501
    data_settings, places = settings(indstillinger, "indstillinger")
    unset(places, "indstillinger", [k for k in SETTINGS if k != "start_year"])
    problems: list[Problem] = []
    parts: dict[str, Any] = {}
    for key, build in (
        (
            "participants",
            lambda: participants(deltagere, data_settings.get("start_year"), "deltagere"),
        ),
        ("costs", lambda: costs(omkostninger, "omkostninger")),
        ("consequences", lambda: consequences(konsekvenser, "konsekvenser")),
        ("services", lambda: services(ydelser, "ydelser")),
        ("committees", lambda: committees(udvalg, "udvalg")),
        ("realised", lambda: realised(realiseret, "realiseret")),
        ("resources", lambda: resources(ressourcer, "ressourcer")),
    ):
        try:
            value, found = build()
        except InputError as exc:
            problems += exc.problems
            continue
        parts[key] = value
        places |= found
    if problems:
        raise InputError(problems)
    return _complete(data_settings, parts, places), places


def _complete(found: dict[str, Any], parts: dict[str, Any], places: Places) -> dict[str, Any]:
    """The scenario dict from the settings and the parsed ranges; defaults filled in."""
    data: dict[str, Any] = {"name": "SØM-beregning", **nest(found, places)}
    data["participants"] = parts["participants"]
    if "start_year" not in data and data["participants"]:
        data["start_year"] = min(data["participants"])
        places.setdefault(("start_year",), "deltagere (første år)")
    if "horizon_years" not in data:
        data["horizon_years"] = knowledge().defaults.horizon_years
    if "success_rate" not in data and "intervention" not in data:
        raise fail(
            "indstillinger",
            "mangler succesrate (andel med succes, fx 0,3) eller indsats (fx cool_kids)",
        )
    if "target_group" not in data and parts["consequences"] is None:
        raise fail("indstillinger", "mangler målgruppe (eller angiv konsekvenser)")
    if parts["costs"]:
        data["costs"] = parts["costs"]
    if parts["consequences"] is not None:
        data["consequences"] = parts["consequences"]
        baseline = split_baseline(data["consequences"], places)
        if baseline:
            data["baseline"] = baseline
    for key in ("services", "committees", "realised", "resources"):
        if parts[key]:
            data[key] = parts[key]
    if "target_group" in data:
        data["target_group"] = lookup(
            data["target_group"],
            knowledge().target_groups,
            lambda g: g.label,
            places.get(("target_group",), "indstillinger"),
            "målgruppe",
        )
    return data
