"""The field table: each field's bounds hold in every face that reads the input.

The cases are generated from the table itself, so a new field is tested automatically. A
*face* is one way a user gives an input; each answers "is this value accepted, and if not,
what does the user read?". The faces: scenario files, the table's own ``check``, the Excel
functions (``SOM_NETTORESULTAT`` with the same scenario written as ranges) and the workbook
(the value typed into its input cell of a built workbook, read back as ``som-xl read`` does).
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
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
from som_xl.workbook import layout as L
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook
from som_xl.workbook.layout import Layout, a1
from som_xl.workbook.read import read_content, read_workbook
from tests.workbook_edit import Editor
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
    found = _method_put(data, key, value, start)
    if found is not None:
        return data, found
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


def _tail(value: Any, rate: float = 0.5) -> dict[str, Any]:
    """A tail of the kind ``value``; a decaying one has its rate."""
    return {"kind": value, **({"rate": rate} if value == "decay" else {})}


def _method_put(
    data: dict[str, Any], key: str, value: Any, start: int
) -> tuple[str | int, ...] | None:
    """The value of a field of som-method §3.10–3.19 put in ``data``, and its path; None for
    the other fields. Each comes with what it needs beside it (both gross success rates, a
    decaying tail's rate, a realised year)."""
    consequence = data["consequences"][0]
    if key.startswith("success_rate."):
        own = key.split(".")[1]
        data["success_rate"] = {"with": 1.0, "without": 0.0, own: value}
        return ("success_rate", own)
    if key in ("consequence_tail", "consequences[].tail"):
        where, path = (data, ("consequence_tail",)) if key == "consequence_tail" else (
            consequence, ("consequences", 0, "tail"))  # fmt: skip
        where[path[-1]] = _tail(value)
        return (*path, "kind")
    if key in ("consequence_tail.rate", "consequences[].tail.rate"):
        where, path = (data, ("consequence_tail",)) if key == "consequence_tail.rate" else (
            consequence, ("consequences", 0, "tail"))  # fmt: skip
        where[path[-1]] = {"kind": "decay", "rate": value}
        return (*path, "rate")
    if key == "consequences[].relative[]":
        del consequence["profile"]
        consequence["relative"] = [value]
        data["baseline"] = {"egen": 10}
        return ("consequences", 0, "relative", 0)
    if key == "baseline.<service>":
        data["baseline"] = {"egen": value}
        return ("baseline", "egen")
    if key == "consequences[].during_course[]":
        consequence["during_course"] = [value]
        return ("consequences", 0, "during_course", 0)
    if key == "committees.<budget_item>":
        data["committees"] = {"Post": value}
        return ("committees", "Post")
    if key.startswith("realised."):
        own = key.rsplit(".", 1)[1]
        year: dict[str, Any] = {own: value}
        if own == "successes":
            year["participants"] = F.MAX_PARTICIPANTS
        data["realised"] = {start: year}
        return ("realised", start, own)
    if key.startswith("resources[]."):
        own = key.removeprefix("resources[].").removesuffix("[]")
        by_hours = own in ("hours", "hourly_wage")
        form = {"hours": 100, "hourly_wage": 300} if by_hours else {"fte": 1, "annual_wage": 5e5}
        item: dict[str, Any] = {"label": "Team", "years": [start], **form}
        data["resources"] = [item]
        if own == "years":
            item["years"] = [value]
            return ("resources", 0, "years", 0)
        item[own] = value
        return ("resources", 0, own)
    if key in ("drop_off", "optimism_bias.costs", "optimism_bias.gains"):
        parts = key.split(".")
        if len(parts) == 2:
            data[parts[0]] = {parts[1]: value}
        else:
            data[key] = value
        return tuple(parts)
    return None


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
    # (the file face here only parses, so it accepts any text); so is an intervention (an
    # effect id; tests/inputs/test_intervention.py and the functions' own tests)
    "target_group",
    "intervention",
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
#: The settings of som-method §3.10–3.19 (settings rows of their own, after _SETTINGS).
_METHOD_SETTINGS = ("success_rate.with", "success_rate.without", "drop_off",
                    "optimism_bias.costs", "optimism_bias.gains", "consequence_tail",
                    "consequence_tail.rate")  # fmt: skip
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
    price_years = ("costs[].price_year", "services[].price_year", "resources[].price_year")
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
    settings = _method_settings(settings, data)
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
        "konsekvenser": _consequence_range(consequence, data.get("baseline", {})),
        "ydelser": [
            [*(F.field(f"services[].{c}").label for c in _SERVICE_COLUMNS), *PURSES],
            [*(service.get(c) for c in _SERVICE_COLUMNS), *(prices.get(p) for p in PURSES)],
        ],
        "udvalg": [
            ["Udgiftspost", "Udvalg"],
            *([k, v] for k, v in data.get("committees", {}).items()),
        ],
        "realiseret": _realised_range(data.get("realised", {})),
        "ressourcer": _resource_range(data.get("resources", [])),
    }


def _resource_range(items: list[dict[str, Any]]) -> list[list[Any]] | None:
    if not items:
        return None
    keys = list(items[0])
    head = [F.field(f"resources[].{k}" + ("[]" if k == "years" else "")).label for k in keys]
    row = [items[0][k] if k != "years" else items[0][k][0] for k in keys]
    return [head, row]


def _method_settings(settings: list[list[Any]], data: dict[str, Any]) -> list[list[Any]]:
    """The settings rows with those of som-method §3.10–3.19 the scenario has."""
    values: dict[str, Any] = {}
    if isinstance(data["success_rate"], dict):
        settings = [r for r in settings if r[0] != F.field("success_rate").label]
        values |= {f"success_rate.{k}": v for k, v in data["success_rate"].items()}
    for group in ("optimism_bias", "consequence_tail"):
        for k, v in data.get(group, {}).items():
            values[group if k == "kind" else f"{group}.{k}"] = v
    if "drop_off" in data:
        values["drop_off"] = data["drop_off"]
    return [*settings, *([F.field(k).label, values[k]] for k in _METHOD_SETTINGS if k in values)]


def _consequence_range(consequence: dict[str, Any], baseline: dict[str, Any]) -> list[list[Any]]:
    if "relative" in consequence:
        head = [F.field("consequences[].service").label, "Relativ år 1"]
        row = [consequence["service"], *consequence["relative"]]
    else:
        head = [F.field("consequences[].service").label, "År 1", "År 2"]
        row = [consequence["service"], *consequence["profile"]]
    if consequence["service"] in baseline:
        head.append(F.field("baseline.<service>").label)
        row.append(baseline[consequence["service"]])
    if "during_course" in consequence:
        head.append("Under forløb år 1")
        row.append(consequence["during_course"][0])
    tail = consequence.get("tail", {})
    for k, label in (("kind", "Hale"), ("rate", "Halens fald")):
        if k in tail:
            head.append(label)
            row.append(tail[k])
    return [head, row]


def _realised_range(realised: dict[int, dict[str, Any]]) -> list[list[Any]] | None:
    if not realised:
        return None
    names = {"participants": "Deltagere", "successes": "Succeser", "costs": "Omkostninger"}
    ((year, given),) = realised.items()
    return [["År", *(names[k] for k in given)], [year, *given.values()]]


def _functions_verdict(key: str, value: Any) -> str | None:
    r = as_ranges(key, value)
    answer = u.SOM_NETTORESULTAT(
        r["indstillinger"], r["deltagere"], r["omkostninger"], r["konsekvenser"], r["ydelser"],
        None, r["udvalg"], r["realiseret"], r["ressourcer"],
    )  # fmt: skip
    if isinstance(answer, str) and answer.startswith(ERROR_PREFIX):
        return answer
    assert isinstance(answer, list) and len(answer) > 1, answer
    assert all(isinstance(v, int | float) for row in answer[1:] for v in row), answer
    return None


def _functions_place(key: str, value: Any) -> str:
    """The argument and row (and for a setting the setting's name) the text must name."""
    if key in _SETTINGS:
        return f"indstillinger, række {_SETTINGS.index(key) + 1} ({F.field(key).word})"
    if key in _METHOD_SETTINGS:
        labels = [r[0] for r in as_ranges(key, value)["indstillinger"]]
        return f"indstillinger, række {labels.index(F.field(key).label) + 1}"
    if key.startswith("committees."):
        return "udvalg, række 2"
    if key.startswith("realised."):
        return "realiseret, række 2"
    if key.startswith("resources[]"):
        return "ressourcer, række 2"
    if key == "baseline.<service>":
        return "konsekvenser, række 2"
    if key in ("participants.<year>", "<year>"):
        return "deltagere, række 2"
    if key.startswith("costs[]"):
        item = put(key, value)[1][1]
        assert isinstance(item, int)
        return f"omkostninger, række {item + 2}"  # the header is row 1
    return {"consequences": "konsekvenser", "services": "ydelser"}[key.split("[")[0]] + ", række 2"


# --- the workbook: the value typed into its input cell, read back as `som-xl read` does ---

#: Fields the workbook has no input cell for, and why; every other field has one.
NOT_IN_WORKBOOK = {
    # a knowledge-base group, chosen from the list by its name and checked against the
    # knowledge base (as in the functions; the file face here only parses); so is the
    # intervention on Indsats (a dropdown of the effects' names; test_scenario_from_inputs.py)
    "target_group",
    "intervention",
    # own target groups: the workbook's groups are the knowledge base's
    "target_group.id",
    "target_group.label",
    "target_group.success_measure",
    # a rate schedule is chosen by its name from the knowledge base's, never written out
    "discount_rate[].from_year",
    "discount_rate[].rate",
    # a cost's kind and years follow from where its amount is written: one year's column
    # (once), several (annual), or the rows per participant
    "costs[].kind",
    "costs[].year",
    "costs[].years[]",
    # a consequence is left out with its switch (Med: Nej), not by naming it
    "drop_consequences[]",
    # an own service's id comes from its row; its name (services[].label) names it
    "services[].id",
    # the price index is the knowledge base's (VD Indeks og renter), not an input
    "price_index.<year>",
    # years are the rows of the participants (from the start year), purses the columns
    # of the prices: neither is a value in a cell
    "<year>",
    "<purse>",
    # the gross success rate with the intervention is the success rate's own cell (the
    # field success_rate), which holds the gross rate once a rate without is given
    "success_rate.with",
    # a tail is chosen from the workbook's list of Danish labels (Stop, Fasthold, Aftag)
    "consequence_tail",
    "consequences[].tail",
    # a consequence is written in units; a relative profile is for scenario files
    "consequences[].relative[]",
    "committees.<budget_item>",
    "realised.<year>.participants",
    "realised.<year>.successes",
    "realised.<year>.costs",
    *(f.key for f in FIELDS if f.key.startswith("resources[].")),
}
#: Fields the workbook chooses from a list of the knowledge base's (Excel's list
#: validation, and the reader): a value the table allows but the list lacks is refused
#: there. Price years come from the price index, as in a scenario file without its own
#: index (the file face here has its own index); budget items from the knowledge base's
#: items, where a scenario file or a function may name any item. Such values are not
#: compared; :func:`test_the_workbook_lists_narrow_the_table` pins what the lists do.
_LISTED = {
    "price_year": "index",
    "costs[].price_year": "index",
    "services[].price_year": "index",
    "costs[].budget_item": "items",
    "services[].budget_item": "items",
}
_ITEM = "Indsatsens omkostninger"


class _Undo(Editor):
    """An editor that remembers each cell's value before its first change."""

    def __init__(self, wb: Any, layout: Layout, service_rows: dict[str, int]) -> None:
        super().__init__(wb, layout, service_rows)
        self.before: dict[tuple[str, int, int], Any] = {}

    def set(self, sheet: str, row: int, column: int, value: Any) -> None:
        self.before.setdefault((sheet, row, column), self.wb[sheet].cell(row + 1, column + 1).value)
        super().set(sheet, row, column, value)

    def undo(self) -> None:
        for (sheet, row, column), value in self.before.items():
            self.wb[sheet].cell(row + 1, column + 1).value = value
        self.before.clear()


class _Book:
    """A built default workbook, loaded once; each case changes cells and puts them back."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        base = build_workbook(tmp / "SOM.xlsx")
        content = read_content(base)
        self.lay: Layout = content.layout
        self.lists: dict[str, set[Any]] = {
            "index": set(content.bkb.index_map),
            "items": set(content.bkb.item_labels),
        }
        self.service = content.bkb.services[0].id  # its prices are on the first row
        self.wb = openpyxl.load_workbook(base)
        self.editor = _Undo(self.wb, self.lay, {self.service: 0})
        self.cells = self._cells()

    def cell(self, key: str) -> tuple[str, int, int]:
        """(sheet, row, column) of the field's input cell."""
        return self.cells[key]

    def _cells(self) -> dict[str, tuple[str, int, int]]:
        lay = self.lay
        drift = lay.ycost_rows[1]  # the example's running cost (kind Drift)
        own_service = lay.price_row(lay.counts.services)
        return {
            "name": (T.INDSTILLINGER, lay.settings_rows["navn"], lay.settings_col),
            "start_year": (T.INDSTILLINGER, lay.settings_rows["startaar"], lay.settings_col),
            "horizon_years": (T.INDSTILLINGER, lay.settings_rows["horisont"], lay.settings_col),
            "price_year": (T.INDSTILLINGER, lay.settings_rows["prisaar"], lay.settings_col),
            "discount_rate": (
                T.INDSTILLINGER,
                lay.settings_rows["diskonteringsrente"],
                lay.settings_col,
            ),
            "course_years": (T.INDSTILLINGER, lay.settings_rows["forloebsaar"], lay.settings_col),
            "participants.<year>": (T.INDSATS, lay.part_first, lay.part_col),
            "success_rate": (T.INDSATS, lay.success_row, lay.value_col),
            "costs[].label": (T.OMKOSTNINGER, drift, L.C_LABEL),
            "costs[].amount": (T.OMKOSTNINGER, drift, lay.cost_year_col),
            "costs[].purse": (T.OMKOSTNINGER, drift, L.C_PURSE),
            "costs[].budget_item": (T.OMKOSTNINGER, drift, L.C_ITEM),
            "costs[].price_year": (T.OMKOSTNINGER, drift, L.C_YEAR),
            "consequences[].service": (
                T.KONSEKVENSER,
                lay.cons_block_row(lay.counts.max_cons),
                L.K_LABEL,
            ),
            "consequences[].profile[]": (
                T.KONSEKVENSER,
                lay.cons_block_row(0) + 1,
                lay.cons_profile_col,
            ),
            "services[].label": (T.PRISER, own_service, L.P_LABEL),
            "services[].unit": (T.PRISER, own_service, L.P_UNIT),
            "services[].direction": (T.PRISER, own_service, L.P_DIR),
            "services[].budget_item": (T.PRISER, own_service, L.P_ITEM),
            "services[].price_year": (T.PRISER, lay.price_row(0), L.P_LOCAL_YEAR),
            "services[].prices.<purse>": (T.PRISER, lay.price_row(0), L.P_LOCAL),
            # som-method §3.10–3.17: settings on Indstillinger, columns on Konsekvenser
            **{
                key: (T.INDSTILLINGER, lay.settings_rows[setting], lay.settings_col)
                for key, setting in (
                    ("drop_off", "frafald"),
                    ("success_rate.without", "doedvaegt"),
                    ("optimism_bias.costs", "optimisme_omk"),
                    ("optimism_bias.gains", "optimisme_gev"),
                    ("consequence_tail.rate", "halerate"),
                )
            },
            "consequences[].during_course[]": (
                T.KONSEKVENSER,
                lay.cons_block_row(0) + 1,
                lay.cons_during_col,
            ),
            "consequences[].tail.rate": (T.KONSEKVENSER, lay.cons_block_row(0) + 1, L.K_TAIL_RATE),
            "baseline.<service>": (T.KONSEKVENSER, lay.cons_block_row(0) + 1, L.K_BASE),
        }

    def place(self, key: str, value: Any) -> str:
        sheet, row, column = self.cell(key)
        return f"{sheet}!{a1(row, column)}"

    def takes(self, key: str, value: Any) -> bool:
        # An empty cell is no value (a default name, or no own service), as in the functions.
        if key in NOT_IN_WORKBOOK or value == "":
            return False
        listed = key not in _LISTED or value in self.lists[_LISTED[key]]
        return listed or F.check(key, value) is not None

    def write(self, e: Editor, key: str, value: Any) -> None:
        """The value typed where the field is, with what the cell needs beside it."""
        f = F.field(key)
        if f.type == "choice":
            value = f.display(value)  # the workbook's lists show Danish words: Kommune, udgift
        if key == "discount_rate":
            e.setting("diskontering", T.FAST_RENTE)
        own = {"label": "Egen ydelse", "unit": "dag", "direction": "udgift", "budget_item": _ITEM}
        if key == "consequences[].service":
            own["label"] = value
        elif key.removeprefix("services[].") in own:
            own[key.removeprefix("services[].")] = value
        if key == "consequences[].service" or key.removeprefix("services[].") in own:
            # an own service with the value in its row, and an own consequence that uses it
            e.own_service(0, *own.values(), (100, 100, 100))
            e.own_consequence(0, own["label"], {1: -1})
            return
        if key == "services[].price_year":
            e.local_price(self.service, (100, None, None), value)
            return
        e.set(*self.cell(key), value)

    def verdict(self, key: str, value: Any) -> str | None:
        """None if `som-xl read` reports nothing about the field's cell, else what it says."""
        path = self.tmp / "felt.xlsx"
        try:
            self.write(self.editor, key, value)
            self.wb.save(path)
        finally:
            self.editor.undo()
        try:
            read_workbook(path)
        except InputError as exc:
            place = self.place(key, value)
            found = [str(p) for p in exc.problems if p.where == place]
            return "\n".join(found) or None
        return None


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> _Book:
    return _Book(tmp_path_factory.mktemp("projektmappe"))


@pytest.fixture(scope="module")
def faces(tmp_path_factory: pytest.TempPathFactory, book: _Book) -> list[Face]:
    tmp = tmp_path_factory.mktemp("felter")
    return [
        Face("scenariefil", _file_verdict(tmp), _file_place),
        Face("felttabellens check", lambda key, value: F.check(key, value)),
        Face("Excel-funktionerne", _functions_verdict, _functions_place, _functions_takes),
        Face("projektmappen", book.verdict, book.place, book.takes),
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


def test_the_workbook_has_every_field_but_those_named(book: _Book) -> None:
    """A field added to the table needs a cell in the workbook's face, or a reason above."""
    assert {f.key for f in FIELDS} >= NOT_IN_WORKBOOK
    for f in FIELDS:
        assert (f.key in book.cells) != (f.key in NOT_IN_WORKBOOK), f.key
        tested = [v for key, v in ACCEPT + REJECT if key == f.key and book.takes(key, v)]
        # a budget item is text the table takes any of: the list test below covers it
        covered = f.key not in NOT_IN_WORKBOOK and not (f.key in _LISTED and f.type == "text")
        assert bool(tested) == covered, f.key


@pytest.mark.parametrize("key", list(_LISTED))
def test_the_workbook_lists_narrow_the_table(book: _Book, key: str) -> None:
    """A value from the workbook's list is read; one the table allows but the list lacks is
    refused, naming the cell (see _LISTED)."""
    listed = sorted(book.lists[_LISTED[key]], key=str)
    assert book.verdict(key, listed[-1]) is None
    outside = 2010 if _LISTED[key] == "index" else "Et navn"
    assert F.check(key, outside) is None and outside not in listed
    text = book.verdict(key, outside)
    assert text is not None and book.place(key, outside) in text, text


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


#: The workbook's data validation of the settings and the success rate, as it was when it
#: was written out by hand: the workbook now takes it from the table, unchanged.
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


#: Text fields the workbook validates by its own rule (an own service's name must be new
#: and safe to look up: text.VALIDATION["egen_ydelse"]) or not at all (free text).
_OWN_RULE = {"name": None, "costs[].label": None, "services[].label": "egen_ydelse",
             "services[].unit": None}  # fmt: skip


def _validation_at(book: _Book, sheet: str, row: int, column: int) -> Any:
    found = [
        dv for dv in book.wb[sheet].data_validations.dataValidation if a1(row, column) in dv.sqref
    ]
    assert len(found) <= 1, (sheet, row, column)
    return found[0] if found else None


def test_the_workbook_validates_every_field_by_the_table(book: _Book) -> None:
    """Each input cell of a field has the table's rule, bounds and Danish texts."""
    lay = book.lay
    quick = [
        ("target_group", (T.SKOEN, lay.skoen_rows["maalgruppe"], 1), ""),
        ("participants.<year>", (T.SKOEN, lay.skoen_rows["deltagere"], 1), "quick"),
        ("costs[].amount", (T.SKOEN, lay.skoen_rows["pris"], 1), "quick"),
        ("success_rate", (T.SKOEN, lay.skoen_rows["succesrate"], 1), ""),
        ("target_group", (T.INDSATS, lay.group_row, lay.value_col), ""),
        (
            "costs[].amount",
            (T.OMKOSTNINGER, lay.pcost_first, lay.cost_amount_col),
            "per_participant",
        ),
    ]
    cases = [(key, where, "") for key, where in book.cells.items()] + quick
    for key, (sheet, row, column), place in cases:
        dv = _validation_at(book, sheet, row, column)
        if key in _OWN_RULE:
            own = _OWN_RULE[key]
            assert (dv.promptTitle if dv else None) == (T.VALIDATION[own][0] if own else None)
            continue
        assert dv is not None, key
        listed = dv.formula1 if dv.type == "list" else None  # the workbook's list
        want = F.excel_validation(key, place=place, source=listed)
        got = (dv.promptTitle, dv.prompt, dv.errorTitle, dv.error)
        texts = (want["input_title"], want["input_message"], want["error_title"])
        assert got == (*texts, want["error_message"]), key
        if dv.type == "custom":  # the table's bounds, then the workbook's horizon
            top_left = str(dv.sqref).split(":")[0]  # a formula rule names the range's first cell
            bounds = F.excel_validation(key, cell=top_left)["value"]
            assert dv.formula1.startswith(bounds.removeprefix("=").removesuffix(")")), key
        elif dv.type != "list":
            assert {"whole": "integer"}.get(dv.type, dv.type) == want["validate"], key
            assert float(dv.formula1) == want["minimum"], key
            assert float(dv.formula2) == want["maximum"], key


def test_excel_texts_name_the_workbooks_words() -> None:
    """The workbook's words the table's Excel texts use are the workbook's."""
    assert T.VD_INDEKS in F.excel_validation("price_year")["error_message"]
    assert T.ART_SPARET in F.excel_validation("costs[].amount")["input_message"]
    per_participant = F.excel_validation("costs[].amount", place="per_participant")
    assert T.ART_SPARET in per_participant["input_message"]
    assert T.PRISER in F.excel_validation("consequences[].service")["input_message"]


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
