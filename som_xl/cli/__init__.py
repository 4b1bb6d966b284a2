"""The command line (``som-xl``)."""

from .main import main

__all__ = ["main"]
