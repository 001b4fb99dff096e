"""The printable pages for the door: the information clause (art. 13 RODO) and the words of
the paper questionnaire, in Polish and in Ukrainian (DOMAIN §3 rule 3).

These are documents for the respondent in *their* language, not the app's interface, so they
are data here rather than Babel messages: the Polish clause stays Polish when the researcher's
interface is in English. The Ukrainian texts need a native speaker's review before real use
(the page says so on screen, never on paper).
"""

from __future__ import annotations

from typing import Any

from forms import uk

LANGUAGES = ("pl", "uk")

#: Words of the printed questionnaire around the questions (which come from forms/).
QUESTIONNAIRE_WORDS = {
    "pl": {"yes": "Tak", "no": "Nie", "when": "Data i godzina wizyty",
           "researcher": "Researcher", "version": "Wersja kwestionariusza",
           "clause": "klauzula informacyjna"},
    "uk": {"yes": uk.YES, "no": uk.NO, "when": "Дата і час візиту",
           "researcher": "Дослідник (Researcher)", "version": "Версія анкети",
           "clause": "інформаційне застереження"},
}

#: The clause: a title, a lead, then (heading, text) sections. `{months}` is the contact
#: data's retention (RETENTION_CONTACT_MONTHS); blank lines are filled in by hand.
CLAUSE: dict[str, dict[str, Any]] = {
    "pl": {
        "title": "Informacja o przetwarzaniu danych osobowych",
        "lead": "Dziękujemy za rozmowę. Zgodnie z art. 13 RODO (rozporządzenie (UE) 2016/679) "
                "informujemy:",
        "blank_controller": "Administrator danych (nazwa, adres, kontakt)",
        "blank_iod": "Inspektor ochrony danych (kontakt), jeśli wyznaczono",
        "code": "Kod respondenta",
        "sections": [
            ("Cel i podstawa",
             "Rozpoznanie potrzeb mieszkańców w zakresie usług społecznych. Podstawą jest "
             "Pani/Pana zgoda na rozmowę (art. 6 ust. 1 lit. a RODO), a dla informacji o zdrowiu "
             "lub niepełnosprawności – odrębna, wyraźna zgoda (art. 9 ust. 2 lit. a RODO)."),
            ("Co zapisujemy",
             "Odpowiedzi bez imienia, nazwiska, adresu i numeru PESEL. Dane do kontaktu – tylko "
             "gdy Pani/Pan o to prosi; przechowujemy je osobno i zaszyfrowane."),
            ("Odbiorcy",
             "Firma utrzymująca serwer (na nasze zlecenie). Gmina, OPS lub CUS otrzymują tylko "
             "zbiorcze zestawienia, a dane do kontaktu wyłącznie za Pani/Pana zgodą. Dane nie są "
             "przekazywane poza Europejski Obszar Gospodarczy."),
            ("Jak długo",
             "Dane do kontaktu – {months} miesięcy od ich podania. Odpowiedzi – do zakończenia "
             "badania; potem zostają tylko dane zanonimizowane."),
            ("Pani/Pana prawa",
             "Dostęp do danych, ich sprostowanie, usunięcie, ograniczenie przetwarzania, "
             "przeniesienie danych; wycofanie zgody w dowolnym momencie (nie wpływa to na "
             "zgodność z prawem wcześniejszego przetwarzania); skarga do Prezesa Urzędu Ochrony "
             "Danych Osobowych (ul. Stawki 2, 00-193 Warszawa). Aby skorzystać z praw, podaj kod "
             "respondenta z tej kartki."),
            ("Dobrowolność",
             "Udział jest dobrowolny; odmowa nie ma żadnych skutków. Nie podejmujemy decyzji w "
             "sposób zautomatyzowany ani nie profilujemy."),
        ],
    },
    "uk": {
        "title": "Інформація про обробку персональних даних",
        "lead": "Дякуємо за розмову. Відповідно до ст. 13 GDPR (Регламент (ЄС) 2016/679) "
                "повідомляємо:",
        "blank_controller": "Адміністратор даних (назва, адреса, контакт)",
        "blank_iod": "Інспектор із захисту даних (контакт), якщо призначений",
        "code": "Код респондента",
        "sections": [
            ("Мета і підстава",
             "Вивчення потреб мешканців у сфері соціальних послуг. Підставою є Ваша згода на "
             "розмову (ст. 6 ч. 1 п. a GDPR), а для інформації про здоров'я чи інвалідність – "
             "окрема, чітко висловлена згода (ст. 9 ч. 2 п. a GDPR)."),
            ("Що ми записуємо",
             "Відповіді без імені, прізвища, адреси та номера PESEL. Контактні дані – лише якщо "
             "Ви про це просите; ми зберігаємо їх окремо і в зашифрованому вигляді."),
            ("Одержувачі",
             "Компанія, що обслуговує сервер (за нашим дорученням). Гміна, OPS або CUS "
             "отримують лише зведені дані, а контактні дані – тільки за Вашою згодою. Дані не "
             "передаються за межі Європейської економічної зони."),
            ("Як довго",
             "Контактні дані – {months} місяців від дня їх надання. Відповіді – до завершення "
             "дослідження; після цього залишаються лише знеособлені дані."),
            ("Ваші права",
             "Доступ до даних, їх виправлення, видалення, обмеження обробки, перенесення даних; "
             "відкликання згоди в будь-який момент (це не впливає на законність попередньої "
             "обробки); скарга до Голови Управління із захисту персональних даних (Prezes UODO, "
             "ul. Stawki 2, 00-193 Warszawa). Щоб скористатися правами, назвіть код "
             "респондента з цього аркуша."),
            ("Добровільність",
             "Участь добровільна; відмова не має жодних наслідків. Ми не приймаємо "
             "автоматизованих рішень і не здійснюємо профілювання."),
        ],
    },
}


def language(value: str | None) -> str:
    """The language asked for (`?jezyk=uk`), Polish for anything else."""
    return value if value in LANGUAGES else "pl"


def clause(lang: str, months: int) -> dict[str, Any]:
    """The clause in `lang`, with the retention of contact data filled in."""
    text = CLAUSE[lang]
    return {**text, "sections": [(h, body.format(months=months)) for h, body in text["sections"]]}


def localized_definition(definition: dict[str, Any], lang: str) -> dict[str, Any]:
    """The client definition (forms.client) with the Ukrainian texts of forms/uk.py in place
    of the Polish ones where there are any; for "pl" the definition as it is."""
    if lang != "uk":
        return definition

    def question(q: dict[str, Any]) -> dict[str, Any]:
        options = [{**o, "label": o.get("uk", o["label"]), "lang": "uk" if "uk" in o else ""}
                   for o in q.get("options", [])]
        return {**q, "label": q.get("uk", q["label"]), "lang": "uk" if "uk" in q else "",
                "options": options}

    def item(i: dict[str, Any]) -> dict[str, Any]:
        if "questions" not in i:
            return question(i)
        label = uk.GROUPS.get(i["key"])
        named = {"item_label": label} if i["type"] == "repeat" and label else (
            {"label": label} if label else {})
        return {**i, **named, "questions": [question(q) for q in i["questions"]]}

    return {
        **definition,
        "title": uk.TITLE,
        "modules": [{**m, "label": uk.MODULES.get(m["key"], m["label"]),
                     "items": [item(i) for i in m["items"]]} for m in definition["modules"]],
    }
