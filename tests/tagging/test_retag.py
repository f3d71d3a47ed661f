"""`newsmon retag`: an operator adds a town to the taxonomy and re-tags what is stored."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.sample_outlet import OutletServer, build_sample_site
from tests.support import export, newsmon, write_config


def test_retag_applies_a_taxonomy_edit_to_stored_articles(tmp_path: Path) -> None:
    with OutletServer(build_sample_site) as server:
        config = write_config(tmp_path / "config", server.base_url)
        assert newsmon(config, "crawl").returncode == 0
    before = {r["id"]: r for r in export(config)}
    # The sample SBP policy-rate story has no province. An operator (wrongly, for the test) adds
    # "Monetary Policy Committee" as a Lahore locality; retag must apply it without a new crawl.
    # (A story set in Afghanistan would not do: rule foreign_setting ignores a lone Pakistani place.)
    provinces = config / "taxonomy" / "provinces.yaml"
    text = provinces.read_text()
    anchor = "- {name: Lahore, towns: [Lahore Cantt,"
    assert anchor in text
    edited = "- {name: Lahore, towns: [Monetary Policy Committee, Lahore Cantt,"
    provinces.write_text(text.replace(anchor, edited, 1))
    result = newsmon(config, "retag")
    assert result.returncode == 0, result.stderr
    after = {r["id"]: r for r in export(config)}
    changed = [i for i in after if after[i]["provinces"] != before[i]["provinces"]]
    assert changed, result.stdout
    assert all("PB" in after[i]["provinces"] for i in changed)
    assert f"tags changed on {len(changed)}" in result.stdout
    since = newsmon(config, "retag", "--since", "2999-01-01")
    assert "re-tagged 0 articles" in since.stdout
    tagged = newsmon(
        config, "tag", stdin=json.dumps({"id": 1, "title": "At the Monetary Policy Committee", "text": ""})
    )
    assert json.loads(tagged.stdout)["provinces"] == ["PB"]
