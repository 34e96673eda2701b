/**
 * CloudGram's entry point: loads the settings, builds the clients and views, and shows the place
 * the address names (helpers/router.js): the feed, a profile, a list of followers, followed
 * people or people who liked a photo, a photo page, the notifications, the account settings, or
 * "not found".
 *
 * The feed's route also shows the side panel: the sign-in forms when signed out, the sharing
 * panel when signed in. Profiles and photo pages take the whole width. Uploads go on while the
 * person looks elsewhere; their photos join the feed when ready.
 *
 * Module map: what each folder holds, module by module (each module's first comment says more;
 * tests/unit/test_frontend_modules.py keeps this map and the files in step).
 *   main.js      this file: builds the services and views below and wires them together.
 *   services/    what talks to the outside world: config.js (settings) -> cognito.js (user pool
 *                API) -> session.js (tokens) -> api.js (the CloudGram API); service-worker.js
 *                registers the service worker, which lets the installed app open offline.
 *   views/       one place or panel each: feed-view.js, profile-view.js, people-view.js,
 *                photo-page-view.js, notifications-view.js, settings-view.js and
 *                not-found-view.js; the side
 *                panel's auth-view.js (signed out) and composer-view.js (signed in); the header's
 *                account-bar.js.
 *   components/  the parts views are built from. A photo: photo-frame.js (the picture),
 *                like-button.js (and double-tap-like.js, a double tap on the picture),
 *                share-photo.js (Copy link, Share), owner-controls.js (Edit with
 *                caption-editor.js, Delete after confirm-dialog.js), all in one photo-card.js in
 *                the feed; comment-section.js (a photo page's comments, replies and composer);
 *                unfinished-photo.js (an owner's photo that did not make it, with Retry and
 *                Remove). The feed's tabs.js each hold a feed-list.js; follow-suggestions.js
 *                fills an empty Following tab; follow-button.js follows people (unfollowing
 *                after confirm-dialog.js); paged-list.js loads any list page by page; toast.js
 *                says what happened away from the focus ("Link copied"); password-field.js
 *                gives the sign-in forms Show password and the rules checklist;
 *                notification-bell.js is the header's bell with its count of unread
 *                notifications; people-search.js is the header's search for people.
 *                person-badge.js draws a person (their picture or letter, their names)
 *                wherever one appears; profile-editor.js is the owner's "Edit profile". The
 *                account settings' four sections: change-password-form.js,
 *                sign-out-everywhere.js, data-export.js and delete-account-form.js.
 *   uploads/     sharing photos: upload-queue.js runs the upload list, one upload-item.js per
 *                file; upload.js takes one photo from file to READY, avatar-upload.js a
 *                profile picture the same way; file-type.js tells what a file is;
 *                uploads-here.js tells other places what this page is uploading and shares a
 *                file again; shared-files.js hands over photos shared from another app.
 *   helpers/     small modules the others share: router.js (the places and their addresses),
 *                dom.js, format.js, counted-field.js (a text field with its counter),
 *                mentions.js (@names as links to profiles),
 *                optimistic-toggle.js (behind the like and follow buttons), photo-events.js
 *                and follow-events.js, which keep every place that shows the same photo or
 *                person in step; after-sign-in.js (back to the place, with the like or follow
 *                started there done), and for the sign-in forms password-rules.js,
 *                field-errors.js and cognito-messages.js (Cognito's refusals in CloudGram's words);
 *                submit-form.js sends the account settings' forms.
 */

import {
  currentPlace,
  forgetPlace,
  placeAfterSignIn,
  rememberPlace,
} from "./helpers/after-sign-in.js";
import { byId, showMessage } from "./helpers/dom.js";
import { createRouter, currentRoute, feedHref } from "./helpers/router.js";
import { createNotificationBell } from "./components/notification-bell.js";
import { createPeopleSearch } from "./components/people-search.js";
import { createApiClient } from "./services/api.js";
import { createCognitoClient } from "./services/cognito.js";
import { loadConfig } from "./services/config.js";
import { registerServiceWorker } from "./services/service-worker.js";
import { createSession } from "./services/session.js";
import { sharedFilesWaiting, takeSharedFiles } from "./uploads/shared-files.js";
import { createAccountBar } from "./views/account-bar.js";
import { createAuthView } from "./views/auth-view.js";
import { createComposerView } from "./views/composer-view.js";
import { createFeedView } from "./views/feed-view.js";
import { createNotFoundView } from "./views/not-found-view.js";
import { createNotificationsView } from "./views/notifications-view.js";
import { createPeopleView } from "./views/people-view.js";
import { createPhotoPageView } from "./views/photo-page-view.js";
import { createProfileView } from "./views/profile-view.js";
import { createSettingsView } from "./views/settings-view.js";

async function start() {
  let config;
  try {
    config = await loadConfig();
  } catch (error) {
    showMessage(byId("page-error"), error.message, "error");
    return;
  }

  const cognito = createCognitoClient(config.cognito);
  const session = createSession({ cognito });
  const api = createApiClient({ apiBase: config.apiBase, session });
  const auth = createAuthView({
    cognito,
    session,
    isLocal: config.local === true,
    passwordPolicy: config.cognito.passwordPolicy,
  });
  const composer = createComposerView({ api, limits: config.limits });
  const account = createAccountBar({
    api,
    session,
    onSignInRequested: askToSignIn,
    beforeSignOut: () => composer.stopUploadsBeforeSigningOut(),
  });
  const bell = createNotificationBell({ api });
  createPeopleSearch({
    api,
    session,
    onSignInRequested: askToSignIn,
    container: byId("people-search"),
  });
  const layout = byId("main");
  const sidePanel = byId("side-panel");

  // What every photo, wherever it is shown, needs to draw its like button and owner controls.
  const photoContext = { api, session, limits: config.limits, onSignInRequested: askToSignIn };
  const router = createRouter(showRoute);
  const views = {
    feed: createFeedView({ api, session, cardContext: photoContext }),
    profile: createProfileView({
      api,
      session,
      limits: config.limits,
      onSignInRequested: askToSignIn,
    }),
    people: createPeopleView({ api, session, onSignInRequested: askToSignIn }),
    photo: createPhotoPageView({ context: photoContext, router }),
    notifications: createNotificationsView({ api, session, onSignInRequested: askToSignIn, bell }),
    settings: createSettingsView({
      api,
      cognito,
      session,
      passwordPolicy: config.cognito.passwordPolicy,
      onSignInRequested: askToSignIn,
      beforeSignOut: () => composer.stopUploadsBeforeSigningOut(),
    }),
    "not-found": createNotFoundView(),
  };

  let routesShown = 0;
  // Set when the person asked to sign in from another page: the sign-in form gets the focus
  // once the feed (where it lives) is shown.
  let signInRequested = false;

  async function showRoute(route, visit) {
    routesShown += 1;
    const thisRoute = routesShown;
    const view = views[route.name];
    for (const other of Object.values(views)) {
      if (other !== view) other.hide();
    }
    const withPanel = route.name === "feed";
    sidePanel.hidden = !withPanel;
    layout.classList.toggle("layout--with-panel", withPanel);
    // The page's first place appears with its layout already chosen (see index.html's <main>).
    layout.hidden = false;
    if (!visit.returning) window.scrollTo(0, 0);

    const shown = await view.show(route, visit);
    if (thisRoute !== routesShown || !shown) return; // the person has moved on meanwhile
    document.title = `${shown.title} · CloudGram`;
    // Keyboard and screen-reader users land on the new place's heading, which names it. The
    // first route of a visit leaves the focus at the top of the page, as any page load does.
    if (signInRequested && withPanel) {
      signInRequested = false;
      auth.focus();
    } else if (!visit.initial) {
      shown.heading.focus({ preventScroll: true });
    }
    window.scrollTo(0, visit.scrollY);
  }

  function askToSignIn() {
    if (session.isSignedIn()) return;
    rememberPlace();
    if (currentRoute().name === "feed") {
      auth.focus();
    } else {
      signInRequested = true;
      location.hash = feedHref();
    }
  }

  function showSignedIn(user, { focus }) {
    auth.hide();
    composer.show();
    account.show(user);
    bell.show();
    if (focus) composer.focus();
  }

  function showSignedOut(note, { focus }) {
    composer.hide();
    account.hide();
    bell.hide();
    auth.show(note, { focus });
  }

  // Sign-in and sign-out after the page has loaded move focus to the panel that appears, so
  // keyboard and screen-reader users are not left on an element that has just vanished; someone
  // who came to sign in from another place goes back there instead, and the focus goes to its
  // heading (or to the button they had pressed there). What the pages show depends on who is
  // looking (likes, owner controls), so they load again.
  session.onChange((user, note) => {
    if (user) {
      returnToPlaceBeforeSignIn(user);
      showSignedIn(user, { focus: currentRoute().name === "feed" });
      openSharedFiles();
    } else {
      forgetPlace();
      showSignedOut(note, { focus: true });
    }
    views.feed.restart();
    views.profile.forget();
    if (currentRoute().name !== "feed") router.refresh();
  });

  // Someone who left a place to sign in goes back there (helpers/after-sign-in.js), in place of
  // the feed's address, so Back does not lead to the sign-in form they have just used. The
  // place's view then shows it, and presses the like or follow button they pressed, if any.
  function returnToPlaceBeforeSignIn(user) {
    const place = placeAfterSignIn(user.username, api);
    if (!place || place === currentPlace()) return;
    history.replaceState(history.state, "", place);
    window.scrollTo(0, 0);
  }

  // Photos shared from another app (uploads/shared-files.js) go to the composer, which is for
  // people signed in: someone signed out is asked to sign in first, and gets them after.
  async function openSharedFiles() {
    if (!session.isSignedIn()) {
      const waiting = await sharedFilesWaiting();
      if (waiting === 0) return;
      const photos = waiting === 1 ? "the photo" : `the ${waiting} photos`;
      auth.show(`Sign in to share ${photos} you sent to CloudGram.`, { focus: true });
      return;
    }
    const shared = await takeSharedFiles();
    if (shared?.files.length > 0) {
      await composer.addFiles(shared.files, { caption: shared.caption });
    }
  }

  // The skip link names #main; following it as a link would change the route.
  byId("skip-link").addEventListener("click", (event) => {
    event.preventDefault();
    layout.focus();
  });

  if (session.isSignedIn()) showSignedIn({ username: session.username }, { focus: false });
  else showSignedOut(null, { focus: false });
  router.start();
  openSharedFiles();
  registerServiceWorker();
}

start();
