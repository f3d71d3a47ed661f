"""Quality of the tagger on a labelled set: micro-averaged precision, recall and F1 per family."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipelines.tagging.tagger import Tagger

FAMILIES = ("provinces", "groups")


@dataclass(frozen=True)
class LabelledItem:
    """One hand-labelled article."""

    id: str
    title: str
    text: str
    provinces: frozenset[str]
    groups: frozenset[str]
    notes: str = ""


def load_labelled(path: Path) -> list[LabelledItem]:
    """Read a JSONL file of ``{"id","title","text","provinces","groups","notes"}`` lines."""
    items = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw: dict[str, Any] = json.loads(line)
            items.append(LabelledItem(str(raw["id"]), raw["title"], raw["text"], frozenset(raw["provinces"]),
                                      frozenset(raw["groups"]), raw.get("notes", "")))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: bad labelled item: {exc}") from None
    return items


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def evaluate(tagger: Tagger, items: Sequence[LabelledItem] | Iterable[LabelledItem]) -> dict[str, Any]:
    """Micro-averaged precision/recall/F1 per family, plus the items the tagger got wrong."""
    counts = {family: [0, 0, 0] for family in FAMILIES}
    errors: list[dict[str, Any]] = []
    for item in items:
        result = tagger.tag(item.title, item.text)
        predicted = {"provinces": set(result.provinces), "groups": set(result.groups)}
        expected = {"provinces": set(item.provinces), "groups": set(item.groups)}
        for family in FAMILIES:
            tp = len(predicted[family] & expected[family])
            counts[family][0] += tp
            counts[family][1] += len(predicted[family] - expected[family])
            counts[family][2] += len(expected[family] - predicted[family])
        if predicted != expected:
            errors.append({"id": item.id, **{f"{family}_missing": sorted(expected[family] - predicted[family])
                                             for family in FAMILIES},
                           **{f"{family}_extra": sorted(predicted[family] - expected[family])
                              for family in FAMILIES}})
    report: dict[str, Any] = {family: _prf(*counts[family]) for family in FAMILIES}
    report["errors"] = errors
    return report
