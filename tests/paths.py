"""Paths inside the repository, resolved from this file (tests never read ../shared)."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
RAW = ROOT / "data" / "raw"
GOLD = TESTS / "gold"
DEV = GOLD / "dev"
