/**
 * What an address that names no place in CloudGram shows (a mistyped "#/x/..."): a message and a
 * way back to the latest photos, never a blank page. The text is in index.html.
 */

import { byId } from "../helpers/dom.js";

export function createNotFoundView() {
  const section = byId("not-found-view");
  const heading = byId("not-found-title");

  return {
    section,

    async show() {
      section.hidden = false;
      return { title: heading.textContent, heading };
    },

    hide() {
      section.hidden = true;
    },
  };
}
