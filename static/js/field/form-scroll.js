// Where the interview page moves by itself (issue 12): after a tap on an answer, and after a
// text question is left, the next question to ask comes into view above the fixed "Dalej"
// bar. Never by the keyboard (arrows and space choose without moving the page), never while
// typing, never under a finger that tapped another control. tests/browser/test_field_scroll.py
// pins these rules; the minimal interview's taps are measured in test_field_day.py.

import { isEmpty } from "./form-logic.js";

/** Pixels kept free above a question brought into view (and above the fixed bar). */
const GAP = 8;
/** How much the visual viewport must grow to count as the on-screen keyboard closing. */
const KEYBOARD_MIN = 120;
/** A choice this soon after a tap was made by the tap. */
const CHOICE_MS = 1500;
/** A field left this soon after a tap elsewhere was left by that tap. */
const TAP_MS = 600;

/** The mover of the form on screen: Android hides its keyboard without leaving the field,
 * so the screen growing back counts as leaving it. */
let current = null;
if (window.visualViewport) {
  let height = window.visualViewport.height;
  window.visualViewport.addEventListener("resize", () => {
    const grew = window.visualViewport.height - height >= KEYBOARD_MIN;
    height = window.visualViewport.height;
    if (grew && current?.form.root.contains(document.activeElement)) current.keyboardClosed();
  });
}

export class PageMover {
  /** @param {object} form  the InterviewForm (its root and bindings) */
  constructor(form) {
    this.form = form;
    this.pointerAt = 0; // when the last touch/click happened: only those move the page
    this.pointerTarget = null;
    current = this;
  }

  /** Listen on a newly drawn step's form element. */
  watch(element) {
    element.addEventListener("pointerdown", (event) => {
      this.pointerAt = Date.now();
      this.pointerTarget = event.target;
    });
    // A key pressed after a tap (arrows, space) chooses without moving the page.
    element.addEventListener("keydown", () => { this.pointerAt = 0; });
  }

  /** An answer was chosen or ticked: move on if a tap did it. */
  chosen(binding, input) {
    if (Date.now() - this.pointerAt < CHOICE_MS) {
      this.bringNextIntoView(binding, { tick: binding.question.widget === "checkboxes", input });
    }
  }

  /** Only when the fixed bar hides what comes next: after a single choice the next
   * unanswered question moves to the top; after a tick in a list it comes up just above the
   * bar, so as much of the list as fits stays in view for another tick – or, with no such
   * question hidden, the rest of the list comes up instead. */
  bringNextIntoView(binding, { tick = false, input = null } = {}) {
    const shown = this.form.bindings.filter((b) => !b.walk && !b.element.hidden);
    const after = shown.slice(shown.indexOf(binding) + 1);
    // The next question still to ask: one answered before (D2 pre-set from C2) is passed.
    const next = after.find((b) => isEmpty(b.holder[b.question.key])) || after[0];
    const barTop = this.form.root.querySelector(".step-bar-actions")?.getBoundingClientRect().top ?? window.innerHeight;
    const box = next?.element.getBoundingClientRect();
    if (!box || (box.top >= GAP && box.bottom + GAP <= barTop)) {
      if (tick && input) this.showRestOfList(binding, input, barTop);
      return;
    }
    const fits = box.height + 2 * GAP <= barTop;
    window.scrollBy(0, tick && fits ? box.bottom + GAP - barTop : box.top - GAP);
  }

  /** The rows after a ticked one come up from behind the bar (the ticked row goes no higher
   * than the top of the screen). */
  showRestOfList(binding, input, barTop) {
    const last = binding.options.filter((o) => !o.row.hidden).at(-1)?.row.getBoundingClientRect();
    const row = input.closest(".choice").getBoundingClientRect();
    const by = last ? Math.min(row.top - GAP, last.bottom + GAP - barTop) : 0;
    if (by > 0) window.scrollBy(0, by);
  }

  /** A text question left after typing – the keyboard's "Gotowe", a tap on an empty part of
   * the screen – brings the next question up as a choice does; a tap or Tab to another
   * control does not (the page must not move under the finger or away from the focus). */
  left(binding, input, event) {
    if (input.value === binding.valueOnFocus || event.relatedTarget || !input.isConnected) return;
    const tapped = this.pointerTarget?.isConnected && !binding.element.contains(this.pointerTarget);
    if (!tapped || Date.now() - this.pointerAt > TAP_MS) {
      this.bringNextIntoView(binding);
      return;
    }
    if (this.pointerTarget.closest("a, button, input, label, select, summary, textarea")) return;
    // A tap on empty space: move once the tap is over, unless it focused another field.
    setTimeout(() => {
      const body = this.form.root.querySelector(".step-body");
      if (input.isConnected && !body?.contains(document.activeElement)) this.bringNextIntoView(binding);
    }, 300);
  }

  keyboardClosed() {
    const binding = this.form.bindings.find((b) => b.input && b.input === document.activeElement);
    if (binding && binding.input.value !== binding.valueOnFocus) {
      binding.valueOnFocus = binding.input.value;
      this.bringNextIntoView(binding);
    }
  }
}
