import { Badge } from "@mantine/core";

const colors: Record<string, string> = {
  pending_approval: "orange",
  enrolled: "teal",
  waitlisted: "yellow",
  offered: "blue",
  attended: "green",
  no_show: "red",
  completed: "green",
  failed: "red",
  cancelled: "gray",
  transferred: "gray",
  present: "teal",
  late: "yellow",
  absent: "red",
  excused: "gray",
  queued: "gray",
  sending: "blue",
  sent: "teal",
  bounced: "red",
};

export function EnrollmentBadge({ status }: { status: string }) {
  return (
    <Badge
      color={colors[status] ?? "gray"}
      variant="dot"
      tt="none"
      maw="none"
      style={{ flexShrink: 0, minWidth: "fit-content" }}
    >
      {status.replace(/_/g, " ")}
    </Badge>
  );
}
