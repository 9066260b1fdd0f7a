import { Badge } from "@mantine/core";

const colors: Record<string, string> = {
  draft: "gray",
  planned: "blue",
  confirmed: "teal",
  in_progress: "violet",
  completed: "green",
  cancelled: "red",
  postponed: "orange",
  requested: "yellow",
  accepted: "teal",
  declined: "red",
  withdrawn: "gray",
  blocking: "red",
  warning: "orange",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge
      color={colors[status] ?? "gray"}
      variant="dot"
      tt="none"
      maw="none"
      style={{ flexShrink: 0, minWidth: "fit-content" }}
    >
      {status.replace("_", " ")}
    </Badge>
  );
}
