import { uuidv7 } from "uuidv7";

/** UUIDv7: time-ordered, so ids sort by creation and index well; safe to expose. */
export const newId = (): string => uuidv7();
