"""Loading the whole configuration once, for the CLI and the service."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from crawler.config.settings import ConfigPaths, ServiceSettings, load_settings
from crawler.config.sources import SourceList, load_sources


@dataclass(frozen=True)
class AppConfig:
    """Service settings and sources, validated."""

    paths: ConfigPaths
    settings: ServiceSettings
    sources: SourceList

    @property
    def taxonomy_dir(self) -> Path | None:
        """The taxonomy folder, if the config has one."""
        return self.paths.taxonomy if self.paths.taxonomy.is_dir() else None


def load_app_config(config_dir: str | Path | None = None) -> AppConfig:
    """Read ``newsmon.yaml`` and ``sources.yaml``; raises ConfigError with file:line issues."""
    paths = ConfigPaths.from_env(config_dir)
    settings = load_settings(paths.settings)
    sources = load_sources(paths.sources) if paths.sources.exists() else SourceList(paths.sources, ())
    return AppConfig(paths, settings, sources)


def setup_logging(level: str = "INFO", file: str | None = None) -> None:
    """One line per event: time, level, logger, message."""
    handler: logging.Handler = logging.FileHandler(file) if file else logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(level)  # Scrapy sets its own loggers to DEBUG; the handler still filters
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    if level != "DEBUG":
        # Scrapy and Alembic narrate every step at INFO; newsmon's own lines say what matters.
        for noisy in ("scrapy", "alembic", "py.warnings", "trafilatura", "htmldate", "courlan"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
