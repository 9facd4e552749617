"""Helper processes end with the bot, however the bot ends.

The parse workers and the forkserver that starts them would otherwise outlive a bot that is
killed (SIGKILL, the out-of-memory killer), idle and holding memory, one set more at every
restart. On Linux each of them asks the kernel for SIGKILL when its parent dies
(``PR_SET_PDEATHSIG``): the forkserver when the bot dies, a worker when the forkserver dies.
Elsewhere this does nothing.

The forkserver arms itself by importing ``watchers.forkserver_preload`` at its start; workers
call ``die_with_parent`` from their initializer. The bot itself never calls it: it may well
outlive the shell that started it.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys

__all__ = ["PARENT_VARIABLE", "die_with_parent", "expect_parent"]

PARENT_VARIABLE = "NEWSALERT_HELPER_PARENT"
"""The environment variable that tells a helper which process it must not outlive."""

_PR_SET_PDEATHSIG = 1


def expect_parent() -> None:
    """Tell the helpers this process starts from now on that it is their parent."""
    os.environ[PARENT_VARIABLE] = str(os.getpid())


def die_with_parent() -> None:
    """Have the kernel kill this process when its parent ends (Linux only); exit at once when
    the expected parent has already gone (it died while this process was starting)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    expected = os.environ.get(PARENT_VARIABLE, "")
    if expected.isdigit() and os.getppid() != int(expected):
        os._exit(1)
