import type { Draft } from "./draft";

/** What every card of the session form gets: the draft, a patch function and the API's field errors. */
export interface CardProps {
  draft: Draft;
  set(patch: Partial<Draft>): void;
  fieldError(path: string): string | undefined;
  isNew: boolean;
  /** The saved session being edited (none while creating one). */
  sessionId?: string;
}
