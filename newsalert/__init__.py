"""``python -m newsalert``: the ``newsalert`` command, with a clear word on a Python that is too
old. This package is kept importable by old Pythons for that reason (no newer syntax here)."""

import sys

MIN_PYTHON = (3, 11)


def python_problem(version=sys.version_info):
    """Why this Python cannot run newsalert, or None when it can."""
    if tuple(version[:2]) >= MIN_PYTHON:
        return None
    return ("newsalert needs Python {}.{} or later; this is Python {}.{}. Install a newer "
            "Python and make the virtual environment with it (python3.11 -m venv .venv)."
            .format(*MIN_PYTHON, *version[:2]))
