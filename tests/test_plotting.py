import warnings

import matplotlib
import matplotlib.pyplot as plt
import pytest

from lawgov import plotting

CHINESE = "行政复议纠错率 负责人出庭应诉率 双随机、一公开 12345热线"


def _draw(title: str) -> None:
    fig, ax = plt.subplots()
    ax.set_title(title)
    ax.set_xlabel("百分比 percent")
    try:
        fig.canvas.draw()
    finally:
        plt.close(fig)


def test_packaged_font_is_there_with_its_licence():
    path = plotting.font_path()
    assert path.is_file()
    assert "Open Font License" in (path.parent / "OFL.txt").read_text(encoding="utf-8")


def test_chinese_renders_without_missing_glyph_warnings():
    plotting.setup()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _draw(CHINESE)


def test_seaborn_theme_does_not_undo_the_font():
    plotting.setup()
    assert "Noto Sans SC" in matplotlib.rcParams["font.family"]


def test_a_missing_glyph_fails_instead_of_drawing_boxes(monkeypatch):
    plotting.setup()
    monkeypatch.setitem(matplotlib.rcParams, "font.family", ["DejaVu Sans"])
    with pytest.raises(UserWarning, match="missing from font"):
        _draw(CHINESE)
