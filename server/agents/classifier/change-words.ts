// One vocabulary of change words ("grew", "dropped", "went up"), composed into the patterns the classifier, the cost
// specialist and the supervisor read changes by. Patterns without the i flag expect lower-cased text.

const RISE = String.raw`gr[eo]w\w*|rose|ris(?:e|en|es|ing)|increas\w*|jump\w*|spik\w*|doubl\w*`;
const FALL_WORD = String.raw`drop\w*|fell|fall\w*|decreas\w*|declin\w*|shr[aiu]nk\w*`;
const WENT_UP = String.raw`(?:go(?:ne)?|went|is|are|was|were|'s)\s+up`;
const WENT_DOWN = String.raw`(?:go(?:ne)?|going|went|is|are|was|were|'s)\s+down`;

/** A change of any kind, or a comparison: "grew", "dropped", "up", "changed", "vs" (an amount threshold without one is about the cost itself). */
export const CHANGE = new RegExp(String.raw`\b(?:${RISE}|${FALL_WORD}|up|chang\w*|compar\w*|vs\.?|versus)\b`);

/** A fall: "dropped", "went down", "down by", "cheaper". */
export const FALL = new RegExp(String.raw`\b(?:${FALL_WORD}|reduc\w*|cheaper)\b|\b${WENT_DOWN}\b|\bdown\s+(?:by|more|over)\b`);

/** A change's period named: "month over month", "YoY", "weekly". */
const PERIOD_OVER_PERIOD = String.raw`(?:(?:day|week|month|quarter|year)[- ]over[- ](?:day|week|month|quarter|year)|dod|wow|mom|qoq|yoy|daily|weekly|monthly|quarterly|yearly|annual)`;

/** What grew (or fell) the most: "which accounts grew the most?", "fastest growing", "the biggest (top 5) increases". */
export const GROWTH = new RegExp(
  String.raw`\b(?:grew|grown|growing|grow|increased|increase|rose|rise|jumped|spiked|dropped|fell|decreased|shrank|went up|go up|changed|moved)\b.*\b(?:most|least|fastest|slowest|quickest|faster|slower)\b` +
    String.raw`|\b(?:fastest|slowest)[- ](?:growing|rising|shrinking)\b` +
    // "The biggest month over month increase", "the largest YoY jump": the comparison's name between the two.
    String.raw`|\b(?:biggest|largest|highest|greatest)\s+(?:(?:absolute|relative|percentage|dollar|overall|total|${PERIOD_OVER_PERIOD})\s+)?(?:(?:cost|spend|spending|bill)\s+)?(?:increases?|jumps?|growth|drops?|decreases?)\b` +
    // "The top 5 cost increases", "top movers".
    String.raw`|\btop\s+(?:\d+\s+|five\s+|ten\s+)?(?:(?:cost|spend|spending|bill)\s+)?(?:increases|jumps|drops|decreases|movers)\b` +
    // "The top 5 services by cost growth", "rank accounts by growth" (not "spend in growth", a team named so).
    String.raw`|\b(?:top|rank\w*|sort\w*|order\w*)\b.*\bby\s+(?:(?:cost|spend|spending)\s+)?growth\b|\bby\s+(?:cost|spend|spending)\s+growth\b`,
);

/**
 * Which values moved one way, with no ranking asked: "which services dropped last month?", "what accounts went up?",
 * "which teams got cheaper?" (GROWTH reads "the most", "fastest").
 */
export const WHICH_MOVED = new RegExp(
  String.raw`\b(?:which|what)\s+(?:of\s+(?:our|the|my)\s+)?(?:[a-z0-9'-]+\s+){0,3}?(?:(?:have|has|had)\s+)?` +
    String.raw`(?:grew|grown|rose|risen|increased|jumped|doubled|dropped|fell|fallen|decreased|declined|shrank|shrunk|(?:went|gone)\s+(?:up|down)|` +
    String.raw`(?:got|gotten|became|become)\s+(?:cheaper|more\s+expensive|pricier|costlier))\b(?![^?.!]*\b(?:most|least|fastest|slowest|quickest)\b)`,
);

/** A rise named: "grew", "went up" (a change asked about that way, not either way). */
export const CHANGE_RISE = new RegExp(String.raw`\b(?:${RISE}|${WENT_UP})\b`, "i");

/** Which way a question about change looks: rises, falls, or either. */
export type Way = "up" | "down" | "either";

/**
 * The way a question asks a change to go: a fall named ("which services dropped?") is down, a rise alone up, both
 * or "changed"/"moved" either; with no way said, `otherwise` (a ranking "by growth" looks up, unit prices either).
 */
export function wayAsked(question: string, otherwise: Way): Way {
  const [falls, rises] = [FALL.test(question.toLowerCase()), CHANGE_RISE.test(question)];
  if (falls !== rises) return falls ? "down" : "up";
  return falls || /\b(?:changed|moved)\b/i.test(question) ? "either" : otherwise;
}

/** How much spend moved from a month named to now: "how much did our bill increase since June?". */
export const CHANGE_SINCE = new RegExp(String.raw`\b(?:${RISE}|${FALL_WORD}|${WENT_UP}|${WENT_DOWN}|chang\w*|mov\w*)\s+since\b`);

/** How much spend moved over a period: "how much did our AI spend grow this year?", "did costs go up this year?". */
export const CHANGE_OVER = new RegExp(String.raw`\b(?:how much|did|has|have)\b.*\b(?:${RISE}|${FALL_WORD}|${WENT_UP}|${WENT_DOWN}|go(?:ne)?\s+(?:up|down))\b`);

/** Change ranked by percentage rather than amount: "fastest growing", "growth rate". */
export const RELATIVE_CHANGE = /\b(?:fastest|quickest|slowest)\b|\b(?:percent(?:age)?|relative)\s+(?:growth|change|increase|decrease)\b|\bgrowth rates?\b/;

const WHY = String.raw`\b(?:why|how come|what(?:'s| is| are)? driv\w*|what drove|what caused|what(?:'s| is) behind|explain|reasons? for)\b`;
const UP = String.raw`${WENT_UP}|${RISE}|higher|so high|(?:so|this|that)\s+(?:expensive|costly)`;
const DOWN = String.raw`${FALL_WORD}|${WENT_DOWN}|lower`;

/** An ask to explain a change: "why did S3 go up?", "what caused the drop?", "how come costs are higher?". */
export const WHY_CHANGE = new RegExp(String.raw`${WHY}.*\b(?:${UP}|chang\w*|${DOWN})\b`, "i");

/**
 * Asks why cost rose ("why did it go up?", "what caused the spike?"), or fell: a premise the answer can check. Only
 * read where the question is already about a change ("why is a savings plan cheaper?" is not one).
 */
export const WHY_RISE = new RegExp(String.raw`${WHY}.*\b(?:${UP}|more expensive)\b`, "i");
export const WHY_FALL = new RegExp(String.raw`${WHY}.*\b(?:${DOWN}|cheaper)\b`, "i");

/** "What happened with the NAT gateway costs in October?": an ask to explain the period, as a why-question is. */
export const WHAT_HAPPENED = /\bwhat(?:'s| has| have)?\s+(?:happened|been happening|going on|went on)\s+(?:with|to|in)\b/i;

/** Asks how the cost changed: "how has our AWS bill changed?", "how did spend change this year?", "what changed this week?". */
export const HOW_CHANGED =
  /\bhow (?:much )?(?:has|have|did|does|do|is|are)\b[^.?!]*\bchang(?:e|ed|es|ing)\b(?!\s+(?:management|requests?|control|logs?|sets?|tracking|data|feeds?|streams?)\b)|\bwhat(?:'s| has| have)?\s+changed\b|\bwhat(?:'s| is) different\b/i;

/** Asks how far spend moved ("how much did our GCP bill go up in October?", "how much did EC2 drop?"): a change. */
export const HOW_MUCH_MOVED =
  /\bhow much (?:did|has|have|does|do|is|are)\b[^.?!]*\b(?:go(?:ne)? up|go(?:ne)? down|going (?:up|down)|rise|rose|risen|increase|increased|jump|jumped|drop|dropped|fall|fell|fallen|decrease|decreased)\b/i;

/** Which of two costs more: "what costs more, S3 or GCS?", "which is cheaper, AWS or Azure?". */
export const WHICH_COSTS_MORE = /\b(?:what|which)\b[^.?!]*\b(?:costs?\s+(?:more|less)|more expensive|less expensive|cheaper|pricier|costlier|bigger|larger)\b[^.?!]*\bor\b/i;
