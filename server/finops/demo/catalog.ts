// The demo world: a fictional company ("Acme") on AWS, Azure and Google Cloud. Names, categories, units and list
// prices follow what each provider's own FOCUS export contains, so questions asked of the demo read like real ones.

export type ProviderKey = "aws" | "azure" | "gcp";
export type AccountKind = "prod" | "staging" | "dev" | "shared" | "data";
/** always-on: flat every day; interactive: follows office days; batch: noisy, slightly lower at weekends. */
export type Workload = "always-on" | "interactive" | "batch";

export interface Provider {
  key: ProviderKey;
  /** FOCUS ProviderName / PublisherName as the provider's own export writes it. */
  name: string;
  invoiceIssuer: string;
  subAccountType: string;
  regions: readonly { id: string; name: string; zones: readonly string[] }[];
}

export const PROVIDERS: Readonly<Record<ProviderKey, Provider>> = {
  aws: {
    key: "aws",
    name: "AWS",
    invoiceIssuer: "Amazon Web Services, Inc.",
    subAccountType: "Account",
    regions: [
      { id: "us-east-1", name: "US East (N. Virginia)", zones: ["us-east-1a", "us-east-1b", "us-east-1c"] },
      { id: "us-west-2", name: "US West (Oregon)", zones: ["us-west-2a", "us-west-2b"] },
      { id: "eu-west-1", name: "Europe (Ireland)", zones: ["eu-west-1a", "eu-west-1b"] },
    ],
  },
  azure: {
    key: "azure",
    name: "Microsoft",
    invoiceIssuer: "Microsoft",
    subAccountType: "Subscription",
    regions: [
      { id: "eastus", name: "East US", zones: ["1", "2", "3"] },
      { id: "westeurope", name: "West Europe", zones: ["1", "2"] },
    ],
  },
  gcp: {
    key: "gcp",
    name: "Google Cloud",
    invoiceIssuer: "Google",
    subAccountType: "Project",
    regions: [
      { id: "us-central1", name: "Iowa", zones: ["us-central1-a", "us-central1-b", "us-central1-c"] },
      { id: "europe-west1", name: "Belgium", zones: ["europe-west1-b", "europe-west1-c"] },
    ],
  },
};

export interface BillingAccount {
  id: string;
  name: string;
  type: string;
  provider: ProviderKey;
  /** Negotiated discount off list (EDP, EA) in basis points: ContractedUnitPrice = ListUnitPrice * (1 - bp/10000). */
  negotiatedDiscountBp: number;
  /** Tax on the month's billed usage, basis points (0: no tax rows). */
  taxBp: number;
  invoicePrefix: string;
}

export interface SubAccount {
  id: string;
  name: string;
  kind: AccountKind;
  billingAccount: BillingAccount;
}

const billing = (b: BillingAccount) => b;
const AWS_MAIN = billing({ id: "418295730164", name: "Acme Corp", type: "Management Account", provider: "aws", negotiatedDiscountBp: 700, taxBp: 600, invoicePrefix: "EUINUS25" });
const AWS_LABS = billing({ id: "907163552408", name: "Acme Labs (acquired)", type: "Management Account", provider: "aws", negotiatedDiscountBp: 0, taxBp: 0, invoicePrefix: "EUINUS26" });
const AZURE_EA = billing({ id: "7f3c9a12-5b8e-4d21-9c6a-2e81f0b4d573", name: "Acme Enterprise Agreement", type: "Billing Profile", provider: "azure", negotiatedDiscountBp: 1200, taxBp: 0, invoicePrefix: "G0" });
const GCP_MAIN = billing({ id: "01A2B3-C4D5E6-F7A8B9", name: "Acme Google Cloud", type: "Billing Account", provider: "gcp", negotiatedDiscountBp: 0, taxBp: 800, invoicePrefix: "5" });
export const BILLING_ACCOUNTS: readonly BillingAccount[] = [AWS_MAIN, AWS_LABS, AZURE_EA, GCP_MAIN];

const sub = (id: string, name: string, kind: AccountKind, billingAccount: BillingAccount): SubAccount => ({ id, name, kind, billingAccount });
export const SUB_ACCOUNTS: readonly SubAccount[] = [
  sub("210987654321", "acme-prod", "prod", AWS_MAIN),
  sub("345678901234", "acme-staging", "staging", AWS_MAIN),
  sub("456789012345", "acme-dev", "dev", AWS_MAIN),
  sub("567890123456", "acme-shared-services", "shared", AWS_MAIN),
  sub("678901234567", "acme-data", "data", AWS_MAIN),
  sub("789012345678", "labs-dev", "dev", AWS_LABS),
  sub("890123456789", "labs-data", "data", AWS_LABS),
  sub("0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8", "sub-acme-prod", "prod", AZURE_EA),
  sub("1c2d3e4f-5061-4b72-9c83-a4b5c6d7e8f9", "sub-acme-staging", "staging", AZURE_EA),
  sub("2d3e4f50-6172-4c83-ad94-b5c6d7e8f90a", "sub-acme-dev", "dev", AZURE_EA),
  sub("3e4f5061-7283-4d94-bea5-c6d7e8f90a1b", "sub-acme-shared", "shared", AZURE_EA),
  sub("4f506172-8394-4ea5-8fb6-d7e8f90a1b2c", "sub-acme-data", "data", AZURE_EA),
  sub("acme-prod-381204", "acme-prod", "prod", GCP_MAIN),
  sub("acme-staging-381205", "acme-staging", "staging", GCP_MAIN),
  sub("acme-dev-381206", "acme-dev", "dev", GCP_MAIN),
  sub("acme-shared-381207", "acme-shared", "shared", GCP_MAIN),
  sub("acme-data-381208", "acme-data", "data", GCP_MAIN),
];

export interface SkuDef {
  /** Provider SKU / usage type; "{type}" is replaced by the instance type. */
  id: string;
  description: string;
  pricingUnit: string;
  consumedUnit: string;
  /** List price per pricing unit (decimal string); instance SKUs take the instance type's hourly price. */
  listPrice?: string;
  /** Daily quantity range of a new resource, in pricing units; instance SKUs run 24 hours. */
  dailyQuantity?: readonly [number, number];
  /** Weekend factor override for this SKU (e.g. NAT hours are flat while its traffic is not). */
  workload?: Workload;
}

export interface ServiceDef {
  key: string;
  provider: ProviderKey;
  name: string;
  category: string;
  subcategory: string;
  resourceType: string;
  workload: Workload;
  /** Instance families a resource of this service is sized from; such resources get utilisation rows. */
  families?: readonly string[];
  skus: readonly SkuDef[];
  /** Share of the scaled-out resources that belong to this service. */
  weight: number;
  /** A global service has no region (CloudFront). */
  global?: boolean;
}

const instanceSku = (id: string, description: string): SkuDef => ({ id, description, pricingUnit: "Hours", consumedUnit: "Hours" });
const usage = (id: string, description: string, unit: string, listPrice: string, dailyQuantity: [number, number], workload?: Workload): SkuDef =>
  ({ id, description, pricingUnit: unit, consumedUnit: unit, listPrice, dailyQuantity, ...(workload ? { workload } : {}) });

export const SERVICES: readonly ServiceDef[] = [
  // AWS
  { key: "ec2", provider: "aws", name: "Amazon Elastic Compute Cloud", category: "Compute", subcategory: "Virtual Machines", resourceType: "Instance", workload: "always-on", families: ["m6i", "c6i", "r6i"], skus: [instanceSku("BoxUsage:{type}", "Linux/UNIX On Demand {type} Instance Hour")], weight: 16 },
  { key: "s3", provider: "aws", name: "Amazon Simple Storage Service", category: "Storage", subcategory: "Object Storage", resourceType: "Bucket", workload: "always-on", skus: [usage("TimedStorage-ByteHrs", "S3 Standard storage", "GB-Mo", "0.023", [20, 4000]), usage("Requests-Tier1", "PUT, COPY, POST or LIST requests", "Requests", "0.000005", [50_000, 4_000_000], "interactive")], weight: 6 },
  { key: "rds", provider: "aws", name: "Amazon Relational Database Service", category: "Databases", subcategory: "Relational Databases", resourceType: "DB Instance", workload: "always-on", families: ["db.m6g", "db.r6g"], skus: [instanceSku("InstanceUsage:{type}", "RDS PostgreSQL {type} instance hour")], weight: 5 },
  { key: "lambda", provider: "aws", name: "AWS Lambda", category: "Compute", subcategory: "Serverless Compute", resourceType: "Function", workload: "interactive", skus: [usage("Lambda-GB-Second", "Lambda compute (GB-seconds)", "Lambda-GB-Second", "0.0000166667", [20_000, 2_000_000]), usage("Request", "Lambda requests", "Requests", "0.0000002", [200_000, 20_000_000])], weight: 4 },
  { key: "cloudfront", provider: "aws", name: "Amazon CloudFront", category: "Networking", subcategory: "Content Delivery", resourceType: "Distribution", workload: "interactive", skus: [usage("DataTransfer-Out-Bytes", "Data transfer out to the internet", "GB", "0.085", [40, 3000])], weight: 2, global: true },
  { key: "nat", provider: "aws", name: "Amazon Virtual Private Cloud", category: "Networking", subcategory: "Network Connectivity", resourceType: "NAT Gateway", workload: "always-on", skus: [usage("NatGateway-Hours", "NAT Gateway hour", "Hours", "0.045", [24, 24]), usage("NatGateway-Bytes", "NAT Gateway data processed", "GB", "0.045", [80, 2500], "interactive")], weight: 2 },
  { key: "bedrock", provider: "aws", name: "Amazon Bedrock", category: "AI and Machine Learning", subcategory: "Generative AI", resourceType: "Model Invocation", workload: "interactive", skus: [usage("Claude3.5Sonnet-input-tokens", "Anthropic Claude 3.5 Sonnet input tokens", "1K Tokens", "0.003", [8000, 120_000]), usage("Claude3.5Sonnet-output-tokens", "Anthropic Claude 3.5 Sonnet output tokens", "1K Tokens", "0.015", [1500, 25_000])], weight: 2 },
  { key: "redshift", provider: "aws", name: "Amazon Redshift", category: "Analytics", subcategory: "Data Warehouses", resourceType: "Cluster", workload: "always-on", skus: [usage("Node:ra3.xlplus", "Redshift ra3.xlplus node hour", "Hours", "1.086", [48, 96])], weight: 1 },
  { key: "dynamodb", provider: "aws", name: "Amazon DynamoDB", category: "Databases", subcategory: "NoSQL Databases", resourceType: "Table", workload: "interactive", skus: [usage("ReadRequestUnits", "DynamoDB on-demand read request units", "ReadRequestUnits", "0.00000025", [5_000_000, 400_000_000]), usage("WriteRequestUnits", "DynamoDB on-demand write request units", "WriteRequestUnits", "0.00000125", [1_000_000, 60_000_000])], weight: 3 },
  { key: "eks", provider: "aws", name: "Amazon Elastic Kubernetes Service", category: "Compute", subcategory: "Containers", resourceType: "Cluster", workload: "always-on", skus: [usage("AmazonEKS-Hours:perCluster", "EKS cluster hour", "Hours", "0.1", [24, 24])], weight: 1 },
  { key: "cloudwatch", provider: "aws", name: "Amazon CloudWatch", category: "Management and Governance", subcategory: "Observability", resourceType: "Log Group", workload: "interactive", skus: [usage("DataProcessing-Bytes", "CloudWatch Logs ingestion", "GB", "0.5", [4, 250])], weight: 2 },
  // Azure
  { key: "vm", provider: "azure", name: "Virtual Machines", category: "Compute", subcategory: "Virtual Machines", resourceType: "Virtual machine", workload: "always-on", families: ["Dsv5", "Esv5"], skus: [instanceSku("{type}", "{type} Linux virtual machine hour")], weight: 9 },
  { key: "blob", provider: "azure", name: "Azure Blob Storage", category: "Storage", subcategory: "Object Storage", resourceType: "Storage account", workload: "always-on", skus: [usage("Hot LRS Data Stored", "Hot LRS data stored", "GB-Mo", "0.0184", [20, 3000]), usage("Hot LRS Write Operations", "Hot LRS write operations", "10K Operations", "0.055", [20, 1500], "interactive")], weight: 4 },
  { key: "azuresql", provider: "azure", name: "Azure SQL Database", category: "Databases", subcategory: "Relational Databases", resourceType: "SQL database", workload: "always-on", families: ["GP_Gen5"], skus: [instanceSku("vCore:{type}", "SQL Database General Purpose {type} hour")], weight: 3 },
  { key: "aks", provider: "azure", name: "Azure Kubernetes Service", category: "Compute", subcategory: "Containers", resourceType: "Managed cluster", workload: "always-on", skus: [usage("Standard Uptime SLA", "AKS Standard tier cluster hour", "Hours", "0.1", [24, 24])], weight: 1 },
  { key: "openai", provider: "azure", name: "Azure OpenAI", category: "AI and Machine Learning", subcategory: "Generative AI", resourceType: "Cognitive Services account", workload: "interactive", skus: [usage("gpt-4o-input-global", "GPT-4o input tokens", "1K Tokens", "0.0025", [8000, 100_000]), usage("gpt-4o-output-global", "GPT-4o output tokens", "1K Tokens", "0.01", [1500, 20_000])], weight: 2 },
  { key: "synapse", provider: "azure", name: "Azure Synapse Analytics", category: "Analytics", subcategory: "Data Warehouses", resourceType: "SQL pool", workload: "batch", skus: [usage("DW100c", "Dedicated SQL pool DW100c hour", "Hours", "1.2", [12, 96])], weight: 1 },
  { key: "bandwidth", provider: "azure", name: "Bandwidth", category: "Networking", subcategory: "Network Connectivity", resourceType: "Bandwidth", workload: "interactive", skus: [usage("Standard Data Transfer Out", "Internet egress, zone 1", "GB", "0.087", [40, 2500])], weight: 1 },
  { key: "cosmos", provider: "azure", name: "Azure Cosmos DB", category: "Databases", subcategory: "NoSQL Databases", resourceType: "Cosmos DB account", workload: "always-on", skus: [usage("100 RU/s", "Provisioned throughput, 100 RU/s hour", "100 RU/s-Hours", "0.008", [96, 2400])], weight: 2 },
  { key: "monitor", provider: "azure", name: "Azure Monitor", category: "Management and Governance", subcategory: "Observability", resourceType: "Log Analytics workspace", workload: "interactive", skus: [usage("Analytics Logs Data Ingestion", "Log Analytics data ingestion", "GB", "2.3", [2, 80])], weight: 1 },
  // Google Cloud
  { key: "gce", provider: "gcp", name: "Compute Engine", category: "Compute", subcategory: "Virtual Machines", resourceType: "Instance", workload: "always-on", families: ["n2-standard", "e2-standard"], skus: [instanceSku("{type}", "{type} instance core and RAM running in Americas")], weight: 9 },
  { key: "gcs", provider: "gcp", name: "Cloud Storage", category: "Storage", subcategory: "Object Storage", resourceType: "Bucket", workload: "always-on", skus: [usage("Standard Storage US Multi-region", "Standard storage, US multi-region", "GiB-Mo", "0.026", [20, 3000]), usage("Multi-Region Standard Class A Operations", "Class A operations", "10K Operations", "0.1", [10, 800], "interactive")], weight: 4 },
  { key: "bigquery", provider: "gcp", name: "BigQuery", category: "Analytics", subcategory: "Data Warehouses", resourceType: "Dataset", workload: "interactive", skus: [usage("Analysis", "On-demand analysis", "TiB", "6.25", [0.3, 25]), usage("Active Logical Storage", "Active logical storage", "GiB-Mo", "0.02", [50, 20_000], "always-on")], weight: 3 },
  { key: "cloudsql", provider: "gcp", name: "Cloud SQL", category: "Databases", subcategory: "Relational Databases", resourceType: "Instance", workload: "always-on", families: ["db-custom"], skus: [instanceSku("{type}", "Cloud SQL for PostgreSQL {type} in Americas")], weight: 3 },
  { key: "vertex", provider: "gcp", name: "Vertex AI", category: "AI and Machine Learning", subcategory: "Generative AI", resourceType: "Endpoint", workload: "interactive", skus: [usage("Gemini 1.5 Pro Input", "Gemini 1.5 Pro input tokens", "1K Tokens", "0.00125", [10_000, 150_000]), usage("Gemini 1.5 Pro Output", "Gemini 1.5 Pro output tokens", "1K Tokens", "0.005", [2000, 30_000])], weight: 2 },
  { key: "gke", provider: "gcp", name: "Kubernetes Engine", category: "Compute", subcategory: "Containers", resourceType: "Cluster", workload: "always-on", skus: [usage("Cluster management fee", "GKE cluster management fee", "Hours", "0.1", [24, 24])], weight: 1 },
  { key: "cdn", provider: "gcp", name: "Cloud CDN", category: "Networking", subcategory: "Content Delivery", resourceType: "Backend service", workload: "interactive", skus: [usage("Cache Egress North America", "Cache egress to North America", "GiB", "0.08", [30, 2500])], weight: 2, global: true },
  { key: "cloudnat", provider: "gcp", name: "Cloud NAT", category: "Networking", subcategory: "Network Connectivity", resourceType: "NAT gateway", workload: "always-on", skus: [usage("NAT Gateway: Uptime", "Cloud NAT gateway uptime", "Hours", "0.044", [24, 24]), usage("NAT Gateway: Data processing", "Cloud NAT data processing", "GiB", "0.045", [40, 1500], "interactive")], weight: 1 },
  { key: "cloudrun", provider: "gcp", name: "Cloud Run", category: "Compute", subcategory: "Serverless Compute", resourceType: "Service", workload: "interactive", skus: [usage("CPU Allocation Time", "Cloud Run CPU allocation time (vCPU-seconds)", "vCPU-Seconds", "0.000024", [50_000, 3_000_000])], weight: 2 },
  { key: "logging", provider: "gcp", name: "Cloud Logging", category: "Management and Governance", subcategory: "Observability", resourceType: "Log bucket", workload: "interactive", skus: [usage("Log Storage", "Log ingestion and storage", "GiB", "0.5", [3, 150])], weight: 1 },
];

export const SERVICE_BY_KEY: ReadonlyMap<string, ServiceDef> = new Map(SERVICES.map((s) => [s.key, s]));

export function service(key: string): ServiceDef {
  const found = SERVICE_BY_KEY.get(key);
  if (!found) throw new Error(`unknown demo service ${key}`);
  return found;
}

// Tag vocabulary: which team owns which app, the cost centres, owners, and the placeholder values real tagging
// policies fight with.
export const APPS: readonly { app: string; team: string; costCenter: string }[] = [
  { app: "checkout", team: "commerce", costCenter: "CC-1010" },
  { app: "catalog", team: "commerce", costCenter: "CC-1010" },
  { app: "search", team: "growth", costCenter: "CC-1020" },
  { app: "payments", team: "commerce", costCenter: "CC-1011" },
  { app: "identity", team: "platform", costCenter: "CC-1030" },
  { app: "recommendations", team: "ml", costCenter: "CC-1040" },
  { app: "assistant", team: "ml", costCenter: "CC-1040" },
  { app: "data-lake", team: "data-platform", costCenter: "CC-1050" },
  { app: "reporting", team: "data-platform", costCenter: "CC-1050" },
  { app: "batch", team: "data-platform", costCenter: "CC-1051" },
  { app: "observability", team: "sre", costCenter: "CC-1060" },
  { app: "internal-tools", team: "platform", costCenter: "CC-1030" },
];
export const OWNERS = ["priya.shah", "marco.rossi", "li.wei", "amara.okafor", "jonas.berg", "sofia.garcia", "tom.nguyen"] as const;
export const TAG_PLACEHOLDERS = ["unknown", "n/a", "", "TBD"] as const;
/** Probability that a resource lacks each tag key entirely. */
export const TAG_MISSING_RATE: Readonly<Record<string, number>> = { team: 0.14, env: 0.08, app: 0.1, "cost-center": 0.28, owner: 0.35 };
export const TAG_PLACEHOLDER_RATE = 0.06;
export const ENV_SPELLINGS: Readonly<Record<AccountKind, readonly string[]>> = {
  prod: ["prod", "prod", "prod", "production"],
  staging: ["staging", "staging", "stage"],
  dev: ["dev", "dev", "development"],
  shared: ["shared"],
  data: ["prod", "data"],
};
