"""Tests of haesol.bench."""
