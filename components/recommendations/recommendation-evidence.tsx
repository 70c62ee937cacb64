import { figureName, showFigure as show } from "./evidence-format";
import type { RecommendationEvidence } from "./types";

export function EvidenceFigures({ evidence }: { evidence: RecommendationEvidence }) {
  const figures = Object.entries(evidence.figures ?? {});
  if (figures.length === 0) return <p className="muted small">No figures recorded.</p>;
  return (
    <dl className="facts facts--figures" data-testid="rec-evidence-figures">
      {figures.map(([key, value]) => (
        <div key={key} className="facts__item">
          <dt>{figureName(key)}</dt>
          <dd>{show(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function EvidenceQueries({ evidence }: { evidence: RecommendationEvidence }) {
  const queries = evidence.queries ?? [];
  if (queries.length === 0) return <p className="muted small">No queries recorded.</p>;
  return (
    <ol className="evidence-queries">
      {queries.map((q, i) => (
        <li key={i} className="snippet" data-testid="rec-evidence-query">
          <div className="snippet__bar">
            <span>{q.description ?? `Query ${i + 1}`}</span>
            {q.period ? <span>{show(q.period)}</span> : null}
          </div>
          <pre data-testid="rec-evidence-sql">
            <code>{q.sql}</code>
          </pre>
          {q.params?.length ? (
            <div className="evidence-queries__params muted small">
              Parameters: <code>{q.params.map((p, n) => `$${n + 1} = ${show(p)}`).join(", ")}</code>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function AffectedResources({ resources }: { resources: unknown }) {
  const list = Array.isArray(resources) ? (resources as Record<string, unknown>[]) : [];
  if (list.length === 0) return <p className="muted small">Not tied to specific resources (an account-wide finding).</p>;
  const columns = [...new Set(list.flatMap((r) => (r && typeof r === "object" ? Object.keys(r) : [])))];
  return (
    <div className="table-wrap">
      <table className="table" data-testid="rec-affected-resources">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {figureName(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {list.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c} className="table__clip">
                  {show(r?.[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
