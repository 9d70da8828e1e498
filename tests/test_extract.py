"""Extraction rules on sentences written the way these reports are written."""

import re

import pytest

from lawgov.extract import Context, Extractor, resolve

CTX = Context(year=2022, level="county")


def found(text: str, ctx: Context = CTX) -> set[tuple[str, float]]:
    return {(f.indicator, f.value) for f in resolve(Extractor().figures(text, [], ctx))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年共受理行政复议案件25件,已办结23件,正在办理2件。",
         {("reconsideration.received", 25), ("reconsideration.concluded", 23),
          ("reconsideration.pending", 2)}),
        ("共受理行政复议案件13起,其中维持6起,撤销3起,驳回1起,终止1起。",
         {("reconsideration.received", 13), ("reconsideration.upheld", 6),
          ("reconsideration.revoked", 3), ("reconsideration.dismissed", 1),
          ("reconsideration.terminated", 1)}),
        ("各级人民调解组织共受理矛盾纠纷1521件,成功调解1501件,调解成功率98.7%。",
         {("mediation.disputes_received", 1521), ("mediation.disputes_resolved", 1501),
          ("mediation.success_rate", 98.7)}),
        ("12345热线共受理群众诉求5104件,已办理4567件,满意率为97.62%。",
         {("hotline.tickets", 5104), ("hotline.handled", 4567),
          ("hotline.satisfaction_rate", 97.62)}),
        ("现有调解员624人、专职调解员36人。",
         {("mediation.mediators", 624), ("mediation.fulltime_mediators", 36)}),
    ],
)
def test_topic_is_carried_through_the_sentence(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "力争行政复议纠错率控制在15%以下。",             # a target
        "确保调解成功率达到98%以上。",                   # a target
        "行政应诉案件同比增长12%。",                     # a change, not a rate
        "败诉率同比下降7.01个百分点。",                  # percentage points
        "自2019年以来,累计受理行政复议案件300件。",      # several years
        "“十四五”以来,累计受理行政复议案件300件。",    # a plan period
        "2021年受理行政复议案件20件。",                  # another year
        "全省共受理行政复议案件5000件。",                # another jurisdiction
        "拨打12345热线反映问题。",                        # a phone number
        "应在20个工作日内作出行政复议决定。",            # a legal deadline
        "开展行政复议业务培训3次。",                     # training sessions
        "召开第3次行政复议委员会会议。",                 # an ordinal
    ],
)
def test_not_a_reported_figure(text):
    assert found(text) == set()


def test_a_total_after_qizhong_is_left_out_but_its_parts_are_kept():
    got = found("受理各类案件40件,其中行政复议案件25件,维持6件。")
    assert ("reconsideration.received", 25) not in got
    assert ("reconsideration.upheld", 6) in got


def test_from_a_to_b_keeps_b_only():
    got = found("行政机关负责人出庭应诉率由去年的52%提升至100%。")
    assert got == {("litigation.head_appearance_rate", 100)}


def test_accepted_count_wins_over_applications():
    got = found("全年收到行政复议申请30件,受理25件。")
    assert got == {("reconsideration.received", 25)}


def test_applications_alone_are_the_received_count():
    assert found("全年收到行政复议申请30件。") == {("reconsideration.received", 30)}


def test_joint_count_of_two_outcomes_is_left_out():
    got = found("全年审结行政复议案件120件,撤销和确认违法15件,维持80件。")
    assert got == {("reconsideration.concluded", 120), ("reconsideration.upheld", 80)}


def test_hedges_become_qualifiers():
    figures = resolve(Extractor().figures("调解成功率达99%以上,企业开办时间压缩到4小时之内。",
                                          [], CTX))
    assert {(f.indicator, f.qualifier) for f in figures} == {
        ("mediation.success_rate", "at_least"), ("service.business_startup_time", "at_most")}


def test_redaction_between_cue_and_number_truncates():
    figures = Extractor().figures("受理行政复议案件 (略) 20件。", [], CTX)
    assert [(f.indicator, f.qualifier) for f in figures] == [
        ("reconsideration.received", "truncated")]


def test_county_scope_words_do_not_block_a_city_report():
    got = found("全市共受理行政复议案件500件。", Context(year=2022, level="prefecture"))
    assert got == {("reconsideration.received", 500)}


def test_every_figure_spans_its_cue_and_number():
    text = "2022年,全县共受理行政复议案件25件,已办结23件。"
    for f in Extractor().figures(text, [], CTX):
        quote = text[f.start:f.end]
        assert re.search(f.cue, quote)
        assert str(int(f.value)) in quote


def test_a_full_reconsideration_paragraph():
    got = found("全年审结行政复议案件132件,其中维持86件、撤销12件、确认违法5件、驳回申请20件、"
                "终止9件,综合纠错率为13.6%。")
    assert got == {("reconsideration.concluded", 132), ("reconsideration.upheld", 86),
                   ("reconsideration.revoked", 12), ("reconsideration.confirmed_illegal", 5),
                   ("reconsideration.dismissed", 20), ("reconsideration.terminated", 9),
                   ("reconsideration.correction_rate", 13.6)}


def test_random_inspections_under_their_slogan():
    assert found("全年开展“双随机、一公开”抽查186次。") == {
        ("enforcement.random_inspections", 186)}


@pytest.mark.parametrize("text", ["全县行政诉讼败诉率为0。", "行政诉讼案件败诉率为零,"])
def test_a_zero_rate_printed_without_its_sign(text):
    assert found(text) == {("litigation.loss_rate", 0)}


@pytest.mark.parametrize(
    ("text", "accepted"),
    [("全年收到行政复议申请3921件。其中,受理2005件。", 2005),
     ("共办理行政复议案件5宗(含上年结转1宗,本年受理4宗)。", 4)],
)
def test_the_accepted_count_inside_the_applications_is_the_received_figure(text, accepted):
    assert found(text) == {("reconsideration.received", accepted)}


def test_the_own_level_inside_a_jurisdiction_total_is_left_out():
    got = found("全市收到行政复议申请469件,受理430件。市政府本级受理行政复议案件142件。",
                Context(year=2022, level="prefecture"))
    assert got == {("reconsideration.received", 430)}


def test_departments_counted_before_they_move_in():
    got = found("40个职能部门2213个审批服务事项入驻政务服务中心。")
    assert got == {("service.departments", 40), ("service.items", 2213)}


def test_a_cue_after_a_short_subject_and_shixian():
    assert found("梳理50项高频事项实现“秒批秒办”。") == {("service.instant_items", 50)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("人大代表建议和政协提案分别办理28件、38件。",
      {("oversight.npc_suggestions", 28), ("oversight.cppcc_proposals", 38)}),
     ("12345热线办结率、满意率分别为98%、97%。", {("hotline.satisfaction_rate", 97)}),
     ("全年受理行政复议案件和行政应诉案件分别为25件和33件。",
      {("reconsideration.received", 25), ("litigation.cases", 33)})],
)
def test_numbers_after_fenbie_pair_with_the_items_before_it(text, expected):
    assert found(text) == expected


def test_a_disclosure_report_states_no_reconsideration_caseload():
    text = "2022年度发生行政复议案件1件,行政诉讼案件1件。共收到政府信息公开申请21件。"
    got = found(text, Context(year=2022, level="county", genre="disclosure_report"))
    assert got == {("transparency.requests", 21)}


def test_the_nearest_cue_word_decides_even_when_it_names_no_indicator():
    # 审结 of lawsuits has no catalog id: the count is not the caseload named by 发生.
    assert found("全年发生的行政诉讼案件已审结407件。") == set()
    assert found("全年发生行政诉讼案件412件。") == {("litigation.cases", 412)}
