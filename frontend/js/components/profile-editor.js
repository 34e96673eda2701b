/**
 * "Edit profile", on the owner's own profile: their picture (choose one, see it at once, watch it
 * upload, then see the new one; or remove it), and their display name and bio, each with its
 * counter, saved with Save or left as they were with Cancel (or Escape).
 *
 * The picture is its own action, done as soon as a file is chosen: it goes through the upload
 * pipeline (uploads/avatar-upload.js) and the page only waits for it. The name and the bio are
 * one PATCH /me/profile with only what changed. The API is the judge of both: a refusal is shown
 * next to the field it concerns, in the API's words, and nothing typed is lost.
 */

import { countedField } from "../helpers/counted-field.js";
import { element, hideMessage, setBusy, showMessage, visuallyHidden } from "../helpers/dom.js";
import { showFieldError } from "../helpers/field-errors.js";
import { uploadAvatar } from "../uploads/avatar-upload.js";
import { acceptedFiles } from "../uploads/upload.js";
import { personPicture } from "./person-badge.js";

const TEXT_FIELDS = ["displayName", "bio"];

let editorsCreated = 0;

/**
 * Returns {form, focus}. `onPictureChanged(profile)` runs when a new picture is shown or the old
 * one removed; `onDone(profile | null)` after a save (with the API's profile) or a cancel (null).
 */
export function createProfileEditor({ profile, api, limits, onPictureChanged, onDone }) {
  editorsCreated += 1;
  const id = `profile-editor-${editorsCreated}`;
  const form = element("form", "profile-editor");
  form.noValidate = true;
  form.setAttribute("aria-labelledby", `${id}-title`);
  const title = element("h2", "profile-editor__title", "Edit profile");
  title.id = `${id}-title`;

  const picture = createPictureControls({ id, profile, api, limits, onPictureChanged });
  const inputs = {
    displayName: textField(`${id}-display-name`, "Display name", limits.displayNameMaxLength, profile.displayName),
    bio: textField(`${id}-bio`, "Bio", limits.bioMaxLength, profile.bio, 3),
  };
  const error = element("p", "message message--error");
  error.setAttribute("role", "alert");
  error.hidden = true;

  const buttons = element("div", "profile-editor__buttons");
  const save = element("button", "button button--primary", "Save");
  save.type = "submit";
  const cancel = element("button", "button button--secondary", "Cancel");
  cancel.type = "button";
  buttons.append(save, cancel);
  form.append(title, picture.element, inputs.displayName.field, inputs.bio.field, error, buttons);

  function changes() {
    const changed = {};
    for (const name of TEXT_FIELDS) {
      const typed = inputs[name].input.value.trim();
      if (typed !== (profile[name] ?? "")) changed[name] = typed;
    }
    return changed;
  }

  /** The API names the field it refuses ("bio is 151 characters long; …"): shown there. */
  function showRefusal(refusal) {
    const field = TEXT_FIELDS.find((name) => refusal.message.startsWith(`${name} `));
    if (!field) {
      showMessage(error, `Your profile was not saved: ${refusal.message}`, "error");
      inputs.displayName.input.focus();
      return;
    }
    showFieldError(inputs[field].input, refusal.message);
    inputs[field].input.focus();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const name of TEXT_FIELDS) showFieldError(inputs[name].input, "");
    hideMessage(error);
    const changed = changes();
    if (Object.keys(changed).length === 0) {
      onDone(null);
      return;
    }
    setBusy(save, true);
    cancel.disabled = true;
    try {
      onDone(await api.editProfile(changed));
    } catch (refusal) {
      showRefusal(refusal);
    } finally {
      setBusy(save, false);
      cancel.disabled = false;
    }
  });
  cancel.addEventListener("click", () => onDone(null));
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && event.target.matches("input[type=text], textarea")) {
      event.preventDefault();
      onDone(null);
    }
  });

  return {
    form,
    focus: () => inputs.displayName.input.focus(),
    /** Stops a picture still uploading (the editor is going away). */
    dispose: picture.dispose,
  };
}

/** A counted field with an error element of its own, which its description names too. */
function textField(id, label, maxLength, value, rows) {
  const made = countedField({ id, label, maxLength, value: value ?? "", rows });
  const fieldError = element("p", "field__error message message--error");
  fieldError.id = `${id}-error`;
  fieldError.hidden = true;
  made.input.setAttribute("aria-describedby", `${id}-count ${fieldError.id}`);
  // One line of text, as the API takes it: a line break typed or pasted becomes a space.
  made.input.addEventListener("input", () => {
    if (/[\r\n]/.test(made.input.value)) {
      made.input.value = made.input.value.replace(/[\r\n]+/g, " ");
      made.updateCounter();
    }
  });
  made.field.append(fieldError);
  return made;
}

/** The picture, "Choose picture", "Remove picture", and one line for the upload's progress. */
function createPictureControls({ id, profile, api, limits, onPictureChanged }) {
  const container = element("div", "profile-editor__picture");
  const preview = element("div", "profile-editor__preview");
  const showPicture = (person) => preview.replaceChildren(personPicture(person, "avatar--large"));
  showPicture(profile);

  const picker = element("input", "visually-hidden");
  picker.type = "file";
  picker.id = `${id}-picture`;
  picker.accept = acceptedFiles(limits);
  const chooseLabel = element("label", "button button--secondary button--small", "Choose picture");
  chooseLabel.htmlFor = picker.id;
  const remove = element("button", "button button--quiet button--small button--danger", "Remove picture");
  remove.type = "button";
  remove.hidden = !profile.avatar;

  const progress = element("div", "progress");
  const progressLabel = element("label", "", "Uploading…");
  progressLabel.htmlFor = `${id}-picture-progress`;
  const progressBar = element("progress");
  progressBar.id = `${id}-picture-progress`;
  progressBar.max = 100;
  progress.append(progressLabel, progressBar);
  progress.hidden = true;
  const status = element("p", "profile-editor__status message");
  status.setAttribute("role", "status");
  status.hidden = true;

  const controls = element("div", "profile-editor__picture-controls");
  controls.append(picker, chooseLabel, remove, progress, status);
  container.append(preview, controls);

  let controller = null;
  let previewUrl = null;

  function showStage(stage) {
    progress.hidden = false;
    if (stage === "processing") {
      progressBar.removeAttribute("value");
      progressLabel.textContent = "Processing…";
    }
  }

  function showProgress(fraction) {
    const percent = Math.round(fraction * 100);
    progressBar.value = percent;
    progressLabel.textContent = `Uploading… ${percent}%`;
  }

  function showLocalPreview(file) {
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = URL.createObjectURL(file);
    const image = element("img", "avatar__image");
    image.alt = "";
    image.src = previewUrl;
    const circle = element("span", "avatar avatar--picture avatar--large");
    circle.append(image);
    preview.replaceChildren(circle, visuallyHidden(`Preview of ${file.name}`));
  }

  picker.addEventListener("change", async () => {
    const file = picker.files[0];
    picker.value = "";
    if (!file) return;
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    hideMessage(status);
    showLocalPreview(file);
    progressBar.value = 0;
    progressLabel.textContent = "Starting…";
    progress.hidden = false;
    remove.disabled = true;
    try {
      const updated = await uploadAvatar({
        api,
        file,
        username: profile.username,
        limits,
        signal,
        onStage: showStage,
        onProgress: showProgress,
      });
      profile.avatar = updated.avatar;
      showPicture(profile);
      showMessage(status, "Your new picture is shown.", "success");
      onPictureChanged(updated);
    } catch (problem) {
      if (signal.aborted) return;
      showPicture(profile);
      showMessage(status, `The picture was not changed: ${problem.message}`, "error");
    } finally {
      if (!signal.aborted) {
        progress.hidden = true;
        remove.disabled = false;
        remove.hidden = !profile.avatar;
      }
    }
  });

  remove.addEventListener("click", async () => {
    hideMessage(status);
    setBusy(remove, true);
    try {
      await api.deleteAvatar();
      delete profile.avatar;
      showPicture(profile);
      remove.hidden = true;
      showMessage(status, "Your picture is removed.", "success");
      onPictureChanged(profile);
      picker.focus();
    } catch (problem) {
      showMessage(status, `The picture was not removed: ${problem.message}`, "error");
    } finally {
      setBusy(remove, false);
    }
  });

  return {
    element: container,
    dispose() {
      controller?.abort();
      if (previewUrl) URL.revokeObjectURL(previewUrl);
    },
  };
}
