"""Tests of haesol.cli."""
