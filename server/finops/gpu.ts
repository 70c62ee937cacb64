// GPU usage in a FOCUS export. FOCUS has no column that says "GPU": the instance type or accelerator is in SkuId
// (the demo's "BoxUsage:g5.xlarge"), in ChargeDescription ("$1.006 per On Demand Linux g5.xlarge Instance Hour",
// "Nvidia Tesla T4 GPU running in Americas", "NC6s v3") or both. This pattern names GPU instance families and
// accelerators as each provider publishes them:
// - AWS accelerated computing instances (https://aws.amazon.com/ec2/instance-types/#Accelerated_Computing):
//   P2-P6 and G3-G6 (NVIDIA), Gr6, Inf1/Inf2 (Inferentia), Trn1/Trn2 (Trainium), DL1/DL2q; SageMaker's "ml.g5.xlarge" too.
// - Azure GPU-optimised VM sizes (https://learn.microsoft.com/azure/virtual-machines/sizes/overview#gpu-accelerated):
//   the N-series, NC, ND, NV and NG ("Standard_NC6s_v3", meter "NC24ads A100 v4").
// - Google Cloud accelerator-optimised machine types (https://cloud.google.com/compute/docs/accelerator-optimized-machines):
//   A2, A3, A4 and G2 ("a2-highgpu-1g", "g2-standard-4", SKU "A2 Instance Core running in Americas"), and GPUs billed on their own SKUs ("Nvidia L4 GPU").
// - The accelerators' own names (A100, H100, H200, B200, L4, L40S, T4, V100, MI300X) and the words GPU and NVIDIA.
// Written once for both places it runs: PostgreSQL's `~*` (advanced regular expressions) and JavaScript's RegExp with
// the i flag read it alike (no \m / \b, whose meanings differ; explicit non-alphanumeric boundaries instead).

const START = "(?:^|[^a-z0-9])";
const END = "(?:[^a-z0-9]|$)";

const PARTS = [
  // AWS: family, optional letters (g4dn, p4de, trn1n), then ".<size>" (p4d.24xlarge, g5.xlarge, inf2.8xlarge).
  String.raw`${START}(?:p[2-6]|g[3-6]|gr6|inf[12]|trn[12]|dl[12])[a-z]*\.[0-9]*x?large`,
  // Azure N-series: NC/ND/NV/NG, a size number, then letters (Standard_NC6s_v3, ND96asr, NV12ads).
  String.raw`${START}(?:standard_)?n[cdvg][0-9]+[a-z]*${END}`,
  // Google Cloud accelerator-optimised machine types.
  String.raw`${START}(?:a2|a3|a4|g2)(?:-(?:highgpu|megagpu|ultragpu|edgegpu|standard)| instance (?:core|ram))`,
  // Accelerators by name, and the words themselves.
  String.raw`${START}(?:gpus?|nvidia|a100|h100|h200|b200|l4|l40s?|t4|v100|mi300x?)${END}`,
];

/** A case-insensitive pattern matching a SkuId or ChargeDescription that names a GPU instance type or accelerator. */
export const GPU_SKU_PATTERN = PARTS.join("|");

const GPU_SKU = new RegExp(GPU_SKU_PATTERN, "i");

/** Whether a SkuId or ChargeDescription names a GPU instance type or accelerator (what GPU_SKU_PATTERN does in SQL). */
export const namesGpu = (text: string): boolean => GPU_SKU.test(text);

/** How the answer says what "GPU" was taken to mean. */
export const GPU_DEFINITION =
  "GPU usage is read from each charge's SkuId and ChargeDescription: AWS P, G, Inf and Trn instances, Azure N-series " +
  "(NC, ND, NV), Google Cloud A2, A3 and G2 machine types, and GPUs billed by name (NVIDIA, A100, H100, L4, T4...). " +
  "Managed AI billed per token or request (Amazon Bedrock, Azure OpenAI, Vertex AI) is not counted as GPU usage.";
