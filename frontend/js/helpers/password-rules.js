/**
 * The rules a new password must meet, and which of them a password still breaks.
 *
 * The user pool has the last word: its PasswordPolicy (infra/template.yaml) refuses a weak
 * password at sign-up. config.json carries the same policy (infra/site_config.py; a test holds the
 * two together), so the page can name each rule while the person types
 * (components/password-field.js) and refuse a weak password before it is sent, saying which rule
 * it breaks. The characters each rule counts are Cognito's: the basic Latin letters and digits,
 * and its list of symbols.
 *
 * Besides the policy, Cognito takes no password longer than 256 characters, nor one that starts
 * or ends with a space. Those two limits are not listed while they hold (nearly always), only
 * named when a password breaks them.
 */

// Cognito's symbols; a space counts as one too, except at either end.
const SYMBOLS = new Set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ");
const COGNITO_MAXIMUM_LENGTH = 256;

/**
 * The rules of `policy` (config.json's cognito.passwordPolicy), each {id, label, need, isMet}:
 * `label` is the rule as the checklist shows it, `need` what a password still lacks, in words
 * that follow "still needs", and `isMet(password)`. Limits that are listed only once broken
 * carry `listedWhenBroken` and a `problem` sentence instead of a `need`.
 */
export function passwordRules(policy) {
  const length = policy.minimumLength;
  const rules = [
    {
      id: "length",
      label: `At least ${length} characters`,
      need: `at least ${length} characters`,
      isMet: (password) => characters(password).length >= length,
    },
  ];
  if (policy.requireLowercase) {
    rules.push({
      id: "lowercase",
      label: "A lower-case letter (a–z)",
      need: "a lower-case letter",
      isMet: (password) => /[a-z]/.test(password),
    });
  }
  if (policy.requireUppercase) {
    rules.push({
      id: "uppercase",
      label: "An upper-case letter (A–Z)",
      need: "an upper-case letter",
      isMet: (password) => /[A-Z]/.test(password),
    });
  }
  if (policy.requireNumbers) {
    rules.push({
      id: "number",
      label: "A number (0–9)",
      need: "a number",
      isMet: (password) => /[0-9]/.test(password),
    });
  }
  if (policy.requireSymbols) {
    rules.push({
      id: "symbol",
      label: "A symbol, such as ! ? # or -",
      need: "a symbol",
      isMet: (password) => characters(password.trim()).some((character) => SYMBOLS.has(character)),
    });
  }
  rules.push(
    {
      id: "no-edge-spaces",
      label: "No space at the start or end",
      problem: "A password cannot start or end with a space.",
      listedWhenBroken: true,
      isMet: (password) => password === password.trim(),
    },
    {
      id: "maximum-length",
      label: `At most ${COGNITO_MAXIMUM_LENGTH} characters`,
      problem: `A password can have at most ${COGNITO_MAXIMUM_LENGTH} characters.`,
      listedWhenBroken: true,
      isMet: (password) => characters(password).length <= COGNITO_MAXIMUM_LENGTH,
    },
  );
  return rules;
}

/** The rules `password` breaks, in the order they are listed. */
export function unmetRules(rules, password) {
  return rules.filter((rule) => !rule.isMet(password));
}

/**
 * What keeps `password` from being accepted, in words, or "" when nothing does: the rules it
 * still needs, named ("This password still needs an upper-case letter and a number.").
 */
export function passwordProblem(rules, password) {
  if (password === "") {
    return `Choose a password with ${listInWords(needsOf(rules))}.`;
  }
  const unmet = unmetRules(rules, password);
  const sentences = unmet.filter((rule) => rule.problem).map((rule) => rule.problem);
  const needs = needsOf(unmet);
  if (needs.length > 0) sentences.unshift(`This password still needs ${listInWords(needs)}.`);
  return sentences.join(" ");
}

function needsOf(rules) {
  return rules.filter((rule) => rule.need).map((rule) => rule.need);
}

/** ["a", "b", "c"] -> "a, b and c". */
function listInWords(items) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** The characters of a string as a person counts them (an emoji is one, not two). */
function characters(text) {
  return [...text];
}
