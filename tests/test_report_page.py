"""The status site's report page in headless chromium: what the desk marked not relevant and the
suggestions, for admins only, on a bot whose store holds alerts raised by the real matcher."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.app import App
from bot.config import load_config
from bot.storage import SQLiteStore
from bot.web.server import WebServer
from tests.test_report import desk_config, fill_desk
from tests.test_web_browser import browser, fresh, in_browser, log_in, submit  # noqa: F401
from tests.webbot import ADMIN_TOKEN, VIEWER_TOKEN, WEB_WITH_TOKENS


@asynccontextmanager
async def desk_site(write_config: Callable[[str], Path], tmp_path: Path) -> AsyncIterator[str]:
    """A bot with the desk's alerts and marks in its SQLite file, its status site served."""
    path = desk_config(write_config, tmp_path / "news.db")
    path.write_text(path.read_text() + WEB_WITH_TOKENS, encoding="utf-8")
    config = load_config(path)
    store = SQLiteStore.open(config.bot.database, writer=True)
    fill_desk(store, path, time.time() - 7200)
    server = WebServer(App(config, store, adapters={}))
    try:
        await server.start()
        yield f"http://127.0.0.1:{server.port}"
    finally:
        await server.stop()
        store.close()


async def test_an_admin_reads_the_marks_and_the_suggestions(write_config, tmp_path,
                                                            fresh) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By
    async with desk_site(write_config, tmp_path) as url:
        def read() -> dict[str, Any]:
            log_in(fresh, url, ADMIN_TOKEN)
            submit(fresh, "nav a[href='/report']")
            topic = fresh.find_element(By.CSS_SELECTOR, "article[data-topic=shootings]")
            rows = topic.find_elements(By.CSS_SELECTOR, "tr.mark")
            items = topic.find_elements(By.CSS_SELECTOR, "li.suggestion")
            losing = topic.find_element(By.CSS_SELECTOR, "li.suggestion.loses")
            return {
                "topics": [a.get_attribute("data-topic") for a in
                           fresh.find_elements(By.CSS_SELECTOR, "article.topic-report")],
                "marked": [r.find_element(By.TAG_NAME, "a").text for r in rows],
                "mentions": {r.find_element(By.CLASS_NAME, "mentions").text for r in rows},
                "first": items[0].find_element(By.TAG_NAME, "strong").text,
                "first_removed": items[0].find_element(By.CLASS_NAME, "removed").text,
                "first_toml": items[0].find_element(By.CSS_SELECTOR, "pre.toml").text,
                "losing": losing.find_element(By.TAG_NAME, "strong").text,
                "lost": [li.text for li in losing.find_elements(By.CSS_SELECTOR,
                                                                "ul.lost-alerts li")],
                "red": losing.find_element(By.CLASS_NAME, "lost").value_of_css_property("color"),
            }
        seen = await in_browser(read)
    assert seen["topics"] == ["shootings", "leaders"]
    assert seen["marked"] == ["Carr settles it late for United", "City held at home",
                              "Wilson double lifts Albion"]
    assert seen["mentions"] == {"shot"}
    assert seen["first"] == 'add "keeper" to exclude'
    assert seen["first_removed"] == "removes 3 of 3 marked"
    assert seen["first_toml"] == '[topics.shootings]\nexclude = ["keeper"]'
    assert seen["losing"] == 'min_prominence = "headline"'
    assert seen["lost"] == ["Police appeal over attack"]
    assert seen["red"] == "rgba(176, 0, 32, 1)"  # the stylesheet marks what would be lost


async def test_the_report_form_shows_one_topic(write_config, tmp_path, fresh) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    async with desk_site(write_config, tmp_path) as url:
        def one() -> tuple[list[str], str, str]:
            log_in(fresh, url, ADMIN_TOKEN)
            fresh.get(url + "/report")
            Select(fresh.find_element(By.NAME, "topic")).select_by_value("leaders")
            submit(fresh, "#report-form button")
            shown = [a.get_attribute("data-topic") for a in
                     fresh.find_elements(By.CSS_SELECTOR, "article.topic-report")]
            surname = fresh.find_element(By.CSS_SELECTOR, "li.suggestion[data-kind=surname]")
            return shown, surname.find_element(By.TAG_NAME, "strong").text, fresh.current_url
        shown, surname, address = await in_browser(one)
    assert shown == ["leaders"] and surname == "surname = false for Gordon Brown"
    assert address.endswith("/report?days=30&topic=leaders")


async def test_a_viewer_gets_no_report(write_config, tmp_path, fresh) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By
    async with desk_site(write_config, tmp_path) as url:
        def try_report() -> tuple[int, str]:
            log_in(fresh, url, VIEWER_TOKEN)
            links = len(fresh.find_elements(By.LINK_TEXT, "Report"))
            fresh.get(url + "/report")
            return links, fresh.find_element(By.TAG_NAME, "body").text
        links, body = await in_browser(try_report)
    assert links == 0 and "the report is for admins" in body


async def test_the_report_over_http_names_a_bad_topic_and_keeps_to_admins(write_config,
                                                                         tmp_path) -> None:
    import aiohttp
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    async with desk_site(write_config, tmp_path) as url, aiohttp.ClientSession() as http:
        async with http.get(f"{url}/report?topic=sport", headers=admin) as r:
            assert r.status == 400
            assert "topic 'sport' is not in" in await r.text()
        async with http.get(f"{url}/report?days=soon", headers=admin) as r:
            page = await r.text()
            assert r.status == 200 and "in the last 30 days" in page
            assert 'data-topic="shootings"' in page and 'data-topic="leaders"' in page
        async with http.get(f"{url}/report?days=0.01", headers=admin) as r:
            assert "No alert was marked not relevant in the last 0.01 days" in await r.text()
        async with http.get(f"{url}/report",
                            headers={"Authorization": f"Bearer {VIEWER_TOKEN}"}) as r:
            assert r.status == 403
