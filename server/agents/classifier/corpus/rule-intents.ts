// Hand-written evaluation examples for the rule-decided intents. They are never used to train the model.

/** Nothing to act on without prior context: the agent must ask which period and which costs. */
export const clarificationNeeded: string[] = [
  "help",
  "what about it?",
  "costs?",
  "hmm",
  "tell me more",
  "and?",
  "can you check",
  "is that good?",
  "what do you think",
  "numbers please",
  "show me",
  "ok",
  "why?",
  "data",
  "?",
  "something looks off",
  "that one",
  "the thing from before",
];

/** Two or more distinct asks in one message. */
export const multiIntent: string[] = [
  "What did we spend on EC2 last month, and also what's our forecast for December?",
  "show untagged resources; which ec2 instances should we rightsize",
  "what's our RI coverage and then how much could we save overall?",
  "break down our costs by service plus are we on track with our budget this month",
  "why did the bill jump last week? how much will we spend next month?",
  "compare this month's spend to last month and what about idle resources?",
  "how much does each team spend and also which resources are untagged",
  "what is amortized cost? and how much did we spend on azure in october?",
  "spot instance savings this month; RI utilization last month",
  "forecast end of year cloud costs and also budget vs actual for october",
  "which vms are underutilized and then how much could we save on them",
  "what are our top 5 services by cost? any cost anomalies in the last 30 days?",
];
