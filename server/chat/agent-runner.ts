import type { SessionUser } from "../auth/users.ts";

/** One user turn handed to whatever answers it. */
export interface Turn {
  user: SessionUser;
  threadId: string;
  messageId: string;
  text: string;
}

/**
 * Answers turns. `startTurn` returns once the turn is accepted; the answer arrives as conversation events.
 * The agents issue plugs its supervisor in here.
 */
export interface AgentRunner {
  startTurn(turn: Turn): Promise<void>;
  /** Cancels the running turn of a thread, if any. */
  cancel?(threadId: string): Promise<boolean>;
}
