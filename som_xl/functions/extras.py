"""The scenario inputs of som-method §3.10–3.19 as the functions read them.

* settings in the ``indstillinger`` range (name | value), read by the field table like the
  others: succesrate med/uden indsatsen (§3.13), aftagning (drop-off, §3.12), optimisme-
  tillæg til omkostninger and fradrag i gevinster (§3.14), and the consequences' hale with
  its fald pr. år (§3.11). :func:`nest` turns the table's dotted keys into the scenario's
  nested keys (``optimism_bias: {costs, gains}``) and checks how they go together;
* ``udvalg`` (§3.15): ``Udgiftspost | Udvalg``, the kommune's committee for each budget item
  (the knowledge base's mapping for the rest);
* ``realiseret`` (§3.19): ``År | Deltagere | Succeser | Omkostninger``, what happened in
  past years (any of the three columns may be left out);
* ``ressourcer`` (§3.18, the cost assessment): ``Betegnelse | År | Årsværk | Årsløn |
  Timer | Timeløn | Overhead | Aktør | Udgiftspost | Prisår``, one line per resource
  (årsværk × årsløn or timer × timeløn, plus overhead, in each year).

Headers and every value's rules are the field table's (``committees.<budget_item>``,
``realised.<year>.…`` and ``resources[].…`` fields).
"""

from __future__ import annotations

from typing import Any

from som_xl.errors import InputError, Problem, suggest
from som_xl.inputs import fields as F

from .cells import Cell, blank, fail, norm, optional_grid, text, whole
from .fieldcells import below, read, year, years_cell
from .headers import column, column_names, header_row, repeated_column
from .places import Places

__all__ = ["EXTRA_SETTINGS", "committees", "nest", "realised", "resources"]

#: The settings of §3.10–3.19 the settings range accepts (field table keys).
EXTRA_SETTINGS = (
    "success_rate.with",
    "success_rate.without",
    "drop_off",
    "optimism_bias.costs",
    "optimism_bias.gains",
    "consequence_tail",
    "consequence_tail.rate",
)


def _word(key: str) -> str:
    """A setting's Danish label in lower case, for messages ("succesrate med indsatsen")."""
    return F.field(key).label.lower()


def nest(found: dict[str, Any], places: Places, arg: str = "indstillinger") -> dict[str, Any]:
    """The settings with the table's dotted keys as the scenario's nested keys.

    Parameters
    ----------
    found : dict
        Settings by field key, as :func:`~.ranges.settings` reads them.
    places : Places
        Their places; ``("success_rate",)``, ``("consequence_tail",)`` and
        ``("optimism_bias",)`` are added for the nested values.
    arg : str
        The settings argument, named in a problem.

    Returns
    -------
    dict
        Scenario keys: ``success_rate: {with, without}``, ``optimism_bias: {costs, gains}``,
        ``consequence_tail: {kind, rate}`` (a rate alone means a decaying tail).

    Raises
    ------
    InputError
        A net and a gross success rate both, only one of the gross rates, a decaying tail
        without its rate, or a rate with another tail.

    Examples
    --------
    >>> places: Places = {}
    >>> nest({"success_rate.with": 0.3, "success_rate.without": 0.1, "drop_off": 0.1,
    ...       "consequence_tail.rate": 0.2, "optimism_bias.costs": 0.2}, places)
    {'drop_off': 0.1, 'success_rate': {'with': 0.3, 'without': 0.1}, 'optimism_bias': {'costs': 0.2}, 'consequence_tail': {'kind': 'decay', 'rate': 0.2}}
    >>> nest({"success_rate": 0.3, "success_rate.with": 0.4}, {})
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: indstillinger: skriv enten succesrate (netto) eller succesrate med og uden indsatsen, ikke begge
    """  # noqa: E501
    out = {k: v for k, v in found.items() if "." not in k and k != "consequence_tail"}
    problems: list[Problem] = []
    gross = {k.split(".")[1]: found[k] for k in EXTRA_SETTINGS[:2] if k in found}
    if gross:
        if "success_rate" in found:
            problems.append(
                Problem(arg, "", "skriv enten succesrate (netto) eller succesrate med og uden "
                        "indsatsen, ikke begge")
            )  # fmt: skip
        elif len(gross) < 2:
            missing = "success_rate.without" if "with" in gross else "success_rate.with"
            problems.append(Problem(arg, "", f"mangler {_word(missing)} (angiv begge)"))
        else:
            out["success_rate"] = gross
            places.setdefault(("success_rate",), below(arg, "success_rate"))
    bias = {k.split(".")[1]: v for k, v in found.items() if k.startswith("optimism_bias.")}
    if bias:
        out["optimism_bias"] = bias
        places.setdefault(("optimism_bias",), below(arg, "optimism_bias"))
    kind, rate = found.get("consequence_tail"), found.get("consequence_tail.rate")
    if rate is not None and kind in (None, "decay"):
        out["consequence_tail"] = {"kind": "decay", "rate": rate}
    elif rate is not None:
        problems.append(
            Problem(arg, "", f"{_word('consequence_tail.rate')} bruges kun med en aftagende "
                    f"hale (halen er '{F.field('consequence_tail').display(str(kind))}')")
        )  # fmt: skip
    elif kind == "decay":
        problems.append(
            Problem(arg, "", f"en aftagende hale kræver {_word('consequence_tail.rate')}, "
                    "fx 0,2")
        )  # fmt: skip
    elif kind is not None:
        out["consequence_tail"] = {"kind": kind}
    if "consequence_tail" in out:
        places.setdefault(("consequence_tail",), below(arg, "consequence_tail"))
    if problems:
        raise InputError(problems)
    return out


def _columns(head: list[Cell], prefix: str, arg: str) -> dict[str, int]:
    """Field name -> column for a header whose names are the fields under ``prefix``."""
    names: dict[str, str] = {}
    for f in F.FIELDS:
        if f.key.startswith(prefix):
            own = f.key[len(prefix) :]
            for name in (own, f.label, f.word, *f.aliases):
                names.setdefault(norm(name), own)
    cols: dict[str, int] = {}
    problems: list[Problem] = []
    for j, c in enumerate(head):
        if c is None:
            continue
        found = names.get(norm(c))
        if found is None:
            problems.append(
                Problem(f"{arg}, overskrift i kolonne {j + 1}", "",
                        f"ukendt kolonne; {suggest(norm(c), sorted(names))}", c, True)
            )  # fmt: skip
        elif found in cols:
            problems.append(repeated_column(arg, j, cols[found], c))
        else:
            cols[found] = j
    if problems:
        raise InputError(problems)
    return cols


def committees(rng: Cell, arg: str) -> tuple[dict[str, str], Places]:
    """The committee (udvalg) of each budget item: two columns, udgiftspost | udvalg.

    Parameters
    ----------
    rng : Cell
        Two columns, with or without the header ``Udgiftspost | Udvalg``; a budget item is
        its id or its Danish label (the resolver checks it). Empty: the knowledge base's.
    arg : str
        The argument's name, for places.

    Returns
    -------
    tuple of dict and Places
        Budget item -> committee, and ``("committees", item)`` -> "udvalg, række 2".

    Raises
    ------
    InputError
        Not two columns, a row without a committee, a budget item given twice.

    Examples
    --------
    >>> found, places = committees([["Udgiftspost", "Udvalg"],
    ...                             ["sociale_voksne", "Socialudvalget"]], "udvalg")
    >>> found, places[("committees", "sociale_voksne")]
    ({'sociale_voksne': 'Socialudvalget'}, 'udvalg, række 2')
    """
    cells = optional_grid(rng, arg)
    if cells is None:
        return {}, {}
    if len(cells[0]) != 2:
        raise fail(arg, "skal være to kolonner: udgiftspost | udvalg")
    head, h = header_row(cells)
    start = h + 1 if norm(head[1]) == "udvalg" else h
    out: dict[str, str] = {}
    places: Places = {("committees",): arg}
    problems: list[Problem] = []
    for i in range(start, len(cells)):
        item, committee = cells[i]
        if blank(cells[i]):
            continue
        where = f"{arg}, række {i + 1}"
        if item is None:
            problems.append(Problem(where, "", "udgiftsposten mangler", committee, True))
        elif committee is None or not text(committee):
            problems.append(Problem(where, "", "udvalget mangler", item, True))
        elif text(item) in out:
            problems.append(Problem(where, "", "udgiftsposten står to gange", item, True))
        else:
            out[text(item)] = text(committee)
            places[("committees", text(item))] = where
    if problems:
        raise InputError(problems)
    return out, places


_REALISED = "realised.<year>."


def realised(rng: Cell, arg: str) -> tuple[dict[int, dict[str, Any]], Places]:
    """Realised years: ``År | Deltagere | Succeser | Omkostninger`` with a header row.

    Parameters
    ----------
    rng : Cell
        A header row with the year column and at least one of the others; one row per past
        year. Omkostninger are kr. at the price level (booked to the kommune).
    arg : str
        The argument's name, for places.

    Returns
    -------
    tuple of dict and Places
        Year -> ``{participants, successes, costs}`` (the given ones), and
        ``("realised", year)`` -> "realiseret, række 2".

    Raises
    ------
    InputError
        Unknown or repeated headers, no year column, a row without a year, bad numbers.

    Examples
    --------
    >>> found, places = realised([["År", "Deltagere", "Succeser", "Omkostninger"],
    ...                           [2025, 18, 4, 950000]], "realiseret")
    >>> found, places[("realised", 2025)]
    ({2025: {'participants': 18, 'successes': 4, 'costs': 950000}}, 'realiseret, række 2')
    """
    cells = optional_grid(rng, arg)
    if cells is None:
        return {}, {}
    head, h = header_row(cells)
    head = ["year" if norm(c) in ("aar", "year") else c for c in head]
    cols = _columns([c if c != "year" else None for c in head], _REALISED, arg)
    if "year" not in head:
        raise fail(arg, "overskriften mangler kolonnen år (og deltagere, succeser, omkostninger)")
    year_col = head.index("year")
    out: dict[int, dict[str, Any]] = {}
    places: Places = {("realised",): arg}
    problems: list[Problem] = []
    for i in range(h + 1, len(cells)):
        row = cells[i]
        if blank(row):
            continue
        where = f"{arg}, række {i + 1}"
        try:
            y = year(row[year_col], where)
            if y in out:
                raise fail(where, "året står to gange", y, True)
            item = {}
            for name, j in cols.items():
                if row[j] is not None:
                    item[name] = whole(read(_REALISED + name, row[j], where, name))
        except InputError as exc:
            problems += exc.problems
            continue
        out[y] = item
        places[("realised", y)] = where
    if problems:
        raise InputError(problems)
    return out, places


_RESOURCE_NUMBERS = ("fte", "annual_wage", "hours", "hourly_wage", "overhead", "price_year")


def _resource_columns(head: list[Cell], arg: str) -> dict[str, int]:
    cols: dict[str, int] = {}
    problems: list[Problem] = []
    for j, c in enumerate(head):
        if c is None:
            continue
        found = column(c, "resources[]")
        if found is None:
            known = suggest(norm(c), column_names("resources[]"))
            problems.append(
                Problem(f"{arg}, overskrift i kolonne {j + 1}", "", f"ukendt kolonne; {known}",
                        c, True)
            )  # fmt: skip
        elif found in cols:
            problems.append(repeated_column(arg, j, cols[found], c))
        else:
            cols[found] = j
    for needed in ("label", "years"):
        if needed not in cols and not problems:
            word = F.field(f"resources[].{needed}" + ("[]" if needed == "years" else "")).word
            problems.append(Problem(arg, "", f"overskriften mangler kolonnen {word}"))
    if problems:
        raise InputError(problems)
    return cols


def _resource(row: list[Cell], cols: dict[str, int], where: str) -> dict[str, Any]:
    """One resource line: label, years and the numbers given (the model checks the form)."""

    def cell(name: str) -> Cell:
        return row[cols[name]] if name in cols else None

    if cell("label") is None:
        raise fail(where, "betegnelsen mangler")
    item: dict[str, Any] = {"label": text(cell("label"))}
    years = [
        whole(read("resources[].years[]", y, where, "years")) for y in years_cell(cell("years"))
    ]
    if not years:
        raise fail(below(where, "years"), "årene mangler, fx 2025-2027")
    item["years"] = years
    problems: list[Problem] = []
    for name in (*_RESOURCE_NUMBERS, "purse"):
        if cell(name) is not None:
            try:
                item[name] = whole(read(f"resources[].{name}", cell(name), where, name))
            except InputError as exc:
                problems += exc.problems
    if cell("budget_item") is not None:
        item["budget_item"] = text(cell("budget_item"))
    if problems:
        raise InputError(problems)
    _resource_form(item, where)
    return item


def _resource_form(item: dict[str, Any], where: str) -> None:
    """Årsværk and årsløn, or timer and timeløn: in the sheet's words (the model's name the
    scenario file's keys)."""
    by_fte = [k for k in ("fte", "annual_wage") if k in item]
    by_hours = [k for k in ("hours", "hourly_wage") if k in item]
    word = {k: F.field(f"resources[].{k}").word for k in (*by_fte, *by_hours)}
    if by_fte and by_hours:
        message = "skriv enten årsværk og årsløn eller timer og timeløn, ikke begge"
    elif len(by_fte) == 1 or len(by_hours) == 1:
        found = (by_fte or by_hours)[0]
        other = {"fte": "årsløn", "annual_wage": "årsværk", "hours": "timeløn",
                 "hourly_wage": "timer"}[found]  # fmt: skip
        message = f"{word[found]} kræver også {other}"
    elif not by_fte and not by_hours:
        message = "angiv årsværk og årsløn eller timer og timeløn"
    else:
        return
    raise fail(where, message)


def resources(rng: Cell, arg: str) -> tuple[list[dict[str, Any]], Places]:
    """Resource lines of the cost assessment (som-method §3.18), with a header row.

    Parameters
    ----------
    rng : Cell
        ``Betegnelse | År | Årsværk | Årsløn | Timer | Timeløn | Overhead | Aktør |
        Udgiftspost | Prisår``; a line has årsværk and årsløn or timer and timeløn; years as
        ``2025``, ``2025-2027`` or ``2025; 2027``. Empty: no resources.
    arg : str
        The argument's name, for places.

    Returns
    -------
    tuple of list and Places
        Resource dicts as in a scenario file, and each line's row, ``("resources", k)``.

    Raises
    ------
    InputError
        Unknown or repeated headers, a line without a label or years, bad numbers.

    Examples
    --------
    >>> found, places = resources([["Betegnelse", "År", "Årsværk", "Årsløn", "Overhead"],
    ...                            ["Rådgiver", "2025-2026", 1.5, 500000, 0.15]], "ressourcer")
    >>> found
    [{'label': 'Rådgiver', 'years': [2025, 2026], 'fte': 1.5, 'annual_wage': 500000, 'overhead': 0.15}]
    >>> places[("resources", 0)]
    'ressourcer, række 2'
    """  # noqa: E501
    cells = optional_grid(rng, arg)
    if cells is None:
        return [], {}
    head, h = header_row(cells)
    cols = _resource_columns(head, arg)
    out: list[dict[str, Any]] = []
    places: Places = {("resources",): arg}
    problems: list[Problem] = []
    for i in range(h + 1, len(cells)):
        if blank(cells[i]):
            continue
        where = f"{arg}, række {i + 1}"
        try:
            item = _resource(cells[i], cols, where)
        except InputError as exc:
            problems += exc.problems
            continue
        places[("resources", len(out))] = where
        out.append(item)
    if problems:
        raise InputError(problems)
    return out, places
