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

/** The element marked data-part="<name>" inside `container`, for markup repeated in several
 * places (the feed's two tabs). Fails loudly when missing, unless `optional`. */
export function part(container, name, { optional = false } = {}) {
  const found = container.querySelector(`[data-part="${name}"]`);
  if (!found && !optional) throw new Error(`#${container.id} has no data-part="${name}"`);
  return found;
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

/** Says in `messageElement` that `why` (e.g. "Liking photos needs an account."), with a Sign in
 * button that calls `onSignInRequested`. */
export function showSignInPrompt(messageElement, why, onSignInRequested) {
  const signIn = element("button", "link-button", "Sign in");
  signIn.type = "button";
  signIn.addEventListener("click", onSignInRequested);
  showMessage(messageElement, `${why} `);
  messageElement.append(signIn);
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

/** A link; `href` is one of router.js's addresses, so it never carries a script. */
export function link(href, className, text) {
  const created = element("a", className, text);
  created.href = href;
  return created;
}

/** Text for screen readers only, e.g. the file name in "Cancel <name>" when the button shows
 * just "Cancel". */
export function visuallyHidden(text) {
  return element("span", "visually-hidden", text);
}

/** The first letter of a name in a coloured circle, standing in for a profile picture. */
export function avatar(username, className) {
  const circle = element("span", `avatar ${className ?? ""}`.trim(), username.charAt(0));
  circle.setAttribute("aria-hidden", "true");
  return circle;
}

/**
 * The worker's tiny blurred placeholder of a picture, as a decorative <img> that fills the
 * picture's box until the picture itself has loaded; null when `dataUrl` is not an inline image
 * (only `data:image/...` is drawn, never an address from elsewhere).
 */
export function placeholderImage(dataUrl, className) {
  if (typeof dataUrl !== "string" || !dataUrl.startsWith("data:image/")) return null;
  const placeholder = element("img", className);
  placeholder.src = dataUrl;
  placeholder.alt = "";
  return placeholder;
}

const SVG_NAMESPACE = "http://www.w3.org/2000/svg";

/** A decorative icon drawn from SVG path data (24 by 24 units); hidden from screen readers. */
export function icon(pathData, className) {
  const svg = document.createElementNS(SVG_NAMESPACE, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  if (className) svg.setAttribute("class", className);
  const path = document.createElementNS(SVG_NAMESPACE, "path");
  path.setAttribute("d", pathData);
  svg.append(path);
  return svg;
}
