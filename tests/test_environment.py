"""environment.yml (conda users) lists exactly pyproject.toml's dependencies + test extras."""

from __future__ import annotations

import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from .paths import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
ENVIRONMENT = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
NOT_PACKAGES = {"python", "pip"}


def _ranges(specs: list[str]) -> dict[str, SpecifierSet]:
    found: dict[str, SpecifierSet] = {}
    for spec in specs:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name not in found, f"{name} is listed twice"
        found[name] = req.specifier
    return found


def _conda_specs() -> list[str]:
    return [d for d in ENVIRONMENT["dependencies"] if isinstance(d, str)]


def test_environment_equals_pyproject() -> None:
    wanted = _ranges(PYPROJECT["dependencies"] + PYPROJECT["optional-dependencies"]["test"])
    listed = {k: v for k, v in _ranges(_conda_specs()).items() if k not in NOT_PACKAGES}
    assert sorted(listed) == sorted(wanted), "package names differ"
    for name, spec in wanted.items():
        assert listed[name] == spec, f"{name}: environment.yml {listed[name]} vs pyproject {spec}"


def test_environment_python_matches_requires_python() -> None:
    python = _ranges(_conda_specs())["python"]
    assert python == SpecifierSet(PYPROJECT["requires-python"])


def test_environment_installs_the_package_itself() -> None:
    pip = [d["pip"] for d in ENVIRONMENT["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert pip and any(line.replace(" ", "") in ("-e.", ".") for line in pip[0])
