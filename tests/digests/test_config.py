"""digests.yaml: schema, defaults and file:line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.config.settings import ServiceSettings
from crawler.config.yamlfile import ConfigError
from scheduler.app import load_app_config
from scheduler.digests.config import load_app_digests, load_digests

REPO_CONFIG = Path(__file__).resolve().parents[2] / "config"


def _load(tmp_path: Path, text: str, **kwargs: object) -> object:
    path = tmp_path / "digests.yaml"
    path.write_text(text, encoding="utf-8")
    return load_digests(path, ServiceSettings(timezone="Europe/London"), **kwargs)  # type: ignore[arg-type]


def test_shipped_example_is_valid() -> None:
    digests = load_app_digests(load_app_config(REPO_CONFIG))
    assert [d.id for d in digests.digests] == ["kp-desk", "balochistan-desk"]
    for digest in digests.digests:
        assert all(address.endswith("@example.org") for address in digest.addresses)


def test_defaults_and_normalisation(tmp_path: Path) -> None:
    digests = _load(
        tmp_path,
        "digests:\n  - id: a\n    to: A.Person@Example.org\n    filters: {provinces: [kp], groups: [ttp]}\n",
    )
    [digest] = digests.digests  # type: ignore[attr-defined]
    assert digest.to == ("A.Person@example.org",)  # one address is a list of one
    assert digest.at == "07:00" and digest.timezone == "Europe/London"  # from newsmon.yaml
    assert digest.filters.provinces == ("KP",) and digest.filters.groups == ("TTP",)
    assert digest.options.max_stories == 50 and not digest.options.send_when_empty


def test_missing_file_means_no_digests(tmp_path: Path) -> None:
    assert load_digests(tmp_path / "none.yaml", ServiceSettings()).digests == ()


def test_errors_name_file_line_and_field(tmp_path: Path) -> None:
    text = (
        "digests:\n"
        "  - id: good\n"
        "    to: [ok@example.org]\n"
        "  - id: Bad_Id\n"  # line 4
        "    to: [not-an-address, x@example.org]\n"  # line 5
        "    at: '25:00'\n"  # line 6
        "    timezone: Mars/Olympus\n"  # line 7
        "    filters:\n"
        "      provinces: [XX]\n"  # line 9
        "      sources: [nope]\n"  # line 10
        "    options: {subject: '{name} {bogus}', colour: red}\n"  # line 11
        "  - id: good\n"  # line 12
        "    to: a@example.org\n"
    )
    with pytest.raises(ConfigError) as info:
        _load(tmp_path, text, source_ids=frozenset({"dawn"}))
    message = str(info.value)
    path = tmp_path / "digests.yaml"
    assert f"{path}:4: digests[1].id: 'Bad_Id' is not a valid id" in message
    assert f"{path}:5: digests[1].to" in message and "not-an-address" in message
    assert f"{path}:6: digests[1].at" in message
    assert f"{path}:7: digests[1].timezone" in message
    assert f"{path}:9: digests[1].filters.provinces" in message and "unknown province 'XX'" in message
    assert f"{path}:11: digests[1].options.subject" in message and "{bogus}" in message
    assert f"{path}:11: digests[1].options.colour: unknown key" in message
    assert f"{path}:12: digests[2].id: duplicate id 'good' (first used on line 2)" in message


def test_unknown_source_and_group_are_reported(tmp_path: Path) -> None:
    text = (
        "digests:\n  - id: a\n    to: a@example.org\n"
        "    filters:\n      groups: [TTP, TPP]\n      sources: [dwan]\n"
    )
    with pytest.raises(ConfigError) as info:
        _load(tmp_path, text, source_ids=frozenset({"dawn"}), group_codes=frozenset({"TTP"}))
    assert f"{tmp_path / 'digests.yaml'}:5: digests[0].filters.groups[1]: unknown group 'TPP'" in str(
        info.value
    )
    assert f"{tmp_path / 'digests.yaml'}:6: digests[0].filters.sources[0]: unknown source 'dwan'" in str(
        info.value
    )


def test_validate_command_reports_digest_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from scheduler.cli import main

    (tmp_path / "newsmon.yaml").write_text(f"database_url: sqlite:///{tmp_path}/x.db\n", encoding="utf-8")
    (tmp_path / "digests.yaml").write_text("digests:\n  - id: a\n    to: nobody\n", encoding="utf-8")
    assert main(["--config-dir", str(tmp_path), "sources", "validate"]) == 2
    assert f"{tmp_path / 'digests.yaml'}:3: digests[0].to" in capsys.readouterr().err
