"""The bot as a service is run: `newsalert run` serving its status page, ended by Ctrl-C
with nothing but its own log lines; `newsalert status` failing when something fails."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.config import load_config
from bot.storage import SQLiteStore
from tests.conftest import REPO
from tests.test_cli import newsalert
from tests.test_store import alert, entry


@pytest.fixture
def example(tmp_path: Path) -> Path:
    shutil.copy(REPO / "config.example.toml", tmp_path / "config.toml")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    return tmp_path / "config.toml"


def wait_for(path: Path, pattern: str, proc: subprocess.Popen[bytes],
             timeout: float = 60) -> re.Match[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(pattern, path.read_text(errors="replace"))
        if found:
            return found
        assert proc.poll() is None, path.read_text()
        time.sleep(0.1)
    raise AssertionError(f"no {pattern!r} in {path.read_text()}")


ADMIN_TOKEN = "admin-token-from-the-environment"


def get(url: str, form: dict[str, str] | None = None, token: str | None = None
        ) -> tuple[int, str]:
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(form).encode() if form else None,
        headers={"Authorization": f"Bearer {token}"} if token else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read().decode()


@contextlib.contextmanager
def article_server(folder: Path) -> Iterator[str]:
    """A web page with an article, served from another thread; yields its URL."""
    (folder / "article.html").write_text(
        "<html><head><title>Court upholds the warrant</title></head><body><article><p>The "
        "International Criminal Court upheld the arrest warrant for Yoav Gallant on war "
        "crimes charges, judges said on Monday in The Hague.</p></article></body></html>")
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/article.html"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_run_serves_the_status_page_and_ctrl_c_ends_it_quietly(example: Path) -> None:
    example.write_text(example.read_text()
                       .replace("# parse_workers = 2 ", "parse_workers = 2 ")
                       .replace('# listen = "127.0.0.1:8080"', 'listen = "127.0.0.1:0"')
                       .replace("# admin_token = ", "admin_token = ")
                       .replace("# allow_hosts = ", "allow_hosts = "))
    stderr = example.parent / "stderr.txt"
    env = {**os.environ, "PYTHONPATH": str(REPO), "NEWSALERT_WEB_ADMIN_TOKEN": ADMIN_TOKEN}
    with stderr.open("wb") as err:
        # Its own session, like a terminal's foreground job: Ctrl-C reaches every process
        # of the group, the parse workers too.
        proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "run", "--config",
                                 str(example)], cwd=example.parent, env=env,
                                stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        try:
            port = wait_for(stderr, r"event=web\.started host=127\.0\.0\.1 port=(\d+)",
                            proc).group(1)
            wait_for(stderr, r"event=delivery\.sent .* alert=3", proc)
            base = f"http://127.0.0.1:{port}"
            assert get(f"{base}/healthz") == (200, "ok\n")
            assert get(f"{base}/readyz") == (200, "database: ok\nconsole: ok\n")
            status, page = get(f"{base}/", token=ADMIN_TOKEN)
            assert status == 200 and 'data-feed="world-wire"' in page
            # A preview of a URL is fetched through the running bot's guarded fetcher.
            with article_server(example.parent) as article:
                status, page = get(f"{base}/preview", {"text": article}, ADMIN_TOKEN)
            assert status == 200 and "This is the alert it would post" in page
            assert "Court upholds the warrant" in page and "Matched icc" in page
            _, metrics = get(f"{base}/metrics", token=ADMIN_TOKEN)
            polls = {s.labels["outcome"]: s.value
                     for f in text_string_to_metric_families(metrics) for s in f.samples
                     if s.name == "newsalert_polls_total"}
            assert polls == {"ok": 2.0}
            assert (example.parent / "newsalert.db.lock").exists()
            os.killpg(proc.pid, signal.SIGINT)
            assert proc.wait(timeout=30) == 0
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    log = stderr.read_text()
    assert "event=bot.stopped" in log
    assert "Traceback" not in log and "KeyboardInterrupt" not in log
    assert not (example.parent / "newsalert.db.lock").exists()


def test_status_fails_while_a_feed_fails(example: Path) -> None:
    example.write_text(example.read_text().replace('path = "examples/feeds/world.xml"',
                                                   'path = "examples/feeds/gone.xml"'))
    newsalert("run", "--once", "--config", str(example), cwd=example.parent)
    assert not (example.parent / "newsalert.db.lock").exists()  # removed on a clean exit
    result = newsalert("status", "--config", str(example), cwd=example.parent)
    assert result.returncode == 1
    assert "world-wire: last poll" in result.stdout and "FAILING x1" in result.stdout
    assert result.stderr.strip() == "newsalert: failing: world-wire"


def test_status_fails_while_a_channel_fails_and_recovers_with_it(example: Path) -> None:
    newsalert("run", "--once", "--config", str(example), cwd=example.parent)
    assert newsalert("status", "--config", str(example), cwd=example.parent).returncode == 0
    store = SQLiteStore.open(load_config(example).bot.database)
    store.commit_entries("wire", [entry(1), entry(2)], [(alert(1), ["slack:C1"])], time.time())
    failed, = store.due_deliveries(time.time(), ["slack"])
    store.mark_failed(failed.id, "channel_not_found")
    result = newsalert("status", "--config", str(example), cwd=example.parent)
    assert result.returncode == 1
    assert result.stderr.strip() == "newsalert: failing: slack:C1"
    # A later post that goes through ends the failure.
    store.commit_entries("wire", [entry(3)], [(alert(3), ["slack:C1"])], time.time())
    later, = store.due_deliveries(time.time(), ["slack"])
    store.mark_sent(later.id, "ts", time.time())
    store.close()
    assert newsalert("status", "--config", str(example), cwd=example.parent).returncode == 0
