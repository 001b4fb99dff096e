"""Import and export of the register: template, per-row errors, valid rows kept, duplicates."""

import io

from openpyxl import load_workbook

from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.resources.models import Resource

HEAD = "rodzaj;nazwa;obszary;grupy;miejscowosci;osob_miesiecznie;kryterium\r\n"


def gmina() -> str:
    return db.session.get(Campaign, 1).gmina_code


def upload(client, text: str, name: str = "zasoby.csv"):
    data = {"gmina": gmina(), "file": (io.BytesIO(text.encode("utf-8-sig")), name)}
    response = client.post("/zasoby/import", data=data, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def test_bad_rows_are_named_by_row_and_column_and_valid_rows_are_kept(client, login, demo):
    login("manager")
    locality = db.session.scalar(db.select(Locality).where(Locality.gmina_code == gmina()))
    text = HEAD + (
        f"wolontariusz;Pani Zofia;pomoc_spoleczna;seniorzy;{locality.name};4;powszechnosc\r\n"
        "ufo;Coś;pomoc_spoleczna;;;;\r\n"
        "instytucja;;edukacja;;;-3;\r\n"
        "Oferta banku czasu;Bank czasu;Wspieranie rodziny;;;;selekcyjne\r\n"
    )
    preview = upload(client, text)
    page = client.get(preview).get_data(as_text=True)
    errors = page.split('id="import-errors"')[1]
    assert "<td>3</td><td>rodzaj</td>" in errors
    assert "<td>4</td><td>nazwa</td>" in errors
    assert "<td>4</td><td>osob_miesiecznie</td>" in errors
    client.post(preview)
    stored = {r.name: r for r in db.session.scalars(db.select(Resource))}
    assert set(stored) == {"Pani Zofia", "Bank czasu"}
    assert stored["Pani Zofia"].locality_ids == [locality.id]
    assert stored["Pani Zofia"].capacity_per_month == 4
    assert stored["Bank czasu"].kind == "bank_czasu"  # the label works as well as the code
    assert stored["Bank czasu"].areas == ["wspieranie_rodziny"]


def test_duplicates_in_the_file_and_in_the_register_are_skipped(
    client, login, demo, make_resource
):
    make_resource(kind="instytucja", name="OPS  Jabłonna")
    login("manager")
    text = HEAD + (
        "instytucja;ops jabłonna;pomoc_spoleczna;;;;\r\n"
        "usluga;Dowóz;zdrowie;;;;\r\n"
        "usluga;dowóz;zdrowie;;;;\r\n"
    )
    preview = upload(client, text)
    page = client.get(preview).get_data(as_text=True)
    assert "jest już w rejestrze" in page and "powtarza wiersz 3" in page
    client.post(preview)
    assert db.session.scalar(db.select(db.func.count()).select_from(Resource)) == 2


def test_a_file_is_applied_once(client, login, demo):
    login("manager")
    preview = upload(client, HEAD + "usluga;Dowóz;zdrowie;;;;\r\n")
    client.post(preview)
    client.post(preview)
    assert db.session.scalar(db.select(db.func.count()).select_from(Resource)) == 1


def test_the_exported_register_imports_again_as_duplicates(client, login, demo, make_resource):
    make_resource(kind="bank_czasu", name="Bank czasu", areas=["wspieranie_rodziny"],
                  hours_per_month=20)
    login("manager")
    exported = client.get(f"/zasoby/eksport.csv?gmina={gmina()}").get_data()
    text = exported.decode("utf-8-sig")
    assert "bank_czasu;Bank czasu" in text
    preview = upload(client, text)
    assert "jest już w rejestrze" in client.get(preview).get_data(as_text=True)


def test_the_template_and_the_xlsx_export_have_the_same_headings(client, login, demo,
                                                                 make_resource):
    make_resource(name="=HYPERLINK(1)")
    login("manager")
    template = load_workbook(io.BytesIO(client.get(f"/zasoby/szablon.xlsx?gmina={gmina()}")
                                        .get_data()))
    export = load_workbook(io.BytesIO(client.get(f"/zasoby/eksport.xlsx?gmina={gmina()}")
                                      .get_data()))
    headings = [c.value for c in template.worksheets[0][1]]
    assert headings == [c.value for c in export.worksheets[0][1]]
    assert export.worksheets[0]["B2"].value == "'=HYPERLINK(1)"  # a formula is neutralised
    assert "kontakt" not in " ".join(headings)
