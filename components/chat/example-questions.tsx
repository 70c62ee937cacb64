"use client";

export const EXAMPLE_QUESTIONS = [
  "What were my top 5 services by cost last month?",
  "Why did our EC2 spend jump this week?",
  "Which resources are untagged, and what do they cost?",
  "How much could we save with Savings Plans?",
];

export function ExampleQuestions({ onPick }: { onPick: (question: string) => void }) {
  return (
    <ul className="chips" aria-label="Example questions">
      {EXAMPLE_QUESTIONS.map((question, i) => (
        <li key={question}>
          <button type="button" className="chip" onClick={() => onPick(question)} data-testid={`example-question-${i}`}>
            {question}
          </button>
        </li>
      ))}
    </ul>
  );
}
