import {
  Card,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMemo } from "react";
import { useCourses, useLocations, usePlatforms, useRooms } from "../../api/reference";
import { type Format, segmentsForCourse } from "./draft";
import type { CardProps } from "./formCard";

const zones = Intl.supportedValuesOf("timeZone");

/** Course, title, format, seats and (new sessions) status. */
export function WhatCard({ draft, set, fieldError, isNew }: CardProps) {
  const courses = useCourses();
  const courseOptions = useMemo(
    () => (courses.data ?? []).map((c) => ({ value: c.id, label: `${c.code} · ${c.title}` })),
    [courses.data],
  );
  const chooseCourse = (courseId: string | null) => {
    const course = courses.data?.find((c) => c.id === courseId);
    if (!course) return set({ courseId });
    const firstDate = draft.segments[0]?.start.slice(0, 10) ?? new Date().toISOString().slice(0, 10);
    set({
      courseId,
      format: course.formats.includes(draft.format) ? draft.format : (course.formats[0] ?? "ilt"),
      maxSeats: course.maxSeats,
      // A new session takes the course's days and hours; an existing one keeps its dates.
      ...(isNew && { segments: segmentsForCourse(course, firstDate, draft.segments[0]?.roomId ?? null) }),
    });
  };

  return (
    <Card withBorder component="section" aria-labelledby="what-title">
      <Title order={2} size="h4" id="what-title" mb="sm">
        What
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Course"
          required
          searchable
          data={courseOptions}
          value={draft.courseId}
          onChange={chooseCourse}
          error={fieldError("courseId")}
          nothingFoundMessage="No course matches"
        />
        <TextInput
          label="Title"
          description="Leave empty to use the course title"
          value={draft.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
          error={fieldError("title")}
        />
        <div>
          <Text size="sm" fw={500} id="format-label" mb={4}>
            Format
          </Text>
          <SegmentedControl
            aria-labelledby="format-label"
            value={draft.format}
            onChange={(value) => set({ format: value as Format })}
            data={[
              { value: "ilt", label: "In person" },
              { value: "vilt", label: "Virtual" },
              { value: "hybrid", label: "Hybrid" },
            ]}
          />
          {fieldError("format") && (
            <Text c="red.9" size="xs" role="alert">
              {fieldError("format")}
            </Text>
          )}
        </div>
        <NumberInput
          label="Max seats"
          min={1}
          value={draft.maxSeats ?? ""}
          onChange={(value) => set({ maxSeats: typeof value === "number" ? value : null })}
          error={fieldError("maxSeats")}
        />
        {isNew && (
          <Select
            label="Status"
            data={[
              { value: "draft", label: "Draft" },
              { value: "planned", label: "Planned" },
            ]}
            value={draft.status}
            onChange={(value) => set({ status: (value as "draft" | "planned") ?? "draft" })}
            allowDeselect={false}
          />
        )}
      </SimpleGrid>
    </Card>
  );
}

/** Location, time zone and virtual platform. */
export function WhereCard({ draft, set, fieldError }: CardProps) {
  const rooms = useRooms();
  const locations = useLocations();
  const platforms = usePlatforms();
  const chooseLocation = (locationId: string | null) => {
    const location = locations.data?.find((l) => l.id === locationId);
    set({
      locationId,
      ...(location && { timeZone: location.timeZone }),
      segments: draft.segments.map((s) => ({
        ...s,
        roomId: rooms.data?.find((r) => r.id === s.roomId)?.locationId === locationId ? s.roomId : null,
      })),
    });
  };

  return (
    <Card withBorder component="section" aria-labelledby="where-title">
      <Title order={2} size="h4" id="where-title" mb="sm">
        Where
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Location"
          searchable
          clearable
          data={(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
          value={draft.locationId}
          onChange={chooseLocation}
          error={fieldError("locationId")}
        />
        <Select
          label="Time zone"
          description="Segment times are wall-clock in this zone"
          searchable
          data={zones}
          value={draft.timeZone}
          onChange={(value) => value && set({ timeZone: value })}
          allowDeselect={false}
          error={fieldError("timeZone")}
        />
        {draft.format !== "ilt" && (
          <Select
            label="Virtual platform"
            description="None chosen: a Jitsi meeting"
            clearable
            data={(platforms.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={draft.virtualPlatformId}
            onChange={(value) => set({ virtualPlatformId: value })}
            error={fieldError("virtualPlatformId")}
          />
        )}
      </SimpleGrid>
    </Card>
  );
}
