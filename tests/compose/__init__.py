"""Tests of haesol.compose."""
