"""The index in a browser: every article listed, sorting by every column, the text and tag filters."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .support import DemoSite, expect, visible_row_slugs

Article = dict[str, Any]

# Each sortable column, by its visible label, and the value it must sort by, read from the data export.
COLUMNS: dict[str, Callable[[Article], Any]] = {
    "Article": lambda a: a["title"].lower(),
    "Outlet": lambda a: a["meta"]["outlet"].lower() or None,
    "Date": lambda a: a["meta"]["date"] or None,
    "Anonymous sourcing": lambda a: a["metrics"]["anonymous_ratio"],
    "Hedges": lambda a: a["metrics"]["hedges_per_100_words"],
    "Generalizations": lambda a: a["metrics"]["generalizations"],  # shown as a count, so sorted by it
    "Reading grade": lambda a: a["metrics"]["readability"]["flesch_kincaid_grade"],
}


def in_order(values: list[Any], descending: bool) -> bool:
    """Whether values are sorted that way, with missing values (None) last in both directions."""
    present = [v for v in values if v is not None]
    missing_last = values[len(present):] == [None] * (len(values) - len(present))
    return missing_last and present == sorted(present, reverse=descending)


def sort_button(page: Any, label: str) -> Any:
    return page.locator("#articles thead th").filter(has_text=re.compile("^" + re.escape(label))).get_by_role("button")


def test_index_lists_every_article(browse, site_url: str, demo_site: DemoSite) -> None:
    page = browse.open(site_url + "index.html")
    expected = {a["slug"] for a in demo_site.articles}
    assert len(expected) >= 6 and set(visible_row_slugs(page)) == expected
    expect(page.locator("#filter-count")).to_have_text(f"{len(expected)} of {len(expected)} shown")
    for article in demo_site.articles:
        link = page.get_by_role("link", name=article["title"], exact=True)
        expect(link).to_be_visible()
    page.get_by_role("link", name=demo_site.articles[0]["title"], exact=True).click()
    expect(page.locator("h1")).to_have_text(demo_site.articles[0]["title"])


def test_sorting_by_each_column_orders_rows_both_ways(browse, http_url: str, demo_site: DemoSite) -> None:
    page = browse.open(http_url + "index.html")
    by_slug = {a["slug"]: a for a in demo_site.articles}
    for label, value in COLUMNS.items():
        header = page.locator("#articles thead th").filter(has_text=re.compile("^" + re.escape(label)))
        for direction in ("ascending", "descending"):
            sort_button(page, label).click()
            expect(header).to_have_attribute("aria-sort", direction)
            values = [value(by_slug[slug]) for slug in visible_row_slugs(page)]
            assert len(values) == len(by_slug), (label, values)
            assert in_order(values, direction == "descending"), (label, direction, values)
        assert page.locator("#articles thead th[aria-sort]").count() == 1


def test_rows_without_a_value_sort_last_both_ways(browse, http_url: str) -> None:
    page = browse.open(http_url + "index.html")
    page.evaluate("""() => {  // an article with no attributions has no anonymous ratio, and no date
        const body = document.querySelector('#articles tbody');
        const row = body.rows[0].cloneNode(true);
        row.querySelector('a').setAttribute('href', 'articles/no-value.html');
        row.cells[2].setAttribute('data-sort', '');
        row.cells[3].setAttribute('data-sort', '');
        body.insertBefore(row, body.rows[0]);
    }""")
    for label in ("Anonymous sourcing", "Date"):
        for _ in ("ascending", "descending"):
            sort_button(page, label).click()
            assert visible_row_slugs(page)[-1] == "no-value", label


def matching(demo_site: DemoSite, words: str = "", tag: str = "") -> set[str]:
    """The slugs the filter must keep: every word in the title, outlet, author, date or tags."""
    kept = set()
    for a in demo_site.articles:
        meta = a["meta"]
        haystack = " ".join([a["title"], meta["outlet"], meta["author"], meta["date"], *meta["tags"]]).lower()
        if all(w in haystack for w in words.lower().split()) and (not tag or tag in meta["tags"]):
            kept.add(a["slug"])
    return kept


def test_text_filter(browse, site_url: str, demo_site: DemoSite) -> None:
    page = browse.open(site_url + "index.html")
    total = len(demo_site.articles)
    for words in ("kramatorsk", "Open Forum", "pellegrino", "millbrook COUNCIL", "bridge 2026-03-1", "no such article"):
        expected = matching(demo_site, words)
        assert words == "no such article" or expected, "a filter that matches something"
        page.get_by_label("Filter").fill(words)
        expect(page.locator("#filter-count")).to_have_text(f"{len(expected)} of {total} shown")
        assert set(visible_row_slugs(page)) == expected, words
    page.get_by_label("Filter").fill("")
    expect(page.locator("#filter-count")).to_have_text(f"{total} of {total} shown")
    assert len(visible_row_slugs(page)) == total


def test_tag_filter_alone_and_with_text(browse, http_url: str, demo_site: DemoSite) -> None:
    page = browse.open(http_url + "index.html")
    tags = sorted({t for a in demo_site.articles for t in a["meta"]["tags"]}, key=lambda t: (t.casefold(), t))
    assert page.locator("#filter-tag option").all_inner_texts() == ["all tags", *tags]
    for tag in ("seed", "bridge", "anonymous-sources"):
        page.locator("#filter-tag").select_option(tag)
        assert set(visible_row_slugs(page)) == matching(demo_site, tag=tag), tag
    page.get_by_label("Filter").fill("council")
    assert set(visible_row_slugs(page)) == matching(demo_site, "council", "anonymous-sources")
    page.locator("#filter-tag").select_option("")
    assert set(visible_row_slugs(page)) == matching(demo_site, "council")


def test_index_works_without_javascript(browse, http_url: str, demo_site: DemoSite) -> None:
    page = browse.open(http_url + "index.html", javascript=False)
    expect(page.locator("#filters")).to_be_hidden()  # the filters need the script, so they stay hidden
    assert len(visible_row_slugs(page)) == len(demo_site.articles)
    assert page.locator("#articles thead button").count() == 0
