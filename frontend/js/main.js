/**
 * CloudGram's entry point: loads the settings, builds the clients and views, and switches the page
 * between signed out (the sign-in panel) and signed in (the share panel and account bar).
 * The feed is public, so it shows either way.
 *
 * Module map: config.js (settings) -> cognito.js (user pool API) -> session.js (tokens) ->
 * api.js (the CloudGram API) -> upload.js (sharing a photo); the *-view.js modules drive the page.
 */

import { createApiClient } from "./api.js";
import { createAuthView } from "./auth-view.js";
import { createCognitoClient } from "./cognito.js";
import { createComposerView } from "./composer-view.js";
import { loadConfig } from "./config.js";
import { byId, showMessage } from "./dom.js";
import { createFeedView } from "./feed-view.js";
import { createSession } from "./session.js";

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
  const feed = createFeedView({ api });
  const composer = createComposerView({
    api,
    limits: config.limits,
    onPhotoReady: (photo) => feed.showNewPhoto(photo),
  });
  const auth = createAuthView({ cognito, session, isLocal: config.local === true });
  const account = createAccountBar({ api, session });

  function showSignedIn(user, { focus }) {
    auth.hide();
    composer.show();
    account.show(user);
    if (focus) composer.focus();
  }

  function showSignedOut(note, { focus }) {
    composer.hide();
    account.hide();
    auth.show(note, { focus });
  }

  // Sign-in and sign-out after the page has loaded move focus to the panel that appears, so
  // keyboard and screen-reader users are not left on an element that has just vanished.
  session.onChange((user, note) => {
    if (user) showSignedIn(user, { focus: true });
    else showSignedOut(note, { focus: true });
  });

  if (session.isSignedIn()) showSignedIn({ username: session.username }, { focus: false });
  else showSignedOut(null, { focus: false });
  feed.start();
}

/** The header's "Signed in as ..." and Sign out button. */
function createAccountBar({ api, session }) {
  const bar = byId("account");
  const name = byId("account-name");
  byId("sign-out-button").addEventListener("click", () => session.signOut("You have signed out."));

  return {
    show(user) {
      name.textContent = user.username;
      bar.hidden = false;
      // Asking the API who we are also checks the stored tokens after a reload: if they are no
      // longer accepted, the API client ends the session and the sign-in panel comes back.
      api.me().then(
        (me) => {
          name.textContent = me.username;
        },
        // Any other failure leaves the name from the token in place; the feed says if the API
        // is down.
        () => {},
      );
    },

    hide() {
      bar.hidden = true;
      name.textContent = "";
    },
  };
}

start();
