"""Results: the result contract shared by the CLI, the workbook, the functions and reports."""

from .result import Result, calculate

__all__ = ["Result", "calculate"]
