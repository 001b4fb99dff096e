// A paper interview entered later (the phone was dead at the door): the researcher picks the
// day and hour it took place, the form opens as for a new visit, and the record goes with
// `recorded_at` = that moment and `from_paper: true` in its envelope. The campaign's period
// and "not in the future" are checked here for a quick answer, and again by the server
// (researcher/interviews/record_rules.py).

import { fmt, isoNow } from "./dom.js";

const $ = (id) => document.getElementById(id);

/** "2026-11-20" of a Date, in the phone's time zone. */
function day(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The date picker allows only the days of the walk's campaign up to today. */
export function limitPaperDates(campaign) {
  const input = $("paper-date");
  if (!input) return;
  const today = day(new Date());
  input.min = campaign?.starts_on || "";
  input.max = campaign?.ends_on && campaign.ends_on < today ? campaign.ends_on : today;
}

/** The moment chosen, or an error message (texts from the server, field_strings). */
export function paperMoment(date, time, campaign, t, now = new Date()) {
  if (!date || !time) return { error: t.paper_no_date };
  const moment = new Date(`${date}T${time}`);
  if (Number.isNaN(moment.getTime())) return { error: t.paper_no_date };
  if (moment > now) return { error: t.paper_future };
  if (campaign && (date < campaign.starts_on || date > campaign.ends_on)) {
    return { error: fmt(t.paper_outside, { start: campaign.starts_on, end: campaign.ends_on }) };
  }
  return { recorded_at: isoNow(moment) };
}

/** Wire the home screen's paper form: `open(recordedAt)` opens the interview form. */
export function bindPaper(t, campaignOf, open) {
  const form = $("paper-form");
  if (!form) return;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const error = $("paper-error");
    const result = paperMoment($("paper-date").value, $("paper-time").value, campaignOf(), t);
    $("paper-date").toggleAttribute("aria-invalid", Boolean(result.error));
    if (result.error) {
      error.textContent = result.error;
      error.hidden = false;
      $("paper-date").focus();
      return;
    }
    error.hidden = true;
    open(result.recorded_at);
  });
}
