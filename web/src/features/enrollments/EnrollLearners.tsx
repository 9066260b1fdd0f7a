import {
  Alert,
  Button,
  Card,
  FileInput,
  Group,
  List,
  MultiSelect,
  SimpleGrid,
  Text,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMemo, useState } from "react";
import { ApiError, api, request } from "../../api/client";
import type { Session } from "../../api/types";
import { type BulkResult, type LearnerOption, useEnrollmentWrite, useLearnerSearch } from "./api";

const outcome = (result: BulkResult["results"][number]) =>
  result.enrollment
    ? result.enrollment.status === "waitlisted"
      ? `waitlisted, position ${result.enrollment.waitlistPosition}`
      : result.enrollment.status.replace(/_/g, " ")
    : `not enrolled: ${result.error?.message ?? "refused"}`;

/** What a bulk enrollment did, learner by learner (refusals included). */
function BulkResults({ result, names }: { result: BulkResult; names: Map<string, string> }) {
  const refused = result.results.filter((r) => r.error).length;
  return (
    <Alert
      color={refused ? "orange" : "teal"}
      title={refused ? `${refused} of ${result.results.length} not enrolled` : "Done"}
      role="status"
      mt="sm"
    >
      <List size="sm">
        {result.results.map((r, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same learner can be listed twice
          <List.Item key={`${r.learnerId}-${index}`}>
            {names.get(r.learnerId) ?? r.learnerId}: {outcome(r)}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** A CSV's problems by row and column, or the request's message. */
function csvError(error: unknown): string | undefined {
  if (!error) return undefined;
  if (error instanceof ApiError && error.errors.length > 0)
    return error.errors
      .map(
        (e) =>
          `${e.row ? `row ${e.row}` : ""}${e.column ? ` (${e.column})` : ""}${e.row || e.column ? ": " : ""}${e.message}`,
      )
      .join("; ");
  return error instanceof Error ? error.message : String(error);
}

/** Enroll learners picked by search (several at once) or listed in a CSV file. */
export function EnrollLearners({ session }: { session: Session }) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const found = useLearnerSearch(debounced);
  const [selected, setSelected] = useState<string[]>([]);
  const [known, setKnown] = useState(() => new Map<string, LearnerOption>());
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);

  const options = useMemo(() => {
    const all = new Map(known);
    for (const learner of found.data?.items ?? []) all.set(learner.id, learner);
    return [...all.values()]
      .filter((l) => selected.includes(l.id) || found.data?.items.some((f) => f.id === l.id))
      .map((l) => ({ value: l.id, label: `${l.name} (${l.email})` }));
  }, [known, found.data, selected]);
  const names = useMemo(() => new Map([...known.values()].map((l) => [l.id, l.name])), [known]);

  const enroll = useEnrollmentWrite(session.id, (learnerIds: string[]) =>
    api.post<BulkResult>(`/sessions/${session.id}/enrollments/bulk`, { learnerIds }),
  );
  const upload = useEnrollmentWrite(session.id, async (csv: File) =>
    request<BulkResult>("POST", `/sessions/${session.id}/enrollments/bulk`, { csv: await csv.text() }),
  );
  const done = (bulk: BulkResult) => {
    setResult(bulk);
    const placed = bulk.results.filter((r) => r.enrollment).length;
    notifications.show({ color: "teal", message: `${placed} learner${placed === 1 ? "" : "s"} registered` });
  };
  const enrollError =
    enroll.error instanceof ApiError
      ? (enroll.error.fieldError("learnerIds") ?? enroll.error.message)
      : enroll.error?.message;

  return (
    <Card withBorder component="section" aria-labelledby="enroll-title">
      <Title order={2} size="h4" id="enroll-title" mb="xs">
        Enroll learners
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Learners past the last free seat go on the waitlist, in the order listed.
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setResult(null);
            enroll.mutate(selected, {
              onSuccess: (bulk) => {
                setSelected([]);
                done(bulk);
              },
            });
          }}
        >
          <MultiSelect
            label="Learners"
            description="Search by name or e-mail; pick several"
            placeholder={selected.length ? undefined : "Type to search"}
            searchable
            clearable
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: all }) => all}
            data={options}
            value={selected}
            onChange={(ids) => {
              const next = new Map(known);
              for (const learner of found.data?.items ?? [])
                if (ids.includes(learner.id)) next.set(learner.id, learner);
              setKnown(next);
              setSelected(ids);
            }}
            nothingFoundMessage={found.isFetching ? "Searching…" : "No learner matches"}
            error={enrollError}
          />
          <Group mt="sm">
            <Button type="submit" disabled={selected.length === 0} loading={enroll.isPending}>
              {selected.length > 1 ? `Enroll ${selected.length} learners` : "Enroll"}
            </Button>
          </Group>
        </form>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!file) return;
            setResult(null);
            upload.mutate(file, { onSuccess: done });
          }}
        >
          <FileInput
            label="Or a CSV file"
            description="With a learnerId or an email column; all rows or none"
            placeholder="Choose a file"
            accept=".csv,text/csv"
            value={file}
            onChange={(next) => {
              upload.reset();
              setFile(next);
            }}
            clearable
            error={csvError(upload.error)}
          />
          <Group mt="sm">
            <Button type="submit" variant="default" disabled={!file} loading={upload.isPending}>
              Enroll from the file
            </Button>
          </Group>
        </form>
      </SimpleGrid>
      {result && <BulkResults result={result} names={names} />}
    </Card>
  );
}
