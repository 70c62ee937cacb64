import type { AnswerPayload } from "./types";

type Provenance = AnswerPayload["sections"][number]["provenance"][number];

const periodText = (period: Provenance["period"]) => {
  if (!period) return "All available data";
  const p = period as { start?: string; end?: string };
  return p.start && p.end ? `${p.start} to ${p.end} (end exclusive)` : JSON.stringify(period);
};

const filtersText = (filters: Provenance["filters"]) => {
  const parts = Object.entries((filters ?? {}) as Record<string, unknown>)
    .filter(([, v]) => v != null && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join(", ") : String(v)}`);
  return parts.length ? parts.join("; ") : "None";
};

/** The audit trail of an answer: what was understood, and every query behind every figure, with its parameters. */
export function HowComputed({ payload }: { payload: AnswerPayload }) {
  const sections = payload.sections.filter((s) => s.provenance.length > 0);
  return (
    <details className="how-computed" data-testid="how-computed">
      <summary>How this was computed</summary>
      <div className="how-computed__body">
        <dl className="how-computed__facts">
          <dt>Understood as</dt>
          <dd data-testid="how-computed-query">{payload.rewrittenQuery || "—"}</dd>
          {payload.referenceNote ? (
            <>
              <dt>Reference</dt>
              <dd>{payload.referenceNote}</dd>
            </>
          ) : null}
          <dt>Intent</dt>
          <dd>
            {payload.intent} <span className="muted">({Math.round(payload.confidence * 100)}% confidence)</span>
          </dd>
        </dl>
        {sections.length === 0 ? <p className="muted">No data queries were needed for this answer.</p> : null}
        {sections.map((section, si) => (
          <section key={`${section.agent}-${si}`} className="how-computed__section">
            <h4>{section.title}</h4>
            {section.provenance.map((p, pi) => (
              <div key={pi} className="how-computed__query" data-testid="how-computed-provenance">
                <p className="how-computed__desc">{p.description}</p>
                <dl className="how-computed__facts">
                  <dt>Period</dt>
                  <dd>{periodText(p.period)}</dd>
                  <dt>Filters</dt>
                  <dd>{filtersText(p.filters)}</dd>
                  <dt>Metric</dt>
                  <dd>{p.metric ?? "—"}</dd>
                  <dt>Table</dt>
                  <dd>
                    <code>{p.table}</code>
                  </dd>
                </dl>
                <pre className="how-computed__sql" data-testid="how-computed-sql">
                  <code>{p.sql.trim()}</code>
                </pre>
                {p.params.length ? (
                  <p className="how-computed__params">
                    Parameters:{" "}
                    {p.params.map((v, i) => (
                      <code key={i}>
                        ${i + 1} = {typeof v === "string" ? v : JSON.stringify(v)}
                      </code>
                    ))}
                  </p>
                ) : null}
              </div>
            ))}
          </section>
        ))}
      </div>
    </details>
  );
}
