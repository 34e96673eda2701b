/**
 * A profile, at #/u/<username>: who the person is (their picture, their display name above their
 * username, their bio, when they joined, how many photos, followers and people followed, the last
 * two linking to those lists) with a Follow button on anyone else's profile and "Edit profile"
 * (components/profile-editor.js) on one's own, and their photos as a square grid, newest first,
 * page by page. Each tile opens the photo's page.
 *
 * Everyone sees READY photos, and the header counts them. The owner also sees a tile for a photo
 * still on its way (uploading from this page, or processing), and, apart from the grid in a short
 * "Couldn't be shared" list, the photos that did not make it (an interrupted upload, a file
 * CloudGram could not use), each with its reason, Retry where it can work, and Remove
 * (components/unfinished-photo.js). Those come with the grid's pages, newest first: they are
 * recent (a day for an interrupted upload, a week for a failure), so the first page has them. Coming back to the same profile with the back button keeps the grid
 * (and the scroll position); any other visit loads it afresh. An unknown name gets a clear
 * message instead of an empty page.
 */

import { createFollowButton } from "../components/follow-button.js";
import { createPager } from "../components/paged-list.js";
import { personPicture } from "../components/person-badge.js";
import { createProfileEditor } from "../components/profile-editor.js";
import {
  describePhoto,
  renderPhotoFrame,
  squareTileCandidates,
} from "../components/photo-frame.js";
import { problemOf, renderUnfinishedPhoto } from "../components/unfinished-photo.js";
import { byId, element, hideMessage, link, showMessage, visuallyHidden } from "../helpers/dom.js";
import { onFollowChanged, sameUsername } from "../helpers/follow-events.js";
import { countOf, monthAndYear } from "../helpers/format.js";
import { onPhotoDeleted, onPhotoShared } from "../helpers/photo-events.js";
import { isUploadingHere } from "../uploads/uploads-here.js";
import { peopleHref, photoHref } from "../helpers/router.js";

// Three tiles a row: a page of 24 fills eight rows.
const PAGE_SIZE = 24;
// How wide a tile is drawn (css/base.css, css/photos.css): a third of the page, which is at most
// 972 CSS pixels wide between 16 px margins, less the gaps between tiles (12 px from 640 px on,
// 3 px on a phone).
const TILE_SIZES = [
  "(min-width: 1004px) 316px",
  "(min-width: 640px) calc((100vw - 56px) / 3)",
  "calc((100vw - 38px) / 3)",
].join(", ");
// The first row of the grid is on the first screen of every device: fetched at once.
const TILES_IN_A_ROW = 3;

/** The order of a profile's photos, as the API's: newest first by the time they were shared. */
const sharedOrder = (photo) => `${photo.createdAt}#${photo.id}`;

/** `onSignInRequested` takes a signed-out person who pressed Follow to sign-in; `limits` are
 * the upload limits, for sharing a photo again. */
export function createProfileView({ api, session, limits, onSignInRequested }) {
  const section = byId("profile-view");
  const loadingNote = byId("profile-loading");
  const missing = byId("profile-missing");
  const missingTitle = byId("profile-missing-title");
  const missingText = byId("profile-missing-text");
  const content = byId("profile-content");
  const avatarSlot = byId("profile-avatar");
  const nameHeading = byId("profile-name");
  const bio = byId("profile-bio");
  const editorSlot = byId("profile-editor");
  const joined = byId("profile-joined");
  const photoCount = byId("profile-photo-count");
  const followersLink = byId("profile-followers-link");
  const followingLink = byId("profile-following-link");
  const actions = byId("profile-actions");
  const grid = byId("profile-grid");
  const emptyNote = byId("profile-empty");
  const errorMessage = byId("profile-error");
  const moreButton = byId("profile-more-button");
  const unfinished = byId("profile-unfinished");
  const unfinishedTitle = byId("profile-unfinished-title");
  const unfinishedList = byId("profile-unfinished-list");

  // The profile the section holds, and a number that tells a stale answer from the current one.
  let profile = null;
  let loadNumber = 0;
  // Aborted when the profile is thrown away, which removes its Follow button's listeners.
  let lifetime = new AbortController();
  // The owner's "Edit profile" form, while open.
  let editor = null;

  const pager = createPager({
    fetchPage: (cursor) => api.profilePhotos(profile.username, { limit: PAGE_SIZE, cursor }),
    onItems: (photos) => {
      for (const photo of photos) {
        if (problemOf(photo)) unfinishedList.append(renderUnfinishedItem(photo));
        else grid.append(renderTile(photo, { position: grid.children.length }));
      }
      unfinished.hidden = unfinishedList.children.length === 0;
    },
    onSettled: ({ hasMore, error }) => {
      if (error) showMessage(errorMessage, `The photos could not be loaded. ${error.message}`, "error");
      else hideMessage(errorMessage);
      moreButton.hidden = !hasMore;
      emptyNote.hidden = hasMore || grid.children.length > 0;
    },
    moreButton,
  });

  function showProfile(loaded) {
    profile = loaded;
    showWhoTheyAre();
    joined.textContent = `Joined ${monthAndYear(loaded.joinedAt)}`;
    followersLink.href = peopleHref(loaded.username, "followers");
    followingLink.href = peopleHref(loaded.username, "following");
    showCounts();
    if (!sameUsername(loaded.username, session.username)) {
      const followButton = createFollowButton({
        person: loaded,
        api,
        session,
        onSignInRequested,
        onShown: ({ count }) => {
          profile.followerCount = count;
          showCounts();
        },
        signal: lifetime.signal,
      });
      actions.replaceChildren(followButton);
    } else {
      actions.replaceChildren(createEditButton());
    }
    content.hidden = false;
  }

  /** The picture, the display name above the @username (or the username alone), the bio. */
  function showWhoTheyAre() {
    avatarSlot.replaceChildren(personPicture(profile, "avatar--large"));
    if (profile.displayName) {
      nameHeading.replaceChildren(
        element("span", "profile__display-name", profile.displayName),
        element("span", "profile__username", `@${profile.username}`),
      );
    } else {
      nameHeading.textContent = profile.username;
    }
    bio.textContent = profile.bio ?? "";
    bio.hidden = !profile.bio;
  }

  function createEditButton() {
    const button = element("button", "button button--secondary button--small", "Edit profile");
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", () => {
      if (!editor) {
        editor = createProfileEditor({
          profile: { ...profile },
          api,
          limits,
          onPictureChanged: (changed) => {
            profile.avatar = changed.avatar;
            showWhoTheyAre();
          },
          onDone: (updated) => closeEditor(button, updated),
        });
        editorSlot.replaceChildren(editor.form);
        editorSlot.hidden = false;
        button.setAttribute("aria-expanded", "true");
      }
      editor.focus();
    });
    return button;
  }

  function closeEditor(button, updated) {
    if (updated) {
      profile.displayName = updated.displayName;
      profile.bio = updated.bio;
      showWhoTheyAre();
    }
    closeEditorQuietly();
    button.setAttribute("aria-expanded", "false");
    button.focus();
  }

  function closeEditorQuietly() {
    editor?.dispose();
    editor = null;
    editorSlot.replaceChildren();
    editorSlot.hidden = true;
  }

  function renderUnfinishedItem(photo) {
    const item = element("li", "unfinished__item");
    item.dataset.photoId = photo.id;
    item.tabIndex = -1;
    const leave = () => removeUnfinishedItem(item);
    item.append(
      renderUnfinishedPhoto(photo, { api, limits, onRemoved: leave, onSharedAgain: leave }),
    );
    return item;
  }

  /** Takes a row out of "Couldn't be shared"; focus, if it was there, goes to the next row, or
   * to the list's title when none is left. */
  function removeUnfinishedItem(item) {
    if (!item.isConnected) return;
    // A pressed button is disabled while it works, which leaves the focus on the page's body.
    const hadFocus = item.contains(document.activeElement) || document.activeElement === document.body;
    const neighbour = item.nextElementSibling ?? item.previousElementSibling;
    item.remove();
    unfinished.hidden = unfinishedList.children.length === 0;
    if (hadFocus) (neighbour ?? (unfinished.hidden ? nameHeading : unfinishedTitle)).focus();
  }

  /** Puts a tile in its place in the grid, as the API orders them. */
  function insertTile(photo) {
    const key = sharedOrder(photo);
    const next = [...grid.children].find((tile) => tile.dataset.order < key) ?? null;
    grid.insertBefore(renderTile(photo), next);
  }

  function showCounts() {
    photoCount.textContent = countOf(profile.photoCount, "photo");
    followersLink.textContent = countOf(profile.followerCount ?? 0, "follower");
    followingLink.textContent = countOf(profile.followingCount ?? 0, "following", "following");
  }

  function showMissing(title, text) {
    missingTitle.textContent = title;
    missingText.textContent = text;
    missing.hidden = false;
  }

  function clear() {
    pager.reset();
    lifetime.abort();
    lifetime = new AbortController();
    actions.replaceChildren();
    closeEditorQuietly();
    profile = null;
    grid.replaceChildren();
    unfinishedList.replaceChildren();
    unfinished.hidden = true;
    content.hidden = true;
    missing.hidden = true;
    emptyNote.hidden = true;
    moreButton.hidden = true;
    hideMessage(errorMessage);
  }

  function isShowing(username) {
    return profile !== null && profile.username.toLowerCase() === username?.toLowerCase();
  }

  onPhotoDeleted((photo) => {
    const row = unfinishedList.querySelector(`[data-photo-id="${CSS.escape(photo.id)}"]`);
    if (row) removeUnfinishedItem(row);
    const tile = grid.querySelector(`[data-photo-id="${CSS.escape(photo.id)}"]`);
    if (!tile) return;
    tile.remove();
    if (photo.status === "READY") {
      profile.photoCount = Math.max(profile.photoCount - 1, 0);
      showCounts();
    }
    emptyNote.hidden = !moreButton.hidden || grid.children.length > 0;
  });
  onPhotoShared((photo) => {
    if (!isShowing(photo.owner?.username)) return;
    // Still processing when the grid was loaded: its tile gives way to the finished photo.
    grid.querySelector(`[data-photo-id="${CSS.escape(photo.id)}"]`)?.remove();
    // In its place among the others: photos shared together become ready in any order.
    insertTile(photo);
    profile.photoCount += 1;
    showCounts();
    emptyNote.hidden = true;
  });
  // The person kept here is the signed-in one, who has just followed or unfollowed someone
  // elsewhere: their following count changed. Asking again gives the count the server holds.
  onFollowChanged(async () => {
    if (!profile || !sameUsername(profile.username, session.username)) return;
    const shownProfile = profile;
    try {
      const counted = await api.profile(shownProfile.username);
      if (profile !== shownProfile) return;
      profile.followingCount = counted.followingCount;
      profile.followerCount = counted.followerCount;
      showCounts();
    } catch {
      // The old count stays until the next visit loads the profile again.
    }
  });

  return {
    section,

    async show(route, visit) {
      section.hidden = false;
      if (visit.returning && isShowing(route.username)) {
        return { title: profile.username, heading: nameHeading };
      }
      clear();
      loadNumber += 1;
      const thisLoad = loadNumber;
      loadingNote.hidden = false;
      try {
        const loaded = await api.profile(route.username);
        if (thisLoad !== loadNumber) return null;
        showProfile(loaded);
      } catch (error) {
        if (thisLoad !== loadNumber) return null;
        // 404: nobody by that name; 400: not even a possible name.
        if (error.status === 404 || error.status === 400) {
          showMissing("User not found", `There is no CloudGram user called “${route.username}”.`);
        } else {
          showMissing("This profile could not be loaded", error.message);
        }
        return { title: missingTitle.textContent, heading: missingTitle };
      } finally {
        if (thisLoad === loadNumber) loadingNote.hidden = true;
      }
      pager.start();
      return { title: profile.username, heading: nameHeading };
    },

    hide() {
      section.hidden = true;
    },

    /** Forgets the profile, so the next visit loads it again (after signing in or out). */
    forget() {
      loadNumber += 1;
      clear();
    },
  };
}

/** One square tile: the photo's middle square, or for the owner a note on a photo on its way.
 * `position` is its place in the grid when the grid is first filled: the first row is fetched at
 * once, the very first tile at high priority; tiles added later (a photo just shared) lazily. */
function renderTile(photo, { position = Infinity } = {}) {
  const item = element("li", "photo-grid__item");
  item.dataset.photoId = photo.id;
  item.dataset.order = sharedOrder(photo);
  const tileLink = link(photoHref(photo.id), "photo-grid__link");
  const square = photo.renditions?.grid;
  if (photo.status === "READY" && square) {
    const frame = renderPhotoFrame(photo, {
      rendition: square,
      candidates: squareTileCandidates(photo.renditions),
      sizes: TILE_SIZES,
      eager: position < TILES_IN_A_ROW,
      highPriority: position === 0,
      className: "photo-grid__frame",
    });
    tileLink.append(frame);
  } else {
    const stage = isUploadingHere(photo.id) && !photo.uploadArrived ? "Uploading…" : "Processing…";
    tileLink.classList.add("photo-grid__link--pending");
    tileLink.append(element("span", "photo-grid__note", stage), visuallyHidden(`: ${describePhoto(photo)}`));
  }
  item.append(tileLink);
  return item;
}
