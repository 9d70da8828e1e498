"""Plotting: matplotlib and seaborn set up to draw Chinese with the font shipped in the package.

The default matplotlib font has no CJK glyphs and silently draws boxes. ``setup()``
registers Noto Sans SC (SIL Open Font License, ``fonts/OFL.txt``) from the package
itself, so nothing depends on the fonts of the machine, and turns matplotlib's
missing-glyph warning into an error so a broken font fails the run instead of
publishing boxes.
"""

from __future__ import annotations

import io
import warnings
from importlib import resources
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib import font_manager
from matplotlib.figure import Figure

FONT_FILE = "NotoSansSC-Regular.otf"
# Latin from DejaVu, Chinese from Noto glyph by glyph (a generic family does not fall back).
FAMILIES = ["DejaVu Sans", "Noto Sans SC"]
MISSING_GLYPH = r"Glyph \d+ .* missing from (current )?font"
DPI = 110


def font_path() -> Path:
    """The Chinese font file inside the installed package."""
    return Path(str(resources.files("lawgov").joinpath("fonts", FONT_FILE)))


def setup(style: str = "whitegrid") -> None:
    """Register the packaged font, apply the seaborn theme, then the fonts (it resets them)."""
    font_manager.fontManager.addfont(str(font_path()))
    sns.set_theme(style=style, context="notebook")
    matplotlib.rcParams["font.family"] = FAMILIES
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["figure.dpi"] = DPI
    matplotlib.rcParams["savefig.dpi"] = DPI
    warnings.filterwarnings("error", message=MISSING_GLYPH)


def show(fig: Figure, name: str | None = None, figures_dir: str | Path | None = None) -> None:
    """Render the figure once inside the current cell, save it as PNG if asked, display it.

    Rendering here (not in the inline backend's post-cell hook, which only logs
    exceptions) makes a missing glyph an error of the cell that made the chart.
    """
    from IPython.display import Image, display

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    png = buffer.getvalue()
    if name and figures_dir:
        out = Path(figures_dir)
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.png").write_bytes(png)
    display(Image(data=png, format="png"))
