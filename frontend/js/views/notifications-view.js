/**
 * The signed-in person's notifications, at #/notifications (the header's bell opens it): newest
 * first, page by page (components/paged-list.js), each saying in words who did what ("alice liked
 * your photo", "bob commented: “nice light”"), when, with the photo's small picture where there is
 * one. Each leads where it happened: the photo, the comment on the photo's page, or, for a follow,
 * the follower's profile; the name of whoever did it leads to their profile.
 *
 * Opening the list marks everything read, once the first page is on the screen, so what was new
 * still shows as new ("New", in words and not by colour alone) on this visit, and the bell's badge
 * goes to 0. Signed out, the place asks to sign in. Every value from the API goes in as text.
 */

import { createPager } from "../components/paged-list.js";
import { personLink, personPicture } from "../components/person-badge.js";
import { byId, element, hideMessage, link, showMessage, showSignInPrompt } from "../helpers/dom.js";
import { timeAgo } from "../helpers/format.js";
import { commentHref, photoHref, profileHref } from "../helpers/router.js";

const PAGE_SIZE = 20;

/** What each kind says after the name of whoever did it. */
const WORDS = {
  like: () => "liked your photo",
  comment: (notification) => `commented: ${quoted(notification)}`,
  reply: (notification) => `replied to your comment: ${quoted(notification)}`,
  follow: () => "started following you",
  mention: (notification) =>
    notification.comment
      ? `mentioned you in a comment: ${quoted(notification)}`
      : "mentioned you in their photo's caption",
};

/** `context` is {api, session, onSignInRequested}; `bell` is the header's, told when all is read. */
export function createNotificationsView({ api, session, onSignInRequested, bell }) {
  const section = byId("notifications-view");
  const heading = byId("notifications-title");
  const signInNote = byId("notifications-sign-in");
  const loadingNote = byId("notifications-loading");
  const list = byId("notification-list");
  const emptyNote = byId("notifications-empty");
  const errorMessage = byId("notifications-error");
  const moreButton = byId("notifications-more-button");
  let loadNumber = 0;

  const pager = createPager({
    fetchPage: (cursor) => api.notifications({ limit: PAGE_SIZE, cursor }),
    onItems: (notifications) => {
      for (const notification of notifications) {
        const item = renderNotification(notification);
        if (item) list.append(item);
      }
    },
    onSettled: ({ hasMore, error }) => {
      if (error) showMessage(errorMessage, `Notifications could not be loaded. ${error.message}`, "error");
      else hideMessage(errorMessage);
      moreButton.hidden = !hasMore;
      emptyNote.hidden = hasMore || Boolean(error) || list.children.length > 0;
    },
    moreButton,
  });

  function clear() {
    pager.reset();
    list.replaceChildren();
    emptyNote.hidden = true;
    moreButton.hidden = true;
    signInNote.hidden = true;
    loadingNote.hidden = true;
    hideMessage(errorMessage);
  }

  /** Everything is read now: the bell says so, whatever the list shows. Failing leaves the badge
   * as it is, for the next visit to try again. */
  async function markAllRead() {
    try {
      const { unreadCount } = await api.markNotificationsRead();
      bell.setUnread(unreadCount ?? 0);
    } catch {
      // Nothing to tell: the notifications are on the screen; they stay unread for next time.
    }
  }

  return {
    section,

    async show() {
      section.hidden = false;
      bell.setCurrent(true);
      clear();
      const shown = { title: heading.textContent, heading };
      if (!session.isSignedIn()) {
        showSignInPrompt(signInNote, "Your notifications need you signed in.", onSignInRequested);
        return shown;
      }
      loadNumber += 1;
      const thisLoad = loadNumber;
      loadingNote.hidden = false;
      let firstPage;
      try {
        firstPage = await api.notifications({ limit: PAGE_SIZE });
      } catch (error) {
        if (thisLoad !== loadNumber) return null;
        loadingNote.hidden = true;
        showMessage(errorMessage, `Notifications could not be loaded. ${error.message}`, "error");
        return shown;
      }
      if (thisLoad !== loadNumber) return null;
      loadingNote.hidden = true;
      pager.startFrom(firstPage);
      if (firstPage.unreadCount > 0) markAllRead();
      else bell.setUnread(0);
      return shown;
    },

    hide() {
      section.hidden = true;
      bell.setCurrent(false);
      loadNumber += 1;
    },
  };
}

/** One notification as a list item, or null for a kind this page does not know. */
function renderNotification(notification) {
  const words = WORDS[notification.kind];
  if (!words) return null;
  const actor = notification.actor?.username ?? "someone";
  const item = element("li", "notification");
  item.classList.toggle("notification--unread", notification.unread === true);

  // The words lead where it happened; a rule in notifications.css stretches this link over the
  // whole item, so the picture and the empty space lead there too (the name stays its own link).
  const sentence = element("p", "notification__sentence");
  const target = link(addressOf(notification, actor), "notification__link", words(notification));
  sentence.append(personLink(notification.actor, "notification__actor"), " ", target);

  const details = element("p", "notification__details");
  if (notification.unread) details.append(element("span", "notification__new", "New"), " ");
  const time = element("time", "notification__time", timeAgo(notification.createdAt));
  time.dateTime = notification.createdAt;
  details.append(time);

  const text = element("div", "notification__text");
  text.append(sentence, details);
  item.append(personPicture(notification.actor, "notification__avatar"), text);
  const thumbnail = thumbnailOf(notification.photo);
  if (thumbnail) item.append(thumbnail);
  return item;
}

/** The photo's smallest picture, decorative: the link's words say what it is. */
function thumbnailOf(photo) {
  const renditions = photo?.renditions ?? {};
  const rendition = renditions.grid ?? renditions.feed ?? renditions.full;
  if (!rendition?.url) return null;
  const image = element("img", "notification__thumbnail");
  image.src = rendition.url;
  image.alt = "";
  image.width = 48;
  image.height = 48;
  image.loading = "lazy";
  image.decoding = "async";
  return image;
}

/** Where a notification leads: the comment it is about, on its photo's page; else the photo;
 * and for a follow (no photo), the follower's profile. */
function addressOf(notification, actor) {
  const photoId = notification.photo?.id;
  if (!photoId) return profileHref(actor);
  const commentId = notification.comment?.id;
  return commentId ? commentHref(photoId, commentId) : photoHref(photoId);
}

/** A comment's words in quotation marks, as the API cut them (at most 200 characters). */
function quoted(notification) {
  return `“${notification.comment?.text ?? ""}”`;
}
