/**
 * A photo's comments on its page (views/photo-page-view.js): the comments oldest first, each
 * with "View replies (N)" that opens its replies (and becomes "Hide replies" while they are
 * open), "More comments" while there are more, Reply and, where allowed (the comment's author,
 * the photo's owner), Delete, asked first (components/confirm-dialog.js); and the composer: Enter
 * sends, Shift+Enter starts a new line. Signed out, the composer is a Sign in prompt.
 *
 * A reply answers a top-level comment (a reply to a reply answers the comment it is under, as
 * the API does). Every value from the API goes in as text, so a comment is never markup; its
 * @mentions become links to profiles (helpers/mentions.js).
 *
 * A page whose address names a comment (a notification's link, helpers/router.js) shows that
 * comment: the section loads more comments until it is there, opens the replies a reply is
 * among, scrolls to it, gives it the focus and highlights it a moment.
 */

import { element, hideMessage, setBusy, showMessage, showSignInPrompt } from "../helpers/dom.js";
import { timeAgo } from "../helpers/format.js";
import { showTextWithMentions } from "../helpers/mentions.js";
import { confirmCommentDeletion } from "./confirm-dialog.js";
import { isOwnPhoto } from "./owner-controls.js";
import { personLink, personPicture } from "./person-badge.js";
import { showToast } from "./toast.js";

// The API takes at most this many characters (chalicelib/shared/settings.py).
const COMMENT_MAX_LENGTH = 2200;
const PAGE_SIZE = 20;
// A reply's id is "<comment id>.<reply id>" (chalicelib/comments/presenter.py).
const REPLY_ID_SEPARATOR = ".";
// As long as the highlight's fade in notifications.css.
const HIGHLIGHT_MS = 3000;

/** `context` is {api, session, onSignInRequested}; `commentToShow` is the id of the comment or
 * reply the address names, if any. */
export function createCommentSection({ photo, context, commentToShow = null }) {
  const { api, session } = context;
  const section = element("section", "comments");
  section.setAttribute("aria-labelledby", "comments-title");
  const title = element("h2", "comments__title", "Comments");
  title.id = "comments-title";
  const list = element("ol", "comments__list");
  const more = element("button", "link-button comments__more", "More comments");
  more.type = "button";
  more.hidden = true;
  const message = element("p", "message");
  message.hidden = true;
  const composer = createComposer();
  section.append(title, list, more, message, composer.element);

  let cursor = null;
  // Which top-level comment the composer answers, and that comment's replies list.
  let answering = null;

  /** Loads the next page; resolves to whether it could. */
  async function loadComments() {
    setBusy(more, true);
    try {
      const page = await api.comments(photo.id, { limit: PAGE_SIZE, cursor });
      for (const comment of page.items) list.append(renderComment(comment));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      if (!list.children.length) list.append(element("li", "comments__empty", "No comments yet."));
      return true;
    } catch (error) {
      showMessage(message, error.message, "error");
      return false;
    } finally {
      setBusy(more, false);
    }
  }
  more.addEventListener("click", loadComments);

  function renderComment(comment, parent = null) {
    const item = element("li", "comment");
    item.dataset.commentId = comment.id;
    const author = comment.author?.username ?? "someone";
    const header = element("p", "comment__header");
    const time = element("time", "comment__time", timeAgo(comment.createdAt));
    time.dateTime = comment.createdAt;
    header.append(personPicture(comment.author), personLink(comment.author, "comment__author"), time);
    const text = element("p", "comment__text");
    showTextWithMentions(text, comment.text);
    const actions = element("div", "comment__actions");
    item.append(header, text, actions);

    const replyTo = parent ?? { comment, item };
    if (session.isSignedIn()) {
      const reply = element("button", "link-button", "Reply");
      reply.type = "button";
      reply.setAttribute("aria-label", `Reply to ${author}`);
      reply.addEventListener("click", () => composer.answer(replyTo, author));
      actions.append(reply);
    }
    if (mayDelete(comment)) actions.append(deleteButton(comment, item, parent));
    if (!parent) {
      item.comment = comment;
      item.replies = element("ol", "comments__list comments__list--replies");
      item.replies.hidden = true;
      item.viewReplies = element("button", "link-button comment__view-replies");
      item.viewReplies.type = "button";
      item.viewReplies.setAttribute("aria-expanded", "false");
      item.replyCount = comment.replyCount ?? 0;
      showReplyCount(item);
      item.viewReplies.addEventListener("click", () => toggleReplies(comment, item));
      item.append(item.viewReplies, item.replies);
    }
    return item;
  }

  function showReplyCount(item) {
    const open = !item.replies.hidden;
    item.viewReplies.textContent = open ? "Hide replies" : `View replies (${item.replyCount})`;
    item.viewReplies.hidden = item.replyCount === 0;
  }

  async function toggleReplies(comment, item, { open = false } = {}) {
    const opening = open || item.replies.hidden;
    item.viewReplies.setAttribute("aria-expanded", String(opening));
    item.replies.hidden = !opening;
    showReplyCount(item);
    if (!opening || item.repliesLoaded) return;
    item.repliesLoaded = true;
    setBusy(item.viewReplies, true);
    let replyCursor = null;
    try {
      do {
        const page = await api.replies(photo.id, comment.id, { limit: PAGE_SIZE, cursor: replyCursor });
        for (const reply of page.items) item.replies.append(renderComment(reply, { comment, item }));
        replyCursor = page.nextCursor;
      } while (replyCursor);
    } catch (error) {
      item.repliesLoaded = false;
      showMessage(message, error.message, "error");
    } finally {
      setBusy(item.viewReplies, false);
    }
  }

  function mayDelete(comment) {
    return isOwnPhoto(photo, session) || isOwnPhoto({ owner: comment.author }, session);
  }

  function deleteButton(comment, item, parent) {
    const button = element("button", "link-button comment__delete", "Delete");
    button.type = "button";
    button.setAttribute("aria-label", `Delete ${comment.author?.username ?? "this"}'s comment`);
    button.addEventListener("click", async () => {
      if (!(await confirmCommentDeletion({ isReply: Boolean(parent) }))) return;
      setBusy(button, true);
      try {
        await api.deleteComment(photo.id, comment.id);
      } catch (error) {
        setBusy(button, false);
        if (error.status !== 404) {
          showMessage(message, error.message, "error");
          return;
        }
      }
      item.remove();
      if (parent) {
        parent.item.replyCount -= 1;
        showReplyCount(parent.item);
      }
      showToast("Comment deleted");
      composer.focus();
    });
    return button;
  }

  function createComposer() {
    const form = element("form", "comment-form");
    if (!session.isSignedIn()) {
      const prompt = element("p", "message");
      showSignInPrompt(prompt, "Commenting needs an account.", context.onSignInRequested);
      form.append(prompt);
      return { element: form, answer() {}, focus() {} };
    }
    const label = element("label", "comment-form__label", "Add a comment");
    label.htmlFor = "comment-text";
    const replying = element("p", "comment-form__replying");
    replying.hidden = true;
    const replyingText = element("span");
    const cancel = element("button", "link-button", "Cancel reply");
    cancel.type = "button";
    replying.append(replyingText, " ", cancel);
    const textarea = element("textarea", "comment-form__text");
    textarea.id = "comment-text";
    textarea.rows = 2;
    textarea.maxLength = COMMENT_MAX_LENGTH;
    textarea.required = true;
    textarea.setAttribute("aria-describedby", "comment-form-hint");
    const hint = element("p", "field__hint", "Enter sends; Shift+Enter starts a new line.");
    hint.id = "comment-form-hint";
    const send = element("button", "button button--primary", "Post");
    send.type = "submit";
    const field = element("div", "field");
    field.append(label, replying, textarea, hint);
    form.append(field, send);

    function stopAnswering() {
      answering = null;
      replying.hidden = true;
      label.textContent = "Add a comment";
    }
    cancel.addEventListener("click", () => {
      stopAnswering();
      textarea.focus();
    });
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = textarea.value.trim();
      if (!text) {
        showMessage(message, "Write something before sending.", "error");
        textarea.focus();
        return;
      }
      hideMessage(message);
      setBusy(send, true);
      const target = answering;
      try {
        const added = await api.addComment(photo.id, text, target?.comment.id);
        textarea.value = "";
        list.querySelector(".comments__empty")?.remove();
        if (target) {
          target.item.replyCount += 1;
          showReplyCount(target.item);
          if (target.item.repliesLoaded) target.item.replies.append(renderComment(added, target));
          else await toggleReplies(target.comment, target.item, { open: true });
          stopAnswering();
        } else if (!cursor) {
          // Oldest first: a new comment belongs at the end, once the last page is shown.
          list.append(renderComment(added));
        }
        showToast(target ? "Reply posted" : "Comment posted");
      } catch (error) {
        showMessage(message, error.message, "error");
      } finally {
        setBusy(send, false);
        textarea.focus();
      }
    });
    return {
      element: form,
      answer(target, author) {
        answering = target;
        replyingText.textContent = `Replying to ${author}`;
        label.textContent = `Your reply to ${author}`;
        replying.hidden = false;
        textarea.focus();
      },
      focus: () => textarea.focus(),
    };
  }

  /** Shows the comment or reply `commentId` names: loads pages until its comment is there, and
   * opens the replies if it is one. */
  async function showComment(commentId) {
    const [commentOfReply] = commentId.split(REPLY_ID_SEPARATOR);
    let item = itemOf(list, commentOfReply);
    while (!item && cursor) {
      if (!(await loadComments())) return;
      item = itemOf(list, commentOfReply);
    }
    if (item && commentId !== commentOfReply) {
      await toggleReplies(item.comment, item, { open: true });
      item = itemOf(item.replies, commentId);
    }
    if (!item) {
      showToast("That comment is no longer there: it was deleted.");
      return;
    }
    highlight(item);
  }

  function highlight(item) {
    item.tabIndex = -1;
    item.classList.add("comment--highlighted");
    item.scrollIntoView({ block: "center" });
    item.focus({ preventScroll: true });
    setTimeout(() => item.classList.remove("comment--highlighted"), HIGHLIGHT_MS);
  }

  const firstPage = loadComments();
  if (commentToShow) firstPage.then((loaded) => loaded && showComment(commentToShow));
  return { element: section };
}

/** The comment (or reply) item with this id directly in `list`, if it is there. */
function itemOf(list, commentId) {
  return [...list.children].find((item) => item.dataset.commentId === commentId) ?? null;
}
