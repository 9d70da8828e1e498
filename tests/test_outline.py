"""Outline: heading levels, nesting, spans and themes."""

from __future__ import annotations

import lawgov
from lawgov.outline import THEMES, ancestry, outline, section_at, theme_of

TEXT = (
    "XX县2022年法治政府建设年度报告\n"
    "一、推进法治政府建设的主要举措和成效\n"
    "(一)加强党的领导\n"
    "一是落实第一责任人职责。二是开展述法。\n"
    "(二)依法化解矛盾纠纷\n"
    "1.行政复议。全年受理行政复议案件25件。\n"
    "2.人民调解。调处纠纷100件。\n"
    "二、存在的不足和原因\n"
    "执法队伍力量不足。\n"
    "三、2023年工作打算\n"
    "继续推进。\n"
)


def test_levels_numbers_and_titles() -> None:
    got = [(s.level, s.number, s.title) for s in outline(TEXT)]
    assert got == [
        (1, "一", "推进法治政府建设的主要举措和成效"),
        (2, "(一)", "加强党的领导"),
        (4, "一是", "落实第一责任人职责"),
        (4, "二是", "开展述法"),
        (2, "(二)", "依法化解矛盾纠纷"),
        (3, "1", "行政复议"),
        (3, "2", "人民调解"),
        (1, "二", "存在的不足和原因"),
        (1, "三", "2023年工作打算"),
    ]


def test_nesting_and_spans() -> None:
    sections = outline(TEXT)
    top, second = sections[0], sections[7]
    assert top.parent is None and second.parent is None
    assert top.end == second.start
    assert sections[1].parent == 0 and sections[5].parent == 4
    for s in sections:
        assert 0 <= s.start < s.end <= len(TEXT)
        assert TEXT[s.start:].startswith(s.number)
        if s.parent is not None:
            parent = sections[s.parent]
            assert parent.start < s.start and s.end <= parent.end
    assert sections[-1].end == len(TEXT)


def test_themes() -> None:
    themes = [s.theme for s in outline(TEXT)]
    assert themes[1] == "leadership"
    assert themes[4] == "dispute_resolution"
    assert themes[7] == "shortcomings"
    assert themes[8] == "plans"


def test_unthemed_heading_inherits_its_parent_theme() -> None:
    assert theme_of("行政复议") == "dispute_resolution"
    assert theme_of("其他事项") is None
    text = "一、依法化解矛盾纠纷\n(一)其他事项\n内容。\n"
    assert [s.theme for s in outline(text)] == ["dispute_resolution", "dispute_resolution"]


def test_section_at_and_ancestry() -> None:
    sections = outline(TEXT)
    pos = TEXT.index("25件")
    index = section_at(sections, pos)
    assert sections[index].title == "行政复议"
    assert [s.number for s in ancestry(sections, index)] == ["1", "(二)", "一"]
    assert section_at(sections, 0) is None


def test_numbers_inside_sentences_are_not_headings() -> None:
    text = "一、总体情况\n全年办理1.5万件,其中2.行政许可不是标题。\n"
    assert [s.number for s in outline(text)] == ["一"]


def test_theme_ids_are_unique() -> None:
    ids = [t.id for t in THEMES]
    assert len(ids) == len(set(ids))


def test_every_seed_report_has_an_outline(seed_corpus: lawgov.Corpus) -> None:
    counts = seed_corpus.sections.groupby("report_id").size()
    assert set(counts.index) == set(seed_corpus.reports.report_id)
    assert (counts >= 3).all()
