"""No custom scripts: the SØM add-in only provides worksheet functions (custom_functions)."""
