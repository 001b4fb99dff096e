"""The questionnaire and its vocabulary, defined once.

`forms.vocabulary` is plain data (no Flask, no WTForms) so that `analysis` and the app can
both import it. The WTForms form and the marshmallow sync schema are built from the
questionnaire definition in this package:

- `model` – question-type registry and the dataclasses of a definition;
- `conditions` – the tiny condition language (`{"q": key, "eq"|"ne"|"in"|"has"|"min_count": …}`,
  `all`/`any`/`not`), also evaluated by the offline page;
- `definition_2026_1` – the default questionnaire as data; `questionnaire` – the registry of
  published versions (`get_questionnaire`, `CURRENT_VERSION`, `new_respondent_code`);
- `rules` – cross-field rules; `messages` – every Polish message;
- `schema` – marshmallow: `record_data_schema(version)`, `SyncRecordSchema`,
  `SyncBatchSchema`, `validate_sync_record`, `flatten_errors`, `pii_warnings`;
- `interview_form` – the Flask-WTF form; `client` – JSON for the offline page;
  `export` – tabular export columns.

The record data contract (the `data` of a synced record)::

    {"campaign_id": int, "locality_id": int | None, "visit_outcome": str,
     <answers of modules A, B, C, E, F by question key>,
     "needs": [{<D1–D12 by key>}, …],          # at most 3
     "contact": {"name", "phone_or_email", "when"},   # only when contact_requested is true
     "respondent_code": "K7M4QX"}

A visit without an interview holds only campaign_id, locality_id and visit_outcome.
Unanswered questions may be absent or null.
"""
