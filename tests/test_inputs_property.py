"""Property tests: arbitrary text and bytes through the whole pipeline."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawgov.clean import clean
from lawgov.numbers import find_mentions
from lawgov.pipeline import parse_report

# Pieces of report prose, so that arbitrary mixes of them do yield figures.
PIECES = ["受理", "行政复议", "案件", "办结", "行政应诉", "人民调解", "调解纠纷", "12345热线",
          "件", "万件", "个", "%", "亿元", "余", "以上", "约", "(略)", "***", "。", ",", "、",
          "\n", "\r\n", " ", "\u3000", "一是", "二、", "(一)", "2022年", "全县", "赵县",
          "辦結", "覆議", "受理行政復議案件", "<script>", "onerror=", "\x00", "\ufffd"]
CUES = ["受理行政复议案件", "办结行政复议案件", "行政应诉案件", "调解纠纷", "人民调解组织调解纠纷",
        "办理12345热线工单", "受理行政覆議案件", "行政复议纠错率"]
UNITS = ["件", "万件", "余件", "个", "%", "(略)", "件以上"]
CLAUSE = st.tuples(st.sampled_from(CUES), st.sampled_from(["", "约", "共"]),
                   st.one_of(st.integers(0, 10**7).map(str), st.sampled_from(["一百二十", "三万"])),
                   st.sampled_from(UNITS), st.sampled_from([",", "。", "\n", ""])).map("".join)
TEXT = st.lists(st.one_of(CLAUSE, st.sampled_from(PIECES), st.text(max_size=8),
                          st.integers(0, 10**20).map(str),
                          st.floats(allow_nan=True, allow_infinity=True).map(str)),
                max_size=60).map("".join)
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _parse(data: bytes, suffix: str = ".txt"):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report{suffix}"
        path.write_bytes(data)
        return parse_report(path)


def _assert_sound(parsed) -> None:
    assert all(e["stage"] == "read" and "unexpected" not in e["reason"] for e in parsed.errors)
    assert len(parsed.reports) + len(parsed.errors) == 1
    for f in parsed.figures:
        text = parsed.texts[f["report_id"]]
        assert 0 <= f["start"] < f["end"] <= len(text)
        assert f["quote"] == text[f["start"]:f["end"]]
        # The figure's number is printed inside its quote (a redaction marker may follow).
        mentions = find_mentions(clean(text).masked, f["start"], min(len(text), f["end"] + 8))
        assert any(f["start"] <= m.number_start < f["end"]
                   and abs(m.value - f["value"]) <= 1e-6 * max(1, abs(m.value))
                   for m in mentions)


@SETTINGS
@given(TEXT)
def test_arbitrary_text_parses_soundly(text):
    _assert_sound(_parse(text.encode("utf-8")))


@SETTINGS
@given(TEXT, st.sampled_from(["gb18030", "utf-16", "utf-8-sig"]))
def test_arbitrary_text_in_other_encodings_parses_soundly(text, encoding):
    _assert_sound(_parse(text.encode(encoding, "replace")))


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".html", ".docx"]))
def test_arbitrary_bytes_never_raise(data, suffix):
    _assert_sound(_parse(data, suffix))
