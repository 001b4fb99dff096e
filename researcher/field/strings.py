"""The texts the field app's scripts show, translated on the server.

Scripts hold no wording of their own: the page hands them this mapping in its bootstrap
JSON. Placeholders are `{name}`, filled in by the script.
"""

from __future__ import annotations

from flask_babel import gettext as _


def field_strings() -> dict[str, str]:
    """Every UI text of static/js/field/*.js, in the current language."""
    return {
        # the form
        "step": _("Krok {n} z {total}"),
        "next": _("Dalej"),
        "back": _("Wstecz"),
        "save": _("Zapisz wizytę"),
        "discard": _("Porzuć wizytę"),
        "discard_confirm": _("Na pewno porzucić? Dotknij ponownie"),
        "close": _("Zamknij bez zapisywania"),
        "yes": _("Tak"),
        "no": _("Nie"),
        "add_need": _("Dodaj kolejną potrzebę"),
        "remove_need": _("Usuń tę potrzebę"),
        "step_actions": _("Przejście między krokami"),
        "change_answer": _("Zmień odpowiedź {code}"),
        "questions_uk": _("Pytania po ukraińsku"),
        "paper_note": _("Wywiad z papieru z dnia {date}, {time} – wpisujesz go później."),
        "paper_mark": _("z papieru"),
        "paper_no_date": _("Podaj datę i godzinę wywiadu z papieru."),
        "paper_future": _("Data wywiadu z papieru nie może być w przyszłości."),
        "paper_outside": _("Kampania trwa od {start} do {end}: wybierz datę z tego okresu."),
        "fix_errors": _("Popraw zaznaczone pola."),
        "server_errors": _("Serwer odrzucił tę wizytę. Popraw zaznaczone pola i zapisz ponownie:"),
        "conflict": _(
            "Na serwerze jest już inna treść tej wizyty w tej samej wersji. Sprawdź ją i zapisz "
            "ponownie – pójdzie jako nowa wersja."
        ),
        "correction": _("Poprawiasz wizytę już wysłaną na serwer (wersja {revision})."),
        "campaign": _("Kampania"),
        "locality": _("Miejscowość"),
        "assigned": _("w Twoim przydziale"),
        "not_assigned": _("poza przydziałem"),
        "walk": _("Kampania i miejscowość"),
        "choose_walk": _("Wybierz kampanię i miejscowość."),
        "no_locality": _("Bez miejscowości"),
        "respondent_code_note": _("Wpisz ten kod na ulotce dla respondenta."),
        "unknown_version": _(
            "Telefon nie ma kwestionariusza w wersji {version}. Połącz się z siecią i otwórz "
            "stronę ponownie."
        ),
        "saved": _("Zapisano w telefonie: {outcome}."),
        "undone": _("Cofnięto zapis wizyty – nic nie zostało wysłane."),
        "chars_left": _("Pozostało znaków: {n}"),
        "pii_move": _("Przenieś do danych kontaktowych"),
        "pii_moved": _("Przeniesiono do danych kontaktowych (F1): {n}."),
        "pii_gather": _(
            "Mieszkaniec prosi o kontakt, a we wcześniejszych odpowiedziach jest telefon, e-mail "
            "lub adres ({where}). Przenieś je do danych kontaktowych."
        ),
        # the outbox
        "badge": _("Czeka na wysłanie: {n}"),
        "badge_none": _("Wszystko wysłane"),
        "state_waiting": _("czeka na wysłanie"),
        "state_rejected": _("odrzucona – popraw"),
        "state_conflict": _("konflikt wersji – sprawdź"),
        "edit": _("Otwórz i popraw"),
        "open": _("Otwórz"),
        "outbox_empty": _("W telefonie nie ma niewysłanych wizyt."),
        "needs_count": _("potrzeby: {n}"),
        "interview": _("wywiad"),
        # sync
        "sync_running": _("Wysyłanie…"),
        "sync_done": _("Wysłano: {sent}. Czeka: {left}."),
        "sync_nothing": _("Nie ma nic do wysłania."),
        "sync_rejected": _("Serwer odrzucił wizyty: {n}. Otwórz je, popraw i zapisz ponownie."),
        "sync_offline": _(
            "Brak połączenia. Wizyty są bezpieczne w telefonie; wyślę je, gdy wróci sieć."
        ),
        "sync_failed": _("Serwer nie przyjął paczki (błąd {status}). Spróbuję ponownie później."),
        "session_expired": _("Sesja wygasła — zaloguj się ponownie"),
        "login": _("Zaloguj się"),
        "last_sync": _("Ostatnia synchronizacja: {time}"),
        # storage and backup
        "storage_granted": _("przyznano"),
        "storage_denied": _("nie przyznano"),
        "storage_unsupported": _("niedostępna w tej przeglądarce"),
        "backup_done": _("Pobrano kopię zapasową (wizyty w pliku: {n})."),
        # Moje wizyty
        "on_phone": _("w telefonie"),
        "server_warnings": _(
            "Serwer przyjął wizytę, ale zwraca uwagę na możliwe dane osobowe. Sprawdź i popraw:"
        ),
    }
