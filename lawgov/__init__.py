"""lawgov: tidy, evidence-backed figures from Chinese law-based-government reports.

    >>> import lawgov
    >>> corpus = lawgov.load_corpus("data/raw")
    >>> corpus.figures.head()
"""

__version__ = "0.1.0"

from .catalog import CATALOG
from .exceptions import CatalogError, LawgovError, ReadError
from .pipeline import Corpus, load_corpus, parse_report

__all__ = ["CATALOG", "CatalogError", "Corpus", "LawgovError", "ReadError", "__version__",
           "load_corpus", "parse_report"]
