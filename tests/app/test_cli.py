"""The flask commands."""

import pytest

from researcher.auth.models import User
from researcher.campaigns.models import Campaign
from researcher.extensions import db


@pytest.fixture
def runner(app_context, tmp_path, monkeypatch):
    monkeypatch.setitem(app_context.config, "DEMO_ACCOUNTS_FILE", str(tmp_path / "demo.txt"))
    return app_context.test_cli_runner()


def test_users_create_reads_the_password_from_stdin(runner):
    result = runner.invoke(
        args=["users", "create", "Ala@Example.org", "--role", "manager"],
        input="bardzo-tajne-haslo\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.email == "ala@example.org"))
    assert user.role == "manager"


def test_users_create_refuses_a_short_password(runner):
    args = ["users", "create", "a@example.org", "--role", "admin"]
    result = runner.invoke(args=args, input="x\n")
    assert result.exit_code != 0
    assert "co najmniej 10 znaków" in result.output


def test_users_create_refuses_an_unknown_role(runner):
    result = runner.invoke(args=["users", "create", "a@example.org", "--role", "boss"], input="")
    assert result.exit_code == 2


def test_gminas_load_reports_counts(runner):
    result = runner.invoke(args=["gminas", "load"])
    assert result.exit_code == 0
    assert "2479 w pliku" in result.output


def test_seed_demo_creates_campaign_1_accounts_and_prints_passwords(runner, tmp_path):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    roles = sorted(u.role for u in db.session.scalars(db.select(User)))
    assert roles == ["admin", "manager", "researcher"]
    campaign = db.session.scalar(db.select(Campaign))
    assert campaign.open_to_all_researchers and campaign.status == "aktywna"
    assert campaign.gmina.terc == "1417082" and len(campaign.gmina.localities) == 8
    assert result.output.count("hasło:") == 3
    assert (tmp_path / "demo.txt").read_text().count("@demo.rekonesans.pl") == 3


def test_seed_demo_twice_keeps_existing_data_and_passwords(runner):
    runner.invoke(args=["seed-demo"])
    hashes = {u.email: u.password_hash for u in db.session.scalars(db.select(User))}
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0
    assert "hasło:" not in result.output
    assert {u.email: u.password_hash for u in db.session.scalars(db.select(User))} == hashes
    assert db.session.scalar(db.select(db.func.count()).select_from(Campaign)) == 1


def test_demo_manager_can_log_in_with_the_printed_password(runner, app_context):
    result = runner.invoke(args=["seed-demo"])
    line = next(x for x in result.output.splitlines() if x.strip().startswith("manager@"))
    password = line.split("hasło:")[1].strip()
    client = app_context.test_client()
    response = client.post(
        "/logowanie", data={"email": "manager@demo.rekonesans.pl", "password": password}
    )
    assert response.status_code == 302
