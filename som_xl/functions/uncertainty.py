"""SOM_USIKKERHED and SOM_FOELSOMHED: Monte Carlo and tornado over SOM_NETTORESULTAT's ranges.

Both read the same ranges as SOM_NETTORESULTAT, plus a range ``usikkerhed`` with one row per
uncertain input (som-method.md §3.20)::

    Input          Fordeling   Parameter 1  Parameter 2  Parameter 3
    succesrate     trekant     0,15         0,30         0,40       (lav, typisk, høj)
    omkostninger   ligefordelt 0,9          1,3                     (lav, høj)
    gevinster      normal      1            0,2                     (middel, sd)
    forsorgshjem_doegn  beta   0,9          0,05                    (middel, sd)
    trækninger     10000                                            (valgfri; 10.000)
    frø            2025                                             (valgfri; 2025; "seed")

The input is ``succesrate``, ``omkostninger`` (a multiplier of every cost), ``gevinster``
(a multiplier of every gain) or a service's id (a multiplier of its price). The distribution
is ``trekant``/``triangular``, ``ligefordelt``/``uniform``, ``normal`` or ``beta``. A header
row (first cell "Input") is skipped. An empty ``usikkerhed`` means the standard ranges
(``uncertainty: standard``).
"""

from __future__ import annotations

from typing import Any

from som_xl.errors import InputError, Problem
from som_xl.inputs import parse_scenario, resolve
from som_xl.inputs.uncertainty import MAX_DRAWS, standard_uncertainty
from som_xl.present import da
from som_xl.present.answer import FIXED_WORDS
from som_xl.results.uncertainty import QUANTILES, UncertaintyResult, analyse

from .cells import Cell, fail, fold, is_number, optional_grid, text, value
from .lookup import choice, knowledge
from .places import Places, origins
from .ranges import scenario_from_ranges
from .views import Table

__all__ = ["UNCERTAINTY_VIEWS", "sensitivity", "uncertainty", "uncertainty_block"]

_INPUTS = {
    "succesrate": "success_rate",
    "success_rate": "success_rate",
    "omkostninger": "costs",
    "costs": "costs",
    "gevinster": "consequences",
    "konsekvenser": "consequences",
    "consequences": "consequences",
}
_DISTS = {
    "trekant": "triangular",
    "trekantsfordeling": "triangular",
    "triangular": "triangular",
    "ligefordelt": "uniform",
    "ligefordeling": "uniform",
    "uniform": "uniform",
    "normal": "normal",
    "normalfordeling": "normal",
    "beta": "beta",
    "betafordeling": "beta",
}
_PARAMS = {
    "triangular": ("low", "mode", "high"),
    "uniform": ("low", "high"),
    "normal": ("mean", "sd"),
    "beta": ("mean", "sd"),
}
#: SOM_USIKKERHED's views: normalised name -> canonical name.
UNCERTAINTY_VIEWS = {
    "nøgletal": "nøgletal",
    "noegletal": "nøgletal",
    "aktoer": "aktør",
    "aktoerer": "aktør",
    "kasse": "aktør",
    "kasser": "aktør",
}


def uncertainty_block(usikkerhed: Cell) -> tuple[dict[str, Any], Places]:
    """The ``usikkerhed`` range as the scenario's ``uncertainty:`` block.

    Parameters
    ----------
    usikkerhed : Cell
        Rows of input, distribution and its parameters (see the module), and optionally the
        rows ``trækninger | N`` (default 10.000) and ``seed | S`` (default 2025); no input
        rows: the standard ranges.

    Returns
    -------
    (dict, Places)
        The block, and each row's place in the sheet.

    Examples
    --------
    >>> block, places = uncertainty_block(
    ...     [["Input", "Fordeling"], ["succesrate", "trekant", 0.15, 0.3, 0.4],
    ...      ["forsorgshjem_doegn", "ligefordelt", "0,8", 1.2], ["Trækninger", 1000]])
    >>> block["success_rate"], block["services"], block["draws"]
    ({'dist': 'triangular', 'low': 0.15, 'mode': 0.3, 'high': 0.4}, \
{'forsorgshjem_doegn': {'dist': 'uniform', 'low': 0.8, 'high': 1.2}}, 1000)
    >>> places[("uncertainty", "services", "forsorgshjem_doegn")]
    'usikkerhed, række 3'
    >>> uncertainty_block([["omkostninger", "gauss", 1, 0.1]])
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: usikkerhed, række 1 (fordeling): ukendt fordeling; brug \
trekant, ligefordelt, normal eller beta (værdi: 'gauss')
    """
    block: dict[str, Any] = {}
    places: Places = {("uncertainty",): "usikkerhed"}
    problems: list[Problem] = []
    rows = list(enumerate(optional_grid(usikkerhed, "usikkerhed") or [], start=1))
    if rows and isinstance(value(rows[0][1][0]), str) and fold(text(rows[0][1][0])) == "input":
        rows = rows[1:]
    inputs = 0
    for n, row in rows:
        where = f"usikkerhed, række {n}"
        if all(value(c) is None for c in row):
            continue
        try:
            name = value(row[0])
            key = _SETTINGS.get(fold(name).strip()) if isinstance(name, str) else None
            if key is not None:
                block[key] = _setting(key, row, where)
                places[("uncertainty", key)] = where
                continue
            places[_row(row, where, block)] = where
            inputs += 1
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    if not inputs:
        block["standard"] = True
    return block, places


_SETTINGS = {"traekninger": "draws", "draws": "draws", "froe": "seed", "seed": "seed"}


def _setting(key: str, row: list[Cell], where: str) -> int:
    """The number of draws or the seed from a row ``trækninger | N`` or ``seed | S``."""
    found = value(row[1]) if len(row) > 1 else None
    if found is None:
        raise fail(where, "mangler et tal i kolonnen efter navnet")
    number = _whole(found, where)
    if key == "draws" and not 1 <= number <= MAX_DRAWS:
        raise fail(where, f"skal ligge mellem 1 og {da.kr(MAX_DRAWS)}", found, True)
    if key == "seed" and number < 0:
        raise fail(where, "skal være et helt tal ≥ 0", found, True)
    return number


def _whole(v: Cell, where: str) -> int:
    """A whole number from a cell (a Danish text number too)."""
    if isinstance(v, str):
        v = v.strip().replace(".", "").replace(",", ".")
        try:
            v = float(v)
        except ValueError:
            raise fail(where, "skal være et helt tal", v, True) from None
    if not is_number(v) or float(v) != int(float(v)):
        raise fail(where, "skal være et helt tal", v, True)
    return int(float(v))


def _number(v: Cell, where: str) -> float:
    if isinstance(v, str):
        try:
            return float(v.strip().replace(",", "."))
        except ValueError:
            raise fail(where, "skal være et tal", v, True) from None
    if not is_number(v):
        raise fail(where, "skal være et tal", v, True)
    return float(v)


def _row(row: list[Cell], where: str, block: dict[str, Any]) -> tuple[str, ...]:
    """One row of the range into the block; returns its path in the scenario."""
    name = value(row[0])
    if not isinstance(name, str):
        raise fail(
            f"{where} (input)",
            "skal være succesrate, omkostninger, gevinster eller en ydelses id",
            name,
            True,
        )
    dist_cell = value(row[1]) if len(row) > 1 else None
    if not isinstance(dist_cell, str) or fold(dist_cell).strip() not in _DISTS:
        raise fail(
            f"{where} (fordeling)",
            "ukendt fordeling; brug trekant, ligefordelt, normal eller beta",
            dist_cell,
            dist_cell is not None,
        )
    dist = _DISTS[fold(dist_cell).strip()]
    params = _PARAMS[dist]
    values = [value(c) for c in row[2:]]
    found: dict[str, Any] = {"dist": dist}
    for i, p in enumerate(params):
        v = values[i] if i < len(values) else None
        if v is None:
            raise fail(f"{where} (parameter {i + 1})", f"mangler ({', '.join(params)})")
        found[p] = _number(v, f"{where} (parameter {i + 1})")
    extra = [v for v in values[len(params) :] if v is not None]
    if extra:
        raise fail(where, f"{dist_cell} har kun {len(params)} parametre ({', '.join(params)})")
    key = _INPUTS.get(fold(name).strip())
    if key is not None:
        if key in block:
            raise fail(where, "inputtet står to gange", name, True)
        block[key] = found
        return ("uncertainty", key)
    sid = name.strip().removeprefix("services.")
    services = block.setdefault("services", {})
    if sid in services:
        raise fail(where, "ydelsen står to gange", name, True)
    services[sid] = found
    return ("uncertainty", "services", sid)


def _analyse(
    func: str, ranges: tuple[Cell, Cell, Cell, Cell, Cell], usikkerhed: Cell
) -> UncertaintyResult:
    data, places = scenario_from_ranges(*ranges)
    block, block_places = uncertainty_block(usikkerhed)
    data["uncertainty"] = block
    named = origins(func, places | block_places)
    spec = parse_scenario(data, func, origins=named)
    assert spec.uncertainty is not None
    resolved = resolve(spec, knowledge, func, origins=named)
    kb = knowledge() if spec.uncertainty.standard else None
    unc, notes = standard_uncertainty(spec, spec.uncertainty, kb, "usikkerhed")
    return analyse(resolved, unc, notes=notes, where=func)


def uncertainty(
    indstillinger: Cell,
    deltagere: Cell,
    omkostninger: Cell = None,
    konsekvenser: Cell = None,
    ydelser: Cell = None,
    usikkerhed: Cell = None,
    visning: Cell = None,
) -> Table:
    """P(net > 0), the mean and the quantiles of the discounted net result (SOM_USIKKERHED).

    Parameters
    ----------
    indstillinger, deltagere, omkostninger, konsekvenser, ydelser : Cell
        SOM_NETTORESULTAT's ranges.
    usikkerhed : Cell, optional
        The uncertain inputs, draws and seed (see the module); empty: the standard ranges.
    visning : Cell, optional
        "nøgletal" (default): two columns, label and value; "aktør" (or "kasse"): one row per purse
        (and in total) with P(netto > 0), the mean and the quantiles.

    Returns
    -------
    Table

    Examples
    --------
    >>> t = uncertainty([["Målgruppe", "voksne_hjemloeshed"], ["Succesrate", 0.3]],
    ...                 [[2025, 20]], [["Omkostning", 2025], ["Drift", 1e6]], None, None,
    ...                 [["succesrate", "ligefordelt", 0.1, 0.5], ["Trækninger", 2000]])
    >>> [row[0] for row in t]  # doctest: +NORMALIZE_WHITESPACE
    ['P(nettoresultat > 0)', 'Middelværdi', '5 %-fraktil', '10 %-fraktil', '50 %-fraktil',
     '90 %-fraktil', '95 %-fraktil', 'Centralt skøn', 'Trækninger', 'Frø (seed)',
     'Holdt faste', 'Illustrativ andel af gevinsterne']
    >>> t[-2][1]
    'omkostningerne, gevinsterne'
    """
    view = choice(visning, UNCERTAINTY_VIEWS, "visning", "nøgletal")
    ranges = (indstillinger, deltagere, omkostninger, konsekvenser, ydelser)
    u = _analyse("SOM_USIKKERHED", ranges, usikkerhed)
    if view == "aktør":
        header: list[Any] = ["Aktør", "P(nettoresultat > 0)", "Middelværdi"]
        header += [f"{q} %-fraktil" for q in QUANTILES]
        table: Table = [header]
        for label, s in [(da.TOTAL, u.total)] + [
            (da.PURSE_LABELS.get(p, p), s) for p, s in u.by_purse.items()
        ]:
            table.append([label, s.p_net_positive, s.mean, *s.quantiles.values()])
        return table
    rows: Table = [
        ["P(nettoresultat > 0)", u.total.p_net_positive],
        ["Middelværdi", u.total.mean],
    ]
    rows += [[f"{q} %-fraktil", u.total.quantiles[str(q)]] for q in QUANTILES]
    rows += [["Centralt skøn", u.central], ["Trækninger", u.draws], [da.cap(da.SEED), u.seed]]
    fixed = [FIXED_WORDS.get(f, f) for f in u.fixed]
    rows += [
        ["Holdt faste", ", ".join(fixed) if fixed else "ingen"],
        ["Illustrativ andel af gevinsterne", u.illustrative_share],
    ]
    return rows


def sensitivity(
    indstillinger: Cell,
    deltagere: Cell,
    omkostninger: Cell = None,
    konsekvenser: Cell = None,
    ydelser: Cell = None,
    usikkerhed: Cell = None,
) -> Table:
    """The tornado rows: each input at its 10 % and 90 % value, and its switching value.

    Parameters
    ----------
    indstillinger, deltagere, omkostninger, konsekvenser, ydelser : Cell
        SOM_NETTORESULTAT's ranges.
    usikkerhed : Cell, optional
        The uncertain inputs (see the module); empty: the standard ranges.

    Returns
    -------
    Table
        A header row, then one row per input, the largest swing first: input, low, high,
        net at low, net at high, switching value ("ingen" where no allowed value gives 0).

    Examples
    --------
    >>> t = sensitivity([["Målgruppe", "voksne_hjemloeshed"], ["Succesrate", 0.3]],
    ...                 [[2025, 20]], [["Omkostning", 2025], ["Drift", 1e6]], None, None,
    ...                 [["omkostninger", "ligefordelt", 0.8, 1.2]])
    >>> t[0]
    ['Input', 'Lav', 'Høj', 'Netto ved lav', 'Netto ved høj', 'Skifteværdi']
    >>> t[1][0], round(t[1][1], 12), round(t[1][2], 12)
    ('omkostninger', 0.84, 1.16)
    """
    ranges = (indstillinger, deltagere, omkostninger, konsekvenser, ydelser)
    u = _analyse("SOM_FOELSOMHED", ranges, usikkerhed)
    names = {v: k for k, v in _INPUTS.items() if k in ("succesrate", "omkostninger", "gevinster")}
    table: Table = [["Input", "Lav", "Høj", "Netto ved lav", "Netto ved høj", "Skifteværdi"]]
    for r in u.tornado:
        label = names.get(r.input, r.input.removeprefix("services."))
        sv: Any = r.switching_value if r.switching_value is not None else "ingen"
        table.append([label, r.low, r.high, r.net_low, r.net_high, sv])
    return table
