/**
 * Sending one of the page's account forms (the sign-in panel's, views/auth-view.js, and the
 * account settings', views/settings-view.js): the submit button is
 * busy while the action runs, so a double click sends once; the last refusal is cleared first;
 * and a new refusal is shown where it belongs, next to its field (helpers/field-errors.js),
 * which gets the focus, or in the form's message when it concerns no one field.
 */

import { hideMessage, setBusy, showMessage } from "./dom.js";
import { clearFieldErrors, showFieldError } from "./field-errors.js";

/**
 * Runs `action(fields)` (a FormData) when `form` is sent. When it throws, `explain(error)` says
 * {field, text}: `field` is the name of the form's field concerned, or null; `text` goes next to
 * that field, or in `message`.
 */
export function handleSubmit(form, action, { message, explain }) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    if (button.disabled) return;
    setBusy(button, true);
    hideMessage(message);
    clearFieldErrors(form);
    try {
      await action(new FormData(form));
      setBusy(button, false);
    } catch (error) {
      setBusy(button, false);
      showRefusal(form, explain(error), { message, button });
    }
  });
}

/** Shows a refusal next to its field, which gets the focus; a refusal of the whole form goes in
 * `message`, and the focus (lost while the button was busy) back to `button`. */
export function showRefusal(form, { field, text }, { message, button }) {
  const input = field ? form.elements.namedItem(field) : null;
  if (!input) {
    showMessage(message, text, "error");
    button?.focus();
    return;
  }
  showFieldError(input, text);
  input.focus();
}
