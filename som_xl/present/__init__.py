"""Presentation: Danish numbers, text tables and the labelled result tables every face renders."""
