"""Forms of the steering pages: the plan (targets and assignments) and review comments."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from researcher.steering.reviews import MAX_COMMENT


class PlanForm(FlaskForm):
    """The plan's grid is drawn by its template (a target and checkboxes per locality);
    this form carries the CSRF token and `parse_plan` reads the grid."""


def target_name(locality_id: int) -> str:
    return f"cel-{locality_id}"


def assignment_name(locality_id: int) -> str:
    return f"przydzial-{locality_id}"


def parse_plan(
    formdata: Mapping, locality_ids: Iterable[int]
) -> tuple[dict[int, int | None], dict[int, set[int]], dict[int, str]]:
    """Targets, assignments and per-locality errors from the posted grid."""
    targets: dict[int, int | None] = {}
    assignments: dict[int, set[int]] = {}
    errors: dict[int, str] = {}
    for locality_id in locality_ids:
        raw = (formdata.get(target_name(locality_id)) or "").strip()
        if not raw:
            targets[locality_id] = None
        elif raw.isdigit() and int(raw) <= 100_000:
            targets[locality_id] = int(raw)
        else:
            errors[locality_id] = _("Wpisz liczbę wywiadów od 0 do 100 000 albo zostaw puste.")
        chosen = formdata.getlist(assignment_name(locality_id))
        assignments[locality_id] = {int(v) for v in chosen if v.isdigit()}
    return targets, assignments, errors


class OpenReviewForm(FlaskForm):
    comment = TextAreaField(
        _l("Co trzeba wyjaśnić lub poprawić"),
        validators=[DataRequired(_l("Napisz, co trzeba wyjaśnić.")), Length(max=MAX_COMMENT)],
    )


class CloseReviewForm(FlaskForm):
    closing_comment = TextAreaField(
        _l("Komentarz na zamknięcie (nieobowiązkowy)"),
        validators=[Optional(), Length(max=MAX_COMMENT)],
    )
