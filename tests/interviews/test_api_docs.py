"""The API description matches what the server does."""

import json
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_openapi_file_is_valid_json_with_the_sync_path():
    spec = json.loads((DOCS / "openapi.json").read_text(encoding="utf-8"))
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]["/sync"]["post"]["responses"]) == {
        "200", "400", "401", "403", "413", "422"
    }


def test_documented_statuses_are_the_ones_the_server_uses():
    from researcher.interviews import sync

    spec = json.loads((DOCS / "openapi.json").read_text(encoding="utf-8"))
    documented = spec["components"]["schemas"]["Result"]["properties"]["status"]["enum"]
    assert set(documented) == {
        sync.CREATED, sync.UPDATED, sync.UNCHANGED, sync.CONFLICT, sync.REJECTED
    }


def test_documented_batch_limit_is_the_servers():
    from forms.schema import MAX_BATCH_RECORDS

    spec = json.loads((DOCS / "openapi.json").read_text(encoding="utf-8"))
    assert spec["components"]["schemas"]["Batch"]["properties"]["records"]["maxItems"] == (
        MAX_BATCH_RECORDS
    )


def test_documented_meeting_record_is_the_servers():
    from researcher.meetings.kind import MeetingRecordSchema
    from researcher.meetings.models import AGE_BANDS, MeetingKind

    schemas = json.loads((DOCS / "openapi.json").read_text(encoding="utf-8"))["components"][
        "schemas"
    ]
    server = MeetingRecordSchema()
    data = server.fields["data"].schema
    need = data.fields["needs"].inner.schema
    documented = schemas["MeetingData"]
    assert set(documented["properties"]) == set(data.fields)
    assert set(documented["required"]) == {n for n, f in data.fields.items() if f.required}
    assert set(documented["properties"]["kind"]["enum"]) == set(MeetingKind)
    assert set(documented["properties"]["participants"]["properties"]) == set(AGE_BANDS)
    assert set(schemas["MeetingNeed"]["properties"]) == set(need.fields)
    assert set(schemas["MeetingNeed"]["required"]) == {
        n for n, f in need.fields.items() if f.required
    }
def test_every_record_kind_the_server_knows_is_documented():
    from researcher.interviews.kinds import RECORD_KINDS, VISIT

    spec = json.loads((DOCS / "openapi.json").read_text(encoding="utf-8"))
    items = spec["components"]["schemas"]["Batch"]["properties"]["records"]["items"]
    documented = set()
    for ref in items.get("oneOf", items.get("anyOf", [items])):
        schema = spec["components"]["schemas"][ref["$ref"].rsplit("/", 1)[1]]
        kind = schema["properties"].get("kind", {"enum": [VISIT]})  # no kind: a visit
        documented.update(kind["enum"])
    assert documented == {VISIT, *RECORD_KINDS}
    api = (DOCS / "api.md").read_text(encoding="utf-8")
    assert all(f"`{kind}`" in api for kind in RECORD_KINDS)
