"""SØM as Excel functions: the registrations for classic xlwings, xlwings Server and Lite.

Only registrations live here: each function is declared with its Danish help
(``som_xl.functions.help``) and calls its body in ``som_xl.functions`` inside ``guarded``,
which turns every failure into a short Danish text. The logic (ranges → scenario, views,
messages) is in the som_xl wheel, so this one file is all xlwings Lite needs as its
``main.py``. Rules that keep it usable in all three runtimes:

* only ``xlwings`` is imported (never ``xlwings.server``), plus ``som_xl`` and the
  standard library;
* range arguments are declared ``ndim=2`` (a one-row range then arrives as one row) and
  every argument ``err_to_str=True`` (an Excel error in an input cell is reported, not read
  as empty);
* every function returns a number, a text or a rectangular table; never inf or NaN,
  never a traceback: bad arguments give a short Danish text starting with ``SØM-fejl``.

Excel-facing names are the Python names (``SOM_PRIS`` …) so that the classic add-in, which
uses the Python name as the VBA name, shows the same name as Server and Lite.
"""

from collections.abc import Callable
from typing import Any, TypeVar

import xlwings as xw

from som_xl import functions as som
from som_xl.functions.help import HELP

__all__ = [
    "SOM_FOELSOMHED",
    "SOM_INFO",
    "SOM_KONSEKVENSER",
    "SOM_MAALGRUPPER",
    "SOM_NETTORESULTAT",
    "SOM_NUTIDSVAERDI",
    "SOM_OPFOELGNING",
    "SOM_PRIS",
    "SOM_SKOEN",
    "SOM_UDVALG",
    "SOM_USIKKERHED",
    "SOM_YDELSER",
]

_F = TypeVar("_F", bound=Callable[..., Any])


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


@_excel("SOM_PRIS")
def SOM_PRIS(ydelse: Any, aktoer: Any, prisaar: Any = None) -> Any:
    return som.guarded("SOM_PRIS", lambda: som.price(ydelse, aktoer, prisaar))


@_excel("SOM_MAALGRUPPER")
def SOM_MAALGRUPPER() -> Any:
    return som.guarded("SOM_MAALGRUPPER", som.target_groups_table)


@_excel("SOM_YDELSER")
def SOM_YDELSER(soeg: Any = None) -> Any:
    return som.guarded("SOM_YDELSER", lambda: som.services_table(soeg))


@_excel("SOM_KONSEKVENSER")
def SOM_KONSEKVENSER(maalgruppe: Any) -> Any:
    return som.guarded("SOM_KONSEKVENSER", lambda: som.consequences_table(maalgruppe))


@_excel("SOM_NUTIDSVAERDI", ranges=("vaerdier",))
def SOM_NUTIDSVAERDI(vaerdier: Any, rente: Any, startaar: Any = None) -> Any:
    return som.guarded("SOM_NUTIDSVAERDI", lambda: som.present_value(vaerdier, rente, startaar))


_RANGES = ("indstillinger", "deltagere", "omkostninger", "konsekvenser", "ydelser")


@_excel("SOM_NETTORESULTAT", ranges=(*_RANGES, "udvalg", "realiseret", "ressourcer"))
def SOM_NETTORESULTAT(
    indstillinger: Any,
    deltagere: Any,
    omkostninger: Any = None,
    konsekvenser: Any = None,
    ydelser: Any = None,
    visning: Any = None,
    udvalg: Any = None,
    realiseret: Any = None,
    ressourcer: Any = None,
) -> Any:
    return som.guarded(
        "SOM_NETTORESULTAT",
        lambda: som.net_result(
            indstillinger, deltagere, omkostninger, konsekvenser, ydelser, visning, udvalg,
            realiseret, ressourcer,
        ),
    )  # fmt: skip


@_excel("SOM_UDVALG", ranges=(*_RANGES, "udvalg"))
def SOM_UDVALG(
    indstillinger: Any,
    deltagere: Any,
    omkostninger: Any = None,
    konsekvenser: Any = None,
    ydelser: Any = None,
    udvalg: Any = None,
    visning: Any = None,
) -> Any:
    return som.guarded(
        "SOM_UDVALG",
        lambda: som.committee_result(
            indstillinger, deltagere, omkostninger, konsekvenser, ydelser, udvalg, visning
        ),
    )


@_excel("SOM_OPFOELGNING", ranges=(*_RANGES, "realiseret"))
def SOM_OPFOELGNING(
    indstillinger: Any,
    deltagere: Any,
    omkostninger: Any = None,
    konsekvenser: Any = None,
    ydelser: Any = None,
    realiseret: Any = None,
    visning: Any = None,
) -> Any:
    return som.guarded(
        "SOM_OPFOELGNING",
        lambda: som.followup_result(
            indstillinger, deltagere, omkostninger, konsekvenser, ydelser, realiseret, visning
        ),
    )


_UNCERTAINTY_RANGES = (
    "indstillinger",
    "deltagere",
    "omkostninger",
    "konsekvenser",
    "ydelser",
    "usikkerhed",
)


@_excel("SOM_USIKKERHED", ranges=_UNCERTAINTY_RANGES)
def SOM_USIKKERHED(
    indstillinger: Any,
    deltagere: Any,
    omkostninger: Any = None,
    konsekvenser: Any = None,
    ydelser: Any = None,
    usikkerhed: Any = None,
    visning: Any = None,
) -> Any:
    return som.guarded(
        "SOM_USIKKERHED",
        lambda: som.uncertainty(
            indstillinger, deltagere, omkostninger, konsekvenser, ydelser, usikkerhed, visning
        ),
    )


@_excel("SOM_FOELSOMHED", ranges=_UNCERTAINTY_RANGES)
def SOM_FOELSOMHED(
    indstillinger: Any,
    deltagere: Any,
    omkostninger: Any = None,
    konsekvenser: Any = None,
    ydelser: Any = None,
    usikkerhed: Any = None,
) -> Any:
    return som.guarded(
        "SOM_FOELSOMHED",
        lambda: som.sensitivity(
            indstillinger, deltagere, omkostninger, konsekvenser, ydelser, usikkerhed
        ),
    )


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
    return som.guarded(
        "SOM_SKOEN",
        lambda: som.quick(
            maalgruppe, deltagere, pris_pr_deltager, succesrate, indsats, visning, indstillinger
        ),
    )


@_excel("SOM_INFO")
def SOM_INFO() -> Any:
    return som.guarded("SOM_INFO", lambda: som.info_table(getattr(xw, "__version__", "")))
