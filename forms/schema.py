"""The marshmallow schemas of sync: the record data built from a questionnaire version, the
envelope of one synced record and of a batch; plus error-path flattening and PII warnings.

One set of rules: the sync API, the backup upload and the no-JS form all validate record data
with `record_data_schema(version)`. Field-local checks (types, option keys, lengths, choice
limits) are marshmallow fields; cross-field rules come from `forms.rules`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

from marshmallow import (
    RAISE,
    Schema,
    ValidationError,
    fields,
    validate,
    validates,
    validates_schema,
)

from forms.fast_load import Answer, FastSchema, OneAnd
from forms.feedback import flatten_errors, pii_warnings
from forms.messages import MESSAGES, message
from forms.model import Group, Question, Questionnaire
from forms.questionnaire import (
    QUESTIONNAIRES,
    RESPONDENT_CODE_ALPHABET,
    RESPONDENT_CODE_LENGTH,
    RESPONDENT_CODE_PATTERN,
    get_questionnaire,
)
from forms.rules import check_answers
from forms.storable import MAX_INTEGER, unstorable

#: The most records one sync request may carry.
MAX_BATCH_RECORDS = 500
#: The most bytes one record may take. The largest a phone makes (every text at its longest
#: in Polish letters, three needs, contact data, written as the backup file indents it) is
#: about 7 kB (tests/field/test_limits.py measures it); twice that leaves room for escapes.
#: The sync API's and the backup upload's byte limits follow from it, so they never refuse
#: what their record limits allow.
MAX_RECORD_BYTES = 16 * 1024


class _StrictBoolean(Answer, fields.Boolean):
    """JSON true/false only (marshmallow's Boolean also takes "yes", 1, "on"…)."""

    def _plain(self, value: Any) -> bool:
        return value is True or value is False

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        if value is True or value is False:
            return value
        raise self.make_error("invalid")


class _StrictInteger(Answer, fields.Integer):
    """JSON integers only: no strings, floats or booleans."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(strict=True, **kwargs)

    def _plain(self, value: Any) -> bool:
        return type(value) is int

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> int:
        if isinstance(value, bool):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class _String(Answer, fields.String):
    """`fields.String` with the `Answer` shortcut for a `str`."""

    def _plain(self, value: Any) -> bool:
        return type(value) is str


class _Base(FastSchema):
    """Polish schema-level messages; unknown fields are errors; loads by `forms.fast_load`."""

    error_messages: ClassVar[dict[str, str]] = {  # type: ignore[misc]
        "type": MESSAGES["invalid_object"],
        "unknown": MESSAGES["unknown_field"],
    }

    class Meta:
        unknown = RAISE
        register = False


# --- record data, built from the definition -------------------------------------------------

_ANSWER = {"required": False, "allow_none": True}


def _no_duplicates(values: list[Any]) -> None:
    if len(set(map(repr, values))) != len(values):
        raise ValidationError(message("duplicate_choice"))


def _exclusive_options(question: Question) -> Any:
    exclusive = [o for o in question.options if o.exclusive]

    def check(values: list[Any]) -> None:
        for option in exclusive:
            if option.key in values and len(values) > 1:
                raise ValidationError(message("exclusive_choice", label=option.label))

    return check


class _Choice(_String):
    """One option key: a string within a frozenset of keys.

    Behaves like `fields.String(validate=validate.OneOf(keys, error=error))` (same messages,
    same order of checks) without building and calling a validator chain for every answer.
    """

    def __init__(self, keys: Iterable[str], *, error: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        keys = tuple(keys)
        self.choices = frozenset(keys)
        self.choices_text = ", ".join(keys)
        self.error = error

    def _plain(self, value: Any) -> bool:
        return type(value) is str and value in self.choices

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        if type(value) is not str:
            value = super()._deserialize(value, attr, data, **kwargs)
        if value not in self.choices:
            raise ValidationError(
                self.error.format(input=value, choices=self.choices_text, labels="")
            )
        return value

    def _validate(self, value: Any) -> None:
        if self.validators:
            super()._validate(value)


class _ChoiceList(OneAnd, fields.List):
    """A list of `_Choice` keys; a list of known keys is copied as it is, as
    `fields.List` would after loading each key as itself."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> list[Any]:
        inner = self.inner
        if type(value) is list and isinstance(inner, _Choice) and not inner._has_hooks:
            try:
                known = inner.choices.issuperset(value)
            except TypeError:  # an unhashable element (a list, an object): not a key
                known = False
            if known and not inner.validators:
                return list(value)
        return super()._deserialize(value, attr, data, **kwargs)


def _choice(question: Question, **kwargs: Any) -> fields.String:
    return _Choice(
        [o.key for o in question.options],
        error=MESSAGES["invalid_choice"],
        error_messages={"invalid": MESSAGES["invalid_string"], "null": MESSAGES["null"]},
        **kwargs,
    )


def _single(question: Question) -> fields.Field:
    return _choice(question, **_ANSWER)


def _multi(question: Question) -> fields.Field:
    validators = [_no_duplicates, _exclusive_options(question)]
    if question.max_choices:
        validators.append(
            validate.Length(max=question.max_choices, error=MESSAGES["too_many_choices"])
        )
    return _ChoiceList(_choice(question), validate=validators,
                       error_messages={"invalid": MESSAGES["invalid_list"]}, **_ANSWER)


def _text(question: Question) -> fields.Field:
    validators = []
    if question.max_length:
        validators.append(validate.Length(max=question.max_length, error=MESSAGES["too_long"]))
    return _String(validate=validators,
                   error_messages={"invalid": MESSAGES["invalid_string"]}, **_ANSWER)


def _bool(question: Question) -> fields.Field:
    return _StrictBoolean(error_messages={"invalid": MESSAGES["invalid_bool"]}, **_ANSWER)


def _integer(question: Question) -> fields.Field:
    return _StrictInteger(
        validate=validate.Range(min=1, max=MAX_INTEGER, error=MESSAGES["integer_range"]),
        error_messages={"invalid": MESSAGES["invalid_integer"]},
        **_ANSWER,
    )


def _code(question: Question) -> fields.Field:
    error = message("invalid_code", length=RESPONDENT_CODE_LENGTH,
                    alphabet=RESPONDENT_CODE_ALPHABET)
    return _String(validate=validate.Regexp(RESPONDENT_CODE_PATTERN, error=error),
                   error_messages={"invalid": MESSAGES["invalid_string"]}, **_ANSWER)


#: How each question type of `forms.model.QUESTION_TYPES` becomes a marshmallow field.
FIELD_BUILDERS = {
    "single": _single,
    "multi": _multi,
    "bool": _bool,
    "text": _text,
    "textarea": _text,
    "integer": _integer,
    "code": _code,
}


def _group_field(group: Group) -> fields.Field:
    item_schema = _Base.from_dict(
        {q.key: FIELD_BUILDERS[q.type](q) for q in group.questions},
        name=f"{group.key.title()}Schema",
    )
    messages = {"type": MESSAGES["invalid_object"], "null": MESSAGES["invalid_object"]}
    if not group.repeat:
        return fields.Nested(item_schema, error_messages=messages, **_ANSWER)
    nested = fields.Nested(item_schema, error_messages=messages)
    return fields.List(
        nested,
        validate=validate.Length(max=group.max_items, error=MESSAGES["too_many_items"]),
        error_messages={"invalid": MESSAGES["invalid_list"]},
        **_ANSWER,
    )


class RecordDataSchema(_Base):
    """Base of the generated record-data schemas; runs the cross-field rules."""

    questionnaire: ClassVar[Questionnaire]

    @validates_schema(pass_original=True, skip_on_field_errors=False)
    def _check_rules(self, data: Any, original_data: Any, **kwargs: Any) -> None:
        if isinstance(original_data, Mapping):
            errors = check_answers(self.questionnaire, original_data)
            if errors:
                raise ValidationError(errors)


@functools.cache
def record_data_schema(version: str) -> Schema:
    """The schema of the `data` of a record of questionnaire `version` (cached).

    Raises `forms.questionnaire.UnknownVersion` for a version never published.
    """
    questionnaire = get_questionnaire(version)
    attrs: dict[str, Any] = {"questionnaire": questionnaire}
    for _, item in questionnaire.items():
        attrs[item.key] = (
            _group_field(item) if isinstance(item, Group) else FIELD_BUILDERS[item.type](item)
        )
    schema_class = type(f"RecordData_{version.replace('.', '_')}", (RecordDataSchema,), attrs)
    return schema_class()


# --- sync envelopes -------------------------------------------------------------------------


def _uuid() -> fields.UUID:
    return fields.UUID(required=True, error_messages={
        "invalid_uuid": MESSAGES["invalid_uuid"], "invalid": MESSAGES["invalid_uuid"],
        "required": MESSAGES["required"],
        "null": MESSAGES["required"]})


EARLIEST_RECORD = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_RECORD = datetime(2100, 1, 1, tzinfo=UTC)


class SyncRecordSchema(_Base):
    """One record of a sync batch; `data` is checked afterwards against `form_version`."""

    uuid = _uuid()
    revision = _StrictInteger(
        required=True,
        validate=validate.Range(min=1, max=MAX_INTEGER, error=MESSAGES["integer_range"]),
        error_messages={"invalid": MESSAGES["invalid_integer"], "required": MESSAGES["required"],
                        "null": MESSAGES["required"]},
    )
    form_version = fields.String(required=True, error_messages={
        "invalid": MESSAGES["invalid_string"], "required": MESSAGES["required"],
        "null": MESSAGES["required"]})
    recorded_at = fields.AwareDateTime(format="iso", required=True, error_messages={
        "invalid": MESSAGES["invalid_datetime"], "format": MESSAGES["invalid_datetime"],
        "invalid_awareness": MESSAGES["naive_datetime"], "required": MESSAGES["required"],
        "null": MESSAGES["required"]})
    data = fields.Dict(required=True, error_messages={
        "invalid": MESSAGES["invalid_object"], "required": MESSAGES["required"],
        "null": MESSAGES["required"]})
    # When the form was opened and first saved (issue 12, a quality signal): envelope
    # metadata, so every questionnaire version takes them; older phones send neither.
    opened_at = fields.AwareDateTime(format="iso", allow_none=True, load_default=None,
                                     error_messages={"invalid": MESSAGES["invalid_datetime"]})
    finished_at = fields.AwareDateTime(format="iso", allow_none=True, load_default=None,
                                    error_messages={"invalid": MESSAGES["invalid_datetime"]})
    # Entered later from a paper questionnaire; `recorded_at` is then the interview's date.
    from_paper = _StrictBoolean(load_default=False, error_messages={
        "invalid": MESSAGES["invalid_bool"], "null": MESSAGES["invalid_bool"]})

    @validates("form_version")
    def _published(self, value: str, **kwargs: Any) -> None:
        if value not in QUESTIONNAIRES:
            raise ValidationError(message("unknown_version", version=value))

    @validates("recorded_at")
    def _plausible(self, value: datetime, **kwargs: Any) -> None:
        # Absolute bounds, so that every later date computation (UTC, Warsaw day, month
        # ends) stays in range; the campaign's own period is checked by the sync service.
        if not EARLIEST_RECORD <= value < LATEST_RECORD:
            raise ValidationError(message(
                "implausible_date", min=EARLIEST_RECORD.date(), max=LATEST_RECORD.date()))

    @validates("opened_at", "finished_at")
    def _plausible_timing(self, value: datetime | None, **kwargs: Any) -> None:
        if value is not None:
            self._plausible(value)


class SyncBatchSchema(_Base):
    """A sync request; its records are validated one by one with `validate_sync_record`."""

    device_id = _uuid()
    batch_id = _uuid()
    records = fields.List(
        fields.Raw(allow_none=True),  # a null record is rejected on its own, like any non-object
        required=True,
        validate=validate.Length(max=MAX_BATCH_RECORDS, error=MESSAGES["too_many_records"]),
        error_messages={"invalid": MESSAGES["invalid_list"], "required": MESSAGES["required"],
                        "null": MESSAGES["required"]},
    )


sync_record_schema = SyncRecordSchema()
sync_batch_schema = SyncBatchSchema()


@dataclass
class RecordCheck:
    """The outcome of validating one synced record: loaded envelope or errors, and warnings."""

    record: dict[str, Any] | None
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the record may be stored."""
        return not self.errors


def validate_sync_record(raw: Any) -> RecordCheck:
    """Validate one record of a batch: the envelope, then `data` against its `form_version`.

    Errors are flattened to paths (`revision`, `form_version`, `data.needs.1.urgency`); an
    unknown version is an error at `form_version` and leaves `data` unchecked. Warnings (PII
    in free text) never block.
    """
    if not isinstance(raw, Mapping):
        return RecordCheck(None, {"": [MESSAGES["not_a_record"]]})
    errors = unstorable(raw)
    if errors:  # nothing else is checked: messages would repeat the unstorable text
        return RecordCheck(None, errors)
    try:
        record = sync_record_schema.load(raw)
    except ValidationError as err:
        record = None
        errors.update(flatten_errors(err.messages, prefix=""))
    version, data = raw.get("form_version"), raw.get("data")
    if not isinstance(version, str) or version not in QUESTIONNAIRES or not isinstance(
        data, Mapping
    ):
        return RecordCheck(None, errors)
    try:
        loaded = record_data_schema(version).load(data)
    except ValidationError as err:
        errors.update(flatten_errors(err.messages, prefix="data"))
    else:
        if record is not None:
            record["data"] = loaded
    warnings = pii_warnings(data, version)
    return RecordCheck(None if errors else record, errors, warnings)
