"""Real-world input: encodings, HTML, Word, traditional script and hostile files."""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

import docx
import opencc
import pytest

from lawgov.cli import main
from lawgov.pipeline import parse_paths, parse_report, to_corpus
from lawgov.read import MAX_BYTES, MAX_CHARS, read_source

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
SAMPLE = RAW / "000_35b64da8c6f520f4.txt"
TEXT = SAMPLE.read_text(encoding="utf-8")
TRADITIONAL = opencc.OpenCC("s2tw").convert(TEXT)  # Taiwan forms: all in Big5


def values(parsed) -> list[tuple]:
    return sorted((f["indicator"], f["value"], f["unit"], f["qualifier"]) for f in parsed.figures)


def figures_by_file(parsed) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for f in parsed.figures:
        out.setdefault(f["file"], []).append((f["indicator"], f["value"], f["qualifier"],
                                              f["start"], f["end"], f["quote"]))
    return {k: sorted(v) for k, v in out.items()}


BASE = values(parse_report(SAMPLE))


def _html(text: str, charset: str = "utf-8") -> str:
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines())
    return (f'<html><head><meta charset="{charset}"><title>镜像站 首页</title>'
            "<style>p{color:red}</style><script>var n = '受理行政复议案件99件';</script></head>"
            "<body><header>网站首页 | 政务公开 | 登录</header><nav><a>首页</a><a>办理案件100件</a>"
            f"</nav><div class='content'>{body}</div><aside>相关链接</aside>"
            "<footer>版权所有 主办单位 受理投诉12件</footer></body></html>")


def _docx(path: Path, text: str) -> None:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "附表", "说明"
    document.save(path)


COPIES = {
    "gb18030.txt": lambda p: p.write_bytes(TEXT.encode("gb18030")),
    "gbk.txt": lambda p: p.write_bytes(TEXT.encode("gbk")),
    "utf16_bom.txt": lambda p: p.write_bytes(TEXT.encode("utf-16")),
    "utf16be_bom.txt": lambda p: p.write_bytes(b"\xfe\xff" + TEXT.encode("utf-16-be")),
    "utf16le_nobom.txt": lambda p: p.write_bytes(TEXT.encode("utf-16-le")),
    "utf8_bom.txt": lambda p: p.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8")),
    "crlf.txt": lambda p: p.write_bytes(TEXT.replace("\n", "\r\n").encode("utf-8")),
    "traditional.txt": lambda p: p.write_text(TRADITIONAL, encoding="utf-8"),
    "big5.txt": lambda p: p.write_bytes(TRADITIONAL.encode("big5hkscs")),
    "page.html": lambda p: p.write_text(_html(TEXT), encoding="utf-8"),
    "page_gbk.htm": lambda p: p.write_bytes(_html(TEXT, "gb2312").encode("gb18030")),
    "word.docx": lambda p: _docx(p, TEXT),
}


@pytest.mark.parametrize("name", sorted(COPIES))
def test_copy_gives_the_original_figures(tmp_path, name):
    path = tmp_path / name
    COPIES[name](path)
    parsed = parse_report(path)
    assert parsed.errors == []
    assert values(parsed) == BASE
    text = read_source(path).text
    for f in parsed.figures:
        assert f["quote"] == text[f["start"]:f["end"]]


def test_traditional_evidence_points_at_traditional_characters(tmp_path):
    path = tmp_path / "trad.txt"
    path.write_text(TRADITIONAL, encoding="utf-8")
    parsed = parse_report(path)
    assert parsed.reports[0]["n_converted"] > 100
    assert all(f["quote"] == TRADITIONAL[f["start"]:f["end"]] for f in parsed.figures)
    assert any(f["quote"] != opencc.OpenCC("t2s").convert(f["quote"]) for f in parsed.figures)


def test_html_drops_furniture_and_keeps_blocks_as_lines(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(_html("第一段\n第二段"), encoding="utf-8")
    assert read_source(path).text == "第一段\n第二段"


def test_markup_in_a_report_stays_text(tmp_path):
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    txt, page = tmp_path / "x.txt", tmp_path / "x.html"
    txt.write_text(TEXT.replace("\n", hostile + "\n", 1), encoding="utf-8")
    page.write_text(_html(TEXT.replace("\n", hostile + "\n", 1)), encoding="utf-8")
    for path in (txt, page):
        parsed = parse_report(path)
        assert values(parsed) == BASE
        assert hostile in parsed.texts[parsed.reports[0]["report_id"]]


def _damaged(p: Path) -> None:
    data = TEXT.encode("utf-8")
    cut = data.index(b"\n", len(data) // 2) + 1
    p.write_bytes(data[:cut] + b"\xff\xfe\n" + data[cut:])


# name -> (builder, stage of the errors row or None when it parses, words of the reason)
HOSTILE = {
    "empty.txt": (lambda p: p.write_bytes(b""), "read", "empty"),
    "blank.txt": (lambda p: p.write_text(" \n\t\u3000\r\n", encoding="utf-8"), "read",
                  "white space"),
    "binary.txt": (lambda p: p.write_bytes(os.urandom(0) + bytes(range(256)) * 40), "read",
                   "not a text"),
    "nul.txt": (lambda p: p.write_bytes(b"\x00" * 4096), "read", "binary"),
    "huge.txt": (lambda p: p.write_bytes(b"a" * (MAX_BYTES["text"] + 1)), "read", "MiB limit"),
    "long.txt": (lambda p: p.write_bytes("字".encode() * (MAX_CHARS + 1)), "read",
                 "characters, over"),
    "folder.txt": (lambda p: p.mkdir(), "read", "folder"),
    "dangling.txt": (lambda p: p.symlink_to(p.parent / "nowhere.txt"), "read", "does not exist"),
    "pipe.txt": (lambda p: os.mkfifo(p), "read", "not a regular file"),
    "report.pdf": (lambda p: p.write_bytes(b"%PDF-1.4\n"), "read", "'.pdf' files are not read"),
    "broken.docx": (lambda p: p.write_bytes(b"PK\x03\x04 not a zip"), "read", "Word"),
    "empty.html": (lambda p: p.write_text("<html><script>x()</script></html>"), "read",
                   "no text"),
    "damaged.txt": (_damaged, None, ""),
    "nul_inside.txt": (lambda p: p.write_text(TEXT.replace("。", "。\x00", 3)), None, ""),
    "nopunct.txt": (lambda p: p.write_text("行政复议案件受理1件办结" * 75000), None, ""),
    "absurd.txt": (lambda p: p.write_text(
        "受理行政复议案件" + "9" * 400 + "件。办结" + "一" * 400 + "件。受理1e309件,NaN件,"
        "inf件。" + "9" * 5000 + "件。"), None, ""),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_parsed_or_one_clear_error(tmp_path, name):
    build, stage, words = HOSTILE[name]
    path = tmp_path / name
    build(path)
    parsed = parse_report(path)
    if stage is None:
        assert parsed.errors == [] and len(parsed.reports) == 1
    else:
        assert parsed.reports == [] and parsed.figures == []
        assert [(e["stage"], words in e["reason"]) for e in parsed.errors] == [(stage, True)]
        assert "Traceback" not in parsed.errors[0]["reason"]


def test_damaged_bytes_are_replaced_and_counted(tmp_path):
    path = tmp_path / "damaged.txt"
    _damaged(path)
    parsed = parse_report(path)
    assert parsed.reports[0]["n_replaced"] == 2
    assert values(parsed) == BASE


def test_no_punctuation_is_masked_as_runon(tmp_path):
    path = tmp_path / "nopunct.txt"
    HOSTILE["nopunct.txt"][0](path)
    parsed = parse_report(path)
    assert parsed.reports[0]["n_runon_chars"] == parsed.reports[0]["n_chars"]
    assert parsed.figures == []


def test_absurd_numbers_give_no_absurd_values(tmp_path):
    path = tmp_path / "absurd.txt"
    HOSTILE["absurd.txt"][0](path)
    assert all(f["value"] < 1e15 for f in parse_report(path).figures)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """The five sample reports with every hostile file beside them."""
    root = tmp_path_factory.mktemp("mixed")
    for p in RAW.glob("*.txt"):
        shutil.copy(p, root / p.name)
    for name, (build, _, _) in HOSTILE.items():
        build(root / name)
    return root


def test_good_files_give_what_they_give_alone(mixed):
    alone = figures_by_file(parse_paths([RAW]))
    together = figures_by_file(parse_paths([mixed]))
    assert {k: together[k] for k in alone} == alone


def test_mixed_folder_has_one_error_per_unusable_file(mixed):
    corpus = to_corpus(parse_paths([mixed]))
    unusable = {n for n, (_, stage, _) in HOSTILE.items() if stage is not None}
    assert sorted(Path(f).name for f in corpus.errors["file"]) == sorted(unusable)
    assert set(corpus.errors["stage"]) == {"read"}
    assert len(corpus.reports) == 5 + len(HOSTILE) - len(unusable)


def test_cli_parse_of_mixed_folder_exits_zero(mixed, tmp_path, capsys):
    assert main(["parse", str(mixed), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "figures.parquet").is_file()
    assert "Traceback" not in capsys.readouterr().err
