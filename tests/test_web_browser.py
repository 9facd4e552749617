"""The status page in a real headless browser (Debian's chromium, driven by Selenium through
chromium-driver): the login, the pages, the hits chart as drawn, the preview form and its
CSRF check. `.ci/run` installs the browser; elsewhere the tests skip when it is missing."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.webbot import ADMIN_TOKEN, VIEWER_TOKEN, status_site

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (CHROMIUM and DRIVER):
        reason = ("no chromium and chromium-driver installed (Debian: apt-get install chromium "
                  "chromium-driver)")
        if os.environ.get("CI"):
            pytest.fail(reason + "; .ci/run installs them")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory(prefix="newsalert-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in (*FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(DRIVER), options=options)
        driver.set_page_load_timeout(30)
        try:
            yield driver
        finally:
            driver.quit()


@pytest.fixture
def fresh(browser: Any) -> Any:
    """The browser with no session cookie left from an earlier test."""
    browser.delete_all_cookies()
    return browser


async def in_browser(step: Callable[[], Any]) -> Any:
    """Run a blocking browser step while the event loop goes on serving the page."""
    return await asyncio.to_thread(step)


def submit(driver: Any, selector: str) -> None:
    """Click a button or a link and wait for the page it leads to: until the clicked element
    belongs to no document any more. Chromium says so as a stale element or, while the new
    page replaces the old, as a node that "does not belong to the document"."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait
    button = driver.find_element(By.CSS_SELECTOR, selector)
    button.click()

    def gone(_driver: Any) -> bool:
        try:
            button.is_enabled()
        except WebDriverException:
            return True
        return False
    WebDriverWait(driver, 20).until(gone)
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def log_in(driver: Any, url: str, token: str) -> None:
    from selenium.webdriver.common.by import By
    driver.get(url + "/")
    driver.find_element(By.ID, "token").send_keys(token)
    submit(driver, "#login-form button")


async def test_an_unauthenticated_visit_gets_the_login_form_not_the_status(tmp_path,
                                                                            fresh) -> None:
    from selenium.webdriver.common.by import By
    async with status_site(tmp_path) as site:
        def visit() -> tuple[int, int, str]:
            fresh.get(site.url + "/")
            return (len(fresh.find_elements(By.ID, "login-form")),
                    len(fresh.find_elements(By.ID, "feeds")), fresh.page_source)
        forms, feeds, source = await in_browser(visit)
        assert (forms, feeds) == (1, 0)
        assert "world-wire" not in source

        def wrong() -> str:
            log_in(fresh, site.url, "wrong-token-0123456789")
            return fresh.find_element(By.ID, "login-error").text
        assert await in_browser(wrong) == "That token is not valid."


async def test_the_status_page_loads_and_its_chart_draws(tmp_path, fresh) -> None:
    from selenium.webdriver.common.by import By
    async with status_site(tmp_path) as site:
        def look() -> dict[str, Any]:
            log_in(fresh, site.url, VIEWER_TOKEN)
            feeds = {row.get_attribute("data-feed"): row.find_element(
                By.CLASS_NAME, "state").text for row in fresh.find_elements(By.CSS_SELECTOR,
                                                                            "tr.feed")}
            bars = {}
            for topic in fresh.find_elements(By.CSS_SELECTOR, "#topics li"):
                rects = topic.find_elements(By.TAG_NAME, "rect")
                # The height the browser drew, in CSS pixels, per day with hits.
                drawn = [(int(r.get_attribute("data-hits")), r.rect["height"])
                         for r in rects]
                bars[topic.get_attribute("data-topic")] = (len(rects), drawn)
            styles = fresh.execute_script(
                "return getComputedStyle(document.querySelector('svg.hits rect')).fill")
            return {"title": fresh.title, "feeds": feeds, "bars": bars, "fill": styles,
                    "alerts": len(fresh.find_elements(By.CSS_SELECTOR, "article.alert"))}
        seen = await in_browser(look)
    assert seen["title"] == "newsalert"
    assert seen["feeds"] == {"world-wire": "ok", "archive-stemmed": "ok",
                             "gone": "failing ×1\nwaiting until the next poll (backoff)",
                             "second-desk": "ok"}
    assert seen["alerts"] == 4
    assert seen["fill"] == "rgb(47, 111, 174)"  # the stylesheet loaded under the CSP
    for topic, hits in (("icc", 3), ("courts", 1)):
        days, drawn = seen["bars"][topic]
        assert days == 14
        assert [h for h, _ in drawn] == [0] * 13 + [hits]
        assert all(height == 0 for h, height in drawn if h == 0)
        assert drawn[-1][1] == pytest.approx(32, abs=0.5)  # the busiest day fills the chart


async def test_the_preview_form_shows_the_alert_for_an_admin(tmp_path, fresh) -> None:
    from selenium.webdriver.common.by import By
    async with status_site(tmp_path) as site:
        def preview() -> tuple[str, str]:
            log_in(fresh, site.url, ADMIN_TOKEN)
            submit(fresh, "nav a[href='/preview']")
            box = fresh.find_element(By.ID, "preview-text")
            box.send_keys("Court backs arrest warrant\nThe International Criminal Court "
                          "upheld the arrest warrant for Yoav Gallant over war crimes.")
            submit(fresh, "#preview-form button")
            result = fresh.find_element(By.ID, "preview-result")
            return result.find_element(By.CLASS_NAME, "message").text, \
                result.find_element(By.CSS_SELECTOR, "pre.alert").text
        message, alert = await in_browser(preview)
    assert message == "This is the alert it would post:"
    assert "Court backs arrest warrant" in alert
    assert "Matched icc" in alert and "Yoav Gallant" in alert


async def test_a_preview_posted_with_a_forged_csrf_token_is_refused(tmp_path, fresh) -> None:
    from selenium.webdriver.common.by import By
    async with status_site(tmp_path) as site:
        def forge() -> tuple[str, int]:
            log_in(fresh, site.url, ADMIN_TOKEN)
            fresh.get(site.url + "/preview")
            fresh.execute_script(
                "document.querySelector('#preview-form input[name=csrf]').value = 'forged'")
            fresh.find_element(By.ID, "preview-text").send_keys("ICC\nICC news")
            submit(fresh, "#preview-form button")
            return (fresh.find_element(By.TAG_NAME, "body").text,
                    len(fresh.find_elements(By.ID, "preview-result")))
        body, results = await in_browser(forge)
    assert "CSRF token is missing or stale" in body and results == 0


async def test_a_viewer_gets_no_preview(tmp_path, fresh) -> None:
    from selenium.webdriver.common.by import By
    async with status_site(tmp_path) as site:
        def try_preview() -> tuple[int, str]:
            log_in(fresh, site.url, VIEWER_TOKEN)
            links = len(fresh.find_elements(By.LINK_TEXT, "Preview"))
            fresh.get(site.url + "/preview")
            return links, fresh.find_element(By.TAG_NAME, "body").text
        links, body = await in_browser(try_preview)
    assert links == 0 and "the preview is for admins" in body
