import pytest

from lawgov.segment import segmenter, user_terms


@pytest.mark.parametrize("term", ["行政复议", "负责人出庭应诉", "最多跑一次"])
def test_domain_terms_stay_whole(term):
    assert term in segmenter().cut(f"全面推行{term}制度")


def test_term_with_enumeration_comma_is_one_token_without_it():
    tokens = segmenter().cut("深入推进双随机、一公开监管")
    assert "双随机一公开" in tokens
    assert "双随机、一公开" in user_terms()


def test_words_drop_stop_words_punctuation_and_numbers():
    words = segmenter().words("我县进一步加强行政复议工作,受理案件25件。")
    assert "行政复议" in words
    assert not {"进一步", "加强", "工作", ",", "25"} & set(words)
