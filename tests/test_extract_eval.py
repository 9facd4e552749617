"""The PolNeAR evaluation on its dev split, held to the targets (skipped without the corpus)."""

from __future__ import annotations

import pytest

from eval.eval_quotes import load, score
from tests.conftest import CORPORA

CORPUS = CORPORA / "quotes" / "polnear-train-dev.jsonl"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.exists(), reason=f"{CORPUS} is not here"),
]


def test_dev_split_meets_the_targets() -> None:
    scores = score(load(CORPUS, "dev"))
    assert scores.gold > 500
    assert scores.recall >= 0.90
    assert scores.precision >= 0.90
    assert scores.speaker_accuracy >= 0.85
    assert scores.wrong < scores.unknown  # unknown rather than wrong
