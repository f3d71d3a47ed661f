"""Issue #9.4: the config loaders, fuzzed. Any input gives a valid config or a ConfigError with
a readable message, never another exception."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.config.settings import load_settings
from crawler.config.sources import SourceList, parse_sources
from crawler.config.yamlfile import ConfigError, load_yaml

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SOURCE_KEYS = [
    "id",
    "name",
    "url",
    "hosts",
    "feeds",
    "sitemaps",
    "listings",
    "article_pattern",
    "every",
    "cron",
    "enabled",
    "timeout",
    "language",
    "bogus",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["http://127.0.0.1/", "file:///etc/passwd", "15m", "*/5 * * * *", "(", "0s", "x" * 300]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=4)
    ),
    max_leaves=12,
)
source_entries = st.dictionaries(st.sampled_from(SOURCE_KEYS), values, max_size=8)
documents = st.one_of(
    values,
    st.fixed_dictionaries({"sources": st.lists(source_entries, max_size=3)}),
    st.fixed_dictionaries({"sources": values}),
)
SETTING_KEYS = ["database_url", "timezone", "reload_interval", "crawl", "smtp", "log", "dedup", "nonsense"]
settings_documents = st.one_of(values, st.dictionaries(st.sampled_from(SETTING_KEYS), values, max_size=5))
yaml_ish = st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}\"'&*!|>#%@`,?0\\u\x00\ufeff")), max_size=80)


def _dump(data: Any) -> str | None:
    try:
        return yaml.safe_dump(data, allow_unicode=True)
    except (yaml.YAMLError, ValueError):
        return None


def _check_error(exc: ConfigError) -> None:
    assert exc.issues and all(str(issue) for issue in exc.issues)


@FUZZ
@given(text=st.one_of(yaml_ish, st.text(max_size=200)))
def test_load_yaml_and_parse_sources_on_arbitrary_text(text: str) -> None:
    try:
        result = parse_sources(load_yaml(Path("sources.yaml"), text=text))
    except ConfigError as exc:
        _check_error(exc)
    else:
        assert isinstance(result, SourceList)


@FUZZ
@given(data=documents)
def test_parse_sources_on_arbitrary_structures(data: Any) -> None:
    text = _dump(data)
    if text is None:
        return
    try:
        result = parse_sources(load_yaml(Path("sources.yaml"), text=text))
    except ConfigError as exc:
        _check_error(exc)
    else:
        assert isinstance(result, SourceList)
        for source in result.sources:
            assert source.url.startswith(("http://", "https://"))
            for url in (*source.feeds, *source.sitemaps, *source.listings):
                assert url.lower().startswith(("http://", "https://"))


@FUZZ
@given(data=st.one_of(settings_documents, yaml_ish))
def test_load_settings_on_arbitrary_input(tmp_path: Path, data: Any) -> None:
    text = data if isinstance(data, str) else _dump(data)
    if text is None:
        return
    path = tmp_path / "newsmon.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_settings(path)
    except ConfigError as exc:
        _check_error(exc)


ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)
)
SOURCE = "sources: [{id: a, name: n, url: 'URL', feeds: ['FEED'], every: EVERY}]"


@pytest.mark.parametrize(
    "text",
    [
        "[" * 5000 + "]" * 5000,  # RecursionError before
        "{a: " * 3000 + "1" + "}" * 3000,
        ALIAS_BOMB,  # exponential alias expansion before (hung)
        SOURCE.replace("URL", "http://a/")
        .replace("FEED", "http://a/f")
        .replace("EVERY", "9" * 25 + "d"),  # Overflow
        SOURCE.replace("URL", "http://a:99999/").replace("FEED", "http://a:99999/f").replace("EVERY", "1m"),
        SOURCE.replace("URL", "http://[::1/").replace("FEED", "http://a/f").replace("EVERY", "1m"),
        "sources: [!!binary aGVsbG8=]",
        "sources: !!python/object/apply:os.system ['true']",
        "sources: [{<<: {id: a}}]",
        "\x00",
    ],
    ids=[
        "deep-list",
        "deep-map",
        "alias-bomb",
        "huge-duration",
        "bad-port",
        "bad-ipv6",
        "binary",
        "python-tag",
        "merge-key",
        "nul",
    ],
)
def test_known_hostile_config_inputs(tmp_path: Path, text: str) -> None:
    started = time.monotonic()
    for loader in (
        lambda: parse_sources(load_yaml(tmp_path / "sources.yaml", text=text)),
        lambda: load_settings(_write(tmp_path / "newsmon.yaml", text.replace("sources", "crawl"))),
    ):
        try:
            loader()
        except ConfigError as exc:
            _check_error(exc)
    assert time.monotonic() - started < 10


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
