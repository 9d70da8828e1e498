"""Clean: folding and masking keep every offset; repeats, junk and redactions are found."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lawgov.clean import clean, fold

BODY = (
    "一、总体情况\n"
    "全县共受理行政复议案件二十五件,已经全部依法办结并向社会公开结果。\n"
    "全年各级人民调解组织调处矛盾纠纷一百余件,调解成功率达到百分之百。\n"
)


def test_fold_full_width_to_ascii() -> None:
    assert fold("１２３，４５６％（略）") == "123,456%(略)"
    assert fold("共　计") == "共 计"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_fold_and_clean_keep_length(text: str) -> None:
    assert len(fold(text)) == len(text)
    cleaned = clean(text)
    assert len(cleaned.text) == len(text)
    assert len(cleaned.masked) == len(text)


def test_clean_keeps_line_breaks_where_they_are() -> None:
    text = BODY + BODY + "分享到:微信\r\n【打印】【关闭】\r\n"
    masked = clean(text).masked
    assert [i for i, c in enumerate(masked) if c in "\r\n"] == [
        i for i, c in enumerate(text) if c in "\r\n"
    ]


def test_repeated_body_is_masked_and_flagged() -> None:
    text = BODY + BODY
    cleaned = clean(text)
    assert cleaned.duplicated_body
    first, second = cleaned.masked[: len(BODY)], cleaned.masked[len(BODY):]
    assert "二十五件" in first and "一百余件" in first
    assert "二十五件" not in second and "一百余件" not in second


def test_single_body_is_not_duplicated() -> None:
    cleaned = clean(BODY)
    assert not cleaned.duplicated_body
    assert cleaned.repeated == []
    assert cleaned.masked == cleaned.text


def test_junk_lines_at_the_end_are_masked() -> None:
    junk = "分享到:微信 微博\n文章内容来自网络,如有侵权请联系删除\n【打印】【关闭】\n"
    text = BODY + junk
    cleaned = clean(text)
    assert cleaned.masked[: len(BODY)] == BODY
    assert cleaned.masked[len(BODY):].strip() == ""
    assert cleaned.junk


def test_junk_words_inside_the_body_are_kept() -> None:
    text = "分享到:微信\n" + BODY + "群众可通过“分享到”按钮转发。\n结尾一句。\n"
    cleaned = clean(text)
    assert "分享到" not in cleaned.masked[:8]
    assert "群众可通过“分享到”按钮转发。" in cleaned.masked


def test_redactions_are_counted() -> None:
    text = "受理行政复议案件20(略)件,办结**件,维持（略）件,撤销【略】件。"
    cleaned = clean(text)
    assert cleaned.n_redactions == 3
    assert cleaned.n_censored == 2


def test_text_without_redactions_counts_none() -> None:
    cleaned = clean(BODY)
    assert cleaned.n_redactions == 0
    assert cleaned.n_censored == 0
