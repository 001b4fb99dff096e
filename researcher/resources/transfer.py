"""Import and export of the resources register as XLSX/CSV, through `researcher.imports`.

One column list serves the template, the import and the export, so an exported register can
be edited and imported again. Rows are validated one by one (errors name row and column, valid
rows are kept); a row whose kind and name repeat an earlier row or an entry of the gmina's
register is a duplicate and is skipped. Contact data of volunteers are never in a file: they
are typed in the register, one by one, with the volunteer's consent.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import Schema

from forms.vocabulary import AREAS, TARGET_GROUPS
from researcher.auth.models import User
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.imports import services as imports
from researcher.imports.fields import Choice, Choices, Count, Day, Text
from researcher.imports.models import ImportFile
from researcher.resources import services
from researcher.resources.models import (
    ACCESS_LABELS,
    COST_LABELS,
    INSTITUTION_LABELS,
    RESOURCE_KIND_LABELS,
    Resource,
    ResourceStatus,
)

IMPORT_KIND = "resources"
AREA_LABELS = {a.key: a.label for a in AREAS}
GROUP_LABELS = {g.key: g.label for g in TARGET_GROUPS}


def resource_schema(gmina_code: str) -> Schema:
    """The columns of the register for `gmina_code` (localities by name or id)."""
    localities = {
        str(loc.id): loc.name
        for loc in db.session.scalars(db.select(Locality).where(Locality.gmina_code == gmina_code))
    }
    fields_ = {
        "kind": Choice(RESOURCE_KIND_LABELS, required=True, data_key="rodzaj",
                       metadata={"example": "wolontariusz", "help": _l("Rodzaj zasobu.")}),
        "name": Text(max_length=200, required=True, data_key="nazwa",
                     metadata={"example": "Klub Seniora", "help": _l("Nazwa zasobu.")}),
        "provider": Text(max_length=200, data_key="prowadzi", load_default=""),
        "institution": Choice(INSTITUTION_LABELS, data_key="instytucja", load_default=None),
        "description": Text(max_length=2000, data_key="opis", load_default="",
                            metadata={"example": "Zakupy i spacery z seniorami"}),
        "areas": Choices(AREA_LABELS, data_key="obszary", load_default=list,
                         metadata={"example": "pomoc_spoleczna"}),
        "target_groups": Choices(GROUP_LABELS, data_key="grupy", load_default=list,
                                 metadata={"help": _l("Puste: wszyscy.")}),
        "locality_ids": Choices(localities, data_key="miejscowosci", load_default=list,
                                metadata={"help": _l("Puste: cała gmina.")}),
        "access": Choice(ACCESS_LABELS, data_key="kryterium", load_default=None),
        "cost": Choice(COST_LABELS, data_key="koszt", load_default=None),
        "capacity_per_month": Count(data_key="osob_miesiecznie", load_default=None),
        "hours_per_month": Count(data_key="godzin_miesiecznie", load_default=None),
        "how_to_reach": Text(max_length=1000, data_key="jak_dotrzec", load_default=""),
        "source": Text(max_length=200, data_key="zrodlo", load_default=""),
        "source_date": Day(data_key="data_informacji", load_default=None),
    }
    return Schema.from_dict(fields_, name="ResourceRow")()


def duplicate_key(data: dict[str, Any]) -> tuple[str, str]:
    """Kind and name, ignoring case and spacing: the same resource written twice."""
    return data["kind"], re.sub(r"\s+", " ", data["name"]).strip().casefold()


def existing_keys(gmina_code: str) -> set[tuple[str, str]]:
    stmt = db.select(Resource.kind, Resource.name).where(
        Resource.gmina_code == gmina_code, Resource.status != ResourceStatus.REJECTED
    )
    return {duplicate_key({"kind": k, "name": n}) for k, n in db.session.execute(stmt)}


def upload(gmina_code: str, filename: str, content: bytes, by: User) -> ImportFile:
    return imports.upload(IMPORT_KIND, filename, content, by.id, {"gmina_code": gmina_code})


def preview(stored: ImportFile) -> imports.Preview:
    gmina_code = stored.context["gmina_code"]
    return imports.preview_file(
        stored, resource_schema(gmina_code), duplicate_key, existing_keys(gmina_code)
    )


def apply(stored: ImportFile, by: User) -> dict[str, int]:
    """Add the valid, new rows to the register; rows the register refuses count as errors."""
    gmina_code = stored.context["gmina_code"]
    result = preview(stored)

    def write(row: imports.ValidRow) -> None:
        data = dict(row.data)
        data["locality_ids"] = [int(i) for i in data["locality_ids"]]
        services.create(services.ResourceInput(gmina_code=gmina_code, **data), by)

    return imports.apply(stored, result, write)


def _rows(gmina_code: str) -> tuple[list[str], list[list[Any]]]:
    schema = resource_schema(gmina_code)
    headings = [f.data_key for f in schema.fields.values()]
    names = dict(db.session.execute(
        db.select(Locality.id, Locality.name).where(Locality.gmina_code == gmina_code)
    ).all())
    rows = []
    for r in services.search(services.ResourceQuery(gmina_code=gmina_code)):
        if r.status == ResourceStatus.REJECTED:
            continue
        rows.append([
            r.kind, r.name, r.provider, r.institution or "", r.description, ", ".join(r.areas),
            ", ".join(r.target_groups), ", ".join(names.get(i, str(i)) for i in r.locality_ids),
            r.access or "", r.cost or "",
            "" if r.capacity_per_month is None else r.capacity_per_month,
            "" if r.hours_per_month is None else r.hours_per_month,
            r.how_to_reach, r.source, r.source_date.isoformat() if r.source_date else "",
        ])
    return headings, rows


def _safe(value: Any) -> Any:
    # A cell starting like a formula is neutralised (as in the other exports).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_csv(gmina_code: str) -> bytes:
    headings, rows = _rows(gmina_code)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headings)
    writer.writerows([[_safe(v) for v in row] for row in rows])
    return out.getvalue().encode("utf-8-sig")


def export_xlsx(gmina_code: str) -> bytes:
    from openpyxl import Workbook

    headings, rows = _rows(gmina_code)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_l("Zasoby"))
    sheet.append(headings)
    for row in rows:
        sheet.append([_safe(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
