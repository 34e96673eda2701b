/**
 * The account settings' "Delete your account" (views/settings-view.js). The section says what
 * goes; the form asks for the password and for the username typed out, so that nobody deletes an
 * account by a slip or on a computer left signed in.
 *
 * The API deletes an account only for a sign-in less than 5 minutes old (the ID token's
 * `auth_time`), and a renewed token keeps the time of the sign-in it comes from. So the page
 * signs in again with the password (Cognito's USER_PASSWORD_AUTH: fresh tokens, and a wrong
 * password is refused before anything is deleted), sends DELETE /me with that fresh ID token,
 * and once the API has taken it (202) forgets the session, as signing out does, and shows the
 * signed-out page with a note. The refresh tokens are not revoked: the person is gone from the
 * user pool, and with them every token. A refusal (403: the sign-in is not recent) is shown with
 * the API's own words, which say what to do.
 */

import { explainCognitoError, STEPS } from "../helpers/cognito-messages.js";
import { byId, hideMessage } from "../helpers/dom.js";
import { clearFieldErrors, explainInvalidFields } from "../helpers/field-errors.js";
import { handleSubmit } from "../helpers/submit-form.js";
import { addShowPasswordButton } from "./password-field.js";

export const ACCOUNT_BEING_DELETED = "Your account is being deleted; this takes a few minutes.";

/** `leave()` takes the person to the signed-out page, where the note is shown. */
export function createDeleteAccountForm({ api, cognito, session, leave }) {
  const form = byId("delete-account-form");
  const message = byId("delete-account-message");
  const confirmation = byId("delete-account-confirmation");
  const nameShown = byId("delete-account-name");
  let username = null;

  const confirmationProblem = () =>
    confirmation.value.trim() === username
      ? ""
      : `Type your username, ${username}, exactly as it is written here.`;
  confirmation.addEventListener("input", () => {
    confirmation.setCustomValidity(confirmationProblem());
  });
  explainInvalidFields(form, (input) =>
    input === confirmation ? confirmationProblem() : "Enter your password.",
  );
  for (const button of form.querySelectorAll(".password-input__toggle")) {
    addShowPasswordButton(button);
  }

  handleSubmit(
    form,
    async (fields) => {
      const fresh = await cognito.signIn({ username, password: fields.get("password") });
      await api.deleteAccount(fresh.IdToken);
      session.signOut(ACCOUNT_BEING_DELETED);
      leave();
    },
    {
      message,
      // The API's refusals (403, 429...) are written for people; Cognito's are not.
      explain: (error) =>
        error.name === "ApiError"
          ? { field: null, text: error.message }
          : explainCognitoError(error, STEPS.deleteAccount),
    },
  );

  return {
    show(signedInAs) {
      username = signedInAs;
      nameShown.textContent = signedInAs;
      form.elements.username.defaultValue = signedInAs; // kept by reset()
      confirmation.setCustomValidity(confirmationProblem());
    },

    hide() {
      form.reset();
      clearFieldErrors(form);
      hideMessage(message);
    },
  };
}
