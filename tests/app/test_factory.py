"""The app factory and configuration."""

from pathlib import Path

from researcher import create_app
from researcher.config import load_config


def test_create_app_uses_the_given_config(tmp_path):
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/a.db"})
    assert app.config["SECRET_KEY"] == "x"
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("a.db")


def test_create_app_opens_no_database_file(tmp_path):
    create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/a.db"})
    assert not (tmp_path / "a.db").exists()


def test_default_database_is_sqlite_in_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = load_config(tmp_path, {"SECRET_KEY": "x"})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'rekonesans.sqlite'}"


def test_database_url_from_environment_gets_psycopg_driver(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db/rek")
    config = load_config(tmp_path, {"SECRET_KEY": "x"})
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db/rek"


def test_secret_key_is_generated_once_and_kept_in_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_config(tmp_path, {})["SECRET_KEY"]
    second = load_config(tmp_path, {})["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_secret_key_from_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-env")
    assert load_config(tmp_path, {})["SECRET_KEY"] == "from-env"
    assert not Path(tmp_path / "secret_key").exists()


def test_secure_cookie_switch_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("REKONESANS_SECURE_COOKIES", "1")
    assert load_config(tmp_path, {"SECRET_KEY": "x"})["SESSION_COOKIE_SECURE"] is True


def test_retention_periods_are_set_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("REKONESANS_RETENTION_CONTACT_MONTHS", "6")
    monkeypatch.setenv("REKONESANS_RETENTION_CONTACT_AFTER_CLOSE_DAYS", "14")
    config = load_config(tmp_path, {"SECRET_KEY": "x"})
    assert (config["RETENTION_CONTACT_MONTHS"], config["RETENTION_CONTACT_AFTER_CLOSE_DAYS"]) == (
        6, 14
    )


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path):
    from researcher.extensions import db

    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/a.db"})
    with app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_keys_are_enforced(app_context):
    import pytest
    from sqlalchemy.exc import IntegrityError

    from researcher.extensions import db
    from researcher.gminas.models import Locality

    db.session.add(Locality(gmina_code="999999", name="Nigdzie", kind="solectwo"))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_disclosure_threshold_below_3_is_refused(tmp_path):
    import pytest

    with pytest.raises(ValueError, match="DISCLOSURE_K"):
        load_config(tmp_path, {"SECRET_KEY": "x", "DISCLOSURE_K": 2})
