/**
 * A small client for the Cognito user pool's JSON API, called straight from the page.
 *
 * Amazon Cognito accepts unsigned POSTs for the operations a person performs on their own
 * account (sign up, confirm, ask for a new code, sign in, refresh, revoke, reset a forgotten
 * password; and, with the person's access token, change the password and sign out everywhere),
 * so no SDK is needed:
 * each call is one fetch with the operation named in the X-Amz-Target header. Locally the
 * endpoint is the local AWS server. Errors come back as HTTP 400 with {"__type", "message"}; they
 * become CognitoError. Cognito's messages are written for developers (and locally come from
 * moto), so the page never shows them: helpers/cognito-messages.js says what went wrong in
 * CloudGram's words, from the error's type.
 */

const TARGET_PREFIX = "AWSCognitoIdentityProviderService.";

/** An error answered by Cognito: `type` is its exception name ("NetworkError" when Cognito could
 * not be reached), `message` is Cognito's own, for developers. */
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

    /** Sends the account's confirmation code again; resolves to {CodeDeliveryDetails:
     * {Destination, DeliveryMedium, AttributeName}}, the address masked ("a***@e***"). */
    resendConfirmationCode: ({ username }) =>
      call("ResendConfirmationCode", { ClientId: clientId, Username: username }),

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

    /** Asks for a code to choose a new password with; resolves to {CodeDeliveryDetails}. The
     * pool answers the same for a username nobody has (PreventUserExistenceErrors). */
    forgotPassword: ({ username }) =>
      call("ForgotPassword", { ClientId: clientId, Username: username }),

    /** Sets a new password with the code `forgotPassword` sent. */
    confirmForgotPassword: ({ username, code, password }) =>
      call("ConfirmForgotPassword", {
        ClientId: clientId,
        Username: username,
        ConfirmationCode: code,
        Password: password,
      }),

    /** The signed-in person changes their password; `accessToken` says who they are. */
    changePassword: ({ accessToken, currentPassword, newPassword }) =>
      call("ChangePassword", {
        AccessToken: accessToken,
        PreviousPassword: currentPassword,
        ProposedPassword: newPassword,
      }),

    /** Ends every refresh token of the person, on every device: none can renew its tokens. */
    globalSignOut: (accessToken) => call("GlobalSignOut", { AccessToken: accessToken }),
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
    throw new CognitoError("NetworkError", "Cognito could not be reached.");
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
  return new CognitoError(type, body.message || `Cognito answered HTTP ${status}.`);
}

function authenticationResult(response) {
  if (!response.AuthenticationResult) {
    // A challenge such as a forced password change or MFA: not offered by this page yet.
    throw new CognitoError("UnsupportedChallenge", `Cognito asked for ${response.ChallengeName}.`);
  }
  return response.AuthenticationResult;
}
