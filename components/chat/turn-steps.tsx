import { Spinner } from "@/components/ui/spinner";
import { formatDuration } from "./answer-format";
import type { TurnStep } from "./types";

const STATE_LABEL: Record<TurnStep["state"], string> = { running: "in progress", done: "done", failed: "failed", stopped: "stopped" };

/** The agents of a turn, each with its state and how long it took. */
export function TurnSteps({ steps, live }: { steps: TurnStep[]; live: boolean }) {
  return (
    <ol className="turn-steps" aria-label="Steps" data-testid="turn-steps" data-state={live ? "running" : "finished"}>
      {steps.map((step) => (
        <li key={step.key} className={`turn-step turn-step--${step.state}`} data-testid="turn-step" data-state={step.state}>
          <span className="turn-step__icon" aria-hidden={step.state !== "running"}>
            {step.state === "running" ? <Spinner label="In progress" /> : step.state === "done" ? "✓" : step.state === "failed" ? "!" : "■"}
          </span>
          <span className="turn-step__title">{step.title}</span>
          <span className="visually-hidden">, {STATE_LABEL[step.state]}</span>
          {step.durationMs != null ? <span className="turn-step__time">{formatDuration(step.durationMs)}</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** After the turn: the same steps, folded away behind a one-line summary. */
export function TurnStepsSummary({ steps }: { steps: TurnStep[] }) {
  const total = steps.reduce((sum, s) => sum + (s.durationMs ?? 0), 0);
  const failed = steps.filter((s) => s.state === "failed").length;
  return (
    <details className="turn-steps-summary" data-testid="turn-steps-summary">
      <summary>
        {steps.length} step{steps.length === 1 ? "" : "s"}
        {total ? ` · ${formatDuration(total)}` : ""}
        {failed ? ` · ${failed} failed` : ""}
      </summary>
      <TurnSteps steps={steps} live={false} />
    </details>
  );
}
