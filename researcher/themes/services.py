"""Run the needs analysis for a campaign and keep the manager's review of its themes.

The clustering itself is `analysis.themes` (pure, deterministic); this module feeds it the
campaign's needs, stores the run, and carries the manager's names and decisions from one run
to the next by member overlap.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
from flask_babel import gettext as _

from analysis.areas import dominant_area
from analysis.continuity import map_onto_previous
from analysis.pii import mask_pii
from analysis.themes import (
    UNASSIGNED,
    ThemeParams,
    assign_new,
    cluster_needs,
    split_theme,
)
from analysis.themes import Theme as FoundTheme
from analysis.vectors import DENSE_MODEL, dense_available, embed_texts
from researcher.auth.models import User
from researcher.extensions import db, utcnow
from researcher.interviews.models import Need, NeedStatus, need_not_restricted
from researcher.themes.bulk import NeedText, campaign_needs, store_assignments
from researcher.themes.models import AnalysisRun, NeedVector, RunStatus, Theme, ThemeAssignment

MIN_NEEDS = 4
EMBED_CHUNK = 256


class ThemeError(Exception):
    """A rule of the themes review was broken; the message is for the user."""


def _effective_area(need: Need) -> str:
    return need.reviewed_area or need.area




def latest_run(campaign_id: int) -> AnalysisRun | None:
    """The newest finished run of a campaign: the one whose themes the card uses."""
    return db.session.scalar(
        db.select(AnalysisRun)
        .where(AnalysisRun.campaign_id == campaign_id, AnalysisRun.status == RunStatus.READY)
        .order_by(AnalysisRun.id.desc())
    )


def visible_themes(run: AnalysisRun) -> list[Theme]:
    return [t for t in run.themes if t.merged_into_id is None]


def start_run(campaign_id: int, by: User, k: int | None = None, seed: int = 0) -> AnalysisRun:
    run = AnalysisRun(
        campaign_id=campaign_id,
        created_by_id=by.id,
        seed=seed,
        params={"k": k, "seed": seed, "method": "tfidf-svd-consensus-kmeans"},
    )
    db.session.add(run)
    db.session.flush()
    return run


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def dense_vectors(needs: Sequence[NeedText]) -> dict[int, np.ndarray] | None:
    """Dense vectors of `needs` when the optional encoder is installed, else None.

    Each need's vector is computed once and kept in `need_vectors`; only needs that have none
    yet (or whose description was corrected since) are encoded, so a re-run encodes nothing.
    """
    if not needs or not dense_available():
        return None
    stored = {
        v.need_id: v
        for v in db.session.scalars(
            db.select(NeedVector).where(NeedVector.need_id.in_([n.id for n in needs]))
        )
    }
    missing = [
        n for n in needs
        if n.id not in stored
        or stored[n.id].text_hash != _text_hash(n.description)
        or stored[n.id].model != DENSE_MODEL  # made another way: made again
    ]
    for start in range(0, len(missing), EMBED_CHUNK):
        chunk = missing[start : start + EMBED_CHUNK]
        for need, vector in zip(chunk, embed_texts([n.description for n in chunk]), strict=True):
            row = stored.get(need.id) or NeedVector(need_id=need.id)
            row.model = DENSE_MODEL
            row.text_hash = _text_hash(need.description)
            row.vector = np.asarray(vector, dtype=np.float32).tobytes()
            stored[need.id] = row
            db.session.add(row)
    db.session.flush()
    return {i: np.frombuffer(v.vector, dtype=np.float32) for i, v in stored.items()}


def _stored(found: FoundTheme) -> dict[str, Any]:
    """The columns of a stored theme from the analysis' theme (names PII-masked once more)."""
    return {
        "label": mask_pii(found.label)[:200],
        "top_terms": list(found.top_terms),
        "typical_need_ids": [t.id for t in found.typical],
        "size": found.size,
        "details": {
            "phrases": [mask_pii(p) for p in found.phrases],
            "agreement": found.agreement,
            "uncertain_need_ids": [t.id for t in found.uncertain],
        },
    }


def execute_run(run: AnalysisRun) -> None:
    """Cluster the campaign's needs now and store the themes; failures end in status "blad"."""
    run.status, run.progress = "trwa", 5
    db.session.flush()
    started = time.perf_counter()
    needs = campaign_needs(run.campaign_id)
    loaded = round(time.perf_counter() - started, 4)
    if len(needs) < MIN_NEEDS:
        run.status = "blad"
        run.error = _("Za mało potrzeb do analizy (co najmniej %(n)d).", n=MIN_NEEDS)
        run.finished_at = utcnow()
        return
    previous = latest_run(run.campaign_id)
    params = ThemeParams(k=run.params.get("k"), seed=run.seed)
    dense = dense_vectors(needs)
    run.progress = 30
    result = cluster_needs([(n.id, n.description) for n in needs], params, dense)
    run.progress = 70
    area_of = {n.id: n.area for n in needs}
    themes: dict[int, Theme] = {}
    for found in result.themes:
        if found.id == UNASSIGNED:
            continue
        area, _share = dominant_area([area_of[i] for i in found.member_ids])
        theme = Theme(number=found.id, dominant_area=area, **_stored(found))
        run.themes.append(theme)
        themes[found.id] = theme
    db.session.flush()
    stored = time.perf_counter()
    store_assignments(run, result, themes)
    # The app's side beside the analysis' stages: reading the needs, writing the assignments.
    timings = {**result.timings, "load_needs": loaded,
               "store": round(time.perf_counter() - stored, 4)}  # fmt: skip
    if previous is not None:
        _carry_review(previous, run)
    run.k = result.k
    run.n_needs = len(needs)
    run.n_unassigned = sum(1 for a in result.assignments if a == UNASSIGNED)
    run.stability = result.stability
    run.timings = timings
    run.params = {**run.params, "k_method": result.k_method, "dense": result.used_dense}
    run.status, run.progress, run.finished_at = RunStatus.READY, 100, utcnow()
    db.session.flush()


def members(run: AnalysisRun) -> dict[int, set[int]]:
    """Theme id → need ids, as the run's assignments stand now (after manual moves)."""
    out: dict[int, set[int]] = {}
    stmt = db.select(ThemeAssignment.theme_id, ThemeAssignment.need_id).where(
        ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id.is_not(None)
    )
    for theme_id, need_id in db.session.execute(stmt):
        out.setdefault(theme_id, set()).add(need_id)
    return out


def _carry_review(previous: AnalysisRun, run: AnalysisRun) -> None:
    """Keep the manager's names and decisions for themes that continue an earlier one."""
    reviewed = {t.id: t for t in visible_themes(previous) if t.name or t.reviewed}
    if not reviewed:
        return
    old = {tid: ids for tid, ids in members(previous).items() if tid in reviewed}
    mapping = map_onto_previous(old, members(run))
    current = {t.id: t for t in run.themes}
    for theme_id, old_id in mapping.items():
        theme, before = current[theme_id], reviewed[old_id]
        theme.name = before.name
        theme.reviewed = before.reviewed
        theme.reviewed_by_id = before.reviewed_by_id
        theme.continues_theme_id = before.id


def assign_late_needs(run: AnalysisRun) -> int:
    """Put needs synced after the run into the nearest theme; returns how many were placed."""
    # Asked on every view of a run: only the unplaced needs are loaded, by an anti-join on
    # the (run_id, need_id) unique index, not every need of the campaign.
    placed = db.select(ThemeAssignment.id).where(
        ThemeAssignment.run_id == run.id, ThemeAssignment.need_id == Need.id
    )
    late = list(
        db.session.scalars(
            db.select(Need)
            .where(
                Need.campaign_id == run.campaign_id,
                Need.status != NeedStatus.REJECTED,
                need_not_restricted(),
                ~placed.exists(),
            )
            .order_by(Need.id)
        )
    )
    if not late:
        return 0
    number_of = {t.id: t.number for t in run.themes}
    theme_of_number = {t.number: t for t in visible_themes(run)}
    rows = db.session.execute(
        db.select(Need.description, ThemeAssignment.theme_id)
        .join(ThemeAssignment, ThemeAssignment.need_id == Need.id)
        .where(ThemeAssignment.run_id == run.id)
    )
    existing = [(text, number_of.get(tid, UNASSIGNED)) for text, tid in rows]
    for need, found in zip(late, assign_new(existing, [n.description for n in late]), strict=True):
        theme = theme_of_number.get(found.theme)
        db.session.add(
            ThemeAssignment(
                run_id=run.id,
                need_id=need.id,
                theme_id=theme.id if theme else None,
                score=found.similarity,
                late=True,
            )
        )
        if theme:
            theme.size += 1
    db.session.flush()
    return len(late)


def rename(theme: Theme, name: str, by: User) -> None:
    theme.name = name.strip() or None
    theme.reviewed_by_id = by.id


def mark_reviewed(theme: Theme, reviewed: bool, by: User) -> None:
    theme.reviewed = reviewed
    theme.reviewed_by_id = by.id


def _reassign(run: AnalysisRun, source: Theme, target: Theme | None) -> int:
    rows = list(
        db.session.scalars(
            db.select(ThemeAssignment).where(
                ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id == source.id
            )
        )
    )
    for row in rows:
        row.theme_id = target.id if target else None
    return len(rows)


def merge(theme: Theme, into: Theme) -> Theme:
    """Fold `theme` into `into` (returned): its needs move, its row stays as a record."""
    if theme.id == into.id or theme.run_id != into.run_id:
        raise ThemeError(_("Wybierz inny temat z tej samej analizy."))
    into.size += _reassign(theme.run, theme, into)
    theme.size = 0
    theme.merged_into_id = into.id
    return into


def split(theme: Theme, k: int = 2) -> list[Theme]:
    """Re-cluster one theme's needs into `k` new themes."""
    run = theme.run
    ids = sorted(members(run).get(theme.id, set()))
    if len(ids) < max(k, 2) * 2:
        raise ThemeError(_("Za mało potrzeb w temacie, by go podzielić."))
    needs = {n.id: n for n in db.session.scalars(db.select(Need).where(Need.id.in_(ids)))}
    result = split_theme([(i, needs[i].description) for i in ids], k=k,
                         params=ThemeParams(seed=run.seed))
    next_number = max(t.number for t in run.themes) + 1
    created: list[Theme] = []
    by_number: dict[int, Theme] = {}
    for found in result.themes:
        if found.id == UNASSIGNED:
            continue
        area, _share = dominant_area([_effective_area(needs[i]) for i in found.member_ids])
        child = Theme(number=next_number + len(created), dominant_area=area, **_stored(found))
        run.themes.append(child)
        created.append(child)
        by_number[found.id] = child
    db.session.flush()
    assignments = {
        a.need_id: a
        for a in db.session.scalars(
            db.select(ThemeAssignment).where(
                ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id == theme.id
            )
        )
    }
    for need_id, number in zip(result.ids, result.assignments, strict=True):
        target = by_number.get(number)
        assignments[need_id].theme_id = target.id if target else None
    theme.size = 0
    theme.merged_into_id = created[0].id if created else None
    return created


def move_need(run: AnalysisRun, need_id: int, target: Theme | None) -> None:
    assignment = db.session.scalar(
        db.select(ThemeAssignment).filter_by(run_id=run.id, need_id=need_id)
    )
    if assignment is None:
        raise ThemeError(_("Ta potrzeba nie należy do tej analizy."))
    if target is not None and target.run_id != run.id:
        raise ThemeError(_("Wybierz temat z tej samej analizy."))
    old = db.session.get(Theme, assignment.theme_id) if assignment.theme_id else None
    if old is not None:
        old.size -= 1
    if target is not None:
        target.size += 1
    assignment.theme_id = target.id if target else None
    assignment.manual = True


def theme_summary(theme: Theme) -> dict[str, Any]:
    """What explains a theme: size, area and target-group mix, urgency mix, distinguishing
    phrases, agreement between seeds, typical needs and needs far from its centre
    ("niepewne", the ones a manager may want to move), texts PII-masked."""
    ids = members(theme.run).get(theme.id, set())
    needs = list(db.session.scalars(db.select(Need).where(Need.id.in_(ids)))) if ids else []
    by_id = {n.id: n for n in needs}
    details = theme.details or {}
    groups = Counter(g for n in needs for g in (n.reviewed_target_groups or n.target_groups or []))
    return {
        "areas": Counter(_effective_area(n) for n in needs).most_common(),
        "groups": groups.most_common(),
        "urgency": Counter(n.urgency for n in needs),
        "typical": [mask_pii(by_id[i].description) for i in theme.typical_need_ids if i in by_id],
        "phrases": details.get("phrases", []),
        "agreement": details.get("agreement"),
        "uncertain": [by_id[i] for i in details.get("uncertain_need_ids", []) if i in by_id],
        "needs": sorted(needs, key=lambda n: n.id),
    }
