"""Loading the official TERC list and the gmina names shown to people."""

from researcher.extensions import db
from researcher.gminas.models import Gmina
from researcher.gminas.services import TERC_FILE, find_gmina, load_gminas, read_terc, search_gminas


def test_terc_file_lists_2479_gminas():
    assert sum(1 for _ in read_terc(TERC_FILE)) == 2479


def test_loading_twice_keeps_2479_gminas_and_changes_nothing(app_context):
    report = load_gminas()
    assert report.total == 2479
    assert report.created == 0 and report.updated == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(Gmina)) == 2479


def test_loading_into_an_empty_table_creates_every_gmina(app_context):
    db.session.execute(db.delete(Gmina))
    report = load_gminas()
    db.session.commit()
    assert report.created == 2479


def test_codes_keep_their_leading_zeros(app_context):
    boleslawiec_city = find_gmina("0201011")
    assert boleslawiec_city.code == "020101"
    assert boleslawiec_city.terc == "0201011"


def test_repeated_names_are_told_apart_by_powiat_and_kind(app_context):
    city, rural = find_gmina("0201011"), find_gmina("0201022")
    assert city.name == rural.name == "Bolesławiec"
    assert city.display_name == "gmina Bolesławiec (powiat bolesławiecki, woj. dolnośląskie)"
    assert (city.kind, rural.kind) == ("gmina miejska", "gmina wiejska")


def test_gminas_new_in_2025_are_there(app_context):
    assert find_gmina("1207132").name == "Szczawa"
    assert find_gmina("2002162").name == "Grabówka"


def test_a_changed_rodz_updates_the_gmina_keyed_on_woj_pow_gmi(app_context, tmp_path):
    source = tmp_path / "terc.csv"
    source.write_text(
        "\ufeffWOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\r\n"
        "06;;;;LUBELSKIE;województwo;2026-01-01\r\n"
        "06;01;;;bialski;powiat;2026-01-01\r\n"
        "06;01;05;3;Janów Podlaski;gmina miejsko-wiejska;2026-01-01\r\n",
        encoding="utf-8",
    )
    report = load_gminas(source)
    gmina = db.session.get(Gmina, "060105")
    assert report.updated == 1
    assert gmina.terc == "0601053" and gmina.kind == "gmina miejsko-wiejska"
    db.session.rollback()


def test_search_by_name_or_code(app_context):
    assert "1417082" in [g.terc for g in search_gminas("wiązowna")]
    assert [g.name for g in search_gminas("1417082")] == ["Wiązowna"]
    assert "Łódź" in [g.name for g in search_gminas("łódź")]
