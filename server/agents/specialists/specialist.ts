import type { Database } from "../../adapters/db/database.ts";
import type { AgentType } from "../../generated/prisma/client.ts";
import type { AnswerSection } from "../answer.ts";
import type { QueryDimensions } from "../classifier/dimensions.ts";
import type { Intent } from "../classifier/intents.ts";
import { HardenedAgent, type ExecutionScope, type HardenedAgentOptions } from "../hardened-agent.ts";
import type { ResolvedScope } from "../scope.ts";

export interface SpecialistInput {
  question: string;
  intent: Intent;
  dimensions: QueryDimensions;
  scope: ResolvedScope;
}

/** A specialist answers one kind of question from the analytics and returns one section of the answer. */
export abstract class Specialist extends HardenedAgent<SpecialistInput, AnswerSection, AnswerSection> {
  abstract override readonly agentType: AgentType;
  /** What the steps indicator shows while it works. */
  abstract readonly title: string;

  constructor(
    protected readonly db: Pick<Database, "sql" | "prisma">,
    options?: HardenedAgentOptions,
  ) {
    super(options);
  }

  protected override describeInput(input: SpecialistInput): string {
    return input.question;
  }

  protected abstract answer(input: SpecialistInput, scope: ExecutionScope<AnswerSection>): Promise<AnswerSection>;

  protected execute(input: SpecialistInput, scope: ExecutionScope<AnswerSection>): Promise<AnswerSection> {
    return this.answer(input, scope);
  }
}

export const periodText = (scope: ResolvedScope) => `${scope.periodLabel} (${scope.period.start} to ${scope.period.end}, end exclusive)`;
