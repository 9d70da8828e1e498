"""Check: consistency checks on hand-made figure rows."""

from __future__ import annotations

import pytest

from lawgov.check import SPEC, check_report


def fig(indicator: str, value: float, qualifier: str = "exact") -> dict:
    return {"indicator": indicator, "value": value, "qualifier": qualifier}


def status(figures: list[dict], name: str) -> dict:
    rows = {r["check"]: r for r in check_report("r1", figures)}
    return rows[name]


MEDIATION = ["mediation.disputes_resolved", "mediation.disputes_received"]


@pytest.mark.parametrize(
    ("rate", "expected"),
    [(98.0, "ok"), (98.4, "ok"), (97.6, "ok"), (99.0, "warn"), (96.5, "warn"), (90.0, "fail"),
     (100.0, "warn"), (100.5, "fail"), (95.5, "fail")],
)
def test_ratio(rate: float, expected: str) -> None:
    figures = [fig("mediation.success_rate", rate), fig(MEDIATION[0], 98), fig(MEDIATION[1], 100)]
    row = status(figures, "mediation_success_rate")
    assert row["status"] == expected
    assert row["expected"] == pytest.approx(98.0)
    assert row["observed"] == pytest.approx(rate)


def test_ratio_is_na_without_a_count() -> None:
    row = status([fig("mediation.success_rate", 98), fig(MEDIATION[1], 100)],
                 "mediation_success_rate")
    assert row["status"] == "n/a"
    assert "disputes_resolved" in row["detail"]


def test_ratio_is_na_with_a_zero_denominator() -> None:
    figures = [fig("mediation.success_rate", 100), fig(MEDIATION[0], 0), fig(MEDIATION[1], 0)]
    assert status(figures, "mediation_success_rate")["status"] == "n/a"


def test_ratio_is_na_with_several_values() -> None:
    figures = [fig("mediation.success_rate", 98), fig(MEDIATION[0], 98), fig(MEDIATION[1], 100),
               fig(MEDIATION[1], 200)]
    assert status(figures, "mediation_success_rate")["status"] == "n/a"


def test_truncated_figures_do_not_count() -> None:
    figures = [fig("mediation.success_rate", 98), fig(MEDIATION[0], 98),
               fig(MEDIATION[1], 20, "truncated")]
    assert status(figures, "mediation_success_rate")["status"] == "n/a"


def test_sum_of_concluded_and_pending() -> None:
    base = [fig("reconsideration.received", 25), fig("reconsideration.concluded", 23)]
    name = "reconsideration_concluded_pending"
    assert status([*base, fig("reconsideration.pending", 2)], name)["status"] == "ok"
    assert status([*base, fig("reconsideration.pending", 3)], name)["status"] == "fail"
    assert status(base, name)["status"] == "n/a"


def test_parts_against_total() -> None:
    name = "reconsideration_outcomes"
    total = fig("reconsideration.concluded", 20)
    within = [total, fig("reconsideration.upheld", 12), fig("reconsideration.revoked", 3)]
    row = status(within, name)
    assert row["status"] == "ok"
    assert row["observed"] == 15 and row["expected"] == 20
    over = [total, fig("reconsideration.upheld", 18), fig("reconsideration.revoked", 3)]
    assert status(over, name)["status"] == "fail"
    assert status([total], name)["status"] == "n/a"
    assert status([fig("reconsideration.upheld", 18)], name)["status"] == "n/a"


def test_one_row_per_check_even_without_figures() -> None:
    rows = check_report("r1", [])
    assert [r["check"] for r in rows] == [c["name"] for c in SPEC["checks"]]
    assert {r["status"] for r in rows} == {"n/a"}
    assert {r["report_id"] for r in rows} == {"r1"}


def test_seed_checks_table(seed_corpus) -> None:
    checks = seed_corpus.checks
    assert len(checks) == len(seed_corpus.reports) * len(SPEC["checks"])
    assert set(checks["status"].dropna()) <= {"ok", "warn", "fail", "n/a"}
