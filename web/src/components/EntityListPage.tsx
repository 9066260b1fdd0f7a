import { Anchor, Button, Group, Modal, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { api } from "../api/client";
import type { Page } from "../api/types";
import { canWrite, useMe } from "../features/auth/session";
import { EntityForm, type FieldSpec, type FormValues } from "./EntityForm";
import { PageHeader } from "./PageHeader";

export interface Column<T> {
  label: string;
  render(item: T): ReactNode;
}

interface Props<T> {
  title: string;
  noun: string;
  path: string;
  /** Import/export entity name (docs/CSV.md), when the list has a CSV format. */
  csvEntity?: string;
  columns: Column<T>[];
  fields: FieldSpec[];
  initial?: FormValues;
  toPayload?(values: FormValues): unknown;
  searchable?: boolean;
  initialSearch?: string;
  extra?: ReactNode;
}

/** A searchable, paged list with create and archive, and CSV export when the entity has a format. */
export function EntityListPage<T extends { id: string; archivedAt?: string | null }>(props: Props<T>) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState(props.initialSearch ?? "");
  const [q] = useDebouncedValue(search.trim(), 250);
  const [creating, setCreating] = useState(false);
  const list = useInfiniteQuery({
    queryKey: ["reference", props.path, "list", q],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<Page<T>>(props.path, {
        ...(props.searchable !== false && q && { q }),
        limit: 50,
        cursor: pageParam,
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const writable = canWrite(me.data);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["reference", props.path] });
  const archive = async (item: T) => {
    try {
      await api.post(`${props.path}/${item.id}/archive`);
      notifications.show({ message: `${props.noun} archived` });
      await refresh();
    } catch (error) {
      notifications.show({ color: "red", message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <>
      <PageHeader
        title={props.title}
        actions={
          <>
            {props.csvEntity && (
              <Button component="a" variant="default" href={`/api/v1/exports/${props.csvEntity}`} download>
                Export CSV
              </Button>
            )}
            {writable && <Button onClick={() => setCreating(true)}>New {props.noun.toLowerCase()}</Button>}
          </>
        }
      />
      {props.searchable !== false && (
        <TextInput
          label={`Search ${props.title.toLowerCase()}`}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          maw={360}
          mb="sm"
        />
      )}
      <Table.ScrollContainer minWidth={600}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              {props.columns.map((c) => (
                <Table.Th key={c.label}>{c.label}</Table.Th>
              ))}
              {writable && (
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((item) => (
              <Table.Tr key={item.id}>
                {props.columns.map((c) => (
                  <Table.Td key={c.label}>{c.render(item)}</Table.Td>
                ))}
                {writable && (
                  <Table.Td>
                    <Anchor component="button" size="sm" c="dimmed" onClick={() => archive(item)}>
                      Archive
                    </Anchor>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length === 0 && !list.isPending && (
        <Text c="dimmed" mt="md">
          {q ? `No ${props.title.toLowerCase()} match “${q}”.` : `No ${props.title.toLowerCase()} yet.`}
        </Text>
      )}
      {list.hasNextPage && (
        <Group mt="md">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            Load more
          </Button>
        </Group>
      )}
      {props.extra}
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={`New ${props.noun.toLowerCase()}`}
        size="lg"
      >
        <EntityForm
          fields={props.fields}
          initial={props.initial}
          submitLabel="Create"
          onSubmit={async (values) => {
            await api.post(props.path, props.toPayload ? props.toPayload(values) : values);
            setCreating(false);
            notifications.show({ color: "teal", message: `${props.noun} created` });
            await refresh();
          }}
        />
      </Modal>
    </>
  );
}
