"""The field table: each field's bounds hold in every face that reads the input.

The cases are generated from the table itself, so a new field is tested automatically. A
*face* is one way a user gives an input; each answers "is this value accepted, and if not,
what does the user read?". Today's faces: scenario files, the table's own ``check`` (which
the workbook reader calls) and the Excel functions (``SOM_NETTORESULTAT`` with the same
scenario written as ranges). The workbook joins as a further face by adding a :class:`Face`.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from som_xl import conventions
from som_xl.conventions import PURSES
from som_xl.errors import InputError, format_path
from som_xl.functions import ERROR_PREFIX
from som_xl.inputs import fields as F
from som_xl.inputs import load_scenario
from som_xl.inputs.fields import FIELDS, Field
from som_xl.kb.schema import Defaults
from udfs import som_udfs as u

HORIZON = 10

# --- a valid scenario with every kind of input, and a value put at a field's place -------


def scenario(start: int) -> dict[str, Any]:
    """A valid standalone scenario whose years all lie in start … start + HORIZON - 1."""
    return {
        "name": "Felttest",
        "start_year": start,
        "horizon_years": HORIZON,
        "price_year": start,
        "discount_rate": 0.035,
        "course_years": 1,
        "participants": {start: 10},
        "success_rate": 0.3,
        "costs": [
            {"label": "Drift", "kind": "annual", "years": [start], "amount": 1000},
            {
                "label": "Opstart",
                "kind": "once",
                "year": start,
                "amount": 1000,
                "price_year": start,
                "purse": "kommune",
                "budget_item": "Post",
            },
        ],
        "consequences": [{"service": "egen", "profile": [-1, -1]}],
        "drop_consequences": [],
        "services": [
            {
                "id": "egen",
                "label": "Egen",
                "unit": "dag",
                "direction": "expenditure",
                "budget_item": "Post",
                "price_year": start,
                "prices": {"kommune": 100},
            },
        ],
        "price_index": {start: 100.0},
    }


def concrete(key: str, start: int) -> tuple[str | int, ...]:
    """The spec path of a field in :func:`scenario` (the list item that has the key)."""
    if key == "<year>":
        return ("participants", start)  # a year as a mapping key
    if key == "<purse>":
        return ("services", 0, "prices")  # the purse is a key there
    if key.startswith("discount_rate[]"):
        return ("discount_rate", 0, key.rsplit(".", 1)[1])
    if key.startswith("costs[]"):
        item = 1 if key.endswith(("].year", "price_year", "purse", "budget_item")) else 0
        rest = key.removeprefix("costs[].")
        return ("costs", item, rest.removesuffix("[]"), *((0,) if rest.endswith("[]") else ()))
    parts: list[str | int] = []
    for segment in key.split("."):
        name = segment.replace("[]", "")
        parts.append({"<year>": start, "<purse>": "kommune"}.get(name, name))
        parts += [0] * segment.count("[]")
    return tuple(parts)


def put(key: str, value: Any) -> tuple[dict[str, Any], tuple[str | int, ...]]:
    """The scenario with ``value`` at the field's place, and that place's spec path."""
    f = F.field(key)
    start = 2025
    if f.type == "year" and isinstance(value, int):
        last_start = F.LAST_YEAR - HORIZON + 1
        start = value if key == "start_year" else min(max(value, F.FIRST_YEAR), last_start)
    data = copy.deepcopy(scenario(start))
    if key.startswith("discount_rate[]"):
        data["discount_rate"] = [{"from_year": 1, "rate": 0.035}]
    if key.startswith("target_group."):
        data["target_group"] = {"id": "egen_gruppe"}
    if key == "drop_consequences[]":
        data["drop_consequences"] = ["egen"]
    path = concrete(key, start)
    if key == "costs[].kind":
        path = ("costs", 1 if value == "once" else 0, "kind")  # a once-cost has its year
    if key == "<year>":
        data["participants"] = {value: 10}
        return data, ("participants", value)
    if key == "<purse>":
        data["services"][0]["prices"] = {value: 100}
        return data, ("services", 0, "prices", value)
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data, path


# --- faces ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Face:
    """One way a user gives an input.

    ``verdict(key, value)`` is None when the face accepts the value, else the Danish text
    the user reads; ``place(key, value)`` is text that text must contain to name the input;
    ``takes(key, value)`` is False for an input the face has no way to give.
    """

    name: str
    verdict: Callable[[str, Any], str | None]
    place: Callable[[str, Any], str] = lambda key, value: ""
    takes: Callable[[str, Any], bool] = lambda key, value: True


def _file_verdict(tmp: Path) -> Callable[[str, Any], str | None]:
    def verdict(key: str, value: Any) -> str | None:
        data, _ = put(key, value)
        path = tmp / f"{abs(hash((key, repr(value))))}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        try:
            load_scenario(path)
        except InputError as exc:
            return exc.text()
        return None

    return verdict


def _file_place(key: str, value: Any) -> str:
    return f"nøgle '{format_path(put(key, value)[1])}'"


# --- the Excel functions: the same scenario as SOM_NETTORESULTAT's ranges -----------------

#: Fields SOM_NETTORESULTAT does not take, and why; every other field is given in a cell.
NOT_IN_FUNCTIONS = {
    # a knowledge-base id, checked against the knowledge base by the resolver in every face
    # (the file face here only parses, so it accepts any text)
    "target_group",
    # own target groups: the functions take a knowledge-base group or own consequences
    "target_group.id",
    "target_group.label",
    "target_group.success_measure",
    # a rate schedule is named ("fm"), never written out step by step
    "discount_rate[].from_year",
    "discount_rate[].rate",
    # the konsekvenser range replaces the group's profiles; nothing is dropped or added
    "drop_consequences[]",
    # no price index argument: the knowledge base's index is used
    "price_index.<year>",
    # a purse is a column of the ydelser range (kommune, region, stat), not a value
    "<purse>",
}
_SETTINGS = ("name", "start_year", "horizon_years", "price_year", "discount_rate",
             "course_years", "success_rate")  # fmt: skip
_COST_COLUMNS = ("label", "kind", "amount", "years[]", "purse", "budget_item", "price_year")
_SERVICE_COLUMNS = ("id", "label", "unit", "direction", "budget_item", "price_year")


def _functions_takes(key: str, value: Any) -> bool:
    # An empty cell is no value: the functions read it as "not given" (a default label, or
    # a missing one), never as a given empty text, which a scenario file can hold.
    return key not in NOT_IN_FUNCTIONS and value != ""


def as_ranges(key: str, value: Any) -> dict[str, list[list[Any]]]:
    """The scenario of :func:`put` as SOM_NETTORESULTAT's ranges, headers by the table's labels.

    Price years other than the price level would need the scenario's own price index, which
    the functions do not take: a cost's or a service's price year is written only when it
    is the field under test, and then (if it is a year the table allows) the price level is
    that year too.
    """
    data, _ = put(key, value)
    price_years = ("costs[].price_year", "services[].price_year")
    settings = [[F.field(k).label, data[k]] for k in _SETTINGS]
    if key in price_years and F.check(key, value) is None:
        settings[_SETTINGS.index("price_year")][1] = value
    costs: list[list[Any]] = [[F.field(f"costs[].{c}").label for c in _COST_COLUMNS]]
    for c in data["costs"]:
        years = c.get("years", [c["year"]] if "year" in c else [])
        written = "; ".join(map(str, years)) if len(years) > 1 else (years or [None])[0]
        price_year = c.get("price_year") if key == "costs[].price_year" else None
        costs.append([c["label"], c["kind"], c["amount"], written, c.get("purse"),
                      c.get("budget_item"), price_year])  # fmt: skip
    service = dict(data["services"][0])
    consequence = dict(data["consequences"][0])
    if key in ("services[].id", "consequences[].service"):  # the same service in both
        service["id"] = consequence["service"] = value
    if key != "services[].price_year":
        service["price_year"] = None
    prices = service.get("prices") or {}
    return {
        "indstillinger": settings,
        "deltagere": [["År", "Antal"], *([y, n] for y, n in data["participants"].items())],
        "omkostninger": costs,
        "konsekvenser": [
            [F.field("consequences[].service").label, "År 1", "År 2"],
            [consequence["service"], *consequence["profile"]],
        ],
        "ydelser": [
            [*(F.field(f"services[].{c}").label for c in _SERVICE_COLUMNS), *PURSES],
            [*(service.get(c) for c in _SERVICE_COLUMNS), *(prices.get(p) for p in PURSES)],
        ],
    }


def _functions_verdict(key: str, value: Any) -> str | None:
    r = as_ranges(key, value)
    answer = u.SOM_NETTORESULTAT(
        r["indstillinger"], r["deltagere"], r["omkostninger"], r["konsekvenser"], r["ydelser"]
    )
    if isinstance(answer, str) and answer.startswith(ERROR_PREFIX):
        return answer
    assert isinstance(answer, list) and len(answer) > 1, answer
    assert all(isinstance(v, int | float) for row in answer[1:] for v in row), answer
    return None


def _functions_place(key: str, value: Any) -> str:
    """The argument and row (and for a setting the setting's name) the text must name."""
    if key in _SETTINGS:
        return f"indstillinger, række {_SETTINGS.index(key) + 1} ({F.field(key).word})"
    if key in ("participants.<year>", "<year>"):
        return "deltagere, række 2"
    if key.startswith("costs[]"):
        item = put(key, value)[1][1]
        assert isinstance(item, int)
        return f"omkostninger, række {item + 2}"  # the header is row 1
    return {"consequences": "konsekvenser", "services": "ydelser"}[key.split("[")[0]] + ", række 2"


@pytest.fixture(scope="module")
def faces(tmp_path_factory: pytest.TempPathFactory) -> list[Face]:
    tmp = tmp_path_factory.mktemp("felter")
    return [
        Face("scenariefil", _file_verdict(tmp), _file_place),
        Face("felttabellens check", lambda key, value: F.check(key, value)),
        Face("Excel-funktionerne", _functions_verdict, _functions_place, _functions_takes),
    ]


# --- the cases, from the table ----------------------------------------------------------


def _step(f: Field, bound: float) -> float:
    return 1 if f.type in ("int", "year", "whole") else (abs(bound) * 0.01 or 0.01)


def accepted(f: Field) -> list[Any]:
    if f.type == "choice":
        return list(f.choices)
    if f.type == "text":
        return ["Et navn"] if f.required_text else ["Et navn", ""]
    values: list[Any] = []
    if f.lo is not None:
        values.append(f.lo + _step(f, f.lo) if f.lo_open else f.lo)
    if f.hi is not None:
        values.append(f.hi)
    else:
        values.append((f.lo or 0) + 40)
    return [int(v) if f.type in ("int", "year") else v for v in values]


def rejected(f: Field) -> list[Any]:
    if f.type == "choice":
        return ["ukendt"]
    if f.type == "text":
        return [""] if f.required_text else []
    values: list[Any] = []
    if f.lo is not None:
        values.append(f.lo if f.lo_open else f.lo - _step(f, f.lo))
    if f.hi is not None:
        values.append(f.hi + _step(f, f.hi))
    return [int(v) if f.type in ("int", "year") else v for v in values]


ACCEPT = [(f.key, v) for f in FIELDS for v in accepted(f)]
REJECT = [(f.key, v) for f in FIELDS for v in rejected(f)]


@pytest.mark.parametrize(("key", "value"), ACCEPT, ids=[f"{k}={v!r}" for k, v in ACCEPT])
def test_every_face_accepts_the_bounds(faces: list[Face], key: str, value: Any) -> None:
    for face in faces:
        if face.takes(key, value):
            text = face.verdict(key, value)
            assert text is None, f"{face.name} afviser {key}={value!r}: {text}"


@pytest.mark.parametrize(("key", "value"), REJECT, ids=[f"{k}={v!r}" for k, v in REJECT])
def test_every_face_rejects_just_outside(faces: list[Face], key: str, value: Any) -> None:
    for face in faces:
        if not face.takes(key, value):
            continue
        text = face.verdict(key, value)
        assert text is not None, f"{face.name} accepterer {key}={value!r}"
        assert face.place(key, value) in text, f"{face.name} nævner ikke stedet: {text}"
        assert re.search(r"\b(skal|må|kan|mangler|er urealistisk|ukendt)\b", text), text
        assert "Input should" not in text and "Value error" not in text, text


def test_the_functions_take_every_field_but_those_named() -> None:
    """A field added to the table reaches the functions' face unless it is named above."""
    assert {f.key for f in FIELDS} >= NOT_IN_FUNCTIONS
    for f in FIELDS:
        tested = [v for key, v in ACCEPT + REJECT if key == f.key and _functions_takes(key, v)]
        assert bool(tested) == (f.key not in NOT_IN_FUNCTIONS), f.key


def test_every_numeric_field_has_a_rejection() -> None:
    for f in FIELDS:
        if f.type not in ("text",):
            assert rejected(f), f"{f.key} has no value outside its rules"


# --- the settled bounds ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "lo", "hi"),
    [
        ("start_year", 2000, 2100),
        ("price_year", 2000, 2100),
        ("costs[].year", 2000, 2100),
        ("<year>", 2000, 2100),
        ("horizon_years", 1, 50),
        ("course_years", 1, 20),
        ("success_rate", 0, 1),
        ("discount_rate", 0, 0.2),
        ("discount_rate[].rate", 0, 0.2),
        ("costs[].amount", -1e12, 1e12),
        ("services[].prices.<purse>", 0, 1e12),
        ("consequences[].profile[]", -1e9, 1e9),
        ("participants.<year>", 0, 1e7),
    ],
)
def test_settled_bounds(key: str, lo: float, hi: float) -> None:
    f = F.field(key)
    assert (f.lo, f.hi) == (lo, hi)


def test_every_year_has_the_same_bounds() -> None:
    years = [f for f in FIELDS if f.type == "year"]
    assert len(years) >= 7
    assert {(f.lo, f.hi) for f in years} == {(2000, 2100)}


def test_conventions_reexport_the_table() -> None:
    table = {
        "MAX_AMOUNT": F.field("costs[].amount").hi,
        "MAX_DISCOUNT_RATE": F.field("discount_rate").hi,
        "MIN_DISCOUNT_RATE": F.field("discount_rate").lo,
        "MAX_UNITS": F.field("consequences[].profile[]").hi,
        "MAX_PARTICIPANTS": F.field("participants.<year>").hi,
    }
    for name, bound in table.items():
        assert getattr(conventions, name) == getattr(F, name) == bound, name
    with pytest.raises(AttributeError):
        _ = conventions.NO_SUCH_NAME  # type: ignore[attr-defined]


def test_knowledge_base_defaults_use_the_table() -> None:
    ok = {"start_year": 2025, "horizon_years": 50, "price_year": 2024, "discount_rate": "fm"}
    assert Defaults.model_validate({**ok, "course_years": 20}).course_years == 20
    for change in ({"horizon_years": 51}, {"course_years": 21}, {"start_year": 1999}):
        with pytest.raises(ValueError, match="skal ligge mellem"):
            Defaults.model_validate({**ok, "course_years": 1, **change})


# --- texts: labels, help, aliases, Excel ----------------------------------------------------


def test_labels_and_help() -> None:
    for f in FIELDS:
        assert 0 < len(f.label) <= 32, f.key  # an Excel input title holds 32 characters
        assert f.help.endswith("."), f.key
        assert len(f.help) <= 255, f.key  # an Excel input message holds 255


def test_aliases_are_unambiguous() -> None:
    """No Danish name means two fields in the same list (settings, costs, services …)."""
    seen: dict[tuple[str, str], str] = {}
    for f in FIELDS:
        if f.key.startswith("<"):
            continue
        scope, own = F._scope(f.key)
        for name in {F.norm(n) for n in (own, *f.aliases)}:
            other = seen.setdefault((scope, name), f.key)
            same_root = other.split(".")[0] == f.key.split(".")[0]
            assert other == f.key or same_root, f"{name!r} means {other} and {f.key}"


#: Names the Excel functions accepted before they took them from the table: all still work.
FUNCTION_NAMES = {
    "": {
        "Navn": "name", "Scenarie": "name", "Målgruppe": "target_group", "Startår": "start_year",
        "Start år": "start_year", "Horisont (år)": "horizon_years", "Antal år": "horizon_years",
        "Horisont år": "horizon_years",
        "Tidshorisont (år)": "horizon_years", "Prisår": "price_year",
        "Prisniveau": "price_year", "Diskonteringsrente": "discount_rate",
        "Kalkulationsrente": "discount_rate", "Rente": "discount_rate",
        "Forløbsår": "course_years", "Forløb": "course_years",
        "Forløbslængde (år)": "course_years", "Succesrate": "success_rate",
    },
    "costs[]": {
        "Betegnelse": "label", "Tekst": "label", "Navn": "label", "Omkostning": "label",
        "Omkostninger": "label", "Post": "label", "Beskrivelse": "label", "Type": "kind",
        "Art": "kind", "Beløb": "amount", "Beløb (kr.)": "amount", "Beløb kr.": "amount",
        "År": "years[]",
        "Kasse": "purse", "Udgiftspost": "budget_item", "Prisår": "price_year",
    },
    "services[]": {
        "Ydelse": "id", "Id": "id", "Service": "id", "Navn": "label", "Betegnelse": "label",
        "Enhed": "unit", "Retning": "direction", "Udgiftspost": "budget_item",
        "Prisår": "price_year",
    },
    "consequences[]": {"Ydelse": "service", "Service": "service", "Id": "service"},
}  # fmt: skip


@pytest.mark.parametrize("scope", list(FUNCTION_NAMES))
def test_names_the_functions_accept(scope: str) -> None:
    for name, key in FUNCTION_NAMES[scope].items():
        expected = f"{scope}.{key}" if scope else key
        found = F.key_for(name, scope)
        assert found is not None and found.startswith(expected), (name, found)


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("costs[].kind", "engang", "once"),
        ("costs[].kind", "Årlig", "annual"),
        ("costs[].kind", "pr. deltager", "per_participant"),
        ("costs[].purse", "Region", "region"),
        ("services[].direction", "indtægt", "revenue"),
    ],
)
def test_danish_words_for_choices(key: str, text: str, value: str) -> None:
    assert F.parse(key, text, cells=True) == value
    assert F.check(key, text, cells=True) is None
    assert F.check(key, text) is not None  # a scenario file uses the keys' own values


@pytest.mark.parametrize(
    ("key", "raw", "value"),
    [
        ("success_rate", "0,3", 0.3),
        ("success_rate", "0.3", 0.3),
        ("costs[].amount", "1.000,50", 1000.5),
        ("costs[].amount", "1.000", 1000.0),
        ("costs[].amount", "-250000", -250000.0),
        ("horizon_years", 10.0, 10),
        ("start_year", "2025", 2025),
        ("costs[].amount", "", None),
        ("costs[].amount", None, None),
    ],
)
def test_parse_cells(key: str, raw: Any, value: Any) -> None:
    assert F.parse(key, raw, cells=True) == value


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("success_rate", "30 %", "uden %-tegn"),
        ("costs[].amount", "mange", "beløbet skal være et tal"),
        ("horizon_years", 2.5, "skal være et helt tal"),
        ("costs[].amount", math.inf, "endeligt tal"),
        ("costs[].amount", True, "ikke true"),
    ],
)
def test_parse_refuses(key: str, raw: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        F.parse(key, raw, cells=True)


def test_files_keep_the_decimal_point() -> None:
    """Scenario files refuse a decimal comma and question dotted thousands (as before)."""
    assert "punktum som decimaltegn" in str(F.check("success_rate", "0,3"))
    assert "punktum som decimaltegn" in str(F.check("costs[].amount", "1.000"))


def test_messages_in_cells_use_a_decimal_comma() -> None:
    assert F.check("discount_rate", 0.5) == (
        "diskonteringsrenten skal være en andel mellem 0 og 0.2, fx 0.035"
    )
    assert F.check("discount_rate", 0.5, cells=True) == (
        "diskonteringsrenten skal være en andel mellem 0 og 0,2, fx 0,035"
    )
    assert (
        F.check("success_rate", 30)
        == "succesraten skal være en andel mellem 0 og 1; 30 % skrives 0.3"
    )


#: The workbook's data validation today (som_xl/workbook/build.py and text.py): the table
#: gives the same, so the workbook can take it from there without changing its file.
WORKBOOK = {
    "start_year": (
        {"validate": "integer", "criteria": "between", "minimum": 2000, "maximum": 2100},
        ("Startår", "Et helt år mellem 2000 og 2100.", "Skriv et år mellem 2000 og 2100."),
    ),
    "horizon_years": (
        {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 50},
        (
            "Tidshorisont",
            "Antal år i beregningen: et helt tal fra 1 til 50.",
            "Horisonten skal være et helt antal år fra 1 til 50.",
        ),
    ),
    "course_years": (
        {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 20},
        (
            "Forløbets længde",
            "Et helt antal år fra 1 til 20.",
            "Forløbets længde skal være et helt antal år fra 1 til 20.",
        ),
    ),
    "discount_rate": (
        {"validate": "decimal", "criteria": "between", "minimum": 0.0, "maximum": 0.2},
        (
            "Fast rente",
            "En rente mellem 0 % og 20 %, fx 3,5 %.",
            "Renten skal ligge mellem 0 % og 20 %.",
        ),
    ),
    "success_rate": (
        {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1},
        (
            "Succesrate",
            "Andel mellem 0 % og 100 %, netto efter dødvægt.",
            "Succesraten skal ligge mellem 0 % og 100 %.",
        ),
    ),
}


@pytest.mark.parametrize("key", list(WORKBOOK))
def test_excel_validation_matches_the_workbook(key: str) -> None:
    rule, (title, message, error) = WORKBOOK[key]
    got = F.excel_validation(key)
    assert got == {
        **rule,
        "input_title": title,
        "input_message": message,
        "error_title": title,
        "error_message": error,
        "ignore_blank": True,
    }
    for a, b in zip(
        (got["minimum"], got["maximum"]), (rule["minimum"], rule["maximum"]), strict=True
    ):
        assert type(a) is type(b)  # xlsxwriter writes 0 and 0.0 differently


def test_excel_validation_for_every_field() -> None:
    for f in FIELDS:
        v = F.excel_validation(f.key)
        assert v["validate"] in ("integer", "decimal", "list", "any"), f.key
        assert len(v["input_title"]) <= 32 and len(v["input_message"]) <= 255, f.key
        assert len(v.get("error_message", "")) <= 255, f.key
    assert F.excel_validation("price_year", source="=liste.prisaar")["source"] == "=liste.prisaar"
    assert F.excel_validation("price_index.<year>")["criteria"] == ">"


def test_field_for_paths() -> None:
    assert F.field_for(("costs", 2, "amount")) is F.field("costs[].amount")
    assert F.field_for(("costs", 0, "years", 3)) is F.field("costs[].years[]")
    assert F.field_for(("consequences", 1, "profile", 0)) is F.field("consequences[].profile[]")
    assert F.field_for(("horizon_years",)) is F.field("horizon_years")
    assert F.field_for(("costs", "x")) is None
    with pytest.raises(KeyError, match="no input field"):
        F.field("horizon")
