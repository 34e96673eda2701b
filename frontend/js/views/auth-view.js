/**
 * The signed-out panel: sign in, create an account, and confirm it with the code Cognito sends.
 *
 * Real Cognito e-mails a confirmation code after sign-up and refuses to sign in an unconfirmed
 * account; the confirmation form is that step. Locally no e-mail is sent and any code is accepted,
 * and the form says so. After confirming, the person is signed in with the password they just
 * chose, which is kept in memory for that moment only.
 */

import { byId, hideMessage, setBusy, showMessage } from "../helpers/dom.js";

const HEADINGS = {
  "sign-in": ["Sign in to CloudGram", "Share photos and see what everyone is posting."],
  "sign-up": ["Create your account", "It takes a minute: choose a name, then confirm your e-mail."],
  confirm: ["Confirm your account", ""],
};
const LOCAL_CONFIRMATION_NOTE =
  "You are running CloudGram locally: no e-mail is sent, and any code works.";
// The username rule the user pool's Pre Sign-up trigger enforces (cognito_triggers/usernames.py),
// checked before sending so that a person learns at once what to change. index.html's pattern
// and maxlength say the same; tests/unit/test_username_rules.py holds the copies together.
const USERNAME_CHARACTER = /^[A-Za-z0-9._-]$/;
const USERNAME_FIRST_CHARACTER = /^[A-Za-z0-9]$/;
// Characters that cannot be shown alone between quotes: marks, controls, invisible formatting.
const UNSHOWABLE = /^[\p{M}\p{C}]$/u;
// Cognito's refusals of a username, shown next to the username field.
const USERNAME_REFUSALS = new Set(["UserLambdaValidationException", "UsernameExistsException"]);

export function createAuthView({ cognito, session, isLocal }) {
  const panel = byId("auth-panel");
  const title = byId("auth-title");
  const lede = byId("auth-lede");
  const message = byId("auth-message");
  const confirmExplanation = byId("confirm-explanation");
  const forms = {
    "sign-in": byId("sign-in-form"),
    "sign-up": byId("sign-up-form"),
    confirm: byId("confirm-form"),
  };
  const usernameInput = byId("sign-up-username");
  const usernameError = byId("sign-up-username-error");
  // Who is being confirmed: {username, password, email?}. Never stored anywhere.
  let pendingAccount = null;

  function showUsernameError(text) {
    usernameInput.setAttribute("aria-invalid", String(Boolean(text)));
    if (text) showMessage(usernameError, text, "error");
    else hideMessage(usernameError);
  }

  // The browser's own form check runs the rule, so the form is not sent while the name breaks
  // it; the reason is shown next to the field, in words, rather than in the browser's bubble.
  usernameInput.addEventListener("input", () => {
    const problem = usernameProblem(usernameInput.value);
    usernameInput.setCustomValidity(problem);
    if (!usernameError.hidden) showUsernameError(problem);
  });
  usernameInput.addEventListener("invalid", (event) => {
    event.preventDefault();
    showUsernameError(usernameProblem(usernameInput.value));
    usernameInput.focus();
  });

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
    showForm("confirm");
  }

  function confirmationNote(account) {
    if (isLocal) return LOCAL_CONFIRMATION_NOTE;
    if (account.email) return `We sent a code to ${account.email}. Enter it here to finish.`;
    return "Enter the code from the e-mail we sent when you signed up.";
  }

  /** Runs a form's action with its button busy; Cognito's refusals are shown in the panel. */
  function handleSubmit(form, action) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector('button[type="submit"]');
      setBusy(button, true);
      hideMessage(message);
      try {
        await action(new FormData(form));
      } catch (error) {
        showMessage(message, error.message, "error");
      } finally {
        setBusy(button, false);
      }
    });
  }

  handleSubmit(forms["sign-in"], async (fields) => {
    const account = { username: fields.get("username").trim(), password: fields.get("password") };
    try {
      await session.signIn(account);
    } catch (error) {
      if (error.type !== "UserNotConfirmedException") throw error;
      askForConfirmation(account);
      showMessage(message, "This account is not confirmed yet. Enter your confirmation code.");
    }
  });

  handleSubmit(forms["sign-up"], async (fields) => {
    const account = {
      username: fields.get("username").trim(),
      email: fields.get("email").trim(),
      password: fields.get("password"),
    };
    let result;
    try {
      result = await cognito.signUp(account);
    } catch (error) {
      // The user pool has the last word on a username: its refusal goes next to the field.
      if (!USERNAME_REFUSALS.has(error.type)) throw error;
      showUsernameError(error.message);
      usernameInput.focus();
      return;
    }
    if (result.UserConfirmed) {
      await session.signIn(account);
    } else {
      askForConfirmation(account);
    }
  });

  handleSubmit(forms.confirm, async (fields) => {
    const { username, password } = pendingAccount;
    await cognito.confirmSignUp({ username, code: fields.get("code").trim() });
    await session.signIn({ username, password });
  });

  for (const button of panel.querySelectorAll("[data-show-form]")) {
    button.addEventListener("click", () => {
      hideMessage(message);
      showUsernameError("");
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
      hideMessage(message);
      showUsernameError("");
      usernameInput.setCustomValidity("");
      for (const form of Object.values(forms)) form.reset();
    },
  };
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
