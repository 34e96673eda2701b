/**
 * The Follow button of a person, on their profile, in the suggestions of an empty Following tab
 * and in lists of followers: a toggle <button> that reads "Follow", or "Following" once pressed,
 * and "Unfollow" while a pointer is over it or the keyboard's focus is on it, which is what
 * pressing it then does. Its accessible name stays "Follow <name>" whatever it shows, and
 * aria-pressed says whether the signed-in person follows them: a toggle keeps its name, and
 * screen readers announce the state.
 *
 * Following is one press; unfollowing asks first ("Unfollow @name?", confirm-dialog.js), since a
 * slip would take the person's photos out of the Following feed. Cancel or Escape changes nothing.
 *
 * It behaves like the like button (helpers/optimistic-toggle.js): a press shows the new state and
 * follower count at once; if the API refuses, both go back and a message says why. Signed-out
 * people are asked to sign in instead; nothing is sent. Confirmed changes are announced
 * (helpers/follow-events.js), so the same person's button and counts elsewhere follow, and so does
 * the Following tab.
 */

import { finishAfterSignIn } from "../helpers/after-sign-in.js";
import { element, hideMessage, showMessage, showSignInPrompt, visuallyHidden } from "../helpers/dom.js";
import { announceFollowChanged, onFollowChanged, sameUsername } from "../helpers/follow-events.js";
import { createOptimisticToggle } from "../helpers/optimistic-toggle.js";
import { confirmUnfollow } from "./confirm-dialog.js";

/**
 * `person` is {username, followedByMe, followerCount}, as GET /users/{username} answers.
 * `onShown({on, count})` hears every state the button shows (the profile's follower count moves
 * with it). Returns the control's element.
 */
export function createFollowButton({ person, api, session, onSignInRequested, onShown, signal }) {
  const { username } = person;
  const control = element("div", "follow");
  const button = element("button", "button button--small follow__button");
  button.type = "button";
  // Sighted people read the state in the label; the name stays the same for everyone else.
  const label = element("span", "follow__label");
  label.setAttribute("aria-hidden", "true");
  // Takes the label's place on hover and focus while following (people.css).
  const unfollowLabel = element("span", "follow__unfollow-label", "Unfollow");
  unfollowLabel.setAttribute("aria-hidden", "true");
  button.append(label, unfollowLabel, visuallyHidden(`Follow ${username}`));
  // Created empty and filled later: screen readers announce an alert when its text changes.
  const message = element("p", "message follow__message");
  message.setAttribute("role", "alert");
  message.hidden = true;
  control.append(button, message);

  const follow = createOptimisticToggle({
    confirmed: { on: person.followedByMe === true, count: person.followerCount ?? 0 },
    send: async (following) => {
      const result = await api.setFollowing(username, following);
      return { on: result.followedByMe, count: result.followerCount };
    },
    onConfirmed: ({ on, count }) =>
      announceFollowChanged({ username, followedByMe: on, followerCount: count }),
    onRefused: (error, attemptedFollow) => {
      const what = attemptedFollow ? "You are not following" : "You are still following";
      showMessage(message, `${what} ${username}: ${error.message}`, "error");
    },
    render: (shown) => {
      button.setAttribute("aria-pressed", String(shown.on));
      label.textContent = shown.on ? "Following" : "Follow";
      button.classList.toggle("button--primary", !shown.on);
      button.classList.toggle("button--secondary", shown.on);
      onShown?.(shown);
    },
  });

  button.addEventListener("click", async () => {
    if (!session.isSignedIn()) {
      showSignInPrompt(message, "Following people needs an account.", onSignInRequested);
      return;
    }
    hideMessage(message);
    if (follow.on) {
      // Looked at again once answered: the person may have been unfollowed elsewhere meanwhile.
      const confirmed = await confirmUnfollow(username);
      if (!confirmed || !follow.on) return;
    }
    follow.toggle();
  });
  // A follow started before signing in is done once the person has signed in.
  finishAfterSignIn(button, { kind: "follow", username }, { session, signal });

  // The same person followed or unfollowed elsewhere on the page.
  onFollowChanged(
    (change) => {
      if (sameUsername(change.username, username)) {
        follow.learn({ on: change.followedByMe, count: change.followerCount });
      }
    },
    { signal },
  );

  return control;
}
