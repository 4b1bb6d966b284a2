"""SØM as Excel functions: one module for classic xlwings, xlwings Server and xlwings Lite.

A thin adapter. Each function turns its cell and range arguments into the engine's inputs
(a §4 scenario dict, a service id, a list of values) and calls ``som_xl`` — it never
re-implements the calculation. Rules that keep it usable in all three runtimes:

* only ``xlwings`` is imported (never ``xlwings.server``), plus ``som_xl`` and the
  standard library, so the file also works as xlwings Lite's ``main.py``;
* range arguments are declared ``ndim=2`` (a one-row range then arrives as one row) and
  ``err_to_str=True`` (an Excel error in an input cell is reported, not read as empty);
* every function returns a number, a text or a rectangular table; never inf or NaN,
  never a traceback: bad arguments give a short Danish text starting with ``SØM-fejl``.

Excel-facing names are the Python names (``SOM_PRIS`` …) so that the classic add-in, which
uses the Python name as the VBA name, shows the same name as Server and Lite.
"""

import itertools
import logging
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import xlwings as xw

import som_xl
from som_xl.conventions import (
    DIRECTION_LABELS,
    MAX_AMOUNT,
    MAX_DISCOUNT_RATE,
    MAX_PARTICIPANTS,
    MAX_UNITS,
    MIN_DISCOUNT_RATE,
    PURSE_LABELS,
    PURSES,
    STATUS_LABELS,
)
from som_xl.engine import discount_factors
from som_xl.errors import InputError, Problem, suggest
from som_xl.inputs import parse_scenario, resolve
from som_xl.inputs.quick import QuickEstimate, quick_estimate
from som_xl.kb import KnowledgeBase, load_kb
from som_xl.results import Result, calculate

__all__ = [
    "SOM_INFO",
    "SOM_KONSEKVENSER",
    "SOM_MAALGRUPPER",
    "SOM_NETTORESULTAT",
    "SOM_NUTIDSVAERDI",
    "SOM_PRIS",
    "SOM_SKOEN",
    "SOM_YDELSER",
]

_log = logging.getLogger("som_xl.udfs")
_F = TypeVar("_F", bound=Callable[..., Any])

Cell = Any
Table = list[list[Any]]

# --- user-facing text (Danish), in one place -----------------------------------------------

ERROR_PREFIX = "SØM-fejl"
TOO_LARGE = (
    "beløbene er for store til at regne med (resultatet er ikke et endeligt tal); "
    "kontrollér beløb, priser og antal"
)


def _da(x: float) -> str:
    """A number as Danish text: 0.035 -> '0,035'."""
    return f"{x:g}".replace(".", ",")


RATE_RANGE = (
    f"diskonteringsrenten skal være en andel mellem {_da(MIN_DISCOUNT_RATE)} og "
    f"{_da(MAX_DISCOUNT_RATE)} (fx 0,035 for 3,5 %)"
)

#: Per function: the one-line description and (argument, description) pairs, in order.
#: Excel's function wizard shows them; README and the example workbook list them.
HELP: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "SOM_PRIS": (
        "SØM: enhedsprisen for en ydelse for kommune, region, stat eller i alt, "
        "flyttet til et prisår.",
        (
            ("ydelse", 'Ydelsens id i vidensdatabasen, fx "forsorgshjem_doegn" (se SOM_YDELSER).'),
            ("kasse", '"kommune", "region", "stat" eller "i alt".'),
            ("prisaar", "Valgfri: prisåret prisen flyttes til; tom = vidensdatabasens prisniveau."),
        ),
    ),
    "SOM_MAALGRUPPER": (
        "SØM: vidensdatabasens målgrupper som tabel med overskrifter.",
        (),
    ),
    "SOM_YDELSER": (
        "SØM: vidensdatabasens ydelser og priser som tabel; valgfrit filtreret med søgeord.",
        (("soeg", 'Valgfri: søgeord, fx "psykiatri"; alle ord skal findes. Tom = alle.'),),
    ),
    "SOM_KONSEKVENSER": (
        "SØM: en målgruppes konsekvensprofiler (ændring i forbrug pr. succesfuld borger "
        "pr. år efter forløbet).",
        (("maalgruppe", 'Målgruppens id, fx "voksne_hjemloeshed" (se SOM_MAALGRUPPER).'),),
    ),
    "SOM_NUTIDSVAERDI": (
        "SØM: nutidsværdien af årlige beløb; første år diskonteres ikke (SØM's konvention).",
        (
            (
                "vaerdier",
                "Årlige beløb i én række eller kolonne; evt. med årstal i rækken/kolonnen før.",
            ),
            ("rente", 'Rente som andel, fx 0,035, eller "fm" for Finansministeriets forløb.'),
            (
                "startaar",
                "Valgfri, kun når værdierne har årstal: året der ikke diskonteres; "
                "tom = første år i værdierne.",
            ),
        ),
    ),
    "SOM_NETTORESULTAT": (
        "SØM: hele beregningen fra områder i arket; giver årstabellen eller nøgletal, "
        "fordeling på kasser eller udgiftsposter.",
        (
            (
                "indstillinger",
                "To kolonner navn/værdi: målgruppe, startår, horisont, prisår, "
                "diskonteringsrente, forløbsår, succesrate, navn.",
            ),
            (
                "deltagere",
                "Deltagere pr. startår: to kolonner (år, antal), to rækker (år over antal) "
                "eller én række antal fra startåret.",
            ),
            (
                "omkostninger",
                "Valgfri: tabel med overskrifter: år som kolonner (2025, 2026, …) eller "
                "betegnelse, type, beløb, år, kasse, udgiftspost.",
            ),
            (
                "konsekvenser",
                "Valgfri: erstatter målgruppens konsekvenser: ydelse og år 1, år 2, … "
                "(fx en redigeret kopi af SOM_KONSEKVENSER).",
            ),
            (
                "ydelser",
                "Valgfri: egne ydelser eller lokale priser: ydelse, navn, enhed, retning, "
                "udgiftspost, prisår, kommune, region, stat.",
            ),
            (
                "visning",
                'Valgfri: "år" (standard), "år i alt", "nøgletal", "kasse", "kasse pr. år", '
                '"udgiftspost" eller "rækker".',
            ),
        ),
    ),
    "SOM_SKOEN": (
        "SØM: budgetøkonomisk skøn ud fra målgruppe, antal deltagere og pris pr. deltager.",
        (
            ("maalgruppe", 'Målgruppens id, fx "voksne_hjemloeshed".'),
            ("deltagere", "Antal deltagere, der starter i startåret."),
            ("pris_pr_deltager", "Indsatsens pris pr. deltager i kr."),
            ("succesrate", "Valgfri: andel med succes, fx 0,2; tom = vidensdatabasens effekt."),
            ("indsats", "Valgfri: effektens id i vidensdatabasen, hvis succesraten hentes derfra."),
            ("visning", 'Valgfri: "nøgletal" (standard), "år" eller "ydelser".'),
            (
                "indstillinger",
                "Valgfri: to kolonner navn/værdi: startår, horisont, prisår, "
                "diskonteringsrente, forløbsår.",
            ),
        ),
    ),
    "SOM_INFO": (
        "SØM: version og vidensdatabasens fingeraftryk og værdiernes status.",
        (),
    ),
}

_EXCEL_ERRORS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#PYTHON!",
    }
)

YEAR_HEADERS = [
    "år",
    "omkostninger",
    "gevinster",
    "netto",
    "diskonteringsfaktor",
    "netto (nutidsværdi)",
    "akkumuleret",
]
SPLIT_HEADERS = [
    "omkostninger",
    "gevinster",
    "netto",
    "omkostninger (nutidsværdi)",
    "gevinster (nutidsværdi)",
    "netto (nutidsværdi)",
]
ROW_HEADERS = ["år", "kasse", "udgiftspost", "art", "beløb", "beløb (nutidsværdi)"]
SERVICE_HEADERS = [
    "ydelse",
    "navn",
    "enhed",
    "retning",
    "udgiftspost",
    "prisår",
    "kommune",
    "region",
    "stat",
    "status",
]
GROUP_HEADERS = ["målgruppe", "navn", "område", "alder fra", "alder til", "succesmål", "status"]
TOTAL = "I alt"
_AREA_LABELS = {"voksne": "Voksne", "boern_unge": "Børn og unge"}
_KIND_LABELS = {"cost": "omkostning", "gain": "gevinst"}

#: Views of SOM_NETTORESULTAT: normalised name -> canonical name.
_VIEWS = {
    "aar": "år",
    "aarstabel": "år",
    "aar_i_alt": "år i alt",
    "aar_og_i_alt": "år i alt",
    "aar_total": "år i alt",
    "noegletal": "nøgletal",
    "i_alt": "nøgletal",
    "total": "nøgletal",
    "resultat": "nøgletal",
    "kasse": "kasse",
    "kasser": "kasse",
    "kasse_pr_aar": "kasse pr. år",
    "kasser_pr_aar": "kasse pr. år",
    "udgiftspost": "udgiftspost",
    "udgiftsposter": "udgiftspost",
    "raekker": "rækker",
    "data": "rækker",
}
_SKOEN_VIEWS = {
    "noegletal": "nøgletal",
    "i_alt": "nøgletal",
    "resultat": "nøgletal",
    "aar": "år",
    "aarstabel": "år",
    "ydelser": "ydelser",
}

#: Settings keys (normalised) -> scenario keys (som-method.md §4).
_SETTINGS = {
    "navn": "name",
    "name": "name",
    "scenarie": "name",
    "maalgruppe": "target_group",
    "target_group": "target_group",
    "startaar": "start_year",
    "start_aar": "start_year",
    "start_year": "start_year",
    "horisont": "horizon_years",
    "horisont_aar": "horizon_years",
    "antal_aar": "horizon_years",
    "horizon_years": "horizon_years",
    "prisaar": "price_year",
    "prisniveau": "price_year",
    "price_year": "price_year",
    "diskonteringsrente": "discount_rate",
    "kalkulationsrente": "discount_rate",
    "rente": "discount_rate",
    "discount_rate": "discount_rate",
    "forloebsaar": "course_years",
    "forloeb": "course_years",
    "forloebslaengde": "course_years",
    "course_years": "course_years",
    "succesrate": "success_rate",
    "success_rate": "success_rate",
}
_SETTING_LABELS = {
    "name": "navn",
    "target_group": "målgruppe",
    "start_year": "startår",
    "horizon_years": "horisont",
    "price_year": "prisår",
    "discount_rate": "diskonteringsrente",
    "course_years": "forløbsår",
    "success_rate": "succesrate",
}

_COST_COLUMNS = {
    "betegnelse": "label",
    "label": "label",
    "tekst": "label",
    "navn": "label",
    "omkostning": "label",
    "omkostninger": "label",
    "post": "label",
    "beskrivelse": "label",
    "type": "kind",
    "kind": "kind",
    "art": "kind",
    "beloeb": "amount",
    "beloeb_kr": "amount",
    "amount": "amount",
    "aar": "years",
    "year": "years",
    "years": "years",
    "kasse": "purse",
    "purse": "purse",
    "udgiftspost": "budget_item",
    "budget_item": "budget_item",
    "prisaar": "price_year",
    "price_year": "price_year",
}
_COST_KINDS = {
    "engang": "once",
    "engangs": "once",
    "engangsbeloeb": "once",
    "engangsudgift": "once",
    "once": "once",
    "aarlig": "annual",
    "aarligt": "annual",
    "aarlige": "annual",
    "loebende": "annual",
    "annual": "annual",
    "pr_deltager": "per_participant",
    "per_deltager": "per_participant",
    "pr_deltagere": "per_participant",
    "per_participant": "per_participant",
}
_SERVICE_COLUMNS = {
    "ydelse": "id",
    "id": "id",
    "service": "id",
    "navn": "label",
    "label": "label",
    "betegnelse": "label",
    "enhed": "unit",
    "unit": "unit",
    "retning": "direction",
    "direction": "direction",
    "udgiftspost": "budget_item",
    "budget_item": "budget_item",
    "prisaar": "price_year",
    "price_year": "price_year",
    "kommune": "kommune",
    "region": "region",
    "stat": "stat",
    "status": None,
    "kilde": None,
    "beskrivelse": None,
}
_DIRECTIONS = {
    "udgift": "expenditure",
    "expenditure": "expenditure",
    "indtaegt": "revenue",
    "revenue": "revenue",
}
#: Columns of SOM_KONSEKVENSER's output that are ignored when it is used as input.
_CONSEQUENCE_INFO = {"navn", "enhed", "retning", "udgiftspost", "status", "label", "unit"}

#: Scenario keys in engine messages -> what the user calls them in a cell.
_FIELD_LABELS = {
    "amount": "beløb",
    "year": "år",
    "years": "år",
    "kind": "type",
    "purse": "kasse",
    "budget_item": "udgiftspost",
    "price_year": "prisår",
    "label": "betegnelse",
    "service": "ydelse",
    "profile": "profil",
    "id": "ydelse",
    "unit": "enhed",
    "direction": "retning",
    "prices": "priser",
    **_SETTING_LABELS,
}
_MESSAGE_WORDS = (
    ("(eller definér den under 'services')", "(eller definér den i argumentet ydelser)"),
    (
        "vælg et andet prisår eller angiv et fuldt prisindeks under 'price_index'",
        "vælg et andet prisår",
    ),
    ("'consequences'", "konsekvenser"),
    ("'target_group'", "målgruppe"),
    ("'services'", "ydelser"),
)


# --- the decorator that registers a function in all three runtimes ------------------------


def _excel(name: str, ranges: tuple[str, ...] = ()) -> Callable[[_F], _F]:
    """Attach the Danish description and argument docs; declare range arguments 2-D."""
    description, args = HELP[name]

    def decorate(f: _F) -> _F:
        f.__doc__ = description
        for arg, doc in reversed(args):
            options: dict[str, Any] = {"doc": doc, "err_to_str": True}
            if arg in ranges:
                options["ndim"] = 2
            f = xw.arg(arg, **options)(f)
        return xw.func(f)

    return decorate


# --- errors as cell text ---------------------------------------------------------------


def _cell_text(func: str, problems: Sequence[Problem]) -> str:
    """A short Danish error text for the cell: the first three problems."""
    parts = [_short(p) for p in problems[:3]]
    more = f" (og {len(problems) - 3} fejl mere)" if len(problems) > 3 else ""
    return f"{ERROR_PREFIX} i {func}: " + "; ".join(parts) + more


def _short(p: Problem) -> str:
    text = str(Problem(p.where, "", p.message, p.value, p.has_value)) if p.where else str(p)
    for old, new in _MESSAGE_WORDS:
        text = text.replace(old, new)
    return text


def _guarded(func: str, compute: Callable[[], Any]) -> Any:
    """Run a function body; turn every failure into a Danish text, never a traceback."""
    try:
        result = compute()
        if not _finite(result):
            return f"{ERROR_PREFIX} i {func}: {TOO_LARGE}"
        return _clean(result)
    except InputError as exc:
        return _cell_text(func, exc.problems)
    except Exception as exc:  # the cell must show a text, whatever went wrong
        _log.exception("%s fejlede", func)
        detail = f"{type(exc).__name__}: {exc}"
        detail = detail if len(detail) <= 120 else detail[:117] + "..."
        return f"{ERROR_PREFIX} i {func}: intern fejl ({detail}); meld den til it-afdelingen"


def _fail(where: str, message: str, value: object = None, has_value: bool = False) -> InputError:
    return InputError(Problem(where, "", message, value, has_value))


def _finite(value: Any) -> bool:
    """No inf or NaN anywhere in a result (a number or a table)."""
    if isinstance(value, list | tuple):
        return all(_finite(v) for v in value)
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        value = value.item()
    if isinstance(value, float):
        return math.isfinite(value)
    return True


def _clean(value: Any) -> Any:
    """Plain Python values for Excel: no inf/NaN, no numpy scalars, rectangular tables."""
    if isinstance(value, list):
        rows = [_clean_row(r) if isinstance(r, list) else [_clean_value(r)] for r in value]
        width = max((len(r) for r in rows), default=0)
        return [r + [""] * (width - len(r)) for r in rows] if rows else [[""]]
    return _clean_value(value)


def _clean_row(row: list[Any]) -> list[Any]:
    return [_clean_value(v) for v in row]


def _clean_value(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool | str | int):
        return v
    if hasattr(v, "item"):  # numpy scalar
        v = v.item()
    if isinstance(v, float):
        return v if math.isfinite(v) else ""
    return v


# --- reading cells and ranges ------------------------------------------------------------


def _norm(text: object) -> str:
    """'Horisont (år):' -> 'horisont'; 'Pr. deltager' -> 'pr_deltager' (ASCII, lower case)."""
    s = str(text).strip().lower()
    s = re.sub(r"\(.*?\)", " ", s)
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), ("ü", "u")):
        s = s.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def _fold(text: str) -> str:
    """Lower case with æ, ø, å folded, for searching."""
    s = text.lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        s = s.replace(a, b)
    return s


def _value(v: Cell) -> Cell:
    """An empty cell (None, '' or blanks) becomes None; text is stripped."""
    if v is None:
        return None
    if isinstance(v, str):
        s = v.strip()
        return s or None
    if hasattr(v, "item") and not isinstance(v, list):
        return v.item()
    return v


def _is_error(v: Cell) -> bool:
    return isinstance(v, str) and v.strip().upper() in _EXCEL_ERRORS


def _is_number(v: Cell) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _whole(v: Cell) -> Cell:
    """2025.0 -> 2025 (Excel sends numbers as floats); anything else unchanged."""
    if isinstance(v, float) and math.isfinite(v) and v.is_integer():
        return int(v)
    return v


def _year_like(v: Cell) -> bool:
    v = _value(v)
    if isinstance(v, str) and re.fullmatch(r"\d{4}", v):
        v = int(v)
    return _is_number(v) and float(v).is_integer() and 1900 <= v <= 2200


def _as_year(v: Cell) -> int:
    v = _value(v)
    return int(v) if isinstance(v, str) else int(float(v))


_NUMBER_TEXT = re.compile(r"[-+]?\d+([.,]\d+)?")


def _rate_number(v: Cell, where: str) -> float:
    """A discount rate as a share within the shared limits; '0,035' as text is read too.

    A number of 1 or more is a percentage written as a number (3,5 for 3,5 %): an error,
    never 350 %.
    """
    if isinstance(v, str) and _NUMBER_TEXT.fullmatch(v.strip()):
        number = float(v.strip().replace(",", "."))
    elif _is_number(v):
        number = float(v)
    else:
        raise _fail(where, "diskonteringsrenten skal være et tal, fx 0,035", v, True)
    if not math.isfinite(number):
        raise _fail(where, RATE_RANGE, v, True)
    if number >= 1:
        share = number / 100
        example = (
            f"{_da(share)} for {_da(number)} %"
            if MIN_DISCOUNT_RATE <= share <= MAX_DISCOUNT_RATE
            else "0,035 for 3,5 %"
        )
        raise _fail(
            where,
            f"diskonteringsrenten skal være en andel, ikke procent: skriv {example}",
            v,
            True,
        )
    if not MIN_DISCOUNT_RATE <= number <= MAX_DISCOUNT_RATE:
        raise _fail(where, RATE_RANGE, v, True)
    return number


def _too_large(v: Cell, limit: float, where: str, what: str) -> Problem | None:
    """A number beyond a magnitude limit (the limits keep every sum finite)."""
    if _is_number(v) and not (math.isfinite(v) and abs(v) <= limit):
        message = f"tallet er for stort til at regne med ({what} højst {limit:.0e} i absolut værdi)"
        return Problem(where, "", message, v, True)
    return None


def _limited(v: Cell, limit: float, where: str, what: str) -> Cell:
    """A number within a magnitude limit; other values unchanged (the engine checks them)."""
    problem = _too_large(v, limit, where, what)
    if problem is not None:
        raise InputError(problem)
    return v


def _scalar(v: Cell, where: str) -> Cell:
    """One cell's value; a range of more than one cell is an error."""
    while isinstance(v, list | tuple):
        cells = [c for row in v for c in (row if isinstance(row, list | tuple) else [row])]
        if len(cells) != 1:
            raise _fail(where, "skal være én celle eller én værdi, ikke et område")
        v = cells[0]
    v = _value(v)
    if _is_error(v):
        raise _fail(where, f"cellen indeholder Excel-fejlen {v}")
    return v


def _grid(rng: Cell) -> list[list[Cell]]:
    """A rectangular 2-D list of cell values (None for empty), whatever shape came in."""
    if rng is None:
        return []
    if not isinstance(rng, list | tuple):
        return [[_value(rng)]]
    rows = [list(r) if isinstance(r, list | tuple) else [r] for r in rng]
    width = max((len(r) for r in rows), default=0)
    return [[_value(c) for c in r] + [None] * (width - len(r)) for r in rows]


def _blank(cells: Iterable[Cell]) -> bool:
    return all(c is None for c in cells)


def _check_errors(grid: list[list[Cell]], arg: str) -> None:
    problems = [
        Problem(f"{arg}, række {i + 1}, kolonne {j + 1}", "", f"cellen indeholder Excel-fejlen {c}")
        for i, row in enumerate(grid)
        for j, c in enumerate(row)
        if _is_error(c)
    ]
    if problems:
        raise InputError(problems)


def _optional_grid(rng: Cell, arg: str) -> list[list[Cell]] | None:
    """A range argument that may be left out: None when it is missing or all empty."""
    grid = _grid(rng)
    if not grid or _blank(c for row in grid for c in row):
        return None
    _check_errors(grid, arg)
    return grid


def _kb() -> KnowledgeBase:
    """The knowledge base (loaded and validated once per process by som_xl)."""
    try:
        return load_kb()
    except InputError as exc:
        first = exc.problems[0]
        more = f" (og {len(exc.problems) - 1} fejl mere)" if len(exc.problems) > 1 else ""
        raise _fail(
            "vidensdatabasen",
            f"kan ikke indlæses; kør 'som-xl validate' og ret filerne. Første fejl: {first}{more}",
        ) from None


def _lookup(
    value: Cell, known: Mapping[str, Any], labels: Callable[[Any], str], where: str, what: str
) -> str:
    """An id from the knowledge base; the Danish label (any case) is accepted too."""
    if value is None:
        raise _fail(where, f"mangler; angiv {what}s id, {suggest('', known)}")
    text = str(_whole(value)).strip()
    if text in known:
        return text
    lowered = text.lower()
    for key, item in known.items():
        if key.lower() == lowered or _fold(labels(item)) == _fold(text):
            return key
    raise _fail(where, f"ukendt {what}; {suggest(text, known)}", text, True)


def _view(value: Cell, views: Mapping[str, str], where: str, default: str) -> str:
    v = _scalar(value, where)
    if v is None:
        return default
    key = _norm(v)
    if key in views:
        return views[key]
    names = sorted(set(views.values()))
    raise _fail(where, "ukendt visning; brug " + ", ".join(f'"{n}"' for n in names), v, True)


def _purse_key(value: Cell, where: str, allow_total: bool) -> str:
    v = _scalar(value, where)
    key = _norm(v) if v is not None else ""
    if key in PURSES:
        return key
    if allow_total and key in ("i_alt", "alle", "samlet", "total", "offentlig"):
        return TOTAL
    allowed = '"kommune", "region", "stat"' + (' eller "i alt"' if allow_total else "")
    raise _fail(where, f"ukendt kasse; brug {allowed}", v, v is not None)


# --- engine problems -> places in the sheet ------------------------------------------------


def _translate(exc: InputError, origins: Mapping[str, str], where: str) -> InputError:
    """Rewrite the engine's key paths ('costs[2].amount') as places in the sheet."""
    out = []
    for p in exc.problems:
        place = _place(p.key, origins) if p.key else ""
        out.append(Problem(place or p.where or where, "", p.message, p.value, p.has_value))
    return InputError(out)


def _place(key: str, origins: Mapping[str, str]) -> str:
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", key)
    for n in range(len(parts), 0, -1):
        prefix = "".join(
            p if p.startswith("[") else ("." + p if i else p) for i, p in enumerate(parts[:n])
        )
        if prefix in origins:
            rest = [_FIELD_LABELS.get(p, p) for p in parts[n:] if not p.startswith("[")]
            rest_idx = [p for p in parts[n:] if p.startswith("[")]
            tail = ", ".join(rest)
            if rest_idx and rest and rest[0] == "profil":
                tail = f"år {rest_idx[0][1:-1]}"
            return origins[prefix] + (f" ({tail})" if tail else "")
    return ", ".join(_FIELD_LABELS.get(p, p) for p in parts if not p.startswith("["))


# --- SOM_NETTORESULTAT's ranges -> a §4 scenario dict --------------------------------------


def _settings(
    rng: Cell, arg: str, allowed: Iterable[str] | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """Name/value pairs (two columns, or two rows) -> scenario keys and their places."""
    grid = _optional_grid(rng, arg)
    out: dict[str, Any] = {}
    origins: dict[str, str] = {}
    if grid is None:
        return out, origins
    if len(grid[0]) >= 2:
        pairs = [(f"{arg}, række {i + 1}", row[0], row[1]) for i, row in enumerate(grid)]
    elif len(grid) == 2:
        pairs = [(f"{arg}, kolonne {j + 1}", grid[0][j], grid[1][j]) for j in range(len(grid[0]))]
    else:
        raise _fail(arg, "skal være to kolonner: navn og værdi (fx 'startår' | 2025)")
    allowed_keys = set(allowed) if allowed is not None else None
    problems = []
    for place, name, value in pairs:
        if name is None:
            if value is not None:
                problems.append(Problem(place, "", "værdien mangler et navn", value, True))
            continue
        key = _SETTINGS.get(_norm(name))
        if key is None or (allowed_keys is not None and key not in allowed_keys):
            known = [_SETTING_LABELS[k] for k in (allowed_keys or _SETTING_LABELS)]
            problems.append(
                Problem(place, "", f"ukendt indstilling; {suggest(name, known)}", name, True)
            )
            continue
        if key in out:
            problems.append(Problem(place, "", "indstillingen står to gange", name, True))
            continue
        if value is None:
            continue
        if key == "discount_rate":
            if _is_number(value) or (isinstance(value, str) and _NUMBER_TEXT.fullmatch(value)):
                try:
                    value = _rate_number(value, f"{place} ({_SETTING_LABELS[key]})")
                except InputError as exc:
                    problems += exc.problems
                    continue
            elif isinstance(value, str):
                value = value.strip().lower()  # a schedule such as "fm"
        out[key] = str(_whole(value)) if key in ("name", "target_group") else _whole(value)
        origins[key] = f"{place} ({_SETTING_LABELS[key]})"
    if problems:
        raise InputError(problems)
    return out, origins


YearPairs = list[tuple[Cell, Cell, str]]


def _strip_labels(
    grid: list[list[Cell]],
) -> tuple[list[list[Cell]], list[int], list[int], str | None]:
    """Drop a text-only header row and a text-only label column ("År", "Deltagere").

    Returns the grid, the original 1-based row and column numbers of what is left, and
    which layout the labels point to: a header row sits above columns ("columns"), a label
    column beside rows ("rows").
    """
    row_no = list(range(1, len(grid) + 1))
    col_no = list(range(1, len(grid[0]) + 1)) if grid else []
    hint: str | None = None

    def text_only(cells: list[Cell]) -> bool:
        return all(c is None or (isinstance(c, str) and not _year_like(c)) for c in cells)

    if len(grid) > 1 and text_only(grid[0]):
        grid, row_no, hint = grid[1:], row_no[1:], "columns"
    if grid and len(grid[0]) > 1 and text_only([r[0] for r in grid]):
        grid, col_no = [r[1:] for r in grid], col_no[1:]
        hint = "rows" if hint is None else None
    return grid, row_no, col_no, hint


def _year_score(pairs: YearPairs) -> int:
    """2: the years are whole, year-like and consecutive (2025, 2026, …); 1: year-like and
    strictly increasing; 0: not years."""
    years = [y for y, _, _ in pairs if y is not None]
    if not years or not all(_year_like(y) for y in years):
        return 0
    ys = [_as_year(y) for y in years]
    steps = [b - a for a, b in itertools.pairwise(ys)]
    if all(d == 1 for d in steps):
        return 2
    return 1 if all(d > 0 for d in steps) else 0


def _year_pairs(
    grid: list[list[Cell]],
    row_no: list[int],
    col_no: list[int],
    hint: str | None,
    arg: str,
    what: str,
) -> YearPairs:
    """(year cell, value cell, place) from a range with years in its first row or column.

    The one rule for every range of years and values (SOM_NUTIDSVAERDI's values and
    SOM_NETTORESULTAT's participants):

    * two rows (and not two columns): years in the first row, values in the second;
    * two columns (and not two rows): years in the first column, values in the second;
    * a 2×2 range: the orientation whose years are whole, year-like and consecutive
      (2025, 2026); failing that, year-like and increasing (2026, 2028); if both or neither
      read so, a header row ("År" | "Beløb") means columns and a label column means rows;
      otherwise an error asking for the years in the first row or the first column.
    """
    n_rows, n_cols = len(grid), len(grid[0]) if grid else 0
    in_rows: YearPairs = (
        [(grid[0][j], grid[1][j], f"{arg}, kolonne {col_no[j]}") for j in range(n_cols)]
        if n_rows == 2
        else []
    )
    in_cols: YearPairs = (
        [(r[0], r[1], f"{arg}, række {n}") for r, n in zip(grid, row_no, strict=True)]
        if n_cols == 2
        else []
    )
    if in_rows and not in_cols:
        return in_rows
    if in_cols and not in_rows:
        return in_cols
    if in_rows and in_cols:
        by_rows, by_cols = _year_score(in_rows), _year_score(in_cols)
        if by_rows != by_cols:
            return in_rows if by_rows > by_cols else in_cols
        if by_rows > 0 and hint is not None:
            return in_rows if hint == "rows" else in_cols
        raise _fail(
            arg,
            "det kan ikke ses, om årstallene står i første række eller første kolonne; "
            f"skriv fortløbende årstal (2025, 2026, …) i første række (år over {what}) "
            f"eller i første kolonne med overskrifterne År | {what.capitalize()}",
        )
    raise _fail(
        arg,
        f"skal være to rækker (årstal i første række, {what} i anden), to kolonner (årstal "
        f"i første kolonne, {what} i anden) eller én række eller kolonne {what}",
    )


def _participants(rng: Cell, start_year: Cell, arg: str) -> tuple[dict[Any, Any], dict[str, str]]:
    """Participants per start year from two columns, two rows or one line of counts."""
    grid = _grid(rng)
    if not grid or _blank(c for row in grid for c in row):
        raise _fail(arg, "mangler; angiv deltagere pr. startår, fx to kolonner: år | antal")
    _check_errors(grid, arg)
    grid, row_no, col_no, hint = _strip_labels(grid)

    pairs: YearPairs = []
    n_rows, n_cols = len(grid), len(grid[0]) if grid else 0
    line = grid[0] if n_rows == 1 else [r[0] for r in grid] if n_cols == 1 else []
    if len(line) == 2 and _year_like(line[0]) and not _year_like(line[1]):
        # one start year and its count in a row (2025 | 20) or a column
        place = f"{arg}, række {row_no[0]}" if n_rows == 1 else f"{arg}, kolonne {col_no[0]}"
        pairs = [(line[0], line[1], place)]
    elif n_rows == 1 or n_cols == 1:
        counts = line
        places = (
            [f"{arg}, kolonne {c}" for c in col_no]
            if n_rows == 1
            else [f"{arg}, række {r}" for r in row_no]
        )
        if start_year is None or not _year_like(start_year):
            raise _fail(
                arg,
                "én række antal kræver 'startår' i indstillingerne "
                "(eller angiv år og antal i to kolonner)",
            )
        first = _as_year(start_year)
        pairs = [(first + i, c, p) for i, (c, p) in enumerate(zip(counts, places, strict=True))]
    else:
        pairs = _year_pairs(grid, row_no, col_no, hint, arg, "antal")
    out: dict[Any, Any] = {}
    origins: dict[str, str] = {"participants": arg}
    problems = []
    for year, count, place in pairs:
        if year is None and count is None:
            continue
        if count is None:
            continue
        if not _year_like(year):
            problems.append(
                Problem(place, "", "året skal være et årstal, fx 2025", year, year is not None)
            )
            continue
        y = _as_year(year)
        if y in out:
            problems.append(Problem(place, "", "året står to gange", y, True))
            continue
        try:
            out[y] = _whole(_limited(count, MAX_PARTICIPANTS, place, "antal deltagere"))
        except InputError as exc:
            problems += exc.problems
            continue
        origins[f"participants.{y}"] = place
    if problems:
        raise InputError(problems)
    if not out:
        raise _fail(arg, "der er ingen deltagere; angiv antal i mindst ét år")
    return out, origins


def _twice(arg: str, j: int, first: int, head: Cell) -> Problem:
    """A column header that repeats: the later one would silently win."""
    return Problem(
        f"{arg}, overskrift i kolonne {j + 1}",
        "",
        f"kolonnen står to gange (også i kolonne {first + 1}); slet eller omdøb den ene",
        head,
        True,
    )


def _field(field: str, v: Cell) -> Cell:
    """A cell as the scenario wants it: purse ids in lower case, texts as text."""
    if field == "purse":
        return _norm(v)
    if field in ("label", "unit", "budget_item"):
        return str(_whole(v))
    return _whole(v)


def _header(grid: list[list[Cell]]) -> tuple[list[Cell], int]:
    """The first non-empty row (the header) and its index."""
    for i, row in enumerate(grid):
        if not _blank(row):
            return row, i
    return [], 0


def _years_cell(v: Cell) -> list[Any]:
    """'2025-2027', '2025; 2026', 2025 -> a list of years (anything else kept for validation)."""
    if v is None:
        return []
    if _is_number(v):
        return [_whole(v)]
    text = str(v).strip()
    m = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        return list(range(a, b + 1)) if a <= b else [text]
    parts = [p for p in re.split(r"[;,\s]+", text) if p]
    return [int(p) if re.fullmatch(r"\d{4}", p) else p for p in parts]


def _costs(rng: Cell, arg: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    grid = _optional_grid(rng, arg)
    if grid is None:
        return [], {}
    head, h = _header(grid)
    names = [_norm(c) if c is not None else "" for c in head]
    year_cols = {j: _as_year(c) for j, c in enumerate(head) if _year_like(c)}
    costs: list[dict[str, Any]] = []
    origins: dict[str, str] = {"costs": arg}
    problems: list[Problem] = []
    if any(_COST_COLUMNS.get(n) == "amount" for n in names):
        cols: dict[str, int] = {}
        for j, n in enumerate(names):
            if not n:
                continue
            field = _COST_COLUMNS.get(n)
            if field is None:
                problems.append(
                    Problem(
                        f"{arg}, overskrift i kolonne {j + 1}",
                        "",
                        f"ukendt kolonne; {suggest(n, _COST_COLUMNS)}",
                        head[j],
                        True,
                    )
                )
            elif field in cols:
                problems.append(_twice(arg, j, cols[field], head[j]))
            else:
                cols[field] = j
        if problems:
            raise InputError(problems)
        for i in range(h + 1, len(grid)):
            row = grid[i]
            if _blank(row):
                continue
            place = f"{arg}, række {i + 1}"

            def cell(field: str, row: list[Cell] = row) -> Cell:
                return row[cols[field]] if field in cols else None

            label = cell("label")
            item: dict[str, Any] = {
                "label": str(_whole(label)) if label is not None else f"Omkostning (række {i + 1})"
            }
            item["amount"] = _whole(cell("amount"))
            if item["amount"] is None:
                problems.append(Problem(place, "", "beløbet mangler"))
                continue
            large = _too_large(cell("amount"), MAX_AMOUNT, place, "beløb")
            if large is not None:
                problems.append(large)
                continue
            years = _years_cell(cell("years"))
            kind_cell = cell("kind")
            if kind_cell is None:
                kind = "once" if len(years) == 1 else "annual" if years else None
                if kind is None:
                    problems.append(
                        Problem(
                            place,
                            "",
                            "angiv type: engang, årlig eller pr. deltager (eller år for beløbet)",
                        )
                    )
                    continue
            else:
                kind = _COST_KINDS.get(_norm(kind_cell))
                if kind is None:
                    problems.append(
                        Problem(
                            place,
                            "",
                            "ukendt type; brug engang, årlig eller pr. deltager",
                            kind_cell,
                            True,
                        )
                    )
                    continue
            item["kind"] = kind
            if kind == "once":
                if len(years) == 1:
                    item["year"] = years[0]
                elif years:
                    problems.append(
                        Problem(
                            place,
                            "",
                            "en engangsomkostning har ét år; brug typen årlig for flere år",
                            cell("years"),
                            True,
                        )
                    )
                    continue
            elif years:
                item["years"] = years
            for field in ("purse", "budget_item", "price_year"):
                if cell(field) is not None:
                    item[field] = _field(field, cell(field))
            origins[f"costs[{len(costs) + 1}]"] = place
            costs.append(item)
    elif year_cols:
        extra: dict[str, int] = {}
        unnamed: list[int] = []
        year_at: dict[int, int] = {}
        for j, year in year_cols.items():
            if year in year_at:
                problems.append(_twice(arg, j, year_at[year], head[j]))
            else:
                year_at[year] = j
        for j, n in enumerate(names):
            if j in year_cols:
                continue
            field = _COST_COLUMNS.get(n) if n else None
            if field in extra:
                problems.append(_twice(arg, j, extra[str(field)], head[j]))
            elif field in ("label", "purse", "budget_item", "price_year"):
                extra[str(field)] = j
            else:
                unnamed.append(j)
        if "label" not in extra and unnamed and unnamed[0] < min(year_cols):
            extra["label"] = unnamed.pop(0)  # the first column names the lines
        for j in unnamed:
            if not names[j] and _blank(row[j] for row in grid[h + 1 :]):
                continue
            problems.append(
                Problem(
                    f"{arg}, overskrift i kolonne {j + 1}",
                    "",
                    "ukendt kolonne; ud over årstal kan tabellen have "
                    "betegnelse, kasse, udgiftspost og prisår",
                    head[j],
                    head[j] is not None,
                )
            )
        if problems:
            raise InputError(problems)
        label_col = extra.get("label")
        for i in range(h + 1, len(grid)):
            row = grid[i]
            if _blank(row):
                continue
            label = row[label_col] if label_col is not None else None
            for j, year in year_cols.items():
                amount = row[j]
                if amount is None or (_is_number(amount) and amount == 0):
                    continue
                large = _too_large(amount, MAX_AMOUNT, f"{arg}, række {i + 1}, år {year}", "beløb")
                if large is not None:
                    problems.append(large)
                    continue
                item = {
                    "label": str(_whole(label))
                    if label is not None
                    else f"Omkostning (række {i + 1})",
                    "kind": "once",
                    "year": year,
                    "amount": _whole(amount),
                }
                for field in ("purse", "budget_item", "price_year"):
                    if field in extra and row[extra[field]] is not None:
                        item[field] = _field(field, row[extra[field]])
                origins[f"costs[{len(costs) + 1}]"] = f"{arg}, række {i + 1}, år {year}"
                costs.append(item)
    else:
        raise _fail(
            arg,
            "skal have en overskriftsrække: enten årstal som kolonner (2025, 2026, "
            "…) eller kolonnerne betegnelse, type, beløb, år, kasse, udgiftspost",
        )
    if problems:
        raise InputError(problems)
    return costs, origins


def _profile_col(name: str) -> int | None:
    m = re.fullmatch(r"(?:aar_?)?(\d{1,2})", name)
    return int(m.group(1)) if m else None


def _consequences(rng: Cell, arg: str) -> tuple[list[dict[str, Any]] | None, dict[str, str]]:
    grid = _optional_grid(rng, arg)
    if grid is None:
        return None, {}
    head, h = _header(grid)
    has_header = any(isinstance(c, str) for c in head[1:]) or (
        isinstance(head[0], str) and _norm(head[0]) in ("ydelse", "service", "id")
    )
    id_col, profile_cols = 0, {j: j for j in range(1, len(head))}
    start = h
    if has_header:
        start = h + 1
        profile_cols = {}
        problems = []
        id_found = False
        year_at: dict[int, int] = {}
        for j, c in enumerate(head):
            n = _norm(c) if c is not None else ""
            k = _profile_col(n) if n else None
            if n in ("ydelse", "service", "id"):
                if id_found:
                    problems.append(_twice(arg, j, id_col, c))
                else:
                    id_col, id_found = j, True
            elif k is not None and k >= 1:
                if k in year_at:
                    problems.append(_twice(arg, j, year_at[k], c))
                else:
                    year_at[k] = j
                    profile_cols[j] = k
            elif n and n not in _CONSEQUENCE_INFO:
                problems.append(
                    Problem(
                        f"{arg}, overskrift i kolonne {j + 1}",
                        "",
                        "ukendt kolonne; brug ydelse og år 1, år 2, …",
                        c,
                        True,
                    )
                )
        if not profile_cols:
            problems.append(Problem(arg, "", "overskriften mangler kolonnerne år 1, år 2, …"))
        if problems:
            raise InputError(problems)
    width = max(profile_cols.values(), default=0)
    out: list[dict[str, Any]] = []
    origins: dict[str, str] = {"consequences": arg}
    problems = []
    for i in range(start, len(grid)):
        row = grid[i]
        if _blank(row):
            continue
        place = f"{arg}, række {i + 1}"
        sid = row[id_col]
        profile: list[Any] = [0] * width
        for j, k in profile_cols.items():
            if row[j] is not None:
                large = _too_large(row[j], MAX_UNITS, f"{place}, år {k}", "ændring pr. år")
                if large is not None:
                    problems.append(large)
                profile[k - 1] = _whole(row[j])
        filled = [k for j, k in profile_cols.items() if row[j] is not None]
        if sid is None:
            problems.append(Problem(place, "", "ydelsen mangler"))
            continue
        if not filled:
            problems.append(Problem(place, "", "profilen mangler værdier (år 1, år 2, …)"))
            continue
        origins[f"consequences[{len(out) + 1}]"] = place
        out.append({"service": str(_whole(sid)).strip(), "profile": profile[: max(filled)]})
    if problems:
        raise InputError(problems)
    return out, origins


def _services(rng: Cell, arg: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    grid = _optional_grid(rng, arg)
    if grid is None:
        return [], {}
    head, h = _header(grid)
    cols: dict[str, int] = {}
    problems = []
    for j, c in enumerate(head):
        if c is None:
            continue
        n = _norm(c)
        if n not in _SERVICE_COLUMNS:
            problems.append(
                Problem(
                    f"{arg}, overskrift i kolonne {j + 1}",
                    "",
                    f"ukendt kolonne; {suggest(n, _SERVICE_COLUMNS)}",
                    c,
                    True,
                )
            )
            continue
        field = _SERVICE_COLUMNS[n]
        if field is not None and field in cols:
            problems.append(_twice(arg, j, cols[field], c))
        elif field is not None:
            cols[field] = j
    if "id" not in cols and not problems:
        problems.append(Problem(arg, "", "overskriften mangler kolonnen ydelse (ydelsens id)"))
    if problems:
        raise InputError(problems)
    out: list[dict[str, Any]] = []
    origins: dict[str, str] = {"services": arg}
    for i in range(h + 1, len(grid)):
        row = grid[i]
        if _blank(row):
            continue
        place = f"{arg}, række {i + 1}"
        sid = row[cols["id"]]
        if sid is None:
            problems.append(Problem(place, "", "ydelsen (id) mangler"))
            continue
        item: dict[str, Any] = {"id": str(_whole(sid)).strip()}
        prices = {p: _whole(row[cols[p]]) for p in PURSES if p in cols and row[cols[p]] is not None}
        for p in prices:
            large = _too_large(row[cols[p]], MAX_AMOUNT, f"{place} ({p})", "pris")
            if large is not None:
                problems.append(large)
        if prices:
            item["prices"] = prices
        for field in ("label", "unit", "budget_item", "price_year"):
            if field in cols and row[cols[field]] is not None:
                item[field] = _field(field, row[cols[field]])
        if "direction" in cols and row[cols["direction"]] is not None:
            raw = row[cols["direction"]]
            item["direction"] = _DIRECTIONS.get(_norm(raw), raw)
        origins[f"services[{len(out) + 1}]"] = place
        out.append(item)
    if problems:
        raise InputError(problems)
    return out, origins


def scenario_from_ranges(
    indstillinger: Cell,
    deltagere: Cell,
    omkostninger: Cell = None,
    konsekvenser: Cell = None,
    ydelser: Cell = None,
) -> tuple[dict[str, Any], dict[str, str]]:
    """SOM_NETTORESULTAT's ranges as a §4 scenario dict, with each key's place in the sheet.

    Exposed for tests and for the example workbook: the dict goes unchanged through
    ``parse_scenario`` → ``resolve`` → ``calculate``.
    """
    settings, origins = _settings(indstillinger, "indstillinger")
    problems: list[Problem] = []
    parts: dict[str, Any] = {}
    for key, build in (
        ("participants", lambda: _participants(deltagere, settings.get("start_year"), "deltagere")),
        ("costs", lambda: _costs(omkostninger, "omkostninger")),
        ("consequences", lambda: _consequences(konsekvenser, "konsekvenser")),
        ("services", lambda: _services(ydelser, "ydelser")),
    ):
        try:
            value, places = build()
        except InputError as exc:
            problems += exc.problems
            continue
        parts[key] = value
        origins |= places
    if problems:
        raise InputError(problems)
    data: dict[str, Any] = {"name": "SØM-beregning", **settings}
    data["participants"] = parts["participants"]
    if "start_year" not in data and data["participants"]:
        data["start_year"] = min(data["participants"])
        origins.setdefault("start_year", "deltagere (første år)")
    if "horizon_years" not in data:
        data["horizon_years"] = _kb().defaults.horizon_years
    if "success_rate" not in data:
        raise _fail("indstillinger", "mangler succesrate (andel med succes, fx 0,3)")
    if "target_group" not in data and parts["consequences"] is None:
        raise _fail("indstillinger", "mangler målgruppe (eller angiv konsekvenser)")
    if parts["costs"]:
        data["costs"] = parts["costs"]
    if parts["consequences"] is not None:
        data["consequences"] = parts["consequences"]
    if parts["services"]:
        data["services"] = parts["services"]
    if "target_group" in data:
        groups = _kb().target_groups
        data["target_group"] = _lookup(
            data["target_group"],
            groups,
            lambda g: g.label,
            origins.get("target_group", "indstillinger"),
            "målgruppe",
        )
    return data, origins


def _calculate(data: dict[str, Any], origins: Mapping[str, str], func: str) -> Result:
    """The engine: parse_scenario → resolve → calculate; problems point into the sheet."""
    try:
        spec = parse_scenario(data, func)
        return calculate(resolve(spec, _kb, func))
    except InputError as exc:
        raise _translate(exc, origins, func) from None


# --- result shapes (all from som_xl.results.Result) ----------------------------------------


def year_table(result: Result, totals: bool = False) -> Table:
    rows: Table = [list(YEAR_HEADERS)]
    for r in result.year_rows():
        rows.append(
            [
                r["year"],
                r["costs"],
                r["gains"],
                r["net"],
                r["discount_factor"],
                r["discounted_net"],
                r["cumulative_discounted_net"],
            ]
        )
    if totals:
        d = result.to_dict()
        rows.append(
            [
                TOTAL,
                d["costs"]["undiscounted"],
                d["gains"]["undiscounted"],
                result.net_undiscounted,
                "",
                result.net_discounted,
                "",
            ]
        )
    return rows


def _split(parts: list[dict[str, Any]], key: str, head: str, labels: Mapping[str, str]) -> Table:
    fields = ("costs", "gains", "net", "discounted_costs", "discounted_gains", "discounted_net")
    rows: Table = [[head, *SPLIT_HEADERS]]
    for part in parts:
        rows.append([labels.get(part[key], part[key]), *(part[f] for f in fields)])
    rows.append([TOTAL, *(sum(p[f] for p in parts) for f in fields)])
    return rows


def _purse_years(result: Result) -> Table:
    parts = result.by_purse()
    rows: Table = [["år", *(PURSE_LABELS[p["purse"]] for p in parts), TOTAL]]
    for t, year in enumerate(result.resolved.years):
        values = [p["net_by_year"][t] for p in parts]
        rows.append([year, *values, sum(values)])
    return rows


def _tidy(result: Result) -> Table:
    rows: Table = [list(ROW_HEADERS)]
    for r in result.rows():
        rows.append(
            [
                r["year"],
                PURSE_LABELS.get(r["purse"], r["purse"]),
                r["budget_item"],
                _KIND_LABELS[r["kind"]],
                r["value"],
                r["discounted_value"],
            ]
        )
    return rows


def key_figures(result: Result) -> Table:
    r = result.resolved
    d = result.to_dict()
    bey = result.break_even_year
    besr = result.break_even_success_rate
    bcr = result.benefit_cost_ratio
    return [
        ["nøgletal", "værdi"],
        ["Scenarie", r.name],
        ["Målgruppe", r.target_group_label or r.target_group or "egne konsekvenser"],
        ["Prisniveau (år)", r.price_year],
        ["Diskontering", r.discount_label],
        ["Omkostninger", d["costs"]["undiscounted"]],
        ["Gevinster", d["gains"]["undiscounted"]],
        ["Nettoresultat", result.net_undiscounted],
        ["Omkostninger (nutidsværdi)", result.pv_costs],
        ["Gevinster (nutidsværdi)", result.pv_gains],
        ["Nettoresultat (nutidsværdi)", result.net_discounted],
        ["Tilbagebetalingsår", bey if bey is not None else "ikke inden for horisonten"],
        [
            "Break-even-succesrate",
            besr if besr is not None else "ikke defineret (ingen gevinster)",
        ],
        [
            "Gevinst pr. omkostningskrone",
            bcr if bcr is not None else "ikke defineret (ingen omkostninger)",
        ],
        ["Vidensdatabase", r.kb_fingerprint or "ikke brugt"],
    ]


def result_view(result: Result, view: str) -> Table:
    """One of SOM_NETTORESULTAT's views of a result."""
    if view == "år":
        return year_table(result)
    if view == "år i alt":
        return year_table(result, totals=True)
    if view == "nøgletal":
        return key_figures(result)
    if view == "kasse":
        return _split(result.by_purse(), "purse", "kasse", PURSE_LABELS)
    if view == "kasse pr. år":
        return _purse_years(result)
    if view == "udgiftspost":
        return _split(result.by_budget_item(), "budget_item", "udgiftspost", {})
    if view == "rækker":
        return _tidy(result)
    raise ValueError(view)


# --- the Excel functions ------------------------------------------------------------------


@_excel("SOM_PRIS")
def SOM_PRIS(ydelse: Any, kasse: Any, prisaar: Any = None) -> Any:
    return _guarded("SOM_PRIS", lambda: price(ydelse, kasse, prisaar))


def price(ydelse: Cell, kasse: Cell, prisaar: Cell = None) -> float:
    """The unit price through the engine's own resolution (a one-service scenario)."""
    kb = _kb()
    sid = _lookup(_scalar(ydelse, "ydelse"), kb.services, lambda s: s.label, "ydelse", "ydelse")
    purse = _purse_key(kasse, "kasse", allow_total=True)
    year = _scalar(prisaar, "prisaar")
    if year is None:
        year = kb.defaults.price_year
    if not _year_like(year):
        raise _fail("prisaar", "skal være et årstal, fx 2024", year, True)
    year = _as_year(year)
    if year not in kb.price_index.values:
        years = sorted(kb.price_index.values)
        raise _fail(
            "prisaar", f"prisindekset har ikke året; kendte år: {years[0]}-{years[-1]}", year, True
        )
    data = {
        "name": "SOM_PRIS",
        "start_year": kb.defaults.start_year,
        "horizon_years": 1,
        "price_year": year,
        "discount_rate": 0.0,
        "participants": {kb.defaults.start_year: 0},
        "success_rate": 0.0,
        "consequences": [{"service": sid, "profile": [0]}],
    }
    resolved = resolve(parse_scenario(data, "SOM_PRIS"), kb, "SOM_PRIS")
    prices = resolved.services[sid].prices
    return float(sum(prices)) if purse == TOTAL else float(prices[PURSES.index(purse)])


@_excel("SOM_MAALGRUPPER")
def SOM_MAALGRUPPER() -> Any:
    return _guarded("SOM_MAALGRUPPER", target_groups_table)


def target_groups_table() -> Table:
    kb = _kb()
    rows: Table = [list(GROUP_HEADERS)]
    for g in kb.target_groups.values():
        rows.append(
            [
                g.id,
                g.label,
                _AREA_LABELS.get(g.area, g.area),
                g.age_min,
                g.age_max if g.age_max is not None else "",
                g.success_measure,
                STATUS_LABELS[g.status],
            ]
        )
    return rows


@_excel("SOM_YDELSER")
def SOM_YDELSER(soeg: Any = None) -> Any:
    return _guarded("SOM_YDELSER", lambda: services_table(soeg))


def services_table(soeg: Cell = None) -> Table:
    kb = _kb()
    query = _scalar(soeg, "soeg")
    words = _fold(str(query)).split() if query is not None else []
    rows: Table = [list(SERVICE_HEADERS)]
    for s in kb.services.values():
        item = kb.budget_items[s.budget_item].label
        unit = kb.units[s.unit].label
        haystack = _fold(" ".join([s.id, s.label, unit, item, s.description or ""]))
        if not all(w in haystack for w in words):
            continue
        rows.append(
            [
                s.id,
                s.label,
                unit,
                DIRECTION_LABELS[s.direction],
                item,
                s.price_year,
                *s.prices.as_tuple(),
                STATUS_LABELS[s.status],
            ]
        )
    if len(rows) == 1:
        rows.append([f"ingen ydelser matcher '{query}'"] + [""] * (len(SERVICE_HEADERS) - 1))
    return rows


@_excel("SOM_KONSEKVENSER")
def SOM_KONSEKVENSER(maalgruppe: Any) -> Any:
    return _guarded("SOM_KONSEKVENSER", lambda: consequences_table(maalgruppe))


def consequences_table(maalgruppe: Cell) -> Table:
    kb = _kb()
    gid = _lookup(
        _scalar(maalgruppe, "maalgruppe"),
        kb.target_groups,
        lambda g: g.label,
        "maalgruppe",
        "målgruppe",
    )
    cons = kb.consequences.get(gid, ())
    width = max((len(c.profile) for c in cons), default=1)
    rows: Table = [
        ["ydelse", "navn", "enhed", "retning", "udgiftspost", "status"]
        + [f"år {k}" for k in range(1, width + 1)]
    ]
    for c in cons:
        s = kb.services[c.service]
        rows.append(
            [
                s.id,
                s.label,
                kb.units[s.unit].label,
                DIRECTION_LABELS[s.direction],
                kb.budget_items[s.budget_item].label,
                STATUS_LABELS[c.status],
                *c.profile,
            ]
            + [""] * (width - len(c.profile))
        )
    return rows


@_excel("SOM_NUTIDSVAERDI", ranges=("vaerdier",))
def SOM_NUTIDSVAERDI(vaerdier: Any, rente: Any, startaar: Any = None) -> Any:
    return _guarded("SOM_NUTIDSVAERDI", lambda: present_value(vaerdier, rente, startaar))


def _rate(value: Cell, kb: KnowledgeBase) -> float | list[tuple[int, float]]:
    v = _scalar(value, "rente")
    if v is None:
        raise _fail("rente", 'mangler; angiv en rente som andel, fx 0,035, eller "fm"')
    if isinstance(v, str):
        key = v.strip().lower()
        if key in kb.discount_rates:
            return [(s.from_year, s.rate) for s in kb.discount_rates[key].schedule]
        if _NUMBER_TEXT.fullmatch(key):
            return _rate_number(v, "rente")
        else:
            hint = " uden %-tegn" if "%" in key else ""
            raise _fail(
                "rente",
                f"skal være en andel{hint}, fx 0,035, eller {suggest(key, kb.discount_rates)}",
                v,
                True,
            )
    if not _is_number(v):
        raise _fail("rente", 'skal være et tal eller et renteforløb som "fm"', v, True)
    return _rate_number(v, "rente")


def present_value(vaerdier: Cell, rente: Cell, startaar: Cell = None) -> float:
    """Σ value(t) × D(t) with the engine's discount factors; t = 0 is not discounted.

    ``vaerdier`` is one row or column of amounts (the first is not discounted), or two rows
    or columns with the years first (see :func:`_year_pairs`); ``startaar`` is then the
    year that is not discounted. Without years there is no year to name, so a start year
    is an error rather than silently ignored.
    """
    kb = _kb()
    schedule = _rate(rente, kb)
    grid = _grid(vaerdier)
    if not grid or _blank(c for row in grid for c in row):
        raise _fail("vaerdier", "mangler; angiv årlige beløb i én række eller kolonne")
    _check_errors(grid, "vaerdier")
    grid, row_no, col_no, hint = _strip_labels(grid)  # labels ("År", "Netto") are ignored
    n_rows, n_cols = len(grid), len(grid[0])
    pairs: YearPairs
    if n_rows == 1 or n_cols == 1:
        line = grid[0] if n_rows == 1 else [r[0] for r in grid]
        pairs = [(None, v, f"vaerdier, værdi nr. {i + 1}") for i, v in enumerate(line)]
    else:
        pairs = _year_pairs(grid, row_no, col_no, hint, "vaerdier", "beløb")
    with_years = n_rows > 1 and n_cols > 1
    problems: list[Problem] = []
    values: list[float] = []
    years: list[int] = []
    for year, v, place in pairs:
        if with_years:
            if year is None:
                if v is not None:
                    problems.append(Problem(place, "", "beløbet mangler et årstal", v, True))
                continue
            if not _year_like(year):
                problems.append(Problem(place, "", "året skal være et årstal, fx 2025", year, True))
                continue
            if _as_year(year) in years:
                problems.append(Problem(place, "", "året står to gange", _as_year(year), True))
                continue
            years.append(_as_year(year))
        if v is None:
            values.append(0.0)
        elif _is_number(v):
            try:
                values.append(float(_limited(v, MAX_AMOUNT, place, "beløb")))
            except InputError as exc:
                problems += exc.problems
        else:
            problems.append(Problem(place, "", "skal være et tal", v, True))
    if problems:
        raise InputError(problems)
    start = _scalar(startaar, "startaar")
    if start is not None and not _year_like(start):
        raise _fail("startaar", "skal være et årstal, fx 2025", start, True)
    if not with_years:
        if start is not None:
            raise _fail(
                "startaar",
                "bruges kun, når værdierne har årstal; skriv årstallene i rækken eller "
                "kolonnen før beløbene, eller lad startaar være tom (første beløb "
                "diskonteres ikke)",
                start,
                True,
            )
        t = list(range(len(values)))
    else:
        if not years:
            raise _fail("vaerdier", "der er ingen beløb med årstal")
        first = _as_year(start) if start is not None else min(years)
        t = [y - first for y in years]
        if min(t) < 0:
            raise _fail("startaar", "ligger efter første år i værdierne", first, True)
    factors = discount_factors(max(t) + 1, schedule)
    return float(sum(v * float(factors[k]) for v, k in zip(values, t, strict=True)))


@_excel(
    "SOM_NETTORESULTAT",
    ranges=("indstillinger", "deltagere", "omkostninger", "konsekvenser", "ydelser"),
)
def SOM_NETTORESULTAT(
    indstillinger: Any,
    deltagere: Any,
    omkostninger: Any = None,
    konsekvenser: Any = None,
    ydelser: Any = None,
    visning: Any = None,
) -> Any:
    return _guarded(
        "SOM_NETTORESULTAT",
        lambda: net_result(indstillinger, deltagere, omkostninger, konsekvenser, ydelser, visning),
    )


def net_result(
    indstillinger: Cell,
    deltagere: Cell,
    omkostninger: Cell = None,
    konsekvenser: Cell = None,
    ydelser: Cell = None,
    visning: Cell = None,
) -> Table:
    view = _view(visning, _VIEWS, "visning", "år")
    data, origins = scenario_from_ranges(
        indstillinger, deltagere, omkostninger, konsekvenser, ydelser
    )
    return result_view(_calculate(data, origins, "SOM_NETTORESULTAT"), view)


@_excel("SOM_SKOEN", ranges=("indstillinger",))
def SOM_SKOEN(
    maalgruppe: Any,
    deltagere: Any,
    pris_pr_deltager: Any,
    succesrate: Any = None,
    indsats: Any = None,
    visning: Any = None,
    indstillinger: Any = None,
) -> Any:
    return _guarded(
        "SOM_SKOEN",
        lambda: quick(
            maalgruppe, deltagere, pris_pr_deltager, succesrate, indsats, visning, indstillinger
        ),
    )


_SKOEN_SETTINGS = ("start_year", "horizon_years", "price_year", "discount_rate", "course_years")


def quick(
    maalgruppe: Cell,
    deltagere: Cell,
    pris_pr_deltager: Cell,
    succesrate: Cell = None,
    indsats: Cell = None,
    visning: Cell = None,
    indstillinger: Cell = None,
) -> Table:
    kb = _kb()
    view = _view(visning, _SKOEN_VIEWS, "visning", "nøgletal")
    gid = _lookup(
        _scalar(maalgruppe, "maalgruppe"),
        kb.target_groups,
        lambda g: g.label,
        "maalgruppe",
        "målgruppe",
    )
    participants = _whole(
        _limited(_scalar(deltagere, "deltagere"), MAX_PARTICIPANTS, "deltagere", "antal")
    )
    cost = _whole(
        _limited(
            _scalar(pris_pr_deltager, "pris_pr_deltager"), MAX_AMOUNT, "pris_pr_deltager", "pris"
        )
    )
    rate = _scalar(succesrate, "succesrate")
    effect = _scalar(indsats, "indsats")
    if participants is None:
        raise _fail("deltagere", "mangler; angiv antal deltagere")
    if cost is None:
        raise _fail("pris_pr_deltager", "mangler; angiv prisen pr. deltager i kr.")
    if effect is not None:
        effect = _lookup(effect, kb.effects, lambda e: e.intervention, "indsats", "indsats")
    settings, origins = _settings(indstillinger, "indstillinger", _SKOEN_SETTINGS)
    origins |= {
        "target_group": "maalgruppe",
        "participants": "deltagere",
        "costs": "pris_pr_deltager",
        "success_rate": "succesrate",
        "intervention": "indsats",
    }
    try:
        qe = quick_estimate(
            kb, gid, participants, cost, rate, effect, where="SOM_SKOEN", **settings
        )
    except InputError as exc:
        raise _translate(exc, origins, "SOM_SKOEN") from None
    return _quick_view(qe, view, rate is None)


def _quick_view(qe: QuickEstimate, view: str, rate_from_kb: bool) -> Table:
    result = qe.result
    if view == "år":
        return year_table(result)
    if view == "ydelser":
        rows: Table = [["ydelse", "navn", "udgiftspost", "gevinster", "gevinster (nutidsværdi)"]]
        rows += [
            [s["service"], s["label"], s["budget_item"], s["gains"], s["discounted_gains"]]
            for s in qe.services
        ]
        return rows
    r = result.resolved
    source = (
        f"vidensdatabasen: {qe.effect.intervention} ({qe.effect.id})"
        if rate_from_kb and qe.effect is not None
        else "angivet"
    )
    table = key_figures(result)
    extra: Table = [
        ["Deltagere", sum(r.participants.values())],
        ["Succesrate", r.success_rate],
        ["Succesrate fra", source],
    ]
    return [*table[:3], *extra, *table[3:]]


@_excel("SOM_INFO")
def SOM_INFO() -> Any:
    return _guarded("SOM_INFO", info_table)


def info_table() -> Table:
    kb = _kb()
    counts = kb.status_counts()
    return [
        ["oplysning", "værdi"],
        ["som-xl version", som_xl.__version__],
        ["xlwings version", getattr(xw, "__version__", "")],
        ["Vidensdatabasens fingeraftryk", kb.fingerprint],
        ["Prisniveau (standard)", kb.defaults.price_year],
        ["Målgrupper", len(kb.target_groups)],
        ["Ydelser", len(kb.services)],
        *[[f"Værdier: {STATUS_LABELS[s]}", n] for s, n in counts.items()],
    ]
