// Data transfer in a FOCUS export. FOCUS has no column that says "data transfer": each provider bills it under the
// service that moved the data (EC2, S3, CloudFront, a VM, a bucket), and names it in SkuId or ChargeDescription:
// - AWS usage types (https://docs.aws.amazon.com/cur/latest/userguide/product-columns.html, "usageType"):
//   "DataTransfer-Out-Bytes" (to the internet), "DataTransfer-In-Bytes", "DataTransfer-Regional-Bytes" (between
//   zones), "USE1-USW2-AWS-Out-Bytes" (between regions), CloudFront's "DataTransfer-Out-Bytes" by edge location.
// - Azure bandwidth meters (https://azure.microsoft.com/pricing/details/bandwidth/): "Standard Data Transfer Out"
//   (internet egress, by zone), "Inter-Region Data Transfer Out", "Intra Continent Data Transfer Out".
// - Google Cloud network SKUs (https://cloud.google.com/vpc/network-pricing): "Network Internet Egress from Americas
//   to Americas", "Network Inter Region Egress", "Network Inter Zone Egress", Cloud CDN's "Cache Egress".
// NAT gateway processing ("NatGateway-Bytes") and load balancer capacity are networking charges, not data transfer.
// Written once for PostgreSQL's `~*` and JavaScript's RegExp with the i flag, which read these patterns alike.

/** Any data transfer: out to the internet, between regions or zones, or in. */
export const DATA_TRANSFER_PATTERN = [
  String.raw`data ?transfer`,
  String.raw`egress`,
  String.raw`-(?:out|in|regional)-bytes`,
  String.raw`inter-?(?:region|zone)`,
].join("|");

/** The data transfer that leaves the cloud for the internet (within DATA_TRANSFER_PATTERN, minus INTERNAL_TRANSFER). */
export const INTERNET_TRANSFER_PATTERN = [
  String.raw`internet`,
  String.raw`(?:^|[^a-z0-9])datatransfer-out-bytes`,
  String.raw`data transfer out`,
  String.raw`cache egress`,
].join("|");

/** Transfer that stays within the provider's network: between regions, zones or continents, or to another service. */
export const INTERNAL_TRANSFER_PATTERN = [
  String.raw`inter[- ]?(?:region|zone)`,
  String.raw`intra[- ]?(?:continent|region)`,
  String.raw`-aws-(?:out|in)-bytes`,
  String.raw`regional-bytes`,
].join("|");

/** "all" data transfer, only what went out to the "internet", or only what stayed "internal" (between regions or zones). */
export const DATA_TRANSFER_SCOPES = ["all", "internet", "internal"] as const;
export type DataTransferScope = (typeof DATA_TRANSFER_SCOPES)[number];

/** The data transfer a scope stands for, as the answers name it. */
export const DATA_TRANSFER_NAMES: Record<DataTransferScope, string> = {
  all: "data transfer",
  internet: "data transfer out to the internet",
  internal: "data transfer between regions or zones",
};

const patternOf = (source: string) => new RegExp(source, "i");
const ANY = patternOf(DATA_TRANSFER_PATTERN);
const INTERNET = patternOf(INTERNET_TRANSFER_PATTERN);
const INTERNAL = patternOf(INTERNAL_TRANSFER_PATTERN);

/** Whether a charge's SkuId and ChargeDescription (joined by a space) name data transfer of that scope. */
export function namesDataTransfer(text: string, scope: DataTransferScope): boolean {
  if (!ANY.test(text)) return false;
  if (scope === "internal") return INTERNAL.test(text);
  return scope === "all" || (INTERNET.test(text) && !INTERNAL.test(text));
}

/**
 * The SQL condition namesDataTransfer stands for, on a line item aliased `alias`; `param` adds a value as a query
 * parameter and gives its placeholder.
 */
export function dataTransferSql(alias: string, scope: DataTransferScope, param: (value: string) => string): string {
  const text = `concat_ws(' ', ${alias}.sku_id, ${alias}.charge_description)`;
  const any = `${text} ~* ${param(DATA_TRANSFER_PATTERN)}`;
  if (scope === "all") return `(${any})`;
  if (scope === "internal") return `(${any} AND ${text} ~* ${param(INTERNAL_TRANSFER_PATTERN)})`;
  return `(${any} AND ${text} ~* ${param(INTERNET_TRANSFER_PATTERN)} AND ${text} !~* ${param(INTERNAL_TRANSFER_PATTERN)})`;
}

/** How the answer says what "data transfer" was taken to mean. */
export function dataTransferDefinition(scope: DataTransferScope): string {
  const what =
    scope === "internet"
      ? "Data transfer out to the internet is read from each charge's SkuId and ChargeDescription: AWS DataTransfer-Out-Bytes, " +
        "Azure Data Transfer Out, Google Cloud Internet Egress and CDN cache egress, whatever service billed it; transfer between regions or zones is not counted."
      : scope === "internal"
      ? "Data transfer between regions or zones is read from each charge's SkuId and ChargeDescription: AWS inter-region (USE1-USW2-AWS-Out-Bytes) " +
        "and regional (DataTransfer-Regional-Bytes) bytes, Azure Inter-Region and Intra Continent Data Transfer Out, Google Cloud Inter Region and " +
        "Inter Zone Egress, whatever service billed it; transfer out to the internet is not counted."
      : "Data transfer is read from each charge's SkuId and ChargeDescription (data transfer, egress, inter-region or inter-zone bytes), " +
        "whatever service billed it.";
  return `${what} NAT gateway processing and load balancers are networking, not data transfer: ask about networking for all of it.`;
}
