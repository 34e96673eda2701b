/**
 * The account settings' "Change password" (views/settings-view.js): the current password and a
 * new one, which must meet the user pool's rules, ticked off as it is typed as on sign-up
 * (components/password-field.js). Cognito's ChangePassword takes the person's access token
 * (services/session.js renews it first if it is about to expire) and checks the current
 * password itself: a wrong one is refused next to its field, in CloudGram's words
 * (helpers/cognito-messages.js). Other devices stay signed in; "Sign out everywhere" is next.
 */

import { addShowPasswordButton, createNewPasswordField } from "./password-field.js";
import { explainCognitoError, STEPS } from "../helpers/cognito-messages.js";
import { byId, hideMessage, showMessage } from "../helpers/dom.js";
import { clearFieldErrors, explainInvalidFields } from "../helpers/field-errors.js";
import { handleSubmit, showRefusal } from "../helpers/submit-form.js";

const CHANGED = "Your password is changed. Use the new one the next time you sign in.";

export function createChangePasswordForm({ cognito, session, passwordPolicy }) {
  const form = byId("change-password-form");
  const message = byId("change-password-message");
  const newPassword = createNewPasswordField(byId("change-password-new"), passwordPolicy);
  const fieldProblems = {
    "change-password-current": () => "Enter your current password.",
    "change-password-new": () => newPassword.problem() || "Choose a new password.",
  };
  explainInvalidFields(form, (input) => fieldProblems[input.id]?.() ?? "");
  for (const button of form.querySelectorAll(".password-input__toggle")) {
    addShowPasswordButton(button);
  }

  handleSubmit(
    form,
    async (fields) => {
      const accessToken = await session.accessToken();
      if (!accessToken) return; // the session has ended meanwhile; the page says so
      try {
        await cognito.changePassword({
          accessToken,
          currentPassword: fields.get("currentPassword"),
          newPassword: fields.get("newPassword"),
        });
      } catch (error) {
        // The pool's refusal names no rule; the page can.
        const problem = error.type === "InvalidPasswordException" && newPassword.problem();
        if (!problem) throw error;
        showRefusal(form, { field: "newPassword", text: problem }, { message });
        return;
      }
      form.reset();
      showMessage(message, CHANGED, "success");
    },
    { message, explain: (error) => explainCognitoError(error, STEPS.changePassword) },
  );

  return {
    show(username) {
      form.elements.username.defaultValue = username; // kept by reset()
    },

    hide() {
      form.reset();
      clearFieldErrors(form);
      hideMessage(message);
    },
  };
}
