"""The matching evaluation on its labelled pairs, held to where it stands (skipped without the
corpus)."""

from __future__ import annotations

import pytest

from eval.eval_matching import held_out, read_labels, score
from tests.conftest import CORPORA

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPORA / "articles").is_dir(), reason=f"{CORPORA} is not here"),
]


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def test_labels_cover_every_class_on_both_parts() -> None:
    labels = read_labels()
    assert len(labels) >= 400
    positives = sum(row["label"] == "1" for row in labels)
    assert 0.4 <= positives / len(labels) <= 0.6
    classes = {"surname", "common-word", "alias", "event", "miss", "passing"}
    for part in (True, False):
        assert classes <= {row["class"] for row in labels if held_out(row["article"]) == part}


def test_precision_and_recall_on_both_parts() -> None:
    results = score(CORPORA, read_labels())
    for part, floor in (("tune", 0.94), ("held-out", 0.92)):
        tp, fp, fn, _ = results[part]["all"]
        assert ratio(tp, tp + fp) >= floor, part
        assert ratio(tp, tp + fn) >= 0.95, part
    tp, fp, fn, _ = results["held-out"]["stemmed"]
    assert ratio(tp, tp + fp) >= 0.9 and ratio(tp, tp + fn) >= 0.95
