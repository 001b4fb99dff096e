"""The manager runs the needs analysis for a campaign and reviews its themes."""

from __future__ import annotations

import uuid
from collections import Counter

import pytest

from researcher.extensions import db
from researcher.interviews.models import Need
from researcher.interviews.sync import apply_record
from researcher.themes import services
from researcher.themes.models import AnalysisRun, Theme, ThemeAssignment

SENIORS = [
    "Starsza pani mieszka sama i potrzebuje pomocy przy zakupach i sprzątaniu",
    "Samotny senior potrzebuje opiekunki do pomocy w domu przy zakupach",
    "Mama ma 85 lat, potrzebna pomoc opiekunki przy codziennych zakupach",
    "Sąsiadka starsza samotna, pomoc w domu i zakupy raz w tygodniu",
    "Seniorzy mieszkający samotnie potrzebują pomocy w domu i przy zakupach",
    "Babcia sama w domu, potrzebuje opieki i pomocy przy zakupach",
]
CHILDREN = [
    "Brak zajęć pozalekcyjnych dla dzieci po szkole w świetlicy",
    "Dzieci nie mają gdzie spędzać czasu po szkole, potrzebne zajęcia w świetlicy",
    "Zajęcia dla dzieci po lekcjach, świetlica czynna do wieczora",
    "Świetlica dla dzieci z zajęciami po szkole i pomocą w lekcjach",
    "Potrzebne zajęcia pozalekcyjne dla dzieci w świetlicy wiejskiej",
    "Dzieciom brakuje zajęć w świetlicy po szkole",
]
TRANSPORT = [
    "Nie ma czym dojechać do lekarza w mieście, autobus jeździ rzadko",
    "Dowóz do lekarza i na badania do powiatu dla osób bez samochodu",
    "Trudno dojechać do przychodni, potrzebny dowóz do lekarza",
    "Transport do lekarza specjalisty, brak autobusu do miasta",
    "Potrzebny dowóz na wizyty u lekarza w szpitalu powiatowym",
    "Dojazd do lekarza jest problemem, nie ma połączenia autobusowego",
]


def needs_record(interview, texts: list[str], area: str) -> dict:
    record = interview()
    template = record["data"]["needs"][0]
    record["data"]["needs"] = [{**template, "description": t, "area": area} for t in texts]
    return record


@pytest.fixture
def campaign_needs(app_context, demo, interview, make_user):
    """Eighteen needs in three obvious groups, three needs per interview."""
    researcher = make_user("researcher")
    for group, area in ((SENIORS, "pomoc_spoleczna"), (CHILDREN, "edukacja"),
                        (TRANSPORT, "zdrowie")):
        for i in range(0, len(group), 3):
            record = needs_record(interview, group[i : i + 3], area)
            result = apply_record(record, researcher, str(uuid.uuid4()), None)
            assert result.status == "created", result.errors
    db.session.commit()
    return researcher


@pytest.fixture
def inline(app):
    """Jobs run inside the request that queued them (the tests' JOBS_WORKER)."""
    assert app.config["JOBS_WORKER"] == "inline"


@pytest.fixture
def worker_thread(app):
    """The web process's worker thread, as in `make run`; stopped after the test."""
    from researcher.jobs import worker

    app.config["JOBS_WORKER"] = "thread"
    yield
    worker.stop_thread(app)
    app.config["JOBS_WORKER"] = "inline"


def run_analysis(client, k=3, seed=0) -> AnalysisRun:
    client.post("/tematy/", data={"campaign": 1, "k": k, "seed": seed})
    return db.session.scalar(db.select(AnalysisRun).order_by(AnalysisRun.id.desc()))


def partition(run: AnalysisRun) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    rows = db.session.execute(
        db.select(ThemeAssignment.theme_id, Need.description)
        .join(Need, Need.id == ThemeAssignment.need_id)
        .where(ThemeAssignment.run_id == run.id)
    )
    for theme_id, text in rows:
        groups.setdefault(theme_id, set()).add(text)
    return {frozenset(g) for g in groups.values()}


def test_analysis_finds_the_three_groups(client, login, campaign_needs, inline):
    login("manager")
    run = run_analysis(client)
    assert run.status == "gotowa"
    assert partition(run) == {frozenset(SENIORS), frozenset(CHILDREN), frozenset(TRANSPORT)}
    assert {t.dominant_area for t in run.themes} == {"pomoc_spoleczna", "edukacja", "zdrowie"}


def test_run_stores_parameters_seed_counts_and_timings(client, login, campaign_needs, inline):
    login("manager")
    run = run_analysis(client, seed=7)
    assert (run.seed, run.k, run.n_needs) == (7, 3, 18)
    assert run.params["k"] == 3 and "total" in run.timings
    assert run.stability is not None


def test_every_need_gets_one_assignment_row_with_its_theme_and_score(
    client, login, campaign_needs, inline
):
    login("manager")
    run = run_analysis(client)
    rows = db.session.execute(
        db.select(ThemeAssignment.need_id, ThemeAssignment.theme_id, ThemeAssignment.score,
                  ThemeAssignment.manual, ThemeAssignment.late)
        .where(ThemeAssignment.run_id == run.id)
    ).all()  # fmt: skip
    assert len(rows) == len({r.need_id for r in rows}) == run.n_needs
    sizes = Counter(r.theme_id for r in rows if r.theme_id is not None)
    assert sizes == {t.id: t.size for t in run.themes if t.size}
    assert sum(r.theme_id is None for r in rows) == run.n_unassigned
    assert all(r.score is not None for r in rows)
    assert not any(r.manual or r.late for r in rows)
    assert {"load_needs", "store", "total"} <= set(run.timings)


def test_themes_page_shows_size_terms_and_typical_needs(client, login, campaign_needs, inline):
    login("manager")
    run = run_analysis(client)
    page = client.get(f"/tematy/analizy/{run.id}").text
    assert "Potrzeb: 6" in page
    assert "świetlic" in page


def test_rename_and_review_survive_a_rerun(client, login, campaign_needs, inline):
    login("manager")
    first = run_analysis(client)
    theme = next(t for t in first.themes if t.dominant_area == "edukacja")
    client.post(f"/tematy/{theme.id}", data={"name": "Świetlica po szkole", "reviewed": "y"})
    second = run_analysis(client, seed=3)
    again = next(t for t in second.themes if t.dominant_area == "edukacja")
    assert (again.name, again.reviewed, again.continues_theme_id) == (
        "Świetlica po szkole", True, theme.id
    )


def test_merge_moves_needs_into_the_other_theme(client, login, campaign_needs, inline):
    login("manager")
    run = run_analysis(client)
    a, b = run.themes[0], run.themes[1]
    client.post(f"/tematy/{a.id}/scal", data={"into": b.id})
    db.session.refresh(b)
    assert b.size == 12
    assert len(services.visible_themes(run)) == 2


def test_merge_leads_to_the_theme_it_joined(client, login, campaign_needs, inline):
    login("manager")
    run = run_analysis(client)
    a, b = run.themes[0], run.themes[1]
    response = client.post(f"/tematy/{a.id}/scal", data={"into": b.id})
    assert response.headers["Location"].endswith(f"/tematy/{b.id}")


def test_split_reclusters_one_theme(client, login, campaign_needs, inline):
    login("manager")
    run = run_analysis(client, k=2)
    biggest = max(run.themes, key=lambda t: t.size)
    client.post(f"/tematy/{biggest.id}/podziel", data={"k": 2})
    db.session.expire_all()
    visible = services.visible_themes(db.session.get(AnalysisRun, run.id))
    assert len(visible) == 3
    assert sum(t.size for t in visible) + run.n_unassigned == 18


def test_move_a_need_to_another_theme(client, login, campaign_needs, inline):
    login("manager")
    run = run_analysis(client)
    source, target = run.themes[0], run.themes[1]
    need_id = next(iter(services.members(run)[source.id]))
    client.post(f"/tematy/{source.id}/przenies", data={"need_id": need_id, "target": target.id})
    assignment = db.session.scalar(db.select(ThemeAssignment).filter_by(need_id=need_id))
    assert assignment.theme_id == target.id and assignment.manual


def test_needs_synced_after_a_run_join_the_nearest_theme(
    client, login, campaign_needs, interview, inline
):
    login("manager")
    run = run_analysis(client)
    late = needs_record(interview, ["Potrzebne zajęcia dla dzieci w świetlicy po lekcjach"],
                        "edukacja")
    apply_record(late, campaign_needs, str(uuid.uuid4()), None)
    db.session.commit()
    client.get(f"/tematy/analizy/{run.id}")
    need = db.session.scalar(db.select(Need).order_by(Need.id.desc()))
    assignment = db.session.scalar(db.select(ThemeAssignment).filter_by(need_id=need.id))
    assert assignment.late
    assert db.session.get(Theme, assignment.theme_id).dominant_area == "edukacja"


def test_too_few_needs_end_in_a_clear_error(client, login, demo, inline):
    login("manager")
    run = run_analysis(client)
    assert run.status == "blad" and "Za mało potrzeb" in run.error


def test_background_run_reports_progress_until_done(
    app, client, login, campaign_needs, worker_thread
):
    import time

    login("manager")
    run = run_analysis(client)
    for _ in range(100):
        state = client.get(f"/tematy/analizy/{run.id}/stan").get_json()
        if state["status"] not in ("oczekuje", "trwa"):
            break
        time.sleep(0.1)
    assert (state["status"], state["label"], state["progress"]) == ("gotowa", "Gotowa", 100)
    assert state["finished"] and state["error"] is None


def test_card_row_from_a_theme_carries_its_needs(client, login, campaign_needs, inline):
    from researcher.card.models import ServiceCardRow
    from researcher.card.services import evidence

    login("manager")
    run = run_analysis(client)
    client.post("/karty/", data={"campaign": 1, "title": "K", "prepared_on": "2026-11-20",
                                 "prepared_by_name": "P"})
    theme = run.themes[0]
    client.post("/karty/1/z-tematu", data={"theme_id": theme.id})
    row = db.session.scalar(db.select(ServiceCardRow))
    assert row is not None and evidence(row).needs == theme.size


def test_dense_vectors_are_computed_once_and_kept(client, login, campaign_needs, inline):
    from researcher.themes.models import NeedVector

    login("manager")
    first = run_analysis(client)
    assert first.params["dense"] is True
    rows = db.session.scalars(db.select(NeedVector))
    stored = {v.need_id: (v.created_at, v.vector) for v in rows}
    assert len(stored) == 18
    run_analysis(client, seed=1)
    db.session.expire_all()
    again = {v.need_id: (v.created_at, v.vector) for v in db.session.scalars(db.select(NeedVector))}
    assert again == stored


def test_a_corrected_description_gets_a_new_vector(client, login, campaign_needs, inline):
    from researcher.themes.models import NeedVector

    login("manager")
    run_analysis(client)
    need = db.session.scalar(db.select(Need).order_by(Need.id))
    before = db.session.get(NeedVector, need.id).vector
    need.description = "Remont dachu w domu samotnej sąsiadki"
    db.session.commit()
    run_analysis(client)
    db.session.expire_all()
    assert db.session.get(NeedVector, need.id).vector != before


def test_vectors_made_another_way_are_made_again(client, login, campaign_needs, inline):
    from analysis.vectors import DENSE_MODEL
    from researcher.themes.models import NeedVector

    login("manager")
    run_analysis(client)
    db.session.execute(db.update(NeedVector).values(model="an-older-encoder"))
    db.session.commit()
    run_analysis(client, seed=1)
    db.session.expire_all()
    assert set(db.session.scalars(db.select(NeedVector.model))) == {DENSE_MODEL}


def test_run_page_names_themes_with_a_phrase_keywords_and_the_reason_for_k(
    client, login, campaign_needs, inline
):
    login("manager")
    run = client.post("/tematy/", data={"campaign": 1, "seed": 0})
    run = db.session.scalar(db.select(AnalysisRun).order_by(AnalysisRun.id.desc()))
    page = client.get(f"/tematy/analizy/{run.id}").text
    assert "Dlaczego tyle tematów:" in page and "k = " in page
    assert "Słowa kluczowe:" in page
    assert "Inne / nieprzypisane" in page
    labels = [t.label for t in run.themes]
    assert all(", " not in label for label in labels), labels  # phrases, not keyword lists


def test_theme_page_explains_the_theme(client, login, campaign_needs, inline):
    login("manager")
    run = run_analysis(client)
    theme = next(t for t in run.themes if t.dominant_area == "zdrowie")
    assert theme.details["phrases"] and theme.details["agreement"] is not None
    page = client.get(f"/tematy/{theme.id}").text
    for heading in ("Co wyróżnia ten temat", "Stabilność", "Wyróżniające frazy", "Obszary",
                    "Grupy docelowe", "Typowe potrzeby"):
        assert heading in page
    assert theme.details["phrases"][0] in page


def test_the_list_of_runs_shows_status_labels_not_codes(client, login, campaign_needs, inline):
    login("manager")
    run_analysis(client)
    page = client.get("/tematy/?campaign=1").get_data(as_text=True)
    assert "<td>Gotowa</td>" in page and "<td>gotowa</td>" not in page


@pytest.mark.parametrize("k", [1, 61])
def test_k_outside_the_limits_starts_no_analysis(client, login, campaign_needs, k):
    login("manager")
    response = client.post("/tematy/", data={"campaign": 1, "k": k}, follow_redirects=True)
    assert "Liczba tematów musi być między 2 a 60" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(AnalysisRun)) is None
    page = client.get("/tematy/?campaign=1").get_data(as_text=True)
    assert 'min="2" max="60"' in page  # the same limits, from themes/forms.py
