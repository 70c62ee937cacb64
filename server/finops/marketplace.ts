// Marketplace purchases in a FOCUS export. FOCUS names who sold a charge (ProviderName: AWS, Microsoft, Google Cloud)
// and who made what was sold (PublisherName). The cloud's own services carry the cloud, or one of its companies, as
// publisher ("AWS", "Amazon Web Services EMEA SARL", "Microsoft Corporation", "Google LLC"); software and services
// bought through AWS Marketplace, Azure Marketplace or Google Cloud Marketplace carry the third party that made them
// ("Datadog, Inc.", "Snowflake Inc."). FOCUS 1.2 spec, PublisherName: "the entity that produced the resources or
// services that were purchased"; its examples name marketplace sellers.
//
// Written once for both places it runs: PostgreSQL's `~*` and JavaScript's RegExp with the i flag read it alike.

/** The clouds' own publisher names: the name and the companies behind it, at the start of PublisherName. */
export const FIRST_PARTY_PUBLISHER_PATTERN = "^(?:aws|amazon|microsoft|azure|google|gcp)(?:[^a-z0-9]|$)";

const FIRST_PARTY = new RegExp(FIRST_PARTY_PUBLISHER_PATTERN, "i");

/** Whether a charge with this provider and publisher was bought from a third party through the cloud's marketplace. */
export function isMarketplace(providerName: string, publisherName: string | null): boolean {
  if (!publisherName) return false;
  return publisherName.trim().toLowerCase() !== providerName.trim().toLowerCase() && !FIRST_PARTY.test(publisherName.trim());
}

/** The SQL condition isMarketplace is, on a line item alias (a parameter holds the pattern). */
export function marketplaceSql(alias: string, param: (value: unknown) => string): string {
  return (
    `(${alias}.publisher_name IS NOT NULL AND lower(btrim(${alias}.publisher_name)) <> lower(btrim(${alias}.provider_name)) ` +
    `AND btrim(${alias}.publisher_name) !~* ${param(FIRST_PARTY_PUBLISHER_PATTERN)})`
  );
}

/** How the answer says what "marketplace" was taken to mean. */
export const MARKETPLACE_DEFINITION =
  "Marketplace purchases are the charges whose FOCUS PublisherName is a third party rather than the cloud itself " +
  "(AWS, Microsoft, Google): software and services bought through AWS Marketplace, Azure Marketplace or Google Cloud Marketplace.";
