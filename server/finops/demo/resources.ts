// Resources of the demo world: who runs what, where, tagged how, growing how fast, and how busy its CPUs are.
import {
  APPS, ENV_SPELLINGS, OWNERS, PROVIDERS, SUB_ACCOUNTS, TAG_MISSING_RATE, TAG_PLACEHOLDER_RATE, TAG_PLACEHOLDERS,
  type AccountKind, type ServiceDef, type SkuDef, type SubAccount, type Workload,
} from "./catalog.ts";
import { costMicros, formatPrice, parseFixed, PRICE_SCALE } from "./fixed-point.ts";
import { INSTANCE_FAMILIES, type InstanceSize } from "./instance-types.ts";
import type { Random } from "./prng.ts";

export type UtilisationProfile = "normal" | "over-provisioned" | "idle" | "forgotten";
export type ResourcePricing = "Standard" | "Dynamic";

export interface Surge {
  fromDay: number;
  /** Exclusive. */
  toDay: number;
  /** Extra quantity per day (milli-units) at the resource's starting size; grows with it. */
  extraMilli: number;
}

export interface PlannedSku {
  def: SkuDef;
  skuId: string;
  skuPriceId: string;
  description: string;
  listE10: number;
  contractedE10: number;
  /** What is billed per unit: the contracted price, or the spot price for Dynamic pricing. */
  billedE10: number;
  /** Amortised rate when a commitment covers the resource. */
  committedE10: number;
  listUnitPrice: string;
  contractedUnitPrice: string;
  baseMilli: number;
  weekendFactor: number;
  noise: number;
  /** Quantity does not vary (instance hours, NAT gateway hours). */
  fixed: boolean;
  surge: Surge | null;
}

export interface DemoResource {
  ordinal: number;
  id: string;
  name: string;
  service: ServiceDef;
  subAccount: SubAccount;
  region: { id: string; name: string } | null;
  zone: string | null;
  instance: InstanceSize | null;
  tags: Record<string, string>;
  tagsJson: string;
  app: string;
  profile: UtilisationProfile;
  pricing: ResourcePricing;
  startDay: number;
  /** Exclusive. */
  endDay: number;
  /** ln(1 + monthly growth) / days per month. */
  growthPerDay: number;
  skus: PlannedSku[];
  /** Index of the commitment covering it, or -1. */
  commitment: number;
  /** Index of its (billing account, service) tax and credit accumulator. */
  taxSlot: number;
  /** Base CPU / memory p95 (percent) the utilisation rows vary around. */
  cpuP95: number;
  memP95: number;
}

export interface ResourceSpec {
  service: ServiceDef;
  kind?: AccountKind;
  subAccount?: SubAccount;
  app?: string;
  instanceType?: string;
  /** Index into the provider's regions. */
  region?: number;
  profile?: UtilisationProfile;
  pricing?: ResourcePricing;
  startDay?: number;
  endDay?: number;
  /** Keep every tag key with a real value (resources the recommendations must be able to attribute). */
  fullyTagged?: boolean;
  /** Scale of usage within the SKU's daily range, 0..1. */
  size?: number;
  tags?: Record<string, string>;
}

const WEEKEND_FACTOR: Record<Workload, [number, number]> = { "always-on": [1, 1], interactive: [0.5, 0.65], batch: [0.8, 0.9] };
const NOISE: Record<Workload, number> = { "always-on": 0.03, interactive: 0.08, batch: 0.25 };
const DAYS_PER_MONTH = 30.44;

const APP_BY_SERVICE: Record<string, readonly string[]> = {
  bedrock: ["assistant", "recommendations", "search"],
  openai: ["assistant", "recommendations"],
  vertex: ["assistant", "recommendations", "search"],
  bigquery: ["data-lake", "reporting", "batch"],
  redshift: ["data-lake", "reporting"],
  synapse: ["data-lake", "reporting", "batch"],
  cloudwatch: ["observability"],
  monitor: ["observability"],
  logging: ["observability"],
};

export function createResource(random: Random, ordinal: number, days: number, spec: ResourceSpec): DemoResource {
  const { service } = spec;
  const provider = PROVIDERS[service.provider];
  const subAccount = spec.subAccount ?? pickSubAccount(random, service, spec.kind);
  const app = spec.app ?? random.pick(APP_BY_SERVICE[service.key] ?? APPS.map((a) => a.app));
  const regionDef = service.global ? null : spec.region !== undefined ? provider.regions[spec.region] : random.chance(0.7) ? provider.regions[0] : random.pick(provider.regions);
  const instance = service.families ? pickInstance(random, service, spec.instanceType) : null;
  const profile = spec.profile ?? (service.families ? pickProfile(random) : "normal");
  const envShort = subAccount.kind;
  const name = `${app}-${envShort}-${service.key}-${String(ordinal).padStart(4, "0")}`;
  const tags = spec.tags ?? makeTags(random, subAccount.kind, app, spec.fullyTagged ?? false);
  const growth = service.families || service.skus.every((s) => s.dailyQuantity?.[0] === s.dailyQuantity?.[1]) ? 0 : random.range(0.01, 0.035);
  const size = spec.size ?? random.next() ** 2;
  const resource: DemoResource = {
    ordinal,
    id: resourceId(random, service, subAccount, regionDef?.id ?? null, name),
    name,
    service,
    subAccount,
    region: regionDef ? { id: regionDef.id, name: regionDef.name } : null,
    zone: regionDef && service.families ? random.pick(regionDef.zones) : null,
    instance,
    tags,
    tagsJson: JSON.stringify(tags),
    app,
    profile,
    pricing: spec.pricing ?? "Standard",
    startDay: spec.startDay ?? 0,
    endDay: spec.endDay ?? days,
    growthPerDay: Math.log(1 + growth) / DAYS_PER_MONTH,
    skus: [],
    commitment: -1,
    taxSlot: -1,
    ...utilisationBase(random, profile),
  };
  const discountBp = subAccount.billingAccount.negotiatedDiscountBp;
  for (const def of service.skus) {
    const workload = def.workload ?? service.workload;
    const listE10 = parseFixed(instance ? instance.hourlyListPrice : def.listPrice!, PRICE_SCALE);
    const contractedE10 = Math.round((listE10 * (10_000 - discountBp)) / 10_000);
    const [low, high] = def.dailyQuantity ?? [24, 24];
    const skuId = def.id.replace("{type}", instance?.type ?? "");
    resource.skus.push({
      def,
      skuId,
      skuPriceId: `${skuId}:${resource.region?.id ?? "global"}:${resource.pricing === "Dynamic" ? "spot" : "ondemand"}`,
      description: def.description.replace("{type}", instance?.type ?? ""),
      listE10,
      contractedE10,
      billedE10: resource.pricing === "Dynamic" ? Math.round(listE10 * random.range(0.28, 0.4)) : contractedE10,
      committedE10: contractedE10,
      listUnitPrice: formatPrice(listE10),
      contractedUnitPrice: formatPrice(contractedE10),
      baseMilli: Math.max(1, Math.round((low + (high - low) * size) * 1000)),
      weekendFactor: random.range(WEEKEND_FACTOR[workload][0], WEEKEND_FACTOR[workload][1]),
      noise: NOISE[workload],
      fixed: low === high,
      surge: null,
    });
  }
  return resource;
}

/** Rows the resource contributes: one per SKU per active day. */
export const resourceRows = (r: DemoResource) => r.skus.length * Math.max(0, r.endDay - r.startDay);

/** Expected daily cost of a resource's SKU on a weekday at a given day, micro-dollars, before noise. */
export function expectedDailyMicros(r: DemoResource, sku: PlannedSku, day: number, priceE10 = sku.billedE10): number {
  return costMicros(sku.baseMilli * Math.exp(r.growthPerDay * Math.max(0, day - r.startDay)), priceE10);
}

function pickSubAccount(random: Random, service: ServiceDef, kind?: AccountKind): SubAccount {
  const wanted = kind ?? random.weighted<AccountKind>([["prod", 40], ["staging", 14], ["dev", 20], ["shared", 10], ["data", service.category === "Analytics" ? 60 : 16]]);
  const candidates = SUB_ACCOUNTS.filter((s) => s.billingAccount.provider === service.provider && s.kind === wanted);
  return candidates.length > 0 ? random.pick(candidates) : random.pick(SUB_ACCOUNTS.filter((s) => s.billingAccount.provider === service.provider));
}

function pickInstance(random: Random, service: ServiceDef, type?: string): InstanceSize {
  if (type) {
    const found = service.families!.flatMap((f) => INSTANCE_FAMILIES[f]).find((s) => s.type === type);
    if (!found) throw new Error(`${type} is not an instance type of ${service.name}`);
    return found;
  }
  const ladder = INSTANCE_FAMILIES[random.pick(service.families!)];
  // Most fleets are small sizes; keep the largest size for the forgotten instance.
  return ladder[Math.min(ladder.length - 2, Math.floor(random.next() ** 1.6 * (ladder.length - 1)))];
}

function pickProfile(random: Random): UtilisationProfile {
  return random.weighted<UtilisationProfile>([["normal", 62], ["over-provisioned", 28], ["idle", 10]]);
}

// Thresholds follow the rightsizing rule the recommendations use: over-provisioned means p95 CPU < 40% and
// memory < 50%; idle means p95 CPU under 5%.
function utilisationBase(random: Random, profile: UtilisationProfile): { cpuP95: number; memP95: number } {
  switch (profile) {
    case "normal":
      return { cpuP95: random.range(48, 82), memP95: random.range(55, 85) };
    case "over-provisioned":
      return { cpuP95: random.range(12, 32), memP95: random.range(22, 42) };
    case "idle":
      return { cpuP95: random.range(1.5, 4), memP95: random.range(6, 15) };
    case "forgotten":
      return { cpuP95: random.range(1.2, 1.8), memP95: random.range(3, 6) };
  }
}

function makeTags(random: Random, kind: AccountKind, app: string, complete: boolean): Record<string, string> {
  const owner = APPS.find((a) => a.app === app) ?? APPS[0];
  const full: Record<string, string> = {
    team: owner.team,
    env: random.pick(ENV_SPELLINGS[kind]),
    app,
    "cost-center": owner.costCenter,
    owner: `${random.pick(OWNERS)}@acme.example`,
  };
  if (complete) return full;
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(full)) {
    if (random.chance(TAG_MISSING_RATE[key])) continue;
    tags[key] = random.chance(TAG_PLACEHOLDER_RATE) ? random.pick(TAG_PLACEHOLDERS) : value;
  }
  return tags;
}

const AWS_ARN: Record<string, (n: string, hex: string) => string> = {
  ec2: (_n, hex) => `ec2:{r}:{a}:instance/i-0${hex}`,
  rds: (n) => `rds:{r}:{a}:db:${n}`,
  s3: (n) => `s3:::acme-${n}`,
  lambda: (n) => `lambda:{r}:{a}:function:${n}`,
  cloudfront: (_n, hex) => `cloudfront::{a}:distribution/E${hex.slice(0, 13).toUpperCase()}`,
  nat: (_n, hex) => `ec2:{r}:{a}:natgateway/nat-0${hex}`,
  bedrock: (_n, hex) => `bedrock:{r}:{a}:application-inference-profile/${hex.slice(0, 12)}`,
  redshift: (n) => `redshift:{r}:{a}:cluster:${n}`,
  dynamodb: (n) => `dynamodb:{r}:{a}:table/${n}`,
  eks: (n) => `eks:{r}:{a}:cluster/${n}`,
  cloudwatch: (n) => `logs:{r}:{a}:log-group:/acme/${n}`,
};
const AZURE_TYPE: Record<string, string> = {
  vm: "Microsoft.Compute/virtualMachines", blob: "Microsoft.Storage/storageAccounts", azuresql: "Microsoft.Sql/servers/databases",
  aks: "Microsoft.ContainerService/managedClusters", openai: "Microsoft.CognitiveServices/accounts", synapse: "Microsoft.Synapse/workspaces/sqlPools",
  bandwidth: "Microsoft.Network/publicIPAddresses", cosmos: "Microsoft.DocumentDB/databaseAccounts", monitor: "Microsoft.OperationalInsights/workspaces",
};
const GCP_PATH: Record<string, string> = {
  gce: "compute.googleapis.com/projects/{p}/zones/{z}/instances", gcs: "storage.googleapis.com/projects/_/buckets",
  bigquery: "bigquery.googleapis.com/projects/{p}/datasets", cloudsql: "sqladmin.googleapis.com/projects/{p}/instances",
  vertex: "aiplatform.googleapis.com/projects/{p}/locations/{r}/endpoints", gke: "container.googleapis.com/projects/{p}/locations/{r}/clusters",
  cdn: "compute.googleapis.com/projects/{p}/global/backendServices", cloudnat: "compute.googleapis.com/projects/{p}/regions/{r}/routers",
  cloudrun: "run.googleapis.com/projects/{p}/locations/{r}/services", logging: "logging.googleapis.com/projects/{p}/locations/global/buckets",
};

function resourceId(random: Random, service: ServiceDef, sub: SubAccount, region: string | null, name: string): string {
  const hex = random.hex(16);
  if (service.provider === "aws") {
    return `arn:aws:${AWS_ARN[service.key](name, hex).replace("{r}", region ?? "").replace("{a}", sub.id)}`;
  }
  if (service.provider === "azure") {
    return `/subscriptions/${sub.id}/resourceGroups/rg-${name.split("-").slice(0, -2).join("-")}/providers/${AZURE_TYPE[service.key]}/${name}`;
  }
  return `//${GCP_PATH[service.key].replace("{p}", sub.id).replace("{r}", region ?? "global").replace("{z}", `${region}-a`)}/${name}`;
}
