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
  // Who is being confirmed: {username, password, email?}. Never stored anywhere.
  let pendingAccount = null;

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
    const result = await cognito.signUp(account);
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
      for (const form of Object.values(forms)) form.reset();
    },
  };
}
