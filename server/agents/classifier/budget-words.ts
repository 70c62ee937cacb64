// Words that ask which things have a budget, rather than how the budgets are doing: "which accounts have no budget?",
// "teams without a budget", "is all our spend covered by a budget?", "unbudgeted spend".

/** A question about budget coverage. Lower- or mixed-case text. */
export const BUDGET_COVERAGE = new RegExp(
  [
    String.raw`\bunbudgeted\b`,
    String.raw`\bbudget coverage\b`,
    // "no budget", "without a budget", "lacking budgets"; not "no budget left" (that one asks how much remains).
    String.raw`\b(?:no|without|lacks?|lacking|missing)(?: an?| any)? budgets?\b(?!\s+(?:left|remaining))`,
    // "don't have a budget", "aren't covered by any budget", "isn't in a budget"
    String.raw`(?:\bnot|n't)\s+(?:\w+\s+)?(?:covered by|in|under|have|got)(?: an?| any)? budgets?\b`,
    // "do all our subscriptions have budgets?", "does every team have its own budget?"
    String.raw`\b(?:all|every|each)\b[^.?!]*\b(?:have|has|got)(?: an?| any| (?:their|its) own)? budgets?\b`,
    // "covered by a budget", "how much of our spend is covered by budgets?", "spend under a budget".
    // Not "are we under budget?" (how the budgets are doing).
    String.raw`\bcovered by(?: an?| any| our)? budgets?\b|\bunder (?:an?|any) budgets?\b`,
  ].join("|"),
  "i",
);
