"""Tests of som_xl.engine."""
