// Instance size ladders with on-demand hourly list prices (USD, Linux, first region of each provider, as published
// in 2025, rounded to the provider's own precision). Each family is ordered small -> large, so rightsizing can
// price "one size down" from the same table the demo bills with.

export interface InstanceSize {
  type: string;
  family: string;
  vcpu: number;
  memoryGiB: number;
  /** On-demand list price per hour, decimal string. */
  hourlyListPrice: string;
}

type Ladder = [type: string, vcpu: number, memoryGiB: number, hourly: string][];

const FAMILIES: Record<string, Ladder> = {
  m6i: [["m6i.large", 2, 8, "0.096"], ["m6i.xlarge", 4, 16, "0.192"], ["m6i.2xlarge", 8, 32, "0.384"], ["m6i.4xlarge", 16, 64, "0.768"], ["m6i.8xlarge", 32, 128, "1.536"]],
  c6i: [["c6i.large", 2, 4, "0.085"], ["c6i.xlarge", 4, 8, "0.17"], ["c6i.2xlarge", 8, 16, "0.34"], ["c6i.4xlarge", 16, 32, "0.68"]],
  r6i: [["r6i.large", 2, 16, "0.126"], ["r6i.xlarge", 4, 32, "0.252"], ["r6i.2xlarge", 8, 64, "0.504"], ["r6i.4xlarge", 16, 128, "1.008"], ["r6i.8xlarge", 32, 256, "2.016"], ["r6i.16xlarge", 64, 512, "4.032"]],
  "db.m6g": [["db.m6g.large", 2, 8, "0.152"], ["db.m6g.xlarge", 4, 16, "0.304"], ["db.m6g.2xlarge", 8, 32, "0.608"], ["db.m6g.4xlarge", 16, 64, "1.216"]],
  "db.r6g": [["db.r6g.large", 2, 16, "0.225"], ["db.r6g.xlarge", 4, 32, "0.45"], ["db.r6g.2xlarge", 8, 64, "0.9"], ["db.r6g.4xlarge", 16, 128, "1.8"]],
  Dsv5: [["Standard_D2s_v5", 2, 8, "0.096"], ["Standard_D4s_v5", 4, 16, "0.192"], ["Standard_D8s_v5", 8, 32, "0.384"], ["Standard_D16s_v5", 16, 64, "0.768"]],
  Esv5: [["Standard_E2s_v5", 2, 16, "0.126"], ["Standard_E4s_v5", 4, 32, "0.252"], ["Standard_E8s_v5", 8, 64, "0.504"], ["Standard_E16s_v5", 16, 128, "1.008"]],
  GP_Gen5: [["GP_Gen5_2", 2, 10.2, "0.5044"], ["GP_Gen5_4", 4, 20.4, "1.0088"], ["GP_Gen5_8", 8, 40.8, "2.0176"], ["GP_Gen5_16", 16, 81.6, "4.0352"]],
  "n2-standard": [["n2-standard-2", 2, 8, "0.0971"], ["n2-standard-4", 4, 16, "0.1942"], ["n2-standard-8", 8, 32, "0.3885"], ["n2-standard-16", 16, 64, "0.7769"]],
  "e2-standard": [["e2-standard-2", 2, 8, "0.067"], ["e2-standard-4", 4, 16, "0.134"], ["e2-standard-8", 8, 32, "0.268"], ["e2-standard-16", 16, 64, "0.536"]],
  "db-custom": [["db-custom-2-7680", 2, 7.5, "0.1045"], ["db-custom-4-15360", 4, 15, "0.209"], ["db-custom-8-30720", 8, 30, "0.418"], ["db-custom-16-61440", 16, 60, "0.836"]],
};

export const INSTANCE_FAMILIES: Readonly<Record<string, readonly InstanceSize[]>> = Object.fromEntries(
  Object.entries(FAMILIES).map(([family, ladder]) => [
    family,
    ladder.map(([type, vcpu, memoryGiB, hourlyListPrice]) => ({ type, family, vcpu, memoryGiB, hourlyListPrice })),
  ]),
);

const BY_TYPE = new Map(Object.values(INSTANCE_FAMILIES).flatMap((sizes) => sizes.map((s) => [s.type, s] as const)));

export function instanceSize(type: string): InstanceSize | undefined {
  return BY_TYPE.get(type);
}

/** The next smaller size of the same family (half the vCPUs and memory), or null for the smallest. */
export function oneSizeDown(type: string): InstanceSize | null {
  const size = BY_TYPE.get(type);
  if (!size) return null;
  const ladder = INSTANCE_FAMILIES[size.family];
  const index = ladder.indexOf(size);
  return index > 0 ? ladder[index - 1] : null;
}
