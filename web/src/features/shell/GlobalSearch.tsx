import { Combobox, Loader, Text, TextInput, useCombobox } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { api } from "../../api/client";
import type { Client, Course, Instructor, Learner, Page, Session } from "../../api/types";
import { formatRange } from "../../components/time";

interface Hit {
  key: string;
  group: string;
  label: string;
  detail?: string;
  go: () => void;
}

/** One box over the list endpoints' search filters: courses, sessions, instructors, learners, clients. */
export function GlobalSearch() {
  const navigate = useNavigate();
  const [value, setValue] = useState("");
  const [term] = useDebouncedValue(value.trim(), 250);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const results = useQuery({
    queryKey: ["search", term],
    enabled: term.length >= 2,
    queryFn: async (): Promise<Hit[]> => {
      const q = { q: term, limit: 5 };
      const [courses, instructors, learners, clients] = await Promise.all([
        api.get<Page<Course>>("/courses", q),
        api.get<Page<Instructor>>("/instructors", q),
        api.get<Page<Learner>>("/learners", q),
        api.get<Page<Client>>("/clients", q),
      ]);
      // Sessions have no text filter: the upcoming sessions of the matching courses.
      const from = new Date().toISOString();
      const sessions = (
        await Promise.all(
          courses.items
            .slice(0, 3)
            .map((course) => api.get<Page<Session>>("/sessions", { courseId: course.id, from, limit: 3 })),
        )
      ).flatMap((p) => p.items);
      return [
        ...sessions.map((s) => ({
          key: `s-${s.id}`,
          group: "Sessions",
          label: s.title,
          detail: formatRange(s.startsAt, s.endsAt, s.timeZone),
          go: () => navigate({ to: "/sessions/$sessionId", params: { sessionId: s.id } }),
        })),
        ...courses.items.map((c) => ({
          key: `c-${c.id}`,
          group: "Courses",
          label: `${c.code} · ${c.title}`,
          go: () => navigate({ to: "/courses", search: { q: c.code } }),
        })),
        ...instructors.items.map((i) => ({
          key: `i-${i.id}`,
          group: "Instructors",
          label: i.name,
          detail: i.email,
          go: () => navigate({ to: "/instructors/$instructorId", params: { instructorId: i.id } }),
        })),
        ...learners.items.map((l) => ({
          key: `l-${l.id}`,
          group: "Learners",
          label: l.name,
          detail: l.email,
          go: () => navigate({ to: "/learners", search: { q: l.email } }),
        })),
        ...clients.items.map((c) => ({
          key: `k-${c.id}`,
          group: "Clients",
          label: c.name,
          go: () => navigate({ to: "/clients", search: { q: c.name } }),
        })),
      ];
    },
  });
  const hits = results.data ?? [];
  const groups = [...new Set(hits.map((h) => h.group))];

  return (
    <Combobox
      store={combobox}
      width={380}
      position="bottom-end"
      onOptionSubmit={(key) => {
        hits.find((h) => h.key === key)?.go();
        setValue("");
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <TextInput
          aria-label="Search courses, sessions, instructors, learners and clients"
          placeholder="Search…"
          w={{ base: 150, sm: 260 }}
          value={value}
          rightSection={results.isFetching ? <Loader size="xs" /> : null}
          onChange={(event) => {
            setValue(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={term.length < 2}>
        <Combobox.Options mah={420} style={{ overflowY: "auto" }}>
          {hits.length === 0 && !results.isFetching && (
            <Combobox.Empty>Nothing found for “{term}”</Combobox.Empty>
          )}
          {groups.map((group) => (
            <Combobox.Group label={group} key={group}>
              {hits
                .filter((h) => h.group === group)
                .map((hit) => (
                  <Combobox.Option value={hit.key} key={hit.key}>
                    <Text size="sm">{hit.label}</Text>
                    {hit.detail && (
                      <Text size="xs" c="dimmed">
                        {hit.detail}
                      </Text>
                    )}
                  </Combobox.Option>
                ))}
            </Combobox.Group>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
