"""Ukrainian texts of the questionnaire, for one respondent who does not read Polish.

One catalogue, keyed by question key and option key (the ASCII keys stored in records), so a
Ukrainian-shown interview stores exactly what a Polish-shown one does. `forms.client` puts
these texts beside the Polish ones in the questionnaire JSON the phone caches; the printable
questionnaire uses them with `?jezyk=uk`. Questions only the researcher answers (the visit's
outcome, the researcher's note) stay Polish.

These texts were written without a native speaker: they must be reviewed by one before real
use (docs/field-guide.md says so too). A new questionnaire version whose wording changes must
give its changed questions new entries here.
"""

from __future__ import annotations

from typing import Any

#: The language's own name, and the words of a yes/no question.
NAME = "Українська"
YES = "Так"
NO = "Ні"
TITLE = "Діагностика потреб мешканців – анкета для домогосподарств"

MODULES = {
    "visit": "Візит",
    "consents": "Інформація та згоди",
    "household": "Домогосподарство",
    "need_areas": "Сфери потреб",
    "needs": "Потреби",
    "community": "Населений пункт і його можливості",
    "closing": "Завершення",
}
GROUPS = {"needs": "Потреба {n}", "contact": "Контактні дані"}

_YES_NO = {"tak": YES, "nie": NO}
_YES_NO_REFUSED = {**_YES_NO, "odmowa": "Відмова від відповіді"}

#: C1, C2 and E2: the show card's wording of each area.
_AREAS_CARD = {
    "polityka_prorodzinna": "Догляд за маленькою дитиною, підтримка батьків",
    "wspieranie_rodziny": "Труднощі у вихованні, асистент сім'ї, сімейне консультування",
    "piecza_zastepcza": "Прийомна сім'я / опіка над дітьми",
    "pomoc_spoleczna": "Допомога в щоденних справах: послуги догляду, харчування, допомога "
                       "у складній ситуації",
    "zdrowie": "Здоров'я: профілактика, реабілітація, психологічна підтримка",
    "niepelnosprawnosc": "Підтримка особи з інвалідністю: асистенція, підвезення, "
                         "усунення бар'єрів",
    "edukacja": "Навчання: заняття для дітей і молоді, освіта дорослих, цифрові навички",
    "bezrobocie": "Робота: пошук роботи, навчання, професійне консультування",
    "kultura": "Культура: заходи, гуртки, бібліотека, центр дозвілля",
    "sport_turystyka": "Спорт, відпочинок, поїздки",
    "aktywnosc_obywatelska": "Зустрічі та спільна діяльність: клуб для літніх людей, "
                             "групи підтримки, волонтерство",
    "mieszkalnictwo": "Житло: умови, пристосування, житло з підтримкою",
    "srodowisko": "Довкілля: допомога із заміною опалення, екологічна освіта",
    "reintegracja": "Повернення до роботи та суспільного життя після кризи",
    "inna": "Інша справа (опис)",
}

#: Question key → its Ukrainian label.
QUESTIONS = {
    "leaflet_given": "Передано інформаційну листівку (ст. 13 GDPR) і зачитано її коротку "
                     "версію",
    "consent_interview": "Чи погоджуєтеся Ви на розмову?",
    "adult": "Чи виповнилося Вам 18 років?",
    "consent_health": "Чи даєте Ви чітку згоду на запис інформації про здоров'я або "
                      "інвалідність (Вашу чи членів Вашого домогосподарства)?",
    "interview_mode": "Спосіб розмови",
    "age_band": "Ваш вік",
    "gender": "Стать",
    "household_size": "Кількість осіб у домогосподарстві (разом з Вами)",
    "household_members": "Хто проживає в домогосподарстві",
    "daily_help_needed": "Чи потребує хтось у Вашому домогосподарстві через вік, хворобу "
                         "або інвалідність допомоги інших у щоденних справах?",
    "informal_carer": "Чи доглядаєте Ви регулярно і безоплатно за близькою людиною (також "
                      "поза домогосподарством)?",
    "household_type": "Тип домогосподарства",
    "respondent_situation": "Ваша ситуація",
    "areas": "Чи потребуєте Ви або хтось із членів Вашого домогосподарства зараз або "
             "протягом року підтримки в якійсь із цих справ?",
    "areas_other": "Інша справа – яка?",
    "top_areas": "Які з них найважливіші?",
    "description": "Опис потреби своїми словами",
    "area": "Сфера",
    "service_type": "Вид послуги",
    "beneficiary": "Кого це стосується",
    "target_groups": "Цільова група",
    "target_groups_other": "Інша група – яка?",
    "urgency": "Терміновість",
    "met_status": "Чи задовольняється зараз ця потреба?",
    "met_by": "Хто зараз допомагає",
    "barriers": "Що заважає скористатися допомогою",
    "preferred_forms": "Бажана форма допомоги",
    "frequency": "Як часто",
    "access_view": "Чи має така послуга бути доступною для всіх мешканців, які її "
                   "потребують, чи лише для осіб у певній ситуації?",
    "services_rating": "Як Ви оцінюєте доступність соціальних послуг у своєму населеному "
                       "пункті?",
    "community_gaps": "Чого найбільше бракує у Вашому населеному пункті?",
    "volunteering": "Чи були б Ви готові допомагати іншим мешканцям (волонтерство, "
                    "сусідська допомога)?",
    "info_sources": "Звідки Ви дізнаєтеся про допомогу та послуги в гміні?",
    "contact_requested": "Чи бажаєте Ви, щоб хтось (OPS/CUS/організація) зв'язався з Вами "
                         "щодо зазначеної потреби?",
    "name": "Ім'я",
    "phone_or_email": "Телефон або e-mail",
    "when": "Зручний час для контакту",
    "respondent_code": "Код респондента",
}

#: Question key → {option key → Ukrainian label}.
OPTIONS: dict[str, dict[str, str]] = {
    "consent_interview": _YES_NO,
    "adult": _YES_NO,
    "consent_health": _YES_NO,
    "interview_mode": {
        "osobiscie": "Особисто",
        "tlumacz": "За допомогою перекладача",
        "w_imieniu": "Відповідає від імені члена домогосподарства",
    },
    "age_band": {
        "18_29": "18–29", "30_44": "30–44", "45_59": "45–59", "60_74": "60–74",
        "75_plus": "75+", "odmowa": "Відмова від відповіді",
    },
    "gender": {"kobieta": "Жінка", "mezczyzna": "Чоловік",
               "inna": "Інша / не бажаю вказувати"},
    "household_size": {"1": "1", "2": "2", "3": "3", "4": "4", "5": "5",
                       "6_plus": "6 і більше"},
    "household_members": {
        "dzieci_0_3": "Діти до 3 років",
        "dzieci_4_12": "Діти 4–12 років",
        "mlodziez_13_17": "Підлітки 13–17 років",
        "dorosli_18_59": "Дорослі 18–59 років",
        "osoby_60_74": "Особи 60–74 років",
        "osoby_75_plus": "Особи 75+",
    },
    "daily_help_needed": _YES_NO_REFUSED,
    "informal_carer": _YES_NO_REFUSED,
    "household_type": {
        "osoba_samotna": "Одинока особа",
        "para_bez_dzieci": "Пара без дітей",
        "rodzina_z_dziecmi": "Сім'я з дітьми",
        "rodzic_samotny": "Один із батьків, який сам виховує дітей",
        "wielopokoleniowa": "Сім'я з кількох поколінь",
        "inne": "Інше",
    },
    "respondent_situation": {
        "pracuje": "Працює",
        "uczy_sie": "Навчається",
        "emerytura_renta": "Пенсія за віком / по інвалідності",
        "bezrobotny": "Безробітний/а, шукає роботу",
        "dom_opieka": "Займається домом або доглядом",
        "inna": "Інше",
        "odmowa": "Відмова від відповіді",
    },
    "areas": {**_AREAS_CARD, "brak_potrzeb": "Зараз ми не потребуємо підтримки"},
    "top_areas": _AREAS_CARD,
    "area": {
        "polityka_prorodzinna": "Сімейна політика",
        "wspieranie_rodziny": "Підтримка сім'ї",
        "piecza_zastepcza": "Система прийомної опіки",
        "pomoc_spoleczna": "Соціальна допомога",
        "zdrowie": "Зміцнення та охорона здоров'я",
        "niepelnosprawnosc": "Підтримка осіб з інвалідністю",
        "edukacja": "Публічна освіта",
        "bezrobocie": "Протидія безробіттю",
        "kultura": "Культура",
        "sport_turystyka": "Фізична культура і туризм",
        "aktywnosc_obywatelska": "Стимулювання громадської активності",
        "mieszkalnictwo": "Житлова політика",
        "srodowisko": "Охорона довкілля",
        "reintegracja": "Професійна та соціальна реінтеграція",
        "poza_zakresem": "Поза сферою соціальних послуг",
    },
    "beneficiary": {
        "respondent": "Мене",
        "domownik": "Іншого члена домогосподарства",
        "rodzina": "Усієї сім'ї",
        "sasiad": "Сусіда/знайомого (з його відома)",
        "ogol": "Усіх мешканців населеного пункту",
    },
    "target_groups": {
        "ogol": "Усі мешканці",
        "male_dzieci": "Діти до 3 років та їхні батьки",
        "dzieci": "Діти (4–12 років)",
        "mlodziez": "Підлітки (13–17 років)",
        "mlodzi_dorosli": "Молоді дорослі (18–29 років)",
        "rodziny_z_dziecmi": "Сім'ї з дітьми",
        "rodziny_wielodzietne": "Багатодітні сім'ї (3+ дітей)",
        "samotni_rodzice": "Особи, які самі виховують дітей",
        "seniorzy": "Літні люди (60+)",
        "seniorzy_75": "Літні люди 75+",
        "osoby_niepelnosprawne": "Особи з інвалідністю",
        "osoby_niesamodzielne": "Особи, які потребують догляду",
        "opiekunowie": "Неформальні (фактичні) доглядальники",
        "zdrowie_psychiczne": "Особи в психічній кризі",
        "osoby_samotne": "Самотні особи / особи, які живуть самі",
        "bezrobotni": "Безробітні та особи, які шукають роботу",
        "bezdomnosc": "Особи в кризі бездомності або під її загрозою",
        "przemoc": "Особи, які зазнають домашнього насильства",
        "uzaleznienia": "Особи із залежностями та їхні близькі",
        "cudzoziemcy": "Іноземці, зокрема біженці",
        "piecza": "Прийомні сім'ї та вихованці, які починають самостійне життя",
        "po_wyroku": "Особи, які виходять із місць позбавлення волі",
        "inna": "Інша (опис)",
    },
    "urgency": {
        "pilna": "Термінова – потрібна негайно (під загрозою здоров'я, безпека, житло)",
        "3m": "Протягом 3 місяців",
        "12m": "Протягом року",
        "dlugofalowa": "На майбутнє",
    },
    "met_status": {"pelne": "Так, повністю", "czesciowe": "Частково", "brak": "Ні",
                   "nie_wiem": "Не знаю"},
    "met_by": {
        "rodzina": "Сім'я/близькі",
        "sasiedzi": "Сусіди, знайомі, волонтери",
        "ops_cus": "OPS/CUS (соціальна служба гміни)",
        "gmina_inna": "Інша установа гміни (школа, будинок культури, бібліотека)",
        "powiat": "Повіт (PCPR, PUP)",
        "ochrona_zdrowia": "Охорона здоров'я (NFZ)",
        "ngo_parafia": "Громадська організація / парафія",
        "prywatna": "Приватна платна послуга",
        "nikt": "Ніхто",
    },
    "barriers": {
        "brak_uslugi": "Немає такої послуги в гміні",
        "dojazd": "Задалеко, немає транспорту",
        "koszt": "Вартість",
        "kryteria": "Не відповідаю критеріям (напр. за доходом)",
        "oczekiwanie": "Довге очікування",
        "godziny": "Незручні години",
        "brak_informacji": "Брак інформації",
        "wstyd": "Страх осуду, сором",
        "bariery_architektoniczne": "Архітектурні бар'єри",
        "inne": "Інше",
    },
    "preferred_forms": {
        "w_domu": "Вдома",
        "placowka_dzienna": "У денному закладі в населеному пункті",
        "zajecia_grupowe": "Групові заняття",
        "spotkania_indywidualne": "Індивідуальні зустрічі",
        "telefon_internet": "Телефон / інтернет",
        "dowoz": "Підвезення, транспорт",
        "poradnictwo": "Інформація та консультування",
        "pomoc_sasiedzka": "Сусідська / волонтерська допомога",
    },
    "frequency": {
        "jednorazowo": "Одноразово",
        "kilka_razy_w_roku": "Кілька разів на рік",
        "co_miesiac": "Щомісяця",
        "co_tydzien": "Щотижня",
        "codziennie": "Щодня",
    },
    "access_view": {"powszechna": "Для всіх", "selekcyjna": "Для осіб у певній ситуації",
                    "nie_wiem": "Важко сказати"},
    "services_rating": {
        "bardzo_dobrze": "Дуже добре",
        "raczej_dobrze": "Радше добре",
        "ani_ani": "Ні добре, ні погано",
        "raczej_zle": "Радше погано",
        "bardzo_zle": "Дуже погано",
        "trudno_powiedziec": "Важко сказати",
    },
    "community_gaps": {k: v for k, v in _AREAS_CARD.items() if k != "inna"},
    "volunteering": {"tak": YES, "moze": "Можливо", "nie": NO},
    "info_sources": {
        "strona_gminy": "Сайт гміни/BIP",
        "media_spolecznosciowe": "Соціальні мережі",
        "tablica_soltys": "Дошка оголошень, солтис (староста села)",
        "parafia": "Парафія",
        "sasiedzi_rodzina": "Сусіди, сім'я",
        "ops_cus": "OPS/CUS",
        "media_lokalne": "Місцева газета/радіо",
        "nie_wiem": "Не знаю, де шукати",
    },
}


def question_texts(key: str, option_keys: list[str]) -> dict[str, Any] | None:
    """The Ukrainian label of question `key` and of its options, or None when the question
    stays Polish (asked of the researcher, not the respondent)."""
    label = QUESTIONS.get(key)
    if label is None:
        return None
    options = OPTIONS.get(key, {})
    return {"label": label, "options": {k: options[k] for k in option_keys if k in options}}
