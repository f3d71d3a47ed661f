"""Province and militant-group tagging of articles.

Usage::

    tagger = Tagger(load_taxonomy(Path("config/taxonomy")))
    result = tagger.tag(title, text)
    result.provinces, result.groups, result.primary_province, result.evidence
"""

from pipelines.tagging.evaluation import evaluate, load_labelled
from pipelines.tagging.rules import RULES
from pipelines.tagging.tagger import Evidence, Tagger, TagResult
from pipelines.tagging.taxonomy import Taxonomy, load_taxonomy

__all__ = [
    "RULES",
    "Evidence",
    "TagResult",
    "Tagger",
    "Taxonomy",
    "evaluate",
    "load_labelled",
    "load_taxonomy",
]
