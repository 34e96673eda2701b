/**
 * The signed-in person's tokens: kept, renewed before they expire, and forgotten on sign-out.
 *
 * Cognito hands out three tokens. The IdToken is the one the API accepts (sent raw in the
 * Authorization header, as API Gateway's Cognito authorizer expects); the AccessToken is the one
 * Cognito itself asks for when the person changes their password or signs out everywhere; the
 * RefreshToken buys new ones without asking for the password again. The IdToken lives 15 minutes, because the API
 * trusts it until it expires even after the session has ended (docs/design-decisions.md, record
 * 11), so the page renews it a minute before then, without the person noticing. When Cognito
 * refuses to renew it (the person signed out elsewhere, or everywhere), the session ends and the
 * page says so.
 *
 * The tokens live in localStorage so that a reload, or a second tab, keeps the session. The
 * trade-off: any script running in the page could read them. That is why this page loads no
 * third-party scripts and never renders data from the API as HTML.
 */

const STORAGE_KEY = "cloudgram.session";
// Renew a minute before the IdToken expires, so a request never leaves with a stale one.
const REFRESH_MARGIN_MS = 60_000;
// When a renewal fails for want of a network, try again this much later.
const RETRY_AFTER_MS = 30_000;
export const SESSION_ENDED_MESSAGE = "Your session has ended. Sign in again to continue.";

/**
 * Returns the session object the rest of the page shares. Listeners added with onChange are
 * called with ({username} or null, reason) whenever someone signs in or out.
 */
export function createSession({ cognito, storage = window.localStorage }) {
  let current = readStored(storage);
  let refreshInFlight = null;
  let renewalTimer = null;
  const listeners = new Set();

  function replace(next, reason) {
    const previous = current;
    current = next;
    if (next) {
      storage.setItem(STORAGE_KEY, JSON.stringify(next));
    } else {
      storage.removeItem(STORAGE_KEY);
    }
    scheduleRenewal();
    notifyIfChanged(previous, reason);
  }

  // Listeners hear about sign-in and sign-out, not about every token refresh.
  function notifyIfChanged(previous, reason) {
    if ((previous?.username ?? null) === (current?.username ?? null)) return;
    const user = current ? { username: current.username } : null;
    for (const listener of listeners) listener(user, reason);
  }

  async function refreshTokens() {
    if (!current) return false;
    const { username, refreshToken } = current;
    try {
      const result = await cognito.refresh(refreshToken);
      // Signed out (here or in another tab) while the request was out: keep it that way.
      if (current?.refreshToken !== refreshToken) return false;
      replace(tokensFrom(result, username, refreshToken));
      return true;
    } catch (error) {
      // A refused refresh token (revoked, expired) ends the session; a network failure does not.
      if (error.type === "NotAuthorizedException") replace(null, SESSION_ENDED_MESSAGE);
      else scheduleRenewal(RETRY_AFTER_MS);
      return false;
    }
  }

  function refresh() {
    refreshInFlight ??= refreshTokens().finally(() => {
      refreshInFlight = null;
    });
    return refreshInFlight;
  }

  function renewalIsDue() {
    return current !== null && Date.now() > current.expiresAt - REFRESH_MARGIN_MS;
  }

  // The tokens are renewed when they fall due, whether or not the page is making requests: so
  // the person never meets an expired token, and a session ended elsewhere ends here too within
  // the IdToken's 15 minutes. A page that nobody is looking at (a background tab) renews when it
  // is shown again, rather than calling Cognito four times an hour for no one.
  function scheduleRenewal(delay) {
    clearTimeout(renewalTimer);
    if (!current) return;
    const untilDue = current.expiresAt - REFRESH_MARGIN_MS - Date.now();
    renewalTimer = setTimeout(renewIfDue, delay ?? untilDue);
  }

  function renewIfDue() {
    if (renewalIsDue() && !document.hidden) refresh();
  }

  document.addEventListener("visibilitychange", renewIfDue);

  // Another tab signed in or out, or renewed the tokens: follow it.
  window.addEventListener("storage", (event) => {
    if (event.key !== STORAGE_KEY) return;
    const previous = current;
    current = readStored(storage);
    scheduleRenewal();
    notifyIfChanged(previous);
  });

  scheduleRenewal();

  return {
    get username() {
      return current?.username ?? null;
    },

    isSignedIn: () => current !== null,

    async signIn({ username, password }) {
      const result = await cognito.signIn({ username, password });
      replace(tokensFrom(result, username, result.RefreshToken));
    },

    /** The IdToken to send to the API, renewed first if it is about to expire (a timer can be
     * late: a sleeping computer, a background tab); null if none. */
    async idToken() {
      if (renewalIsDue()) await refresh();
      return current?.idToken ?? null;
    },

    /** The IdToken as it is now, without renewing it: for a request sent as the page goes
     * away, when nothing can be awaited any more. */
    currentIdToken: () => current?.idToken ?? null,

    /** The AccessToken, for Cognito's own calls (ChangePassword, GlobalSignOut), renewed first
     * if it is about to expire (or was kept by an older page that did not keep it); null if
     * none. */
    async accessToken() {
      if (renewalIsDue() || (current && !current.accessToken)) await refresh();
      return current?.accessToken ?? null;
    },

    /** Gets new tokens; concurrent callers share one request. Resolves to true on success. */
    refresh,

    /** Forgets the tokens. When the person signs out (rather than the session ending by
     * itself), the refresh token is also revoked, so a stolen copy dies with the session. The
     * page does not wait for Cognito: signing out must work offline too. */
    signOut(reason, { revoke = false } = {}) {
      const refreshToken = current?.refreshToken;
      replace(null, reason);
      if (revoke && refreshToken) cognito.revokeToken(refreshToken).catch(() => {});
    },

    onChange(listener) {
      listeners.add(listener);
    },
  };
}

function tokensFrom(result, typedUsername, refreshToken) {
  return {
    // Cognito's spelling of the name, which may differ in case from what the person typed.
    username: usernameFromIdToken(result.IdToken) ?? typedUsername,
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    refreshToken,
    expiresAt: Date.now() + result.ExpiresIn * 1000,
  };
}

/** Reads a claim for display only: the API verifies the signature, the page does not need to. */
function usernameFromIdToken(idToken) {
  try {
    const base64 = idToken.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes))["cognito:username"] ?? null;
  } catch {
    return null;
  }
}

function readStored(storage) {
  try {
    const stored = JSON.parse(storage.getItem(STORAGE_KEY));
    return stored?.idToken && stored?.refreshToken ? stored : null;
  } catch {
    return null;
  }
}
