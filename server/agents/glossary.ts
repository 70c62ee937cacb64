// FinOps terms, so "what is a savings plan?" gets an answer without a language model. Definitions are written for
// this product from the sources named on each entry (the FinOps Foundation framework and KPI library, the FOCUS
// specification's column definitions, the providers' documentation); where a term is one of this product's
// computations, the entry says how it computes it.

import { ANOMALY_DEFAULTS } from "../finops/analytics/anomalies.ts";
import { RIGHTSIZING_CRITERIA } from "../finops/analytics/rightsizing.ts";
import { SAVINGS_DEFINITIONS } from "../finops/analytics/savings.ts";

export interface GlossaryEntry {
  term: string;
  /** Matched against the lower-cased question. */
  pattern: RegExp;
  definition: string;
  source: string;
  /** A question about the user's own data that the term leads to. */
  askNext: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    term: "FOCUS",
    pattern: /\bfocus\b|finops open cost/,
    definition:
      "The FinOps Open Cost and Usage Specification: one column layout for billing data from every cloud and SaaS " +
      "provider (BilledCost, EffectiveCost, ListCost, ContractedCost, ServiceName, ChargeCategory, Tags…), so the " +
      "same query answers the same question for AWS, Azure and Google Cloud. This product stores and analyses FOCUS " +
      "1.0–1.2 exports.",
    source: "FOCUS specification, focus.finops.org",
    askNext: "What did we spend last month by provider?",
  },
  {
    term: "FinOps",
    pattern: /\bfinops\b(?! open)/,
    definition:
      "An operational framework and cultural practice for getting the most business value from cloud: engineering, " +
      "finance and business teams share timely cost data, own their spend, and decide trade-offs between speed, cost " +
      "and quality together. Its work runs in three phases: Inform (visibility and allocation), Optimize (rates and " +
      "usage) and Operate (continuous improvement).",
    source: "FinOps Foundation, FinOps Framework",
    askNext: "Give me a report for last month",
  },
  {
    term: "Effective savings rate (ESR)",
    pattern: /\beffective savings rate\b|\besr\b/,
    definition:
      "The share of the on-demand price you did not pay thanks to discounts and commitments. This product computes " +
      `it on usage charges as ${SAVINGS_DEFINITIONS.totalSavings} over ListCost: ListCost is the on-demand equivalent ` +
      `and EffectiveCost the amortised spend. It splits into negotiated savings (${SAVINGS_DEFINITIONS.negotiatedSavings}) ` +
      `and commitment savings (${SAVINGS_DEFINITIONS.commitmentSavings}).`,
    source: "FinOps Foundation KPI library, Effective Savings Rate",
    askNext: "What was our effective savings rate last month?",
  },
  {
    term: "Savings plan",
    pattern: /\bsavings? plans?\b/,
    definition:
      "A commitment to spend a fixed amount per hour (for example $10/hour) on compute for one or three years, in " +
      "exchange for a discount on the usage it covers. Unlike a reservation it is not tied to one instance type: AWS " +
      "Compute Savings Plans and the Azure savings plan for compute apply across families and regions. Hours the " +
      "commitment is not used are still paid for, so size it to your steady baseline.",
    source: "AWS Savings Plans and Azure savings plan for compute documentation",
    askNext: "How well are our commitments utilised?",
  },
  {
    term: "Reservation (reserved instance)",
    pattern: /\breserv(?:ed instances?|ations?)\b|\bris?\b/,
    definition:
      "A commitment to a specific resource type (an instance family, size and region, or a database engine) for one " +
      "or three years, billed whether used or not, at a discount to on-demand. In FOCUS its charges carry " +
      "CommitmentDiscountType, CommitmentDiscountId and CommitmentDiscountStatus (Used or Unused).",
    source: "FOCUS specification (commitment discount columns); AWS, Azure reservation documentation",
    askNext: "How well are our reserved instances utilised?",
  },
  {
    term: "Committed use discount (CUD)",
    pattern: /\bcommitted use discounts?\b|\bcuds?\b/,
    definition:
      "Google Cloud's commitment discounts: resource-based CUDs commit to vCPUs and memory in a region, flexible " +
      "(spend-based) CUDs to an hourly amount across services, for one or three years.",
    source: "Google Cloud committed use discounts documentation",
    askNext: "How well are our commitments utilised?",
  },
  {
    term: "Commitment utilisation and coverage",
    pattern: /\butili[sz]ation\b|\bcoverage\b(?! of tags| for tags)/,
    definition:
      "Utilisation is how much of what you committed to was used (used ÷ (used + unused)); unused commitment is money " +
      "spent for nothing. Coverage is how much of the usage that could be discounted was covered by commitments; the " +
      "rest ran at on-demand rates. The FinOps target is high utilisation first, then coverage raised gradually.",
    source: "FinOps Foundation, Rate Optimization capability",
    askNext: "How well are our commitments utilised?",
  },
  {
    term: "Billed, effective, list and contracted cost",
    pattern: /\b(?:billed|effective|list|contracted|amorti[sz]ed)\s+cost\b|\bamorti[sz](?:ed|ation)\b/,
    definition:
      "The four FOCUS cost columns. BilledCost is what the invoice charges for a row (an upfront commitment fee " +
      "appears once, as a purchase). EffectiveCost is the amortised cost: commitment fees spread over the usage they " +
      "cover, so it shows what each resource really cost. ListCost is the same usage at public on-demand prices; " +
      "ContractedCost at your negotiated prices before commitments. This product answers in EffectiveCost unless you " +
      "ask for another.",
    source: "FOCUS specification, cost columns",
    askNext: "What did we spend last month by service?",
  },
  {
    term: "Charge category",
    pattern: /\bcharge categor(?:y|ies)\b/,
    definition:
      "The FOCUS ChargeCategory column says what kind of charge a row is: Usage (consumption), Purchase (a " +
      "commitment or one-off buy), Tax, Credit (negative amounts) or Adjustment.",
    source: "FOCUS specification, ChargeCategory",
    askNext: "Show last month's billed cost by charge category",
  },
  {
    term: "Rightsizing",
    pattern: /\bright-?si[sz](?:e|ing)\b|\bdownsiz/,
    definition:
      "Matching a resource's size to its measured use. This product's criteria: " +
      `${RIGHTSIZING_CRITERIA["terminate-idle"]} ${RIGHTSIZING_CRITERIA.downsize}`,
    source: "AWS Compute Optimizer, Azure Advisor, FinOps Foundation Workload Optimization",
    askNext: "Which resources should we rightsize?",
  },
  {
    term: "Spot instances",
    pattern: /\bspot\b|\bpreemptible\b/,
    definition:
      "Spare capacity sold at a deep discount (often 60–90% off on-demand) that the provider can reclaim at short " +
      "notice. It suits stateless, batch, CI and dev workloads that tolerate interruption (AWS Spot, Azure Spot VMs, " +
      "Google Cloud Spot VMs).",
    source: "AWS, Azure and Google Cloud spot documentation",
    askNext: "Which workloads could run on spot?",
  },
  {
    term: "Showback and chargeback",
    pattern: /\bshowback\b|\bchargeback\b|\bcost allocation\b/,
    definition:
      "Cost allocation assigns each cost to the team, product or cost centre responsible, usually by tags. Showback " +
      "reports those costs to the teams; chargeback also bills them internally. Untagged and shared costs are shown " +
      "as unallocated or split evenly or in proportion to each team's direct spend.",
    source: "FinOps Foundation, Allocation and Invoicing & Chargeback capabilities",
    askNext: "Show cost by team for last month",
  },
  {
    term: "Tagging and tag coverage",
    pattern: /\btag(?:s|ging)?\b|\blabels?\b/,
    definition:
      "Tags (labels on Google Cloud) are key=value pairs on resources, such as team=data, that let costs be " +
      "allocated. Tag coverage is the share of cost (or of resources) carrying a real value for a key; this product " +
      "counts placeholders such as \"unknown\" or \"n/a\" as untagged. FinOps practice aims for 80%+ allocatable spend.",
    source: "FinOps Foundation, Allocation capability",
    askNext: "Tag coverage for team",
  },
  {
    term: "Cost anomaly",
    pattern: /\banomal(?:y|ies)\b/,
    definition:
      "Spend that departs from its usual pattern. This product compares each day with the same weekday over the " +
      `previous ${ANOMALY_DEFAULTS.baselineDays / 7} weeks and flags it when it is above the Tukey fence ` +
      `(k = ${ANOMALY_DEFAULTS.fenceK}) of those residuals and at least ${ANOMALY_DEFAULTS.minDailyCost} (in the ` +
      `billing currency) and ${ANOMALY_DEFAULTS.minPercent}% above expected, so normal weekend dips are not flagged.`,
    source: "FinOps Foundation, Anomaly Management capability; AWS Cost Anomaly Detection",
    askNext: "Any cost anomalies in the last 30 days?",
  },
  {
    term: "Unit economics",
    pattern: /\bunit (?:economics|costs?)\b/,
    definition:
      "Cloud cost per unit of business value — per customer, order, request or GB processed — so growth and " +
      "efficiency can be told apart: total spend may rise while cost per order falls.",
    source: "FinOps Foundation, Unit Economics capability",
    askNext: "How did this month compare to last month?",
  },
  {
    term: "Forecast accuracy (MAPE)",
    pattern: /\bmape\b|\bforecast(?:ing)? (?:accuracy|error)\b/,
    definition:
      "Mean absolute percentage error: the average of |actual − forecast| ÷ actual. This product reports it by " +
      "fitting its forecast without the last two complete months and comparing with what was actually spent.",
    source: "FinOps Foundation, Forecasting capability",
    askNext: "Forecast our spend for the next 3 months",
  },
  {
    term: "Budget burn rate",
    pattern: /\bburn rate\b|\bbudgets?\b/,
    definition:
      "How fast a budget is being spent: spend so far ÷ days elapsed. Multiplied by the days in the period it " +
      "projects the period's total, and the day that projection crosses the budget is the forecasted overrun date.",
    source: "FinOps Foundation, Budgeting capability",
    askNext: "Are we on track with our budgets?",
  },
  {
    term: "Idle and orphaned resources",
    pattern: /\bidle\b|\borphan(?:ed)?\b|\bunattached\b|\bzombie\b/,
    definition:
      "Idle resources run but do no work (an instance near 0% CPU for weeks); orphaned ones are left behind by " +
      "something deleted (unattached disks, old snapshots, unused IPs). Both cost money for nothing and are usually " +
      "the quickest savings.",
    source: "AWS Trusted Advisor, Azure Advisor, FinOps Foundation Workload Optimization",
    askNext: "Which resources should we rightsize?",
  },
];

// Asking what something is, not asking about the data: "what is a savings plan", "define ESR", "explain amortized
// cost", "how does a savings plan work", "difference between billed and effective cost".
const DEFINITION_QUESTION =
  /^(?:(?:so|and|ok|okay|hey|hi),?\s+)?(?:what(?:'s| is| are| does)\b(?!\s+(?:our|my|the (?:total|cost|spend)|we)\b)|define\b|definition\b|meaning of\b|explain\b|how (?:does|do|is|are)\b.*\b(?:work|calculat|comput|defin|measur)\w*|(?:what is the )?difference between\b)/;

/** The glossary entry a definition question asks about, or null when the question is about the data. */
export function lookUpTerm(question: string): GlossaryEntry | null {
  const text = question.toLowerCase().replace(/[’']/g, "'").trim();
  if (!DEFINITION_QUESTION.test(text)) return null;
  let best: { entry: GlossaryEntry; at: number } | null = null;
  for (const entry of GLOSSARY) {
    const match = entry.pattern.exec(text);
    if (match && (!best || match.index < best.at)) best = { entry, at: match.index };
  }
  return best?.entry ?? null;
}
