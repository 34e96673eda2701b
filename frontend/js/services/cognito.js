/**
 * A small client for the Cognito user pool's JSON API, called straight from the page.
 *
 * Amazon Cognito accepts unsigned POSTs for the operations a person performs on their own
 * account (sign up, confirm, sign in, refresh, revoke), so no SDK is needed: each call is one fetch with
 * the operation named in the X-Amz-Target header. Locally the endpoint is the local AWS server.
 * Errors come back as HTTP 400 with {"__type", "message"}; they become CognitoError.
 */

const TARGET_PREFIX = "AWSCognitoIdentityProviderService.";

// Most of Cognito's messages can be shown as they are. These two are replaced: the local server
// answers them with the bare username, which tells a person nothing.
const FRIENDLY_MESSAGES = {
  UsernameExistsException: "That username is taken. Choose another one, or sign in if it is yours.",
  UserNotFoundException: "Incorrect username or password.",
};
// A trigger that refuses (the Pre Sign-up trigger, cognito_triggers/pre_sign_up.py) has its words
// wrapped in a sentence of Cognito's, commonly "PreSignUp failed with error <words>.". The person
// is shown the trigger's words alone; a message in another shape is shown as it is.
const TRIGGER_REFUSAL = /^\w+ failed with error (.+?)\.?$/s;

/** An error answered by Cognito: `type` is its exception name, `message` is for people. */
export class CognitoError extends Error {
  constructor(type, message) {
    super(message);
    this.name = "CognitoError";
    this.type = type;
  }
}

/** Returns the operations the page needs, bound to one user pool app client. */
export function createCognitoClient({ endpoint, clientId }) {
  const call = (operation, payload) => callCognito(endpoint, operation, payload);

  return {
    signUp: ({ username, email, password }) =>
      call("SignUp", {
        ClientId: clientId,
        Username: username,
        Password: password,
        UserAttributes: [{ Name: "email", Value: email }],
      }),

    confirmSignUp: ({ username, code }) =>
      call("ConfirmSignUp", { ClientId: clientId, Username: username, ConfirmationCode: code }),

    /** Resolves to Cognito's AuthenticationResult (IdToken, AccessToken, RefreshToken, ExpiresIn). */
    signIn: async ({ username, password }) =>
      authenticationResult(
        await call("InitiateAuth", {
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: clientId,
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      ),

    /** New IdToken and AccessToken for a refresh token; Cognito keeps the refresh token itself. */
    refresh: async (refreshToken) =>
      authenticationResult(
        await call("InitiateAuth", {
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: clientId,
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      ),

    /** Ends a refresh token for good (the pool has token revocation on): a copy of it that
     * leaked, in a backup or another device, can no longer buy new tokens. */
    revokeToken: (refreshToken) => call("RevokeToken", { ClientId: clientId, Token: refreshToken }),
  };
}

async function callCognito(endpoint, operation, payload) {
  let response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": TARGET_PREFIX + operation,
      },
      body: JSON.stringify(payload),
    });
  } catch {
    throw new CognitoError(
      "NetworkError",
      "The sign-in service could not be reached. Check your connection and try again.",
    );
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw toCognitoError(response.status, body);
  }
  return body;
}

function toCognitoError(status, body) {
  // __type is either "NameException" or "namespace#NameException".
  const type = String(body.__type ?? "UnknownError").split("#").pop();
  const message =
    FRIENDLY_MESSAGES[type] ?? (body.message || `The sign-in service failed (HTTP ${status}).`);
  if (type === "UserLambdaValidationException") {
    const words = TRIGGER_REFUSAL.exec(message)?.[1];
    if (words) return new CognitoError(type, `${words}.`);
  }
  return new CognitoError(type, message);
}

function authenticationResult(response) {
  if (!response.AuthenticationResult) {
    // A challenge such as a forced password change or MFA: not offered by this page yet.
    throw new CognitoError(
      response.ChallengeName ?? "UnsupportedChallenge",
      "This account needs an extra sign-in step that CloudGram does not support yet.",
    );
  }
  return response.AuthenticationResult;
}
