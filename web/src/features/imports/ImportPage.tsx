import {
  Alert,
  Anchor,
  Button,
  Card,
  FileInput,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, errorMessage, request } from "../../api/client";
import type { ImportReport } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";

const entities = [
  { value: "courses", label: "Courses" },
  { value: "rooms", label: "Rooms" },
  { value: "instructors", label: "Instructors" },
  { value: "learners", label: "Learners" },
];

/** The first rows of a CSV for the preview (quoted fields with commas and doubled quotes). */
function previewRows(text: string, limit = 8): string[][] {
  const rows: string[][] = [];
  let field = "";
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length && rows.length <= limit; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows.slice(0, limit + 1);
}

export function ImportPage() {
  const queryClient = useQueryClient();
  const [entity, setEntity] = useState<string>("learners");
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const dryRun = useMutation({
    mutationFn: async (text: string) =>
      request<ImportReport>("POST", `/imports/${entity}`, { csv: text, query: { dryRun: true } }),
    onSuccess: setReport,
  });
  const commit = useMutation({
    mutationFn: () => request<ImportReport>("POST", `/imports/${entity}`, { csv: csv! }),
    onSuccess: async (result) => {
      notifications.show({
        color: "teal",
        title: "Imported",
        message: `${result.created} ${entity} created`,
      });
      setReport(null);
      setFile(null);
      setCsv(null);
      await queryClient.invalidateQueries({ queryKey: ["reference"] });
    },
  });
  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setReport(null);
    commit.reset();
    if (!chosen) return setCsv(null);
    const text = await chosen.text();
    setCsv(text);
    dryRun.mutate(text);
  };
  const preview = csv ? previewRows(csv) : [];
  const commitError = commit.error instanceof ApiError ? commit.error : null;

  return (
    <>
      <PageHeader
        title="Import CSV"
        description={
          <>
            Every row is checked first; nothing is written until you confirm, and then all rows or none.{" "}
            Column formats are in docs/CSV.md; an export of the same list is a template.
          </>
        }
      />
      <Card withBorder mb="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label="What to import"
            data={entities}
            value={entity}
            allowDeselect={false}
            onChange={(value) => {
              setEntity(value ?? "learners");
              setReport(null);
              setFile(null);
              setCsv(null);
            }}
          />
          <FileInput
            label="CSV file"
            accept=".csv,text/csv"
            value={file}
            onChange={choose}
            clearable
            placeholder="Choose a file"
          />
          <Stack justify="flex-end">
            <Anchor href={`/api/v1/exports/${entity}`} download size="sm">
              Download the current {entity} as CSV
            </Anchor>
          </Stack>
        </SimpleGrid>
      </Card>
      {dryRun.error && (
        <Alert color="red" mb="md" role="alert">
          {errorMessage(dryRun.error)}
        </Alert>
      )}
      {report && (
        <Card
          withBorder
          mb="md"
          component="section"
          aria-labelledby="report-title"
          data-testid="import-report"
        >
          <Title order={2} size="h4" id="report-title" mb="xs">
            Check report
          </Title>
          <Group gap="xl" mb="sm">
            <Text size="sm">Rows read: {report.rows}</Text>
            <Text size="sm" c="teal.9">
              Valid: {report.valid}
            </Text>
            <Text size="sm" c={report.errorCount ? "red" : undefined}>
              Problems: {report.errorCount}
            </Text>
          </Group>
          {report.errors.length > 0 ? (
            <Table.ScrollContainer minWidth={500}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Row</Table.Th>
                    <Table.Th>Column</Table.Th>
                    <Table.Th>Problem</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.errors.map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: position in a list that has no ids of its own
                    <Table.Tr key={`${e.row}-${e.column}-${i}`}>
                      <Table.Td>{e.row}</Table.Td>
                      <Table.Td>{e.column}</Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : (
            <Text size="sm">Every row is valid.</Text>
          )}
          {commitError && (
            <Alert color="red" mt="sm">
              {commitError.message}
            </Alert>
          )}
          <Group mt="md">
            <Button
              disabled={report.errorCount > 0 || report.valid === 0}
              loading={commit.isPending}
              onClick={() => commit.mutate()}
            >
              Import {report.valid} {entity}
            </Button>
            {report.errorCount > 0 && (
              <Text size="sm" c="dimmed">
                Fix the problems in the file and choose it again.
              </Text>
            )}
          </Group>
        </Card>
      )}
      {preview.length > 1 && (
        <Card withBorder component="section" aria-labelledby="preview-title">
          <Title order={2} size="h5" id="preview-title" mb="xs">
            First rows of {file?.name}
          </Title>
          <Table.ScrollContainer minWidth={500}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  {preview[0]!.map((h, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: position in a list that has no ids of its own
                    <Table.Th key={`${h}-${i}`}>{h}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.slice(1).map((row, r) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: position in a list that has no ids of its own
                  <Table.Tr key={`row-${r}`}>
                    {row.map((cell, c) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: position in a list that has no ids of its own
                      <Table.Td key={`cell-${r}-${c}`}>{cell}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </>
  );
}
