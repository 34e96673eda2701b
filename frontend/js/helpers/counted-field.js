/**
 * A labelled text field with its "12 / 150" counter below, as every field with a length limit
 * shows one (the caption, the alt text, a display name, a bio). The counter is the field's
 * description, so a screen reader reads the limit with the field.
 */

import { element } from "./dom.js";

/**
 * Returns {field, input}: `field` holds the label, the input (a textarea when `rows` is given,
 * else a one-line input) and the counter; `label` may be a string or an element.
 */
export function countedField({ id, label, maxLength, value = "", rows, className = "" }) {
  const field = element("div", `field ${className}`.trim());
  const labelElement = element("label");
  labelElement.htmlFor = id;
  labelElement.append(label);
  const input = element(rows ? "textarea" : "input");
  input.id = id;
  if (rows) input.rows = rows;
  else input.type = "text";
  input.maxLength = maxLength;
  input.value = value;
  const counter = element("p", "field__hint field__counter");
  counter.id = `${id}-count`;
  input.setAttribute("aria-describedby", counter.id);
  const updateCounter = () => {
    counter.textContent = `${input.value.length} / ${maxLength}`;
  };
  input.addEventListener("input", updateCounter);
  updateCounter();
  field.append(labelElement, input, counter);
  return { field, input, updateCounter };
}
