/**
 * The signed-in person's account settings, at #/settings (the header's gear opens it), in four
 * sections, each a form of its own in index.html wired by its component:
 * components/change-password-form.js (Change password), components/sign-out-everywhere.js,
 * components/data-export.js (Download your data) and components/delete-account-form.js. Signed
 * out, the place asks to sign in. Each section takes the person's username when shown, and
 * forgets what was typed when the place is left.
 */

import { createChangePasswordForm } from "../components/change-password-form.js";
import { createDataExport } from "../components/data-export.js";
import { createDeleteAccountForm } from "../components/delete-account-form.js";
import { createSignOutEverywhere } from "../components/sign-out-everywhere.js";
import { byId, hideMessage, showSignInPrompt } from "../helpers/dom.js";
import { feedHref } from "../helpers/router.js";

/** `beforeSignOut()` may hold a sign-out back (photos still uploading), as in the header. */
export function createSettingsView({
  api,
  cognito,
  session,
  passwordPolicy,
  onSignInRequested,
  beforeSignOut,
}) {
  const section = byId("settings-view");
  const heading = byId("settings-title");
  const signInNote = byId("settings-sign-in");
  const sections = byId("settings-sections");
  const settingsLink = byId("settings-link");
  // After signing out everywhere or deleting the account: to the signed-out page, which says so.
  const leave = () => {
    location.hash = feedHref();
  };
  const parts = [
    createChangePasswordForm({ cognito, session, passwordPolicy }),
    createSignOutEverywhere({ cognito, session, beforeSignOut, leave }),
    createDataExport({ api }),
    createDeleteAccountForm({ api, cognito, session, leave }),
  ];

  return {
    async show() {
      section.hidden = false;
      settingsLink.setAttribute("aria-current", "page");
      hideMessage(signInNote);
      const shown = { title: heading.textContent, heading };
      if (!session.isSignedIn()) {
        for (const part of parts) part.hide();
        sections.hidden = true;
        showSignInPrompt(signInNote, "Your account settings need you signed in.", onSignInRequested);
        return shown;
      }
      sections.hidden = false;
      for (const part of parts) part.show(session.username);
      return shown;
    },

    hide() {
      section.hidden = true;
      settingsLink.removeAttribute("aria-current");
      for (const part of parts) part.hide();
    },
  };
}
