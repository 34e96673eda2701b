/**
 * The signed-out panel: sign in, create an account, and confirm it with the code Cognito sends;
 * or, for a forgotten password, ask for a code and choose a new password with it.
 *
 * Real Cognito e-mails a confirmation code after sign-up and refuses to sign in an unconfirmed
 * account; the confirmation form is that step, and it can ask for a new code. Locally no e-mail
 * is sent and any code is accepted, and the form says so. After confirming, the person is signed
 * in with the password they just chose, which is kept in memory for that moment only.
 *
 * "Forgot password?" works the same way: the username (step 1), then the code Cognito e-mails
 * and a new password (step 2), which then signs the person in. The pool answers step 1 alike for
 * a username nobody has (PreventUserExistenceErrors), and so does the page: it never tells who
 * has an account. Locally no e-mail is sent and any code works, and the form says so.
 *
 * Every field says what is wrong with it next to itself (helpers/field-errors.js): the page's own
 * checks first, so nothing is sent while a field is wrong (the username rule, and the password
 * rules ticked off as they are typed, components/password-field.js), then Cognito's refusals, in
 * CloudGram's words (helpers/cognito-messages.js). Refusals that concern no one field are shown
 * at the top of the panel. Every password field has a Show password button.
 */

import { addShowPasswordButton, createNewPasswordField } from "../components/password-field.js";
import { explainCognitoError, STEPS } from "../helpers/cognito-messages.js";
import { handleSubmit, showRefusal } from "../helpers/submit-form.js";
import { byId, hideMessage, showMessage } from "../helpers/dom.js";
import { clearFieldErrors, explainInvalidFields } from "../helpers/field-errors.js";

const HEADINGS = {
  "sign-in": ["Sign in to CloudGram", "Share photos and see what everyone is posting."],
  "sign-up": ["Create your account", "It takes a minute: choose a name, then confirm your e-mail."],
  confirm: ["Confirm your account", ""],
  forgot: ["Forgot your password?", "Enter your username: we e-mail you a code to choose a new one."],
  reset: ["Choose a new password", ""],
};
const LOCAL_CONFIRMATION_NOTE =
  "You are running CloudGram locally: no e-mail is sent, and any code works.";
const LOCAL_CODE_SENT = "Code sent. Locally no e-mail is sent: any code works.";
// After a new code is sent, how long before another may be asked for: the e-mail can take a
// minute, and Cognito limits how often it sends one.
const RESEND_COOLDOWN_MS = 30_000;
// The username rule the user pool's Pre Sign-up trigger enforces (cognito_triggers/usernames.py),
// checked before sending so that a person learns at once what to change. index.html's pattern
// and maxlength say the same; tests/unit/test_username_rules.py holds the copies together.
const USERNAME_CHARACTER = /^[A-Za-z0-9._-]$/;
const USERNAME_FIRST_CHARACTER = /^[A-Za-z0-9]$/;
// Characters that cannot be shown alone between quotes: marks, controls, invisible formatting.
const UNSHOWABLE = /^[\p{M}\p{C}]$/u;

/** `passwordPolicy` is config.json's cognito.passwordPolicy (infra/site_config.py). */
export function createAuthView({ cognito, session, isLocal, passwordPolicy }) {
  const panel = byId("auth-panel");
  const title = byId("auth-title");
  const lede = byId("auth-lede");
  const message = byId("auth-message");
  const confirmExplanation = byId("confirm-explanation");
  const forms = {
    "sign-in": byId("sign-in-form"),
    "sign-up": byId("sign-up-form"),
    confirm: byId("confirm-form"),
    forgot: byId("forgot-form"),
    reset: byId("reset-form"),
  };
  const usernameInput = byId("sign-up-username");
  const newPassword = createNewPasswordField(byId("sign-up-password"), passwordPolicy);
  const resetPassword = createNewPasswordField(byId("reset-password"), passwordPolicy);
  // Whose password is being reset: the username typed at step 1. Never stored anywhere.
  let resettingUsername = null;
  // Who is being confirmed: {username, password, email?}. Never stored anywhere.
  let pendingAccount = null;
  const resend = createResendButton({
    cognito,
    isLocal,
    pendingUsername: () => pendingAccount?.username,
  });

  // The browser's own form check runs the page's rules, so a form is not sent while a field
  // breaks one; the reason is shown next to the field, in words, not in the browser's bubble.
  usernameInput.addEventListener("input", () => {
    usernameInput.setCustomValidity(usernameProblem(usernameInput.value));
  });
  const fieldProblems = {
    "sign-in-username": () => "Enter your username.",
    "sign-in-password": () => "Enter your password.",
    "sign-up-username": (input) => usernameProblem(input.value),
    "sign-up-email": (input) =>
      input.validity.valueMissing
        ? "Enter your e-mail address: your confirmation code goes there."
        : "Enter an e-mail address such as name@example.com.",
    "sign-up-password": () => newPassword.problem(),
    "confirm-code": () => "Enter the confirmation code from the e-mail.",
    "forgot-username": () => "Enter your username.",
    "reset-code": () => "Enter the code from the e-mail.",
    "reset-password": () => resetPassword.problem(),
  };
  for (const form of Object.values(forms)) {
    explainInvalidFields(form, (input) => fieldProblems[input.id]?.(input) ?? "");
  }
  for (const button of panel.querySelectorAll(".password-input__toggle")) {
    addShowPasswordButton(button);
  }

  function showForm(name, { focus = true } = {}) {
    for (const [formName, form] of Object.entries(forms)) form.hidden = formName !== name;
    const [heading, intro] = HEADINGS[name];
    title.textContent = heading;
    lede.textContent = intro;
    lede.hidden = !intro;
    if (focus) forms[name].querySelector("input").focus();
  }

  function askForConfirmation(account) {
    pendingAccount = account;
    confirmExplanation.textContent = confirmationNote(account);
    resend.reset();
    showForm("confirm");
  }

  function confirmationNote(account) {
    if (isLocal) return LOCAL_CONFIRMATION_NOTE;
    if (account.email) return `We sent a code to ${account.email}. Enter it here to finish.`;
    return "Enter the code from the e-mail we sent when you signed up.";
  }

  /** Sends one of the panel's forms with its button busy; Cognito's refusal is said in `step`'s
   * words, where it belongs (helpers/submit-form.js). */
  function sendForm(form, step, action) {
    handleSubmit(form, action, { message, explain: (error) => explainCognitoError(error, step) });
  }

  sendForm(forms["sign-in"], STEPS.signIn, async (fields) => {
    const account = { username: fields.get("username").trim(), password: fields.get("password") };
    try {
      await session.signIn(account);
    } catch (error) {
      if (error.type !== "UserNotConfirmedException") throw error;
      askForConfirmation(account);
      showMessage(message, explainCognitoError(error, STEPS.signIn).text);
    }
  });

  sendForm(forms["sign-up"], STEPS.signUp, async (fields) => {
    const account = {
      username: fields.get("username").trim(),
      email: fields.get("email").trim(),
      password: fields.get("password"),
    };
    let result;
    try {
      result = await cognito.signUp(account);
    } catch (error) {
      // The pool's refusal names no rule; the page can (if its check was bypassed, or the pool's
      // rules differ from config.json's).
      const problem = error.type === "InvalidPasswordException" && newPassword.problem();
      if (!problem) throw error;
      showRefusal(forms["sign-up"], { field: "password", text: problem }, { message });
      return;
    }
    if (result.UserConfirmed) {
      await session.signIn(account);
    } else {
      askForConfirmation(account);
    }
  });

  sendForm(forms.confirm, STEPS.confirm, async (fields) => {
    const { username, password } = pendingAccount;
    try {
      await cognito.confirmSignUp({ username, code: fields.get("code").trim() });
    } catch (error) {
      // Confirmed already (in another tab, say): all that is left to do is to sign in.
      if (error.type !== "NotAuthorizedException") throw error;
    }
    await session.signIn({ username, password });
  });

  sendForm(forms.forgot, STEPS.forgot, async (fields) => {
    const username = fields.get("username").trim();
    const { CodeDeliveryDetails: sentTo } = await cognito.forgotPassword({ username });
    resettingUsername = username;
    byId("reset-explanation").textContent = resetNote(username, sentTo, isLocal);
    forms.reset.reset();
    showForm("reset");
  });

  sendForm(forms.reset, STEPS.reset, async (fields) => {
    const account = { username: resettingUsername, password: fields.get("password") };
    try {
      await cognito.confirmForgotPassword({ ...account, code: fields.get("code").trim() });
    } catch (error) {
      // As on sign-up: the pool's refusal names no rule, the page can.
      const problem = error.type === "InvalidPasswordException" && resetPassword.problem();
      if (!problem) throw error;
      showRefusal(forms.reset, { field: "password", text: problem }, { message });
      return;
    }
    await signInWithNewPassword(account);
  });

  /** The password is set: sign in with it. Should that fail, the sign-in form says what to do. */
  async function signInWithNewPassword(account) {
    try {
      await session.signIn(account);
    } catch (error) {
      if (error.type === "UserNotConfirmedException") {
        askForConfirmation(account);
        showMessage(message, explainCognitoError(error, STEPS.signIn).text);
        return;
      }
      showForm("sign-in");
      forms["sign-in"].elements.username.value = account.username;
      showMessage(message, "Your new password is set. Sign in with it.", "success");
    }
  }

  for (const button of panel.querySelectorAll("[data-show-form]")) {
    button.addEventListener("click", () => {
      hideMessage(message);
      for (const form of Object.values(forms)) clearFieldErrors(form);
      // Whoever forgot their password has often just typed their username to sign in.
      if (button.dataset.showForm === "forgot") {
        forms.forgot.elements.username.value ||= forms["sign-in"].elements.username.value.trim();
      }
      showForm(button.dataset.showForm);
    });
  }

  return {
    /** Shows the sign-in form, with an optional note such as "Your session has ended". */
    show(note, { focus = false } = {}) {
      panel.hidden = false;
      showForm("sign-in", { focus });
      if (note) showMessage(message, note);
    },

    /** Takes a person who asked to sign in (from a like button, the header) to the form. */
    focus() {
      const visibleForm = Object.values(forms).find((form) => !form.hidden);
      visibleForm.querySelector("input").focus();
    },

    hide() {
      panel.hidden = true;
      pendingAccount = null;
      resettingUsername = null;
      hideMessage(message);
      resend.reset();
      for (const form of Object.values(forms)) {
        form.reset();
        clearFieldErrors(form);
      }
      usernameInput.setCustomValidity("");
    },
  };
}

/**
 * The confirmation step's "Send a new code": one request per press however fast the presses
 * come, then a pause (RESEND_COOLDOWN_MS) during which the button says "Code sent" and does
 * nothing. It stays focusable meanwhile (aria-disabled, not disabled), so the focus never falls
 * to the page. Returns {reset()}, to end the pause when another account is being confirmed.
 */
function createResendButton({ cognito, isLocal, pendingUsername }) {
  const button = byId("confirm-resend");
  const status = byId("confirm-resend-status");
  let resting = false;
  let cooldown = null;

  function rest(label) {
    resting = true;
    button.setAttribute("aria-disabled", "true");
    button.textContent = label;
  }

  function ready() {
    clearTimeout(cooldown);
    resting = false;
    button.removeAttribute("aria-disabled");
    button.textContent = "Send a new code";
  }

  button.addEventListener("click", async () => {
    const username = pendingUsername();
    if (resting || !username) return;
    rest("Sending…");
    hideMessage(status);
    try {
      const { CodeDeliveryDetails: sentTo } = await cognito.resendConfirmationCode({ username });
      showMessage(status, codeSentNote(sentTo, isLocal), "success");
      rest("Code sent");
      cooldown = setTimeout(ready, RESEND_COOLDOWN_MS);
    } catch (error) {
      showMessage(status, explainCognitoError(error, STEPS.resend).text, "error");
      ready();
    }
  });

  return {
    reset() {
      ready();
      hideMessage(status);
    },
  };
}

function codeSentNote(sentTo, isLocal) {
  if (isLocal) return LOCAL_CODE_SENT;
  const where = sentTo?.Destination ? ` to ${sentTo.Destination}` : "";
  return `Code sent${where}. It can take a minute to arrive; the previous code no longer works.`;
}

/** What step 2 of a forgotten password says: where the code went, as Cognito tells (for a name
 * nobody has, a made-up address: the page cannot tell, and does not try). */
function resetNote(username, sentTo, isLocal) {
  if (isLocal) return LOCAL_CONFIRMATION_NOTE;
  const where = sentTo?.Destination ? ` (${sentTo.Destination})` : "";
  return (
    `If “${username}” is a CloudGram account, a code is on its way to its e-mail address` +
    `${where}. Enter it here with a new password.`
  );
}

/** What keeps `name` from being a new username, in words, or "" when nothing does. */
function usernameProblem(name) {
  if (!name) return "Choose a username.";
  const stray = [...name].find((character) => !USERNAME_CHARACTER.test(character));
  if (stray !== undefined && /^\s$/.test(stray)) return "A username cannot contain spaces.";
  if (stray !== undefined) {
    const codePoint = `U+${stray.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
    const shown = UNSHOWABLE.test(stray) ? codePoint : `“${stray}” (${codePoint})`;
    return (
      "A username may use only the letters A to Z, digits, dots, dashes and underscores; " +
      `${shown} is not one of them.`
    );
  }
  if (!USERNAME_FIRST_CHARACTER.test(name[0])) return "A username starts with a letter or a digit.";
  return "";
}
