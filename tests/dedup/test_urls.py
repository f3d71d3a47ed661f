"""URL identity (pipelines/normalize.py): every rule that makes two URLs one article."""

from __future__ import annotations

import pytest

from pipelines.normalize import canonicalize, choose_canonical, url_key

BASE = "https://www.dawn.com/news/1876543/militants-attack-checkpost"

SAME_ARTICLE = {
    "utm_* parameters": BASE + "?utm_source=twitter&utm_medium=social&utm_campaign=x",
    "fbclid": BASE + "?fbclid=IwAR3xYz",
    "gclid": BASE + "?gclid=abc",
    "ref": BASE + "?ref=homepage",
    "ref_src": BASE + "?ref_src=twsrc",
    "PHPSESSID session id": BASE + "?PHPSESSID=9f8e7d",
    "jsessionid session id": BASE + "?jsessionid=ABC123",
    "sid session id": BASE + "?sid=42",
    "fragment": BASE + "#comments",
    "trailing slash": BASE + "/",
    "default https port": "https://www.dawn.com:443/news/1876543/militants-attack-checkpost",
    "host case": "https://WWW.DAWN.COM/news/1876543/militants-attack-checkpost",
    "scheme case": "HTTPS://www.dawn.com/news/1876543/militants-attack-checkpost",
    "AMP path suffix": BASE + "/amp",
    "AMP path suffix with slash": BASE + "/amp/",
    ".amp suffix": BASE + ".amp",
    "mobile host m.": "https://m.dawn.com/news/1876543/militants-attack-checkpost",
    "mobile host mobile.": "https://mobile.dawn.com/news/1876543/militants-attack-checkpost",
    "amp host": "https://amp.dawn.com/news/1876543/militants-attack-checkpost",
    "no www": "https://dawn.com/news/1876543/militants-attack-checkpost",
    "http scheme": "http://www.dawn.com/news/1876543/militants-attack-checkpost",
    "all at once": "HTTP://M.Dawn.com:80/news/1876543/militants-attack-checkpost/amp/?utm_source=x&fbclid=y#top",
}


@pytest.mark.parametrize("rule", SAME_ARTICLE)
def test_variant_has_the_same_url_key(rule: str) -> None:
    assert url_key(SAME_ARTICLE[rule]) == url_key(BASE)


@pytest.mark.parametrize("rule", [r for r in SAME_ARTICLE if not r.startswith(("no www", "http", "all"))])
def test_variant_has_the_same_canonical_url(rule: str) -> None:
    assert canonicalize(SAME_ARTICLE[rule]) == BASE


def test_default_http_port_is_dropped() -> None:
    assert canonicalize("http://www.dawn.com:80/news/1") == "http://www.dawn.com/news/1"


def test_meaningful_query_stays_and_is_sorted() -> None:
    assert canonicalize("https://www.dawn.com/story.php?b=2&id=77&utm_source=x&a=1") == (
        "https://www.dawn.com/story.php?a=1&b=2&id=77"
    )
    assert url_key("https://www.dawn.com/story.php?id=77") != url_key("https://www.dawn.com/story.php?id=78")


def test_root_keeps_its_slash_and_different_paths_differ() -> None:
    assert canonicalize("https://www.dawn.com") == "https://www.dawn.com/"
    assert url_key(BASE) != url_key(BASE.replace("1876543", "1876544"))


def test_path_parameter_session_id() -> None:
    assert url_key(BASE + ";jsessionid=ABC123") == url_key(BASE)


ALLOWED = ("dawn.com",)


def test_own_canonical_link_on_host_is_used() -> None:
    page = "https://www.dawn.com/news/1876543?id=1&utm_source=rss"
    assert choose_canonical(page, "/news/1876543/militants-attack-checkpost", ALLOWED) == BASE
    assert (
        choose_canonical(page, "https://images.dawn.com/news/5", ALLOWED) == "https://images.dawn.com/news/5"
    )


@pytest.mark.parametrize(
    "declared",
    [
        "https://www.syndicator.example/wire/5",  # off host: a wire service's original
        "javascript:void(0)",
        "",
        None,
    ],
)
def test_own_canonical_link_off_host_or_bad_is_ignored(declared: str | None) -> None:
    page = "https://www.dawn.com/news/1876543/militants-attack-checkpost?utm_source=rss#top"
    assert choose_canonical(page, declared, ALLOWED) == BASE
