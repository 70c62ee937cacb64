import { describe, expect, it } from "vitest";
import { extractDimensions } from "./dimensions.ts";
import { phrasesFor, withStoredServices } from "./stored-services.ts";

const REF = "2025-11-15";
const STORED = [
  { name: "AWS Glue", provider: "AWS" },
  { name: "Amazon OpenSearch Service", provider: "AWS" },
  { name: "Amazon EC2", provider: "AWS" },
  { name: "Key Vault", provider: "Microsoft" },
  { name: "Cloud Functions", provider: "Google Cloud" },
  { name: "Storage", provider: "Microsoft" },
  { name: "Amazon Simple Storage Service", provider: "AWS" },
];
const dimensionsOf = (text: string) => withStoredServices(text, extractDimensions(text, REF), STORED);

describe("phrasesFor", () => {
  it("is the full name and the name without its vendor words and 'Service', when specific enough", () => {
    expect(phrasesFor("AWS Glue")).toEqual(["aws glue", "glue"]);
    expect(phrasesFor("Amazon OpenSearch Service")).toEqual(["amazon opensearch service", "opensearch"]);
    // Generic words alone name a kind of service: only the full name counts.
    expect(phrasesFor("Cloud Functions")).toEqual(["cloud functions"]);
    expect(phrasesFor("Storage")).toEqual([]);
  });
});

describe("withStoredServices", () => {
  it("adds a service the data holds when the question names it, with its provider", () => {
    expect(dimensionsOf("how much did glue cost last month?")).toMatchObject({ services: ["AWS Glue"], providers: ["AWS"] });
    expect(dimensionsOf("OpenSearch spend by region")).toMatchObject({ services: ["Amazon OpenSearch Service"] });
    expect(dimensionsOf("azure key vault costs").services).toEqual(["Key Vault"]);
    expect(dimensionsOf("what do cloud functions cost").services).toEqual(["Cloud Functions"]);
  });

  it("uses the data's name for a catalogued service when the export calls it differently", () => {
    // The catalogue knows EC2 as "Amazon Elastic Compute Cloud"; this store has "Amazon EC2" only.
    expect(dimensionsOf("EC2 spend in October").services).toEqual(["Amazon EC2"]);
    // S3 is held under its catalogue name, so it stays.
    expect(dimensionsOf("EC2 vs S3").services).toEqual(["Amazon Simple Storage Service", "Amazon EC2"]);
  });

  it("leaves a question that names no stored service as it was", () => {
    const text = "what did we spend on storage last month?";
    expect(dimensionsOf(text)).toEqual(extractDimensions(text, REF));
    expect(dimensionsOf("lambda functions cost").services).toEqual(["AWS Lambda"]);
  });
});
