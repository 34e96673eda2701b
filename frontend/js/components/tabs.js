/**
 * A row of tabs, as the WAI-ARIA tabs pattern describes it, for the markup's role="tablist":
 * each role="tab" button names the panel it shows in aria-controls, and says in aria-selected
 * whether it is the chosen one. Only the chosen tab is in the Tab order; the arrow keys (and
 * Home, End) move between tabs and choose them at once, so a keyboard user can flip through them
 * as a mouse user clicks. Used by the feed ("Following" and "Everyone").
 *
 * The tabs can be taken away (signed out, the feed has only one panel): their panels are then
 * plain parts of the page, without the tab roles that would point at tabs nobody can see.
 */

import { byId } from "../helpers/dom.js";

const KEYS_TO_TABS = {
  ArrowRight: (index, count) => (index + 1) % count,
  ArrowLeft: (index, count) => (index - 1 + count) % count,
  Home: () => 0,
  End: (index, count) => count - 1,
};

/**
 * Tabs are named by their data-tab attribute. `onSelect(name, {byPerson})` hears every choice,
 * with `byPerson` true when it came from a click or a key rather than from the page itself;
 * `onLeave(name)` hears that a tab is about to be left, while its panel is still shown.
 */
export function createTabs({ tablist, onSelect, onLeave = () => {} }) {
  const tabs = [...tablist.querySelectorAll('[role="tab"]')];
  const panelOf = (tab) => byId(tab.getAttribute("aria-controls"));
  let selected = null;

  function select(name, { byPerson = false, focus = false } = {}) {
    const chosen = tabs.find((tab) => tab.dataset.tab === name);
    if (selected !== null && name !== selected) onLeave(selected);
    for (const tab of tabs) {
      const isChosen = tab === chosen;
      tab.setAttribute("aria-selected", String(isChosen));
      tab.tabIndex = isChosen ? 0 : -1;
      panelOf(tab).hidden = !isChosen;
    }
    if (focus) chosen.focus();
    if (name === selected) return;
    selected = name;
    onSelect(name, { byPerson });
  }

  tablist.addEventListener("click", (event) => {
    const tab = event.target.closest('[role="tab"]');
    if (tab) select(tab.dataset.tab, { byPerson: true });
  });

  tablist.addEventListener("keydown", (event) => {
    const move = KEYS_TO_TABS[event.key];
    const index = tabs.indexOf(event.target);
    if (!move || index === -1) return;
    event.preventDefault(); // the arrow keys would scroll the page too
    select(tabs[move(index, tabs.length)].dataset.tab, { byPerson: true, focus: true });
  });

  return {
    select,

    /** Shows the tabs, or takes them away; the caller then selects the panel to show. */
    setShown(shown) {
      tablist.hidden = !shown;
      for (const tab of tabs) {
        const panel = panelOf(tab);
        if (shown) {
          panel.setAttribute("role", "tabpanel");
          panel.setAttribute("aria-labelledby", tab.id);
        } else {
          panel.removeAttribute("role");
          panel.removeAttribute("aria-labelledby");
        }
      }
    },
  };
}
