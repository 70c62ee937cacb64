// The names people use for providers, services, regions and categories, mapped to FOCUS values.

export const PROVIDERS = {
  AWS: /\b(aws|amazon( web services)?)\b/,
  Microsoft: /\b(azure|microsoft)\b/,
  "Google Cloud": /\b(gcp|google( cloud)?)\b/,
} as const;
export type ProviderName = keyof typeof PROVIDERS;

/** Services that do the same job on each cloud, so "and for Azure?" after an EC2 question means Azure VMs. */
export type ServiceRole = "virtual-machines" | "object-storage" | "sql" | "kubernetes" | "containers" | "generative-ai" | "warehouse" | "observability" | "nat" | "cdn";

export interface ServiceEntry {
  /** FOCUS ServiceName. */
  name: string;
  provider: ProviderName;
  category: string;
  /** What people type; matched whole-word, case-insensitive. */
  synonyms: RegExp;
  role?: ServiceRole;
  networking?: boolean;
  /** Generic words ("VMs") count as this service only when the provider is named too. */
  needsProvider?: boolean;
  /**
   * A name that is also a kind of service ("cloud storage"): it is this service when its provider or another service
   * doing the same job is named too ("S3 or Cloud Storage"), and the kind otherwise.
   */
  sharedName?: RegExp;
}

export const SERVICES: ServiceEntry[] = [
  { name: "Amazon Elastic Compute Cloud", provider: "AWS", category: "Compute", role: "virtual-machines", synonyms: /\b(ec2|elastic compute cloud)\b/ },
  { name: "Amazon Simple Storage Service", provider: "AWS", category: "Storage", role: "object-storage", synonyms: /\b(s3|simple storage service)\b/ },
  { name: "Amazon Relational Database Service", provider: "AWS", category: "Databases", role: "sql", synonyms: /\b(rds|relational database service)\b/ },
  { name: "AWS Lambda", provider: "AWS", category: "Compute", synonyms: /\blambdas?\b/ },
  { name: "Amazon Elastic Kubernetes Service", provider: "AWS", category: "Compute", role: "kubernetes", synonyms: /\b(eks|elastic kubernetes service)\b/ },
  { name: "Amazon CloudFront", provider: "AWS", category: "Networking", role: "cdn", synonyms: /\bcloud ?front\b/ },
  // AWS bills NAT gateways under the VPC service (with public IPv4 addresses and endpoints).
  { name: "Amazon Virtual Private Cloud", provider: "AWS", category: "Networking", networking: true, role: "nat", synonyms: /\b(vpc|virtual private cloud)\b/ },
  { name: "Amazon Bedrock", provider: "AWS", category: "AI and Machine Learning", role: "generative-ai", synonyms: /\bbedrock\b/ },
  { name: "Amazon Redshift", provider: "AWS", category: "Analytics", role: "warehouse", synonyms: /\bredshift\b/ },
  { name: "Amazon DynamoDB", provider: "AWS", category: "Databases", synonyms: /\bdynamo ?db\b/ },
  { name: "Virtual Machines", provider: "Microsoft", category: "Compute", role: "virtual-machines", needsProvider: true, synonyms: /\b(vms?|virtual machines?)\b/ },
  { name: "Azure Blob Storage", provider: "Microsoft", category: "Storage", role: "object-storage", synonyms: /\b(azure )?blobs?( storage)?\b/ },
  { name: "Azure Kubernetes Service", provider: "Microsoft", category: "Compute", role: "kubernetes", synonyms: /\b(aks|azure kubernetes service)\b/ },
  { name: "Azure SQL Database", provider: "Microsoft", category: "Databases", role: "sql", synonyms: /\bazure sql( database)?\b/ },
  { name: "Azure OpenAI", provider: "Microsoft", category: "AI and Machine Learning", role: "generative-ai", synonyms: /\b(?:azure )?open ?ai( service)?\b/ },
  { name: "Compute Engine", provider: "Google Cloud", category: "Compute", role: "virtual-machines", synonyms: /\b(gce|compute engine)\b/ },
  { name: "Cloud Storage", provider: "Google Cloud", category: "Storage", role: "object-storage", synonyms: /\b(gcs|google cloud storage)\b/, sharedName: /\bcloud storage\b/ },
  { name: "BigQuery", provider: "Google Cloud", category: "Analytics", role: "warehouse", synonyms: /\bbig ?query\b/ },
  { name: "Cloud SQL", provider: "Google Cloud", category: "Databases", role: "sql", synonyms: /\bcloud sql\b/ },
  { name: "Kubernetes Engine", provider: "Google Cloud", category: "Compute", role: "kubernetes", synonyms: /\b(gke|google kubernetes engine|kubernetes engine)\b/ },
  { name: "Vertex AI", provider: "Google Cloud", category: "AI and Machine Learning", role: "generative-ai", synonyms: /\bvertex( ai)?\b/ },
  { name: "Amazon CloudWatch", provider: "AWS", category: "Management and Governance", role: "observability", synonyms: /\bcloud ?watch\b/ },
  { name: "Azure Synapse Analytics", provider: "Microsoft", category: "Analytics", role: "warehouse", synonyms: /\bsynapse\b/ },
  { name: "Azure Cosmos DB", provider: "Microsoft", category: "Databases", synonyms: /\bcosmos ?db\b/ },
  { name: "Azure Monitor", provider: "Microsoft", category: "Management and Governance", role: "observability", synonyms: /\bazure monitor\b/ },
  { name: "Bandwidth", provider: "Microsoft", category: "Networking", networking: true, needsProvider: true, synonyms: /\bbandwidth\b/ },
  { name: "Cloud CDN", provider: "Google Cloud", category: "Networking", role: "cdn", synonyms: /\bcloud cdn\b/ },
  // Azure bills its CDN as Azure Front Door or, for the classic profiles, Content Delivery Network.
  { name: "Azure Front Door", provider: "Microsoft", category: "Networking", role: "cdn", synonyms: /\bfront ?door\b/ },
  { name: "Content Delivery Network", provider: "Microsoft", category: "Networking", role: "cdn", needsProvider: true, synonyms: /\bazure cdn\b/ },
  { name: "Cloud NAT", provider: "Google Cloud", category: "Networking", networking: true, role: "nat", synonyms: /\bcloud nat\b/ },
  { name: "NAT Gateway", provider: "Microsoft", category: "Networking", networking: true, role: "nat", needsProvider: true, synonyms: /\bnat gateways?\b/ },
  { name: "Cloud Run", provider: "Google Cloud", category: "Compute", role: "containers", synonyms: /\bcloud run\b/ },
  { name: "Amazon Elastic Container Service", provider: "AWS", category: "Compute", role: "containers", synonyms: /\b(ecs|elastic container service|fargate)\b/ },
  { name: "Azure Container Instances", provider: "Microsoft", category: "Compute", role: "containers", synonyms: /\b(azure container instances?)\b/ },
  { name: "Azure Container Apps", provider: "Microsoft", category: "Compute", role: "containers", synonyms: /\b(azure container apps?|container apps?)\b/ },
  { name: "Cloud Logging", provider: "Google Cloud", category: "Management and Governance", role: "observability", synonyms: /\b(cloud logging|stackdriver)\b/ },
];

/** Whether a service does a role's job: containers run on the container services and on Kubernetes alike. */
export const doesRole = (service: ServiceEntry, role: ServiceRole) => service.role === role || (role === "containers" && service.role === "kubernetes");

export function serviceByName(name: string): ServiceEntry | undefined {
  return SERVICES.find((s) => s.name === name);
}

/** The service doing the same job on another provider, if there is one. */
export function equivalentService(name: string, provider: ProviderName): ServiceEntry | undefined {
  const role = serviceByName(name)?.role;
  return role ? SERVICES.find((s) => s.role === role && s.provider === provider) : undefined;
}

/** FOCUS ServiceCategory values and the words that name them (checked after service names are masked out). */
export const SERVICE_CATEGORY_WORDS: Array<[string, RegExp]> = [
  ["Compute", /\bcompute\b/],
  ["Storage", /\bstorage\b/],
  ["Databases", /\bdatabases?\b/],
  ["Networking", /\bnetwork(ing)?\b/],
  ["AI and Machine Learning", /\b(ai|ml|machine learning|gen ?ai)\b/],
  ["Analytics", /\banalytics\b/],
];

/**
 * Words for a job that several clouds' services do: the question means those services (on the providers it names,
 * else on all of them). Checked only when no service of that job is named by its own name.
 */
export const SERVICE_ROLE_WORDS: Array<[ServiceRole, RegExp]> = [
  ["kubernetes", /\b(kubernetes|k8s)\b/],
  // "Containers": Kubernetes and the services that run containers without it (ECS and Fargate, Cloud Run, Azure
  // Container Instances and Container Apps).
  ["containers", /\bcontainers?\b|\bcontaineri[sz]ed\b/],
  // "How many instances are running?": counted, instances are machines ("RDS instances" name their service instead).
  // "Which instances stopped running?": the machines whose cost ended.
  ["virtual-machines", /\b(vms?|virtual machines?)\b|\bhow many\s+(?:(?:running|active|compute|cloud|virtual|spot|on-demand)\s+)?instances\b|\binstances\s+(?:stopped|started)\b/],
  ["object-storage", /\bobject storage\b/],
  // "NAT gateways": AWS's (billed as VPC), Google Cloud NAT and Azure NAT Gateway.
  ["nat", /\bnat(?:\s+(?:gateways?|gws?))?\b/],
  ["warehouse", /\bdata ?warehous(?:e|es|ing)\b/],
  ["cdn", /\bcdns?\b|\bcontent delivery(?: networks?)?\b/],
  ["generative-ai", /\b(?:gen ?ai|generative ai|llms?|large language models?|foundation models?|ai models?)\b/],
  // "Monitoring" alone is as often the watching of costs ("how should we be monitoring spend?") as the tools.
  ["observability", /\b(?:logging|observability)\b|\bmonitoring\s+(?:and|&)\s+logging\b|\bmonitoring\s+(?:services?|tools?|stack)\b|\bon\s+monitoring\b/],
];

/**
 * FOCUS ChargeCategory values and the words that ask for them: "how much tax", "credits we got". Usage, the
 * bulk of every bill, is what a question means when it names none of these.
 */
export const CHARGE_CATEGORY_WORDS: Array<[string, RegExp]> = [
  ["Tax", /\b(tax|taxes|vat|gst|sales tax)\b/],
  // Refunds are billed as credits (FOCUS has no refund category).
  ["Credit", /\b(?:credits?|refunds?|refunded)\b/],
  ["Purchase", /\b(?:upfront (?:fees?|payments?|costs?|charges?)|purchase (?:charges?|costs?|fees?)|one-?time (?:fees?|charges?))\b/],
  ["Adjustment", /\badjustments?\b/],
];

/** Egress and data transfer are spread over many services; they become a flag rather than a service filter. */
export const NETWORKING_WORDS = /\b(egress|data transfer|bandwidth|inter-?region traffic|nat gateways?)\b/;

const AWS_REGION = /\b(us|eu|ap|sa|ca|me|af|il)-(gov-)?(east|west|north|south|central|northeast|southeast|northwest|southwest)-\d\b/g;
const GCP_REGION =
  /\b(us|europe|asia|australia|northamerica|southamerica|me|africa)-(east|west|central|north|south|northeast|southeast|northwest|southwest)\d{1,2}\b/g;
const AZURE_REGION_NAMES = [
  "eastus2?", "westus[23]?", "centralus", "northcentralus", "southcentralus", "northeurope", "westeurope", "uksouth",
  "ukwest", "francecentral", "germanywestcentral", "swedencentral", "switzerlandnorth", "southeastasia", "eastasia",
  "japaneast", "australiaeast", "canadacentral", "brazilsouth", "centralindia",
];
const AZURE_REGION = new RegExp(`\\b(${AZURE_REGION_NAMES.join("|")})\\b`, "g");

/**
 * Parts of the world people name instead of regions ("spend in Europe"), and the provider region ids in each (AWS
 * eu-*, Google Cloud europe-*, Azure westeurope, uksouth...).
 */
export const GEOGRAPHIES: ReadonlyArray<{ name: string; words: RegExp; regions: RegExp }> = [
  {
    name: "Europe",
    words: /\b(?:europe|european|in the eu|eu regions?)\b/,
    regions: /^(?:eu-|europe-)|europe$|^(?:uk|france|germany|sweden|switzerland|norway|italy|poland|spain)/,
  },
  {
    name: "North America",
    words: /\b(?:north america|the us|the u\.s\.?|united states|us regions?|usa)\b/,
    regions: /^(?:us-|northamerica-|ca-|canada)|^(?:east|west|central|northcentral|southcentral|westcentral)us\d?$/,
  },
  {
    name: "Asia Pacific",
    words: /\b(?:asia[- ]pacific|apac|asia|australia|japan|india)\b/,
    regions: /^(?:ap-|asia-|australia)|^(?:southeastasia|eastasia|japan|korea|centralindia|southindia|westindia)/,
  },
  { name: "South America", words: /\b(?:south america|latin america|latam|brazil)\b/, regions: /^(?:sa-|southamerica-)|^brazil/ },
  { name: "the Middle East", words: /\bmiddle east\b/, regions: /^(?:me-|il-)|^(?:uae|qatar|israel)/ },
  { name: "Africa", words: /\bafrica\b/, regions: /^(?:af-|africa-)|^southafrica/ },
];

/** The parts of the world a question names ("how much did we spend in Europe?"). */
export function findGeographies(text: string): string[] {
  // A region id is no part of the world: "europe-west1" is not Europe.
  const words = findRegions(text).reduce((rest, region) => rest.replace(region, " "), text);
  return GEOGRAPHIES.filter((g) => g.words.test(words)).map((g) => g.name);
}

export function findRegions(text: string): string[] {
  return [AWS_REGION, GCP_REGION, AZURE_REGION].flatMap((pattern) => text.match(pattern) ?? []);
}

/** The cloud a region id belongs to ("us-east-1" AWS, "us-central1" Google Cloud, "eastus" Microsoft), by its spelling. */
export function regionProvider(region: string): ProviderName | null {
  const whole = (pattern: RegExp) => new RegExp(`^(?:${pattern.source})$`).test(region.toLowerCase());
  return whole(AWS_REGION) ? "AWS" : whole(GCP_REGION) ? "Google Cloud" : whole(AZURE_REGION) ? "Microsoft" : null;
}

/** Account nicknames people use for sub-accounts; matched as "<name> account", "in <name>" or alone for prod/staging. */
export const ACCOUNT_NAMES: Record<string, string> = {
  prod: "prod",
  production: "prod",
  staging: "staging",
  stage: "staging",
  dev: "dev",
  development: "dev",
  shared: "shared",
  "shared services": "shared",
  data: "data",
  sandbox: "sandbox",
};

// How resources are written: provider ids (ARNs, Azure and GCP resource paths, AWS short ids) and the hyphenated
// names with a number that teams give them ("assistant-dev-ec2-0047"), or vendors give models ("gpt-4o", read as SKUs
// when no resource has the name); a region ("us-east-1") is not one. The last pattern is the names; isResourceName
// tells them from other hyphenated words.
export const RESOURCE_TOKENS = [
  /\barn:[a-z0-9-]+:[^\s,;?]+/gi,
  /(?<![\w/])\/subscriptions\/[^\s,;?]+/gi,
  /(?<![\w/])\/\/[a-z-]+\.googleapis\.com\/[^\s,;?]+/gi,
  /\b(?:i|vol|snap|eni|nat|igw|vpc|subnet|db|eipalloc|sg|ami)-[0-9a-f]{8,17}\b/gi,
  /\b[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}\b|\b[a-z]{3,}-\d[a-z0-9]*\b/gi,
];

/** A hyphenated word with a number that is a resource's name, not a region ("us-east-1") or a date. */
export const isResourceName = (token: string) =>
  /\d/.test(token) &&
  findRegions(token.toLowerCase()).length === 0 &&
  !/^\d|^(?:top|last|next|past|year|month|week|day|quarter|mid|early|late|end)-/i.test(token);

/** Calls `replace` on each resource id or name in the text, and returns the text with what it returns in their place. */
export function replaceResources(text: string, replace: (token: string) => string): string {
  let result = text;
  for (const pattern of RESOURCE_TOKENS) {
    result = result.replace(pattern, (token) => (pattern === RESOURCE_TOKENS.at(-1) && !isResourceName(token) ? token : replace(token)));
  }
  return result;
}
