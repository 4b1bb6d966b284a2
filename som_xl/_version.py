"""The som-xl version (kept apart so that modules can stamp it without importing the package)."""

__version__ = "0.1.0"
