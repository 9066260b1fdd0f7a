import { Badge, Group } from "@mantine/core";
import { useSearch } from "@tanstack/react-router";
import type { Course } from "../../api/types";
import { EntityListPage } from "../../components/EntityListPage";

const formats = [
  { value: "ilt", label: "In person" },
  { value: "vilt", label: "Virtual" },
  { value: "hybrid", label: "Hybrid" },
];

export function CoursesPage() {
  const search = useSearch({ from: "/courses" });
  return (
    <EntityListPage<Course>
      title="Courses"
      noun="Course"
      path="/courses"
      csvEntity="courses"
      initialSearch={search.q}
      columns={[
        { label: "Code", render: (c) => c.code },
        { label: "Title", render: (c) => c.title },
        {
          label: "Formats",
          render: (c) => (
            <Group gap={4}>
              {c.formats.map((f) => (
                <Badge key={f} variant="dot" size="sm">
                  {f}
                </Badge>
              ))}
            </Group>
          ),
        },
        { label: "Days", render: (c) => c.durationDays },
        { label: "Seats", render: (c) => `${c.minSeats}–${c.maxSeats}` },
        { label: "Needs", render: (c) => c.requiredQualifications.join(", ") },
      ]}
      initial={{ formats: ["ilt"], durationDays: 1, dayStartTime: "09:00", dayEndTime: "17:00" }}
      fields={[
        { name: "code", label: "Code", kind: "text", required: true },
        { name: "title", label: "Title", kind: "text", required: true },
        { name: "formats", label: "Formats", kind: "multi", options: formats },
        { name: "durationDays", label: "Days", kind: "number", min: 1 },
        { name: "dayStartTime", label: "Day starts", kind: "time" },
        { name: "dayEndTime", label: "Day ends", kind: "time" },
        { name: "minSeats", label: "Min seats", kind: "number", min: 0 },
        { name: "maxSeats", label: "Max seats", kind: "number", min: 1 },
        { name: "requiredQualifications", label: "Instructor qualifications needed", kind: "tags" },
        { name: "requiredRoomFeatures", label: "Room features needed", kind: "tags" },
      ]}
    />
  );
}
