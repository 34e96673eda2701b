/**
 * The bell in the header (#notifications-bell in index.html), signed in only: a link to the
 * notifications (views/notifications-view.js) with a badge of how many are unread, "99+" beyond
 * 99, and none at 0. Screen readers hear "Notifications, 3 unread"; the badge itself is hidden
 * from them, so the count is not read twice.
 *
 * The count is asked for (one notification is enough: the answer carries `unreadCount`) when
 * the bell is shown, when the tab becomes visible again, and every minute while it is visible.
 * A hidden tab asks nothing: nobody is looking, and it would cost a request a minute for every
 * tab left open. A count that cannot be read leaves the badge as it was; the next minute tries
 * again.
 */

import { byId } from "../helpers/dom.js";

const REFRESH_EVERY_MS = 60_000;
// The API answers 100 for "more than 99".
const MOST_COUNTED = 99;

export function createNotificationBell({ api }) {
  const bell = byId("notifications-bell");
  const badge = byId("notifications-badge");
  let timer = null;
  let shown = false;
  // Bumped when the bell is hidden or the count is set here, so an answer on its way for an
  // earlier moment (another account, before the list was read) is ignored.
  let generation = 0;

  function showCount(count) {
    const unread = Number.isInteger(count) && count > 0 ? count : 0;
    const words = unread > MOST_COUNTED ? `more than ${MOST_COUNTED}` : String(unread);
    badge.textContent = unread > MOST_COUNTED ? `${MOST_COUNTED}+` : String(unread);
    badge.hidden = unread === 0;
    bell.setAttribute("aria-label", unread ? `Notifications, ${words} unread` : "Notifications");
  }

  async function refresh() {
    const asked = generation;
    try {
      const page = await api.notifications({ limit: 1 });
      if (asked === generation) showCount(page.unreadCount);
    } catch {
      // The badge keeps its last count; the next refresh tries again.
    }
  }

  function startRefreshing() {
    clearInterval(timer);
    timer = setInterval(refresh, REFRESH_EVERY_MS);
  }

  function stopRefreshing() {
    clearInterval(timer);
    timer = null;
  }

  document.addEventListener("visibilitychange", () => {
    if (!shown) return;
    if (document.visibilityState === "visible") {
      refresh();
      startRefreshing();
    } else {
      stopRefreshing();
    }
  });

  return {
    show() {
      shown = true;
      showCount(0);
      if (document.visibilityState !== "visible") return;
      refresh();
      startRefreshing();
    },

    hide() {
      shown = false;
      generation += 1;
      stopRefreshing();
      showCount(0);
    },

    /** Shows `count` at once: the notifications view has just read them all. */
    setUnread(count) {
      generation += 1;
      showCount(count);
    },

    /** Marks the bell as the current place's link while the notifications are shown. */
    setCurrent(current) {
      if (current) bell.setAttribute("aria-current", "page");
      else bell.removeAttribute("aria-current");
    },
  };
}
