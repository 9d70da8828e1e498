"""Shared fixtures."""

from __future__ import annotations

import pytest

import lawgov

from .paths import RAW


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    # Tests never share or pollute the user's corpus cache.
    monkeypatch.setenv("LAWGOV_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def seed_corpus() -> lawgov.Corpus:
    """The tidy tables of the five bundled reports, parsed once per test session."""
    return lawgov.load_corpus(RAW, cache=False)
