"""Tests of haesol.jobs."""
