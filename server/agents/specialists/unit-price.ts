// How a unit price reads: per its FOCUS PricingUnit, and per million when a unit is priced below a cent.
import { formatMoney, formatUnitPrice, plural } from "../answer.ts";

/** "Requests" → "Request", "vCPU-Seconds" → "vCPU-Second", "1K Tokens" → "1K Token"; "RU/s", "GiB" stay. */
export const singular = (unit: string) => (/[A-Za-z]{3}s$/.test(unit) ? unit.slice(0, -1) : unit);

/** A unit price as a cell reads it: "$0.000004746 ($4.75 per million Requests)". */
export const unitPriceText = (unitCost: string, pricingUnit: string, currency: string) => `${formatUnitPrice(unitCost, currency)}${perMillion(unitCost, pricingUnit, currency)}`;
/** A unit price leading an answer: "**$0.000004746 per Request** ($4.75 per million Requests)". */
export const unitPriceLead = (unitCost: string, pricingUnit: string, currency: string) =>
  `**${formatUnitPrice(unitCost, currency)} per ${singular(pricingUnit)}**${perMillion(unitCost, pricingUnit, currency)}`;

/**
 * " ($0.19 per million requests)" beside a unit price below a cent: requests, invocations and API calls are priced
 * and read per million (Lambda's list price is per 1M requests), not at seven decimal places. "" otherwise.
 */
export function perMillion(unitCost: string | number, pricingUnit: string, currency: string): string {
  // A unit of many ("1K Tokens", "10K Operations") is read per million of the things it counts.
  const counted = /^(\d+(?:\.\d+)?)\s*([KkM])?\s+(\S.*)$/.exec(pricingUnit);
  const per = counted ? Number(counted[1]) * (counted[2] === "M" ? 1e6 : counted[2] ? 1e3 : 1) : 1;
  const price = Number(unitCost);
  if (!(Math.abs(price) > 0 && Math.abs(price) < 0.01) || !(per > 0) || per >= 1e6) return "";
  return ` (${formatMoney((price / per) * 1e6, currency)} per million ${plural(singular(counted ? counted[3]! : pricingUnit), 2)})`;
}
