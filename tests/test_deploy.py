"""The systemd unit under deploy/: hardened as promised, and a command line the CLI takes."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import _parser
from tests.conftest import REPO

UNIT = REPO / "deploy" / "newsalert.service"


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string(UNIT.read_text())
    return parser


def test_the_service_runs_as_its_own_user_without_privileges_writing_only_its_state() -> None:
    service = unit()["Service"]
    assert service["DynamicUser"] == "yes" and "User" not in service
    assert service["NoNewPrivileges"] == "yes"
    assert service["CapabilityBoundingSet"] == "" and service["AmbientCapabilities"] == ""
    assert service["ProtectSystem"] == "strict"  # all read-only but its state directory
    assert service["StateDirectory"] == "newsalert" and "ReadWritePaths" not in service
    assert service["WorkingDirectory"] == "/var/lib/newsalert"
    for key in ("ProtectHome", "PrivateTmp", "PrivateDevices", "RestrictSUIDSGID",
                "ProtectKernelTunables", "ProtectControlGroups", "LockPersonality"):
        assert service[key] == "yes", key
    assert service["RestrictAddressFamilies"].split() == ["AF_INET", "AF_INET6", "AF_UNIX"]


def test_its_commands_are_ones_the_cli_takes() -> None:
    service = unit()["Service"]
    argv = shlex.split(service["ExecStart"])
    assert argv[0].endswith("/bin/newsalert")
    args = _parser().parse_args(argv[1:])
    assert (args.command, str(args.config), args.once) == (
        "run", "/etc/newsalert/config.toml", False)
    assert service["ExecReload"] == "/bin/kill -HUP $MAINPID"  # SIGHUP reloads the config


@pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                    reason="systemd-analyze is not installed here")
def test_systemd_finds_nothing_wrong_with_it(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "newsalert"
    copy = tmp_path / "newsalert.service"
    copy.write_text(UNIT.read_text().replace("/opt/newsalert/.venv/bin/newsalert", str(command)))
    result = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr
