/**
 * What the sign-in panel and the account settings say when Cognito refuses, in CloudGram's
 * words, and which field it concerns.
 *
 * Cognito's own messages are for developers: they name exceptions and policies, change without
 * notice, and locally come from moto ("The provided password does not confirm to the configured
 * password policy", its typo included). So the page never shows them. It reads the error's type
 * (services/cognito.js) and the step the person was at, and says what happened and what to do,
 * next to the field concerned when there is one (views/auth-view.js puts it there). A type not
 * listed here gets a general message rather than Cognito's text.
 *
 * The one exception is the Pre Sign-up trigger's refusal of a username: its words are CloudGram's
 * own (cognito_triggers/usernames.py), so they are shown, without the sentence Cognito wraps them
 * in.
 */

// The steps of the sign-in panel, as views/auth-view.js names them, and of the account
// settings (views/settings-view.js).
export const STEPS = Object.freeze({
  signIn: "sign-in",
  signUp: "sign-up",
  confirm: "confirm",
  resend: "resend",
  forgot: "forgot",
  reset: "reset",
  changePassword: "change-password",
  deleteAccount: "delete-account",
});

const WRONG_CREDENTIALS = "Incorrect username or password.";
const ALREADY_CONFIRMED = "This account is already confirmed: sign in with your password.";
const TOO_MANY_ATTEMPTS = "Too many attempts for now. Wait a few minutes, then try again.";
const ENOUGH_CODES =
  "Enough codes have been sent for now. Wait a few minutes before asking for another.";
const NO_CODE_FOR_THIS_ACCOUNT =
  "No code can be sent for this account: its e-mail address is not confirmed. Sign in with " +
  "your password to confirm it.";
const WRONG_PASSWORD_NOTHING_DELETED = "That password is not right. Nothing was deleted.";
const FALLBACK =
  "Something went wrong on CloudGram's side of signing in. Wait a moment, then try again.";

// A trigger that refuses (the Pre Sign-up trigger, cognito_triggers/pre_sign_up.py) has its words
// wrapped in a sentence of Cognito's, commonly "PreSignUp failed with error <words>.".
const TRIGGER_REFUSAL = /^\w+ failed with error (.+?)\.?$/s;

// For each of Cognito's exceptions: the field it concerns and what to say, for every step, or
// by step where the same exception means different things at different steps.
const EXPLANATIONS = {
  NetworkError: {
    text:
      "CloudGram could not reach its sign-in service. Check your connection and try again.",
  },
  TooManyRequestsException: {
    text: "CloudGram's sign-in service is busy right now. Wait a moment, then try again.",
  },
  LimitExceededException: {
    text: TOO_MANY_ATTEMPTS,
    [STEPS.resend]: { text: ENOUGH_CODES },
    [STEPS.forgot]: { text: ENOUGH_CODES },
  },
  UsernameExistsException: {
    field: "username",
    text: "That username is taken. Choose another one, or sign in if it is yours.",
  },
  UserLambdaValidationException: {
    field: "username",
    text: "That username cannot be used. Choose another one.",
  },
  InvalidPasswordException: {
    field: "password",
    text:
      "CloudGram's sign-in service did not accept this password. Choose another one, longer " +
      "or with more kinds of characters.",
    [STEPS.changePassword]: {
      field: "newPassword",
      text:
        "CloudGram's sign-in service did not accept this password. Choose another one, longer " +
        "or with more kinds of characters.",
    },
  },
  InvalidParameterException: {
    text: "Something in this form was not accepted. Check each field, then try again.",
    [STEPS.confirm]: {
      field: "code",
      text: "That is not a confirmation code. Type the code from the e-mail, without spaces.",
    },
    [STEPS.resend]: { text: ALREADY_CONFIRMED },
    [STEPS.forgot]: { text: NO_CODE_FOR_THIS_ACCOUNT },
    [STEPS.reset]: {
      field: "code",
      text: "That is not a code from the e-mail. Type it again, without spaces.",
    },
  },
  CodeMismatchException: {
    field: "code",
    text: "That code is not right. Check the e-mail and type it again, or ask for a new code.",
  },
  ExpiredCodeException: {
    field: "code",
    text: "That code has expired. Ask for a new code, then type it here.",
  },
  TooManyFailedAttemptsException: {
    field: "code",
    text: "Too many wrong codes. Ask for a new code, then type it here.",
  },
  NotAuthorizedException: {
    field: "password",
    text: WRONG_CREDENTIALS,
    [STEPS.signUp]: { text: "CloudGram is not taking new accounts right now." },
    [STEPS.confirm]: { text: ALREADY_CONFIRMED },
    [STEPS.resend]: { text: ALREADY_CONFIRMED },
    [STEPS.forgot]: { text: NO_CODE_FOR_THIS_ACCOUNT },
    [STEPS.reset]: { text: NO_CODE_FOR_THIS_ACCOUNT },
    [STEPS.changePassword]: { field: "currentPassword", text: "The current password is not right." },
    [STEPS.deleteAccount]: { field: "password", text: WRONG_PASSWORD_NOTHING_DELETED },
  },
  UserNotFoundException: {
    field: "password",
    text: WRONG_CREDENTIALS,
    [STEPS.deleteAccount]: { field: "password", text: WRONG_PASSWORD_NOTHING_DELETED },
    [STEPS.reset]: {
      field: "code",
      text: "That code is not right. Check the e-mail and type it again, or ask for a new code.",
    },
    [STEPS.confirm]: {
      text: "No account is waiting for confirmation under this name. Start again to create one.",
    },
  },
  UserNotConfirmedException: {
    text: "This account is not confirmed yet. Enter the code from the e-mail we sent.",
  },
  PasswordResetRequiredException: {
    field: "password",
    text: "This account's password has to be reset, which CloudGram cannot do yet.",
  },
  UnsupportedChallenge: {
    text: "This account needs an extra sign-in step that CloudGram does not support yet.",
  },
};

/**
 * {field, text} for a Cognito error at `step` (one of STEPS): `field` is the name of the form's
 * field concerned ("username", "email", "password", "code", "currentPassword", "newPassword") or
 * null (the form as a whole), `text` is what the person reads.
 */
export function explainCognitoError(error, step) {
  const explanation = EXPLANATIONS[error?.type];
  if (!explanation) return { field: null, text: FALLBACK };
  const chosen = explanation[step] ?? explanation;
  if (error.type === "UserLambdaValidationException") {
    const words = TRIGGER_REFUSAL.exec(error.message ?? "")?.[1];
    if (words) return { field: chosen.field, text: `${words}.` };
  }
  return { field: chosen.field ?? null, text: chosen.text };
}
