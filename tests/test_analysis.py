from pathlib import Path

import pandas as pd
import pytest

import lawgov
from lawgov import analysis as A
from lawgov.pipeline import Corpus

RAW = Path(__file__).parent.parent / "data" / "raw"


@pytest.fixture(scope="module")
def corpus():
    return lawgov.load_corpus(RAW, cache=False)


def test_select_by_jurisdiction_and_year(corpus):
    one = A.select(corpus, jurisdictions=["连江县"])
    assert set(one.reports["jurisdiction"]) == {"连江县"}
    assert set(one.figures["report_id"]) <= set(one.reports["report_id"])
    assert len(A.select(corpus, jurisdictions="连江县").reports) == 1
    years = A.select(corpus, years=[2022])
    assert set(years.reports["year"]) == {2022}
    assert len(A.select(corpus, None, []).reports) == len(corpus.reports)


def _with_truncated(corpus: Corpus) -> Corpus:
    figures = corpus.figures.copy()
    first = figures.index[0]
    figures.loc[first, "qualifier"] = "truncated"
    return Corpus(corpus.reports, figures, corpus.checks, corpus.sections, corpus.errors)


def test_truncated_values_never_reach_headline_or_coverage(corpus):
    altered = _with_truncated(corpus)
    gone = altered.figures.iloc[0]
    others = altered.figures[(altered.figures["report_id"] == gone["report_id"])
                             & (altered.figures["indicator"] == gone["indicator"])]
    values = A.headline(altered, [gone["indicator"]])
    mine = values[values["report_id"] == gone["report_id"]]
    assert len(mine) == (len(others) > 1)
    assert not (mine["start"] == gone["start"]).any()


def test_coverage_counts_and_not_reported_as_zero(corpus):
    ids = ["reconsideration.received", "reconsideration.revoked", "hotline.response_rate"]
    cov = A.coverage(corpus, ids)
    assert list(cov.columns) == list(A.report_labels(corpus.reports))
    for row, indicator in zip(cov.itertuples(index=False), ids, strict=True):
        stated = A.headline(corpus, [indicator])
        assert sum(v > 0 for v in row) == stated["report"].nunique()
        assert sum(v == 0 for v in row) == len(cov.columns) - stated["report"].nunique()


def test_headline_is_first_mention_with_evidence_link(corpus):
    values = A.headline(corpus, ["service.items"])
    for row in values.itertuples():
        mentions = corpus.figures[(corpus.figures["report_id"] == row.report_id)
                                  & (corpus.figures["indicator"] == "service.items")]
        assert row.start == mentions["start"].min()
        assert row.n_values == len(mentions)
        assert row.evidence.startswith(f"evidence/{row.report_id}.html#service.items-")


def test_key_numbers_are_canonical():
    a = pd.DataFrame({"report": ["b", "a"], "value": [1.5, 2.0]})
    text = A.key_numbers(a)
    assert text == A.key_numbers(a.iloc[::-1])
    assert text.splitlines()[1].split() == ["a", "2"]


def test_evidence_table_escapes_quotes():
    row = dict(report="r", name="n", value=1.0, unit="case", qualifier="exact",
               quote="<img src=x onerror=alert(1)>", evidence="evidence/r.html#a")
    values = pd.DataFrame([row])
    html = A.evidence_table(values)
    assert "<img" not in html and "&lt;img" in html
    assert '<a href="evidence/r.html#a">' in html
