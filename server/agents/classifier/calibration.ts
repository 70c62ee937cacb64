import type { LabelledExample } from "./corpus/index.ts";
import { trainClassifier } from "./model.ts";

// Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks"): one scalar that divides the
// logits, chosen to minimise log-loss on predictions the model did not train on. Fitted by k-fold cross-validation
// inside the examples given, so the held-out test split never informs it.

export function fitTemperature(
  examples: LabelledExample[],
  options: { folds?: number; grid?: number[] } = {},
): { temperature: number; logLoss: number } {
  const folds = options.folds ?? 5;
  const grid = options.grid ?? Array.from({ length: 25 }, (_, i) => Math.round((0.3 + i * 0.05) * 100) / 100);
  // log p at temperature 1 equals the logit minus a per-example constant, which softmax ignores.
  const outOfFold: Array<{ logits: number[]; label: number }> = [];
  for (let fold = 0; fold < folds; fold++) {
    const model = trainClassifier(examples.filter((_, i) => i % folds !== fold), { temperature: 1 });
    for (const example of examples.filter((_, i) => i % folds === fold)) {
      const { ranked } = model.classify(example.text);
      outOfFold.push({
        logits: ranked.map((r) => Math.log(Math.max(r.p, 1e-300))),
        label: ranked.findIndex((r) => r.intent === example.intent),
      });
    }
  }
  const logLoss = (t: number) =>
    outOfFold.reduce((sum, { logits, label }) => {
      const scaled = logits.map((l) => l / t);
      const max = Math.max(...scaled);
      const logZ = max + Math.log(scaled.reduce((s, l) => s + Math.exp(l - max), 0));
      return sum + (logZ - scaled[label]);
    }, 0) / outOfFold.length;
  return grid
    .map((temperature) => ({ temperature, logLoss: logLoss(temperature) }))
    .reduce((best, next) => (next.logLoss < best.logLoss ? next : best));
}
