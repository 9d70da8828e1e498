"""Shared fixtures."""

from __future__ import annotations

import pytest

import lawgov

from .paths import RAW


@pytest.fixture(scope="session")
def seed_corpus() -> lawgov.Corpus:
    """The tidy tables of the five bundled reports, parsed once per test session."""
    return lawgov.load_corpus(RAW)
