"""Report slices' documents in few bytes: compact JSON, zlib with a preset dictionary.

A day slice's document is ~3.9 kB of JSON made of the questionnaire's answer codes and a few
keys; PostgreSQL compressed it to ~1.2 kB by itself, zlib alone to ~0.87 kB, and zlib primed
with those codes (a *preset dictionary*: the codes need not be spelled out in each document) to
~0.55 kB (measured on 3,000 day slices of the million-interview benchmark). Stored for every
day and month of every campaign, that is ~65 bytes an interview saved against PostgreSQL's own.

The dictionary is frozen: the first byte of a stored value says which one compressed it, so a
future list of codes gets a new byte and the stored documents stay readable. A word missing
from it only compresses less well; it is never wrong.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from sqlalchemy import LargeBinary
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from researcher.extensions import compact_json

# The answer codes of the questionnaires and the channels, as of 2026-12 (frozen: see above),
# then the documents' keys, most frequent last (zlib finds near strings cheapest).
_WORDS_V1 = """
    12m 18_29 30_44 45_59 60_74 6_plus 75_plus aktywnosc_obywatelska ani_ani bardzo_dobrze
    bardzo_zle bariery_architektoniczne bezdomnosc bezrobocie bezrobotni bezrobotny brak
    brak_doroslego brak_informacji brak_potrzeb brak_uslugi co_miesiac co_tydzien codziennie
    cudzoziemcy czesciowe dlugofalowa dojazd dom_opieka domownik dorosli_18_59 dowoz dzieci
    dzieci_0_3 dzieci_4_12 edukacja email_pismo emerytura_renta gmina_inna godziny inna inne
    inny_termin instytucja jednorazowo kilka_razy_w_roku kobieta koszt kryteria kultura
    male_dzieci media_lokalne media_spolecznosciowe mezczyzna mieszkalnictwo mlodzi_dorosli
    mlodziez mlodziez_13_17 moze ngo_parafia nie nie_wiem niepelnosprawnosc niezamieszkany nikt
    ochrona_zdrowia oczekiwanie odmowa ogol opiekunowie ops_cus osoba_samotna osobiscie
    osoby_60_74 osoby_75_plus osoby_niepelnosprawne osoby_niesamodzielne osoby_samotne
    para_bez_dzieci parafia pelne piecza piecza_zastepcza pilna placowka_dzienna po_wyroku
    polityka_prorodzinna pomoc_sasiedzka pomoc_spoleczna poradnictwo powiat powszechna
    poza_zakresem pracuje prywatna przemoc przerwany raczej_dobrze raczej_zle reintegracja
    respondent rodzic_samotny rodzina rodzina_z_dziecmi rodziny_wielodzietne rodziny_z_dziecmi
    samotni_rodzice sasiad sasiedzi sasiedzi_rodzina selekcyjna seniorzy seniorzy_75
    sport_turystyka spotkania_indywidualne spotkanie srodowisko strona_gminy tablica_soltys tak
    telefon telefon_internet tlumacz trudno_powiedziec uczy_sie uzaleznienia w_domu w_imieniu
    wielopokoleniowa wizyta wspieranie_rodziny wstyd zajecia_grupowe zdrowie zdrowie_psychiczne
    zrealizowany
""".split()
_KEYS_V1 = (
    '"preferred_forms":[["wizyta","barriers":[["wizyta","met_by":[["wizyta",'
    '"area_groups":[["wizyta","needs":[["wizyta","gaps":[["answers":[["visits":[["zrealizowany",'
    'true,false,1],["brak_odpowiedzi",'
)
DICTIONARY_V1 = (",".join(f'"{w}"' for w in _WORDS_V1) + _KEYS_V1).encode()
V1 = b"\x01"


def pack(document: Any) -> bytes:
    """`document` as stored: the dictionary's byte, then the compressed compact JSON."""
    compressor = zlib.compressobj(6, zdict=DICTIONARY_V1)
    return V1 + compressor.compress(compact_json(document).encode()) + compressor.flush()


def unpack(stored: bytes) -> Any:
    """What `pack` was given."""
    stored = bytes(stored)
    if stored[:1] != V1:
        raise ValueError(f"a report slice packed with an unknown dictionary ({stored[:1]!r})")
    decompressor = zlib.decompressobj(zdict=DICTIONARY_V1)
    return json.loads(decompressor.decompress(stored[1:]) + decompressor.flush())


class PackedJSON(TypeDecorator):
    """A JSON document stored with `pack`; read whole, never queried inside the database."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        return None if value is None else pack(value)

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> Any:
        return None if value is None else unpack(value)
