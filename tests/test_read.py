"""Read: bytes to text in the encodings government sites use; bad files raise ReadError."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawgov import ReadError
from lawgov.decode import decode
from lawgov.read import read_source

from .paths import RAW

TEXT = "连江县2022年法治政府建设年度报告\r\n全县共受理行政复议案件25件,已办结23件。\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
        TEXT.encode("utf-16"),
        b"\xff\xfe" + TEXT.encode("utf-16-le"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"],
)
def test_decode_encodings(data: bytes) -> None:
    decoded = decode(data)
    assert decoded.text == TEXT
    assert decoded.encoding
    assert decoded.n_replaced == 0


def test_line_breaks_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    assert read_source(path).text.count("\r\n") == 1


def test_bom_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    source = read_source(path)
    assert source.text == TEXT
    assert source.n_bytes == len(TEXT.encode("utf-8")) + 3


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t"], ids=["empty", "blank"])
def test_empty_file_raises(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError):
        read_source(path)


def test_binary_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8)
    with pytest.raises(ReadError):
        read_source(path)


def test_folder_and_missing_file_raise(tmp_path: Path) -> None:
    with pytest.raises(ReadError):
        read_source(tmp_path)
    with pytest.raises(ReadError):
        read_source(tmp_path / "missing.txt")


def test_report_id_depends_on_bytes_only(tmp_path: Path) -> None:
    seed = sorted(RAW.glob("*.txt"))[0]
    copy = tmp_path / "renamed.txt"
    copy.write_bytes(seed.read_bytes())
    assert read_source(copy).report_id == read_source(seed).report_id
    other = tmp_path / "other.txt"
    other.write_bytes(seed.read_bytes() + b"\n")
    assert read_source(other).report_id != read_source(seed).report_id
