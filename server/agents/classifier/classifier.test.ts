import { describe, expect, it } from "vitest";
import { BLIND_SET } from "./corpus/blind.ts";
import { CORPUS, TEST_SPLIT, TRAIN_SPLIT } from "./corpus/index.ts";
import { CONTENT_INTENTS, type ContentIntent, INTENT_NAMES } from "./intents.ts";
import { fitTemperature } from "./calibration.ts";
import { CALIBRATED_TEMPERATURE, defaultClassifier, loadClassifier, trainClassifier } from "./model.ts";

describe("intent corpus", () => {
  it("has at least 45 examples for every content intent", () => {
    for (const intent of CONTENT_INTENTS) expect(CORPUS[intent].length, intent).toBeGreaterThanOrEqual(45);
  });

  it("never puts a held-out example in the training split", () => {
    const train = new Set(TRAIN_SPLIT.map((e) => e.text.toLowerCase()));
    expect(TEST_SPLIT.filter((e) => train.has(e.text.toLowerCase()))).toEqual([]);
    expect(TEST_SPLIT.length).toBeGreaterThanOrEqual(9 * CONTENT_INTENTS.length);
  });

  it("names the 17 intents of the Postgres enum", () => {
    expect(INTENT_NAMES).toHaveLength(17);
  });
});

describe("intent model", () => {
  it("classifies at least 90% of the held-out questions correctly", () => {
    const started = performance.now();
    const model = defaultClassifier();
    const trainMs = performance.now() - started;
    const confusion = new Map<ContentIntent, Map<ContentIntent, number>>();
    let correct = 0;
    for (const { text, intent } of TEST_SPLIT) {
      const predicted = model.classify(text).intent as ContentIntent;
      if (predicted === intent) correct++;
      const row = confusion.get(intent) ?? new Map<ContentIntent, number>();
      confusion.set(intent, row.set(predicted, (row.get(predicted) ?? 0) + 1));
    }
    const accuracy = correct / TEST_SPLIT.length;
    const lines = [...confusion].map(([intent, row]) => {
      const wrong = [...row].filter(([p]) => p !== intent).map(([p, n]) => `${p} x${n}`);
      return `  ${intent.padEnd(28)} ${row.get(intent) ?? 0}/${[...row.values()].reduce((a, b) => a + b, 0)}` +
        (wrong.length ? `  confused with: ${wrong.join(", ")}` : "");
    });
    console.log(
      `Held-out accuracy ${(accuracy * 100).toFixed(1)}% (${correct}/${TEST_SPLIT.length}); ` +
        `trained on ${TRAIN_SPLIT.length} examples in ${trainMs.toFixed(0)} ms\n${lines.join("\n")}`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it("classifies at least 85% of a blind set written after the model was frozen", () => {
    const model = defaultClassifier();
    const training = new Set(TRAIN_SPLIT.map((e) => e.text.toLowerCase()));
    expect(BLIND_SET.filter((e) => training.has(e.text.toLowerCase()))).toEqual([]);
    const wrong = BLIND_SET.map((e) => ({ ...e, predicted: model.classify(e.text).intent })).filter((e) => e.predicted !== e.intent);
    const accuracy = 1 - wrong.length / BLIND_SET.length;
    console.log(
      `Blind-set accuracy ${(accuracy * 100).toFixed(1)}% (${BLIND_SET.length - wrong.length}/${BLIND_SET.length})\n` +
        wrong.map((e) => `  "${e.text}": ${e.intent} -> ${e.predicted}`).join("\n"),
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.85);
  });

  it("returns probabilities that rank every intent and sum to one", () => {
    const result = defaultClassifier().classify("whats our forcast for decmber");
    expect(result.intent).toBe("forecast_prediction");
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(result.ranked).toHaveLength(CONTENT_INTENTS.length);
    expect(result.ranked.reduce((sum, r) => sum + r.p, 0)).toBeCloseTo(1, 6);
  });

  it("trains to identical weights from the same examples", () => {
    const sample = TRAIN_SPLIT.filter((_, i) => i % 3 === 0);
    const a = trainClassifier(sample, { epochs: 20 }).serialize();
    const b = trainClassifier(sample, { epochs: 20 }).serialize();
    expect(b.weights).toEqual(a.weights);
    expect(b.bias).toEqual(a.bias);
  });

  it("gives the same answers after a serialise and load round trip", () => {
    const loaded = loadClassifier(JSON.parse(JSON.stringify(defaultClassifier().serialize())));
    for (const { text } of TEST_SPLIT.slice(0, 20)) {
      expect(loaded.classify(text)).toEqual(defaultClassifier().classify(text));
    }
  });
});

describe("calibration", () => {
  it("uses the temperature that cross-validation on the training split picks", () => {
    const { temperature, logLoss } = fitTemperature(TRAIN_SPLIT);
    console.log(`Cross-validated temperature ${temperature} (out-of-fold log-loss ${logLoss.toFixed(3)})`);
    expect(Math.abs(temperature - CALIBRATED_TEMPERATURE)).toBeLessThanOrEqual(0.1);
  });
});
