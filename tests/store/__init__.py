"""Tests of haesol.store."""
