"""Local files read as articles by ``newsalert analyze``."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import InputError
from bot.inputs import MAX_TITLE, read_articles
from tests.conftest import DATA


def test_a_short_first_line_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("ICC issues warrants\n\nThe court said on Thursday it had issued warrants.\n")
    [article] = read_articles(path)
    assert article.title == "ICC issues warrants"
    assert article.text == "The court said on Thursday it had issued warrants."
    assert article.text_form == "raw"


def test_a_caption_long_first_line_is_text_not_a_title() -> None:
    [article] = read_articles(DATA / "afp-icc-warrants.txt")
    assert article.title == ""
    assert article.text.startswith("This handout picture released by the Government Press Office")
    assert "now officially a wanted man" in article.text


def test_a_one_paragraph_file_is_all_text() -> None:
    [article] = read_articles(DATA / "bbc-gallant-rejects-stemmed.txt")
    assert article.title == ""
    assert article.text.startswith("isra defenc minist yoav gallant")
    assert article.text_form == "stemmed"


def test_a_first_line_at_the_limit_is_still_a_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("T" * MAX_TITLE + "\nbody\n")
    assert next(read_articles(path)).title == "T" * MAX_TITLE


def test_json_lines_name_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"title": "a", "text": "b"}\n{"title": "c", "text": 5}\n')
    with pytest.raises(InputError, match=r"a\.jsonl: line 2: the object has no \"text\" string"):
        list(read_articles(path))


def test_an_empty_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n")
    with pytest.raises(InputError, match=r"empty\.txt: the file is empty"):
        list(read_articles(path))
