import { Divider } from "@mantine/core";
import { useSearch } from "@tanstack/react-router";
import { nameIndex, useLocations } from "../../api/reference";
import type { Location, Room } from "../../api/types";
import { zoneField } from "../../components/EntityForm";
import { EntityListPage } from "../../components/EntityListPage";

export function LocationsPage() {
  const search = useSearch({ from: "/locations" });
  const locations = useLocations();
  const locationNames = nameIndex(locations.data, (l) => l.name);
  return (
    <>
      <EntityListPage<Location>
        title="Locations"
        noun="Location"
        path="/locations"
        initialSearch={search.q}
        columns={[
          { label: "Name", render: (l) => l.name },
          { label: "Code", render: (l) => l.code ?? "" },
          { label: "Time zone", render: (l) => l.timeZone },
        ]}
        fields={[
          { name: "name", label: "Name", kind: "text", required: true },
          { name: "code", label: "Code", kind: "text" },
          zoneField(),
        ]}
      />
      <Divider my="xl" />
      <EntityListPage<Room>
        title="Rooms"
        noun="Room"
        path="/rooms"
        csvEntity="rooms"
        columns={[
          { label: "Room", render: (r) => r.name },
          { label: "Location", render: (r) => locationNames.get(r.locationId) ?? "" },
          { label: "Seats", render: (r) => r.capacity },
          { label: "Features", render: (r) => r.features.join(", ") },
          { label: "Setup / teardown", render: (r) => `${r.setupMinutes} / ${r.teardownMinutes} min` },
        ]}
        fields={[
          {
            name: "locationId",
            label: "Location",
            kind: "select",
            required: true,
            options: (locations.data ?? []).map((l) => ({ value: l.id, label: l.name })),
          },
          { name: "name", label: "Name", kind: "text", required: true },
          { name: "capacity", label: "Seats", kind: "number", min: 1, required: true },
          { name: "features", label: "Features", kind: "tags" },
          { name: "setupMinutes", label: "Setup minutes", kind: "number", min: 0 },
          { name: "teardownMinutes", label: "Teardown minutes", kind: "number", min: 0 },
        ]}
      />
    </>
  );
}
