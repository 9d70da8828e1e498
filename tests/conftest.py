import pytest


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    # Tests never share or pollute the user's corpus cache.
    monkeypatch.setenv("LAWGOV_CACHE_DIR", str(tmp_path / "cache"))
