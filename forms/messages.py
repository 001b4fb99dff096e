"""Every user-facing validation and warning message of the questionnaire, in Polish.

One module, like pyxform's error wording: the marshmallow schema, the rule checker, the
WTForms form and the offline page (through `forms.client`) all take their texts from here.
Messages are Babel msgids (`N_`); placeholders are `str.format` names.
"""

from __future__ import annotations

from forms.vocabulary import N_

MESSAGES: dict[str, str] = {
    # types and shapes
    "required": N_("To pole jest wymagane."),
    "null": N_("To pole nie może być puste (null)."),
    "unknown_field": N_("Nieznane pole."),
    "invalid_object": N_("Oczekiwano obiektu JSON."),
    "invalid_string": N_("Oczekiwano tekstu."),
    "invalid_integer": N_("Oczekiwano liczby całkowitej."),
    "invalid_bool": N_("Oczekiwano odpowiedzi tak/nie (true/false)."),
    "invalid_list": N_("Oczekiwano listy."),
    "invalid_uuid": N_("Niepoprawny identyfikator UUID."),
    "invalid_datetime": N_("Niepoprawna data i godzina (oczekiwano formatu ISO 8601)."),
    "naive_datetime": N_("Data i godzina musi zawierać strefę czasową, np. +01:00."),
    "integer_range": N_("Oczekiwano liczby całkowitej od {min} do {max}."),
    "unstorable_text": N_(
        "Tekst zawiera znak, którego nie można zapisać (znak NUL lub niesparowany surogat)."
    ),
    "not_finite": N_("Liczba musi być skończona (NaN i Infinity są niedozwolone)."),
    "not_a_record": N_("Rekord musi być obiektem JSON."),
    "too_deep": N_("Wartość jest zagnieżdżona zbyt głęboko."),
    "implausible_date": N_("Data spoza dopuszczalnego zakresu ({min}–{max})."),
    # answers
    "invalid_choice": N_("Niedozwolona odpowiedź: „{input}”."),
    "too_long": N_("Najwyżej {max} znaków."),
    "too_many_choices": N_("Wybierz najwyżej {max} odpowiedzi."),
    "duplicate_choice": N_("Ta sama odpowiedź została wybrana więcej niż raz."),
    "exclusive_choice": N_("Odpowiedź „{label}” wyklucza pozostałe."),
    "not_subset": N_("Można wybrać tylko odpowiedzi zaznaczone w pytaniu {code}."),
    "invalid_code": N_("Kod respondenta to {length} znaków spośród: {alphabet}."),
    # conditions
    "hidden_answer": N_(
        "To pytanie jest pominięte przy udzielonych odpowiedziach, więc nie może mieć odpowiedzi."
    ),
    "interview_not_held": N_(
        "Odpowiedzi można zapisać tylko ze zrealizowanego lub przerwanego wywiadu, po przekazaniu "
        "ulotki, zgodzie na rozmowę i potwierdzeniu pełnoletności (A1–A3)."
    ),
    "option_hidden": N_("Odpowiedź „{label}” jest niedostępna przy udzielonych odpowiedziach."),
    "option_needs_consent": N_(
        "Odpowiedź „{label}” wymaga zgody na informacje o zdrowiu (A4), chyba że potrzeba "
        "dotyczy ogółu mieszkańców."
    ),
    "option_needs_consent_household": N_(
        "Odpowiedź „{label}” wymaga zgody na informacje o zdrowiu lub niepełnosprawności (A4)."
    ),
    "too_many_items": N_("Najwyżej {max} wpisy."),
    "need_required": N_(
        "Zapisz co najmniej jedną potrzebę (moduł D) albo zaznacz w C1, że wsparcie nie jest "
        "potrzebne."
    ),
    "contact_not_requested": N_(
        "Dane kontaktowe można zapisać tylko wtedy, gdy respondent prosi o kontakt (F1 = Tak)."
    ),
    # sync envelope
    "unknown_version": N_("Nieznana wersja kwestionariusza: „{version}”."),
    "too_many_records": N_("Najwyżej {max} rekordów w jednej paczce."),
    # personal data in free text (warnings, not errors)
    "pii_pesel": N_("Tekst wygląda na numer PESEL – nie zapisuj danych osobowych."),
    "pii_phone": N_("Tekst wygląda na numer telefonu – nie zapisuj danych osobowych."),
    "pii_email": N_("Tekst wygląda na adres e-mail – nie zapisuj danych osobowych."),
    "pii_account": N_("Tekst wygląda na numer konta – nie zapisuj danych osobowych."),
    "pii_address": N_("Tekst wygląda na adres – nie zapisuj danych osobowych."),
    "pii_name": N_("Tekst może zawierać imię i nazwisko – wpisz je tylko, jeśli to konieczne."),
    "pii_masked": N_(
        "Dane osobowe zastąpiono znacznikiem, np. [TELEFON]. Jeśli mieszkaniec prosi o kontakt, "
        "wpisz je w danych kontaktowych."
    ),
}


def message(key: str, **params: object) -> str:
    """The message `key`, with its placeholders filled in."""
    text = MESSAGES[key]
    return text.format(**params) if params else text
