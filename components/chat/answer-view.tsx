import { AnswerChartView } from "./answer-chart";
import { HowComputed } from "./how-computed";
import { Markdown } from "./markdown";
import { RecommendationCards } from "./recommendation-cards";
import { ReportDownload } from "./report-download";
import type { AnswerPayload, AnswerStatus } from "./types";

export function answerBadge(payload: AnswerPayload | undefined, status: AnswerStatus | undefined) {
  if (status === "cancelled") return { text: "Stopped — partial answer", tone: "warn" as const };
  if (status === "failed") return { text: "Incomplete — the answer could not be finished", tone: "danger" as const };
  if (payload?.partial) return { text: "Incomplete — part of the answer is missing", tone: "warn" as const };
  return null;
}

/** An assistant answer: the text, then per section its charts and recommendations, downloads and the audit trail. */
export function AnswerView({
  content,
  payload,
  status,
  onSuggest,
}: {
  content: string;
  payload?: AnswerPayload;
  status?: AnswerStatus;
  onSuggest?: (question: string) => void;
}) {
  const badge = answerBadge(payload, status);
  if (payload?.clarification) {
    // The question carries its own examples in quotes ("for example 'EC2 spend last month by region'").
    const examples = [...payload.clarification.matchAll(/'([^']{6,})'/g)].map((m) => m[1]!);
    return (
      <div className="answer answer--clarification" data-testid="answer-clarification">
        <p className="answer__eyebrow">A quick question first</p>
        <Markdown>{payload.clarification}</Markdown>
        {examples.length ? (
          <ul className="chips chips--inline" aria-label="Suggested questions">
            {examples.map((q) => (
              <li key={q}>
                <button type="button" className="chip" onClick={() => onSuggest?.(q)} disabled={!onSuggest} data-testid="clarification-suggestion">
                  {q}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  const many = (payload?.sections.length ?? 0) > 1;
  return (
    <div className="answer" data-testid="answer">
      {badge ? (
        <span className={`answer-badge answer-badge--${badge.tone}`} role="status" data-testid="answer-partial">
          {badge.text}
        </span>
      ) : null}
      <Markdown>{content}</Markdown>
      {payload?.wording?.summarised ? (
        <p className="answer__note" data-testid="answer-wording">
          The first paragraph was written by {payload.wording.model}; every figure in it was checked against the computed answer below it.
        </p>
      ) : null}
      {payload?.sections.map((section, i) =>
        section.charts.length || section.recommendations.length ? (
          <section key={`${section.agent}-${i}`} className="answer__visuals" aria-label={section.title}>
            {many ? <h3 className="answer__section-title">{section.title}</h3> : null}
            {section.charts.length ? (
              <div className="answer__charts">
                {section.charts.map((chart, ci) => (
                  <AnswerChartView key={ci} chart={chart} />
                ))}
              </div>
            ) : null}
            <RecommendationCards items={section.recommendations} />
          </section>
        ) : null,
      )}
      {payload?.report ? <ReportDownload report={payload.report} /> : null}
      {payload ? <HowComputed payload={payload} /> : null}
    </div>
  );
}
