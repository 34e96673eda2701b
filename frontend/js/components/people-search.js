/**
 * The header's search for people: results as the person types, each with their picture, names
 * and Follow button. On a phone the field sits behind a magnifier button that opens it, so the
 * header fits at 360 pixels.
 *
 * The field is an ARIA combobox whose popup is a grid (one row a person: their names, which open
 * the profile, and their Follow button). A grid rather than a listbox because each result holds
 * a button, which an option may not. The focus stays in the field: Up and Down choose a row
 * (aria-activedescendant says which), Left and Right move between its name and its button, Enter
 * opens the profile or presses the button, Escape closes the results, and a second Escape clears
 * the field. Typing waits a quarter of a second before asking (GET /users?prefix=), and a newer
 * request aborts the one before it, so a slow answer never replaces a newer one.
 */

import { element } from "../helpers/dom.js";
import { sameUsername } from "../helpers/follow-events.js";
import { profileHref } from "../helpers/router.js";
import { createFollowButton } from "./follow-button.js";
import { personNames, personPicture } from "./person-badge.js";

const TYPING_PAUSE_MS = 250;
const RESULT_LIMIT = 8;

/** Wires the header's search markup (index.html's #people-search). */
export function createPeopleSearch({ api, session, onSignInRequested, container }) {
  const toggle = container.querySelector(".search__toggle");
  const input = container.querySelector("input");
  const popup = container.querySelector(".search__popup");
  const grid = popup.querySelector('[role="grid"]');
  const status = container.querySelector(".search__status");

  let timer = null;
  let controller = null;
  // Which row and which cell (0: the names, 1: the Follow button) the keyboard is on.
  let activeRow = -1;
  let activeCell = 0;
  // Aborted with every new set of results, which removes the old Follow buttons' listeners.
  let lifetime = new AbortController();

  function setOpen(open) {
    container.classList.toggle("search--open", open);
    toggle.setAttribute("aria-expanded", String(open));
  }

  function showPopup(shown) {
    popup.hidden = !shown;
    input.setAttribute("aria-expanded", String(shown && grid.children.length > 0));
  }

  function rows() {
    return [...grid.querySelectorAll('[role="row"]')];
  }

  function setActive(rowIndex, cellIndex = activeCell) {
    const all = rows();
    all[activeRow]?.setAttribute("aria-selected", "false");
    all[activeRow]?.classList.remove("search__result--active");
    for (const cell of grid.querySelectorAll(".search__cell--active")) {
      cell.classList.remove("search__cell--active");
    }
    activeRow = rowIndex;
    activeCell = cellIndex;
    const row = all[rowIndex];
    if (!row) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    const cells = row.querySelectorAll('[role="gridcell"]');
    const cell = cells[Math.min(cellIndex, cells.length - 1)];
    row.setAttribute("aria-selected", "true");
    row.classList.add("search__result--active");
    cell.classList.add("search__cell--active");
    input.setAttribute("aria-activedescendant", cell.id);
    cell.scrollIntoView({ block: "nearest" });
  }

  function clearResults() {
    lifetime.abort();
    lifetime = new AbortController();
    grid.replaceChildren();
    activeRow = -1;
    activeCell = 0;
    input.removeAttribute("aria-activedescendant");
  }

  function renderResult(person, index) {
    const row = element("div", "search__result");
    row.setAttribute("role", "row");
    row.setAttribute("aria-selected", "false");
    const nameCell = element("div", "search__cell search__cell--person");
    nameCell.setAttribute("role", "gridcell");
    nameCell.id = `search-result-${index}-person`;
    const personLink = element("a", "search__person");
    personLink.href = profileHref(person.username);
    personLink.tabIndex = -1; // reached from the field, with the arrow keys
    personLink.append(personPicture(person), personNames(person, "search__names", { stacked: true }));
    personLink.addEventListener("click", leave);
    nameCell.append(personLink);
    row.append(nameCell);
    // Only a signed-in person's results say `followedByMe`; nobody follows themselves.
    if (person.followedByMe !== undefined && !sameUsername(person.username, session.username)) {
      const followCell = element("div", "search__cell search__cell--follow");
      followCell.setAttribute("role", "gridcell");
      followCell.id = `search-result-${index}-follow`;
      followCell.append(
        createFollowButton({ person, api, session, onSignInRequested, signal: lifetime.signal }),
      );
      row.append(followCell);
    }
    row.addEventListener("pointermove", () => {
      if (activeRow !== index) setActive(index, 0);
    });
    return row;
  }

  async function search(prefix) {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    status.textContent = "Searching…";
    showPopup(true);
    try {
      const { items } = await api.searchPeople(prefix, { limit: RESULT_LIMIT, signal });
      clearResults();
      grid.append(...items.map(renderResult));
      status.textContent = items.length
        ? `${items.length === 1 ? "1 person" : `${items.length} people`} found. Up and Down to choose.`
        : `Nobody found for “${prefix}”.`;
      showPopup(true);
    } catch (error) {
      if (signal.aborted) return;
      clearResults();
      status.textContent = `The search did not work: ${error.message}`;
      showPopup(true);
    }
  }

  function close() {
    clearTimeout(timer);
    controller?.abort();
    showPopup(false);
    setActive(-1);
  }

  /** A result was chosen: the results close, and on a phone so does the field. */
  function leave() {
    close();
    setOpen(false);
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const prefix = input.value.trim();
    if (!prefix) {
      controller?.abort();
      clearResults();
      status.textContent = "";
      showPopup(false);
      return;
    }
    timer = setTimeout(() => search(prefix), TYPING_PAUSE_MS);
  });

  input.addEventListener("keydown", (event) => {
    const count = rows().length;
    const moves = {
      ArrowDown: () => setActive(count ? (activeRow + 1) % count : -1, 0),
      ArrowUp: () => setActive(count ? (activeRow - 1 + count) % count : -1, 0),
      ArrowRight: () => activeRow >= 0 && setActive(activeRow, 1),
      ArrowLeft: () => activeRow >= 0 && setActive(activeRow, 0),
      Enter: () => activateCell(),
      Escape: () => escape(),
    };
    const move = moves[event.key];
    if (!move) return;
    // Left and Right keep moving the caret unless a row is chosen.
    if ((event.key === "ArrowLeft" || event.key === "ArrowRight") && activeRow < 0) return;
    if (event.key === "Enter" && activeRow < 0) return;
    event.preventDefault();
    if (popup.hidden && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      if (grid.children.length === 0) return;
      showPopup(true);
    }
    move();
  });

  function activateCell() {
    const row = rows()[activeRow];
    const cell = row?.querySelectorAll('[role="gridcell"]')[activeCell];
    cell?.querySelector("a, button")?.click();
  }

  function escape() {
    if (!popup.hidden) {
      close();
      return;
    }
    input.value = "";
    clearResults();
    status.textContent = "";
    if (container.classList.contains("search--open")) {
      setOpen(false);
      toggle.focus();
    }
  }

  toggle.addEventListener("click", () => {
    const open = !container.classList.contains("search--open");
    setOpen(open);
    if (open) input.focus();
  });

  // A click or a focus anywhere else closes the results (not the field itself).
  document.addEventListener("pointerdown", (event) => {
    if (!container.contains(event.target)) close();
  });
  container.addEventListener("focusout", (event) => {
    if (!container.contains(event.relatedTarget) && !document.querySelector("dialog[open]")) close();
  });
  input.addEventListener("focus", () => {
    if (input.value.trim() && grid.children.length > 0) showPopup(true);
  });
  // Going back or forth to another place closes them too.
  window.addEventListener("popstate", leave);
}
