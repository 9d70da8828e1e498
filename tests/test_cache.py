import shutil
from pathlib import Path

import lawgov

RAW = Path(__file__).parent.parent / "data" / "raw"


def _copy(tmp_path: Path, n: int = 2) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for f in sorted(RAW.iterdir())[:n]:
        shutil.copy(f, raw / f.name)
    return raw


def test_repeated_load_is_served_from_the_cache(tmp_path):
    raw = _copy(tmp_path)
    first = lawgov.load_corpus(raw)
    assert lawgov.load_corpus(raw) is first
    assert list((tmp_path / "cache").glob("corpus-*.pickle"))


def test_changed_bytes_give_a_fresh_parse(tmp_path):
    raw = _copy(tmp_path)
    before = lawgov.load_corpus(raw)
    victim = sorted(raw.iterdir())[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\n受理行政复议案件99件。",
                      encoding="utf-8")
    after = lawgov.load_corpus(raw)
    assert after is not before
    assert set(after.reports["sha256"]) != set(before.reports["sha256"])
    fresh = lawgov.load_corpus(raw, cache=False)
    assert after.figures.equals(fresh.figures)
