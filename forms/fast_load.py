"""A faster marshmallow load for sync records, with exactly marshmallow's results.

Why this module exists: validating a sync batch was dominated by marshmallow's general loop,
which for every object recomputes what never changes for our schemas (field names, which
absent fields may be skipped, the set of known keys) and, for every value, rebuilds a
`validate.And` and runs hooks our fields do not have. The classes here do that work once.

The price: `FastSchema._deserialize` overrides marshmallow's *private* `Schema._deserialize`
(and `Answer` leans on `Field.deserialize`'s order of steps). That is why marshmallow is pinned
below 5 in pyproject.toml; before raising the pin, run `tests/forms/test_fast_load.py`, which
loads every record and error case through both paths and demands identical results, errors
and error paths. Anything these shortcuts cannot prove equal (`many`, `partial`, `data_key`,
`attribute`, hooks) takes marshmallow's own path.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from marshmallow import EXCLUDE, INCLUDE, RAISE, Schema, ValidationError, fields, validate
from marshmallow.error_store import ErrorStore
from marshmallow.utils import missing


class OneAnd(fields.Field):
    """`Field._validate_all` builds a new `validate.And` of the validators for every value;
    the validators of our fields never change, so one is built once."""

    @functools.cached_property
    def _validate_all(self) -> validate.And:  # type: ignore[override]
        return validate.And(*self.validators)


class Answer(OneAnd):
    """A field that loads a well-typed value as itself, with a shortcut for that case.

    `Field.deserialize` checks for a missing or null value, runs the field's pre- and
    post-load callables, then `_deserialize`. When `_plain(value)` holds (a value that
    `_deserialize` returns unchanged) and there are no such callables, none of that can change
    the outcome: only the validators run. Every other value takes marshmallow's own path.
    """

    def _plain(self, value: Any) -> bool:
        """True for a value `_deserialize` would return unchanged; subclasses say which."""
        return False

    @functools.cached_property
    def _has_hooks(self) -> bool:
        return bool(self.pre_load or self.post_load)

    def deserialize(self, value: Any, attr: str | None = None, data: Any = None,
                    **kwargs: Any) -> Any:
        if self._plain(value) and not self._has_hooks:
            if self.validators:
                self._validate_all(value)
            return value
        return super().deserialize(value, attr, data, **kwargs)


class FastSchema(Schema):
    """Loads one object the way `Schema._deserialize` does (same values, same errors in the same
    places) with what it recomputes for every object worked out once per schema: the field
    names, which absent fields can be skipped, the set of known keys for `unknown`. A sync
    record goes through ~70 fields, most of them in three need entries, so this is a good part
    of the cost of validating it.
    """

    class Meta:
        register = False

    _plan_for: Any = None  # the `load_fields` that `_plan` was worked out from

    @property
    def _load_plan(self) -> tuple[tuple[tuple[str, fields.Field, bool], ...], frozenset] | None:
        """(key, field, may be skipped when absent) per field and the known keys; None when
        a field needs what only marshmallow's general loop does (`data_key`, `attribute`).

        Worked out again when `load_fields` is replaced (a copied schema re-initialised by
        `fields.Nested`, `only`/`exclude`)."""
        if self._plan_for is not self.load_fields:
            self._plan, self._plan_for = self._make_plan(), self.load_fields
        return self._plan

    def _make_plan(self) -> tuple[tuple[tuple[str, fields.Field, bool], ...], frozenset] | None:
        plan = []
        for name, field_obj in self.load_fields.items():
            if field_obj.data_key is not None or field_obj.attribute is not None or "." in name:
                return None
            # Absent and optional without a default: `Field.deserialize` returns `missing`.
            skip = not field_obj.required and field_obj.load_default is missing
            plan.append((name, field_obj, skip))
        return tuple(plan), frozenset(self.load_fields)

    def _deserialize(  # type: ignore[override]
        self,
        data: Any,
        *,
        error_store: ErrorStore,
        many: bool = False,
        partial: Any = None,
        unknown: Any = RAISE,
        index: int | None = None,
    ) -> Any:
        plan = self._load_plan
        if many or partial is not None or plan is None:
            # marshmallow's loop; for `many` it comes back here for each object.
            return super()._deserialize(
                data, error_store=error_store, many=many, partial=partial, unknown=unknown,
                index=index,
            )
        index = index if self.opts.index_errors else None
        loaded = self.dict_class()
        if not isinstance(data, Mapping):
            error_store.store_error([self.error_messages["type"]], index=index)
            return loaded
        get = data.get
        field_plan, known = plan
        for name, field_obj, skip in field_plan:
            raw = get(name, missing)
            if raw is missing and skip:
                continue
            try:
                value = field_obj.deserialize(raw, name, data)
            except ValidationError as error:
                error_store.store_error(error.messages, name, index=index)
                value = error.valid_data or missing
            if value is not missing:
                loaded[name] = value
        if unknown != EXCLUDE:
            for key in set(data) - known:
                if unknown == INCLUDE:
                    loaded[key] = data[key]
                elif unknown == RAISE:
                    error_store.store_error([self.error_messages["unknown"]], key, index)
        return loaded
