"""Property: whatever a batch holds, the server answers without a 5xx, every rejected record
names at least one field path, and every untouched neighbour is stored."""

from __future__ import annotations

import json
import math
import os
import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from researcher.extensions import db
from researcher.interviews.models import Visit

# CI runs a few thousand batches (about 2 minutes a database); a developer's run, fewer.
EXAMPLES = int(os.environ.get("SYNC_FUZZ_EXAMPLES", "2000" if os.environ.get("CI") else "300"))

weird_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["\ud800", "a\x00b", "\udfff\ud800", "\x00", "＝1+1", "'; DROP TABLE visits;",
                     "x" * 5000, "2026-02-30T10:00:00+01:00", "9999-12-31T23:59:59+14:00"]),
)
scalars = st.one_of(
    st.none(), st.booleans(), weird_text,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 2**31 - 1, 2**31, 2**63 - 1, 2**63, math.nan, math.inf]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(weird_text, inner, max_size=4),
    max_leaves=12,
)


def _leaf_paths(value: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [path] + [p for k, v in value.items() for p in _leaf_paths(v, (*path, k))]
    if isinstance(value, list):
        return [path] + [p for i, v in enumerate(value) for p in _leaf_paths(v, (*path, i))]
    return [path]


def _mutate(record: dict[str, Any], path: tuple, value: Any) -> Any:
    if not path:
        return value
    target: Any = record
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return record


@st.composite
def mutation(draw, template: dict[str, Any]) -> tuple[tuple, Any]:
    paths = _leaf_paths(template) + [("data", "nowe_pole"), ("kind",), ("data", "needs", 0, "x")]
    return draw(st.sampled_from(paths)), draw(json_values)


def test_no_batch_breaks_the_server(client, login, demo, interview):
    login("researcher")
    template = interview()

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow])
    @given(st.lists(mutation(template), min_size=1, max_size=3))
    def check(mutations):
        bad = [_mutate(interview(), path, value) for path, value in mutations]
        good = interview()
        body = json.dumps({"device_id": str(uuid.uuid4()), "batch_id": str(uuid.uuid4()),
                           "records": [*bad, good]}, allow_nan=True)
        response = client.post("/api/v1/sync", data=body, content_type="application/json")
        assert response.status_code < 500, response.get_data(as_text=True)[:500]
        assert response.status_code == 200
        results = response.json["results"]
        for result in results:
            assert result["status"] in {"created", "updated", "unchanged", "conflict",
                                        "rejected"}
            if result["status"] == "rejected":
                assert result["errors"] and all(path for path in result["errors"])
        assert results[-1]["status"] == "created"
        stored = db.session.scalar(db.select(Visit.id).where(Visit.uuid == good["uuid"]))
        assert stored is not None

    check()
