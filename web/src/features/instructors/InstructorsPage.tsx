import { useSearch } from "@tanstack/react-router";
import { useLocations } from "../../api/reference";
import type { Instructor } from "../../api/types";
import { EntityListPage } from "../../components/EntityListPage";
import { AnchorLink } from "../../components/links";

export function InstructorsPage() {
  const search = useSearch({ from: "/instructors" });
  const locations = useLocations();
  return (
    <EntityListPage<Instructor>
      title="Instructors"
      noun="Instructor"
      path="/instructors"
      csvEntity="instructors"
      initialSearch={search.q}
      columns={[
        {
          label: "Name",
          render: (i) => (
            <AnchorLink to="/instructors/$instructorId" params={{ instructorId: i.id }}>
              {i.name}
            </AnchorLink>
          ),
        },
        { label: "Email", render: (i) => i.email },
        { label: "Kind", render: (i) => i.kind },
        { label: "Languages", render: (i) => i.languages.join(", ") },
      ]}
      initial={{ kind: "internal" }}
      fields={[
        { name: "name", label: "Name", kind: "text", required: true },
        { name: "email", label: "Email", kind: "email", required: true },
        {
          name: "kind",
          label: "Kind",
          kind: "select",
          required: true,
          options: [
            { value: "internal", label: "Internal" },
            { value: "contractor", label: "Contractor" },
          ],
        },
        {
          name: "homeLocationId",
          label: "Home location",
          kind: "select",
          options: (locations.data ?? []).map((l) => ({ value: l.id, label: l.name })),
        },
        { name: "dayRateMinor", label: "Day rate (cents)", kind: "number", min: 0 },
        { name: "hourRateMinor", label: "Hour rate (cents)", kind: "number", min: 0 },
        { name: "languages", label: "Languages", kind: "tags" },
      ]}
    />
  );
}
