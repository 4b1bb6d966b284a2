"""SØM as Excel functions: everything but the registrations.

``udfs/som_udfs.py`` registers the functions with xlwings (classic add-in, xlwings Server
and xlwings Lite) and holds nothing else; each registration calls one function here inside
:func:`guarded`. This subpackage is part of the som_xl wheel, so xlwings Lite, whose
``main.py`` is a copy of ``udfs/som_udfs.py``, finds it too. It never imports xlwings.

Rooms:

* :mod:`.help` the Danish description and argument help of every function;
* :mod:`.vocabulary` the Danish words and headers that come back;
* :mod:`.cells`, :mod:`.headers`, :mod:`.years`, :mod:`.lookup` reading cells and ranges;
  what a user may write (names, headers, choices, bounds) is the field table's
  (:mod:`som_xl.inputs.fields`), read cell by cell with :mod:`.fieldcells`;
* :mod:`.ranges`, :mod:`.costs`, :mod:`.overrides` SOM_NETTORESULTAT's ranges → a scenario,
  with :mod:`.places` recording where each value came from: the resolver's origins;
* :mod:`.extras` the inputs of som-method §3.10–3.19 (settings, udvalg, realiseret);
* :mod:`.lists`, :mod:`.calculations`, :mod:`.uncertainty`, :mod:`.answers` the function
  bodies;
  :mod:`.views` their tables;
* :mod:`.errors` a clean answer or one short Danish error text.
"""

from __future__ import annotations

from .answers import committee_result, followup_result
from .calculations import calculate_scenario, net_result, present_value, quick
from .errors import guarded
from .help import HELP
from .lists import consequences_table, info_table, price, services_table, target_groups_table
from .ranges import scenario_from_ranges
from .uncertainty import sensitivity, uncertainty
from .views import Table, result_view
from .vocabulary import (
    ERROR_PREFIX,
    GROUP_HEADERS,
    ROW_HEADERS,
    SERVICE_HEADERS,
    TOO_LARGE,
    YEAR_HEADERS,
)

__all__ = [
    "ERROR_PREFIX",
    "GROUP_HEADERS",
    "HELP",
    "ROW_HEADERS",
    "SERVICE_HEADERS",
    "TOO_LARGE",
    "YEAR_HEADERS",
    "Table",
    "calculate_scenario",
    "committee_result",
    "consequences_table",
    "followup_result",
    "guarded",
    "info_table",
    "net_result",
    "present_value",
    "price",
    "quick",
    "result_view",
    "scenario_from_ranges",
    "sensitivity",
    "services_table",
    "target_groups_table",
    "uncertainty",
]
