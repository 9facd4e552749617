"""The status page's server over real HTTP: who may see what, the health checks, /metrics
read back with the Prometheus client's own parser, the preview form's CSRF check, and logs
that never carry a token or what was posted."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import replace
from datetime import UTC, datetime

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families
from yarl import URL

from adapters.discord_adapter import DiscordAdapter
from bot.config import DiscordSettings, load_config
from bot.errors import ConfigError
from bot.web.views import chart_bars
from tests.test_store import alert, entry
from tests.webbot import ADMIN_TOKEN, VIEWER_TOKEN, status_site, write_status_config

PREVIEW_TEXT = ("ICC judges weigh a new arrest warrant\n"
                "The International Criminal Court said an arrest warrant for Yoav Gallant "
                "stands, a ruling on war crimes charges.")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def browser_like() -> aiohttp.ClientSession:
    """A client that keeps cookies of a numeric host (127.0.0.1), as browsers do."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def login(session: aiohttp.ClientSession, url: str, token: str) -> str:
    """Log in on the form; return the CSRF token of the session's preview form."""
    async with session.post(f"{url}/login", data={"token": token, "next": "/"}) as r:
        assert r.status == 200 and r.url.path == "/"
    async with session.get(f"{url}/preview") as r:
        page = await r.text()
        found = re.search(r'name="csrf" value="([^"]+)"', page)
        return found.group(1) if found else ""


async def test_probes_answer_without_a_token_and_say_nothing_else(tmp_path) -> None:
    async with status_site(tmp_path) as site, aiohttp.ClientSession() as http:
        async with http.get(f"{site.url}/healthz") as r:
            assert (r.status, await r.text()) == (200, "ok\n")
        async with http.get(f"{site.url}/readyz") as r:
            assert r.status == 200
            assert await r.text() == "database: ok\nconsole: ok\n"


async def test_readyz_fails_when_an_adapter_is_not_connected_or_the_database_is_gone(
        tmp_path) -> None:
    async with status_site(tmp_path) as site, aiohttp.ClientSession() as http:
        site.app.adapters["discord"] = DiscordAdapter(DiscordSettings(enabled=True, token="x"))
        async with http.get(f"{site.url}/readyz") as r:
            assert r.status == 503
            assert "discord: not ready" in await r.text()
        del site.app.adapters["discord"]
        site.app.store.db.conn.close()
        async with http.get(f"{site.url}/readyz") as r:
            assert r.status == 503
            assert (await r.text()).startswith("database: not ready")


@pytest.mark.parametrize("path", ["/", "/preview", "/metrics"])
async def test_a_request_without_the_token_is_refused(tmp_path, path) -> None:
    async with status_site(tmp_path) as site, aiohttp.ClientSession() as http:
        async with http.get(site.url + path) as r:
            body = await r.text()
            assert r.status == 401
            assert "world-wire" not in body and "newsalert_alerts" not in body
        async with http.get(site.url + path, headers=bearer("not-the-token-at-all")) as r:
            assert r.status == 401
        async with http.post(f"{site.url}/preview", data={"text": PREVIEW_TEXT}) as r:
            assert r.status == 401


async def test_the_status_page_shows_feeds_channels_topics_and_why_alerts_matched(
        tmp_path) -> None:
    async with status_site(tmp_path) as site, aiohttp.ClientSession() as http, \
            http.get(site.url + "/", headers=bearer(VIEWER_TOKEN)) as r:
        assert r.status == 200
        assert "default-src 'none'" in r.headers["Content-Security-Policy"]
        page = await r.text()
    feeds = dict(re.findall(r'data-feed="([^"]+)">.*?<td class="state">([^<]+)', page, re.S))
    assert feeds == {"world-wire": "ok", "archive-stemmed": "ok", "gone": "failing ×1",
                     "second-desk": "ok"}
    assert "No such file or directory" in page
    assert re.search(r'data-channel="console:desk">\s*<td>console:desk</td><td>4</td>', page)
    # Why the ICC story matched, and its second telling as a reply in its thread.
    assert "person Benjamin Netanyahu" in page
    assert "in the thread of alert #" in page
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    assert f'data-day="{today}" data-hits="3"' in page  # icc: two stories, one follow-up


async def test_metrics_parse_with_the_prometheus_parser_and_count_what_happened(
        tmp_path) -> None:
    async with status_site(tmp_path) as site, aiohttp.ClientSession() as http:
        async with http.get(f"{site.url}/metrics", headers=bearer(VIEWER_TOKEN)) as r:
            assert r.status == 200
            assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
            text = await r.text()
        alerts = site.app.store.totals()["alerts"]
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
               for family in text_string_to_metric_families(text) for s in family.samples}
    assert samples[("newsalert_polls_total", (("outcome", "ok"),))] == 3
    assert samples[("newsalert_polls_total", (("outcome", "failed"),))] == 1
    assert samples[("newsalert_poll_seconds_count", ())] == 4
    assert samples[("newsalert_alerts_total", ())] == alerts == 4
    assert samples[("newsalert_entries_total", ())] == 8
    assert samples[("newsalert_deliveries_total",
                    (("outcome", "sent"), ("platform", "console")))] == 4
    assert samples[("newsalert_outbox_depth", (("platform", "console"),))] == 0
    assert samples[("newsalert_feeds", (("state", "failing"),))] == 1
    assert samples[("newsalert_entry_to_post_seconds_count", ())] == 4


async def test_the_preview_needs_an_admin_and_the_sessions_csrf_token(tmp_path, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    async with status_site(tmp_path) as site:
        async with browser_like() as viewer:
            await login(viewer, site.url, VIEWER_TOKEN)
            async with viewer.post(f"{site.url}/preview", data={"text": PREVIEW_TEXT}) as r:
                assert r.status == 403
        async with browser_like() as admin:
            csrf = await login(admin, site.url, ADMIN_TOKEN)
            assert len(csrf) > 20
            for bad in ({}, {"csrf": "forged"}):
                async with admin.post(f"{site.url}/preview",
                                      data={"text": PREVIEW_TEXT, **bad}) as r:
                    assert r.status == 403
                    assert "CSRF" in await r.text()
            async with admin.post(f"{site.url}/preview",
                                  data={"text": PREVIEW_TEXT, "csrf": csrf}) as r:
                assert r.status == 200
                page = await r.text()
    assert "This is the alert it would post" in page
    assert "Yoav Gallant" in page and "icc" in page
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "event=web.login role=admin" in logged
    for secret in (ADMIN_TOKEN, VIEWER_TOKEN, csrf, "weigh a new arrest warrant"):
        assert secret not in logged


async def test_feed_text_on_the_page_is_inert(tmp_path) -> None:
    hostile = replace(alert(9), title='<img src=x onerror="alert(1)">Warrant',
                      url="javascript:alert(2)", source="<b>Wire</b>")
    async with status_site(tmp_path) as site, aiohttp.ClientSession() as http:
        site.app.store.commit_entries("wire", [entry(9)], [(hostile, ["console:desk"])],
                                      time.time())
        async with http.get(site.url + "/", headers=bearer(VIEWER_TOKEN)) as r:
            page = await r.text()
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;Warrant" in page
    assert "<img" not in page and "<b>Wire" not in page
    assert 'href="javascript:' not in page


async def test_a_wrong_token_on_the_form_is_refused_and_not_logged(tmp_path, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    async with status_site(tmp_path) as site, aiohttp.ClientSession() as http:
        async with http.post(f"{site.url}/login", data={"token": "guess-0123456789abcdef"}) as r:
            assert r.status == 401
            assert "not valid" in await r.text()
        async with http.get(f"{site.url}/") as r:
            assert r.status == 401
    assert "event=web.login_refused" in caplog.text
    assert "guess-0123456789abcdef" not in caplog.text


async def test_logging_out_ends_the_session(tmp_path) -> None:
    async with status_site(tmp_path) as site, browser_like() as http:
        csrf = await login(http, site.url, ADMIN_TOKEN)
        cookie = http.cookie_jar.filter_cookies(URL(site.url))["newsalert_session"].value
        async with http.post(f"{site.url}/logout", data={"csrf": csrf}) as r:
            assert r.url.path == "/login"
        async with http.get(f"{site.url}/") as r:
            assert r.status == 401
        # The old cookie is no good either, whoever kept it.
        async with aiohttp.ClientSession(cookies={"newsalert_session": cookie}) as other, \
                other.get(f"{site.url}/") as r:
            assert r.status == 401


async def test_the_login_only_sends_back_to_a_page_of_this_server(tmp_path) -> None:
    async with status_site(tmp_path) as site, aiohttp.ClientSession() as http:
        for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
            async with http.post(f"{site.url}/login", allow_redirects=False,
                                 data={"token": VIEWER_TOKEN, "next": target}) as r:
                assert (r.status, r.headers["Location"]) == (303, "/")


async def test_on_loopback_without_tokens_the_pages_are_open_but_the_preview_is_off(
        tmp_path) -> None:
    async with status_site(tmp_path, web='[web]\nlisten = "127.0.0.1:0"\n') as site, \
            aiohttp.ClientSession() as http:
        async with http.get(site.url + "/") as r:
            assert r.status == 200 and "world-wire" in await r.text()
        async with http.get(site.url + "/preview") as r:
            assert r.status == 403 and "admin_token" in await r.text()


@pytest.mark.parametrize("web, problem", [
    ('listen = "0.0.0.0:8080"', "0.0.0.0 is not a loopback address: set web.token"),
    ('listen = "[::]:8080"\ntoken = "${WEB_TOKEN}"', "environment variable WEB_TOKEN is not set"),
    ('listen = "192.168.1.5:8080"\ntoken = "short"', "web.token: must be at least 16"),
    ('listen = "localhost"', "expected \"host:port\""),
    ('listen = "127.0.0.1:70000"', "expected \"host:port\""),
])
def test_web_settings_that_would_expose_the_pages_are_refused(tmp_path, web, problem) -> None:
    with pytest.raises(ConfigError) as error:
        load_config(write_status_config(tmp_path, f"[web]\n{web}\n"), environ={})
    assert problem in str(error.value)


@pytest.mark.parametrize("listen, host", [("127.0.0.1:8080", "127.0.0.1"),
                                          ("[::1]:9000", "::1"), ("localhost:1", "localhost")])
def test_loopback_addresses_need_no_token(tmp_path, listen, host) -> None:
    config = load_config(write_status_config(tmp_path, f'[web]\nlisten = "{listen}"\n'))
    assert config.web.host == host and config.web.enabled


def test_the_web_server_is_off_unless_listen_is_given(tmp_path) -> None:
    assert not load_config(write_status_config(tmp_path, "")).web.enabled


def test_chart_bars_end_today_and_scale_to_the_busiest_day() -> None:
    today = datetime(2026, 3, 14, 15, 0, tzinfo=UTC)
    bars = chart_bars({"2026-03-14": 4, "2026-03-13": 1, "2026-02-01": 99}, today, days=3,
                      width=30, height=20)
    assert [(b.day, b.hits, b.height) for b in bars] == [
        ("2026-03-12", 0, 0.0), ("2026-03-13", 1, 5.0), ("2026-03-14", 4, 20.0)]
    assert [b.x for b in bars] == [1, 11, 21] and bars[2].y == 0.0
    tiny = chart_bars({"2026-03-13": 1, "2026-03-14": 500}, today, days=2, height=20)
    assert tiny[0].height == 1.0  # a day with hits never looks empty


async def test_a_paused_feed_is_shown_with_how_to_resume_it(tmp_path) -> None:
    async with status_site(tmp_path) as site, aiohttp.ClientSession() as http:
        store = site.app.store
        with store.db.atomic():  # as a poll does once the feed failed for bot.pause_after
            store.db.execute("UPDATE feeds SET paused_at = ? WHERE feed_id = 'gone'",
                             [time.time() - 7200])
        async with http.get(site.url + "/", headers=bearer(VIEWER_TOKEN)) as r:
            page = await r.text()
        assert re.search(r'data-feed="gone">.*?paused 2\.0h ago; <code>/news resume gone'
                         r'</code>', page, re.S), page[page.index('data-feed="gone"'):][:400]
        store.resume_feed("gone", time.time())
        async with http.get(site.url + "/", headers=bearer(VIEWER_TOKEN)) as r:
            assert "/news resume gone" not in await r.text()
