"""doccano's own annotation page in a real browser (Debian's chromium + chromedriver, headless),
driven as a student following the generated guideline: delete a suggestion (right-click its
label), tag with the key pressed first and then a mouse selection, mark the article done. Pull
must show exactly that. Selecting first and pressing the key afterwards must tag nothing: that
is why the guideline gives the key-first order."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from toolkit.corpus import Document, read_jsonl, write_jsonl
from toolkit.doccano.members import add_members, read_passwords
from toolkit.doccano.project import setup_project
from toolkit.doccano.pull import pull
from toolkit.doccano.push import push
from toolkit.doccano.suggestions import Audience
from toolkit.review import review_of
from toolkit.spans import Span

CHROMEDRIVER = "/usr/bin/chromedriver"
TEXT = ("新型电池“三天充满一个月”？\n\n一位不愿透露姓名的电池厂高管透露，这种新电池的寿命是现有产品的十倍。"
        "有业内人士指出，这项技术将彻底改变整个行业。\n")
ANON = (TEXT.index("一位"), TEXT.index("一位") + 14)
EXAG = (TEXT.index("这项技术"), TEXT.index("行业") + 2)
VAGUE = (TEXT.index("有业内"), TEXT.index("行业") + 2)
HEADLINE = (0, 14)
SUGGESTED = [Span(*HEADLINE, "RHETORICAL_QUESTION"), Span(*VAGUE, "VAGUE_ATTRIBUTION"),
             Span(*EXAG, "EXAGGERATION")]


@pytest.fixture(scope="module")
def browser():
    """A headless chromium; a clear failure (not a skip) when the system step did not install it."""
    if shutil.which("chromium") is None or not os.path.exists(CHROMEDRIVER):
        pytest.fail("the browser test needs Debian's chromium and chromium-driver: run `make test` "
                    "(it installs them as root) or `sudo apt-get install chromium chromium-driver`")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
                     "--disable-dev-shm-usage", "--no-proxy-server"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def wait_for(find, seconds: float = 30.0):
    """Poll until `find()` returns something true; fail with the last error."""
    deadline, last = time.monotonic() + seconds, None
    while time.monotonic() < deadline:
        try:
            found = find()
            if found:
                return found
        except Exception as exc:  # the page is still rendering  # noqa: BLE001
            last = exc
        time.sleep(0.25)
    raise AssertionError(f"gave up waiting: {last}")


def open_annotation_page(driver, url: str, username: str, password: str, project_id: int,
                         project_name: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(f"{url}/auth")
    wait_for(lambda: driver.find_element(By.NAME, "username")).send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(password)
    wait_for(lambda: [b for b in driver.find_elements(By.TAG_NAME, "button")
                      if b.text == "Login"])[0].click()
    wait_for(lambda: "/projects" in driver.current_url and "auth" not in driver.current_url)
    # opening /projects/N/sequence-labeling directly shows a blank page in doccano 1.8.4:
    # go through the project page's button, as a student does
    driver.get(f"{url}/projects/{project_id}")
    # the button's link needs the project's type, loaded a moment after the page: wait for the
    # project's name in the app bar (clicking earlier leads to /projects/N/undefined)
    wait_for(lambda: project_name in driver.find_element(By.TAG_NAME, "header").text)
    time.sleep(1)
    wait_for(lambda: [b for b in driver.find_elements(By.TAG_NAME, "button")
                      if "Start Annotation" in b.text])[0].click()
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "svg text[id]"))


def label_under_text(driver, text: str):
    from selenium.webdriver.common.by import By

    return wait_for(lambda: [t for t in driver.find_elements(By.CSS_SELECTOR, "svg text")
                             if t.text.strip() == text])[0]


def select(driver, start: int, end: int) -> None:
    """Drag the mouse over characters [start, end) of the article, the way a student selects."""
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.by import By

    lines = driver.find_elements(By.CSS_SELECTOR, "svg text[id]")
    line = next(el for el in lines if ":" in el.get_attribute("id") and
                int(el.get_attribute("id").split(":")[0]) <= start
                < int(el.get_attribute("id").split(":")[1]))
    first = int(line.get_attribute("id").split(":")[0])

    def point(index: int, at_end: bool) -> list[float]:
        return driver.execute_script("""
            const t = arguments[0];
            const p = arguments[2] ? t.getEndPositionOfChar(arguments[1])
                                   : t.getStartPositionOfChar(arguments[1]);
            const m = t.getScreenCTM(), b = t.getBBox();
            return [p.x * m.a + m.e, (b.y + b.height / 2) * m.d + m.f];""", line, index, at_end)

    (x0, y0), (x1, y1) = point(start - first, False), point(end - 1 - first, True)
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(int(x0) + 1, int(y0)).pointer_down() \
        .move_to_location(int(x1) - 1, int(y1)).pointer_up()
    actions.perform()


def test_a_student_in_the_browser(browser, doccano_server, admin, catalogue, project_name,
                                  tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    folder = tmp_path / "class"
    write_jsonl(folder / "articles.jsonl", [Document.create(TEXT, doc_id="battery")])
    write_jsonl(folder / "suggestions.jsonl",
                [Document.create(TEXT, SUGGESTED, doc_id="battery")])
    setup_project(admin, project_name, catalogue, language="zh")
    roster = tmp_path / "roster.csv"
    roster.write_text("username\nweb_student\n", encoding="utf-8")
    add_members(admin, project_name, roster, tmp_path / "passwords.csv")
    password = read_passwords(tmp_path / "passwords.csv")["web_student"]
    push(admin, project_name, folder / "articles.jsonl", catalogue,
         folder / "suggestions.jsonl", {"web_student": password}, audience=Audience.STUDENTS)
    project = admin.require_project(project_name)
    shots = Path(os.environ.get("MLT_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)

    open_annotation_page(browser, doccano_server.url, "web_student", password, project.id,
                         project_name)
    # what the student sees: the suggestions drawn, labels in Chinese with their key
    assert label_under_text(browser, "夸大或淡化")
    assert label_under_text(browser, "模糊归因")
    browser.save_screenshot(str(shots / "1-suggestions.png"))

    # the wrong order first: select, then press the key: the menu takes the key, nothing is tagged
    select(browser, *ANON)
    time.sleep(1)
    ActionChains(browser).send_keys("a").perform()
    time.sleep(1)
    browser.save_screenshot(str(shots / "2-select-then-key.png"))
    menu = [e for e in browser.find_elements(By.TAG_NAME, "label") if e.text == "Select a label"]
    assert menu and menu[0].is_displayed()  # the menu that swallowed the key
    ActionChains(browser).send_keys("\ue00c").perform()  # Escape
    ActionChains(browser).move_to_element(
        browser.find_element(By.XPATH, "//*[text()='Progress']")).click().perform()
    wait_for(lambda: not [e for e in browser.find_elements(By.TAG_NAME, "label")
                          if e.text == "Select a label" and e.is_displayed()])
    assert not [t for t in browser.find_elements(By.CSS_SELECTOR, "svg text")
                if t.text.strip() == "匿名信源"]

    # delete a suggestion: right-click its label
    ActionChains(browser).context_click(label_under_text(browser, "夸大或淡化")).perform()
    wait_for(lambda: not [t for t in browser.find_elements(By.CSS_SELECTOR, "svg text")
                          if t.text.strip() == "夸大或淡化"])
    # the guideline's order: the key first (the chip shows ✓), then select
    browser.find_element(By.TAG_NAME, "body").send_keys("a")
    time.sleep(0.5)
    select(browser, *ANON)
    assert label_under_text(browser, "匿名信源")
    # mark the article done: the first toolbar button
    done_button = wait_for(lambda: browser.find_element(
        By.XPATH, "(//main//button[.//*[name()='svg']])[1]"))
    done_button.click()
    time.sleep(2)
    browser.save_screenshot(str(shots / "3-tagged-and-done.png"))

    pull(admin, project_name, folder, catalogue)  # the folder push recorded the suggestions in
    (doc,) = read_jsonl(folder / "web_student.jsonl", catalogue.unknown_label_message)
    review = review_of(doc)
    assert set(doc.spans) == {Span(*HEADLINE, "RHETORICAL_QUESTION"),
                              Span(*VAGUE, "VAGUE_ATTRIBUTION"), Span(*ANON, "ANONYMOUS_SOURCE")}
    assert review.submitted is True
    assert review.kept(doc.spans) == [Span(*HEADLINE, "RHETORICAL_QUESTION"),
                                      Span(*VAGUE, "VAGUE_ATTRIBUTION")]
    assert review.own(doc.spans) == [Span(*ANON, "ANONYMOUS_SOURCE")]
    assert review.deleted(doc.spans) == [Span(*EXAG, "EXAGGERATION")]
