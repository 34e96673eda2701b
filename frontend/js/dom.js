/**
 * The few DOM helpers every view shares: find required elements, show a message, mark a button
 * busy. Text always goes in through textContent, never innerHTML, so nothing a user typed (a
 * caption, a username) can ever become markup or script.
 */

/** document.getElementById that fails loudly when the markup and the script disagree. */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no element with id "${id}"`);
  return element;
}

/** Shows `text` in a message element; kind is "info", "success" or "error". */
export function showMessage(element, text, kind = "info") {
  element.textContent = text;
  element.classList.toggle("message--success", kind === "success");
  element.classList.toggle("message--error", kind === "error");
  element.hidden = false;
}

export function hideMessage(element) {
  element.hidden = true;
  element.textContent = "";
}

/** Disables a button while its request runs and shows a spinner; screen readers hear "busy". */
export function setBusy(button, busy) {
  button.disabled = busy;
  button.setAttribute("aria-busy", String(busy));
}

/** Creates an element with a class and, optionally, text content. */
export function element(tagName, className, text) {
  const created = document.createElement(tagName);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}
