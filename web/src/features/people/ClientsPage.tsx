import { useSearch } from "@tanstack/react-router";
import type { Client } from "../../api/types";
import { EntityListPage } from "../../components/EntityListPage";

export function ClientsPage() {
  const search = useSearch({ from: "/clients" });
  return (
    <EntityListPage<Client>
      title="Clients"
      noun="Client"
      path="/clients"
      initialSearch={search.q}
      columns={[
        { label: "Name", render: (c) => c.name },
        { label: "Code", render: (c) => c.code ?? "" },
        { label: "Contacts", render: (c) => c.contacts.map((p) => p.name).join(", ") },
      ]}
      fields={[
        { name: "name", label: "Name", kind: "text", required: true },
        { name: "code", label: "Code", kind: "text" },
      ]}
    />
  );
}
