import { useSearch } from "@tanstack/react-router";
import { nameIndex, useLocations } from "../../api/reference";
import type { Equipment } from "../../api/types";
import { EntityListPage } from "../../components/EntityListPage";

export function EquipmentPage() {
  const search = useSearch({ from: "/equipment" });
  const locations = useLocations();
  const locationNames = nameIndex(locations.data, (l) => l.name);
  return (
    <EntityListPage<Equipment>
      title="Equipment"
      noun="Equipment"
      path="/equipment"
      initialSearch={search.q}
      columns={[
        { label: "Name", render: (e) => e.name },
        { label: "Kind", render: (e) => e.kind },
        { label: "Units", render: (e) => e.quantity },
        {
          label: "Kept at",
          render: (e) => (e.locationId ? (locationNames.get(e.locationId) ?? "") : "anywhere"),
        },
      ]}
      fields={[
        { name: "name", label: "Name", kind: "text", required: true },
        { name: "kind", label: "Kind", kind: "text", required: true, description: "e.g. laptop, projector" },
        { name: "quantity", label: "Units", kind: "number", min: 0, required: true },
        {
          name: "locationId",
          label: "Kept at",
          kind: "select",
          options: (locations.data ?? []).map((l) => ({ value: l.id, label: l.name })),
        },
      ]}
    />
  );
}
