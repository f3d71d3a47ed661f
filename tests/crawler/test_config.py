"""Config validation: every error names file, line and field, and says what is allowed."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.config.settings import ConfigPaths, load_settings
from crawler.config.sources import load_sources
from crawler.config.yamlfile import ConfigError
from tests.conftest import REPO_ROOT
from tests.support import newsmon

GOOD = """sources:
  - id: dawn
    name: Dawn
    url: https://www.dawn.com/
    feeds: [https://www.dawn.com/feeds/home]
    article_pattern: '/news/\\d+'
    every: 15m
"""


def errors_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_sources(path)
    return [str(issue) for issue in info.value.issues]


def test_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(GOOD, encoding="utf-8")
    [source] = load_sources(path).sources
    assert source.id == "dawn" and source.interval is not None and source.interval.total_seconds() == 900
    assert source.allowed_hosts == ("www.dawn.com",)


@pytest.mark.parametrize(
    ("edit", "line", "field", "message"),
    [
        (
            ("    every: 15m", "    every: 15m\n    colour: red"),
            8,
            "sources[0].colour",
            "unknown key (allowed: id, name",
        ),
        (
            ("'/news/\\d+'", "'/news/(\\d+'"),
            6,
            "sources[0].article_pattern",
            "not a valid regular expression",
        ),
        (
            ("feeds: [https://www.dawn.com/feeds/home]", "feeds: [https://evil.example.com/feed]"),
            5,
            "sources[0].feeds[0]",
            "host 'evil.example.com' is outside the source; allowed: www.dawn.com",
        ),
        (("every: 15m", "every: fortnightly"), 7, "sources[0].every", "not a duration"),
        (("every: 15m", 'cron: "61 * * * *"'), 7, "sources[0].cron", "not a crontab expression"),
        (("id: dawn", "id: Dawn_News"), 2, "sources[0].id", "not a valid id"),
        (
            ("url: https://www.dawn.com/", "url: file:///etc/passwd"),
            4,
            "sources[0].url",
            "only http and https",
        ),
        (
            ("feeds: [https://www.dawn.com/feeds/home]", "feeds: ['javascript:alert(1)']"),
            5,
            "sources[0].feeds",
            "only http and https",
        ),
        (
            ("    every: 15m", "    every: 15m\n    cron: '* * * * *'"),
            2,
            "sources[0]",
            "either 'every' or 'cron'",
        ),
        (("    name: Dawn\n", ""), 2, "sources[0].name", "required field is missing"),
    ],
)
def test_each_rule_names_file_line_and_field(
    tmp_path: Path, edit: tuple[str, str], line: int, field: str, message: str
) -> None:
    [error] = errors_of(tmp_path, GOOD.replace(*edit))
    assert error.startswith(f"{tmp_path / 'sources.yaml'}:{line}: {field}"), error
    assert message in error


def test_duplicate_ids_point_at_the_second(tmp_path: Path) -> None:
    second = GOOD.split("sources:\n")[1].replace("name: Dawn", "name: Dawn again")
    [error] = errors_of(tmp_path, GOOD + second)
    assert ":8: sources[1].id: duplicate id 'dawn' (first used on line 2)" in error


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    broken = GOOD.replace("every: 15m", "every: often") + GOOD.split("sources:\n")[1].replace(
        "id: dawn", "id: geo"
    ).replace("'/news/\\d+'", "'[unclosed'")
    errors = errors_of(tmp_path, broken)
    assert len(errors) == 2
    assert ":7: sources[0].every" in errors[0] and ":12: sources[1].article_pattern" in errors[1]


def test_yaml_syntax_error_and_duplicate_keys(tmp_path: Path) -> None:
    [error] = errors_of(tmp_path, GOOD + "  - id: [unclosed\n")
    assert ":9:" in error and "YAML syntax error" in error
    [error] = errors_of(tmp_path, GOOD.replace("    every: 15m", "    every: 15m\n    every: 1h"))
    assert ":8: sources[0].every: duplicate key 'every' (first on line 7)" in error


def test_settings_errors_and_env_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "newsmon.yaml"
    path.write_text("timezone: Mars/Olympus\ncrawl:\n  download_timeout: -1\n  speed: 3\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    messages = [str(issue) for issue in info.value.issues]
    assert any(":1: timezone: 'Mars/Olympus' is not a known time zone" in m for m in messages)
    assert any(":3: crawl.download_timeout:" in m for m in messages)
    assert any(":4: crawl.speed: unknown key (allowed: user_agent" in m for m in messages)
    path.write_text("database_url: sqlite:///from-file.db\n", encoding="utf-8")
    monkeypatch.setenv("NEWSMON_DATABASE_URL", "sqlite:///from-env.db")
    monkeypatch.setenv("NEWSMON_SMTP_PORT", "2525")
    settings = load_settings(path)
    assert settings.database_url == "sqlite:///from-env.db" and settings.smtp.port == 2525
    monkeypatch.setenv("NEWSMON_CONFIG_DIR", str(tmp_path))
    assert ConfigPaths.from_env().sources == tmp_path / "sources.yaml"


def test_missing_settings_file_means_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "absent.yaml")
    assert settings.database_url.startswith("sqlite:///data/")
    assert settings.crawl.download_timeout <= 30 and settings.crawl.obey_robots_txt
    assert "newsmon" in settings.crawl.user_agent


def test_shipped_config_is_valid() -> None:
    result = newsmon(REPO_ROOT / "config", "sources", "validate")
    assert result.returncode == 0, result.stderr
    sources = load_sources(REPO_ROOT / "config" / "sources.yaml")
    ids = {source.id for source in sources.sources}
    assert {
        "dawn",
        "tribune",
        "geo",
        "ary",
        "brecorder",
        "pakistantoday",
        "arabnews-pk",
        "balochistanpost",
    } <= ids


def test_validate_command_exits_non_zero_with_messages(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(GOOD.replace("every: 15m", "every: soon"), encoding="utf-8")
    result = newsmon(tmp_path, "sources", "validate")
    assert result.returncode == 2
    assert f"{tmp_path / 'sources.yaml'}:7: sources[0].every" in result.stderr
    listing = newsmon(REPO_ROOT / "config", "sources", "list")
    assert listing.returncode == 0 and "dawn" in listing.stdout and "every 15m" in listing.stdout
