/**
 * How the page draws a person, wherever one appears (a photo card or page, a comment, a
 * notification, a list of people, search results, the profile itself): their picture, or the
 * first letter of their name in a coloured circle when they have none, and their names, the
 * display name first when they chose one, then the @username.
 *
 * People arrive from the API as {id, username, displayName?, avatar?: {url, width, height,
 * placeholder}}, read fresh with every page, so a new name or picture shows on the next read
 * everywhere at once. The picture is decorative (alt ""): the name beside it says who it is. Its
 * box has its final size before any pixel arrives, and the worker's tiny blurred placeholder
 * fills it until the picture has loaded, so nothing shifts.
 */

import { avatar, element, link, placeholderImage } from "../helpers/dom.js";
import { profileHref } from "../helpers/router.js";

/** The person's picture, or their letter; `className` sizes it (e.g. "avatar--large"). */
export function personPicture(person, className) {
  const username = person?.username ?? "?";
  const picture = person?.avatar;
  if (!picture?.url) return avatar(person?.displayName || username, className);

  const circle = element("span", `avatar avatar--picture ${className ?? ""}`.trim());
  circle.setAttribute("aria-hidden", "true");
  const placeholder = placeholderImage(picture.placeholder, "avatar__placeholder");
  if (placeholder) circle.append(placeholder);
  const image = element("img", "avatar__image");
  image.width = picture.width;
  image.height = picture.height;
  image.alt = "";
  image.decoding = "async";
  image.loading = "lazy";
  image.src = picture.url;
  circle.append(image);
  return circle;
}

/**
 * The person's names, in a link to their profile: "Ana Lima @ana", or "ana" alone when they
 * chose no display name. `stacked` puts the @username below the display name.
 */
export function personLink(person, className, { stacked = false } = {}) {
  const username = person?.username ?? "someone";
  const names = link(profileHref(username), `person-names ${className ?? ""}`.trim());
  appendNames(names, person, { stacked });
  return names;
}

/** The same names as text, for places that are a link or a button already. */
export function personNames(person, className, { stacked = false } = {}) {
  const names = element("span", `person-names ${className ?? ""}`.trim());
  appendNames(names, person, { stacked });
  return names;
}

function appendNames(container, person, { stacked }) {
  const username = person?.username ?? "someone";
  container.classList.toggle("person-names--stacked", stacked);
  if (!person?.displayName) {
    container.append(element("span", "person-names__username person-names__username--only", username));
    return;
  }
  container.append(
    element("span", "person-names__display-name", person.displayName),
    " ",
    element("span", "person-names__username", `@${username}`),
  );
}
