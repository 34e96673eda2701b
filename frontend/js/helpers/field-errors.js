/**
 * A form field's error, next to the field: in the field's own error element (the element whose
 * id is the field's id plus "-error", which the field's aria-describedby names), with
 * aria-invalid on the field, so a screen reader reads the error with the field and a sighted
 * person sees it where they look.
 *
 * The browser checks a form's fields before its submit event runs (required, type="email",
 * pattern, and the custom validity a script sets). `explainInvalidFields` turns that check's
 * outcome into these errors, in the page's words rather than the browser's bubble, and moves
 * the focus to the first field in error, so nothing is sent while a field is wrong.
 */

import { hideMessage, showMessage } from "./dom.js";

function errorElementOf(input) {
  return document.getElementById(`${input.id}-error`);
}

/** Shows `text` as `input`'s error; an empty text clears it. */
export function showFieldError(input, text) {
  const errorElement = errorElementOf(input);
  input.setAttribute("aria-invalid", String(Boolean(text)));
  if (text) showMessage(errorElement, text, "error");
  else hideMessage(errorElement);
}

/** Clears the error of every field of `form` that has an error element. */
export function clearFieldErrors(form) {
  for (const input of form.querySelectorAll("input")) {
    if (errorElementOf(input)) showFieldError(input, "");
  }
}

/**
 * Makes `form`'s fields explain themselves when the browser's check refuses the form: each
 * refused field shows `describe(input)` (or, when that is "", the browser's own message) as its
 * error, and the first of them gets the focus. A field's error goes as soon as the person's
 * typing makes the field acceptable; until then it stays as it is, rather than changing (and
 * being read out again) at every keystroke.
 */
export function explainInvalidFields(form, describe) {
  for (const input of form.querySelectorAll("input")) {
    if (!errorElementOf(input)) continue;
    input.addEventListener("invalid", (event) => {
      event.preventDefault();
      showFieldError(input, describe(input) || input.validationMessage);
      if (form.querySelector(":invalid") === input) input.focus();
    });
    input.addEventListener("input", () => {
      if (input.getAttribute("aria-invalid") === "true" && input.validity.valid) {
        showFieldError(input, "");
      }
    });
  }
}
