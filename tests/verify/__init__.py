"""Tests of haesol.verify."""
