"""Tests of som_xl.results."""
