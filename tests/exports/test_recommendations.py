"""Wnioski i rekomendacje linked to evidence, approved quotes, and the residents' summary."""

from __future__ import annotations

import pytest

from researcher.campaigns.models import Campaign
from researcher.exports import services
from researcher.extensions import db
from researcher.interviews.models import Need
from researcher.recommendations import services as recommendations
from researcher.recommendations.models import Recommendation
from researcher.recommendations.summary import residents_summary
from researcher.themes.models import Theme
from tests.exports.data import build, craft_campaign
from tests.exports.files import docx_text, pdf_text, sheet_values


@pytest.fixture
def crafted(demo, add_visit):  # noqa: F811
    return craft_campaign(demo, add_visit)


def _campaign() -> Campaign:
    return db.session.scalar(db.select(Campaign))


def _theme(name_part: str) -> Theme:
    return next(t for t in db.session.scalars(db.select(Theme)) if name_part in t.display_name)


def _export(app_context, crafted, fmt: str):
    job = services.create_job("diagnosis", crafted.campaign_id, fmt, "cus", None,
                              app_context.config)  # fmt: skip
    db.session.commit()
    job = build(job)
    assert job.status == "gotowy", job.error
    return services.job_path(app_context, job)


def test_a_recommendation_needs_evidence_of_its_campaign(client, login, crafted):
    login("manager")
    campaign = _campaign()
    without = client.post(f"/rekomendacje/?campaign={campaign.id}", data={
        "title": "Usługi opiekuńcze dla wszystkich", "body": "Bez kryterium dochodowego."})
    assert without.status_code == 400 and "co najmniej jeden dowód" in without.text
    theme = _theme("Opieka nad seniorami")
    saved = client.post(f"/rekomendacje/?campaign={campaign.id}", data={
        "title": "Usługi opiekuńcze dla wszystkich", "body": "Bez kryterium dochodowego.",
        "evidence": [f"temat:{theme.id}", "obszar:pomoc_spoleczna", "luka:pomoc_spoleczna"],
    })  # fmt: skip
    assert saved.status_code == 302
    (recommendation,) = db.session.scalars(db.select(Recommendation)).all()
    assert [e.key for e in recommendation.evidence] == [
        f"temat:{theme.id}", "obszar:pomoc_spoleczna", "luka:pomoc_spoleczna"
    ]
    foreign = client.post(f"/rekomendacje/?campaign={campaign.id}", data={
        "title": "X", "body": "Y", "evidence": ["karta:999999"]})
    assert foreign.status_code == 400


def test_evidence_is_described_with_published_figures(crafted):
    campaign = _campaign()
    from researcher.auth.models import User

    manager = db.session.scalar(db.select(User).where(User.role == "manager"))
    small = _theme("=")  # the crafted theme of 3 needs (a formula-like name)
    recommendation = recommendations.save(
        campaign, "Zajęcia", "Więcej zajęć.", [f"temat:{small.id}", "obszar:edukacja"], manager
    )
    texts = [recommendations.describe(e, campaign.id, 5) for e in recommendation.evidence]
    assert "<5 potrzeb" in texts[0]  # 3 needs: shown as "<5", never 3
    assert "Edukacja publiczna" in texts[1]


def test_recommendations_open_the_docx_and_pdf_and_are_a_sheet(app_context, crafted):
    from researcher.auth.models import User

    manager = db.session.scalar(db.select(User).where(User.role == "manager"))
    recommendations.save(_campaign(), "Opieka wytchnieniowa w gminie", "Uruchomić usługę.",
                         ["obszar:pomoc_spoleczna"], manager)  # fmt: skip
    db.session.commit()
    docx = docx_text(_export(app_context, crafted, "docx"))
    assert docx.index("Wnioski i rekomendacje") < docx.index("Metoda i zakres")
    assert "1. Opieka wytchnieniowa w gminie" in docx and "Dowód: Obszar" in docx
    pdf = pdf_text(_export(app_context, crafted, "pdf"))
    assert pdf.index("Wnioski i rekomendacje") < pdf.index("Metoda i zakres")
    sheets = sheet_values(_export(app_context, crafted, "xlsx"))
    assert list(sheets)[1] == "Rekomendacje"
    assert any("Opieka wytchnieniowa w gminie" in map(str, row) for row in sheets["Rekomendacje"])


def test_only_approved_quotes_without_personal_data_reach_the_export(app_context, crafted):
    needs = db.session.scalars(db.select(Need).order_by(Need.id)).all()
    needs[0].description, needs[0].quote_approved = "Mama potrzebuje opieki w domu.", True
    needs[1].description, needs[1].quote_approved = "Proszę dzwonić 601 234 567.", True
    needs[2].description = "Niezatwierdzony opis potrzeby."
    db.session.commit()
    sheets = sheet_values(_export(app_context, crafted, "xlsx"))
    quotes = [str(cell) for row in sheets["Cytaty"] for cell in row]
    assert "Mama potrzebuje opieki w domu." in quotes
    assert not any("601" in q or "Niezatwierdzony" in q for q in quotes)


def test_the_residents_summary_shows_no_count_below_k(crafted):
    from researcher.auth.models import User

    manager = db.session.scalar(db.select(User).where(User.role == "manager"))
    recommendations.save(_campaign(), "Więcej zajęć dla dzieci", "…", ["obszar:edukacja"],
                         manager)  # fmt: skip
    summary = residents_summary(_campaign(), 5)
    assert summary.areas and all(n >= 5 for n in summary.counts())
    assert all(size >= 5 for _, size in summary.themes)
    assert "=" not in " ".join(name for name, _ in summary.themes)  # the 3-need theme is left out
    assert summary.proposals == ["Więcej zajęć dla dzieci"]


def test_the_public_link_works_only_while_switched_on(client, login, crafted):
    login("manager")
    campaign = _campaign()
    client.post(f"/rekomendacje/podsumowanie/{campaign.id}", data={"enabled": "1"})
    token = recommendations.public_state(campaign).token
    client.post("/wyloguj")
    page = client.get(f"/dla-mieszkancow/{token}")
    assert page.status_code == 200 and "Co usłyszeliśmy od mieszkańców" in page.text
    assert client.get(f"/dla-mieszkancow/{token}.pdf").mimetype == "application/pdf"
    login("manager")
    client.post(f"/rekomendacje/podsumowanie/{campaign.id}", data={"enabled": "0"})
    client.post("/wyloguj")
    assert client.get(f"/dla-mieszkancow/{token}").status_code == 404
    assert client.get("/dla-mieszkancow/zgadywany-token").status_code == 404
