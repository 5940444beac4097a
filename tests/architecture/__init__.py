"""Tests of haesol.architecture."""
