"""Tests of haesol.analyze."""
