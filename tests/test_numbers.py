"""Number parsing: Arabic and Chinese numerals, multipliers, units and qualifiers."""

from __future__ import annotations

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawgov.numbers import find_mentions, parse_number


def only(text: str):
    """The single mention in text (fails when there is not exactly one)."""
    found = find_mentions(text)
    assert len(found) == 1, [(text[m.start:m.end], m.value) for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("共受理1,234件", 1234, "件"),
        ("共受理1,234,567件", 1234567, "件"),
        ("平均用时3.5天", 3.5, "天"),
        ("满意率99.5%", 99.5, "%"),
        ("调解成功率100%", 100, "%"),
        ("受理二十三件", 23, "件"),
        ("化解纠纷三百零五件", 305, "件"),
        ("受理两件", 2, "件"),
        ("公开信息1.53万条", 15300, "条"),
        ("涉案金额1143.8万元", 11438000, "元"),
        ("挽回损失2亿元", 200_000_000, "元"),
        ("办件量一万二千件", 12000, "件"),
    ],
)
def test_value_and_unit(text: str, value: float, unit: str) -> None:
    m = only(text)
    assert m.value == pytest.approx(value)
    assert m.unit == unit
    assert m.qualifier == "exact"


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("受理一千余件", 1000, "at_least"),
        ("受理100余件", 100, "at_least"),
        ("调处纠纷200多件", 200, "at_least"),
        ("培训一百多人", 100, "at_least"),
        ("办理50件以上", 50, "at_least"),
        ("办理超过30件", 30, "at_least"),
        ("办理超30件", 30, "at_least"),
        ("逾50件", 50, "at_least"),
        ("约40件", 40, "approx"),
        ("近40件", 40, "approx"),
        ("40件左右", 40, "approx"),
        ("10件以内", 10, "at_most"),
        ("5天之内", 5, "at_most"),
        ("不超过5天", 5, "at_most"),
        ("1.2万余件", 12000, "at_least"),
    ],
)
def test_qualifiers(text: str, value: float, qualifier: str) -> None:
    m = only(text)
    assert m.value == pytest.approx(value)
    assert m.qualifier == qualifier


def test_qualifier_suffix_is_part_of_the_span() -> None:
    text = "办理50件以上"
    m = only(text)
    assert text[m.start:m.end] == "50件以上"


@pytest.mark.parametrize("text", ["两三个", "两三件", "七八个人", "三四天", "一二十件"])
def test_digit_ranges_are_not_numbers(text: str) -> None:
    assert find_mentions(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "2023年1月13日", "于二〇二三年一月十三日印发", "12月31日前", "拨打12345热线",
        "第三件", "2022年",
    ],
)
def test_dates_hotline_numbers_and_ordinals_are_no_mentions(text: str) -> None:
    assert find_mentions(text) == []


def test_hotline_number_is_not_a_count_but_the_count_after_it_is() -> None:
    text = "12345热线受理1000件"
    m = only(text)
    assert m.value == 1000
    assert text[m.start:m.end] == "1000件"


@pytest.mark.parametrize("text", ["受理行政复议案件20 (略)", "受理20(略)件", "办结20【略】"])
def test_redaction_marks_the_number_truncated(text: str) -> None:
    m = only(text)
    assert m.value == 20
    assert m.qualifier == "truncated"
    assert m.truncated
    assert text[m.start:m.end].strip() == "20"


def test_several_mentions_in_reading_order() -> None:
    text = "共受理行政复议案件25件,已办结23件,正在办理2件"
    found = find_mentions(text)
    assert [m.value for m in found] == [25, 23, 2]
    assert [text[m.start:m.end] for m in found] == ["25件", "23件", "2件"]


def test_window_limits_the_search() -> None:
    text = "受理25件,办结23件"
    found = find_mentions(text, start=text.index(","))
    assert [m.value for m in found] == [23]


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,234", 1234), ("3.5", 3.5), ("二十三", 23), ("三百零五", 305), ("两", 2), ("一千", 1000)],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["两三", "9" * 16, "abc"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


UNITS = st.sampled_from(["件", "个", "人", "项", "条", "场次", "人次", "家"])


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=0, max_value=10**12), sep=st.booleans(), unit=UNITS)
def test_any_integer_parses_back(n: int, sep: bool, unit: str) -> None:
    number = f"{n:,}" if sep else str(n)
    m = only(f"共办理{number}{unit},")
    assert m.value == n
    assert m.unit == unit


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=0, max_value=10**9), cents=st.integers(0, 99))
def test_any_decimal_percentage_parses_back(n: int, cents: int) -> None:
    m = only(f"满意率达{n}.{cents:02d}%")
    assert m.value == pytest.approx(n + cents / 100)
    assert m.unit == "%"


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=2, max_value=10**10), unit=UNITS)
def test_chinese_numerals_round_trip(n: int, unit: str) -> None:
    m = only(f"共办理{cn2an.an2cn(n)}{unit},")
    assert m.value == n


@pytest.mark.parametrize("text", ["办理“一件事”", "设立一个窗口", "开展一次培训"])
def test_a_lone_yi_is_an_article_not_a_count(text: str) -> None:
    assert find_mentions(text) == []


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_spans_inside_it(text: str) -> None:
    for m in find_mentions(text):
        assert 0 <= m.start <= m.number_start < m.end <= len(text)


NUMBERISH = "0123456789,.万亿余多件个人%约近左右以内上超过不(略)*两三十百千零一二年月日第 "


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=NUMBERISH, max_size=40))
def test_number_like_text_never_raises(text: str) -> None:
    for m in find_mentions(text):
        assert 0 <= m.start < m.end <= len(text)
        assert m.value >= 0
        assert m.qualifier in {"exact", "approx", "at_least", "at_most", "truncated"}
