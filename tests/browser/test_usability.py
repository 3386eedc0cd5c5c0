"""What axe cannot check: keyboard use, focus, skip link, language, reflow, text for charts."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCREENSHOTS, crawl

KINDS = [
    "/",
    "/samarbeid/",
    "/samarbeid/barnevern/",
    "/samarbeid/ppt/",
    "/samarbeid/ureining-miljo-tilsyn/",
    "/arshjul/",
    "/kommunar/",
    "/kommunar/4643/",
    "/avtalar/",
    "/avtalar/barnevern-vertskommuneavtale/",
    "/vedtak/",
    "/vedtak/styret-2025-12-09-veteranplan/",
    "/organ/",
    "/organ/sogn-ko-styret/",
    "/tilsette/",
    "/nettverk/",
    "/folketal/",
    "/fordeling/",
    "/rapportar/",
    "/om/",
]

FOCUSABLE = """() => [...document.querySelectorAll(
  'a[href], button, input:not([type=hidden]), select, textarea, summary,'
  + '[tabindex]:not([tabindex="-1"])')].filter(e => !e.disabled && e.getClientRects().length
  && getComputedStyle(e).visibility !== 'hidden')"""
ACTIVE = """() => { const e = document.activeElement; const s = getComputedStyle(e);
  return [e.dataset.kbd ?? null, s.outlineStyle !== 'none' || s.boxShadow !== 'none',
          e.outerHTML.slice(0, 80)] }"""


def keyboard_problems(page, server, path) -> list[str]:
    """What Tab does not reach on a page, and controls that get no visible focus."""
    page.goto(server + path)
    count = page.evaluate(f"({FOCUSABLE})().map((e, i) => e.dataset.kbd = i).length")
    reached, unstyled = set(), []
    for _ in range(count * 4 + 10):  # a date field takes a Tab per part (day, month, year)
        page.keyboard.press("Tab")
        focused = page.evaluate(ACTIVE)
        if len(reached) == count:
            break
        if focused[0] is not None:
            reached.add(int(focused[0]))
            if not focused[1]:
                unstyled.append(focused[2])
    missing = set(range(count)) - reached
    return [f"not reached by Tab: {sorted(missing)}"] * bool(missing) + [
        f"no visible focus: {html}" for html in unstyled
    ]


def test_every_page_is_usable_by_keyboard_alone(page, server):
    problems = {
        path: found
        for path in crawl(page, server, "/")
        if (found := keyboard_problems(page, server, path))
    }
    assert problems == {}


@pytest.mark.parametrize("path", ["/", "/samarbeid/barnevern/"])
def test_the_skip_link_is_first_and_moves_focus_to_the_content(page, server, path):
    page.goto(server + path)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hopp til hovudinnhaldet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_language_is_marked_on_each_page_and_passage(page, server):
    page.goto(server + "/")
    assert page.get_attribute("html", "lang") == "nn"
    options = page.eval_on_selector_all("#language option", "o => o.map(e => e.lang)")
    assert options == ["nn", "nb", "en"]
    page.select_option("#language", "en")
    page.click(".lang-form button")
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("h2#population-heading").inner_text() == "Population"


def test_charts_have_a_text_alternative_and_their_figures_in_a_table(page, server):
    page.goto(server + "/folketal/")
    charts = page.locator("svg[role=img]")
    assert charts.count() == 2
    for index in range(charts.count()):
        ids = charts.nth(index).get_attribute("aria-labelledby").split()
        texts = [page.locator(f"#{i}").text_content().strip() for i in ids]
        assert all(texts) and len(texts) == 2
    assert page.locator("table caption", has_text="Folketilvekst per kvartal").count() == 1
    assert page.locator("table caption", has_text="Prognose for folketalet").count() == 1


def test_status_is_never_told_by_colour_alone(page, server):
    for path in ("/samarbeid/", "/samarbeid/skog-i-sogn/", "/kommunar/4643/", "/vedtak/"):
        page.goto(server + path)
        texts = page.eval_on_selector_all(".badge", "b => b.map(e => e.textContent.trim())")
        assert texts and all(texts), path


@pytest.mark.parametrize(
    ("width", "height", "name"), [(320, 800, "320 px"), (640, 450, "200 % zoom")]
)
def test_no_page_scrolls_sideways(chromium, server, width, height, name):
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    paths = crawl(page, server, "/")
    wide = []
    for path in paths:
        page.goto(server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 1:
            wide.append((path, overflow))
    context.close()
    assert wide == [], f"horizontal scrolling at {name}: {wide}"


@pytest.mark.parametrize(("width", "label"), [(1280, "desktop"), (375, "mobile")])
def test_screenshots_of_each_page(chromium, server, width, label):
    """Screenshots for people to look at (screenshots/, not in git)."""
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    folder = SCREENSHOTS / label
    folder.mkdir(parents=True, exist_ok=True)
    for path in KINDS:
        page.goto(server + path)
        name = path.strip("/").replace("/", "_") or "home"
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    context.close()
    assert len(list(folder.glob("*.png"))) >= len(KINDS)


def test_the_population_pyramid_has_a_text_alternative_and_its_figures_in_a_table(page, server):
    page.goto(server + "/folketal/alder/?omrade=4641")
    chart = page.locator("svg[role=img]")
    assert chart.count() == 1
    ids = chart.get_attribute("aria-labelledby").split()
    title = page.locator(f"#{ids[0]}").text_content()
    assert title == "Befolkningspyramide for Aurland, 2026 og 2040"
    caption = page.locator("table caption", has_text="Personar etter aldersgruppe i Aurland")
    assert caption.count() == 1
    assert (
        page.locator("#pyramid-caption ~ tbody tr, #pyramid-caption + thead + tbody tr").count()
        == 10
    )
