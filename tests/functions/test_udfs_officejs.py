"""The functions through the Office.js path: in-process, in the real xlwings-server app, and
over HTTP from a running xlwings Server (uvicorn on 127.0.0.1).

xlwings Server and xlwings Lite share this path. Setting ``XLWINGS_ON_SERVER=true`` before
xlwings is imported makes ``xw.func``/``xw.arg`` register the functions; each fixture
imports xlwings afresh and removes it again, so the plain tests keep their plain functions.
The payloads are shaped as Excel's add-in sends them: one 2-D list per argument, ``None``
for an omitted argument, ``""`` or ``None`` for empty cells, error objects for #-errors.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import logging
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from som_xl.functions import YEAR_HEADERS
from tests.functions.test_udfs import FIXTURE_KB, ROOT, assert_clean
from udfs import som_udfs as plain

SERVER_PROJECT = ROOT / "udfs" / "server"
NAMES = sorted(plain.__all__)

_PURGE = ("xlwings", "xlwings_server", "custom_functions", "custom_scripts", "udfs.som_udfs")


def _purge() -> None:
    for name in list(sys.modules):
        if any(name == p or name.startswith(p + ".") for p in _PURGE):
            del sys.modules[name]


@pytest.fixture
def officejs(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[ModuleType, ModuleType]]:
    """(xlwings.server, the UDF module) imported in server mode; cleaned up afterwards."""
    monkeypatch.setenv("XLWINGS_ON_SERVER", "true")
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    monkeypatch.setenv("SOM_XL_KNOWLEDGE", str(FIXTURE_KB))
    _purge()
    try:
        import xlwings.server as server

        # import_module, not "from udfs import som_udfs": the package attribute still
        # points at the plain module imported before.
        som_udfs = importlib.import_module("udfs.som_udfs")
        assert som_udfs is not plain
        yield server, som_udfs
    finally:
        _purge()
        import udfs

        udfs.som_udfs = plain  # type: ignore[attr-defined]
        sys.modules["udfs.som_udfs"] = plain


def payload(func: str, *args: Any) -> dict[str, Any]:
    import xlwings

    return {
        "func_name": func,
        "args": list(args),
        "caller_address": "[Budget.xlsx]Budget!C31",
        "culture_info_name": "da-DK",
        "date_format": "dd-mm-åååå",
        "session_id": "4b1c5a3e-0000-4000-8000-000000000000",
        "version": xlwings.__version__,
        "client": "Office.js",
        "runtime": "1.4",
    }


def call(server: ModuleType, module: ModuleType, func: str, *args: Any) -> Any:
    result = asyncio.run(server.custom_functions_call(payload(func, *args), module))
    json.dumps(result, allow_nan=False)  # what goes over HTTP must be valid JSON
    return result


def cell(v: Any) -> list[list[Any]]:
    """A single cell as Excel sends it: a 1 × 1 matrix."""
    return [[v]]


SETTINGS = [
    ["Målgruppe", "voksne_hjemloeshed"],
    ["Startår", 2025],
    ["Horisont (år)", 10],
    ["Diskonteringsrente", "fm"],
    ["Succesrate", 0.3],
]
COSTS = [["Omkostning", "Kasse", 2025, 2026, 2027], ["Drift", "kommune", 1500000, 1500000, ""]]


# --- registration ---------------------------------------------------------------------------


def test_registered_functions_descriptions_and_arguments(officejs: Any) -> None:
    server, module = officejs
    meta = server.custom_functions_meta(module)
    functions = {f["name"]: f for f in meta["functions"]}
    assert sorted(functions) == NAMES
    for name, f in functions.items():
        description, args = plain.HELP[name]
        assert f["id"] == name and f["description"] == description
        assert [p["name"] for p in f["parameters"]] == [a for a, _ in args]
        assert [p["description"] for p in f["parameters"]] == [d for _, d in args]
        for p in f["parameters"]:
            assert p["dimensionality"] == "matrix" and p["type"] == "any"
        assert f["result"] == {"dimensionality": "matrix", "type": "any"}
        assert "stream" not in f["options"] and not f["options"].get("volatile")
    optional = {
        f["name"]: [p["name"] for p in f["parameters"] if p.get("optional")]
        for f in meta["functions"]
    }
    assert optional["SOM_PRIS"] == ["prisaar"]
    assert optional["SOM_NETTORESULTAT"] == [
        "omkostninger",
        "konsekvenser",
        "ydelser",
        "visning",
        "udvalg",
        "realiseret",
        "ressourcer",
    ]
    assert optional["SOM_UDVALG"] == [
        "omkostninger",
        "konsekvenser",
        "ydelser",
        "udvalg",
        "visning",
    ]
    assert optional["SOM_OPFOELGNING"] == [
        "omkostninger",
        "konsekvenser",
        "ydelser",
        "realiseret",
        "visning",
    ]
    assert optional["SOM_SKOEN"] == ["succesrate", "indsats", "visning", "indstillinger"]
    # Range arguments are declared two-dimensional, so a one-row range stays a row.
    xlfunc = module.SOM_NETTORESULTAT.__xlfunc__
    ndim = {a["name"]: a["options"].get("ndim") for a in xlfunc["args"]}
    assert ndim == {
        "indstillinger": 2,
        "deltagere": 2,
        "omkostninger": 2,
        "konsekvenser": 2,
        "ydelser": 2,
        "visning": None,
        "udvalg": 2,
        "realiseret": 2,
        "ressourcer": 2,
    }
    assert module.SOM_NUTIDSVAERDI.__xlfunc__["args"][0]["options"]["ndim"] == 2


# --- calls shaped as Excel sends them --------------------------------------------------------


def test_calls_equal_the_plain_functions(officejs: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    server, module = officejs
    monkeypatch.setenv("SOM_XL_KNOWLEDGE", str(FIXTURE_KB))
    price = call(server, module, "SOM_PRIS", cell("forsorgshjem_doegn"), cell("kommune"), None)
    assert price == [[plain.SOM_PRIS("forsorgshjem_doegn", "kommune")]]
    # An empty cell for an optional argument means "left out".
    assert (
        call(server, module, "SOM_PRIS", cell("forsorgshjem_doegn"), cell("kommune"), cell(""))
        == price
    )
    assert call(
        server, module, "SOM_PRIS", cell("forsorgshjem_doegn"), cell("i alt"), cell(2025)
    ) == [[plain.SOM_PRIS("forsorgshjem_doegn", "i alt", 2025)]]

    table = call(
        server, module, "SOM_NETTORESULTAT", SETTINGS, [[20, 20, 20]], COSTS, None, None, cell("år")
    )
    assert table == plain.SOM_NETTORESULTAT(SETTINGS, [[20, 20, 20]], COSTS, None, None, "år")
    assert len(table) == 11 and table[0] == YEAR_HEADERS
    assert_clean(table)

    for name, args in (
        ("SOM_MAALGRUPPER", []),
        ("SOM_YDELSER", [cell("psykiatri")]),
        ("SOM_KONSEKVENSER", [cell("voksne_hjemloeshed")]),
        ("SOM_INFO", []),
    ):
        plain_args = [a[0][0] for a in args]
        assert call(server, module, name, *args) == getattr(plain, name)(*plain_args)
    assert call(server, module, "SOM_YDELSER", None) == plain.SOM_YDELSER()

    skoen = call(
        server,
        module,
        "SOM_SKOEN",
        cell("voksne_hjemloeshed"),
        cell(20),
        cell(60000),
        cell(0.25),
        None,
        None,
        None,
    )
    assert skoen == plain.SOM_SKOEN("voksne_hjemloeshed", 20, 60000, 0.25)


def test_one_row_and_one_cell_ranges(officejs: Any) -> None:
    """Excel sends a one-row range as [[a, b, c]]; xlwings would flatten it without ndim=2."""
    server, module = officejs
    row = [[100.0, 100.0, 100.0]]
    expected = plain.SOM_NUTIDSVAERDI(row, 0.05)
    assert call(server, module, "SOM_NUTIDSVAERDI", row, cell(0.05), None) == [[expected]]
    column = [[100.0], [100.0], [100.0]]
    assert call(server, module, "SOM_NUTIDSVAERDI", column, cell(0.05), None) == [[expected]]
    assert call(server, module, "SOM_NUTIDSVAERDI", cell(100.0), cell(0.05), None) == [[100.0]]

    # One-row participants: counts from the start year; one-row settings: name | value.
    one_row = call(
        server,
        module,
        "SOM_NETTORESULTAT",
        SETTINGS,
        [[20, 20, 20]],
        None,
        None,
        None,
        cell("nøgletal"),
    )
    two_rows = call(
        server,
        module,
        "SOM_NETTORESULTAT",
        SETTINGS,
        [[2025, 2026, 2027], [20, 20, 20]],
        None,
        None,
        None,
        cell("nøgletal"),
    )
    assert one_row == two_rows
    single = call(
        server,
        module,
        "SOM_NETTORESULTAT",
        [["Målgruppe", "voksne_hjemloeshed"]],
        [[2025, 20]],
        None,
        None,
        None,
        cell("nøgletal"),
    )
    assert "succesrate" in single[0][0]


def test_empty_cells_and_excel_errors_in_ranges(officejs: Any) -> None:
    server, module = officejs
    with_empty = [
        ["Omkostning", "Kasse", 2025, 2026, 2027],
        ["Drift", "kommune", 1500000, 1500000, None],
    ]
    a = call(server, module, "SOM_NETTORESULTAT", SETTINGS, [[20, 20, 20]], COSTS, None, None, None)
    b = call(
        server, module, "SOM_NETTORESULTAT", SETTINGS, [[20, "", 20]], with_empty, None, None, None
    )
    c = call(
        server, module, "SOM_NETTORESULTAT", SETTINGS, [[20, 0, 20]], with_empty, None, None, None
    )
    assert a[0] == b[0] and b == c
    error = {"type": "Error", "basicType": "Error", "basicValue": "#DIV/0!", "errorType": "Div0"}
    bad = [["Omkostning", 2025], ["Drift", error]]
    text = call(server, module, "SOM_NETTORESULTAT", SETTINGS, [[20]], bad, None, None, None)
    assert text[0][0].startswith("SØM-fejl") and "#DIV/0!" in text[0][0]
    text = call(server, module, "SOM_PRIS", cell("forsorgshjem_doegn"), cell(error), None)
    assert "aktoer" in text[0][0] and "#DIV/0!" in text[0][0]


def test_errors_are_text_cells_not_excel_errors(officejs: Any) -> None:
    server, module = officejs
    for func, args in (
        ("SOM_PRIS", [cell("forsorgshjem_dogn"), cell("kommune"), None]),
        ("SOM_KONSEKVENSER", [cell("voksne")]),
        ("SOM_NUTIDSVAERDI", [[[1, 2]], cell("3,5 %"), None]),
        ("SOM_NETTORESULTAT", [[["x", 1]], [[1]], None, None, None, None]),
        ("SOM_SKOEN", [cell("voksne_hjemloeshed"), cell(-1), cell(1), cell(2), None, None, None]),
    ):
        result = call(server, module, func, *args)
        assert isinstance(result[0][0], str), result
        assert result[0][0].startswith(f"SØM-fejl i {func}: "), result


# --- the real xlwings-server app ------------------------------------------------------------


@pytest.fixture
def server_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    env = {
        "XLWINGS_ON_SERVER": "true",
        "XLWINGS_LICENSE_KEY": "noncommercial",
        "XLWINGS_PROJECT_DIR": str(SERVER_PROJECT),
        "XLWINGS_ENABLE_SOCKETIO": "false",
        "XLWINGS_ENABLE_HOTRELOAD": "false",
        "XLWINGS_LOG_LEVEL": "WARNING",
        "SOM_XL_KNOWLEDGE": str(FIXTURE_KB),
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    path, root = list(sys.path), logging.getLogger()
    handlers, level = list(root.handlers), root.level
    _purge()
    try:
        yield env
    finally:
        _purge()
        import udfs

        udfs.som_udfs = plain  # type: ignore[attr-defined]
        sys.modules["udfs.som_udfs"] = plain
        sys.path[:] = path
        root.handlers[:] = handlers
        root.setLevel(level)


def test_xlwings_server_app_serves_the_functions(server_env: dict[str, str]) -> None:
    import httpx
    from xlwings_server.main import main_app

    async def session() -> None:
        transport = httpx.ASGITransport(app=main_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            meta = (await http.get("/xlwings/custom-functions-meta")).json()
            # Not the bundled examples: exactly the SØM functions, with their descriptions.
            assert sorted(f["name"] for f in meta["functions"]) == NAMES
            assert {f["name"]: f["description"] for f in meta["functions"]} == {
                n: plain.HELP[n][0] for n in NAMES
            }
            code = (await http.get("/xlwings/custom-functions-code.js")).text
            assert 'CustomFunctions.associate("SOM_NETTORESULTAT"' in code

            r = await http.post(
                "/xlwings/custom-functions-call",
                json=payload("SOM_PRIS", cell("forsorgshjem_doegn"), cell("kommune"), None),
            )
            assert r.status_code == 200
            assert r.json() == {"result": [[plain.SOM_PRIS("forsorgshjem_doegn", "kommune")]]}

            r = await http.post(
                "/xlwings/custom-functions-call",
                json=payload(
                    "SOM_NETTORESULTAT", SETTINGS, [[20, 20, 20]], COSTS, None, None, cell("kasse")
                ),
            )
            assert r.json()["result"] == plain.SOM_NETTORESULTAT(
                SETTINGS, [[20, 20, 20]], COSTS, None, None, "kasse"
            )

            r = await http.post(
                "/xlwings/custom-functions-call",
                json=payload("SOM_KONSEKVENSER", cell("voksne_hjemlosehed")),
            )
            assert r.status_code == 200
            assert "mente du 'voksne_hjemloeshed'" in r.json()["result"][0][0]

            manifest = await http.get("/manifest.xml")
            assert manifest.status_code == 200 and "<OfficeApp" in manifest.text

    asyncio.run(session())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_running_xlwings_server_answers_over_http(server_env: dict[str, str]) -> None:
    import httpx

    port = _free_port()
    env = {**os.environ, **server_env}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "xlwings_server.main:main_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=SERVER_PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                meta = httpx.get(f"{base}/xlwings/custom-functions-meta", timeout=5).json()
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode() if proc.stdout else ""
                    pytest.fail(f"xlwings Server startede ikke:\n{out[-3000:]}")
                time.sleep(0.2)
        assert sorted(f["name"] for f in meta["functions"]) == NAMES
        body = payload("SOM_NUTIDSVAERDI", [[2025, 2026, 2027], [-100, 50, 80]], cell("fm"), None)
        r = httpx.post(f"{base}/xlwings/custom-functions-call", json=body, timeout=30)
        assert r.status_code == 200
        assert r.json()["result"] == [
            [plain.SOM_NUTIDSVAERDI([[2025, 2026, 2027], [-100, 50, 80]], "fm")]
        ]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)
        if proc.stdout:
            proc.stdout.close()


@pytest.fixture(scope="module")
def example_names(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """The function names the example workbook's formulas use, built without a namespace
    and with "SOM" (built before the server fixtures import xlwings in server mode)."""
    from udfs import build_example

    tmp = tmp_path_factory.mktemp("eksempel")
    return {
        ns: {c.name for c in build_example.build(tmp / f"eksempel{ns}.xlsx", namespace=ns)}
        for ns in ("", "SOM")
    }


@pytest.mark.parametrize("namespace", ["", "SOM"])
def test_the_example_uses_the_names_the_server_registers(
    example_names: dict[str, set[str]],
    server_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    namespace: str,
) -> None:
    """xlwings Server registers NAMESPACE.NAME (none in prod without a namespace): the
    example built for that namespace uses exactly those names (issue 8, point 6)."""
    import httpx

    monkeypatch.setenv("XLWINGS_FUNCTIONS_NAMESPACE", namespace)
    monkeypatch.setenv("XLWINGS_ENVIRONMENT", "prod")
    from xlwings_server.main import main_app

    async def session() -> tuple[list[str], str]:
        transport = httpx.ASGITransport(app=main_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            meta = (await http.get("/xlwings/custom-functions-meta")).json()
            manifest = (await http.get("/manifest.xml")).text
        return [f["name"] for f in meta["functions"]], manifest

    names, manifest = asyncio.run(session())
    found = re.search(r'id="Functions\.Namespace" DefaultValue="([^"]*)"', manifest)
    prefix = f"{found.group(1)}." if found and "<Namespace " in manifest else ""
    assert prefix == (f"{namespace}." if namespace else "")
    assert {prefix + n for n in names} == example_names[namespace]
    # the classic add-in and xlwings Lite register the Python names: the default example
    assert example_names[""] == set(plain.__all__)


def test_server_package_refuses_to_start_without_som_xl(tmp_path: Path) -> None:
    """A missing dependency stops the server instead of serving xlwings' bundled examples."""
    script = (
        "import sys, builtins\n"
        "real = builtins.__import__\n"
        "def fake(name, *a, **k):\n"
        "    if name == 'som_xl' or name.startswith('som_xl.'):\n"
        "        raise ModuleNotFoundError(\"No module named 'som_xl'\", name='som_xl')\n"
        "    return real(name, *a, **k)\n"
        "builtins.__import__ = fake\n"
        f"sys.path.insert(0, {str(SERVER_PROJECT)!r})\n"
        "try:\n"
        "    import custom_functions\n"
        "except ModuleNotFoundError:\n"
        "    print('MODULE-NOT-FOUND')\n"
        "except ImportError as exc:\n"
        "    print('IMPORT-ERROR', exc)\n"
    )
    env = {**os.environ, "XLWINGS_ON_SERVER": "true", "XLWINGS_LICENSE_KEY": "noncommercial"}
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert "IMPORT-ERROR" in out.stdout and "som_xl" in out.stdout, out.stdout + out.stderr
