"""Results: the result contract shared by the CLI, the workbook, the functions and reports.

``result`` holds :class:`Result` (headline figures, tables, the JSON contract, ``frame``),
``grouping`` splits the flows by purse, budget item or any mapping (committees), ``frames``
gives the tables as pandas DataFrames.
"""

from .grouping import Groups, group
from .result import YEAR_FIELDS, Result, calculate

__all__ = ["YEAR_FIELDS", "Groups", "Result", "calculate", "group"]
