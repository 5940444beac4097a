"""Tests of haesol.helpers."""
