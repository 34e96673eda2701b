/**
 * Runtime settings for the page.
 *
 * The site serves /config.json next to index.html: the API and media paths, the Cognito user pool
 * and the upload limits. The deploy (or the local stack) writes it, so the same static files run
 * against any stage without a build step. Everything else in the page takes its settings from the
 * object this module returns.
 */

const CONFIG_PATH = "/config.json";

/** Fetches and checks /config.json; throws an Error with a message a person can act on. */
export async function loadConfig() {
  let response;
  try {
    response = await fetch(CONFIG_PATH, { cache: "no-store" });
  } catch {
    throw new Error("CloudGram could not reach its server. Check your connection and reload the page.");
  }
  if (!response.ok) {
    throw new Error(
      `CloudGram could not load its settings (HTTP ${response.status}). Reload the page to try again.`,
    );
  }
  const config = await response.json();
  requireSettings(config);
  return Object.freeze(config);
}

function requireSettings(config) {
  const missing = ["apiBase", "cognito", "limits"].filter((name) => !config?.[name]);
  if (missing.length > 0) {
    throw new Error(`CloudGram's settings are incomplete (missing ${missing.join(", ")}).`);
  }
}
