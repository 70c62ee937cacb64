// Text -> sparse TF-IDF features for the intent model. Word unigrams and bigrams carry meaning; character 3-4-grams
// of each word make "forcast", "utilisation" and "reserverd" land near their correct spellings.

import { replaceResources } from "./catalog.ts";

/**
 * Phrase rewrites applied before tokenizing. FinOps abbreviations collapse onto one token so "RI", "reserved
 * instances" and "reservations" are the same feature; named entities become placeholders because which provider
 * or service a question names says little about what is being asked, and a held-out question naming a service the
 * training examples of its intent never mention should not be pulled towards an intent that did.
 */
const PHRASES: Array<[RegExp, string]> = [
  [/\b\d{4}-\d{2}-\d{2}\b/g, " zdate "],
  [/[$€£]\s?\d[\d,.]*\s?[km]?\b|\b\d[\d,.]*\s?(k|m|usd|dollars?|eur)\b/g, " zmoney "],
  [/\b\d+(\.\d+)?\s?%/g, " zpct "],
  [/\b(19|20)\d{2}\b/g, " zyear "],
  [/\b\d+(st|nd|rd|th)?\b/g, " znum "],
  [/\breserved (vm )?instances?\b|\breservations?\b|\bris?\b|\breserved nodes?\b/g, " reservedinstance "],
  [/\bsavings? plans?\b|\bsps?\b/g, " savingsplan "],
  [/\bcommitted use discounts?\b|\bcuds?\b/g, " committeduse "],
  [/\bmonth (over|on) month\b|\bmom\b/g, " mom "],
  [/\byear (over|on) year\b|\byoy\b/g, " yoy "],
  [/\bquarter (over|on) quarter\b|\bqoq\b/g, " qoq "],
  [/\bweek (over|on) week\b|\bwow\b/g, " wow "],
  [/\bvs\.?\b|\bversus\b|\bcompared (to|with)\b/g, " versus "],
  [/\bright[- ]?siz/g, "rightsiz"],
  [/\bon[- ]demand\b/g, " ondemand "],
  [/\bpre-?emptible\b/g, " preemptible "],
  [/\b(optimi|utili|analy|amorti|categori)s/g, "$1z"],
  [/\b(aws|amazon( web services)?|azure|microsoft|gcp|google cloud|google)\b/g, " zprovider "],
  [
    new RegExp(
      `\\b(${[
        "ec2", "s3", "rds", "lambdas?", "eks", "cloudfront", "bedrock", "redshift", "dynamodb", "cloudwatch",
        "elasticache", "opensearch", "fargate", "emr", "glacier", "aks", "azure sql", "cosmos db", "blob( storage)?",
        "openai", "gce", "compute engine", "gcs", "bigquery", "cloud sql", "gke", "vertex ai",
      ].join("|")})\\b`,
      "g",
    ),
    " zservice ",
  ],
  [/\b(us|eu|ap|sa|ca|me|af)-(east|west|north|south|central|northeast|southeast)-\d\b/g, " zregion "],
  [/\b(europe|us|asia)-(west|east|central|north|south)\d\b|\b(west|north)europe\b|\beastus2?\b/g, " zregion "],
  [
    /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?|decmber)\b/g,
    " zmonth ",
  ],
  [/\bq[1-4]\b/g, " zquarter "],
];

/**
 * Concept cues: words that say what kind of question it is. Each match adds a concept token next to the words, so
 * a synonym the corpus never paired with an intent ("irregular", "headroom", "squad") still reaches it.
 */
const CONCEPTS: Array<[RegExp, string]> = [
  [/\b(anomal\w*|abnormal\w*|unusual|irregular|unexpected\w*|spik\w*|surg\w*|weird|strange|odd|(?:look|looks|looking|seem|seems|costs?|spend(?:ing)?|bill)\s+(?:\w+\s+)?normal|out of the ordinary|sudden\w*|outliers?|jump\w*|balloon\w*|shot up|explod\w*)\b/g, "kanomaly"],
  [/\b(forecast\w*|forcast\w*|project(ed|ion)s?|predict\w*|estimat\w*|expected|will (we|it|our)|next (month|quarter|year|week)|end of (the )?(month|year|quarter)|eom|run rate)\b/g, "kforecast"],
  [/\b(budg\w*|budjet\w*|limit|headroom|overrun|over plan|burn\w*)\b/g, "kbudget"],
  [/\b(teams?|squads?|departments?|business units?|cost cent(er|re)s?|projects?|tenants?|customers?|owners?|chargeback|showback|allocat\w*|namespaces?)\b/g, "kowner"],
  [/\b(idle|unused|unattached|orphaned|zombie|forgotten|abandoned|utili[sz]\w*|usage|cpu|memory|underutili[sz]\w*|busy|no activity|zero traffic|not (?:being )?us(?:ed|ing)|never used)\b/g, "kutil"],
  [/\b(compar\w*|versus|difference|delta|change|mom|yoy|qoq|wow|more or less|up or down|grew|growth)\b/g, "kcompare"],
  [/\b(oversized|over-?provisioned|downsiz\w*|downgrad\w*|rightsiz\w*|smaller|too (big|small)|resiz\w*|instance (type|size|famil\w*)|machine type|sku)\b/g, "kresize"],
  [/\b(tag\w*|untag\w*|labels?|unlabel\w*)\b/g, "ktag"],
  [/\b(sav(e|ed|ing|ings)|wast\w*|leaving on the table|recover)\b/g, "ksave"],
  [/\b(reservedinstance|savingsplan|committeduse|commitments?|commit)\b/g, "kcommit"],
  [/\b(spot|preemptible|interrupt\w*|evict\w*|reclaim\w*)\b/g, "kspot"],
  [/\b(reduc\w*|cut|lower\w*|optimi[sz]\w*|cheaper|trim|recommend\w*|advice|tips?|best practices?|quick wins?)\b/g, "koptimize"],
  [/\b(services?|servce|breakdown|break\w* down|split|mix|make up|makes up|top \w+|biggest|most expensive|rank\w*)\b/g, "kbreakdown"],
  [/\b(what is|what does|what are|explain|define|mean|difference between|how do(es)? \w+ work)\b/g, "kconcept"],
];

const STOPWORDS = new Set(["the", "a", "an", "please", "hey", "hi", "ok", "so", "just", "quick", "one"]);

/** Light suffix stripping: enough that "spending", "spends" and "spend" share a feature, not a full stemmer. */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith("ly")) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

function normalise(text: string): string {
  // A resource's id or name reads as one placeholder: "what does arn:aws:…:inference-profile/x cost?" is a spend
  // question, whatever words the id holds.
  let normalised = replaceResources(text.normalize("NFKC"), () => " zresource ").toLowerCase().replace(/[’']/g, "");
  for (const [pattern, replacement] of PHRASES) normalised = normalised.replace(pattern, replacement);
  return normalised;
}

const conceptsIn = (normalised: string) =>
  CONCEPTS.flatMap(([pattern, token]) => (normalised.match(pattern) ?? []).map(() => token));

/** The kinds of ask a text names ("kforecast", "kbudget"...); empty for "and for Azure?". */
export function conceptCues(text: string): string[] {
  return [...new Set(conceptsIn(normalise(text)))];
}

/** Lowercased, normalised, stemmed words. */
export function tokenize(text: string): string[] {
  const normalised = normalise(text);
  const concepts = conceptsIn(normalised);
  const words = normalised.match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...words.filter((w) => !STOPWORDS.has(w)).map(stem), ...concepts];
}

// Character n-grams outnumber words several times over; down-weighting them keeps words the main signal.
const CHAR_WEIGHT = 0.5;

const PLACEHOLDERS = new Set([
  ...["provider", "service", "region", "month", "quarter", "money", "pct", "num", "year", "date", "resource"].map((p) => `z${p}`),
  ...CONCEPTS.map(([, token]) => token),
]);

/** Raw term counts (already weighted by feature group) for one text. */
export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);
  const words = tokenize(text);
  words.forEach((word, i) => {
    add(`w:${word}`, 1);
    if (i > 0) add(`b:${words[i - 1]}_${word}`, 1);
    if (PLACEHOLDERS.has(word)) return;
    const padded = `#${word}#`;
    for (const n of [3, 4]) {
      for (let j = 0; j + n <= padded.length; j++) add(`c:${padded.slice(j, j + n)}`, CHAR_WEIGHT);
    }
  });
  return counts;
}

/** A sparse, L2-normalised vector: parallel arrays of feature indices and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

export interface Vectorizer {
  vocabulary: Map<string, number>;
  idf: Float64Array;
}

const MIN_DOCUMENT_FREQUENCY = 2;

/** Fits on the term counts of the training texts (computed once by the caller and reused for their vectors). */
export function fitVectorizer(documents: Array<Map<string, number>>): Vectorizer {
  const df = new Map<string, number>();
  for (const counts of documents) for (const feature of counts.keys()) df.set(feature, (df.get(feature) ?? 0) + 1);
  // Features seen in one example only are dropped: they memorise that example and double the model's size.
  // Sorted so the feature order, and hence training, never depends on Map insertion quirks.
  const features = [...df.keys()].filter((f) => df.get(f)! >= MIN_DOCUMENT_FREQUENCY).sort();
  const vocabulary = new Map(features.map((f, i) => [f, i]));
  const idf = Float64Array.from(features, (f) => Math.log((1 + documents.length) / (1 + df.get(f)!)) + 1);
  return { vocabulary, idf };
}

export function vectorize(vectorizer: Vectorizer, text: string | Map<string, number>): SparseVector {
  const entries: Array<[number, number]> = [];
  for (const [feature, count] of typeof text === "string" ? termCounts(text) : text) {
    const index = vectorizer.vocabulary.get(feature);
    if (index !== undefined) entries.push([index, (1 + Math.log(count)) * vectorizer.idf[index]]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(entries.reduce((sum, [, v]) => sum + v * v, 0)) || 1;
  return {
    indices: Int32Array.from(entries, ([i]) => i),
    values: Float64Array.from(entries, ([, v]) => v / norm),
  };
}
