"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";

// Each one maps to an agent that answers it from the cost data (the demo dataset included).
export const EXAMPLE_QUESTIONS = [
  "What did we spend last month by service?",
  "Why did costs change this month compared to last month?",
  "Any cost anomalies in the last 30 days?",
  "Forecast our spend for the next 3 months",
  "Which resources should we rightsize?",
  "How well are our commitments utilised?",
];

export function ExampleQuestions({ onPick }: { onPick: (question: string) => void }) {
  const trpc = useTRPC();
  const status = useQuery(trpc.cost.status.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const range = status.data?.range as { start?: string; end?: string } | null | undefined;
  return (
    <>
      <ul className="chips" aria-label="Example questions">
        {EXAMPLE_QUESTIONS.map((question, i) => (
          <li key={question}>
            <button type="button" className="chip" onClick={() => onPick(question)} data-testid={`example-question-${i}`}>
              {question}
            </button>
          </li>
        ))}
      </ul>
      {status.data ? (
        <p className="data-note" data-testid="cost-data-note">
          {!status.data.hasData
            ? "No cost data is loaded yet: an administrator can import a billing export in Settings."
            : `${status.data.isDemo ? "Answers use the demo dataset" : "Answers use your cost data"}${
                range?.start && range?.end ? `, ${range.start} to ${range.end}` : ""
              }.`}
        </p>
      ) : null}
    </>
  );
}
