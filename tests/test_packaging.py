"""What an installed newsalert carries: its version, `python -m newsalert`, `newsalert init`
from the example shipped in the package, the license, type information, and a clear word on
a Python that is too old."""

from __future__ import annotations

import email
import os
import subprocess
import sys
import tomllib
import zipfile
from importlib.metadata import metadata, version
from pathlib import Path

import pytest

from bot.scaffold import starter_files
from newsalert import python_problem
from tests.conftest import REPO
from tests.test_cli import newsalert


def test_the_packaged_example_is_the_one_at_the_top_of_the_repository() -> None:
    files = starter_files()
    assert set(files) == {"config.toml", "examples/feeds/world.xml",
                          "examples/feeds/archive-stemmed.xml"}
    assert files["config.toml"].read_bytes() == (REPO / "config.example.toml").read_bytes()
    for name, packaged in files.items():
        if name != "config.toml":
            assert packaged.read_bytes() == (REPO / name).read_bytes(), name


def test_init_writes_a_starter_that_runs_and_keeps_an_existing_config(tmp_path: Path) -> None:
    first = newsalert("init", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0] == "wrote config.toml"
    assert (tmp_path / "examples" / "feeds" / "world.xml").is_file()
    checked = newsalert("check-config", cwd=tmp_path)
    assert checked.returncode == 0 and checked.stdout.startswith("config.toml: OK")
    run = newsalert("run", "--once", cwd=tmp_path)
    assert run.returncode == 0 and run.stdout.count("─" * 72) == 3

    (tmp_path / "config.toml").write_text("# mine\n")
    again = newsalert("init", cwd=tmp_path)
    assert again.returncode == 2 and (tmp_path / "config.toml").read_text() == "# mine\n"
    assert "config.toml already exists; give another --config path, or --force" in again.stderr
    forced = newsalert("init", "--force", cwd=tmp_path)
    assert forced.returncode == 0
    assert forced.stdout.splitlines() == [  # the sample feeds were there: only the config
        "wrote config.toml",
        "next: newsalert check-config --config config.toml, then newsalert run --config "
        "config.toml"]


def test_version_and_python_dash_m(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for command in ([sys.executable, "-m", "newsalert", "--version"],
                    [str(Path(sys.executable).parent / "newsalert"), "--version"]):
        result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True,
                                timeout=60)
        assert (result.returncode, result.stdout) == (0, f"newsalert {version('newsalert')}\n")
    help_text = subprocess.run([sys.executable, "-m", "newsalert", "--help"], cwd=tmp_path,
                               env=env, capture_output=True, text=True, timeout=60).stdout
    assert help_text.startswith("usage: newsalert ") and "init" in help_text


def test_a_python_too_old_is_named_with_what_to_do() -> None:
    assert python_problem((3, 11, 0)) is None and python_problem((3, 13, 1)) is None
    problem = python_problem((3, 9, 18))
    assert problem is not None
    assert problem.startswith("newsalert needs Python 3.11 or later; this is Python 3.9.")
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert pyproject["project"]["requires-python"] == ">=3.11"


def test_the_license_is_declared_in_spdx_form_and_shipped() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert pyproject["license"] == "MIT" and pyproject["license-files"] == ["LICENSE"]
    assert (REPO / "LICENSE").read_text().startswith("MIT License\n")
    meta = metadata("newsalert")
    assert meta["License-Expression"] == "MIT"
    assert "Typing :: Typed" in meta.get_all("Classifier")
    assert any(url.startswith("Source, https://") for url in meta.get_all("Project-URL"))


def test_the_wheel_carries_templates_the_starter_and_type_marks(tmp_path: Path) -> None:
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps",
                            "--quiet", "--wheel-dir", str(tmp_path)], capture_output=True,
                           text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    wheel, = tmp_path.glob("newsalert-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        meta = email.message_from_bytes(archive.read(
            next(n for n in names if n.endswith(".dist-info/METADATA"))))
    for needed in ("bot/web/templates/status.html", "bot/web/static/style.css",
                   "bot/starter/config.example.toml", "bot/starter/examples/feeds/world.xml",
                   "bot/py.typed", "watchers/py.typed", "adapters/py.typed",
                   "newsalert/__main__.py"):
        assert needed in names, needed
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert meta["License-Expression"] == "MIT" and meta["Version"] == version("newsalert")
    assert not any(n.startswith(("tests/", "bench/", "eval/")) for n in names)


@pytest.mark.parametrize("package", ["bot", "watchers", "adapters"])
def test_each_package_says_it_is_typed(package: str) -> None:
    assert (REPO / package / "py.typed").is_file()
