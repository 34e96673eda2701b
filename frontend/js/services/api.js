/**
 * The CloudGram API client: every call the page makes under /api goes through here.
 *
 * The API lives on the page's own origin (CloudFront sends /api/* to API Gateway), so there is
 * no CORS to think about. Calls carry the signed-in person's IdToken in the Authorization header.
 * A 401 means the token expired or was refused: the client refreshes the tokens once and retries;
 * if that fails too, it ends the session so the page goes back to sign-in.
 * Errors use Chalice's shape {"Code", "Message"} and become ApiError, whose message is for people.
 */

import { SESSION_ENDED_MESSAGE } from "./session.js";

/** An error answered by the API (or by the network, with status 0). */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

export function createApiClient({ apiBase, session }) {
  /**
   * Calls the API as the signed-in person, if any. `signInOptional` marks routes that also
   * answer strangers (the feed, a READY photo): they still work after the session has ended.
   * After `signal` aborts, the call rejects with an "AbortError".
   */
  async function request(path, { method = "GET", body, signInOptional = false, signal } = {}) {
    const url = apiBase + path;
    let response = await send(url, method, body, await session.idToken(), signal);
    if (response.status === 401 && session.isSignedIn()) {
      if (await session.refresh()) {
        response = await send(url, method, body, await session.idToken(), signal);
      }
      if (response.status === 401) {
        session.signOut(SESSION_ENDED_MESSAGE);
        if (signInOptional) response = await send(url, method, body, null, signal);
      }
    }
    return readResponse(response);
  }

  return {
    /** The signed-in person: {id, username, email}. */
    me: () => request("/me"),

    /** Registers a photo and returns {photo, upload: {url, fields, expiresAt}}. */
    createPhoto: ({ contentType, size, caption, altText }) =>
      request("/photos", { method: "POST", body: { contentType, size, caption, altText } }),

    getPhoto: (photoId) => request(photoPath(photoId), { signInOptional: true }),

    /** The owner changes a photo's caption and alt text ({caption?, altText?}); resolves to the
     * updated photo. */
    editPhoto: (photoId, changes) => request(photoPath(photoId), { method: "PATCH", body: changes }),

    /** The owner deletes a photo (also one still PENDING: that is how an upload is cancelled). */
    deletePhoto: (photoId) => request(photoPath(photoId), { method: "DELETE" }),

    /** Deletes a PENDING photo as the page goes away (pagehide), its upload cut off. Nothing
     * can be awaited then: `keepalive` lets the request outlive the page, with the token as it
     * is (no time to renew it). The API is on the page's own origin, so the Authorization
     * header needs no CORS preflight, which a keepalive request could not wait for. */
    withdrawPhoto(photoId) {
      const idToken = session.currentIdToken();
      if (!idToken) return;
      fetch(apiBase + photoPath(photoId), {
        method: "DELETE",
        headers: { Authorization: idToken },
        keepalive: true,
      }).catch(() => {});
    },

    /** Likes or unlikes a READY photo; resolves to {likeCount, likedByMe}. */
    setLiked: (photoId, liked) =>
      request(`${photoPath(photoId)}/like`, { method: liked ? "PUT" : "DELETE" }),

    /** One page of a photo's comments, oldest first: {items, nextCursor}; each comment is
     * {id, author: {id, username}, text, createdAt, replyCount}. */
    comments: (photoId, { limit, cursor }) =>
      request(`${photoPath(photoId)}/comments?${pageQuery(limit, cursor)}`, { signInOptional: true }),

    /** One page of a comment's replies, oldest first: {items, nextCursor}. */
    replies: (photoId, commentId, { limit, cursor }) =>
      request(`${commentPath(photoId, commentId)}/replies?${pageQuery(limit, cursor)}`, {
        signInOptional: true,
      }),

    /** Comments on a READY photo, or answers the comment `replyTo`; resolves to the comment. */
    addComment: (photoId, text, replyTo) =>
      request(`${photoPath(photoId)}/comments`, {
        method: "POST",
        body: replyTo ? { text, replyTo } : { text },
      }),

    /** Deletes a comment (its author or the photo's owner), with its replies. */
    deleteComment: (photoId, commentId) => request(commentPath(photoId, commentId), { method: "DELETE" }),

    /** One page of READY photos, newest first: {items, nextCursor}. */
    feed: ({ limit, cursor }) => request(`/feed?${pageQuery(limit, cursor)}`, { signInOptional: true }),

    /** One page of the home feed, the signed-in person's and the people they follow's READY
     * photos, newest first: {items, nextCursor}. */
    homeFeed: ({ limit, cursor }) => request(`/feed/home?${pageQuery(limit, cursor)}`),

    /** A public profile: {id, username, displayName?, bio?, avatar?, joinedAt, photoCount,
     * followerCount, followingCount}, for a signed-in visitor also followedByMe, and for its
     * owner avatarUpload? ({id, status: PENDING | FAILED, failureReason?}) while a new picture
     * is on its way or was refused. */
    profile: (username) => request(userPath(username), { signInOptional: true }),

    /** The signed-in person changes their display name and bio ({displayName?, bio?}, "" to
     * remove one); resolves to their profile. */
    editProfile: (changes) => request("/me/profile", { method: "PATCH", body: changes }),

    /** Asks to upload a new profile picture; resolves to {upload: {url, fields, expiresAt}}. */
    requestAvatarUpload: ({ contentType, size }) =>
      request("/me/avatar", { method: "POST", body: { contentType, size } }),

    /** Back to the letter. */
    deleteAvatar: () => request("/me/avatar", { method: "DELETE" }),

    /** Up to `limit` people whose username or display name starts with `prefix` (never empty):
     * {items: [person + followedByMe?]}. */
    searchPeople: (prefix, { limit, signal }) =>
      request(`/users?${new URLSearchParams({ prefix, limit: String(limit) })}`, {
        signInOptional: true,
        signal,
      }),

    /** People the signed-in person might follow, in one request: {items: [person + reason]}. */
    suggestions: () => request("/users/suggestions"),

    /** Follows or unfollows someone; resolves to {followerCount, followedByMe}. */
    setFollowing: (username, following) =>
      request(`${userPath(username)}/follow`, { method: following ? "PUT" : "DELETE" }),

    /** One page of someone's "followers" or "following" (`list`): {items: [{id, username,
     * followedByMe}], nextCursor}; `followedByMe` only for a signed-in person. */
    people: (username, list, { limit, cursor }) =>
      request(`${userPath(username)}/${list}?${pageQuery(limit, cursor)}`, { signInOptional: true }),

    /** One page of the people who liked a photo, newest like first, in the shape of `people`;
     * a 404 if the photo is gone or not visible to this person. */
    likers: (photoId, { limit, cursor }) =>
      request(`${photoPath(photoId)}/likes?${pageQuery(limit, cursor)}`, { signInOptional: true }),

    /** One page of the signed-in person's notifications, newest first: {items, nextCursor,
     * unreadCount}. An item is {id, kind, actor: {id, username}, photo?: {id, renditions?},
     * comment?: {id, text}, createdAt, unread}, its kind "like", "comment", "reply", "follow" or
     * "mention"; unreadCount is exact up to 99, and 100 means more than 99. */
    notifications: ({ limit, cursor }) => request(`/notifications?${pageQuery(limit, cursor)}`),

    /** Marks every notification read; resolves to {unreadCount: 0}. */
    markNotificationsRead: () => request("/notifications/read", { method: "POST" }),

    /** Starts preparing a zip of the signed-in person's data; resolves to the export ({id,
     * status: "PENDING", requestedAt}), the one already being prepared if there is one. Too
     * many in a day: an ApiError with status 429 and a message to show. */
    startExport: () => request("/me/export", { method: "POST" }),

    /** The signed-in person's exports of the last 7 days, newest first: {items: [export]}. An
     * export is {id, status: PENDING | READY | FAILED, requestedAt, readyAt?, url?, expiresAt?,
     * sizeBytes?, failureReason?}; url, expiresAt and sizeBytes when READY. */
    exports: () => request("/me/exports"),

    /** One of the signed-in person's exports, as `exports` lists them. */
    getExport: (exportId) => request(`/me/exports/${encodeURIComponent(exportId)}`),

    /** Deletes the signed-in person's account with `idToken`, the ID token of a sign-in made a
     * moment ago, as the API asks for a recent one: resolves to {status: "ERASING", message}.
     * Not retried with a renewed token, which would carry the older sign-in's time. */
    deleteAccount: async (idToken) =>
      readResponse(await send(`${apiBase}/me`, "DELETE", undefined, idToken)),

    /** One page of someone's photos, newest first; their owner also gets PENDING and FAILED. */
    profilePhotos: (username, { limit, cursor }) =>
      request(`${userPath(username)}/photos?${pageQuery(limit, cursor)}`, { signInOptional: true }),
  };
}

const photoPath = (photoId) => `/photos/${encodeURIComponent(photoId)}`;
const commentPath = (photoId, commentId) =>
  `${photoPath(photoId)}/comments/${encodeURIComponent(commentId)}`;
const userPath = (username) => `/users/${encodeURIComponent(username)}`;

function pageQuery(limit, cursor) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set("cursor", cursor);
  return query;
}

async function send(url, method, body, idToken, signal) {
  const headers = { Accept: "application/json" };
  if (idToken) headers.Authorization = idToken;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  try {
    return await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, "NetworkError", "CloudGram could not be reached. Check your connection and try again.");
  }
}

async function readResponse(response) {
  const text = await response.text();
  const body = parseJson(text);
  if (response.ok) return body;
  const message =
    body?.Message ||
    body?.message ||
    `Something went wrong on our side (HTTP ${response.status}). Try again in a moment.`;
  throw new ApiError(response.status, body?.Code ?? "HttpError", message);
}

function parseJson(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
