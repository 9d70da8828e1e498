"""The division-name scan finds what the plain longest-first alternation finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lawgov.metadata import _table

TABLE = _table()
NAMES = sorted(TABLE.names)
ALTERNATION = re.compile("|".join(sorted(NAMES, key=len, reverse=True)))
# Pieces of names as well as whole ones, so that names overlap and nest.
PIECES = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(NAMES).map(lambda n: n[1:]),
    st.sampled_from(NAMES).map(lambda n: n[:-1]),
    st.sampled_from(["的", "全县", "市", "区", "。", "\n", "2022年", " "]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40))
def test_scan_equals_longest_first_alternation(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert TABLE.find(text) == [m.group() for m in ALTERNATION.finditer(text)]


def test_a_report_opening() -> None:
    assert TABLE.find("福建省福州市连江县人民政府关于2022年法治政府建设") == [
        "福建省", "福州市", "连江县"]
