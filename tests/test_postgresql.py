"""The PostgreSQL backend's own concerns: choosing it, its migrations, its errors. What both
backends do alike is tested on both (the ``backend`` and ``any_store`` fixtures)."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.config import load_config
from bot.errors import StoreError
from bot.storage import describe_database, open_store
from bot.storage.postgresql import PostgresStore
from bot.storage.postgresql_schema import SCHEMA_VERSION
from tests.conftest import POSTGRES_URL


def test_a_postgresql_url_chooses_postgresql_and_a_path_stays_sqlite(write_config) -> None:
    url = "postgresql://newsalert:s3cret-pass@db.example.org:5433/news"
    config = load_config(write_config(f'[bot]\ndatabase = "{url}"\n'))
    assert config.bot.database == url
    assert describe_database(url) == "postgresql database news on db.example.org:5433"
    local = load_config(write_config('[bot]\ndatabase = "postgresql.db"\n'))
    assert local.bot.database == local.path.parent / "postgresql.db"


def test_check_config_shows_the_server_but_not_the_password(write_config, capsys) -> None:
    path = write_config('[bot]\ndatabase = "postgresql://bot:s3cret-pass@db.example.org/news"\n')
    main(["check-config", "--config", str(path)])
    out = capsys.readouterr().out
    assert "postgresql database news on db.example.org" in out
    assert "s3cret-pass" not in out


def test_a_fresh_schema_is_migrated_once(postgres_url: str) -> None:
    first = open_store(postgres_url)
    assert isinstance(first, PostgresStore)
    assert first.schema_version == SCHEMA_VERSION
    first.subscribe("slack:C1", "icc", "U1", 0.0)
    first.close()
    again = open_store(postgres_url)  # migrations already applied: nothing is recreated
    assert again.schema_version == SCHEMA_VERSION
    assert again.subscriptions() == [("slack:C1", "icc")]
    again.close()


def test_a_newer_schema_is_refused(postgres_url: str) -> None:
    store = open_store(postgres_url)
    assert isinstance(store, PostgresStore)
    store._execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)",
                   (SCHEMA_VERSION + 3,))
    store.close()
    with pytest.raises(StoreError, match="newer than this newsalert understands"):
        open_store(postgres_url)


def test_an_unreachable_server_is_a_clear_error_without_the_password() -> None:
    url = "postgresql://bot:s3cret-pass@127.0.0.1:1/news?connect_timeout=1"
    with pytest.raises(StoreError) as caught:
        PostgresStore.open(url, timeout=2.0)
    message = str(caught.value)
    assert message.startswith("postgresql database news on 127.0.0.1:1: ")
    assert "s3cret-pass" not in message


def test_a_missing_database_is_named(postgres_url: str) -> None:
    base = POSTGRES_URL.rsplit("/", 1)[0]
    with pytest.raises(StoreError, match='newsalert_no_such_db.*"newsalert_no_such_db" does not'):
        PostgresStore.open(f"{base}/newsalert_no_such_db", timeout=3.0)


def test_the_lease_is_read_and_checked(write_config) -> None:
    from bot.errors import ConfigError
    assert load_config(write_config('[bot]\nlease = "90s"\n')).bot.lease == 90.0
    assert load_config(write_config("[bot]\n")).bot.lease == 300.0
    with pytest.raises(ConfigError, match=r"config.toml: bot\.lease: "):
        load_config(write_config('[bot]\nlease = "0s"\n'))
