"""Tests of haesol.render."""
