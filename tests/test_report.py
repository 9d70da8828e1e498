import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from lawgov import cli, report

RAW = Path(__file__).parent.parent / "data" / "raw"
PARAMS = 'raw_dir = "../data/raw"\njurisdictions = None\nyears = None\nfigures_dir = "figs"'


def _notebook(path: Path, *code: str) -> None:
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python",
                                               "display_name": "Python 3"}})
    params = new_code_cell(PARAMS, metadata={"tags": ["parameters"]})
    nb.cells = [new_markdown_cell(f"# {path.stem}"), params, *map(new_code_cell, code)]
    nbformat.write(nb, path)


@pytest.fixture
def project(tmp_path):
    books = tmp_path / "notebooks"
    books.mkdir()
    _notebook(books / "01_fine.ipynb", "print('jurisdictions', jurisdictions)")
    _notebook(books / "02_broken.ipynb", "x = 1", "raise ValueError('the data is odd')")
    _notebook(books / "03_after.ipynb", "print('still ran')")
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(sorted(RAW.iterdir())[2], raw)
    return tmp_path


def test_failing_notebook_is_named_the_others_still_run(project, capsys):
    out = project / "reports"
    code = cli.main(["report", "--notebooks", str(project / "notebooks"), "-o", str(out),
                     "-p", "raw_dir", str(project / "raw"), "-p", "jurisdictions", "[连江县]"])
    err = capsys.readouterr().err
    assert code == 1
    assert "02_broken" in err and "ValueError: the data is odd" in err and "cell" in err
    assert "01_fine" not in err and "03_after" not in err
    broken = nbformat.read(out / "02_broken.ipynb", as_version=4)
    assert any(o.get("ename") == "ValueError" for c in broken.cells if c.cell_type == "code"
               for o in c.outputs)
    fine = nbformat.read(out / "01_fine.ipynb", as_version=4)
    assert "jurisdictions ['连江县']" in "".join(
        o.get("text", "") for c in fine.cells if c.cell_type == "code" for o in c.outputs)
    for name in ("01_fine", "02_broken", "03_after"):
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert report.remote_references(page) == []
        assert "print(" not in page  # no code cells
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "FAILED" in index and "lawgov 0." in index and "03_after.html" in index
    pages = list((out / "evidence").glob("*.html"))
    assert len(pages) == 1


def test_only_runs_one_notebook(project):
    out = project / "reports"
    code = cli.main(["report", "--notebooks", str(project / "notebooks"), "-o", str(out),
                     "--only", "03", "-p", "raw_dir", str(project / "raw")])
    assert code == 0
    assert sorted(p.name for p in out.glob("*.ipynb")) == ["03_after.ipynb"]


def test_parameters_are_yaml_and_the_command_line_wins(tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text("years: [2021, 2022]\njurisdictions: [赵县]\n", encoding="utf-8")
    params = report.read_parameters(f, [("jurisdictions", "[连江县]"), ("top", "5")])
    assert params == {"years": [2021, 2022], "jurisdictions": ["连江县"], "top": 5}
    with pytest.raises(report.ParameterError):
        report.read_parameters(None, [("x", "[unclosed")])


def test_offline_strips_every_script_and_finds_none_left():
    page = ('<script src="https://cdn.example/x.js"></script><p>ok</p>'
            '<script type="module">await import("https://cdn.example/m.mjs")</script>')
    clean = report.offline(page)
    assert clean == "<p>ok</p>"
    assert report.remote_references('<link rel="stylesheet" href="https://x/y.css">')


def test_strip_volatile_removes_run_metadata():
    nb = new_notebook(metadata={"papermill": {"duration": 1.0}})
    timing = {"iopub.status.idle": "2026-01-01T00:00:00Z"}
    cell = new_code_cell("1", metadata={"papermill": {"duration": 1}, "execution": timing,
                                        "tags": ["keep"]})
    nb.cells = [cell]
    report.strip_volatile(nb)
    assert "papermill" not in nb.metadata
    assert dict(nb.cells[0].metadata) == {"tags": ["keep"]}
