"""What a researcher does on the phone, as Playwright steps (with a tap counter)."""

from __future__ import annotations

import json

from playwright.sync_api import BrowserContext, Page, expect
from playwright.sync_api import Error as PlaywrightError

#: True when the element's centre is inside the viewport and nothing (such as the fixed
#: action bar) covers it: a finger can tap it without scrolling first.
ON_SCREEN = """(el) => {
  const box = el.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + Math.min(box.height / 2, 22);
  if (y < 0 || y > window.innerHeight || x < 0 || x > window.innerWidth) return false;
  const hit = document.elementFromPoint(x, y);
  const label = el.tagName === 'LABEL' ? document.getElementById(el.htmlFor) : null;
  const inside = (node) => !!node && (node === hit || node.contains(hit));
  return !!hit && (inside(el) || hit.contains(el) || inside(label));
}"""


class Phone:
    """A page used like a phone: every tap is counted (typing into a field counts one tap)."""

    def __init__(self, page: Page, on_screen: bool = False) -> None:
        self.page = page
        self.taps = 0
        self.after_step = None  # called after every "Dalej" (e.g. to check the layout)
        self.on_screen = on_screen  # every tapped control must be on screen, unscrolled
        self.off_screen: list[str] = []

    def tap(self, selector: str) -> None:
        locator = self.page.locator(selector)
        # Playwright's waits for a "stable" element cost ~0.2 s per tap; the screens do not
        # animate, so check visibility once and tap at once (still a real touch at its centre).
        expect(locator).to_be_visible()
        if self.on_screen and not locator.evaluate(ON_SCREEN):
            self.off_screen.append(selector)
        try:
            locator.tap(force=True)
        except PlaywrightError:
            # Redrawn between the check and the tap (seen once in CI on a loaded machine):
            # tap as Playwright does by default, waiting until the control can take it. A
            # control that stays hidden still fails the test, after the usual timeout.
            locator.tap()
        self.taps += 1

    def choose(self, path: str, *keys: str) -> None:
        """Tap the option rows `keys` of the question at `path` (e.g. "needs.0.urgency")."""
        base = "q-" + path.replace(".", "-")
        for key in keys:
            self.tap(f'label[for="{base}-{key}"]')

    def type(self, path: str, text: str) -> None:
        """Tap the text field, type `text`, then close the keyboard ("Gotowe"): the field
        loses focus without a tap on the page, so the tap count stays one."""
        selector = "#q-" + path.replace(".", "-") + "-input"
        self.tap(selector)
        field = self.page.locator(selector)
        field.fill(text)
        field.blur()

    def next(self) -> None:
        self.tap("#step-next")
        if self.after_step:
            self.after_step(self.page)


def log_in(page: Page, email: str, password: str, next_path: str = "/teren") -> None:
    page.goto(f"/logowanie?next={next_path}")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"**{next_path}*")


def open_field_app(page: Page) -> None:
    """Open /teren (or wait for it) until its script is ready and the SW controls it."""
    page.wait_for_selector("[data-module=field-app][data-ready='1']", state="attached")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def start_walk(phone: Phone, locality_id: int | None = None) -> None:
    page = phone.page
    expect(page.locator("#field-walk")).to_be_visible()
    target = f"#walk-locality-{locality_id}" if locality_id else "#walk-locality input"
    phone.tap(f'label[for="{page.locator(target).first.get_attribute("id")}"]')
    phone.tap("#walk-form button[type=submit]")
    expect(page.locator("#field-home")).to_be_visible()


def walking_phone(context: BrowserContext, user, on_screen: bool = False) -> Phone:
    """A new page of `context` as `user`'s phone: logged in, /teren ready, a walk chosen, the
    home screen shown (the walk's taps are counted: reset `taps` to count from here)."""
    page = context.new_page()
    log_in(page, user.email, user.password)
    open_field_app(page)
    phone = Phone(page, on_screen=on_screen)
    start_walk(phone)
    return phone


NEEDS = [
    ("Mama ma 82 lata, sama nie daje rady z zakupami i sprzątaniem.", "domownik",
     ["seniorzy_75"], "3m", "czesciowe", ["rodzina"], ["w_domu"]),
    ("Brakuje zajęć popołudniowych dla dzieci w świetlicy.", "rodzina",
     ["dzieci"], "12m", "brak", [], ["zajecia_grupowe"]),
    ("Starsi ludzie nie mają jak dojechać do lekarza i na rehabilitację.", "ogol",
     ["seniorzy"], "pilna", "nie_wiem", [], ["dowoz"]),
]


def record_interview(phone: Phone, needs: int = 3) -> None:
    """A typical interview, as in tests/fixtures/sync/interview.json: consents, household,
    three areas (all three are priorities), `needs` needs, community, no contact."""
    phone.tap("#new-visit")
    if phone.after_step:
        phone.after_step(phone.page)
    phone.choose("visit_outcome", "zrealizowany")
    phone.next()
    phone.choose("leaflet_given", "true")
    phone.choose("consent_interview", "tak")
    phone.choose("adult", "tak")
    phone.choose("consent_health", "tak")
    phone.choose("interview_mode", "osobiscie")
    phone.next()
    phone.choose("age_band", "45_59")
    phone.choose("gender", "kobieta")
    phone.choose("household_size", "4")
    phone.choose("household_members", "dzieci_4_12", "dorosli_18_59", "osoby_75_plus")
    phone.choose("daily_help_needed", "tak")
    phone.choose("informal_carer", "tak")
    phone.choose("household_type", "wielopokoleniowa")
    phone.choose("respondent_situation", "pracuje")
    phone.next()
    areas = ["pomoc_spoleczna", "edukacja", "zdrowie"][:needs]
    phone.choose("areas", *areas)
    if len(areas) >= 2:
        phone.choose("top_areas", *areas)
    phone.next()
    for index, need in enumerate(NEEDS[:needs]):
        description, beneficiary, groups, urgency, met, met_by, forms = need
        path = f"needs.{index}"
        phone.type(f"{path}.description", description)
        phone.choose(f"{path}.beneficiary", beneficiary)
        phone.choose(f"{path}.target_groups", *groups)
        phone.choose(f"{path}.urgency", urgency)
        phone.choose(f"{path}.met_status", met)
        if met_by:
            phone.choose(f"{path}.met_by", *met_by)
        phone.choose(f"{path}.preferred_forms", *forms)
        phone.next()
    phone.choose("services_rating", "raczej_zle")
    phone.choose("volunteering", "moze")
    phone.next()
    phone.choose("contact_requested", "false")
    phone.next()  # "Zapisz wizytę" on the last step
    expect(phone.page.locator("#field-home")).to_be_visible()


def go_past_consents(phone: Phone, on_open=None, open_with: str = "#new-visit") -> None:
    """Open an interview, answer the door and the consents, and go to the respondent's step.
    `on_open(page)` runs once the form is open (e.g. to switch the questions' language)."""
    phone.tap(open_with)
    if on_open:
        on_open(phone.page)
    phone.choose("visit_outcome", "zrealizowany")
    phone.next()
    phone.choose("leaflet_given", "true")
    phone.choose("consent_interview", "tak")
    phone.choose("adult", "tak")
    phone.choose("consent_health", "nie")
    phone.next()


def go_to_need_step(phone: Phone, on_open=None, open_with: str = "#new-visit") -> None:
    """The fewest answers that reach the first need's step (one area)."""
    go_past_consents(phone, on_open, open_with)
    phone.choose("age_band", "30_44")
    phone.choose("household_size", "2")
    phone.choose("household_members", "dorosli_18_59")
    phone.next()
    phone.choose("areas", "edukacja")
    phone.next()
    expect(phone.page.locator("#q-needs-0-description-input")).to_be_visible()


def record_minimal_interview(phone: Phone, on_open=None, open_with: str = "#new-visit") -> None:
    """The fewest answers the questionnaire accepts for an interview with one need."""
    go_to_need_step(phone, on_open, open_with)
    phone.type("needs.0.description", "Brakuje zajęć dla dzieci po szkole.")
    phone.choose("needs.0.beneficiary", "ogol")
    phone.choose("needs.0.target_groups", "seniorzy")
    phone.choose("needs.0.urgency", "3m")
    phone.choose("needs.0.met_status", "brak")
    phone.choose("needs.0.preferred_forms", "dowoz")
    phone.next()
    phone.choose("services_rating", "ani_ani")
    phone.next()
    phone.choose("contact_requested", "false")
    phone.next()
    expect(phone.page.locator("#field-home")).to_be_visible()


def record_nobody_home(phone: Phone) -> None:
    """The "Nikt nie otworzył" visit from home: the button, then the confirmation."""
    phone.tap("#nobody-home")
    phone.tap("#nobody-save")
    expect(phone.page.locator("#undo-panel")).to_be_visible()


def waiting(page: Page) -> int:
    """The number on the badge."""
    return int(page.locator("#outbox-badge").get_attribute("data-count"))


def outbox_records(page: Page) -> list[dict]:
    return page.evaluate(
        "import('/static/js/field/outbox.js').then((o) => o.all())"
    )


def put_records(page: Page, records: list[dict]) -> None:
    """Put records straight into the outbox (as if saved on this phone)."""
    page.evaluate(
        """async (records) => {
            const o = await import('/static/js/field/outbox.js');
            for (const r of records) await o.save(r);
        }""",
        records,
    )


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)
