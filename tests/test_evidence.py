import pandas as pd

from lawgov.evidence import anchor, highlight, page

TEXT = "受理行政复议案件25件,<script>alert('x')</script>办结23件。"


def _figures():
    rows = [
        dict(report_id="r1", indicator="reconsideration.received", value=25.0, unit="case",
             qualifier="exact", start=0, end=12, quote=TEXT[0:12]),
        dict(report_id="r1", indicator="reconsideration.concluded", value=23.0, unit="case",
             qualifier="exact", start=42, end=47, quote=TEXT[42:47]),
        # overlaps the first figure
        dict(report_id="r1", indicator="litigation.cases", value=25.0, unit="case",
             qualifier="truncated", start=2, end=12, quote=TEXT[2:12]),
    ]
    return pd.DataFrame(rows)


def test_source_markup_is_escaped():
    report = pd.Series(dict(report_id="r1", file="<b>x</b>.txt", sha256="ab", jurisdiction="赵县",
                            year=2022))
    html = page(report, TEXT, _figures())
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<b>x</b>" not in html


def test_every_figure_is_marked_anchored_and_labelled():
    html = highlight(TEXT, _figures())
    for f in _figures().itertuples():
        assert f'id="{anchor(f.indicator, f.start, f.end)}"' in html
        assert f"{f.indicator} = {f.value:g} case" in html
    assert html.count("<mark") >= 3
    assert 'class="truncated"' in html


def test_highlighting_keeps_the_text():
    import re

    html = highlight(TEXT, _figures(), masked=[(13, 20)])
    plain = re.sub(r'<span class="label">.*?</span>|<[^>]+>', "", html)
    assert plain == TEXT.replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#x27;")
