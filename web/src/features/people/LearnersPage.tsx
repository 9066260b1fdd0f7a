import { useSearch } from "@tanstack/react-router";
import { nameIndex, useClients } from "../../api/reference";
import type { Learner } from "../../api/types";
import { EntityListPage } from "../../components/EntityListPage";

export function LearnersPage() {
  const search = useSearch({ from: "/learners" });
  const clients = useClients();
  const clientNames = nameIndex(clients.data, (c) => c.name);
  return (
    <EntityListPage<Learner>
      title="Learners"
      noun="Learner"
      path="/learners"
      csvEntity="learners"
      initialSearch={search.q}
      columns={[
        { label: "Name", render: (l) => l.name },
        { label: "Email", render: (l) => l.email },
        { label: "Client", render: (l) => (l.clientId ? (clientNames.get(l.clientId) ?? "") : "individual") },
      ]}
      fields={[
        { name: "name", label: "Name", kind: "text", required: true },
        { name: "email", label: "Email", kind: "email", required: true },
        {
          name: "clientId",
          label: "Client",
          kind: "select",
          options: (clients.data ?? []).map((c) => ({ value: c.id, label: c.name })),
        },
      ]}
    />
  );
}
