"""Display names of province and group codes (digest sections and summary table)."""

from __future__ import annotations

from pathlib import Path

from crawler.config.yamlfile import ConfigError, load_yaml

PROVINCE_NAMES = {
    "KP": "Khyber Pakhtunkhwa",
    "BA": "Balochistan",
    "SD": "Sindh",
    "PB": "Punjab",
    "ICT": "Islamabad Capital Territory",
    "GB": "Gilgit-Baltistan",
    "AJK": "Azad Jammu and Kashmir",
}
NO_PROVINCE = "Province not identified"
NO_GROUP = "No group named"


def group_names(taxonomy_dir: Path | None) -> dict[str, str]:
    """Code -> name of every group and faction in ``groups.yaml`` ({} without a taxonomy).

    A light read for display and filter checks; the tagger's loader validates the file.
    """
    if taxonomy_dir is None or not (taxonomy_dir / "groups.yaml").exists():
        return {}
    try:
        data = load_yaml(taxonomy_dir / "groups.yaml").data
    except ConfigError:
        return {}
    names: dict[str, str] = {}
    groups = data.get("groups") if isinstance(data, dict) else None
    for group in groups if isinstance(groups, list) else []:
        if not isinstance(group, dict):
            continue
        for entry in [group, *(group.get("factions") or [])]:
            if isinstance(entry, dict) and entry.get("code"):
                names[str(entry["code"])] = str(entry.get("name") or entry["code"])
    return names
