/**
 * The account part of the header: "Signed in as <name>" (a link to the person's own profile) and
 * Sign out when signed in; a Sign in button otherwise, which works from any page. The bell
 * between the name and Sign out is components/notification-bell.js.
 *
 * `beforeSignOut()` may hold the sign-out back (photos still uploading: the person is asked
 * first); it resolves to whether to go on, and runs while the tokens still work.
 */

import { byId } from "../helpers/dom.js";
import { profileHref } from "../helpers/router.js";

export function createAccountBar({ api, session, onSignInRequested, beforeSignOut = async () => true }) {
  const bar = byId("account");
  const name = byId("account-name");
  const signInButton = byId("sign-in-button");
  byId("sign-out-button").addEventListener("click", async () => {
    if (!(await beforeSignOut())) return;
    session.signOut("You have signed out.", { revoke: true });
  });
  signInButton.addEventListener("click", onSignInRequested);

  function showName(username) {
    name.textContent = username;
    name.href = profileHref(username);
  }

  return {
    show(user) {
      showName(user.username);
      bar.hidden = false;
      signInButton.hidden = true;
      // Asking the API who we are also checks the stored tokens after a reload: if they are no
      // longer accepted, the API client ends the session and the sign-in panel comes back.
      api.me().then(
        (me) => showName(me.username),
        // Any other failure leaves the name from the token in place; the feed says if the API
        // is down.
        () => {},
      );
    },

    hide() {
      bar.hidden = true;
      name.textContent = "";
      signInButton.hidden = false;
    },
  };
}
