"""Packaging: one distribution whose sub-packages are the top-level folders, and small public surfaces."""

from __future__ import annotations

import importlib
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import inspectkg

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = {
    "inspectkg.ingest": {"IngestResult", "expand_paths", "ingest_paths", "process_file"},
    "inspectkg.api": {"create_app"},
    "inspectkg.viz": {"render_view"},
}


@pytest.mark.parametrize("name", ["api", "graph", "ingest", "viz", "ontology"])
def test_no_bare_top_level_module_is_installed(name: str, tmp_path: Path) -> None:
    code = f"import importlib.util, sys; sys.exit(0 if importlib.util.find_spec({name!r}) is None else 1)"
    assert subprocess.run([sys.executable, "-c", code], cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("package", sorted(PUBLIC))
def test_public_surface_is_all_it_exports(package: str) -> None:
    module = importlib.import_module(package)
    assert set(module.__all__) == PUBLIC[package]


@pytest.mark.parametrize("folder", ["ontology", "ingest", "graph", "api", "viz"])
def test_sub_packages_load_from_the_top_level_folders(folder: str) -> None:
    module = importlib.import_module(f"inspectkg.{folder}")
    assert Path(module.__file__ or "").resolve().parent == ROOT / folder


def test_version_lives_in_one_place() -> None:
    from importlib.metadata import version

    assert version("inspectkg") == inspectkg.__version__
    assert "version =" not in (ROOT / "pyproject.toml").read_text().split("[project]")[1].split("[")[0]


@pytest.mark.slow
def test_the_wheel_lays_folders_out_as_sub_packages(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("inspectkg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.startswith("inspectkg-")}
    assert tops == {"inspectkg"}
    for expected in (
        "inspectkg/ontology/practice-areas.ttl",
        "inspectkg/graph/queries/findings.rq",
        "inspectkg/cli.py",
        "inspectkg/api/app.py",
        "inspectkg/viz/render.py",
    ):
        assert expected in names
