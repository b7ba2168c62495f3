"""A real browser for the GUI's end-to-end tests: Debian's headless Chromium under selenium.

``Browser`` drives one Chromium (``--headless=new --no-sandbox``, certificate errors accepted
since the appliance starts with its Demo certificate) the way a trainee does: menus are opened by
hovering, fields typed into, files chosen in file inputs, buttons clicked; downloads land in a
directory of the test's.  ``shot(name)`` saves a screenshot for ``docs/lab-gui.md``.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Optional

import pytest

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.expected_conditions import (  # noqa: E402
    presence_of_element_located, staleness_of)
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "lab-gui-images"


class Browser:
    def __init__(self, downloads: Path, images: Optional[Path] = None):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                         "--window-size=1200,860", "--disable-dev-shm-usage"):
            options.add_argument(argument)
        options.accept_insecure_certs = True
        options.add_experimental_option("prefs", {
            "download.default_directory": str(downloads), "download.prompt_for_download": False,
            "safebrowsing.enabled": False})
        self.driver = webdriver.Chrome(service=Service(DRIVER), options=options)
        self.downloads, self.images = downloads, images
        self.base = ""

    def close(self) -> None:
        self.driver.quit()

    # -- what a trainee does ---------------------------------------------------------------------
    def open(self, path: str) -> None:
        self.driver.get(self.base + path)

    def menu(self, top: str, page: str) -> None:
        """Hover over a top menu, then click one of its pages."""
        menu = self.driver.find_element(By.XPATH, f"//nav//li[span[normalize-space()='{top}']]")
        ActionChains(self.driver).move_to_element(menu).perform()
        self._navigate(lambda: menu.find_element(By.LINK_TEXT, page))

    def type(self, field: str, text: str) -> None:
        def typing() -> None:
            element = self._element(field)
            element.clear()
            element.send_keys(text)
        self._settled(typing)

    def _element(self, element_id: str):
        """The element once the page has it (a loaded machine may still be parsing)."""
        return WebDriverWait(self.driver, 15).until(
            presence_of_element_located((By.ID, element_id)))

    def _settled(self, action) -> None:
        """Run ``action`` on the current page; when a navigation still in flight (a redirect
        after the last click) replaces the page under it, wait for the new one and run it again."""
        for attempt in range(3):
            try:
                return action()
            except WebDriverException as error:
                stale = isinstance(error, StaleElementReferenceException) \
                    or "does not belong to the document" in str(error)
                if not stale or attempt == 2:
                    raise
                WebDriverWait(self.driver, 30).until(
                    lambda driver: driver.execute_script("return document.readyState") == "complete")

    def choose(self, field: str, visible_text: str) -> None:
        Select(self.driver.find_element(By.ID, field)).select_by_visible_text(visible_text)

    def upload(self, field: str, path: Path) -> None:
        self.driver.find_element(By.ID, field).send_keys(str(path))

    def click(self, element_id: str) -> None:
        """Click a link or button that loads a page; returns once the new page is there."""
        self._navigate(lambda: self._element(element_id))

    def link(self, text: str) -> None:
        """Click the link that reads ``text`` (and wait for its page)."""
        self._navigate(lambda: self.driver.find_element(By.LINK_TEXT, text))

    def download(self, element_id: str) -> None:
        """Click a link whose answer is a download (the page stays)."""
        self.driver.find_element(By.ID, element_id).click()

    def _navigate(self, find) -> None:
        """Click what ``find`` returns and wait for the page the click loads.  Only a click that
        did not happen (its page was replaced under it) is tried again: once it happened, a
        second one would act on the next page."""
        clicked: list = []

        def press() -> None:
            element = find()
            page = self.driver.find_element(By.TAG_NAME, "html")
            element.click()
            clicked.append(page)
        self._settled(press)
        wait = WebDriverWait(self.driver, 30, ignored_exceptions=(WebDriverException,))
        wait.until(staleness_of(clicked[0]))
        wait.until(lambda driver: driver.execute_script("return document.readyState") == "complete")

    def check(self, field: str, on: bool = True) -> None:
        box = self.driver.find_element(By.ID, field)
        if box.is_selected() != on:
            box.click()

    # -- what the test reads -----------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "main").text

    @property
    def heading(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def field_error(self, field: str) -> str:
        found = self.driver.find_elements(By.ID, f"error-{field}")
        return found[0].text if found else ""

    def notice(self) -> str:
        found = self.driver.find_elements(By.ID, "notice")
        return found[0].text if found else ""

    def commit_link(self) -> str:
        return self.driver.find_element(By.ID, "commit-link").text

    def downloaded(self, name: str, timeout: float = 10) -> Path:
        path = self.downloads / name
        deadline = time.monotonic() + timeout
        while not path.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert path.exists(), list(self.downloads.iterdir())
        return path

    def shot(self, name: str) -> None:
        if self.images is not None:
            self.images.mkdir(parents=True, exist_ok=True)
            self.driver.save_screenshot(str(self.images / f"{name}.png"))

    def commit(self, comment: str, shot: Optional[str] = None) -> None:
        """The top right Commit Changes, a comment, Commit Changes."""
        self.click("commit-link")
        self.type("comment", comment)
        if shot:
            self.shot(shot)
        self.click("commit")
        assert self.notice() == "Your changes have been committed.", self.text


def available() -> bool:
    return CHROMIUM is not None and DRIVER is not None
