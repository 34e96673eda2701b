/**
 * The account settings' "Sign out everywhere" (views/settings-view.js): Cognito's GlobalSignOut,
 * with the person's access token, ends every refresh token they hold, on every device; then this
 * page signs out too. A page open elsewhere keeps its ID token until it expires (15 minutes at
 * most, infra/template.yaml), then fails to renew it and signs out (services/session.js), as the
 * form explains.
 */

import { explainCognitoError, STEPS } from "../helpers/cognito-messages.js";
import { byId, hideMessage } from "../helpers/dom.js";
import { handleSubmit } from "../helpers/submit-form.js";

const SIGNED_OUT_EVERYWHERE =
  "You have signed out everywhere: every device must sign in again with your password.";

/** `beforeSignOut()` may hold the sign-out back (photos still uploading); `leave()` takes the
 * person to the signed-out page, where the note is shown. */
export function createSignOutEverywhere({ cognito, session, beforeSignOut, leave }) {
  const form = byId("sign-out-everywhere-form");
  const message = byId("sign-out-everywhere-message");

  handleSubmit(
    form,
    async () => {
      if (!(await beforeSignOut())) return;
      const accessToken = await session.accessToken();
      try {
        if (accessToken) await cognito.globalSignOut(accessToken);
      } catch (error) {
        // Refused: the token was already ended (signed out everywhere from elsewhere). Either
        // way nothing is left to end; anything else (no network) is worth saying.
        if (error.type !== "NotAuthorizedException") throw error;
      }
      // No RevokeToken: GlobalSignOut has ended this page's refresh token too.
      session.signOut(SIGNED_OUT_EVERYWHERE);
      leave();
    },
    { message, explain: (error) => explainCognitoError(error, STEPS.signIn) },
  );

  return {
    show() {},

    hide() {
      hideMessage(message);
    },
  };
}
