import { Stack, Textarea } from "@mantine/core";
import type { Draft } from "./draft";
import { EquipmentCard, InstructorsCard } from "./ResourceCards";
import { WhatCard, WhereCard } from "./WhatWhereCards";
import { WhenCard } from "./WhenCard";

interface Props {
  draft: Draft;
  onChange(draft: Draft): void;
  fieldError(path: string): string | undefined;
  isNew: boolean;
  sessionId?: string;
}

/** The session's fields; every API error is shown next to the field its path names. */
export function SessionForm({ draft, onChange, fieldError, isNew, sessionId }: Props) {
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const card = { draft, set, fieldError, isNew, sessionId };
  return (
    <Stack gap="md">
      <WhatCard {...card} />
      <WhereCard {...card} />
      <WhenCard {...card} />
      <InstructorsCard {...card} />
      <EquipmentCard {...card} />
      <Textarea
        label="Notes"
        autosize
        minRows={2}
        value={draft.notes}
        onChange={(e) => set({ notes: e.currentTarget.value })}
        error={fieldError("notes")}
      />
    </Stack>
  );
}
