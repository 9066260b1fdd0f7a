import {
  Alert,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";

export type FieldSpec =
  | { name: string; label: string; kind: "text" | "email" | "time"; required?: boolean; description?: string }
  | { name: string; label: string; kind: "number"; required?: boolean; min?: number; description?: string }
  | { name: string; label: string; kind: "tags"; description?: string }
  | {
      name: string;
      label: string;
      kind: "select";
      required?: boolean;
      options: { value: string; label: string }[];
    }
  | { name: string; label: string; kind: "multi"; options: { value: string; label: string }[] };

export type FormValues = Record<string, unknown>;

const zones = Intl.supportedValuesOf("timeZone").map((z) => ({ value: z, label: z }));
export const zoneField = (name = "timeZone", label = "Time zone"): FieldSpec => ({
  name,
  label,
  kind: "select",
  required: true,
  options: zones,
});

/** A small form over field specs; the API's errors land next to the field their path names. */
export function EntityForm({
  fields,
  initial = {},
  submitLabel,
  onSubmit,
}: {
  fields: FieldSpec[];
  initial?: FormValues;
  submitLabel: string;
  onSubmit(values: FormValues): Promise<unknown>;
}) {
  const [values, setValues] = useState<FormValues>(initial);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: string, value: unknown) => setValues((v) => ({ ...v, [name]: value }));
  const fieldError = (name: string) => (error instanceof ApiError ? error.fieldError(name) : undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const payload = Object.fromEntries(
        Object.entries(values).filter(([, v]) => v !== "" && v !== undefined),
      );
      await onSubmit(payload);
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {fields.map((field) => {
            const common = { label: field.label, error: fieldError(field.name) };
            switch (field.kind) {
              case "number":
                return (
                  <NumberInput
                    key={field.name}
                    {...common}
                    required={field.required}
                    description={field.description}
                    min={field.min}
                    value={(values[field.name] as number | undefined) ?? ""}
                    onChange={(v) => set(field.name, typeof v === "number" ? v : undefined)}
                  />
                );
              case "tags":
                return (
                  <TagsInput
                    key={field.name}
                    {...common}
                    description={field.description ?? "Press Enter after each"}
                    value={(values[field.name] as string[] | undefined) ?? []}
                    onChange={(v) => set(field.name, v)}
                  />
                );
              case "select":
                return (
                  <Select
                    key={field.name}
                    {...common}
                    required={field.required}
                    searchable
                    clearable={!field.required}
                    data={field.options}
                    value={(values[field.name] as string | undefined) ?? null}
                    onChange={(v) => set(field.name, v ?? undefined)}
                  />
                );
              case "multi":
                return (
                  <MultiSelect
                    key={field.name}
                    {...common}
                    data={field.options}
                    value={(values[field.name] as string[] | undefined) ?? []}
                    onChange={(v) => set(field.name, v)}
                  />
                );
              default:
                return (
                  <TextInput
                    key={field.name}
                    {...common}
                    type={field.kind}
                    required={field.required}
                    description={field.description}
                    value={(values[field.name] as string | undefined) ?? ""}
                    onChange={(e) => set(field.name, e.currentTarget.value)}
                  />
                );
            }
          })}
        </SimpleGrid>
        {error && (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
