"""Per-topic precision on the status page: what the channels marked with the buttons under
their alerts, over real HTTP and in a real headless browser."""

from __future__ import annotations

import re
import time
from typing import Any

import aiohttp

from bot.storage.records import FeedbackMark
from tests.test_web_browser import browser, fresh, in_browser, log_in  # noqa: F401 - fixtures
from tests.webbot import VIEWER_TOKEN, Site, status_site


def mark_first_icc_alert(site: Site) -> None:
    """A reader of the desk marks one ICC alert not relevant, and mutes its story."""
    store = site.app.store
    article = next(a for a in store.stored_articles(topic="icc"))
    now = time.time()
    for kind in ("not_relevant", "mute"):
        store.record_feedback(FeedbackMark(article.alert_id, "console:desk", "icc", kind, "U1",
                                           now, ("Netanyahu",), article.story_id))


async def test_the_status_page_shows_each_topics_marks_and_precision(tmp_path) -> None:
    async with status_site(tmp_path) as site, aiohttp.ClientSession() as http:
        mark_first_icc_alert(site)
        async with http.get(site.url + "/", headers={
                "Authorization": f"Bearer {VIEWER_TOKEN}"}) as r:
            page = await r.text()
    rows = dict(re.findall(
        r'<tr class="precision" data-topic="([^"]+)">\s*<td>[^<]+</td>(.*?)</tr>', page, re.S))
    cells = {topic: re.findall(r"<td[^>]*>([^<]*)</td>", row) for topic, row in rows.items()}
    # The samples post two ICC stories and a reply in one of them, and one court ruling.
    assert cells == {"icc": ["3", "1", "1", "67%"], "courts": ["1", "0", "0", "100%"]}
    assert "What the channels said, last 7 days" in page


async def test_the_precision_table_shows_in_a_browser(tmp_path, fresh) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By
    async with status_site(tmp_path) as site:
        mark_first_icc_alert(site)

        def look() -> dict[str, Any]:
            log_in(fresh, site.url, VIEWER_TOKEN)
            return {row.get_attribute("data-topic"): row.text
                    for row in fresh.find_elements(By.CSS_SELECTOR, "#precision tr.precision")}
        seen = await in_browser(look)
    assert seen == {"icc": "icc 3 1 1 67%", "courts": "courts 1 0 0 100%"}
