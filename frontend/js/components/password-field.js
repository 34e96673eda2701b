/**
 * The parts of a password field: a Show password button on every one, and under a new password
 * the checklist of the user pool's rules (helpers/password-rules.js), ticked off as it is typed.
 *
 * Show password is a toggle button (aria-pressed) next to the field, named "Show password"
 * whatever it shows ("Show" or "Hide"), as the follow button keeps its name. Pressing it with the
 * pointer leaves the focus and the caret in the field; from the keyboard the focus stays on the
 * button. The field hides its text again when its form is sent or reset, so a password is never
 * left readable on screen.
 *
 * The checklist marks each rule met or not at every keystroke, for the eyes. Screen readers hear
 * it from a polite status, only once typing has paused and only when what is missing has changed,
 * rather than at every keystroke.
 */

import { element, visuallyHidden } from "../helpers/dom.js";
import { passwordProblem, passwordRules, unmetRules } from "../helpers/password-rules.js";

// How long typing must pause before the checklist's state is read out.
const ANNOUNCE_AFTER_PAUSE_MS = 1000;

/** Wires a Show password button to the field its aria-controls names. */
export function addShowPasswordButton(button) {
  const input = document.getElementById(button.getAttribute("aria-controls"));
  const label = button.querySelector("[data-part='label']");

  function show(visible) {
    // Switching the type keeps the value; the caret and selection are put back where they were.
    const { selectionStart, selectionEnd, selectionDirection } = input;
    input.type = visible ? "text" : "password";
    if (document.activeElement === input) {
      input.setSelectionRange(selectionStart, selectionEnd, selectionDirection);
    }
    button.setAttribute("aria-pressed", String(visible));
    label.textContent = visible ? "Hide" : "Show";
  }

  // A pointer press would move the focus to the button; the person was typing in the field.
  button.addEventListener("mousedown", (event) => event.preventDefault());
  button.addEventListener("click", () => show(button.getAttribute("aria-pressed") !== "true"));
  // Capture: hidden before the form's own submit handler runs, whatever it does.
  input.form.addEventListener("submit", () => show(false), { capture: true });
  input.form.addEventListener("reset", () => show(false));
  show(false);
}

/**
 * Fills `list` with `rules` and keeps it in step with `input`; `status` is a polite live region
 * for screen readers. Returns {problem()}: what the password still lacks, in words, or "".
 */
export function createPasswordChecklist({ input, rules, list, status }) {
  const items = new Map(rules.map((rule) => [rule, ruleItem(rule)]));
  let announced = "";
  let announceTimer = null;

  function update() {
    const unmet = new Set(unmetRules(rules, input.value));
    const typed = input.value !== "";
    list.replaceChildren();
    for (const [rule, item] of items) {
      const met = typed && !unmet.has(rule);
      if (rule.listedWhenBroken && !unmet.has(rule)) continue;
      item.dataset.met = String(met);
      item.querySelector("[data-part='state']").textContent = met ? " (done)" : " (not yet)";
      item.querySelector("[data-part='mark']").textContent = met ? "✓" : "•";
      list.append(item);
    }
  }

  function announceSoon() {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      const now = summary(rules, input.value);
      if (now !== announced) status.textContent = now;
      announced = now;
    }, ANNOUNCE_AFTER_PAUSE_MS);
  }

  input.addEventListener("input", () => {
    update();
    announceSoon();
  });
  input.form.addEventListener("reset", () => {
    // The reset empties the field after this event; the checklist follows once it has.
    setTimeout(update);
    clearTimeout(announceTimer);
    announced = "";
    status.textContent = "";
  });
  update();

  return {
    problem: () => (rules.length > 0 ? passwordProblem(rules, input.value) : ""),
  };
}

/**
 * A new password's field (sign-up, a forgotten password, Change password) with its checklist of
 * the pool's rules (`passwordPolicy`, config.json's), whose list and status are the elements
 * "<field id>-rules-list" and "<field id>-rules-status". The browser's own form check runs the
 * rules, so the form is not sent while one is unmet. Returns {problem()}, as
 * createPasswordChecklist does.
 */
export function createNewPasswordField(input, passwordPolicy) {
  const checklist = createPasswordChecklist({
    input,
    rules: passwordPolicy ? passwordRules(passwordPolicy) : [],
    list: document.getElementById(`${input.id}-rules-list`),
    status: document.getElementById(`${input.id}-rules-status`),
  });
  const check = () => input.setCustomValidity(checklist.problem());
  input.addEventListener("input", check);
  input.form.addEventListener("reset", () => setTimeout(check));
  check();
  return checklist;
}

function ruleItem(rule) {
  const item = element("li", "password-rules__rule");
  const mark = element("span", "password-rules__mark");
  mark.dataset.part = "mark";
  mark.setAttribute("aria-hidden", "true");
  const state = visuallyHidden("");
  state.dataset.part = "state";
  item.append(mark, element("span", "password-rules__label", rule.label), state);
  return item;
}

/** The checklist in one sentence, for screen readers. */
function summary(rules, password) {
  if (password === "") return "";
  const unmet = unmetRules(rules, password);
  if (unmet.length === 0) return "All password rules met.";
  return `Password still needs: ${unmet.map((rule) => rule.need ?? rule.label).join(", ")}.`;
}
