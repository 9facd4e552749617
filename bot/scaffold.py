"""``newsalert init``: a starter config.toml, and the sample feeds it polls, from the files
shipped inside the package (``bot/starter`` links to the repository's ``config.example.toml`` and
``examples/``, so there is one copy to keep up to date; a wheel carries the files themselves)."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from bot.errors import NewsAlertError

__all__ = ["starter_files", "write_starter"]


def starter_files() -> dict[str, Traversable]:
    """Relative path (as the example config names it) -> the packaged file."""
    root = files("bot") / "starter"
    found = {"config.toml": root / "config.example.toml"}
    feeds = root / "examples" / "feeds"
    found.update({f"examples/feeds/{f.name}": f for f in sorted(
        feeds.iterdir(), key=lambda f: f.name) if f.name.endswith(".xml")})
    return found


def write_starter(config: Path, force: bool = False) -> list[Path]:
    """Write the starter config at ``config`` and the sample feeds beside it; return what was
    written. An existing config is kept unless ``force``; existing sample feeds are kept."""
    if config.exists() and not force:
        raise NewsAlertError(f"{config} already exists; give another --config path, or "
                             "--force to overwrite it")
    written = []
    for relative, source in starter_files().items():
        target = config if relative == "config.toml" else config.parent / relative
        if target != config and target.exists():
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
        except OSError as exc:
            raise NewsAlertError(f"cannot write {target}: {exc.strerror or exc}") from None
        written.append(target)
    return written
