"""Is the lab extension that ships in the package the build of its TypeScript source?

The front-end is written in TypeScript against JupyterLab's public packages (src/mleprep/lab/frontend)
and built with JupyterLab's builder; candidates get the built files and need no Node. This rebuilds
from source with the locked npm packages (scripts/test.sh runs `npm ci`) and compares, file by file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mleprep.lab.launch import LABEXTENSIONS
from tests.conftest import tree_digest

FRONTEND = Path(__file__).parents[2] / "src" / "mleprep" / "lab" / "frontend"
SHIPPED = LABEXTENSIONS / "mleprep-lab"
REBUILD = "cd src/mleprep/lab/frontend && npm ci && npm run build, then commit src/mleprep/lab/labextension/"


def _node_modules() -> Path:
    modules = FRONTEND / "node_modules"
    if not (modules / ".bin" / "tsc").exists() or shutil.which("node") is None:
        message = "the front-end's npm packages are not installed (scripts/test.sh runs npm ci)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must check the lab extension's build: {message}")
        pytest.skip(message)
    return modules


def test_the_shipped_lab_extension_is_the_build_of_its_source() -> None:
    modules = _node_modules()
    before = tree_digest(SHIPPED)
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    for command in (
        [str(modules / ".bin" / "tsc"), "-p", str(FRONTEND)],
        [str(bin_dir / "jupyter-builder"), "build", "--development", "False", str(FRONTEND)],
    ):
        done = subprocess.run(command, cwd=FRONTEND, env=env, capture_output=True, text=True, timeout=600)
        output = done.stdout[-3000:] + done.stderr[-3000:]
        assert done.returncode == 0, f"{' '.join(command)} failed:\n{output}"
    after = tree_digest(SHIPPED)
    changed = sorted(set(before.items()) ^ set(after.items()))
    assert after == before, f"the shipped build differs from its source in {changed}: rebuild ({REBUILD})"


def test_the_package_ships_one_built_extension_loaded_through_jupyterlabs_federation() -> None:
    assert sorted(p.name for p in LABEXTENSIONS.iterdir()) == ["mleprep-lab"]
    package = json.loads((SHIPPED / "package.json").read_text())
    build = package["jupyterlab"]["_build"]
    entry = SHIPPED / build["load"]
    assert entry.is_file() and build["extension"] == "./extension"
    # The builder shares JupyterLab's own packages instead of bundling copies of them.
    assert "@jupyterlab/notebook" in entry.read_text() and "@jupyterlab/apputils" in entry.read_text()
    source = json.loads((FRONTEND / "package.json").read_text())
    assert package["version"] == source["version"] and package["dependencies"] == source["dependencies"]


def test_the_wheel_holds_the_built_extension_and_none_of_its_build_inputs(tmp_path: Path) -> None:
    # A candidate installs the package and needs no Node: the build is in, the TypeScript and npm are not.
    root = FRONTEND.parents[3]
    # Built from a copy, so setuptools' build/ never lands in the checkout. The copy keeps the front-end's
    # source and a Python file inside node_modules (katex ships some), which packaging must leave out.
    checkout = tmp_path / "checkout"
    shutil.copytree(
        root / "src", checkout / "src", ignore=shutil.ignore_patterns("node_modules", "__pycache__", "lib")
    )
    stray = checkout / "src" / "mleprep" / "lab" / "frontend" / "node_modules" / "katex" / "src" / "fonts"
    stray.mkdir(parents=True)
    (stray / "generate_fonts.py").write_text("")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(root / name, checkout / name)
    wheels = tmp_path / "wheels"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(checkout),
            "--no-deps",
            "-q",
            "-w",
            str(wheels),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (wheel,) = wheels.glob("mleprep-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {f"mleprep/lab/labextension/mleprep-lab/{p}" for p in tree_digest(SHIPPED)}
    assert shipped <= set(names), sorted(shipped - set(names))
    assert not [n for n in names if "/frontend/" in n or "node_modules" in n]
