"""The README and docs/ pages keep working: every shell command they show is either run here,
in a scratch copy of the repository's example files, or known not to run offline in seconds
(installs, the test suite, corpus evaluations and benchmarks, root-only service setup); every
TOML snippet is a valid piece of a config."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from bot.config import parse_config
from tests.conftest import REPO

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
_FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>\w*)\n(?P<body>.*?)^(?P=indent)```", re.M | re.S)

NOT_RUN = [
    (re.compile(r"^python3? -m venv |/pip install "), "installs (.ci/run does it)"),
    (re.compile(r"^\.venv/bin/python -m pytest"), "the test suite itself"),
    (re.compile(r"^python (eval|bench)/|^python -m bench\."),
     "an evaluation or benchmark over ../shared/corpora (minutes)"),
    (re.compile(r"^export \w+="), "sets a secret in the environment"),
]
NEWSALERT = re.compile(r"^(?:\.venv/bin/newsalert|newsalert|python -m newsalert)(?= |$)")


def blocks(page: Path, lang: str) -> list[str]:
    return [re.sub(r"^" + m["indent"], "", m["body"], flags=re.M)
            for m in _FENCE.finditer(page.read_text()) if m["lang"] == lang]


def commands(page: Path) -> list[str]:
    """Each command of the page's sh blocks, `a && b` as two, comments left out."""
    found = []
    for block in blocks(page, "sh"):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line and not line.startswith("#"):
                found += [part.strip() for part in line.split("&&")]
    return found


def argv(command: str) -> list[str] | None:
    """How the test runs ``command``, or None when it is not run (see NOT_RUN)."""
    if any(pattern.search(command) for pattern, _ in NOT_RUN):
        return None
    words = shlex.split(command)
    if NEWSALERT.match(command):
        rest = words[3:] if words[0] == "python" else words[1:]
        return [sys.executable, "-m", "newsalert", *rest]
    if words[0] == "cp":
        return words
    raise AssertionError(f"a documented command this test neither runs nor knows: {command}")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_pages_commands_run(page: Path, tmp_path: Path) -> None:
    shutil.copy(REPO / "config.example.toml", tmp_path)
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for command in commands(page):
        run = argv(command)
        if run is None:
            continue
        result = subprocess.run(run, cwd=tmp_path, env=env, capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, f"{page.name}: {command}\n{result.stderr[-2000:]}"


def test_the_commands_that_are_run_are_the_ones_a_user_starts_with() -> None:
    run = {c for page in PAGES for c in commands(page) if argv(c) is not None}
    assert {"cp config.example.toml config.toml", "newsalert init", ".venv/bin/newsalert status",
            ".venv/bin/newsalert run --once --config config.example.toml"} <= run


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + value
        else:
            out[key] = value
    return out


@pytest.mark.parametrize("page", [p for p in PAGES if blocks(p, "toml")], ids=lambda p: p.name)
def test_the_pages_config_snippets_load(page: Path) -> None:
    example = tomllib.loads((REPO / "config.example.toml").read_text())
    for snippet in blocks(page, "toml"):
        data = _merge(example, tomllib.loads(snippet))
        names = set(re.findall(r"\$\{(\w+)\}", snippet))
        environ = {name: "value-from-the-environment-0123" for name in names}
        parse_config(data, REPO / "config.example.toml", environ)  # raises ConfigError
