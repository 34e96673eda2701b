/**
 * The feed, at #/. Signed in, it has two tabs (components/tabs.js): "Following", the person's home
 * feed (GET /api/feed/home: the photos of the people they follow, and their own), and "Everyone"
 * (GET /api/feed: every READY photo). Signed out, it shows Everyone alone, without tabs.
 *
 * Each tab's content is a components/feed-list.js list, loaded the first time the tab is shown and
 * then kept: switching tabs shows the other list where the person left it. The chosen tab is
 * remembered in localStorage, so a reload or the next visit opens it again; Following is the first
 * choice of a signed-in person. Signing in or out loads the lists again, since what they hold
 * depends on who is looking.
 *
 * The Following tab follows the person's follows (helpers/follow-events.js): an unfollowed
 * person's photos leave it at once; a followed person's arrive a moment later, once the API has
 * written them into the home feed, so the tab checks for them a couple of times, then stops. An
 * empty Following tab suggests people to follow instead (components/follow-suggestions.js).
 */

import { createFeedList } from "../components/feed-list.js";
import { createFollowSuggestions } from "../components/follow-suggestions.js";
import { createTabs } from "../components/tabs.js";
import { byId } from "../helpers/dom.js";
import { onFollowChanged, sameUsername } from "../helpers/follow-events.js";

const CHOSEN_TAB_KEY = "cloudgram.feedTab";
const FIRST_TAB = "following";
const SIGNED_OUT_TAB = "everyone";
// The home feed gets a new follow's photos within about a second; look twice, then stop (a
// reload brings any that take longer).
const FOLLOW_CHECK_DELAYS_MS = [1200, 4000];

/** The home feed's order: newest first by the time a photo was shared, then by id. */
const homeFeedOrder = (photo) => `${photo.createdAt}#${photo.id}`;

/** `cardContext` is what every card needs: {api, session, limits, onSignInRequested}. */
export function createFeedView({ api, session, cardContext, storage = window.localStorage }) {
  const section = byId("feed-view");
  const heading = byId("feed-title");
  // People unfollowed since the lists were loaded: their photos stay out, even one the API
  // still returns before it has caught up.
  const unfollowed = new Set();
  // Where the window was scrolled in each tab when the person left it for the other.
  const scrollPositions = new Map();

  const suggestions = createFollowSuggestions({
    context: cardContext,
    onBrowseEveryone: () => tabs.select("everyone", { byPerson: true, focus: true }),
  });
  const lists = {
    following: createFeedList({
      panel: byId("following-panel"),
      fetchPage: (page) => api.homeFeed(page),
      cardContext,
      orderKey: homeFeedOrder,
      accept: (photo) => !unfollowed.has(photo.owner?.username?.toLowerCase()),
      onUpdate: ({ isEmpty }) => {
        if (isEmpty || suggestions.shown) suggestions.show({ feedIsEmpty: isEmpty });
      },
      fallbackFocus: heading,
    }),
    everyone: createFeedList({
      panel: byId("everyone-panel"),
      fetchPage: (page) => api.feed(page),
      cardContext,
      fallbackFocus: heading,
    }),
  };
  const tablist = byId("feed-tabs");
  const tabs = createTabs({
    tablist,
    onSelect: showTab,
    onLeave: (name) => scrollPositions.set(name, window.scrollY),
  });

  function showTab(name, { byPerson }) {
    lists[name].start();
    if (!byPerson) return;
    storage.setItem(CHOSEN_TAB_KEY, name);
    // A tab seen before opens where the person left it; a new one at its top, just below the
    // tab bar, or where the window is if that is higher.
    const top = Math.min(window.scrollY, whereTabsStick(byId(`${name}-panel`)));
    window.scrollTo(0, scrollPositions.get(name) ?? top);
  }

  /** The scroll position at which the tab bar reaches its place below the header, with
   * `panel`'s first photo right under it. */
  function whereTabsStick(panel) {
    const style = getComputedStyle(tablist);
    const panelTop = panel.getBoundingClientRect().top + window.scrollY;
    const barHeight = tablist.offsetHeight + parseFloat(style.marginBottom);
    return panelTop - barHeight - parseFloat(style.top);
  }

  function chosenTab() {
    if (!session.isSignedIn()) return SIGNED_OUT_TAB;
    const stored = storage.getItem(CHOSEN_TAB_KEY);
    return stored in lists ? stored : FIRST_TAB;
  }

  onFollowChanged(({ username, followedByMe }) => {
    if (!session.isSignedIn() || sameUsername(username, session.username)) return;
    if (followedByMe) {
      unfollowed.delete(username.toLowerCase());
      for (const delay of FOLLOW_CHECK_DELAYS_MS) {
        setTimeout(() => lists.following.checkForNewer(), delay);
      }
    } else {
      unfollowed.add(username.toLowerCase());
      lists.following.removeWhere((photo) => sameUsername(photo.owner?.username, username));
    }
  });

  // The feed loads its first page when it is first shown, not when the page starts: someone who
  // opens a profile or a photo's page fetches and draws no feed they do not see.
  let started = false;

  /** Shows the tab the person chose last (Following at first), or Everyone signed out, and
   * returns its name. */
  function start() {
    started = true;
    tabs.setShown(session.isSignedIn());
    const name = chosenTab();
    tabs.select(name);
    return name;
  }

  return {
    section,

    /** Throws both lists away (someone signed in or out) and, if the feed has been shown, loads
     * the chosen tab again. */
    restart() {
      unfollowed.clear();
      suggestions.clear();
      for (const list of Object.values(lists)) list.clear();
      if (!started) return;
      const name = start();
      scrollPositions.clear();
      // select() only starts a tab it switches to.
      lists[name].start();
    },

    /** The feed keeps its lists between visits; the first visit starts it. */
    async show() {
      if (!started) start();
      section.hidden = false;
      return { title: "Latest photos", heading };
    },

    hide() {
      section.hidden = true;
    },
  };
}
