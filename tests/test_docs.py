"""Generated documentation stays in step with its source."""

from lawgov.cli import catalog_markdown

from .paths import ROOT


def test_the_data_dictionary_is_generated_from_the_catalog():
    written = (ROOT / "docs" / "catalog.md").read_text(encoding="utf-8")
    assert written == catalog_markdown(), "run: lawgov catalog > docs/catalog.md"
